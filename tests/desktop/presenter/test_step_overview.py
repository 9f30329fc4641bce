"""The map of the whole diagram on every mechanism step slide: drawn on every step at
projector sizes and themes, its lit boxes exactly the step's parts (read back from the
painted pixels), clear of every text, described in words, and in the PDF handout as vector
shapes (pypdf finds no image; pdftoppm renders the page and the boxes are there)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.core.presenter.handout import handout_layout
from desktop.core.presenter.slides import mechanism_steps, slide_content
from desktop.presenter.handout import VIRTUAL_SCREEN, HandoutOptions, write_handout
from desktop.presenter.slide_painter import (
    MAX_DIAGRAM_FACTOR,
    OVERVIEW_MIN,
    PRINT_COLORS,
    SlidePainter,
    SlideView,
    overview_colors,
)
from desktop.presenter.slide_widget import SlideWidget
from desktop.theme import THEMES
from tests.desktop.presenter.pixels import inked_edge

pytestmark = pytest.mark.qt_log_ignore(r".*")


@pytest.fixture(scope="module")
def steps(bundled_atlas):
    content = bundled_atlas.content
    return [slide_content(content, ref) for ref in mechanism_steps(content)]


def _box_rect(overview_rect: QRectF, box) -> QRectF:
    return QRectF(overview_rect.left() + box.x * overview_rect.width(),
                  overview_rect.top() + box.y * overview_rect.height(),
                  box.w * overview_rect.width(), box.h * overview_rect.height())


def _near(a: QColor, b: QColor, tolerance: int) -> bool:
    return all(abs(x - y) <= tolerance for x, y in
               zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1920, 1080), (3840, 2160)],
                         ids=["1024x768", "1280x800", "1920x1080", "3840x2160"])
def test_every_step_slide_shows_the_whole_diagram_with_the_steps_parts_lit(
        qapp, bundled_atlas, steps, size, theme):
    colors = THEMES[theme]
    painter = SlidePainter(bundled_atlas.content, colors)
    lit_color, dim_color = overview_colors(colors)
    slide_rect = QRectF(0, 0, *size)
    min_px = size[1] / 30
    for number, slide in enumerate(steps, 1):
        image = QImage(*size, QImage.Format.Format_RGB32)
        qp = QPainter(image)
        qp.setRenderHints(QPainter.RenderHint.Antialiasing
                          | QPainter.RenderHint.TextAntialiasing)
        painted = painter.paint(qp, slide_rect, slide, SlideView(), size[1])
        qp.end()
        place = painted.overview_rect
        assert place is not None, (number, size, theme)
        # on the slide, large enough to read as a map, the step's text still readable
        assert slide_rect.contains(place) and place.height() >= OVERVIEW_MIN * min_px - 0.5
        assert min(px for _, px in painted.sizes) >= min_px - 0.5, (number, painted.sizes)
        # clear of the step's text and of every text of the step's picture
        document = painted.document
        text = QRectF(painted.text_rect.left(), painted.text_rect.top(),
                      painted.text_rect.width(), document.size().height())
        assert not place.intersects(text), (number, size)
        for role, words, rect in painted.figure_texts:
            assert not place.intersects(rect), (number, role, words)
        # the painted boxes: the step's parts in the accent colour, every other part dimmed
        overview = painted.overview
        assert len(overview.boxes) == len(painter.mechanism().diagram.nodes)
        lit = set()
        for box in overview.boxes:
            centre = _box_rect(place, box).center()
            pixel = QColor(image.pixel(int(centre.x()), int(centre.y())))
            if _near(pixel, lit_color, 8):
                lit.add(box.node_id)
            else:
                assert _near(pixel, dim_color, 8), (number, box.node_id, pixel.name())
        assert lit == set(slide.drawing.nodes), (number, size, theme)
        assert painted.figure_description.startswith(
            "Where this step sits in the whole diagram:")


def test_the_slide_widget_describes_the_map(qtbot, bundled_atlas, steps):
    painter = SlidePainter(bundled_atlas.content, THEMES["light"])
    widget = SlideWidget(painter=painter)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    slide = steps[2]
    widget.set_slide(slide, SlideView(), THEMES["light"], painter)
    description = widget.accessibleDescription()
    assert description.startswith(slide.title)
    assert "Where this step sits in the whole diagram:" in description
    for node_id in slide.drawing.nodes:
        assert painter.mechanism().diagram.node(node_id).label in description


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_the_handout_prints_the_map_as_vector_shapes(qapp, bundled_atlas, steps, tmp_path):
    content = bundled_atlas.content
    refs = mechanism_steps(content)[:2]
    path = write_handout(content, refs, "Mechanism", tmp_path / "steps.pdf",
                         HandoutOptions(2, False, "A4"))
    reader = PdfReader(str(path))
    page = reader.pages[0]
    assert list(page.images) == []  # everything drawn as vector shapes and text
    dpi = 200
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True, timeout=60)
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert not image.isNull()
    zoom = dpi / 72
    painter = SlidePainter(content, PRINT_COLORS)
    lit_color, dim_color = overview_colors(PRINT_COLORS)
    cells = handout_layout(2, 2, "A4", False).pages[0].cells
    full = QRectF(0, 0, VIRTUAL_SCREEN.width(), VIRTUAL_SCREEN.height())
    for cell, slide in zip(cells, steps[:2], strict=True):
        painted = painter.layout(full, slide, SlideView(prompt=False), full.height())
        place = painted.overview_rect
        assert place is not None
        scale = cell.slide.w / full.width()
        lit = set()
        for box in painted.overview.boxes:
            centre = _box_rect(place, box).center()
            x = (cell.slide.x + centre.x() * scale) * zoom
            y = (cell.slide.y + centre.y() * scale) * zoom
            pixel = QColor(image.pixel(round(x), round(y)))
            if _near(pixel, lit_color, 40):
                lit.add(box.node_id)
            else:
                assert _near(pixel, dim_color, 40), (box.node_id, pixel.name())
        assert lit == set(slide.drawing.nodes)


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_a_drugs_rings_stay_inside_the_panel_and_the_text_readable(qapp, bundled_atlas, steps,
                                                                   size):
    """With a drug selected, its rings round the step's parts are drawn whole (nothing at
    the panel's edge), the map still clear of the picture's text, every text readable."""
    colors = THEMES["light"]
    painter = SlidePainter(bundled_atlas.content, colors)
    diagram = painter.mechanism().diagram
    panel = QColor(colors.base)
    min_px = size[1] / 30
    for drug in ("thalidomide", "lenalidomide", "pomalidomide"):
        nodes = tuple(diagram.highlight_for(drug).nodes)
        view = SlideView(drug=drug, drug_name=drug.title(), drug_nodes=nodes,
                         drug_color=colors.drugs[0])
        for number, slide in enumerate(steps, 1):
            if not set(nodes) & set(slide.drawing.nodes):
                continue
            image = QImage(*size, QImage.Format.Format_RGB32)
            qp = QPainter(image)
            qp.setRenderHints(QPainter.RenderHint.Antialiasing)
            painted = painter.paint(qp, QRectF(0, 0, *size), slide, view, size[1])
            qp.end()
            assert min(px for _, px in painted.sizes) >= min_px - 0.5, (drug, number)
            assert painted.overview_rect is not None, (drug, number)
            for _role, words, rect in painted.figure_texts:
                assert not painted.overview_rect.intersects(rect), (drug, number, words)
            inked = inked_edge(image, painted.figure_rect, panel)
            assert not inked, (drug, number, size, inked[:5])
            # every ring is drawn whole: its colour just outside all four sides of the part
            ring = QColor(colors.drugs[0])
            picture = painter.mechanism()
            canvas, scale, placed, _ = picture.arrange(
                slide.drawing, painted.figure_rect, min_px, min_px * MAX_DIAGRAM_FACTOR,
                painter._under_text(painted), halo=True)
            bounds = canvas.scene().sceneRect()
            reach = int(canvas.layout_result.em * scale) + 2
            for node_id in set(nodes) & set(slide.drawing.nodes):
                b = canvas.layout_result.nodes[node_id].box
                left = placed.left() + (b.x - bounds.left()) * scale
                top = placed.top() + (b.y - bounds.top()) * scale
                right, bottom = left + b.w * scale, top + b.h * scale
                cx, cy = int((left + right) / 2), int((top + bottom) / 2)
                sides = {
                    "left": [(int(left) - d, cy) for d in range(reach)],
                    "right": [(int(right) + d, cy) for d in range(reach)],
                    "top": [(cx, int(top) - d) for d in range(reach)],
                    "bottom": [(cx, int(bottom) + d) for d in range(reach)],
                }
                for side, points in sides.items():
                    assert any(_near(QColor(image.pixel(x, y)), ring, 50) for x, y in points
                               if 0 <= x < size[0] and 0 <= y < size[1]), \
                        (drug, number, node_id, side)
