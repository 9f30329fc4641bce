""""Optimize": fitted on a generated review history with fsrs-rs; too few reviews change
nothing; the fitted parameters drive the fsrs scheduler."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import fsrs

from desktop.core.quiz.optimizer import (
    MIN_REVIEWS,
    optimize,
    reset_parameters,
    reviews_needed,
    training_items,
)
from desktop.core.quiz.scheduling import load_settings, review_card

START = datetime(2025, 1, 6, 9, tzinfo=UTC)


def generate_history(user, cards: int, seed: int = 7, forgetful: float = 0.35) -> int:
    """Reviews of `cards` cards as a forgetful student would make them (real schedule)."""
    rng = random.Random(seed)
    rows = []
    for n in range(cards):
        qid = f"gen-card-{n}"
        card, when = None, START + timedelta(hours=n % 48)
        for _ in range(6):
            rating = 1 if rng.random() < forgetful else rng.choice([2, 3, 3, 3, 4])
            before = card
            card, due = review_card(card, qid, rating, when)
            rows.append((qid, rating, when.isoformat(timespec="seconds"), 9000, before))
            when = datetime.fromisoformat(due)
    with user.transaction() as conn:
        conn.executemany("INSERT INTO review_log (question_id, rating, reviewed_at, "
                         "duration_ms, card_before) VALUES (?, ?, ?, ?, ?)", rows)
    return len(rows)


def test_too_few_reviews_say_how_many_more_are_needed(atlas):
    generate_history(atlas.user, 10)
    result = optimize(atlas.user)
    assert not result.changed and result.parameters == ()
    assert reviews_needed(atlas.user) == MIN_REVIEWS - 60
    assert f"{MIN_REVIEWS - 60} more to go" in result.message


def test_optimize_fits_parameters_that_the_scheduler_uses(atlas):
    count = generate_history(atlas.user, 120)
    assert count >= MIN_REVIEWS
    result = optimize(atlas.user, now=START)
    settings = load_settings(atlas.user)
    assert result.changed and len(settings.parameters) == 21
    assert settings.parameters != tuple(fsrs.Scheduler().parameters)
    assert settings.optimized_reviews == count and settings.optimized_at.startswith("2025")
    # a forgetful student's first-review stabilities come out lower than the defaults
    assert settings.parameters[2] < fsrs.Scheduler().parameters[2]
    default_due = review_card(None, "q", 3, START)[1]
    fitted_due = review_card(None, "q", 3, START, settings=settings)[1]
    assert fitted_due != default_due
    assert reset_parameters(atlas.user).parameters == ()


def test_training_items_follow_each_cards_history():
    day = START
    items = training_items({"a": [(day, 3), (day + timedelta(days=2), 3),
                                  (day + timedelta(days=9), 1)],
                            "b": [(day, 4)]})
    assert [len(i.reviews) for i in items] == [2, 3]
