"""Scoring every question type, including partial credit and closeness in years."""

from __future__ import annotations

import pytest

from desktop.core.quiz.scoring import ResponseError, score_response
from tests.core.quiz.factories import matching, multi, ordering, single, true_false, year


def test_single_best_answer():
    q = single(answer="c")
    right = score_response(q, ["c"])
    assert (right.score, right.correct) == (1.0, True)
    assert right.detail["c"] == "hit" and right.detail["a"] == "ok"
    wrong = score_response(q, ["a"])
    assert (wrong.score, wrong.correct) == (0.0, False)
    assert wrong.detail == {"a": "wrong", "b": "ok", "c": "missed", "d": "ok"}


def test_true_false():
    q = true_false(answer="false")
    assert score_response(q, ["false"]).correct
    assert not score_response(q, ["true"]).correct


def test_multi_select_gives_partial_credit_and_says_so():
    q = multi()  # a, b and e are right
    assert score_response(q, ["a", "b", "e"]).correct
    two = score_response(q, ["a", "b"])
    assert two.score == pytest.approx(2 / 3) and not two.correct
    assert "2 of 3 correct options" in two.summary and "67%" in two.summary
    with_wrong = score_response(q, ["a", "b", "c"])
    assert with_wrong.score == pytest.approx(2 / 3 - 1 / 2)
    assert "1 wrong tick" in with_wrong.summary
    assert with_wrong.detail["c"] == "wrong" and with_wrong.detail["e"] == "missed"


def test_multi_select_ticking_everything_earns_nothing():
    everything = score_response(multi(), ["a", "b", "c", "d", "e"])
    assert everything.score == 0.0
    assert "no credit" in everything.summary


def test_ordering_counts_items_in_place():
    q = ordering()
    assert score_response(q, ["a", "b", "c", "d"]).correct
    swapped = score_response(q, ["b", "a", "c", "d"])
    assert swapped.score == 0.5 and swapped.summary == "2 of 4 in the right place"
    assert swapped.detail == {"b": "wrong", "a": "wrong", "c": "hit", "d": "hit"}


def test_matching_counts_pairs():
    q = matching()
    assert score_response(q, [0, 1, 2, 3]).correct
    half = score_response(q, [1, 0, 2, 3])
    assert half.score == 0.5 and not half.correct
    missing = score_response(q, [0, None, None, None])
    assert missing.score == 0.25


@pytest.mark.parametrize(("given", "expected", "correct"), [
    (1998, 1.0, True), (1997, 0.8, False), (2000, 0.6, False), (2003, 0.0, False),
    (1950, 0.0, False),
])
def test_year_is_scored_by_closeness(given, expected, correct):
    result = score_response(year(answer=1998), [given])
    assert result.score == pytest.approx(expected)
    assert result.correct is correct


@pytest.mark.parametrize(("question", "response"), [
    (single(), ["z"]), (single(), ["a", "b"]), (single(), []), (multi(), ["z"]),
    (ordering(), ["a", "b"]), (ordering(), ["a", "a", "b", "c"]), (matching(), [0, 1]),
    (matching(), [0, 1, 2, 9]), (year(), ["nineteen"]), (year(), []), (single(), "a"),
])
def test_responses_that_do_not_fit_are_refused(question, response):
    with pytest.raises(ResponseError):
        score_response(question, response)


def test_one_definition_of_a_session_score():
    from desktop.core.quiz.scoring import session_score

    # An exam of five: three right, one wrong, one left unanswered counts as wrong.
    exam = session_score("exam", questions=5, answered=4, correct=3, points=3.0)
    assert (exam.counted, exam.percent, exam.text) == (5, 60, "3 of 5 correct · score 60%")
    # Tutor, review and practice score what was answered (a session ended early).
    tutor = session_score("tutor", questions=5, answered=4, correct=3, points=3.0)
    assert (tutor.counted, tutor.percent) == (4, 75)
    # Partial credit counts in the score, not in "correct".
    partial = session_score("exam", questions=4, answered=4, correct=2, points=2.5)
    assert (partial.percent, partial.correct) == (63, 2)
    assert session_score("tutor", 3, 0, 0, 0.0).percent == 0  # nothing answered
