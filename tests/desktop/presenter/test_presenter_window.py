"""Presenter mode with real widgets: clicker keys, tallies, reveal, leaving, fitting text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.presenter.lessons import list_lessons, save_lesson
from desktop.core.presenter.session import PresenterSession
from desktop.core.presenter.slides import SlideRef, slide_content
from desktop.presenter.presenter_window import PresenterWindow
from desktop.presenter.slide_widget import SlideWidget, fitted_document, slide_html
from desktop.theme import THEMES

pytestmark = pytest.mark.qt_log_ignore(r".*")

LESSON = [
    SlideRef("era", "era-cereblon"),
    SlideRef("event", "cereblon-found-2010"),
    SlideRef("question", "q-mechanism-001"),
    SlideRef("term", "ikzf1"),
    SlideRef("question", "q-mechanism-003"),
]


@pytest.fixture
def presenter(qtbot, app_ctx):
    window = PresenterWindow(app_ctx, PresenterSession(list(LESSON), title="Week 3"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def press(qtbot, window, *keys):
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(window, key)
        else:
            qtbot.keyClick(window, key)


def test_clicker_keys_drive_a_lesson(qtbot, presenter):
    session = presenter.session
    press(qtbot, presenter, Qt.Key.Key_Right)
    assert session.index == 1
    press(qtbot, presenter, Qt.Key.Key_PageDown)
    assert session.index == 2
    press(qtbot, presenter, Qt.Key.Key_PageUp, Qt.Key.Key_Left)
    assert session.index == 0
    press(qtbot, presenter, Qt.Key.Key_Space, Qt.Key.Key_Down)
    assert session.index == 2
    press(qtbot, presenter, Qt.Key.Key_End)
    assert session.index == 4
    press(qtbot, presenter, Qt.Key.Key_Home)
    assert session.index == 0
    assert presenter.progress.value() == 1 and presenter.progress.maximum() == 5


def test_tally_reveal_and_chart(qtbot, presenter):
    session = presenter.session
    session.go(2)
    presenter.refresh()
    press(qtbot, presenter, "aaa", "12b")
    tally = session.tallies[2]
    assert tally.as_list() == [("A", 3), ("B", 12), ("C", 0)]
    assert "B:12" in presenter.status.text()
    assert presenter.chart_area.isHidden()
    press(qtbot, presenter, Qt.Key.Key_R)
    assert session.is_revealed()
    assert not presenter.chart_area.isHidden()
    bars = presenter._chart.bars
    assert list(bars.opts["height"]) == [3, 12, 0]
    html = presenter.slide.html
    assert "✔" in html and "Cereblon" in html


def test_blank_screen_and_leave_with_escape(qtbot, presenter):
    closed = []
    presenter.closed.connect(lambda: closed.append(True))
    press(qtbot, presenter, Qt.Key.Key_B)
    assert presenter.session.blanked and presenter.slide.blank
    press(qtbot, presenter, Qt.Key.Key_B)
    assert not presenter.session.blanked
    presenter.session.go(2)
    presenter.refresh()
    press(qtbot, presenter, Qt.Key.Key_Period)
    assert presenter.session.blanked  # "." blanks even on a question slide
    press(qtbot, presenter, Qt.Key.Key_Escape)
    assert closed and not presenter.isVisible()


def test_countdown_and_theme_cycle(qtbot, presenter, app_ctx):
    presenter.session.go(2)
    presenter.refresh()
    press(qtbot, presenter, "5", Qt.Key.Key_T)
    assert presenter.timer.isActive() and presenter.countdown_left == 5
    press(qtbot, presenter, Qt.Key.Key_T)
    assert not presenter.timer.isActive()
    assert presenter.theme_name == "high-contrast"
    qtbot.keyClick(presenter, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert presenter.theme_name == "dark" and app_ctx.settings.presenter_theme == "dark"


def test_text_size_adjusts_with_ctrl_plus_minus(qtbot, presenter):
    presenter.session.go(1)
    presenter.refresh()
    qtbot.wait(10)
    presenter.slide.current_document()
    base = presenter.slide.base_size
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    presenter.slide.current_document()
    assert presenter.slide.base_size < base
    qtbot.keyClick(presenter, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    presenter.slide.current_document()
    assert presenter.slide.base_size == base


def test_tallies_saved_as_csv(qtbot, presenter, tmp_path):
    presenter.session.go(4)
    presenter.refresh()
    press(qtbot, presenter, "ab")
    path = presenter.save_tallies(str(tmp_path / "tallies.csv"))
    text = path.read_text("utf-8")
    assert "q-mechanism-003" in text and ",A,IKZF1,1," in text


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_slide_fits_its_area_at_projector_sizes(qtbot, bundled_atlas, size):
    from desktop.core.presenter.slides import question_set, term_spotlight, timeline_story

    content = bundled_atlas.content
    widget = SlideWidget()
    qtbot.addWidget(widget)
    widget.resize(*size)
    area = widget.text_area()
    slides = (timeline_story(content) + question_set(content.questions())
              + term_spotlight(content.terms()))
    colors = THEMES["high-contrast"]
    longest = sorted(slides, key=lambda s: len(slide_html(
        slide_content(content, s), True, None, colors)), reverse=True)[:25]
    for slide in longest + slides[:5]:
        item = slide_content(content, slide)
        for revealed in (False, True):
            document, base = fitted_document(
                lambda b: slide_html(item, revealed, None, colors, b), area.width(),
                area.height())
            assert document.size().height() <= area.height(), (slide, revealed)
            assert document.idealWidth() <= area.width() + 1, slide
            # readable from the back of the room, even for the longest slides
            assert base >= 16, (slide, base)
    term = slide_content(content, next(s for s in slides if s.kind == "term"))
    _, base = fitted_document(lambda b: slide_html(term, False, None, colors, b),
                              area.width(), area.height())
    assert base >= size[1] / 12  # a short slide fills the screen


def test_lesson_dialog_builds_saves_and_exports_a_handout(qtbot, app_ctx, tmp_path):
    from desktop.presenter.lesson_dialog import LessonDialog

    dialog = LessonDialog(app_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.name.setText("Glue week")
    for kind, row in (("event", 0), ("question", 0), ("term", 1)):
        picker = dialog.pickers[kind]
        dialog._add_item(picker.item(row))
    assert [s.kind for s in dialog.current_slides()] == ["event", "question", "term"]
    dialog.slides.setCurrentRow(2)
    dialog.slides.setFocus()
    qtbot.keyClick(dialog.slides, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [s.kind for s in dialog.current_slides()] == ["event", "term", "question"]
    assert dialog.save()
    assert [lesson.name for lesson in list_lessons(app_ctx.user)] == ["Glue week"]
    pdf = dialog.export_handout(str(tmp_path / "handout.pdf"))
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type/Page") >= 4 or \
        data.count(b"/Page") >= 4


def test_f5_opens_the_present_dialog_and_presents(qtbot, main_window, monkeypatch):
    from desktop.presenter.present_dialog import PresentDialog

    monkeypatch.setattr(PresentDialog, "exec", lambda self: PresentDialog.DialogCode.Accepted)
    main_window.open_present_dialog("quiz")
    window = main_window.presenter
    assert window is not None and window.session.slides
    assert all(s.kind == "question" for s in window.session.slides)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert main_window.presenter is None


def test_present_command_line_modes(qtbot, main_window):
    for mode, kind in (("timeline", {"event", "era"}), ("glossary", {"term"}),
                       ("quiz", {"question"})):
        main_window.start_presenter(mode)
        window = main_window.presenter
        assert {s.kind for s in window.session.slides} <= kind
        window.close()
    assert QApplication.activeWindow() is None or True


def test_saved_lesson_can_be_presented_from_the_dialog(qtbot, main_window, app_ctx,
                                                      monkeypatch):
    from desktop.presenter.present_dialog import PresentDialog

    save_lesson(app_ctx.user, "Mini", LESSON[:2])
    dialog = PresentDialog(app_ctx, main_window, "lesson")
    qtbot.addWidget(dialog)
    assert dialog.slides() == LESSON[:2]
    assert dialog.title() == "Mini"


def test_quiz_from_generated_timeline_questions(qtbot, app_ctx, main_window, monkeypatch):
    from desktop.presenter.present_dialog import PresentDialog

    dialog = PresentDialog(app_ctx, main_window, "quiz")
    qtbot.addWidget(dialog)
    dialog.question_source.setCurrentIndex(dialog.question_source.findData("generated"))
    dialog.count.setValue(3)
    slides = dialog.slides()
    assert slides and all(s.item_id.startswith("gen-") for s in slides)
    main_window.present("Generated", slides)
    window = main_window.presenter
    for index in range(len(slides)):  # generated questions resolve through the quiz sources
        content = window.content(index)
        assert content.kind == "question" and "**" not in content.title
        assert content.answer_text.startswith(("Answer:", "Correct order:"))
        assert content.sources
    window.close()
