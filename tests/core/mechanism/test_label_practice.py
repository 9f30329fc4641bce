""""Hide the labels" practice: tolerant name matching and scoring."""

from __future__ import annotations

import random

import pytest

from desktop.core.mechanism.diagram import Node
from desktop.core.mechanism.label_practice import (
    LabelPractice,
    accepted_names,
    name_similarity,
    normalise_name,
    practice_nodes,
)


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
