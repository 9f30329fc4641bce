"""A teacher starts a lesson from a suggested era lesson, renames and saves it, duplicates it,
sends it to a colleague as a lesson file (the colleague imports it), and prints a 6-up US
Letter handout with lines for notes; the PDF is read back and its first page looked at."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
)

from desktop.core.presenter.handout import PAPER_SIZES, handout_layout
from desktop.presenter.lesson_dialog import HandoutDialog
from tests.journeys.handout_steps import ink, no_pictures, pdf_pages, render_page, ruled_rows

NAME = "Year 2: the thalidomide years"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_teacher_shares_a_suggested_lesson_and_prints_six_up_letter(person, tmp_path):
    lesson_file = tmp_path / "for a colleague.lesson.json"
    handout = tmp_path / "year 2 handout.pdf"
    seen: dict = {}

    def share(dialog: QDialog) -> None:
        person.wait_until(lambda: QApplication.activeWindow() is dialog,
                          what="the Lessons dialog active")
        slides = person.find("Slides of the lesson", QListWidget, dialog)
        status = person.find("Lesson status", root=dialog)
        # start from the first era's suggested lesson: type-ahead on the suggestions
        person.press("Alt+F")
        combo = person.focus()
        assert isinstance(combo, QComboBox) and combo.accessibleName() == "Suggested lessons"
        person.type("E")
        person.wait_until(lambda: slides.count() > 0, what="the suggested slides")
        assert status.text().startswith("Started from the suggested lesson 'Era:")
        count = re.search(r"(\d+) slides", person.find("Slide count", root=dialog).text())
        assert count and int(count.group(1)) == slides.count()
        seen["slides"] = [slides.item(i).text() for i in range(slides.count())]
        kinds = {text.split(":", 1)[0] for text in seen["slides"]}
        assert {"Era overview", "Event", "Question", "Term"} <= kinds, kinds
        # rename and save
        person.press("Alt+M")
        assert isinstance(person.focus(), QLineEdit)
        person.press("Ctrl+A")
        person.type(NAME)
        person.press("Alt+S")  # a mnemonic clicks its button a moment later, as it shows
        person.wait_until(lambda: status.text() == f"Saved '{NAME}'.", what="saved")
        # duplicate: a second lesson to change freely
        saved = person.find("Saved lessons", QListWidget, dialog)
        person.press("Alt+L")
        person.wait_until(lambda: "Duplicated as" in status.text(), what="duplicated")
        person.wait_until(lambda: saved.count() == 2, what="two saved lessons")
        copy_name = person.find("Lesson name", QLineEdit, dialog).text()
        assert copy_name != NAME and NAME in copy_name
        # the duplicate goes again (Delete, Yes)
        person.answer_message("Yes", expect="Delete the lesson")
        person.press("Alt+D")
        person.wait_until(lambda: saved.count() == 1, what="the copy deleted")
        # open the lesson and export it as a file for a colleague
        person.click(saved.viewport(), at=saved.visualItemRect(saved.item(0)).center())
        person.wait_until(lambda: person.find("Lesson name", QLineEdit, dialog).text() == NAME,
                          what="the lesson opened")
        person.answer_file_dialog(lesson_file)
        person.press("Alt+X")
        person.wait_until(lambda: lesson_file.exists(), what="the lesson file written")
        assert "send this file to a colleague" in status.text()
        # the colleague's copy of the app imports it
        person.answer_file_dialog(lesson_file)
        person.press("Alt+O")
        person.wait_until(lambda: saved.count() == 2, what="the lesson imported")
        assert status.text().startswith(f"Imported '{NAME}")
        assert [slides.item(i).text() for i in range(slides.count())] == seen["slides"]

        # a 6-up handout on US Letter with lines for notes
        def options(shown: QDialog) -> None:
            assert shown.windowTitle() == "Handout"
            person.wait_until(lambda: QApplication.activeWindow() is shown,
                              what="the Handout dialog active")
            six = person.find("6 slides per page", QAbstractButton, shown)
            person.click(six)
            person.press("Alt+P")
            paper = person.focus()
            assert isinstance(paper, QComboBox) and paper.accessibleName() == "Paper size"
            person.type("U")
            assert paper.currentText().startswith("US Letter")
            lines = person.find("Lines for notes under each slide", QAbstractButton, shown)
            if not lines.isChecked():
                person.click(lines)
            person.click(person.button("Export PDF", shown))

        person.when_dialog(options, kind=HandoutDialog)  # (the Lessons dialog stays open)
        person.answer_file_dialog(handout)
        person.press("Alt+H")
        person.wait_until(lambda: person.sees("Handout written", dialog),
                          what="the handout written")
        person.click(person.button("Close", dialog))

    person.when_dialog(share, timeout=60000)
    person.menu("View", "Lessons")
    person.check_dialogs()

    # the lesson file is plain JSON naming the records, read back as a colleague's app does
    shared = json.loads(lesson_file.read_text(encoding="utf-8"))
    assert shared["name"] == NAME and len(shared["slides"]) == len(seen["slides"])
    assert all(set(s) == {"kind", "id"} for s in shared["slides"])
    database = person.window.ctx.atlas.paths.data_dir / "user.sqlite"
    with sqlite3.connect(database) as connection:
        names = sorted(row[0] for row in connection.execute("SELECT name FROM lessons"))
    assert len(names) == 2 and all(name.startswith(NAME) for name in names)

    # the handout: Letter pages, six slides a page, the key last, nothing answered before it
    reader = PdfReader(str(handout))
    total = len(seen["slides"])
    slide_pages = -(-total // 6)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (612, 792)
    pages = pdf_pages(handout)
    key = next(i for i, text in enumerate(pages) if "Answer key" in text)
    assert key == slide_pages and len(pages) <= slide_pages + 3
    for number, text in enumerate(pages, 1):
        assert NAME in text and f"Page {number} of {len(pages)}" in text
    before = " ".join(pages[:key])
    assert "Answer:" not in before and "](" not in " ".join(pages)
    assert "Answer:" in " ".join(pages[key:])
    assert no_pictures(handout)  # strips, diagrams and structures are vector graphics

    # the first page rendered as poppler draws it: six slides, each with lines under it
    image = render_page(handout, 1, tmp_path)
    assert (image.width(), image.height()) == tuple(round(v) for v in PAPER_SIZES["Letter"])
    layout = handout_layout(total, 6, "Letter", lines=True)
    cells = layout.pages[0].cells
    assert len(cells) == min(6, total)
    for cell in cells:
        box = cell.slide
        assert ink(image, box) > 0.01, cell.index  # drawn
        assert len(cell.lines) >= 3
        ruled = ruled_rows(image, cell.line_x[0], cell.line_x[1], box.bottom + 4,
                            cell.lines[-1] + 3)
        assert ruled >= len(cell.lines) - 1, (cell.index, ruled)
