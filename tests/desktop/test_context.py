"""The navigator's work deferred to the main window's first paint: run once, after that paint,
and never for a window closed before it painted (its databases may be closed with it)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop import context
from desktop.context import Navigator


class Window(QWidget):
    def __init__(self, navigator: Navigator, events: list[str]) -> None:
        super().__init__()
        self.navigator = navigator
        self.events = events

    def paintEvent(self, event) -> None:
        self.events.append("paint")
        self.navigator.window_painted()
        super().paintEvent(event)


def test_the_work_runs_once_after_the_first_paint(qtbot):
    events: list[str] = []
    navigator = Navigator()
    window = Window(navigator, events)
    qtbot.addWidget(window)
    navigator.after_first_paint(window, lambda: events.append("work"))
    window.show()
    qtbot.waitUntil(lambda: "work" in events)
    assert events.index("paint") < events.index("work")
    navigator.after_first_paint(window, lambda: events.append("later"))  # already painted
    qtbot.waitUntil(lambda: "later" in events)
    qtbot.wait(50)
    assert events.count("work") == 1 and events.count("later") == 1


def test_a_window_closed_before_its_first_paint_runs_nothing(qtbot, monkeypatch):
    monkeypatch.setattr(context, "AFTER_PAINT_FALLBACK_MS", 50)
    events: list[str] = []
    navigator = Navigator()
    window = QWidget()  # never tells the navigator it painted: the fallback fires
    qtbot.addWidget(window)
    navigator.after_first_paint(window, lambda: events.append("work"))
    window.show()
    window.close()
    qtbot.wait(300)
    assert events == []


def test_a_window_that_never_paints_still_gets_its_work(qtbot, monkeypatch):
    monkeypatch.setattr(context, "AFTER_PAINT_FALLBACK_MS", 50)
    events: list[str] = []
    navigator = Navigator()
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    navigator.after_first_paint(window, lambda: events.append("work"))
    qtbot.waitUntil(lambda: events == ["work"], timeout=2000)
