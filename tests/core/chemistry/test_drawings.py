"""The drawings carry their highlights and text alternative; recolouring and difference marks
keep them valid SVG. Every file is parsed back with an XML parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from db.content_loader import load_content
from desktop.core.chemistry import drawings
from desktop.core.chemistry.parts import PARTS
from tools.draw_structures import CONTENT

SVG = "{http://www.w3.org/2000/svg}"
RECORDS = sorted((dict(r.data) for r in load_content(CONTENT).records
                  if r.kind == "structure"), key=lambda d: d["order"])


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_drawing_has_every_labelled_part_and_its_text_alternative(record):
    svg = drawings.drawing_svg(record["id"])
    assert svg is not None
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == record["name"]
    desc = root.find(f"{SVG}desc").text
    assert desc == drawings.alt_text_for(record)
    groups = {g.get("data-part"): g for g in root.iter(f"{SVG}g") if g.get("class") == "part"}
    assert list(groups) == record["parts"]
    for part_id, group in groups.items():
        part = PARTS[part_id]
        label = group.find(f"{SVG}text").text
        assert label == part.label or (part_id == "chiral-carbon" and label == (
            f"{part.label} ({record['stereo']})"))
        assert part.role in group.find(f"{SVG}title").text
        assert group.get("data-atoms").split(), part_id
        shapes = [e for e in group if e.tag in (f"{SVG}polygon", f"{SVG}circle", f"{SVG}line")
                  and "leader" not in (e.get("class") or "")]
        assert shapes, f"{part_id} has no highlight shape"
        # ...and the text alternative names it and what it does.
        assert part.name in desc and part.role in desc
    assert record["formula"] in desc
    assert root.find(f"{SVG}g[@class='molecule']") is not None


def test_drawings_line_up_on_the_glutarimide():
    """Every drawing puts its glutarimide ring at the same angle and bond length."""
    import math

    shapes = []
    for record in RECORDS:
        data = drawings.layout(record["id"])
        o1, c1, *_ = data["glutarimide"]
        (x0, y0), (x1, y1) = data["atoms"][o1], data["atoms"][c1]
        shapes.append((round(math.atan2(y1 - y0, x1 - x0), 2),
                       round(math.hypot(x1 - x0, y1 - y0), 0)))
    assert len(set(shapes)) == 1, shapes


@pytest.mark.parametrize("scheme", ["dark", "high-contrast"])
def test_recoloured_drawings_keep_no_light_ink(scheme):
    svg = drawings.drawing_svg("lenalidomide")
    themed = drawings.themed_svg(svg, scheme)
    parse(themed)
    assert drawings.INK["ink"].lower() not in themed.lower()
    ink = drawings.HIGH_CONTRAST_INK if scheme == "high-contrast" else drawings.DARK_INK
    assert ink["ink"] in themed
    assert drawings.themed_svg(svg, "light") == svg


def test_differences_are_marked_from_the_common_substructure():
    diff = drawings.difference("thalidomide", "lenalidomide")
    layout = drawings.layout("lenalidomide")
    elements = layout["elements"]
    # Lenalidomide's extra atom is the amino nitrogen; thalidomide's the second carbonyl O.
    assert [elements[i] for i in diff["b"]] == ["N"]
    assert [drawings.layout("thalidomide")["elements"][i] for i in diff["a"]] == ["O"]
    assert drawings.difference("lenalidomide", "thalidomide") == {
        "a": diff["b"], "b": diff["a"], "common_atoms": diff["common_atoms"],
        "note": diff["note"]}
    marked = drawings.with_differences(drawings.drawing_svg("lenalidomide"), "lenalidomide",
                                       diff["b"])
    group = next(g for g in parse(marked).iter(f"{SVG}g") if g.get("class") == "difference")
    assert len(group.findall(f"{SVG}circle")) == 1


def test_enantiomers_differ_only_at_the_chiral_carbon():
    diff = drawings.difference("r-thalidomide", "s-thalidomide")
    assert len(diff["a"]) == len(diff["b"]) == 1
    assert "configuration at the chiral carbon" in diff["note"]


def test_unknown_or_hostile_ids_give_no_drawing(tmp_path):
    assert drawings.drawing_svg("no-such-structure") is None
    assert drawings.drawing_svg("../content/content") is None
    assert drawings.drawing_svg("thalidomide", folder=tmp_path) is None


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_a_small_drawing_keeps_its_highlights_without_labels(record):
    """The mechanism diagram's drug node draws the highlights alone, framed on the atoms."""
    svg = drawings.without_labels(drawings.drawing_svg(record["id"]), record["id"])
    root = ET.fromstring(svg.encode("utf-8"))
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "part"]
    assert [g.get("data-part") for g in groups] == list(record["parts"])
    assert not [t for g in groups for t in g.iter(f"{SVG}text")]
    assert "leader" not in svg
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    for ax, ay in drawings.layout(record["id"])["atoms"]:
        assert x < ax < x + w and y < ay < y + h
    full = ET.fromstring(drawings.drawing_svg(record["id"]).encode("utf-8"))
    assert w * h < float(full.get("width")) * float(full.get("height"))
    pocket = ET.fromstring(drawings.with_pocket(svg, record["id"], show_label=False).encode())
    assert [g for g in pocket.iter(f"{SVG}g") if g.get("class") == "pocket"]
    assert not list(pocket.iter(f"{SVG}text"))
