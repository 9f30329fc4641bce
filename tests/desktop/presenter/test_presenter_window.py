"""Presenter mode with real widgets: clicker keys, tallies, reveal, countdown, notes, the
drug selector, leaving, and type a class can read from the back row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.presenter.session import PresenterSession
from desktop.core.presenter.slides import SlideRef
from desktop.presenter.presenter_window import SOUND_SETTING, PresenterWindow
from desktop.presenter.slide_painter import MAX_DIAGRAM_FACTOR

pytestmark = pytest.mark.qt_log_ignore(r".*")

LESSON = [
    SlideRef("era", "era-cereblon"),
    SlideRef("event", "cereblon-found-2010"),
    SlideRef("question", "q-mechanism-001"),
    SlideRef("term", "ikzf1"),
    SlideRef("question", "q-mechanism-003"),
]


#: The same kinds of slide from the bundled content (which holds the mechanism diagram).
BUNDLED_LESSON = [
    SlideRef("era", "era-cereblon"),
    SlideRef("event", "ito-cereblon-2010"),
    SlideRef("question", "q-mechanism-001"),
    SlideRef("term", "ikzf1"),
    SlideRef("question", "q-mechanism-003"),
    SlideRef("step", "step-glue"),
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


def go(window, index):
    window.session.go(index)
    window.refresh()


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
    assert presenter.counter.text() == "1 / 5"


def test_tally_reveal_and_chart(qtbot, presenter):
    session = presenter.session
    go(presenter, 2)
    press(qtbot, presenter, "aaa", "12b")
    tally = session.tallies[2]
    assert tally.as_list() == [("A", 3), ("B", 12), ("C", 0)]
    assert "B 12" in presenter.status.text()
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
    go(presenter, 2)
    press(qtbot, presenter, Qt.Key.Key_Period)
    assert presenter.session.blanked  # "." blanks even on a question slide
    press(qtbot, presenter, Qt.Key.Key_Escape)
    assert closed and not presenter.isVisible()


def test_countdown_is_big_and_time_up_is_shown_silently(qtbot, presenter, app_ctx,
                                                      monkeypatch):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    go(presenter, 2)
    press(qtbot, presenter, "3", Qt.Key.Key_T)
    badge = presenter.countdown
    assert presenter.timer.isActive() and presenter.countdown_left == 3
    assert badge.isVisible() and badge.text() == "3"
    # big: the seconds are a tenth of the screen height or more
    assert badge.number_pixels() >= presenter.height() / 12  # big: 2.5 times the minimum
    for _ in range(3):
        presenter._tick()
    assert presenter.time_up and badge.isVisible() and badge.text() == "Time"
    assert beeps == []  # silent unless the teacher asked for a sound
    press(qtbot, presenter, Qt.Key.Key_T)
    assert not presenter.time_up and not badge.isVisible()
    app_ctx.settings.set_state_value(SOUND_SETTING, "true")
    press(qtbot, presenter, "1", Qt.Key.Key_T)
    presenter._tick()
    assert beeps == [1] and presenter.time_up
    press(qtbot, presenter, Qt.Key.Key_Right)  # moving on clears "Time"
    assert not presenter.time_up


def test_theme_cycle(qtbot, presenter, app_ctx):
    assert presenter.theme_name == "high-contrast"
    qtbot.keyClick(presenter, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert presenter.theme_name == "dark" and app_ctx.settings.presenter_theme == "dark"
    assert presenter.slide.colors.name == "dark"


def test_text_size_adjusts_with_ctrl_plus_minus_but_stays_readable(qtbot, presenter):
    go(presenter, 1)
    base = presenter.slide.base_size
    qtbot.keyClick(presenter, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = presenter.slide.base_size
    assert smaller < base
    for _ in range(10):
        qtbot.keyClick(presenter, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert presenter.slide.painted.smallest >= presenter.height() / 30 - 0.5
    qtbot.keyClick(presenter, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert presenter.slide.base_size == base


def test_tallies_saved_as_csv(qtbot, presenter, tmp_path):
    go(presenter, 4)
    press(qtbot, presenter, "ab")
    path = presenter.save_tallies(str(tmp_path / "tallies.csv"))
    text = path.read_text("utf-8")
    assert "q-mechanism-003" in text and ",A,IKZF1,1," in text


def test_results_are_kept_when_the_presentation_ends(qtbot, presenter, app_ctx):
    from desktop.core.presenter.results import list_runs

    go(presenter, 2)
    press(qtbot, presenter, "aab")
    press(qtbot, presenter, Qt.Key.Key_Escape)
    runs = list_runs(app_ctx.user, lesson=presenter.session.title)
    assert len(runs) == 1
    question = runs[0].questions[0]
    assert question.question_id == "q-mechanism-001" and question.total == 3
    assert question.right == 1 and question.top_wrong == ("A", 2)


def test_notes_overlay_for_one_screen(qtbot, presenter):
    go(presenter, 2)
    press(qtbot, presenter, Qt.Key.Key_N)
    assert presenter.notes.isVisible()
    notes = presenter.notes.toPlainText()
    assert notes.startswith("Answer: B.") and "Why each option" in notes
    press(qtbot, presenter, Qt.Key.Key_Right)
    assert "Why it matters" in presenter.notes.toPlainText()  # the term's relevance
    press(qtbot, presenter, Qt.Key.Key_N)
    assert not presenter.notes.isVisible()


def test_the_term_prompt_gives_no_synonym_away(qtbot, presenter):
    go(presenter, 3)
    text = presenter.slide.current_document().toPlainText()
    assert "Define this term" in text and "Ikaros" not in text
    press(qtbot, presenter, Qt.Key.Key_R)
    assert "Ikaros" in presenter.slide.current_document().toPlainText()


def test_mechanism_slide_shows_the_diagram_and_the_drug_selector(qtbot, bundled_ctx):
    from desktop.core.presenter.slides import mechanism_steps

    slides = mechanism_steps(bundled_ctx.content)
    window = PresenterWindow(bundled_ctx, PresenterSession(slides, title="Mechanism"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    painted = window.slide.layout_slide()
    assert painted.figure_rect is not None and painted.figure_rect.height() > 200
    text = painted.document.toPlainText()
    assert "](" not in text and "term:" not in text  # no Markdown reaches the class
    picture = window.painter.mechanism()
    window.slide.grab()  # paint: the step's parts, highlighted, large enough for the class
    step = window.content(0).drawing
    painted = window.slide.painted
    shown = {text for role, text, _ in painted.figure_texts if role == "label"}
    assert shown == {picture.diagram.node(n).label for n in step.nodes}
    canvas = picture.choose(step, painted.figure_rect, painted.min_px,
                            painted.min_px * MAX_DIAGRAM_FACTOR)[0]
    assert set(canvas.items) == set(step.nodes)
    assert all(canvas.node_state(n).strong and not canvas.node_state(n).dimmed
               for n in canvas.items)
    press(qtbot, window, Qt.Key.Key_D)
    assert window.drug == "thalidomide"
    assert "Thalidomide" in window.slide.current_document().toPlainText()
    window.slide.grab()
    highlighted = set(picture.diagram.highlight_for("thalidomide").nodes)
    marked = {n for n in canvas.items if canvas.node_state(n).drug_color}
    assert marked == highlighted & set(canvas.items) and marked
    window.close()


SIZES = [(1024, 768), (1280, 800), (1920, 1080), (3840, 2160)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_class_facing_element_is_a_thirtieth_of_the_screen(qtbot, bundled_ctx, size):
    """Each slide kind (and its states), the counter, the votes, the countdown and the chart
    at the smallest size a back row can read: 1/30 of the screen height."""
    slides = BUNDLED_LESSON
    window = PresenterWindow(bundled_ctx, PresenterSession(slides, title="Sizes"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.resize(*size)
    assert window.height() == size[1]
    need = size[1] / 30 - 0.5
    seen = set()

    def check(what):
        QApplication.processEvents()  # the layout settles (the chart area shown or hidden)
        painted = window.slide.layout_slide()
        kind = window.content(window.session.index).kind
        seen.add(kind)
        # every text: the slide's, the timeline strip's and the mechanism diagram's names
        text_sizes = [px for role, px in painted.sizes]
        assert painted.fits, (what, size)
        assert min(text_sizes) >= need, (what, size, painted.sizes)
        if kind == "step":
            assert any(role == "diagram" for role, _ in painted.sizes)
        if kind in ("era", "event"):
            assert any(role == "strip" for role, _ in painted.sizes)
        for label in (window.counter, window.status):
            assert label.font().pixelSize() >= need, (label.accessibleName(), size)

    for index in range(len(slides)):
        go(window, index)
        check(f"slide {index}")
        if window.content(index).hidden_until_reveal:
            press(qtbot, window, "ab")
            press(qtbot, window, Qt.Key.Key_R)
            check(f"slide {index} revealed")
    assert seen == {"era", "event", "question", "term", "step"}
    go(window, 4)
    window.session.revealed.discard(4)
    window.refresh()
    press(qtbot, window, "20", Qt.Key.Key_T)
    assert window.countdown.number_pixels() >= need * 2
    press(qtbot, window, "ccb", Qt.Key.Key_R)
    chart = window._chart
    assert chart is not None and chart.label_font.pixelSize() >= need
    window.close()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_every_bank_slide_fits_at_readable_size(qtbot, bundled_atlas, size):
    """The longest questions, events, eras, terms and steps fit their slide unrevealed and
    revealed, with no text under 1/30 of the screen height."""
    from PySide6.QtCore import QRectF

    from desktop.core.presenter.slides import (
        mechanism_steps,
        question_set,
        slide_content,
        term_spotlight,
        timeline_story,
    )
    from desktop.presenter.slide_painter import SlidePainter, SlideView
    from desktop.theme import THEMES

    content = bundled_atlas.content
    painter = SlidePainter(content, THEMES["high-contrast"])
    rect = QRectF(0, 0, *size)
    slides = (timeline_story(content) + question_set(content.questions())
              + term_spotlight(content.terms()) + mechanism_steps(content))
    items = [(s, slide_content(content, s)) for s in slides]

    def length(item):
        c = item[1]
        return len(c.title) + len(" ".join(c.lines)) + sum(len(t) for _, t in c.options) + \
            len(c.answer_text) + sum(len(t) for _, t in c.items)

    longest = sorted(items, key=length, reverse=True)[:30]
    kinds = {s.kind: (s, c) for s, c in items}
    for slide, item in longest + list(kinds.values()):
        for revealed in (False, True):
            painted = painter.layout(rect, item, SlideView(revealed=revealed), size[1])
            assert painted.fits, (slide, revealed)
            text = [px for role, px in painted.sizes]  # the diagram's names too
            assert min(text) >= size[1] / 30 - 0.5, (slide, revealed, painted.sizes)
            assert painted.document.size().height() <= painted.text_rect.height() + 0.5
