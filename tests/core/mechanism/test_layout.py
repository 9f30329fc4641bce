"""The mechanism diagram's layout: no overlaps at any text size, problems found when there are."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.mechanism.diagram import Diagram, diagram_from_records
from desktop.core.mechanism.layout import (
    Box,
    LayoutMetrics,
    approximate_measure,
    layout_diagram,
    layout_problems,
)


@pytest.mark.parametrize("em, char", [(9.0, 5.2), (13.0, 7.0), (20.0, 11.5), (30.0, 17.0)])
def test_bundled_layout_has_no_overlaps_at_any_text_size(diagram, em, char):
    layout = layout_diagram(diagram, approximate_measure(char, em * 1.3), em)
    assert layout_problems(diagram, layout) == []
    assert set(layout.nodes) == {n.id for n in diagram.nodes}
    assert layout.legend is not None
    for geometry in layout.nodes.values():
        assert layout.bounds.contains_box(geometry.box)


def test_layout_grows_with_the_text():
    diagram = diagram_from_records([
        {"id": "a", "label": "Alpha", "kind": "ligase", "term": "t", "x": 0, "y": 0},
        {"id": "b", "label": "Beta", "kind": "effect", "term": "t", "x": 1, "y": 0}],
        [{"id": "e", "source": "a", "target": "b"}])
    small = layout_diagram(diagram, approximate_measure(6, 14), 12)
    large = layout_diagram(diagram, approximate_measure(12, 28), 24)
    assert large.bounds.w > 1.8 * small.bounds.w
    assert layout_problems(diagram, large) == []


def _diagram(nodes, edges=(), groups=()):
    return diagram_from_records(
        [{"id": i, "label": label, "kind": "effect", "term": "t", "x": x, "y": y,
          **({"group": g} if g else {})} for i, label, x, y, g in nodes],
        [{"id": f"{s}-{t}", "source": s, "target": t, **extra} for s, t, extra in edges],
        [{"id": g, "label": label} for g, label in groups])


def test_problems_are_found_when_nodes_overlap():
    diagram = _diagram([("a", "First", 0, 0, ""), ("b", "Second", 0.3, 0.2, "")])
    problems = layout_problems(diagram, layout_diagram(diagram, approximate_measure(), 13))
    assert "nodes a and b overlap" in problems


def test_problems_are_found_when_an_edge_crosses_a_node():
    # a -> c straight along the row passes through b in between
    diagram = _diagram([("a", "A", 0, 0, ""), ("b", "B", 1, 0, ""), ("c", "C", 2, 0, "")],
                       [("a", "c", {})])
    problems = layout_problems(diagram, layout_diagram(diagram, approximate_measure(), 13))
    assert "edge a-c runs through node b" in problems


def test_problems_are_found_when_a_group_covers_a_stranger():
    diagram = _diagram([("a", "A", 0, 0, "g"), ("b", "B", 1, 0, ""), ("c", "C", 2, 0, "g")],
                       groups=[("g", "Group")])
    problems = layout_problems(diagram, layout_diagram(diagram, approximate_measure(), 13))
    assert "group g covers node b" in problems


def test_edge_labels_avoid_nodes_or_are_reported():
    diagram = _diagram([("a", "A", 0, 0, ""), ("b", "B", 1, 0, "")],
                       [("a", "b", {"label": "a label far wider than any column gap"})])
    problems = layout_problems(diagram, layout_diagram(diagram, approximate_measure(), 13))
    assert any("the label of edge a-b overlaps node" in p for p in problems)


def test_box_geometry():
    a, b = Box(0, 0, 10, 10), Box(10, 0, 5, 5)
    assert not a.intersects(b)  # touching is not overlapping
    assert a.intersects(b, margin=0.5)
    assert a.union(b) == Box(0, 0, 15, 10)
    assert a.contains_point(5, 5) and not a.contains_point(10, 5)


def test_empty_diagram_is_harmless():
    empty = Diagram()
    assert empty.empty and empty.tab_order() == []
    layout = layout_diagram(empty, approximate_measure(), 13)
    assert layout.nodes == {} and layout.legend is None
    assert layout_problems(empty, layout) == []




def test_a_heading_longer_than_its_frame_widens_the_frame_and_a_cut_one_is_found():
    diagram = _diagram([("a", "A", 0, 0, "g"), ("b", "B", 2, 0, "")],
                       groups=[("g", "Neosubstrates")])
    metrics = LayoutMetrics(min_node_width=2.0)
    layout = layout_diagram(diagram, approximate_measure(7, 16), 13, metrics)
    frame, header = layout.groups["g"].box, layout.groups["g"].header_box
    assert header.w > layout.nodes["a"].box.w  # one word wider than the box under it
    assert frame.contains_box(header) and layout_problems(diagram, layout) == []
    narrow = dataclasses.replace(layout.groups["g"], box=Box(frame.x, frame.y,
                                                             header.w / 2, frame.h))
    cut = dataclasses.replace(layout, groups={"g": narrow})
    assert "the header of group g does not fit in its frame" in layout_problems(diagram, cut)
