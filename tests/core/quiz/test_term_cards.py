"""Glossary cards: two per term, resolved by id, answered by any of the term's names."""

from __future__ import annotations

from desktop.core.quiz.scoring import score_response
from desktop.core.quiz.sources import resolve_question
from desktop.core.quiz.term_cards import all_cards, cards_for, parse_card_id


def test_every_term_makes_a_meaning_card_and_a_typed_name_card(atlas):
    term = atlas.content.term("cereblon")
    meaning, name = cards_for(term)
    assert meaning.id == "tc-cereblon-d" and meaning.type == "flashcard"
    assert "Cereblon" in meaning.stem and term.definition.split()[0] in meaning.explanation
    assert name.id == "tc-cereblon-t" and name.type == "typed"
    assert "Cereblon" not in name.stem.split("?", 1)[1]  # the name is masked
    assert score_response(name, ["crbn"]).correct  # an abbreviation counts
    assert score_response(name, ["cerebelon"]).correct  # a misspelling within reach
    assert len(all_cards(atlas.content)) == 2 * len(atlas.content.terms())
    assert parse_card_id("tc-ck1-alpha-t") == ("ck1-alpha", "t")
    assert parse_card_id("q-mechanism-001") is None


def test_cards_resolve_through_the_question_sources(atlas):
    card = resolve_question(atlas, "tc-ikzf1-d")
    assert card is not None and card.terms == ("ikzf1",)
    assert resolve_question(atlas, "tc-nothing-d") is None
    assert resolve_question(atlas, "cz-mechanism-001-c2").type == "cloze"
