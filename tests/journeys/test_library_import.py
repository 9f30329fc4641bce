"""A student imports a PDF, an HTML page and a Markdown file through File > Import documents
and the file dialog, then finds a word from each with Ctrl+K and opens it: each document is
read with its headings and paragraphs, and a question file chosen by mistake is refused with
what to do instead. Then they remove one: Enter on the question keeps it (No is the default);
Yes removes it and its copy."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QListWidget, QMessageBox, QTextBrowser

from tests.hostile.hostile_data import pdf_file, text_block
from tests.journeys.person import JourneyError


def paper_pdf() -> bytes:
    page = (text_block(72, 720, 20, ["Zebrafish fins and thalidomide"], bold=True)
            + text_block(72, 680, 14, ["Methods"], bold=True)
            + text_block(72, 655, 11, ["Embryos were exposed to the drug for two days and",
                                       "their fin buds were measured each morning."])
            + text_block(72, 610, 11, ["The zebrafish fins were shorter when cereblon",
                                       "could bind the drug, as in chicks."]))
    return pdf_file([page])


def papers(folder):
    folder.mkdir()
    (folder / "fins.pdf").write_bytes(paper_pdf())
    (folder / "ikaros.html").write_text(
        "<html><head><title>Ikaros and Aiolos</title></head><body><h1>Ikaros and Aiolos</h1>"
        "<h2>Degradation</h2><p>Lenalidomide makes cereblon tag <em>quokka-like</em> zinc "
        "fingers for destruction.</p></body></html>", "utf-8")
    (folder / "history.md").write_text(
        "# Narwhal notes on the thalidomide story\n\n## 1961\n\nThe drug was withdrawn "
        "after reports of limb defects.\n", "utf-8")
    (folder / "quiz.txt").write_text("::q1:: Cereblon is part of which ligase? "
                                      "{=CRL4 ~SCF ~APC}\n", "utf-8")
    return [folder / "fins.pdf", folder / "ikaros.html", folder / "history.md",
            folder / "quiz.txt"]


def find_and_open(person, word: str) -> str:
    """Ctrl+K, type `word`, go down to the first of your own documents, open it; its title."""
    person.press("Ctrl+K")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Search"
    person.type(word)
    person.wait_until(lambda: person.find("Search results list", QListWidget).count(),
                      what=f"results for {word!r}")
    results = person.find("Search results list", QListWidget)
    for _ in range(results.count()):
        item = results.currentItem()
        if item is not None and item.toolTip().startswith("My document: "):
            title = item.toolTip().split(": ", 1)[1]
            person.press("Return")
            return title
        person.press("Down")
    raise JourneyError(f"none of my documents among the results for {word!r}")


def reader(person) -> QTextBrowser:
    return person.find("Reader", QTextBrowser)


def my_documents(data_folder) -> list[str]:
    conn = sqlite3.connect(data_folder / "user.sqlite")
    try:
        return sorted(row[0] for row in conn.execute("SELECT title FROM imported_documents"))
    finally:
        conn.close()


def test_student_imports_a_pdf_an_html_page_and_markdown_and_finds_a_word_from_each(
        person, tmp_path, data_folder):
    files = papers(tmp_path / "my papers")
    person.answer_file_dialog(files)
    person.menu("File", "Import documents")
    person.check_dialogs()
    person.wait_for_text("Imported 3 document(s)", timeout=60000)
    # The question file chosen by mistake is refused, saying where it goes instead.
    assert person.sees("quiz.txt: not imported: this is a GIFT question file")
    assert person.sees("Import questions")

    title = find_and_open(person, "zebrafish")
    assert title == "Zebrafish fins and thalidomide"
    person.wait_until(lambda: person.window.current_key == "library", what="the library")
    page = reader(person)
    person.wait_until(lambda: "Methods" in page.toPlainText(), what="the PDF in the reader")
    # Its section heading is a heading, and its two paragraphs stay two paragraphs.
    assert "Methods" in [block.text() for block in _headings(page)]
    text = page.toPlainText()
    assert "measured each morning." in text and "as in chicks." in text
    assert text.index("measured each morning.") < text.index("The zebrafish fins")

    title = find_and_open(person, "quokka")
    assert title == "Ikaros and Aiolos"
    person.wait_until(lambda: "Degradation" in reader(person).toPlainText(),
                      what="the HTML page in the reader")
    assert "Degradation" in [block.text() for block in _headings(reader(person))]
    assert _italic(reader(person), "quokka-like")

    title = find_and_open(person, "narwhal")
    assert title == "Narwhal notes on the thalidomide story"
    person.wait_until(lambda: "withdrawn" in reader(person).toPlainText(),
                      what="the Markdown file in the reader")
    assert "1961" in [block.text() for block in _headings(reader(person))]
    # No year was guessed from the text: the year is left for the student to fill in.
    year = person.find("Year", QLineEdit)
    assert year.text() == ""

    # Removing it: a hurried Enter on the question keeps the document (No is the default).
    asked = []

    def press_enter(dialog):
        asked.append(dialog.text())
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    person.when_dialog(press_enter, kind=QMessageBox)
    person.click("Remove from the library")
    person.wait_until(lambda: asked, what="the question before removing")
    assert "Narwhal notes on the thalidomide story" in asked[0]
    assert "Narwhal notes on the thalidomide story" in my_documents(data_folder)
    copies = sorted(p.name for p in (data_folder / "imports").iterdir())
    assert len(copies) == 3
    # Answered Yes, it is gone, with its copy.
    person.answer_message("Yes", expect="Remove")
    person.click("Remove from the library")
    person.wait_for_text("Removed")
    assert my_documents(data_folder) == ["Ikaros and Aiolos", "Zebrafish fins and thalidomide"]
    assert len(list((data_folder / "imports").iterdir())) == 2


def _headings(browser: QTextBrowser) -> list:
    blocks, block = [], browser.document().begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            blocks.append(block)
        block = block.next()
    return blocks


def _italic(browser: QTextBrowser, words: str) -> bool:
    block = browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if words in fragment.text() and fragment.charFormat().fontItalic():
                return True
            iterator += 1
        block = block.next()
    return False
