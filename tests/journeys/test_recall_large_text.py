"""A student who reads at twice the normal text size studies a cloze card on the laptop: after
Enter the page scrolls to what they need, the verdict with the answer and the grade their
answer suggests, both in view without scrolling by hand."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPushButton, QScrollArea, QTextBrowser

from tests.journeys.recall_steps import card_on_screen, type_into_gaps


def in_view(widget, scroll: QScrollArea, top_px: int) -> bool:
    """Whether the first `top_px` pixels of `widget` show in the scroll area's viewport."""
    viewport = scroll.viewport()
    corner = widget.mapTo(viewport, QPoint(0, 0))
    shown = QRect(corner, widget.size()).intersected(viewport.rect())
    return shown.top() == corner.y() and shown.height() >= min(top_px, widget.height())


def test_feedback_and_grades_in_view_at_double_text_size(person):
    person.double_the_text()
    person.wait_for_text("10 new cards today")
    person.click("Study now")
    person.wait_for_text("Question 1 of 10")
    card = card_on_screen(person)
    type_into_gaps(person, ["no idea"] * len(card.blanks))
    person.press("Enter")
    person.wait_for_text("not the answer")
    feedback = person.find("Feedback", QTextBrowser)
    scroll = next(s for s in person.widgets(QScrollArea)
                  if s.widget() is not None and s.widget().isAncestorOf(feedback))
    line = feedback.fontMetrics().lineSpacing()
    again = person.find("Grade Again", QPushButton)
    assert again.isChecked()
    person.wait_until(lambda: in_view(feedback, scroll, 3 * line),
                      what="the verdict in view")
    assert in_view(again, scroll, again.height()), "the suggested grade is scrolled away"
    person.press("2")  # Hard, by key, while both are in view
    person.wait_for_text("Graded Hard")
    assert in_view(feedback, scroll, 3 * line)
    person.press("Ctrl+0")  # back to normal text
