"""The Lessons dialog with real widgets: search and filter, preview, add with Enter, reorder,
duplicate, suggestions, lesson files, handout options, class results."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.presenter.lessons import list_lessons, load_lesson
from desktop.core.presenter.slides import SlideRef
from desktop.presenter.lesson_dialog import HandoutDialog, LessonDialog, ResultsDialog

pytestmark = pytest.mark.qt_log_ignore(r".*")


@pytest.fixture
def dialog(qtbot, bundled_ctx):
    window = LessonDialog(bundled_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def visible_matches(dialog):
    listing = dialog.candidate_list
    return [listing.item(r).text() for r in range(listing.count())
            if not listing.item(r).isHidden()]


def test_search_preview_and_add_with_the_keyboard(qtbot, dialog):
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is dialog.search
    qtbot.keyClicks(dialog.search, "ikaros aiolos")
    matches = visible_matches(dialog)
    assert matches and all("ikaros" in m.casefold() or "aiolos" in m.casefold()
                           or "IKZF" in m for m in matches[:3]) or matches
    kind = dialog.kind
    kind.setCurrentIndex(kind.findData("question"))
    assert all(m.startswith("Question: ") for m in visible_matches(dialog))
    assert dialog.no_slides.isVisible() and "press Enter to add" in dialog.no_slides.text()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.candidate_list
    chosen = dialog.current_candidate()
    assert chosen.title[:40] in dialog.preview.toPlainText()
    assert "Speaker notes" in dialog.preview.toPlainText()
    qtbot.keyClick(dialog.candidate_list, Qt.Key.Key_Return)
    assert dialog.current_slides() == list(chosen.slides)
    assert "1 slide, 1 question" == dialog.count.text()
    assert not dialog.no_slides.isVisible()  # the empty list's hint goes with the first slide


def test_candidates_are_never_cut_off(qtbot, dialog):
    listing = dialog.candidate_list
    assert listing.wordWrap() and listing.textElideMode() == Qt.TextElideMode.ElideNone
    dialog.kind.setCurrentIndex(dialog.kind.findData("question"))
    longest = max(visible_matches(dialog), key=len)
    row = next(r for r in range(listing.count()) if listing.item(r).text() == longest)
    listing.scrollToItem(listing.item(row))
    rect = listing.visualItemRect(listing.item(row))
    assert rect.height() > listing.fontMetrics().height() * 2  # wrapped onto more lines
    assert rect.right() <= listing.viewport().width()


def test_filters_story_and_mechanism(qtbot, dialog):
    dialog.kind.setCurrentIndex(dialog.kind.findData("story"))
    dialog.era.setCurrentIndex(dialog.era.findData("era-cereblon"))
    matches = visible_matches(dialog)
    assert matches and all(m.startswith("Story: The cereblon era") for m in matches)
    dialog.add_current()
    slides = dialog.current_slides()
    assert slides[0] == SlideRef("era", "era-cereblon") and len(slides) > 3
    dialog.kind.setCurrentIndex(dialog.kind.findData("mechanism"))
    dialog.era.setCurrentIndex(0)
    dialog.add_current()
    assert sum(1 for s in dialog.current_slides() if s.kind == "step") == 12


def test_reorder_save_duplicate_and_delete(qtbot, dialog, bundled_ctx):
    dialog.set_slides([SlideRef("term", "ikzf1"), SlideRef("question", "q-mechanism-001"),
                       SlideRef("term", "cereblon")])
    dialog.name.setText("Glue week")
    dialog.slides.setCurrentRow(2)
    dialog.slides.setFocus()
    qtbot.keyClick(dialog.slides, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [s.item_id for s in dialog.current_slides()] == ["ikzf1", "cereblon",
                                                           "q-mechanism-001"]
    qtbot.keyClick(dialog.slides, Qt.Key.Key_Delete)
    assert [s.item_id for s in dialog.current_slides()] == ["ikzf1", "q-mechanism-001"]
    assert dialog.save()
    dialog.duplicate_current()
    names = sorted(lesson.name for lesson in list_lessons(bundled_ctx.user))
    assert names == ["Glue week", "Glue week (copy)"]
    assert dialog.name.text() == "Glue week (copy)"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def answer_yes():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer_yes)
    dialog.delete_current()
    assert asked and "Glue week (copy)" in asked[0]
    assert [lesson.name for lesson in list_lessons(bundled_ctx.user)] == ["Glue week"]
    for lesson in list_lessons(bundled_ctx.user):
        from desktop.core.presenter.lessons import delete_lesson

        delete_lesson(bundled_ctx.user, lesson.id)


def test_start_from_a_suggestion(qtbot, dialog):
    combo = dialog.suggestion
    combo.setCurrentIndex(combo.findData("topic:mechanism"))
    combo.activated.emit(combo.currentIndex())
    assert dialog.name.text() == "Topic: Mechanism"
    kinds = {s.kind for s in dialog.current_slides()}
    assert {"step", "question", "term"} <= kinds


def test_lesson_file_export_and_import(qtbot, dialog, bundled_ctx, tmp_path):
    dialog.set_slides([SlideRef("event", "ito-cereblon-2010"), SlideRef("term", "ikzf1")])
    dialog.name.setText("To share")
    path = dialog.export_file(str(tmp_path / "share.lesson.json"))
    assert path.exists() and '"to share"' not in path.read_text("utf-8")
    lesson_id = dialog.import_file(str(path))
    lesson = load_lesson(bundled_ctx.user, lesson_id)
    assert lesson.name == "To share" and list(lesson.slides) == dialog.current_slides()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert dialog.import_file(str(bad)) is None
    assert "bad.json: This is not a lesson file" in dialog.message.text()
    # a hostile name in a colleague's file is shown as the characters it is, never as markup
    hostile = tmp_path / "<b>x<i>.lesson.json"
    hostile.write_text(path.read_text("utf-8").replace('"To share"',
                                                       '"<img src=x><b>Bold</b>"'), "utf-8")
    hostile_id = dialog.import_file(str(hostile))
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    assert "<img src=x><b>Bold</b>" in dialog.message.text()
    from desktop.core.presenter.lessons import delete_lesson

    delete_lesson(bundled_ctx.user, lesson_id)
    delete_lesson(bundled_ctx.user, hostile_id)


def test_handout_button_no_longer_crashes(qtbot, dialog, tmp_path, monkeypatch):
    """The button's clicked(bool) used to reach the path parameter (TypeError)."""
    from PySide6.QtWidgets import QDialog, QFileDialog

    dialog.set_slides([SlideRef("question", "q-mechanism-001"), SlideRef("term", "ikzf1")])
    dialog.name.setText("Handout week")
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(HandoutDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(dialog.handout_button, Qt.MouseButton.LeftButton)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert "Handout written" in dialog.message.text()


def test_handout_dialog_remembers_its_choices(qtbot, bundled_ctx):
    first = HandoutDialog(bundled_ctx)
    qtbot.addWidget(first)
    first.per_page.button(6).setChecked(True)
    first.lines.setChecked(False)
    first.paper.setCurrentIndex(first.paper.findData("Letter"))
    first._accept()
    again = HandoutDialog(bundled_ctx)
    qtbot.addWidget(again)
    options = again.options()
    assert (options.per_page, options.lines, options.paper) == (6, False, "Letter")


def test_class_results_dialog_and_csv(qtbot, bundled_ctx, tmp_path):
    from desktop.core.presenter.lessons import delete_lesson, save_lesson
    from desktop.core.presenter.results import QuestionResult, save_run

    lesson_id = save_lesson(bundled_ctx.user, "Results week",
                            [SlideRef("question", "q-mechanism-001")])
    save_run(bundled_ctx.user, lesson_id, "Results week", 1, [QuestionResult(
        1, "q-mechanism-001", "Which protein?", (("A", "Cereblon", 20), ("B", "DDB1", 5)),
        ("A",))])
    results = ResultsDialog(bundled_ctx, lesson_id, "Results week")
    qtbot.addWidget(results)
    results.show()
    assert results.run_list.count() == 1 and results.table.rowCount() == 1
    assert results.table.item(0, 3).text() == "80% (A)"
    assert results.table.item(0, 4).text() == "B (5)"
    path = results.export_csv(str(tmp_path / "r.csv"))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["votes"] for r in rows] == ["20", "5"]
    empty = ResultsDialog(bundled_ctx, None, "Never presented")
    qtbot.addWidget(empty)
    empty.show()
    assert empty.empty.isVisible() and not empty.export.isEnabled()
    delete_lesson(bundled_ctx.user, lesson_id)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_the_dialog_fits_small_screens(qtbot, bundled_ctx, size):
    window = LessonDialog(bundled_ctx)
    qtbot.addWidget(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= size[0] - 20 and hint.height() <= size[1] - 60, hint
