"""Mechanism-diagram records: validation with file and line, build, and ContentDB access."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from db.content_build import build_content_db
from db.content_check import check_folder
from db.content_db import ContentDB
from db.content_hash import ContentSource
from desktop.core.mechanism.diagram import load_diagram

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mechanism" / "diagram.toml"


@pytest.fixture
def with_diagram(content_copy) -> Path:
    """The fixture content plus a small valid diagram; returns the diagram file."""
    target = content_copy / "mechanism" / "diagram.toml"
    target.parent.mkdir()
    shutil.copy(MINI, target)
    return target


def problems(root: Path) -> list[str]:
    return [str(p) for p in check_folder(root)]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_valid_diagram_passes(with_diagram, content_copy):
    assert problems(content_copy) == []


def test_node_with_unknown_term_is_reported_with_line(with_diagram, content_copy):
    edit(with_diagram, 'term = "ikzf1"', 'term = "ikaros-typo"')
    line = line_of(with_diagram, "ikaros-typo")
    assert f"{with_diagram}:{line}: node 'ikzf1': field 'term': no term with id " \
           "'ikaros-typo'" in problems(content_copy)


def test_step_with_unknown_node_and_duplicate_order(with_diagram, content_copy):
    edit(with_diagram, 'nodes = ["cereblon", "ikzf1"]', 'nodes = ["cereblon", "ikzf9"]')
    edit(with_diagram, "order = 2", "order = 1")
    found = problems(content_copy)
    assert any("step 'step-two': field 'nodes': no node with id 'ikzf9'" in p for p in found)
    assert any("step 'step-two': order 1 is already used by step 'step-one'" in p
               for p in found), found


def test_edge_rules(with_diagram, content_copy):
    edit(with_diagram, 'target = "ikzf1"', 'target = "cereblon"')
    edit(with_diagram, 'kind = "recruits"\nuncertain = true', 'kind = "grabs"\nuncertain = "yes"')
    found = problems(content_copy)
    assert any("edge 'recruits-ikzf1': an edge must join two different nodes" in p
               for p in found), found
    assert any("'grabs' is not one of: binds, recruits, leads-to, inhibits, part-of" in p
               for p in found), found
    assert any("field 'uncertain': expected true or false" in p for p in found), found


def test_group_and_node_fields(with_diagram, content_copy):
    edit(with_diagram, 'group = "ligase"', 'group = "complex"')
    edit(with_diagram, 'label = "The ligase"', 'label = "The ligase"\ncolour = "red"')
    edit(with_diagram, "x = 2\ny = 2", "x = 2\ny = 0")
    found = problems(content_copy)
    assert any("node 'cereblon': field 'group': no group with id 'complex'" in p
               for p in found), found
    assert any("group 'ligase': unknown field 'colour'" in p for p in found), found
    assert any("node 'ck1a': position (2, 0) is already taken by node 'ikzf1'" in p
               for p in found), found


def test_highlight_must_match_the_drug_neosubstrates(with_diagram, content_copy):
    edit(with_diagram, 'nodes = ["drug", "cereblon", "ikzf1"]',
         'nodes = ["drug", "cereblon", "ck1a"]')
    found = problems(content_copy)
    assert any("highlight 'highlight-thalidomide': neosubstrate nodes differ from drug "
               "'thalidomide' neosubstrate_terms (missing: ikzf1; not in the drug record: "
               "ck1-alpha)" in p for p in found), found


def test_a_drug_has_one_highlight(with_diagram, content_copy):
    with with_diagram.open("a", encoding="utf-8") as fh:
        fh.write('\n[[highlight]]\nid = "again"\ndrug = "thalidomide"\nnodes = ["ikzf1"]\n'
                 'text = "Again."\nsources = ["ito-2010-science"]\n')
    assert any("highlight 'again': drug 'thalidomide' already has highlight "
               "'highlight-thalidomide'" in p for p in problems(content_copy))


def test_build_stores_every_diagram_kind(with_diagram, content_copy, tmp_path):
    db = ContentDB(build_content_db([ContentSource(content_copy)], tmp_path / "c.sqlite"))
    assert len(db.diagram("group")) == 1
    assert db.counts()["diagram_nodes"] == 4 and db.counts()["diagram_steps"] == 2
    diagram = load_diagram(db)
    assert [s.id for s in diagram.steps] == ["step-one", "step-two"]
    assert diagram.node("cereblon").group == "ligase"
    assert diagram.node("cereblon").caption == "substrate receptor"
    assert diagram.node("ck1a").answers == ("CK1a",)
    assert {e.id: e.uncertain for e in diagram.edges}["recruits-ck1a"] is True
    assert diagram.highlight_for("thalidomide").nodes == ("drug", "cereblon", "ikzf1")
    cited_by = {(link.source_kind, link.source_id) for link in db.links_to("term", "cereblon")}
    assert ("node", "cereblon") in cited_by and ("group", "ligase") in cited_by
    with pytest.raises(ValueError):
        db.diagram("nodes")
    db.close()


def test_content_without_a_diagram_loads_an_empty_one(atlas):
    diagram = load_diagram(atlas.content)
    assert diagram.empty and diagram.steps == ()
