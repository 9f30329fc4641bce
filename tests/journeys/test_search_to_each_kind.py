"""A student searches (Ctrl+K) and opens, by keyboard, a glossary term, a study note, a
timeline event and a question; each opens where it belongs and the search field is empty
again for the next search. Question results show their stem only, and a search of nothing
but operators finds nothing and says why."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTextBrowser

from desktop.widgets.search_popup import ROLE_HTML
from tests.journeys.person import JourneyError


def search(person, text: str) -> QListWidget:
    person.press("Ctrl+K")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Search"
    assert field.text() == ""  # the last search was cleared when its result opened
    person.type(text)
    person.wait_until(lambda: person.find("Search results list", QListWidget).count(),
                      what=f"results for {text!r}")
    return person.find("Search results list", QListWidget)


def choose(person, results: QListWidget, kind: str) -> str:
    """Down until the chosen result is a `kind` ("Study note"); its title."""
    for _ in range(results.count()):
        item = results.currentItem()
        if item is not None and item.toolTip().startswith(f"{kind}: "):
            return item.toolTip().split(": ", 1)[1]
        person.press("Down")
    raise JourneyError(f"no {kind} among the results")


def reading(person, title: str) -> bool:
    """Whether `title` is on screen in a heading or a text being read (not a list row)."""
    return any(title in (w.text() if isinstance(w, QLabel) else w.toPlainText())
               for w in person.widgets(QLabel) + person.widgets(QTextBrowser))


def drawn(results: QListWidget) -> str:
    """The text the chosen result draws (title and snippet), tags removed."""
    return re.sub(r"<[^>]+>", "", results.currentItem().data(ROLE_HTML) or "")


def test_student_opens_a_term_a_note_an_event_and_a_question_from_search(person):
    results = search(person, "cereblon")
    title = choose(person, results, "Glossary term")
    assert title == "Cereblon"
    person.press("Return")
    person.wait_until(lambda: person.window.glossary.isVisible(), what="the glossary panel")
    assert person.sees("Cereblon", root=person.window.glossary)
    assert person.window.search_field.text() == ""

    results = search(person, "Kumar 2005")
    title = choose(person, results, "Study note")
    person.press("Return")
    person.wait_until(lambda: person.window.current_key == "library", what="the library")
    person.wait_until(lambda: reading(person, title), what=f"the note {title!r} open")

    results = search(person, "erythema nodosum leprosum approval")
    title = choose(person, results, "Timeline event")
    person.press("Return")
    person.wait_until(lambda: person.window.current_key == "timeline", what="the timeline")
    person.wait_until(lambda: reading(person, title), what=f"the event {title!r} open")

    results = search(person, "neosubstrates select all")
    title = choose(person, results, "Question")
    snippet = drawn(results)
    assert "True False" not in snippet and "Select all that apply" in title
    person.press("Return")
    person.wait_until(lambda: person.window.current_key == "quiz", what="the quiz")
    stem = person.find("Question", QTextBrowser)
    assert stem.toPlainText().startswith(title.rstrip("…")[:60])
    assert person.find("Question number", QLabel).text() == "Question 1 of 1"
    assert person.window.search_field.text() == ""

    # A search made only of operators and punctuation finds nothing, and says why.
    person.press("Ctrl+K")
    person.type('"AND OR (')
    person.wait_for_text("AND, OR, NOT and NEAR are not search operators here")
    listing = person.find("Search results list", QListWidget)
    assert listing.count() == 0
