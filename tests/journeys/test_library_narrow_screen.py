"""A student on a 1024x768 screen with 200% text reads the library beside the glossary panel:
the table takes the whole width above the reader and its titles wrap onto two lines (side by
side, the table was about 120 pixels and every title ended after a word or two); on a large
screen, the panel closed, the table and the reader are side by side again."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from tests.journeys.layout_matrix import SCREENS, dismiss_tour, fit, problems
from tests.journeys.test_library_reading import NOTE, open_note, title_cells_readable
from tests.journeys.test_views_large_text import text_at_200_percent


def shown_in_cell(table: QTableView, text: str, lines: int) -> str:
    """The part of `text` a title cell shows: the words that fit on `lines` lines of the
    column's width (the cell's margins taken off), as the table wraps them."""
    metrics = QFontMetrics(table.font())
    width = table.columnWidth(0) - 2 * (table.style().pixelMetric(
        table.style().PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    words, shown = text.split(), ""
    for count in range(1, len(words) + 1):
        candidate = " ".join(words[:count])
        box = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                   int(Qt.TextFlag.TextWordWrap), candidate)
        if box.height() > metrics.lineSpacing() * lines + 1:
            break
        shown = candidate
    return shown


def test_the_library_beside_the_glossary_on_a_small_screen_at_200_percent(person):
    window = person.window
    dismiss_tour(person)
    text_at_200_percent(person)
    fit(window, SCREENS["1024x768"])
    person.press("Ctrl+2")
    person.wait_until(lambda: window.current_key == "library", what="the library")
    person.press("F2")
    assert person.focus().accessibleName() == "Find a glossary term"
    reader = open_note(person)  # Ctrl+L, type, Down: the note in the reader
    table = person.find("Library table", QTableView)

    # The table has the library's whole width, the reader is under it (not a sliver beside).
    library = window.stack.currentWidget()
    table_box = QRect(table.mapTo(window, QPoint(0, 0)), table.size())
    reader_box = QRect(reader.mapTo(window, QPoint(0, 0)), reader.size())
    assert table.width() >= 350, table.width()  # it was about 120 pixels
    assert table.width() >= library.width() * 0.8, (table.width(), library.width())
    assert reader_box.top() > table_box.bottom()
    # the title has the table's width (the other columns give way: the reader shows them)
    # and the table does not scroll sideways
    assert table.columnWidth(0) >= table.viewport().width() - 2
    assert table.horizontalScrollBar().maximum() == 0

    # The title wraps: two lines of the row show the note's title up to its subject, where
    # one line stopped at "Study note: Drug insight:".
    lines = QFontMetrics(table.font()).lineSpacing()
    row = table.currentIndex().row()
    assert table.rowHeight(row) >= 2 * lines, (table.rowHeight(row), lines)
    assert table.wordWrap()
    shown = shown_in_cell(table, NOTE, 2)
    assert shown.startswith("Study note: Drug insight: thalidomide as a"), shown
    # at least the heading and two rows are in view, the reader keeps some lines
    assert table.viewport().height() >= 2 * table.rowHeight(row)
    assert reader.viewport().height() >= 2 * QFontMetrics(reader.font()).lineSpacing()
    # The buttons above take their short names: each reads whole, nothing lies outside.
    import_button = person.button("Import documents")
    assert import_button.text() == "Import…"
    assert "Import documents" in import_button.accessibleName()
    assert not [p for p in problems(window, SCREENS["1024x768"]) if "library" in p.lower()
                or "Import" in p or "Cite" in p]

    # The panel closed (F2 to its find box, F2 again) on a large screen: the reader is
    # beside the table again, the buttons have their long names.
    person.press("F2")
    assert person.focus().accessibleName() == "Find a glossary term"
    person.press("F2")
    person.wait_until(lambda: not window.glossary.isVisible(), what="the panel closed")
    fit(window, SCREENS["1920x1080"])
    person.wait_until(lambda: QRect(reader.mapTo(window, QPoint(0, 0)), reader.size()).left()
                      > QRect(table.mapTo(window, QPoint(0, 0)), table.size()).right(),
                      what="the reader beside the table")
    assert import_button.text() == "Import documents…"
    title_cells_readable(person, shown=(0, 2))
