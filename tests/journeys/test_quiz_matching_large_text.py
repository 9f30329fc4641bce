"""A student who reads at twice the normal text size on a 1024x768 screen answers a matching
question: every choice is on screen in full (wrapped, never cut or elided), each row's
drop-down shows its letter whole and the chosen match in full beside it, nothing runs past the
right edge; a match made by key scrolls the next row into view; the drop-down opens on the
screen with every entry whole and a click in it makes the match; the answer is graded and
stored as made."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTextBrowser,
)

from tests.journeys.layout_matrix import SCREENS, fit
from tests.journeys.quiz_steps import LETTERS, question_on_screen, tick_only_types, user_db


def page_of(person, widget) -> QScrollArea:
    return next(s for s in person.widgets(QScrollArea)
                if s.widget() is not None and s.widget().isAncestorOf(widget))


def within_width(widget, scroll: QScrollArea) -> bool:
    """The widget lies inside the page's visible width (nothing past the right edge)."""
    left = widget.mapTo(scroll.viewport(), QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= scroll.viewport().width()


def in_view(widget, scroll: QScrollArea) -> bool:
    corner = widget.mapTo(scroll.viewport(), QPoint(0, 0))
    return scroll.viewport().rect().contains(QRect(corner, widget.size()))


def wrapped_whole(label: QLabel) -> bool:
    """A word-wrapped label tall enough for all its lines."""
    return label.wordWrap() and label.heightForWidth(label.width()) <= label.height() + 1


def letters_whole(combo: QComboBox) -> bool:
    """Every entry of the drop-down fits its edit field when chosen (no elided text)."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = combo.fontMetrics()
    return all(metrics.horizontalAdvance(combo.itemText(i)) <= field.width()
               for i in range(combo.count()))


def test_matching_at_double_text_size_on_a_small_screen(person):
    person.press("Ctrl+4")
    person.wait_for_text("Start 10 mixed questions")
    tick_only_types(person, {"Matching"})  # at normal size, where the boxes are in view
    person.double_the_text()
    fit(person.window, SCREENS["1024x768"])
    assert person.window.width() <= 1024
    person.press("Alt+S")  # &Start session
    person.wait_for_text("Question 1 of")
    shown = question_on_screen(person)
    assert shown.type == "matching"
    pairs = shown.question["pairs"]
    rights = [pairs[p]["right"] for p in shown.order]  # choice A, B, ... as shown

    # Every choice in full, lettered, wrapped inside the page's width.
    choices = [person.find(f"Choice {LETTERS[n]}: {text}", QLabel)
               for n, text in enumerate(rights)]
    scroll = page_of(person, choices[0])
    assert not scroll.horizontalScrollBar().isVisible()
    for label in choices:
        assert label.text() in rights and wrapped_whole(label), label.text()
        assert within_width(label, scroll), label.text()
    combos = [person.find(f"Match for {pair['left']}", QComboBox) for pair in pairs]
    for combo in combos:
        assert letters_whole(combo), [combo.itemText(i) for i in range(combo.count())]
        assert within_width(combo, scroll)

    # The first row by key: the letter of its match; the full text shows beside it and the
    # next row is scrolled into view, with the focus.
    assert person.focus() is combos[0]
    person.press(LETTERS[shown.order.index(0)])
    assert combos[0].currentData() == 0
    assert person.sees(f"{LETTERS[shown.order.index(0)]}. {pairs[0]['right']}")
    assert person.focus() is combos[1]
    person.wait_until(lambda: in_view(combos[1], scroll), timeout=1000,
                      what="the next row scrolled into view once the page has laid out")

    # The second row with the mouse: the drop-down opens on the screen, every entry whole.
    combos[1].setFocus()  # (the key left it there; a click does the same)
    person.click(combos[1])
    person.wait_until(lambda: combos[1].view().isVisible(), what="the drop-down open")
    view = combos[1].view()
    popup = view.window()
    screen = person.window.screen().geometry()
    top_left = popup.mapToGlobal(QPoint(0, 0))
    assert screen.contains(QRect(top_left, popup.size())), (top_left, popup.size())
    metrics = view.fontMetrics()

    def entry(row: int) -> QRect:
        """The part of the entry drawn in the open list."""
        rect = view.visualRect(combos[1].model().index(row, 0))
        return rect.intersected(view.viewport().rect())

    for row in range(combos[1].count()):
        assert metrics.horizontalAdvance(combos[1].itemText(row)) <= entry(row).width(), row
        assert entry(row).height() >= metrics.height()
    wanted = shown.order.index(1) + 1  # the entry after "—"
    # A person reads the list before clicking (Qt ignores a release that comes within a
    # double-click time of the press that opened it: the end of that same click).
    person.qtbot.wait(QApplication.doubleClickInterval() + 50)
    person.click(view.viewport(), at=entry(wanted).center())
    person.wait_until(lambda: not view.isVisible(), what="the drop-down closed")
    QApplication.processEvents()
    assert combos[1].currentData() == 1
    assert person.sees(f"{LETTERS[shown.order.index(1)]}. {pairs[1]['right']}")
    # Every row's chosen match (scrolled into view or not): wrapped whole, inside the width.
    chosen = [label for label in scroll.widget().findChildren(QLabel)
              if label.objectName() == "quiz_match_chosen" and label.isVisible()]
    assert len(chosen) == len(pairs)
    # Once the page has laid itself out for the new text (a moment after the choice).
    person.wait_until(lambda: all(wrapped_whole(label) for label in chosen), timeout=2000,
                      what="the chosen matches drawn whole")
    assert all(within_width(label, scroll) for label in chosen)

    # The rest by keys, Tab to the third row first; then submit.
    person.press("Tab")
    assert person.focus() is combos[2]
    for row in range(2, len(pairs)):
        person.press(LETTERS[shown.order.index(row)])
    person.press("Return")
    feedback = person.find("Feedback", QTextBrowser)
    person.wait_until(lambda: "✓ Correct" in feedback.toPlainText(), what="graded right")
    with user_db(person) as conn:
        row = conn.execute("SELECT response, correct FROM quiz_attempts").fetchone()
    assert json.loads(row["response"]) == list(range(len(pairs))) and row["correct"] == 1
