"""Library journeys: read a study note and follow its links; the table beside a side panel
and at large text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLineEdit, QTableView, QTextBrowser

NOTE = "Study note: Drug insight: thalidomide as a treatment for multiple myeloma"


def open_note(person) -> QTextBrowser:
    """Ctrl+L (the library's filter), type, Down into the table: the note is in the reader."""
    person.press("Ctrl+L")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Filter the library"
    person.type("drug insight thalidomide")
    person.press(Qt.Key.Key_Down)
    table = person.find("Library table", QTableView)
    assert person.focus() is table
    assert table.currentIndex().siblingAtColumn(0).data() == NOTE
    reader = person.find("Reader", QTextBrowser)
    person.wait_until(lambda: "What it argues" in reader.toPlainText(), what="the note shown")
    return reader


def title_cells_readable(person, shown=(0, 2)) -> None:
    """The Title column shows titles, not a 20-pixel "…": at least 18 characters' width, no
    column narrower than its heading, no sideways scrolling, the first title legible; the
    columns `shown` (the title and the year) are there."""
    table = person.find("Library table", QTableView)
    header = table.horizontalHeader()
    metrics = QFontMetrics(table.font())
    width = table.columnWidth(0)
    assert width >= metrics.horizontalAdvance("M") * 18, width
    columns = [c for c in range(header.count()) if not table.isColumnHidden(c)]
    assert set(shown) <= set(columns), columns
    for column in columns:
        assert table.columnWidth(column) >= header.sectionSizeHint(column), column
    shown = metrics.elidedText(NOTE, Qt.TextElideMode.ElideRight, width - 8)
    assert shown.startswith("Study note: Drug"), shown
    viewport = table.viewport().width()
    assert sum(table.columnWidth(c) for c in columns) <= viewport + 2  # no sideways scroll


def test_student_reads_a_note_and_follows_a_term_a_reference_and_an_event(person):
    reader = open_note(person)

    # a glossary term: the panel opens on its entry, the note stays in the reader
    person.click_link(reader, "Cereblon", href="term:")
    entry = person.find("Glossary entry", QTextBrowser)
    person.wait_until(lambda: entry.toPlainText().startswith("Cereblon"),
                      what="the cereblon entry")
    assert "What it argues" in reader.toPlainText()
    title_cells_readable(person)  # the table beside the glossary panel

    # a reference: the reader shows it; Back returns to the note
    person.click_link(reader, "Kumar 2005", href="ref:")
    person.wait_until(lambda: "What it argues" not in reader.toPlainText(),
                      what="the reference shown")
    assert "Kumar" in reader.toPlainText() and "Nature Clinical Practice Oncology" in \
        reader.toPlainText()
    person.press("Alt+Left")
    person.wait_until(lambda: "What it argues" in reader.toPlainText(), what="back to the note")

    # a timeline event: the timeline opens on it with its details; Back returns
    person.click_link(reader, "identified in 2010", href="event:")
    details = person.find("Event text, sources and terms", QTextBrowser)
    person.wait_until(lambda: "Cereblon identified" in details.toPlainText(),
                      what="the event's details")
    assert person.window.current_key == "timeline"
    assert "12 Mar 2010" in details.toPlainText()
    person.press("Alt+Left")
    person.wait_until(lambda: person.window.current_key == "library", what="back to the library")
    reader = person.find("Reader", QTextBrowser)
    assert "What it argues" in reader.toPlainText()


def test_the_title_column_stays_readable_at_large_text(person):
    open_note(person)
    table = person.find("Library table", QTableView)
    normal = table.font().pointSizeF()
    for _ in range(10):  # Ctrl+= until the text is 1.6 times its normal size
        if table.font().pointSizeF() >= 1.55 * normal:
            break
        person.press("Ctrl+=")
        person.qtbot.wait(20)
    assert table.font().pointSizeF() >= 1.55 * normal
    person.qtbot.wait(50)
    title_cells_readable(person)
    person.press("F2")
    assert person.focus().accessibleName() == "Find a glossary term"
    person.qtbot.wait(50)
    # beside the panel, at 1.6x text in a 1200-pixel window, the table is about 330 pixels:
    # the title keeps its 18 characters, the other columns give way (the reader shows them)
    title_cells_readable(person, shown=(0,))
