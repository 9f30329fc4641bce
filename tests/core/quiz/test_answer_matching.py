"""Typed answers are matched forgivingly where a student would expect it, strictly where a
letter or digit changes the meaning."""

from __future__ import annotations

import pytest

from db.records import Blank
from desktop.core.quiz.answer_matching import (
    ACCEPTED,
    EXACT,
    NEAR,
    WRONG,
    diff,
    match_answer,
    normalize,
    parse_number,
)


@pytest.mark.parametrize("typed", [
    "cereblon", "Cereblon", "CEREBLON ", "the cereblon", "  cereblon.", "CRBN", "crbn"])
def test_case_articles_and_alternatives_are_exact(typed):
    assert match_answer(typed, Blank(("cereblon", "CRBN"))).verdict == EXACT


@pytest.mark.parametrize("typed", ["CK1α", "ck1alpha", "CK1-alpha", "CK1 α", "Ck1Α"])
def test_greek_letters_and_hyphens_fold(typed):
    assert match_answer(typed, Blank(("CK1α",))).verdict == EXACT


def test_accents_and_hyphen_spacing_fold():
    assert match_answer("Gruenenthal", Blank(("Grünenthal", "Gruenenthal"))).right
    assert match_answer("Grunenthal", Blank(("Grünenthal",))).verdict == EXACT
    assert match_answer("IL 2", Blank(("IL-2",))).verdict == EXACT
    assert match_answer("il2", Blank(("IL-2",))).verdict == EXACT
    assert normalize("The CK1-α ") == "ck1 alpha"


def test_misspellings_pass_within_the_threshold():
    blank = Blank(("lenalidomide",))
    assert match_answer("lenolidomide", blank).verdict == ACCEPTED
    assert match_answer("lenalidomid", blank).verdict == ACCEPTED
    assert match_answer("pomalidomide", blank).verdict == WRONG
    strict = Blank(("lenalidomide",), threshold=100)
    assert match_answer("lenolidomide", strict).verdict != ACCEPTED


def test_digits_and_short_symbols_are_never_guessed():
    assert match_answer("IKZF3", Blank(("IKZF1",))).verdict == WRONG
    assert match_answer("IL-6", Blank(("IL-2",))).verdict == WRONG
    assert match_answer("CRL5", Blank(("CRL4",))).verdict == WRONG


def test_near_misses_are_flagged_but_wrong():
    match = match_answer("ikarus", Blank(("Ikaros", "IKZF1")))
    assert match.verdict == NEAR and not match.right and match.expected == "Ikaros"


def test_numbers_within_their_tolerance():
    year = Blank(("1998",), tolerance=0)
    assert match_answer("1998", year).verdict == EXACT
    assert match_answer("1997", year).verdict == WRONG
    count = Blank(("1623",), tolerance=25)
    assert match_answer("1,610", count).right
    assert match_answer("1 640", count).right
    assert not match_answer("1500", count).right
    assert not match_answer("many", count).right
    assert parse_number("12,5 %") == 12.5 and parse_number("−3") == -3


def test_empty_answers_are_wrong():
    assert match_answer("  ", Blank(("cereblon",))).verdict == WRONG


def test_diff_marks_wrong_and_missing_letters():
    parts = diff("cerblon", "cereblon")
    assert "".join(p.text for p in parts if p.kind != "missing") == "cerblon"
    assert "".join(p.text for p in parts if p.kind != "typed") == "cereblon"
    assert [p for p in parts if p.kind == "missing"][0].text == "e"
    wrong = diff("ikzf3", "IKZF1")
    assert [(p.kind, p.text) for p in wrong if p.kind != "same"] == [("typed", "3"),
                                                                     ("missing", "1")]
