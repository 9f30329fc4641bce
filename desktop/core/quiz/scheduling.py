"""Spaced repetition with FSRS (the `fsrs` library), rated from what the user did.

The user never grades themselves: the rating comes from the score and the time taken, against
the time a question of that length should take (`expected_seconds`):

- wrong (under half credit): Again
- part credit, or right but slow (over 1.5x the expected time): Hard
- right and quick (under half the expected time): Easy
- otherwise right: Good

Intervals are whole days (no minute-scale learning steps): Again brings a question back the
next day. Cards are stored as FSRS JSON with their due time in UTC (ISO 8601). `fsrs` is
imported only when a card is actually reviewed.
"""

from __future__ import annotations

import zlib
from datetime import datetime

from db.records import Question
from desktop.core.quiz.clock import iso, utc_now
from desktop.core.quiz.scoring import Score

__all__ = ["AGAIN", "EASY", "GOOD", "HARD", "iso", "new_card_json", "rating_for", "review_card",
           "utc_now"]

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
READING_WORDS_PER_S = 3.5
BASE_SECONDS = {"single": 8, "true_false": 5, "multi": 14, "ordering": 18, "matching": 22,
                "year": 8}


def expected_seconds(question: Question) -> float:
    """How long a confident answer to `question` should take."""
    words = len(question.stem.split()) + sum(len(o.text.split()) for o in question.options)
    words += sum(len(p.left.split()) + len(p.right.split()) for p in question.pairs)
    return BASE_SECONDS.get(question.type, 10) + words / READING_WORDS_PER_S


def rating_for(question: Question, score: Score, duration_ms: int) -> int:
    """The FSRS rating (1-4) for an answer: from correctness and time, never self-graded."""
    if score.score < 0.5:
        return AGAIN
    if not score.correct:
        return HARD
    seconds = duration_ms / 1000
    expected = expected_seconds(question)
    if seconds > 1.5 * expected:
        return HARD
    if seconds < 0.5 * expected:
        return EASY
    return GOOD


def _card_id(question_id: str) -> int:
    return zlib.crc32(question_id.encode()) + 1


def new_card_json(question_id: str, now: datetime | None = None) -> tuple[str, str]:
    """A fresh card for `question_id`, due now: (card JSON, due ISO)."""
    from fsrs import Card

    now = now or utc_now()
    card = Card(card_id=_card_id(question_id), due=now)
    return card.to_json(), iso(card.due)


_SCHEDULER = None


def _scheduler():
    global _SCHEDULER
    if _SCHEDULER is None:
        from fsrs import Scheduler

        # Quiz reviews happen in sessions, days apart: no minute-scale learning steps, so a
        # missed question comes back tomorrow, not in ten minutes. No fuzzing: the same
        # answers give the same schedule (reproducible and testable).
        _SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    return _SCHEDULER


def review_card(card_json: str | None, question_id: str, rating: int,
                now: datetime | None = None, duration_ms: int | None = None
                ) -> tuple[str, str]:
    """Apply one review: returns the updated (card JSON, due ISO)."""
    from fsrs import Card, Rating

    now = now or utc_now()
    card = Card.from_json(card_json) if card_json else Card(card_id=_card_id(question_id),
                                                             due=now)
    card, _log = _scheduler().review_card(card, Rating(rating), review_datetime=now,
                                          review_duration=duration_ms)
    return card.to_json(), iso(card.due)
