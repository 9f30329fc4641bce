"""The structure widget and "Compare two" on real widgets (offscreen): the drawing is drawn,
follows the theme and the text size, and says what it shows to screen readers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtGui import QColor

from desktop.chemistry.compare_dialog import CompareStructuresDialog
from desktop.chemistry.structure_widget import StructureWidget, render_svg
from desktop.core.chemistry import drawings

SVG = "{http://www.w3.org/2000/svg}"


def ink_pixels(widget) -> int:
    image = widget.grab().toImage()
    background = QColor(image.pixel(1, 1))
    return sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if QColor(image.pixel(x, y)) != background)


def test_widget_draws_the_structure_with_caption_legend_and_alt_text(app_ctx, qtbot):
    widget = StructureWidget(app_ctx)
    qtbot.addWidget(widget)
    assert widget.set_structure("lenalidomide")
    widget.resize(520, 480)
    widget.show()
    qtbot.waitExposed(widget)
    root = ET.fromstring(widget.svg_text().encode("utf-8"))
    parts = [g.get("data-part") for g in root.iter(f"{SVG}g") if g.get("class") == "part"]
    assert parts == ["glutarimide", "isoindolinone", "amino-4", "missing-carbonyl",
                     "chiral-carbon"]
    structure = app_ctx.content.structure("lenalidomide")
    assert widget.accessibleName() == "Structure of Lenalidomide"
    assert widget.drawing.accessibleDescription() == drawings.alt_text_for(structure)
    assert widget.caption.text() == "Lenalidomide · C13H13N3O3 · 259.26 g/mol · racemate"
    assert widget.legend_layout.count() == 5
    assert ink_pixels(widget.drawing) > 200  # something is drawn, not an empty box


def test_widget_follows_theme_and_text_size(app_ctx, qtbot):
    widget = StructureWidget(app_ctx)
    qtbot.addWidget(widget)
    widget.set_structure("thalidomide")
    small = widget.drawing.sizeHint()
    app_ctx.theme.apply("dark")
    try:
        assert drawings.DARK_INK["ink"] in widget.svg_text()
        assert drawings.INK["ink"] not in widget.svg_text()
    finally:
        app_ctx.theme.apply("light")
    assert drawings.INK["ink"] in widget.svg_text()
    app_ctx.theme.set_font_scale(2.0)
    widget.setFont(widget.font())  # font change reaches the widget as in the app
    qtbot.wait(10)
    assert widget.drawing.sizeHint().height() > small.height() * 1.5


def test_widget_without_structure_draws_nothing(app_ctx, qtbot):
    widget = StructureWidget(app_ctx)
    qtbot.addWidget(widget)
    assert not widget.set_structure(None)
    assert widget.svg_text() == ""
    assert widget.accessibleName() == "No structure"


def test_pocket_and_differences_are_drawn_in(app_ctx, qtbot):
    widget = StructureWidget(app_ctx, legend=False)
    qtbot.addWidget(widget)
    widget.set_structure("thalidomide", pocket=True, marked=[7])
    root = ET.fromstring(widget.svg_text().encode("utf-8"))
    classes = [g.get("class") for g in root.iter(f"{SVG}g")]
    assert "pocket" in classes and "difference" in classes


def test_render_svg_gives_an_image_of_the_drawing(qapp):
    image = render_svg(drawings.drawing_svg("pomalidomide"), 300, "#ffffff")
    assert image.width() == 300 and image.height() > 100
    dark = sum(1 for x in range(0, 300, 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).lightness() < 128)
    assert dark > 50


def test_compare_two_marks_differences_and_says_them(app_ctx, qtbot):
    dialog = CompareStructuresDialog(app_ctx, first="thalidomide", second="lenalidomide")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = dialog.summary.text()
    assert "Only in Thalidomide (marked): 1 atom (1 O)" in text
    assert "Only in Lenalidomide (marked): 1 atom (1 N)" in text
    for side in (dialog.left, dialog.right):
        root = ET.fromstring(side.svg_text().encode("utf-8"))
        marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "difference"]
        assert len(marks) == 1 and len(marks[0].findall(f"{SVG}circle")) == 1
    dialog.swap_button.click()
    assert dialog.chosen()[0].id == "lenalidomide"
    assert dialog.summary.text().startswith("Lenalidomide and Thalidomide share")


def test_compare_two_draws_both_at_one_scale(app_ctx, qtbot):
    dialog = CompareStructuresDialog(app_ctx, first="thalidomide", second="lenalidomide")
    qtbot.addWidget(dialog)
    dialog.resize(900, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    left, right = dialog.left.drawing, dialog.right.drawing
    assert left.shared_scale == right.shared_scale
    for side in (left, right):
        rect = side.target_rect()
        size = side.renderer.defaultSize()
        assert abs(rect.width() / size.width() - left.shared_scale) < 0.01
