"""The twelve "Mechanism: step by step" slides as a class sees them: every text of the diagram
(names, captions, group headings, edge words) at least a thirtieth of the screen height, and
nothing cut or elided, drawn for real into images of projector sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from desktop.core.mechanism.layout import layout_problems
from desktop.core.presenter.session import PresenterSession
from desktop.core.presenter.slides import mechanism_steps, slide_content
from desktop.presenter.presenter_window import PresenterWindow
from desktop.presenter.slide_painter import MAX_DIAGRAM_FACTOR, SlidePainter, SlideView
from desktop.theme import THEMES
from tests.desktop.presenter.pixels import inked_edge

pytestmark = pytest.mark.qt_log_ignore(r".*")

SIZES = [(1024, 768), (1280, 800), (1920, 1080), (3840, 2160)]


@pytest.fixture(scope="module")
def steps(bundled_atlas):
    content = bundled_atlas.content
    return [slide_content(content, ref) for ref in mechanism_steps(content)]


def _render(painter: SlidePainter, slide, size) -> tuple[QImage, object]:
    image = QImage(*size, QImage.Format.Format_RGB32)
    qp = QPainter(image)
    qp.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painted = painter.paint(qp, QRectF(0, 0, *size), slide, SlideView(), size[1])
    qp.end()
    return image, painted


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_diagram_text_of_every_step_is_a_thirtieth_of_the_screen(qtbot, bundled_ctx,
                                                                      size):
    """The presenter filling a screen of `size` (its counter and votes line under the
    slide), stepped through the whole narration."""
    window = PresenterWindow(bundled_ctx, PresenterSession(mechanism_steps(
        bundled_ctx.content), title="Mechanism"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.resize(*size)
    assert window.height() == size[1]
    diagram = window.painter.mechanism().diagram
    need = size[1] / 30 - 0.5
    assert len(window.session.slides) == 12
    for index in range(12):
        window.session.go(index)
        window.refresh()
        QApplication.processEvents()
        painted = window.slide.layout_slide()
        slide = window.content(index)
        assert painted.fits, index
        assert min(px for _, px in painted.sizes) >= need, (index, size, painted.sizes)
        diagram_px = [px for role, px in painted.sizes if role == "diagram"]
        assert diagram_px and min(diagram_px) >= need, (index, size, diagram_px)
        # every part the step is about is named on the slide, at that size
        names = {text for role, text, _ in painted.figure_texts if role == "label"}
        assert names == {diagram.node(n).label for n in slide.drawing.nodes}, index
        for role, text, rect in painted.figure_texts:
            assert rect.height() >= need, (index, role, text)
    window.close()


@pytest.mark.parametrize("theme", ["light", "high-contrast"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)], ids=["1920x1080", "1280x800"])
def test_no_text_is_cut_or_elided_on_any_step(qapp, bundled_atlas, steps, size, theme):
    colors = THEMES[theme]
    painter = SlidePainter(bundled_atlas.content, colors)
    picture = painter.mechanism()
    slide_rect = QRectF(0, 0, *size)
    panel = QColor(colors.base)
    for number, slide in enumerate(steps, 1):
        image, painted = _render(painter, slide, size)
        # the step's text: all of it, inside its place
        document = painted.document
        assert painted.fits and painted.text_rect.height() > 0, number
        assert document.size().height() <= painted.text_rect.height() + 0.5, number
        assert document.idealWidth() <= painted.text_rect.width() + 1, number
        shown = " ".join(document.toPlainText().split())
        for line in (slide.title, *slide.lines):
            assert " ".join(line.split()) in shown, (number, line)
        # the diagram: the whole picture inside its panel, every text inside the picture
        figure = painted.figure_rect
        assert figure is not None and slide_rect.contains(figure), number
        texts = painted.figure_texts
        assert texts, number
        for role, text, rect in texts:
            assert "…" not in text and figure.contains(rect), (number, role, text)
        canvas = picture.choose(slide.drawing, figure, painted.min_px,
                                painted.min_px * MAX_DIAGRAM_FACTOR)[0]
        assert layout_problems(canvas.diagram, canvas.layout_result) == [], number
        headings = {text for role, text, _ in texts if role == "group"}
        assert headings == {g.label for g in canvas.diagram.groups}, number
        # nothing drawn runs into the panel's edge (a cut heading or box would)
        inked = inked_edge(image, figure, panel)
        assert not inked, (number, size, theme, inked[:5])
