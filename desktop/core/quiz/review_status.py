"""One line for the home page: what is due for review, and the study streak (no Qt)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.user_db import UserDB


def due_summary(user_db: UserDB, now: datetime | None = None) -> str:
    """E.g. "3 questions are due for review (Quiz › Spaced review). Study streak: 4 days."."""
    from desktop.core.quiz.clock import iso, utc_now
    from desktop.core.quiz.progress import streaks, study_days

    now = now or utc_now()
    # new cards never reviewed wait in the new pool ("Study now"), they are not due
    not_new = "NOT (origin = 'new' AND reps = 0)"
    due = user_db.execute(f"SELECT count(*) FROM review_cards WHERE due <= ? AND {not_new}",
                          (iso(now),)).fetchone()[0]
    nxt = user_db.execute(f"SELECT min(due) FROM review_cards WHERE due > ? AND {not_new}",
                          (iso(now),)).fetchone()[0]
    days = study_days(user_db)
    if not days and not due and not nxt:
        return ("No reviews yet: questions you miss in the quiz come back here for spaced "
                "review.")
    if due:
        text = (f"{due} question{'s are' if due != 1 else ' is'} due for review "
                "(Quiz › Spaced review).")
    elif nxt:
        when = datetime.fromisoformat(nxt).astimezone()
        today = now.astimezone().date()
        delta = (when.date() - today).days
        day = ("later today" if delta <= 0 else "tomorrow" if delta == 1
               else f"on {when.strftime('%a %d %b')}")
        text = f"Nothing is due for review; the next review is {day}."
    else:
        text = "Nothing is due for review."
    current, _longest = streaks([d for d, _n in days], now.astimezone().date()
                                if now else date.today())
    if current:
        text += f" Study streak: {current} day{'s' if current != 1 else ''}."
    return text
