"""Glossary journeys: F2, type a term, read its entry, follow "Used in" to where it is used."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QTextBrowser


def links(browser: QTextBrowser) -> list[tuple[str, str]]:
    """(text, address) of every link the person can see in a text view, in reading order."""
    found = []
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().isAnchor():
                found.append((fragment.text(), fragment.charFormat().anchorHref()))
            fragments += 1
        block = block.next()
    return found


def look_up(person, typed: str) -> QTextBrowser:
    """F2, type, Enter: the best match's entry."""
    person.press("F2")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Find a glossary term"
    person.type(typed)
    terms = person.find("Glossary terms", QListWidget)
    person.wait_until(lambda: terms.count() > 0, what="matching terms listed")
    person.press(Qt.Key.Key_Return)
    return person.find("Glossary entry", QTextBrowser)


def test_student_looks_up_a_term_with_a_typo_and_reads_its_entry(person):
    person.press("F2")
    count = person.find("Number of terms shown")
    person.wait_until(lambda: count.text().endswith("terms"), what="the terms counted")
    panel = person.find("Glossary panel")
    right = count.mapTo(panel, count.rect().topRight()).x()
    assert right <= panel.width() and count.width() >= \
        count.fontMetrics().horizontalAdvance(count.text())  # the count is not cut off
    person.press("F2")  # closes the panel again
    entry = look_up(person, "cerebon")  # a typo: still found
    person.wait_until(lambda: entry.toPlainText().startswith("Cereblon"), what="the entry")
    text = entry.toPlainText()
    assert "CRBN" in text and "Why it matters" in text
    person.wait_until(lambda: "Used in" in entry.toPlainText() and "Finding the notes"
                      not in entry.toPlainText(), what="the usages listed")
    assert any(href.startswith("event:") for _t, href in links(entry))
    assert any(href.startswith("doc:") for _t, href in links(entry))


def test_student_follows_used_in_to_an_event_and_a_note_and_back(person):
    entry = look_up(person, "crbn")  # the abbreviation
    person.wait_until(lambda: entry.toPlainText().startswith("Cereblon"), what="the entry")
    person.wait_until(lambda: any(h.startswith("event:") for _t, h in links(entry)),
                      what="the events that use it")

    # an event where cereblon is used: the timeline shows it, details open
    title, href = next((t, h) for t, h in links(entry) if h.startswith("event:"))
    person.click_link(entry, title, href="event:")
    person.wait_until(lambda: person.window.current_key == "timeline", what="the timeline")
    details = person.find("Event text, sources and terms", QTextBrowser)
    shown = title.rstrip("…").strip()
    person.wait_until(lambda: shown in details.toPlainText(), what=f"{title!r} in detail")
    assert "ereblon" in details.toPlainText()

    # a study note that uses it: the library reader shows the note
    title, href = next((t, h) for t, h in links(entry) if h.startswith("doc:"))
    person.click_link(entry, title, href="doc:")
    person.wait_until(lambda: person.window.current_key == "library", what="the library")
    reader = person.find("Reader", QTextBrowser)
    person.wait_until(lambda: title.rstrip("…").strip() in reader.toPlainText(),
                      what=f"the note {title!r}")
    assert "ereblon" in reader.toPlainText()

    # Back: the event again
    person.press("Alt+Left")
    person.wait_until(lambda: person.window.current_key == "timeline", what="back")
    assert "ereblon" in person.find("Event text, sources and terms",
                                    QTextBrowser).toPlainText()
    # the entry stayed open beside the views
    assert person.find("Glossary entry", QTextBrowser).toPlainText().startswith("Cereblon")


def test_terms_are_linked_in_the_texts_the_readme_names(person):
    from PySide6.QtWidgets import QTableView

    def terms_in(browser: QTextBrowser) -> set[str]:
        return {href for _t, href in links(browser) if href.startswith("term:")}

    # event details and story cards
    person.press("Ctrl+3")
    person.wait_for_text("in view")
    person.press(Qt.Key.Key_Home)
    person.press(Qt.Key.Key_Return)
    details = person.find("Event text, sources and terms", QTextBrowser)
    person.wait_until(lambda: terms_in(details), what="terms linked in the event's details")
    person.click("Story mode")
    story = person.find("Story text and sources", QTextBrowser)
    person.wait_until(lambda: terms_in(story), what="terms linked in the story card")
    person.press(Qt.Key.Key_Escape)

    # a mechanism step and a drug's comparison text
    person.press("Ctrl+5")
    person.wait_for_text("Overview")
    person.press(Qt.Key.Key_Right)
    step = person.find("Step text and sources", QTextBrowser)
    person.wait_until(lambda: terms_in(step), what="terms linked in the step")
    person.press("Alt+C")
    table = person.find("Drug comparison table", QTableView)
    person.wait_until(table.isVisible, what="the comparison")
    cell = table.model().index(1, 0)  # thalidomide: its chemical class (row 0 draws it)
    person.click(table.viewport(), at=table.visualRect(cell).center())
    detail = person.find("Cell text and sources", QTextBrowser)
    person.wait_until(lambda: terms_in(detail), what="terms linked in the cell's text")
    # the cell itself: the definitions of its terms on hover
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>Cereblon</b>: " in tip  # the thalidomide cell says the (S)-form binds cereblon
