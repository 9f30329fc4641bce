"""The mechanism diagram without Qt: bundled data, layout overlaps, narration, label practice."""

from __future__ import annotations

import random

import pytest

from desktop.core.mechanism import (
    NEXT_KEYS,
    Box,
    Diagram,
    LabelPractice,
    Narration,
    Node,
    Step,
    accepted_names,
    approximate_measure,
    diagram_from_records,
    layout_diagram,
    layout_problems,
    load_diagram,
    name_similarity,
    normalise_name,
    practice_nodes,
)

FIVE = ("thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide")


@pytest.fixture(scope="module")
def content(bundled_atlas):
    return bundled_atlas.content


@pytest.fixture(scope="module")
def diagram(content):
    return load_diagram(content)


# -- the bundled diagram -----------------------------------------------------------------------

def test_bundled_diagram_loads_with_every_part(diagram):
    kinds = {n.kind for n in diagram.nodes}
    assert {"ligase", "drug", "neosubstrate", "process", "effect", "cell",
            "teratogenic"} <= kinds
    ids = {n.id for n in diagram.nodes}
    # CRL4-CRBN, the drug in the pocket, the six neosubstrates, degradation, downstream
    assert {"cul4", "ddb1", "rbx1", "cereblon", "pocket", "drug"} <= ids
    assert {"ikzf1", "ikzf3", "ck1a", "sall4", "p63", "gspt1"} <= ids
    assert {"ubiquitination", "proteasome", "irf4", "myc", "myeloma-death", "il2", "t-cells",
            "nk-cells", "niche", "angiogenesis", "embryopathy"} <= ids
    assert 8 <= len(diagram.steps) <= 12
    assert [s.order for s in diagram.steps] == sorted(s.order for s in diagram.steps)


def test_every_node_resolves_to_a_glossary_term(diagram, content):
    for node in diagram.nodes:
        term = content.term(node.term)
        assert term is not None, f"{node.id}: no glossary term {node.term!r}"
        assert term.short_definition, node.id
    for group in diagram.groups:
        assert content.term(group.term) is not None, group.id


def test_every_record_cites_existing_references(diagram, content):
    refs = {r.id for r in content.references()}
    for record in (*diagram.nodes, *diagram.steps, *diagram.highlights):
        assert record.sources, record.id
        assert set(record.sources) <= refs, (record.id, set(record.sources) - refs)


def test_each_step_highlights_existing_nodes_and_edges(diagram):
    node_ids = {n.id for n in diagram.nodes}
    edge_ids = {e.id for e in diagram.edges}
    for step in diagram.steps:
        assert step.nodes and set(step.nodes) <= node_ids, step.id
        assert set(step.edges) <= edge_ids, step.id
        assert diagram.step_edges(step), f"{step.id} lights up no edge"
        sentences = [s for s in step.text.replace("?", ".").split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 4, (step.id, len(sentences))
    for edge in diagram.edges:
        assert edge.source in node_ids and edge.target in node_ids, edge.id


def test_drug_highlights_match_the_comparison_data(diagram, content):
    drugs = {d.id: d for d in content.drugs()}
    assert sorted(h.drug for h in diagram.highlights) == sorted(FIVE)
    for highlight in diagram.highlights:
        drug = drugs[highlight.drug]
        neosubstrates = {diagram.node(n).term for n in highlight.nodes
                         if diagram.node(n).kind == "neosubstrate"}
        assert neosubstrates == set(drug.neosubstrate_terms), highlight.drug
        assert drug.neosubstrate_terms, f"{drug.id}: neosubstrate_terms feed the quiz"
        # every drug acts through the drug-bound cereblon
        assert {"drug", "pocket", "cereblon"} <= set(highlight.nodes)
    by_drug = {h.drug: set(h.nodes) for h in diagram.highlights}
    # GSPT1 belongs to the research compound CC-885, not to any of the five drugs
    assert all("gspt1" not in nodes for nodes in by_drug.values())
    # CK1α (and del(5q) MDS) is lenalidomide's
    assert [d for d, nodes in by_drug.items() if "ck1a" in nodes] == ["lenalidomide"]
    assert [d for d, nodes in by_drug.items() if "del5q" in nodes] == ["lenalidomide"]
    assert "p63" in by_drug["thalidomide"]


def test_teratogenic_branch_is_a_separate_group(diagram):
    members = {n.id for n in diagram.members("teratogenic")}
    assert {"sall4", "p63", "embryopathy"} == members
    myeloma_side = {"irf4", "myc", "myeloma-death", "il2", "t-cells", "nk-cells"}
    assert not any(e.source in members and e.target in myeloma_side for e in diagram.edges)


# -- layout ------------------------------------------------------------------------------------

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


# -- narration ---------------------------------------------------------------------------------

def _steps(n=3):
    return [Step(f"s{i}", i, f"Step {i}", "Text. More.", ("a",)) for i in (3, 1, 2)][:n]


def test_narration_walks_forward_and_back_within_bounds():
    narration = Narration(_steps())
    assert narration.current is None and narration.at_start
    assert narration.position_label() == "Overview · 3 steps"
    assert narration.next() and narration.current.id == "s1"
    assert narration.next() and narration.next() and narration.current.id == "s3"
    assert narration.at_end and not narration.next()
    assert narration.position_label() == "Step 3 of 3"
    assert narration.previous() and narration.current.id == "s2"
    assert narration.reset() and narration.current is None
    assert not narration.previous()


def test_narration_follows_clicker_and_keyboard_keys():
    narration = Narration(_steps())
    assert {"PageDown", "Right", "Space"} <= NEXT_KEYS
    assert narration.handle_key("PageDown") and narration.index == 0
    assert narration.handle_key("Space") and narration.index == 1
    assert narration.handle_key("Right") and narration.index == 2
    assert narration.handle_key("PageUp") and narration.index == 1
    assert narration.handle_key("Left") and narration.index == 0
    assert narration.handle_key("End") and narration.index == 2
    assert narration.handle_key("Home") and narration.index == 0
    assert not narration.handle_key("Q")
    assert narration.go_to_step("s3") and narration.index == 2


def test_bundled_narration_covers_the_story(diagram):
    narration = Narration(diagram.steps)
    seen = set()
    while narration.next():
        seen |= set(narration.current.nodes)
    assert {"cereblon", "ikzf1", "ck1a", "gspt1", "sall4", "p63", "proteasome", "irf4",
            "il2", "angiogenesis", "embryopathy"} <= seen


# -- label practice ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def names(diagram, content):
    return {n.id: accepted_names(n, content.term(n.term)) for n in diagram.nodes}


def test_normalise_name_handles_greek_case_and_punctuation():
    assert normalise_name("CK1α") == "ck1alpha"
    assert normalise_name("  IKZF1 (Ikaros) ") == "ikzf1 ikaros"
    assert normalise_name("Tri-Trp pocket") == "tri trp pocket"


def test_tolerant_matching_but_strict_for_short_protein_names():
    assert name_similarity("polyubiquitinaton", "Polyubiquitination") >= 85
    assert name_similarity("ikzf 1", "IKZF1") == 100
    assert name_similarity("IKZF3", "IKZF1") == 0
    assert name_similarity("p36", "p63") == 0
    assert name_similarity("", "p63") == 0


def test_accepted_names_include_label_parts_and_glossary_synonyms(diagram, names):
    ikzf1 = names["ikzf1"]
    assert "IKZF1 (Ikaros)" in ikzf1 and "IKZF1" in ikzf1 and "Ikaros" in ikzf1
    assert any(normalise_name(n) == "ck1a" for n in names["ck1a"])
    assert "Proteasome" in names["proteasome"]
    node = Node("x", "Alpha (A)", "effect", "t", 0, 0, answers=("first letter",))
    assert accepted_names(node) == ("Alpha (A)", "first letter", "Alpha", "A")


def test_practice_scores_typed_picked_and_skipped_answers(diagram, names):
    hidden = practice_nodes(diagram, "neosubstrates")
    assert [n.id for n in hidden] == ["ikzf1", "ikzf3", "ck1a", "gspt1", "sall4", "p63"]
    practice = LabelPractice(hidden, names, scope="neosubstrates")
    assert practice.current == "ikzf1" and practice.numbers["p63"] == 6
    assert practice.answer("ikaros").correct
    wrong = practice.answer("IKZF1")  # the current one is IKZF3
    assert not wrong.correct and wrong.confused_with == "ikzf1"
    assert wrong.expected == "IKZF3 (Aiolos)"
    assert practice.answer("casein kinase 1 alpha").correct
    assert practice.select("p63") and practice.current == "p63"
    assert practice.answer("p63", "picked").correct
    assert practice.current == "gspt1"  # next unanswered after the one picked out of order
    assert practice.skip().method == "skipped"
    assert practice.answer("SALL 4").correct
    assert practice.finished and practice.current is None
    assert practice.correct == 4 and practice.total == 6 and practice.score_text() == "4 of 6"
    results = practice.results()
    assert [a.node_id for a in results] == [n.id for n in hidden]
    assert [a.correct for a in results] == [True, False, True, False, True, True]
    with pytest.raises(ValueError):
        practice.answer("anything")


def test_practice_choices_and_unanswered_results(diagram, names):
    hidden = practice_nodes(diagram, "ligase")
    practice = LabelPractice(hidden, names, shuffle=random.Random(4))
    assert {n.id for n in practice.hidden} == {n.id for n in hidden}
    assert practice.choices() == sorted((n.label for n in hidden), key=str.casefold)
    assert not practice.select("myc")  # not hidden in this round
    practice.answer("cullin 4")
    results = practice.results()
    assert len(results) == len(hidden)
    assert sum(1 for a in results if a.method == "skipped") == len(hidden) - 1


def test_every_hidden_label_can_be_named_by_its_own_label(diagram, names):
    practice = LabelPractice(practice_nodes(diagram, "all"), names)
    while not practice.finished:
        node_id = practice.current
        assert practice.answer(practice.label_of(node_id)).correct, node_id
    assert practice.correct == len(diagram.nodes)
