"""Which screen shows the slides and which the presenter view.

A projector is usually a second screen beside the laptop: the slides go there and the
presenter view stays on the laptop. With one screen, or with the displays mirrored (both
showing the same picture), the slides run alone.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen


def mirrors(a: QScreen, b: QScreen) -> bool:
    """Whether two screens show the same picture (the same place on the desktop)."""
    return a is b or a.geometry() == b.geometry()


def projector_screen(teacher: QScreen | None) -> QScreen:
    """The default screen for the slides: the largest screen other than the teacher's, or
    the teacher's when there is no other."""
    screens = QGuiApplication.screens()
    teacher = teacher or QGuiApplication.primaryScreen()
    others = [s for s in screens if not mirrors(s, teacher)]
    if not others:
        return teacher
    return max(others, key=lambda s: s.geometry().width() * s.geometry().height())


def console_screen(projector: QScreen, teacher: QScreen | None) -> QScreen | None:
    """The screen for the presenter view: the teacher's, or any other screen that does not
    mirror the projector; None when the slides must run alone."""
    candidates = [teacher] if teacher is not None else []
    candidates += QGuiApplication.screens()
    for screen in candidates:
        if screen is not None and not mirrors(screen, projector):
            return screen
    return None
