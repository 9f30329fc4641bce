"""Spaced repetition with FSRS (the `fsrs` library), graded by the student.

After a review answer the student grades themselves, Again, Hard, Good or Easy (keys 1-4, as
in Anki). The app preselects a suggestion from correctness alone (`suggested_rating`):

- wrong (under half credit): Again
- part credit: Hard
- right: Good (time taken never makes a right answer Hard, and never Easy: Easy is the
  student's call)

The settings the student can steer (`ReviewSettings`, kept in the user database): desired
retention (default 0.9), maximum interval in days, new cards per day, and the FSRS parameters
(the defaults until "Optimize" fits them to the student's own review log, see
`desktop.core.quiz.optimizer`).

Intervals are whole days (no minute-scale learning steps): Again brings a card back the next
day. Cards are stored as FSRS JSON with their due time in UTC (ISO 8601). `fsrs` is imported
only when a card is actually reviewed.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, field
from datetime import datetime

from db.records import Question
from desktop.core.quiz.clock import iso, utc_now
from desktop.core.quiz.scoring import Score

__all__ = ["AGAIN", "EASY", "GOOD", "HARD", "RATING_NAMES", "ReviewSettings", "iso",
           "load_settings", "new_card_json", "rating_for", "review_card", "save_settings",
           "suggested_rating", "utc_now"]

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
SETTINGS_KEY = "review_settings"
RETENTION_RANGE = (0.70, 0.99)
MAX_INTERVAL_RANGE = (1, 36500)
NEW_PER_DAY_RANGE = (0, 500)


@dataclass(frozen=True)
class ReviewSettings:
    """What the student set for spaced review."""

    desired_retention: float = 0.9
    #: The longest gap between two reviews, in days.
    maximum_interval: int = 36500
    #: How many new cards (cloze items, typed questions, glossary cards) a day may bring.
    new_per_day: int = 10
    #: FSRS parameters fitted by "Optimize"; empty for the library's defaults.
    parameters: tuple[float, ...] = ()
    #: When the parameters were fitted and on how many reviews ("" and 0 when never).
    optimized_at: str = ""
    optimized_reviews: int = 0
    extra: dict = field(default_factory=dict, compare=False)

    def clamped(self) -> ReviewSettings:
        """The same settings with each value inside its allowed range."""
        lo, hi = RETENTION_RANGE
        retention = min(max(float(self.desired_retention), lo), hi)
        interval = int(min(max(int(self.maximum_interval), MAX_INTERVAL_RANGE[0]),
                           MAX_INTERVAL_RANGE[1]))
        new = int(min(max(int(self.new_per_day), NEW_PER_DAY_RANGE[0]), NEW_PER_DAY_RANGE[1]))
        return ReviewSettings(round(retention, 3), interval, new, tuple(self.parameters),
                              self.optimized_at, int(self.optimized_reviews))


def load_settings(user) -> ReviewSettings:
    """The student's review settings (defaults when none were saved or they are unreadable)."""
    if user is None:
        return ReviewSettings()
    raw = user.get_setting(SETTINGS_KEY)
    try:
        data = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
        known = {k: v for k, v in data.items() if k in ReviewSettings.__dataclass_fields__
                 and k != "extra"}
        if "parameters" in known:
            known["parameters"] = tuple(float(p) for p in known["parameters"] or ())
        return ReviewSettings(**known).clamped()
    except (TypeError, ValueError):
        return ReviewSettings()


def save_settings(user, settings: ReviewSettings) -> ReviewSettings:
    """Store `settings` (clamped to their ranges); returns what was stored."""
    settings = settings.clamped()
    data = asdict(settings)
    data.pop("extra", None)
    data["parameters"] = list(settings.parameters)
    user.set_setting(SETTINGS_KEY, data)
    return settings


READING_WORDS_PER_S = 3.5
BASE_SECONDS = {"single": 8, "true_false": 5, "multi": 14, "ordering": 18, "matching": 22,
                "year": 8, "cloze": 10, "typed": 10, "flashcard": 6}


def expected_seconds(question: Question) -> float:
    """How long a confident answer to `question` should take (a first estimate of study
    time before the student has answer times of their own)."""
    words = len(question.stem.split()) + sum(len(o.text.split()) for o in question.options)
    words += sum(len(p.left.split()) + len(p.right.split()) for p in question.pairs)
    return BASE_SECONDS.get(question.type, 10) + words / READING_WORDS_PER_S


def suggested_rating(question: Question, score: Score, duration_ms: int = 0) -> int:
    """The grade preselected after an answer: from correctness only (see the module note)."""
    if score.score < 0.5:
        return AGAIN
    if not score.correct:
        return HARD
    return GOOD


#: The old name: kept for callers written before the student graded themselves.
rating_for = suggested_rating


def _card_id(question_id: str) -> int:
    return zlib.crc32(question_id.encode()) + 1


def new_card_json(question_id: str, now: datetime | None = None) -> tuple[str, str]:
    """A fresh card for `question_id`, due now: (card JSON, due ISO)."""
    from fsrs import Card

    now = now or utc_now()
    card = Card(card_id=_card_id(question_id), due=now)
    return card.to_json(), iso(card.due)


_SCHEDULERS: dict = {}


def scheduler_for(settings: ReviewSettings | None = None):
    """The `fsrs.Scheduler` for `settings` (cached; defaults when None).

    Quiz reviews happen in sessions, days apart: no minute-scale learning steps, so a missed
    question comes back tomorrow, not in ten minutes. No fuzzing: the same answers give the
    same schedule (reproducible and testable).
    """
    settings = settings or ReviewSettings()
    key = (settings.desired_retention, settings.maximum_interval, settings.parameters)
    scheduler = _SCHEDULERS.get(key)
    if scheduler is None:
        from fsrs import Scheduler

        kwargs = {"parameters": settings.parameters} if settings.parameters else {}
        scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False,
                              desired_retention=settings.desired_retention,
                              maximum_interval=settings.maximum_interval, **kwargs)
        _SCHEDULERS[key] = scheduler
    return scheduler


def review_card(card_json: str | None, question_id: str, rating: int,
                now: datetime | None = None, duration_ms: int | None = None,
                settings: ReviewSettings | None = None) -> tuple[str, str]:
    """Apply one review: returns the updated (card JSON, due ISO)."""
    from fsrs import Card, Rating

    now = now or utc_now()
    card = Card.from_json(card_json) if card_json else Card(card_id=_card_id(question_id),
                                                             due=now)
    card, _log = scheduler_for(settings).review_card(card, Rating(rating), review_datetime=now,
                                                     review_duration=duration_ms)
    return card.to_json(), iso(card.due)


def preview_intervals(card_json: str | None, question_id: str, now: datetime | None = None,
                      settings: ReviewSettings | None = None) -> dict[int, float]:
    """Days until the next review for each grade (shown on the grade buttons)."""
    now = now or utc_now()
    out = {}
    for rating in (AGAIN, HARD, GOOD, EASY):
        _card, due = review_card(card_json, question_id, rating, now, None, settings)
        out[rating] = (datetime.fromisoformat(due) - now).total_seconds() / 86400
    return out


def interval_text(days: float) -> str:
    """`1 day`, `12 days`, `3.5 months`, `1.2 years` (as Anki labels its buttons)."""
    if days < 1.5:
        return "1 day" if days >= 0.5 else "today"
    if days < 31:
        return f"{round(days)} days"
    if days < 365:
        months = days / 30.4
        return f"{months:.1f} months".replace(".0 ", " ")
    years = days / 365.25
    return f"{years:.1f} years".replace(".0 ", " ")
