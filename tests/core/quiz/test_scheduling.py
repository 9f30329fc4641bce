"""FSRS scheduling: the suggested grade comes from correctness (the student may change it:
test_self_grading.py); cards space out and lapses come back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from desktop.core.quiz.scheduling import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    expected_seconds,
    new_card_json,
    rating_for,
    review_card,
)
from desktop.core.quiz.scoring import score_response
from tests.core.quiz.factories import multi, single

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_suggested_rating_from_correctness_only():
    q = single(answer="b")
    expected = expected_seconds(q) * 1000
    right = score_response(q, ["b"])
    wrong = score_response(q, ["a"])
    assert rating_for(q, wrong, 1000) == AGAIN
    # time never turns a right answer into Hard on its own, nor into Easy
    assert rating_for(q, right, int(expected * 0.3)) == GOOD
    assert rating_for(q, right, int(expected)) == GOOD
    assert rating_for(q, right, int(expected * 2)) == GOOD
    partial = score_response(multi(), ["a", "b"])
    assert rating_for(multi(), partial, 1000) == HARD
    low = score_response(multi(), ["a"])
    assert rating_for(multi(), low, 1000) == AGAIN


def test_longer_questions_are_allowed_more_time():
    short = single()
    long = multi()
    assert expected_seconds(long) > expected_seconds(short)


def test_good_reviews_space_out_and_a_lapse_brings_it_back():
    card, due = new_card_json("q1", NOW)
    assert datetime.fromisoformat(due) == NOW
    moment = NOW
    intervals = []
    for _ in range(4):
        card, due = review_card(card, "q1", GOOD, moment)
        next_due = datetime.fromisoformat(due)
        intervals.append(next_due - moment)
        moment = next_due
    assert intervals[-1] > intervals[-2] > timedelta(0)
    assert intervals[-1] >= timedelta(days=3)
    card, due = review_card(card, "q1", AGAIN, moment)
    lapse = datetime.fromisoformat(due) - moment
    assert timedelta(hours=20) <= lapse < intervals[-1]
    assert json.loads(card)["state"] == 2  # still a review card, on a shorter interval


def test_a_first_miss_comes_back_the_next_day_not_within_minutes():
    _card, due = review_card(None, "q2", AGAIN, NOW)
    assert datetime.fromisoformat(due) - NOW == timedelta(days=1)


def test_scheduling_is_reproducible():
    first = review_card(None, "q9", GOOD, NOW)
    second = review_card(None, "q9", GOOD, NOW)
    assert first == second
    assert review_card(None, "q9", EASY, NOW)[1] > review_card(None, "q9", HARD, NOW)[1]
