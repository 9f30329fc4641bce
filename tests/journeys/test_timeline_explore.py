"""Timeline journeys: filter, zoom, open an event, story mode, as a person does them."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTextBrowser

from tests.journeys.timeline_steps import (
    chart,
    event_list,
    filter_button,
    listed,
    marker_point,
    open_timeline,
    set_known_by,
    shown_counts,
    status,
    years_in_view,
)

MOUSE_WARNING = r'Mouse event "Mouse(Press|Release|ButtonDblClick)" not accepted'


def wheel(person, widget, clicks: int) -> None:
    """Turn the mouse wheel over the middle of `widget` (positive: away from the person)."""
    where = widget.rect().center()
    event = QWheelEvent(QPointF(where), QPointF(widget.mapToGlobal(where)), QPoint(0, 0),
                        QPoint(0, 120 * clicks), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def test_the_chart_keys_work_as_soon_as_the_timeline_is_shown(person):
    open_timeline(person)
    person.wait_until(lambda: person.focus() is chart(person), what="the chart has the focus")
    first, last = years_in_view(person)
    assert first < 1955 and last > 2025  # the whole history
    person.press("+")
    person.wait_until(lambda: years_in_view(person)[1] - years_in_view(person)[0]
                      < 0.7 * (last - first), what="zoomed in by +")
    person.press("0")
    person.wait_until(lambda: years_in_view(person) == (first, last), what="fitted by 0")
    person.press(Qt.Key.Key_Home)  # the first event
    person.press(Qt.Key.Key_Return)  # its details
    details = person.find("Event text, sources and terms", QTextBrowser)
    first_row = listed(person)[0]
    person.wait_until(lambda: first_row in details.toPlainText(), what="the first event shown")


def test_student_filters_the_timeline_by_lane_drug_text_and_year(person):
    open_timeline(person)
    shown, total = shown_counts(person)
    assert shown == total > 100

    # lanes: the menu stays open while two lanes are unticked
    lanes = filter_button(person, "Lanes")
    person.choose_from(lanes, "Clinical trials", "Drug development", stays_open=True)
    assert lanes.text() == "Lanes: 3 of 5"
    after_lanes, _ = shown_counts(person)
    assert 0 < after_lanes < total
    assert set(listed(person, 2)) == {"History and society", "Regulation and safety",
                                      "Mechanism discoveries"}
    person.choose_from(lanes, "Show all")
    assert shown_counts(person) == (total, total)

    # drugs: only the pomalidomide events
    drugs = filter_button(person, "Drugs")
    person.choose_from(drugs, "Thalidomide", "Lenalidomide", "Iberdomide", "Mezigdomide",
                       "Other or none", stays_open=True)
    assert drugs.text() == "Drugs: 1 of 6"
    pomalidomide, _ = shown_counts(person)
    assert 0 < pomalidomide < total
    assert all("Pomalidomide" in drugs_shown for drugs_shown in listed(person, 3))
    person.choose_from(drugs, "Show all")

    # text: typed in the filter field
    person.click(person.find("Filter timeline events by text", QLineEdit))
    assert isinstance(person.focus(), QLineEdit)
    person.type("cereblon")
    person.wait_until(lambda: shown_counts(person)[0] < total, what="the text filter applied")
    headlines = listed(person)
    assert headlines and len(headlines) == shown_counts(person)[0]
    assert any("ereblon" in h for h in headlines)
    person.press("Ctrl+A")
    person.press(Qt.Key.Key_Delete)
    person.wait_until(lambda: shown_counts(person) == (total, total), what="the filter cleared")

    # known by: later events are faded, nothing is hidden
    toolbar = [person.find("Export the timeline"), person.find("Known by year")]
    places = [w.mapTo(person.window, QPoint(0, 0)) for w in toolbar]
    set_known_by(person, 1993)
    assert re.search(r"\d+ faded \(after 1993\)", status(person)), status(person)
    assert shown_counts(person) == (total, total)
    assert [w.mapTo(person.window, QPoint(0, 0)) for w in toolbar] == places  # nothing moved


@pytest.mark.qt_log_ignore(MOUSE_WARNING)
def test_student_zooms_with_the_wheel_and_opens_an_event_with_a_click(person):
    open_timeline(person)
    widget = chart(person)
    first, last = years_in_view(person)
    wheel(person, widget.viewport(), 3)
    person.wait_until(lambda: years_in_view(person)[1] - years_in_view(person)[0]
                      < last - first, what="zoomed in by the wheel")
    zoomed = years_in_view(person)
    wheel(person, widget.viewport(), -2)
    person.wait_until(lambda: years_in_view(person)[1] - years_in_view(person)[0]
                      > zoomed[1] - zoomed[0], what="zoomed out by the wheel")

    # zoom in on the years of the cereblon discovery (keys), then click its marker
    person.click(person.button("Fit all"))
    person.click(widget.viewport(), at=QPoint(4, 4))
    assert person.focus() is widget
    for _ in range(4):
        person.press("+")
    x = marker_point(person, "ito-cereblon-2010")
    while not 0 <= x.x() < widget.viewport().width():  # not in view: step towards it
        person.press(Qt.Key.Key_Right if x.x() >= widget.viewport().width() else Qt.Key.Key_Left)
        x = marker_point(person, "ito-cereblon-2010")
    person.click(widget.viewport(), at=marker_point(person, "ito-cereblon-2010"))
    details = person.find("Event text, sources and terms", QTextBrowser)
    person.wait_until(lambda: "Cereblon identified" in details.toPlainText(),
                      what="the event's details")
    text = details.toPlainText()
    assert "2010" in text and "Sources" in text and "Disputed" in text
    row = event_list(person).selectionModel().currentIndex()
    assert "Cereblon identified" in row.siblingAtColumn(1).data()


def test_student_walks_a_story_with_the_keys(person):
    open_timeline(person)
    person.click("Story mode")
    card = person.find("Story card")
    person.wait_until(lambda: person.focus() is card, what="the card has the focus")
    position = person.find("Card 1 of", QLabel, exact=False)
    first = person.find("Card headline", QLabel).text()
    person.press(Qt.Key.Key_Right)
    assert position.text().startswith("2 of ")
    assert person.find("Card headline", QLabel).text() != first
    person.press(Qt.Key.Key_Space)
    person.press(Qt.Key.Key_PageDown)
    assert position.text().startswith("4 of ")
    person.press(Qt.Key.Key_Left)
    assert position.text().startswith("3 of ")
    person.press(Qt.Key.Key_End)
    total = position.text().split(" of ")[1]
    assert position.text() == f"{total} of {total}"
    person.press(Qt.Key.Key_Escape)
    person.wait_until(lambda: person.focus() is chart(person), what="back on the chart")
    assert person.sees("Showing")


def test_a_story_known_by_1993_tells_nothing_later(person):
    open_timeline(person)
    set_known_by(person, 1993)
    shown, total = shown_counts(person)
    assert shown == total  # faded, not hidden
    person.click("Story mode")
    card = person.find("Story card")
    person.wait_until(lambda: person.focus() is card, what="the card has the focus")
    position = person.find("Card 1 of", QLabel, exact=False)
    count = int(position.text().split(" of ")[1])
    assert 10 < count < total
    years = []
    for _ in range(count):
        date = person.find("Card date", QLabel).text()
        years.append(int(re.findall(r"\d{4}", date)[0]))
        person.press(Qt.Key.Key_Right)
    assert max(years) <= 1993 and min(years) < 1960
    assert person.sees(f"Filtered events ({count}: known by 1993)")
