"""What a person looks at and uses on the timeline, shared by the timeline journeys: the
status line under the chart, the chart itself, the event list, the filter controls."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QSlider, QTableView, QToolButton, QWidget

STATUS = re.compile(r"Showing (\d+) of (\d+) events")
IN_VIEW = re.compile(r"((?:[A-Z][a-z]{2} )?\d{4}) to ((?:[A-Z][a-z]{2} )?\d{4}) in view")


def open_timeline(person) -> None:
    """Ctrl+3, as the View menu and the list of views say."""
    person.press("Ctrl+3")
    person.wait_for_text("in view")


def status(person) -> str:
    return person.find("Timeline status", QLabel).text()


def shown_counts(person) -> tuple[int, int]:
    """(events shown, events in all) from the status line."""
    found = STATUS.search(status(person))
    assert found, status(person)
    return int(found.group(1)), int(found.group(2))


def years_in_view(person) -> tuple[float, float]:
    """The first and last year in view, as the status line says (months as fractions)."""
    found = IN_VIEW.search(status(person))
    assert found, status(person)

    def year(text: str) -> float:
        month, _, number = text.rpartition(" ")
        months = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                  "Nov", "Dec"]
        return int(number) + (months.index(month) - 1) / 12 if month else int(number)

    return year(found.group(1)), year(found.group(2))


def chart(person) -> QWidget:
    return person.find("Timeline chart")


def event_list(person) -> QTableView:
    return person.find("Timeline events", QTableView)


def listed(person, column: int = 1) -> list[str]:
    """The texts of one column of the event list (1: headlines), top to bottom."""
    table = event_list(person)
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def marker_point(person, event_id: str):
    """Where the marker of an event is drawn on the chart (viewport pixels)."""
    widget = chart(person)
    mark = widget.layout.by_id[event_id]
    x = (mark.x0 + mark.x1) / 2 if mark.is_period else mark.x0
    return widget.data_transform().map(QPointF(x, mark.y)).toPoint()


def filter_button(person, title: str) -> QToolButton:
    return person.find(f"{title} filter", QToolButton)


def known_by_slider(person) -> QSlider:
    return person.find("Known by year", QSlider)


def set_known_by(person, year: int) -> None:
    """Alt+K (the label's mnemonic) to the slider, Home, then Right until it says `year`."""
    person.press("Alt+K")
    slider = known_by_slider(person)
    assert person.focus() is slider
    person.press(Qt.Key.Key_Home)
    label = person.find("Known by", QLabel, exact=False)
    for _ in range(200):
        if label.text().replace("&", "") == f"Known by: {year}":
            return
        person.press(Qt.Key.Key_Right)
    raise AssertionError(f"the slider never said {year}: {label.text()!r}")
