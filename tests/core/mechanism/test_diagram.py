"""The bundled mechanism diagram: every part present, linked and cited."""

from __future__ import annotations

FIVE = ("thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide")

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


