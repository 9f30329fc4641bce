"""A step's part of the mechanism diagram, closed up for a slide (no display needed)."""

from __future__ import annotations

from desktop.core.mechanism.diagram import diagram_from_records, load_diagram
from desktop.core.mechanism.layout import (
    LayoutMetrics,
    approximate_measure,
    layout_diagram,
    layout_problems,
)
from desktop.core.presenter.step_diagram import step_diagram


def _diagram():
    nodes = [
        {"id": "drug", "label": "Drug", "kind": "drug", "term": "", "x": 0, "y": 4,
         "caption": "glue"},
        {"id": "crbn", "label": "Cereblon", "kind": "ligase", "term": "", "x": 1, "y": 3,
         "group": "ligase", "caption": "receptor"},
        {"id": "pocket", "label": "Pocket", "kind": "ligase", "term": "", "x": 1, "y": 4,
         "group": "ligase"},
        {"id": "ikzf1", "label": "IKZF1", "kind": "neosubstrate", "term": "", "x": 2, "y": 0,
         "group": "neo"},
        {"id": "sall4", "label": "SALL4", "kind": "neosubstrate", "term": "", "x": 2,
         "y": 5.3, "group": "terato"},
        {"id": "far", "label": "Far away", "kind": "effect", "term": "", "x": 6, "y": 1},
    ]
    edges = [
        {"id": "binds", "source": "drug", "target": "pocket", "kind": "binds",
         "label": "binds"},
        {"id": "part", "source": "pocket", "target": "crbn", "kind": "part-of"},
        {"id": "r1", "source": "crbn", "target": "ikzf1", "kind": "recruits"},
        {"id": "r2", "source": "crbn", "target": "sall4", "kind": "recruits"},
        {"id": "away", "source": "ikzf1", "target": "far"},
    ]
    groups = [{"id": "ligase", "label": "Ligase"}, {"id": "neo", "label": "Neo"},
              {"id": "terato", "label": "Teratogenic"}]
    return diagram_from_records(nodes, edges, groups)


def test_only_the_steps_parts_and_edges_closed_up_in_order():
    diagram = _diagram()
    sub = step_diagram(diagram, ["crbn", "ikzf1", "far", "nobody"], ["r1", "away", "binds"])
    assert [n.id for n in sub.nodes] == ["crbn", "ikzf1", "far"]
    # columns 1, 2 and 6 become 0, 1 and 2; rows 0, 1 and 3 become 0, 1 and 2
    assert {n.id: (n.x, n.y) for n in sub.nodes} == {"crbn": (0, 2), "ikzf1": (1, 0),
                                                    "far": (2, 1)}
    assert [e.id for e in sub.edges] == ["r1", "away"]  # "binds" has an end not shown
    assert [g.id for g in sub.groups] == ["ligase", "neo"]
    assert not sub.steps and not sub.highlights


def test_groups_stacked_in_a_column_and_joined_boxes_get_room():
    diagram = _diagram()
    nodes = ["drug", "crbn", "pocket", "ikzf1", "sall4"]
    edges = ["binds", "part", "r1", "r2"]
    sub = step_diagram(diagram, nodes, edges, group_gap=2.5, joined_gap=1.4)
    rows = {n.id: n.y for n in sub.nodes}
    assert rows["pocket"] - rows["crbn"] == 1.4     # joined by an edge within the column
    assert rows["drug"] == rows["pocket"]           # rows stay aligned across columns
    assert rows["sall4"] == rows["pocket"] + 1       # at most a row between rows
    plain = step_diagram(diagram, nodes, edges)
    assert {n.id: n.y for n in plain.nodes}["pocket"] - rows["crbn"] == 1.0
    # another group below in one column: room for its frame and heading
    stacked = step_diagram(diagram, ["ikzf1", "sall4"], [], group_gap=2.5)
    assert [n.y for n in stacked.nodes] == [0.0, 2.5]
    assert [n.y for n in step_diagram(diagram, ["ikzf1", "sall4"], []).nodes] == [0.0, 1.3]


def test_captions_and_edge_words_can_be_left_out():
    diagram = _diagram()
    full = step_diagram(diagram, ["drug", "pocket"], ["binds"])
    assert full.node("drug").caption == "glue" and full.edges[0].label == "binds"
    names = step_diagram(diagram, ["drug", "pocket"], ["binds"], captions=False,
                         edge_labels=False)
    assert names.node("drug").caption == "" and names.node("drug").label == "Drug"
    assert names.edges[0].label == "" and names.edges[0].kind == "binds"
    assert step_diagram(diagram, ["nobody"], []).empty


def test_fitted_columns_are_as_wide_as_their_own_boxes():
    diagram = _diagram()
    sub = step_diagram(diagram, ["drug", "pocket", "crbn"], ["binds", "part"])
    measure = approximate_measure(7, 16)
    metrics = LayoutMetrics(min_node_width=2.0)
    even = layout_diagram(sub, measure, 13, metrics, legend=False)
    fitted = layout_diagram(sub, measure, 13, metrics, legend=False, fit_columns=True)
    assert even.legend is None and fitted.legend is None
    assert fitted.nodes["drug"].box.w < fitted.nodes["crbn"].box.w  # "Drug" is short
    assert fitted.bounds.w < even.bounds.w
    # the gap with the edge's word "binds" in it is wider than the plain gap
    gap = fitted.nodes["pocket"].box.x - fitted.nodes["drug"].box.right
    label = fitted.edges["binds"].label_box
    assert gap > label.w and not layout_problems(sub, fitted)


def test_every_narration_step_lays_out_without_overlaps(bundled_atlas):
    diagram = load_diagram(bundled_atlas.content)
    assert len(diagram.steps) == 12
    measure = approximate_measure(7, 16)
    for step in diagram.steps:
        for captions in (True, False):
            sub = step_diagram(diagram, step.nodes, diagram.step_edges(step), captions,
                               group_gap=3.0, joined_gap=1.4)
            assert {n.id for n in sub.nodes} == set(step.nodes), step.id
            layout = layout_diagram(sub, measure, 13, legend=False, fit_columns=True)
            assert layout_problems(sub, layout) == [], (step.id, captions)
