"""Work that waits for a window's first paint, so start-up never waits for it.

A zero-delay timer is not enough: Qt runs it before the first expose and paint of a window
that was just shown, so anything it builds still delays what the person first sees.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

PAINTED = "first_painted"


class _PaintWatcher(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.callback = callback
        self.done = False
        self.fallback_ms = fallback_ms
        window.installEventFilter(self)
        if window.isVisible():
            QTimer.singleShot(fallback_ms, self, self._fallback)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window:
            if event.type() == QEvent.Type.Paint:
                self.window.setProperty(PAINTED, True)
                QTimer.singleShot(0, self, self.fire)
            elif event.type() == QEvent.Type.Show:
                QTimer.singleShot(self.fallback_ms, self, self._fallback)
        return False

    def _fallback(self) -> None:
        # Shown but never painted (a platform that skips the paint of a covered window): do
        # the work anyway. A window hidden or closed before it painted does nothing.
        if self.window.isVisible():
            self.fire()

    def fire(self) -> None:
        if self.done:
            return
        self.done = True
        self.window.removeEventFilter(self)
        self.callback()
        self.deleteLater()


def after_first_paint(widget: QWidget, callback: Callable[[], None],
                      fallback_ms: int = 1000) -> None:
    """Run `callback` once `widget`'s window has painted for the first time (on the next turn
    of the event loop if it already has), or `fallback_ms` after it was shown if no paint
    came. A window never shown, or hidden before its first paint, runs nothing until shown."""
    window = widget.window()
    if window.property(PAINTED):
        QTimer.singleShot(0, widget, callback)
    else:
        _PaintWatcher(window, callback, fallback_ms)
