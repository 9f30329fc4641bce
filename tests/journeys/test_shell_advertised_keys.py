"""Every key the app advertises works as soon as its view is shown.

The test walks the shortcut table (desktop/core/shortcuts.py): for every key of every row of
the main window (menus, search, library, timeline, mechanism, drug comparison, glossary, quiz),
it brings the window to the state the row `needs` the way a person does (the view's own key,
clicks on visible buttons, a few keys), presses the key on whatever has the focus, and checks
that something a person can see happened: another view, the focus moved, text on screen, the
picture of the window, the clipboard, or a dialog opened (answered by closing it). A row whose
`needs` names a state this test does not know fails the test: add the state here when you add
such a row. The presenter's and the lessons dialog's keys are walked by their own journeys
(tests/journeys/test_presenter_*).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog

from desktop.core.shortcuts import SHORTCUTS, Shortcut
from tests.journeys.layout_matrix import click_tab
from tests.journeys.quiz_steps import tick_only_types
from tests.journeys.recall_steps import card_on_screen, type_into_gaps

WALKED_VIEWS = ("", "library", "timeline", "mechanism", "glossary", "quiz")
VIEW_KEYS = {"home": "Ctrl+1", "library": "Ctrl+2", "timeline": "Ctrl+3", "quiz": "Ctrl+4",
             "mechanism": "Ctrl+5"}


def _rows(view: str) -> list[Shortcut]:
    return [row for row in SHORTCUTS if row.view == view]


def _show(person, view: str) -> None:
    person.press(VIEW_KEYS[view])
    person.wait_until(lambda: person.window.current_key == view, what=f"{view} shown")


def _buttons(person) -> set[str]:
    return {b.accessibleName() or b.text().replace("&", "")
            for b in person.widgets(QAbstractButton)}


def _end_session(person) -> None:
    """Whatever session is on screen ends; the start screen is shown."""
    buttons = _buttons(person)
    if "End the session" in buttons or "Finish the exam" in buttons:
        if "Finish the exam" in buttons:
            person.answer_message("Yes")
            person.click("Finish the exam")
        else:
            person.click("End the session")
        person.wait_for_text("New session")
        person.click("New session")
        person.wait_for_text("Progress and statistics")
    if "Discard the unfinished session" in _buttons(person):
        person.click("Discard the unfinished session")


def _start_quiz(person, exam: bool = False, types: set[str] | None = None) -> None:
    _show(person, "quiz")
    _end_session(person)
    if exam or types:
        if exam:
            person.click(person.find("Exam", exact=False))
        if types:
            tick_only_types(person, types)
        person.click("Start the session set up above")
    else:
        person.click("Start 10 mixed questions")
    person.wait_for_text("Keys:")


def _ordering_item_selected(person) -> None:
    """An ordering question, its second item selected (the list has the focus)."""
    _start_quiz(person, types={"Ordering"})
    person.press("2")


def _review_answered(person) -> None:
    """A spaced-review card from Home's Study now, answered right (Good suggested)."""
    _show(person, "quiz")
    _end_session(person)
    _show(person, "home")
    person.wait_for_text("new cards today")
    person.click("Study now")
    person.wait_for_text("Question 1 of")
    card = card_on_screen(person)
    type_into_gaps(person, [b.answers[0] for b in card.blanks])
    person.press("Enter")
    person.wait_for_text("Correct")


def _glossary_history(person, back: bool) -> None:
    person.press("F2")
    for term in ("cereblon", "ikzf1"):
        person.press("Ctrl+Shift+G")
        person.type(term)
        person.press("Enter")
    person.wait_until(lambda: person.window.glossary.current_term == "ikzf1", what="IKZF1")
    person.click(person.find("Glossary entry", exact=False))
    if back:
        person.press("Backspace")
        person.wait_until(lambda: person.window.glossary.current_term == "cereblon",
                          what="back to cereblon")


def _import_selected(person) -> None:
    """One document of the person's own, chosen in the library table."""
    title = "Shortcut walk notes"
    if not person.sees(title):
        note = person.window.ctx.atlas.paths.data_dir / "shortcut walk.md"
        note.write_text(f"# {title}\n\nA note imported to try the Delete key.\n",
                        encoding="utf-8")
        person.answer_file_dialog(note)
        person.press("Ctrl+Shift+O")
        person.wait_for_text(title, timeout=15000)
    person.press("Ctrl+L")
    person.type(title)
    person.press("Down")
    person.wait_until(lambda: person.window.views["library"].table.hasFocus(), what="table")


def _event_chosen(person) -> None:
    """An event chosen in the chart, its details closed (Enter opens them again)."""
    person.press("Right")
    close = [b for b in person.widgets(QAbstractButton)
             if b.accessibleName() == "Close the event details"]
    if close:
        person.click(close[0])
    else:  # narrow: the details are a tab beside the list
        click_tab(person, "Events")
    person.press("Ctrl+3")


#: Before every key of a view: a place in the middle, so that every key has somewhere to go.
VIEW_PRIME: dict[str, Callable] = {
    "timeline": lambda person: (person.press("Home"), person.press("Right")),
}

#: How a person reaches each state a row may need (the view is shown first).
STATES: dict[str, Callable] = {
    "": lambda person: None,
    "search results": lambda person: (person.press("Ctrl+K"), person.type("cereblon"),
                                      person.wait_until(
                                          lambda: person.window.search_popup.shows_results(),
                                          what="results")),
    "library filter": lambda person: person.press("Ctrl+L"),
    "event chosen": _event_chosen,
    "event details": lambda person: person.press("Enter"),
    "story mode": lambda person: (person.click("Story mode"), person.press("Right")),
    "import selected": _import_selected,
    "mechanism step": lambda person: (person.press("Right"), person.press("Right")),
    "part focused": lambda person: None,
    "comparison": lambda person: (click_tab(person, "Drug comparison"), person.press("Down"),
                                  person.press("Down")),
    "glossary history": lambda person: _glossary_history(person, back=False),
    "glossary history back": lambda person: _glossary_history(person, back=True),
    # A single-best-answer question (a mixed session's first question is drawn at random;
    # in an ordering list the letters put the items in order: a row of their own).
    "question": lambda person: _start_quiz(person, types={"Single best answer"}),
    "ordering question": _ordering_item_selected,
    "multiple-select question": lambda person: _start_quiz(person, types={"Multiple select"}),
    "review answer": _review_answered,
    "exam": lambda person: (_start_quiz(person, exam=True), person.press("PgDown")),
}

#: A few keys need one more step than their row's state (nothing to undo yet, at an end).
BEFORE: dict[tuple[str, str], Callable] = {
    ("view.home", "Ctrl+1"): lambda person: person.press("Ctrl+2"),
    ("view.normal_text", "Ctrl+0"): lambda person: person.press("Ctrl+="),
    ("go.back", "Alt+Left"): lambda person: person.press("Ctrl+3"),
    ("go.forward", "Alt+Right"): lambda person: (person.press("Ctrl+3"),
                                                 person.press("Alt+Left")),
    ("search.move", "Up"): lambda person: person.press("Down"),
    ("timeline.fit", "0"): lambda person: person.press("+"),
    ("mechanism.zoom", "0"): lambda person: person.press("+"),
    ("glossary.into_list", "Down"): lambda person: (person.press("F2"),
                                                   person.type("cereb")),
}

#: Keys that leave the app or the test's window: checked last and on their own.
SKIP = {"file.quit"}


def _keys_to_press(row: Shortcut) -> list[str]:
    """Each key of a row; of a run ("1-9", "A-E") the first, as the row's test."""
    keys = []
    for key in row.keys:
        run = re.fullmatch(r"(\w)-(\w)", key)
        keys.append(run.group(1) if run else key)
    return keys


def _snapshot(person) -> tuple:
    window = person.window
    QApplication.processEvents()
    return (window.current_key, person.focus(), person.screen_text(),
            window.glossary.isVisible(), window.isFullScreen(),
            QApplication.clipboard().text(), window.grab().toImage())


def _press_and_see(person, key: str) -> bool:
    """Press `key`; True when a person can see that something happened."""
    dialogs: list[str] = []
    watching = {"on": True}

    def close_dialogs():
        if not watching["on"]:
            return
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.isVisible():
            dialogs.append(modal.windowTitle() or type(modal).__name__)
            modal.reject()
        QTimer.singleShot(20, close_dialogs)

    before = _snapshot(person)
    QTimer.singleShot(20, close_dialogs)
    person.press(key)
    person.qtbot.wait(30)
    watching["on"] = False
    after = _snapshot(person)
    return bool(dialogs) or before != after


def _reset(person) -> None:
    """Back to a neutral place: popups and panels closed, normal text size."""
    window = person.window
    if window.search_popup.isVisible():
        window.search_popup.hide()
    if window.isFullScreen():
        window.showNormal()
    if window.ctx.theme.font_scale != 1.0:
        window.ctx.theme.set_font_scale(1.0)
    if window.glossary.isVisible():
        window.glossary.hide()
    window.activateWindow()
    QApplication.processEvents()


@pytest.mark.parametrize("view", WALKED_VIEWS, ids=lambda v: v or "menus")
def test_every_advertised_key_does_something_in_its_view(person, view):
    QApplication.setCursorFlashTime(0)  # a blinking cursor is not an effect
    person.wait_for_text("Welcome to IMiD Atlas")
    person.click("Don't show the tour again")
    dead, unknown = [], []
    for row in _rows(view):
        if row.id in SKIP:
            continue
        if row.needs not in STATES:
            unknown.append(f"{row.id} needs {row.needs!r}")
            continue
        for key in _keys_to_press(row):
            _reset(person)
            if view and view != "glossary":
                _show(person, view)
            else:
                _show(person, "home")
            if view in VIEW_PRIME:
                VIEW_PRIME[view](person)
            STATES[row.needs](person)
            if (row.id, key) in BEFORE:
                BEFORE[(row.id, key)](person)
            if not _press_and_see(person, key):
                dead.append(f"{row.id}: {key} ({row.does}) did nothing a person could see")
    assert not unknown, "add these states to STATES: " + "; ".join(unknown)
    assert not dead, "\n".join(dead)


def test_ctrl_q_quits(person):
    person.press("Ctrl+Q")
    assert not person.window.isVisible()
