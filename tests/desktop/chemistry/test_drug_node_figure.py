"""The mechanism diagram's drug node draws the chosen drug's structure: in the theme's colours,
clear of the other nodes at large text, and in the diagram's vector export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from desktop.core.chemistry.drawings import DARK_INK, INK, PART_FILL


@pytest.fixture
def view(show, bundled_ctx):
    from desktop.mechanism.mechanism_view import MechanismView

    return show(MechanismView(bundled_ctx), 1200, 760)


def drug_item(view):
    return view.canvas.items["drug"]


def test_the_svg_export_carries_the_drawing_only_with_a_drug_chosen(view, tmp_path):
    glutarimide = PART_FILL["glutarimide"].lower()
    plain = view.export_diagram(tmp_path / "all.svg", "svg").read_text("utf-8").lower()
    assert glutarimide not in plain
    assert view.select_drug("lenalidomide")
    drawn = view.export_diagram(tmp_path / "lena.svg", "svg").read_text("utf-8").lower()
    assert glutarimide in drawn and len(drawn) > len(plain) + 2000


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_drawing_sits_in_free_space_above_the_node(view, bundled_ctx, qtbot, scale):
    bundled_ctx.theme.set_font_scale(scale)
    assert view.select_drug("iberdomide")
    qtbot.waitUntil(lambda: drug_item(view).figure is not None)
    item = drug_item(view)
    area = item.figure_box
    layout = view.canvas.layout_result
    node = layout.nodes["drug"].box
    assert area.bottom() == pytest.approx(node.y) and area.height() >= 3 * layout.em
    others = [g.box for n, g in layout.nodes.items() if n != "drug"]
    others += [g.box for g in layout.groups.values()] + [layout.legend.box]
    for box in others:
        assert not area.intersects(QRectF(box.x, box.y, box.w, box.h)), box
    assert area.contains(item.figure_rect())


def test_the_drawing_follows_the_theme_and_goes_with_all_drugs(view, bundled_ctx):
    assert view.select_drug("pomalidomide")
    assert INK["ink"] in view.canvas.figure_of("drug")
    bundled_ctx.theme.apply("dark")
    svg = view.canvas.figure_of("drug")
    assert DARK_INK["ink"] in svg and INK["ink"] not in svg
    assert view.select_drug("")
    assert view.canvas.figure_of("drug") == "" and drug_item(view).figure is None
