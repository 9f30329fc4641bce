"""The map of the whole mechanism diagram on a step slide (no display needed)."""

from __future__ import annotations

from desktop.core.mechanism.diagram import diagram_from_records, load_diagram
from desktop.core.presenter.overview_map import overview_map
from desktop.core.presenter.slides import mechanism_steps, slide_content


def _diagram():
    nodes = [
        {"id": "drug", "label": "Drug", "kind": "drug", "term": "", "x": 0, "y": 4},
        {"id": "crbn", "label": "Cereblon", "kind": "ligase", "term": "", "x": 1, "y": 3},
        {"id": "ikzf1", "label": "IKZF1", "kind": "neosubstrate", "term": "", "x": 2, "y": 0},
        {"id": "far", "label": "Far away", "kind": "effect", "term": "", "x": 6, "y": 1},
    ]
    edges = [
        {"id": "binds", "source": "drug", "target": "crbn", "kind": "binds"},
        {"id": "r1", "source": "crbn", "target": "ikzf1", "kind": "recruits"},
        {"id": "away", "source": "ikzf1", "target": "far"},
    ]
    return diagram_from_records(nodes, edges, [])


def _overlap(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_every_part_is_a_box_in_the_diagrams_order_and_the_steps_are_lit():
    overview = overview_map(_diagram(), ["drug", "crbn", "nobody"], ["binds", "nothing"])
    boxes = {box.node_id: box for box in overview.boxes}
    assert set(boxes) == {"drug", "crbn", "ikzf1", "far"}
    assert overview.highlighted == {"drug", "crbn"}
    assert {line.edge_id: line.highlighted for line in overview.lines} == {
        "binds": True, "r1": False, "away": False}
    # columns left to right, rows top to bottom, as in the diagram
    assert boxes["drug"].x < boxes["crbn"].x < boxes["ikzf1"].x < boxes["far"].x
    assert boxes["ikzf1"].y < boxes["far"].y < boxes["crbn"].y < boxes["drug"].y
    # a line runs from its source's box to its target's
    binds = next(line for line in overview.lines if line.edge_id == "binds")
    assert binds.start == boxes["drug"].center and binds.end == boxes["crbn"].center
    assert overview.aspect > 1  # seven columns, five rows: wider than tall
    assert overview.description.startswith("Where this step sits in the whole diagram:")
    assert "Drug, Cereblon" in overview.description and "bottom left" in overview.description


def test_the_bundled_diagram_map_for_every_step(bundled_atlas):
    content = bundled_atlas.content
    diagram = load_diagram(content)
    for ref in mechanism_steps(content):
        figure = slide_content(content, ref).drawing
        overview = overview_map(diagram, figure.nodes, figure.edges)
        assert len(overview.boxes) == len(diagram.nodes)
        assert overview.highlighted == set(figure.nodes), ref
        assert {line.edge_id for line in overview.lines if line.highlighted} == \
            {e.id for e in diagram.edges if e.id in set(figure.edges)}, ref
        for i, box in enumerate(overview.boxes):
            assert box.x > 0 and box.x + box.w < 1 and box.y > 0 and box.y + box.h < 1
            for other in overview.boxes[i + 1:]:
                assert not _overlap(box, other), (box.node_id, other.node_id)
        for node_id in figure.nodes:
            assert diagram.node(node_id).label in overview.description, (ref, node_id)


def test_an_empty_diagram_has_an_empty_map():
    overview = overview_map(diagram_from_records([], [], []), ["a"], [])
    assert overview.boxes == () and overview.description == ""
