"""Work deferred to a window's first paint runs after that paint, never before it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.widgets.first_paint import after_first_paint


class Recorder(QWidget):
    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def paintEvent(self, event) -> None:
        self.events.append("paint")
        super().paintEvent(event)


def test_the_work_waits_for_the_first_paint(qtbot):
    events: list[str] = []
    window = Recorder(events)
    qtbot.addWidget(window)
    after_first_paint(window, lambda: events.append("work"))
    window.show()
    qtbot.waitUntil(lambda: "work" in events)
    assert events.index("paint") < events.index("work")
    assert events.count("work") == 1


def test_a_window_already_painted_runs_the_work_on_the_next_turn(qtbot):
    events: list[str] = []
    window = Recorder(events)
    qtbot.addWidget(window)
    after_first_paint(window, lambda: events.append("first"))
    window.show()
    qtbot.waitUntil(lambda: "first" in events)
    after_first_paint(window, lambda: events.append("second"))
    assert "second" not in events
    qtbot.waitUntil(lambda: "second" in events, timeout=500)


def test_a_window_closed_before_it_painted_does_no_work_until_shown_again(qtbot):
    """A window closed at once (its data closed with it) must not run the work later."""
    events: list[str] = []
    window = Recorder(events)
    qtbot.addWidget(window)
    after_first_paint(window, lambda: events.append("work"), fallback_ms=50)
    window.show()
    window.close()
    qtbot.wait(200)
    assert "work" not in events
    window.show()
    qtbot.waitUntil(lambda: "work" in events, timeout=2000)
    assert events.count("work") == 1
