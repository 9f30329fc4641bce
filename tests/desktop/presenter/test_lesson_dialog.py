"""The Lessons dialog with real widgets: search and filter, preview, add with Enter, reorder,
duplicate, suggestions, lesson files, handout options, class results."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
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
    assert dialog.count.text() == "1 slide, 1 question"
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


def _drag_row(listing, source: int, target: int, below: bool, during=None) -> None:
    """Press the visible row `source`, move the mouse in steps onto the lower (or upper)
    part of row `target`, release there: a person dragging a slide."""
    viewport = listing.viewport()
    start = listing.visualItemRect(listing.item(source)).center()
    rect = listing.visualItemRect(listing.item(target))
    end = QPoint(rect.center().x(), rect.bottom() - 2 if below else rect.top() + 2)
    left, plain = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, left, plain, start)
    for step in range(1, 7):
        QTest.mouseMove(viewport, start + (end - start) * (step / 6))
    if during is not None:
        during()
    QTest.mouseRelease(viewport, left, plain, end)


def test_slides_reorder_by_mouse_drag_and_the_lesson_keeps_the_order(qtbot, dialog,
                                                                    bundled_ctx):
    ids = ["ikzf1", "q-mechanism-001", "cereblon", "step-glue"]
    dialog.set_slides([SlideRef("term", "ikzf1"), SlideRef("question", "q-mechanism-001"),
                       SlideRef("term", "cereblon"), SlideRef("step", "step-glue")])
    dialog.name.setText("Dragged week")
    listing = dialog.slides
    qtbot.waitUntil(lambda: listing.visualItemRect(listing.item(3)).bottom() > 0)
    texts = [listing.item(r).text() for r in range(listing.count())]
    seen = {}

    def look():  # mid-drag: the list follows the mouse, nothing has moved yet
        seen["dragging"] = listing.dragging
        seen["order"] = [s.item_id for s in dialog.current_slides()]
        seen["cursor"] = listing.viewport().cursor().shape()
        seen["held"] = listing.currentItem().text()  # the dragged row, still selected

    # the first slide onto the lower half of the third: it goes after it
    _drag_row(listing, 0, 2, below=True, during=look)
    assert seen == {"dragging": True, "order": ids,
                    "cursor": Qt.CursorShape.ClosedHandCursor, "held": texts[0]}
    assert [s.item_id for s in dialog.current_slides()] == [
        "q-mechanism-001", "cereblon", "ikzf1", "step-glue"]
    assert listing.currentItem().text() == texts[0] and not listing.dragging
    # the last slide onto the upper half of the first: it goes before it
    _drag_row(listing, 3, 0, below=False)
    order = ["step-glue", "q-mechanism-001", "cereblon", "ikzf1"]
    assert [s.item_id for s in dialog.current_slides()] == order
    assert dialog.count.text().startswith("4 slides")
    # a press and a small move is a click, not a drag; Esc mid-drag puts nothing anywhere
    _drag_row(listing, 1, 1, below=False)
    assert [s.item_id for s in dialog.current_slides()] == order
    _drag_row(listing, 1, 3, below=True,
              during=lambda: QTest.keyClick(listing, Qt.Key.Key_Escape))
    assert [s.item_id for s in dialog.current_slides()] == order and dialog.isVisible()
    assert dialog.save()
    saved = [lesson for lesson in list_lessons(bundled_ctx.user)
             if lesson.name == "Dragged week"]
    assert len(saved) == 1
    assert [s.item_id for s in load_lesson(bundled_ctx.user, saved[0].id).slides] == order
    from desktop.core.presenter.lessons import delete_lesson

    delete_lesson(bundled_ctx.user, saved[0].id)


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
