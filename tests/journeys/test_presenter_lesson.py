"""A teacher prepares a lesson in the Lessons dialog, gives it from a clicker on the projector
with the presenter view on the laptop, records the class's show of hands, finds the class
results, and prints a 4-up handout."""

from __future__ import annotations

import csv
import shutil
import sqlite3

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QWidget,
)

from desktop.core.presenter.handout import handout_layout
from tests.journeys.handout_steps import ink, no_pictures, pdf_pages, render_page

LESSON_NAME = "Week 3: cereblon"


def test_teacher_builds_presents_and_prints_a_lesson(person, tmp_path):
    handout = tmp_path / "week 3 handout.pdf"
    results_csv = tmp_path / "week 3 results.csv"
    built: dict = {}

    def lessons_dialog() -> QDialog:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.windowTitle() == "Lessons"
        return dialog

    def choose(label_key: str, typed: str, expect: str) -> None:
        """Alt+letter to a filter, then type the start of the choice (no spaces: Space
        opens a combo box's list)."""
        person.press(label_key)
        combo = person.focus()
        assert isinstance(combo, QComboBox), combo
        # A combo box's type-ahead joins keys typed within the keyboard interval; a person
        # choosing the next filter has paused longer than that.
        person.qtbot.wait(QApplication.keyboardInputInterval() + 50)
        person.type(typed)
        assert combo.currentText().startswith(expect), combo.currentText()

    def search(words: str) -> None:
        person.press("Ctrl+F")
        field = person.focus()
        assert isinstance(field, QLineEdit) and field.accessibleName() == "Search slides to add"
        person.press("Ctrl+A")
        person.press("Delete")
        if words:
            person.type(words)

    def add_matches(count: int, dialog: QDialog) -> list[str]:
        """Down from the search into the matches, Enter adds; Down, Enter for the next."""
        slides = person.find("Slides of the lesson", QListWidget, dialog)
        before = slides.count()
        person.press("Down")
        assert isinstance(person.focus(), QListWidget)
        preview = person.find("Preview of the record", QWidget, dialog)
        added = []
        for i in range(count):
            if i:
                person.press("Down")
            assert preview.toPlainText().strip()  # the whole record, before adding
            added.append(person.focus().currentItem().text())
            person.press("Return")
        assert slides.count() > before
        return added

    def build(dialog: QDialog) -> None:
        person.wait_until(lambda: QApplication.activeWindow() is dialog,
                          what="the Lessons dialog active")
        assert dialog.windowTitle() == "Lessons"
        # a timeline story: the cereblon era's highlights
        choose("Alt+K", "Timeline", "Timeline stories")
        choose("Alt+E", "2010", "2010–2020 The cereblon era")
        search("")
        built["story"] = add_matches(1, dialog)
        assert built["story"][0].startswith("Story: The cereblon era")
        # three questions the class can vote on
        choose("Alt+E", "All", "All eras")
        choose("Alt+K", "Questions", "Questions")
        search("which protein cereblon")
        built["questions"] = add_matches(3, dialog)
        # two terms
        choose("Alt+K", "Terms", "Terms")
        search("ikaros")
        built["terms"] = add_matches(1, dialog)
        search("neosubstrate")
        built["terms"] += add_matches(1, dialog)
        # the mechanism, every step
        choose("Alt+K", "The", "The whole mechanism")
        search("")
        built["mechanism"] = add_matches(1, dialog)
        slides = person.find("Slides of the lesson", QListWidget, dialog)
        built["count"] = slides.count()
        # reorder with the keyboard: the last mechanism step moves up one
        slides.setFocus()
        person.press("End")
        last = slides.currentItem().text()
        person.press("Ctrl+Up")
        assert slides.item(slides.count() - 2).text() == last
        person.press("Ctrl+Down")
        person.press("Alt+M")
        assert isinstance(person.focus(), QLineEdit)
        person.type(LESSON_NAME)
        person.click(person.button("Save", dialog))
        assert person.sees(f"Saved '{LESSON_NAME}'", dialog)
        person.click(person.button("Present", dialog))

    person.when_dialog(build, timeout=60000)
    person.menu("View", "Lessons")
    person.check_dialogs()
    assert set(built) == {"story", "questions", "terms", "mechanism", "count"}
    total = built["count"]
    assert total == 1 + 10 + 3 + 2 + 12  # era overview and ten events, 3, 2, 12 steps

    # -- presenting: the projector (1920x1080) and the presenter view (the laptop) --------------
    window = person.window
    projector = window.presenter
    person.wait_until(lambda: projector is not None and projector.isVisible(),
                      what="the slides on the projector")
    assert projector.screen().geometry().size().toTuple() == (1920, 1080)
    console = projector.console
    assert console is not None and console.isVisible()
    assert console.screen().geometry().size().toTuple() == (1280, 800)
    person.wait_until(lambda: person.focus() is not None and person.focus().window()
                      in (console, projector), what="the keys with the presenter")
    assert person.sees("Speaker notes", console) and person.sees("Elapsed", console)
    voted = 0
    for index in range(total):
        slide = projector.content(index)
        assert projector.session.index == index
        described = projector.slide.accessibleDescription()
        assert described.startswith(slide.title)
        # a mechanism step's map of the whole diagram is described in words
        assert ("Where this step sits in the whole diagram:" in described) == \
            (slide.kind == "step"), (index, described)
        assert console.current.index == index
        if slide.votable:
            for key in "ABB":
                person.press(key)
            person.press("1")
            person.press("2")
            person.press("A")  # "12 then A": twelve votes for A
            assert person.sees("Votes: A 12 B 2", console)
            person.press("R")
            voted += 1
        elif slide.hidden_until_reveal:
            person.press("R")
        person.press("PgDown")  # the clicker's "next" (Qt spells Page Down "PgDown")
    assert voted >= 2
    person.press("Escape")
    person.wait_until(lambda: window.presenter is None, what="back from presenting")

    # the class results were kept with the lesson, in the user database
    database = window.ctx.atlas.paths.data_dir / "user.sqlite"
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT lesson, results FROM lesson_results").fetchall()
    assert len(rows) == 1 and rows[0][0] == LESSON_NAME and rows[0][1].count('"slide"') == voted

    # -- the class results and the 4-up handout, from the Lessons dialog ------------------------
    def results_and_handout(dialog: QDialog) -> None:
        saved = person.find("Saved lessons", QListWidget, dialog)
        item = saved.item(0)
        assert item.text().startswith(LESSON_NAME)
        person.click(saved.viewport(), at=saved.visualItemRect(item).center())
        person.wait_until(lambda: person.find("Lesson name", QLineEdit, dialog).text()
                          == LESSON_NAME, what="the lesson opened")

        def results(shown: QDialog) -> None:
            assert shown.windowTitle() == f"Class results: {LESSON_NAME}"
            assert person.sees(f"{voted} questions tallied", shown)
            assert person.sees(f"{14 * voted} votes", shown)  # 12 for A, 2 for B, each
            person.answer_file_dialog(results_csv)
            person.click(person.button("Export CSV", shown))
            person.wait_until(results_csv.exists, what="the class results written")
            person.click(person.button("Close", shown))

        person.when_dialog(results)
        person.click(person.button("Class results", dialog))

        def options(shown: QDialog) -> None:
            assert shown.windowTitle() == "Handout"
            four = person.find("4 slides per page", QAbstractButton, shown)
            person.click(four)
            assert four.isChecked()
            person.click(person.button("Export PDF", shown))

        person.when_dialog(options)
        person.answer_file_dialog(handout)
        person.click(person.button("Export a PDF handout", dialog))
        person.wait_until(lambda: person.sees("Handout written", dialog),
                          what="the handout written")
        person.click(person.button("Close", dialog))

    person.when_dialog(results_and_handout, timeout=60000)
    person.menu("View", "Lessons")
    person.check_dialogs()

    # the class results as CSV: one row per option of each tallied question
    with results_csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {row["slide"] for row in rows} and len({row["slide"] for row in rows}) == voted
    for slide in {row["slide"] for row in rows}:
        votes = {row["option"]: int(row["votes"]) for row in rows if row["slide"] == slide}
        assert votes["A"] == 12 and votes["B"] == 2 and sum(votes.values()) == 14
        assert all(row["lesson"] == LESSON_NAME for row in rows)

    pages = pdf_pages(handout)
    slide_pages = -(-total // 4)
    key = next(i for i, text in enumerate(pages) if "Answer key" in text)
    assert key == slide_pages  # four slides a page, then the key
    assert slide_pages + 1 <= len(pages) <= slide_pages + 3
    for number, text in enumerate(pages, 1):
        assert LESSON_NAME in text and f"Page {number} of {len(pages)}" in text
    whole = " ".join(pages)
    assert "](" not in whole and "term:" not in whole and "**" not in whole  # no Markdown
    before = " ".join(pages[:key])
    assert "Answer:" not in before and "✔" not in before  # no answers before the key
    for index in range(total):
        assert f"Slide {index + 1}" in before
    assert "Answer:" in " ".join(pages[key:])
    assert no_pictures(handout)  # the timeline strips and the diagram are vector graphics
    if shutil.which("pdftoppm"):  # poppler-utils (the 6-up journey needs it)
        # the last page of slides as poppler draws it: each slide's frame has its drawing
        image = render_page(handout, slide_pages, tmp_path)
        cells = handout_layout(total, 4, "A4").pages[slide_pages - 1].cells
        assert cells and cells[-1].index == total - 1
        for cell in cells:
            assert ink(image, cell.slide) > 0.01, cell.index
