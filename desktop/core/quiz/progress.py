"""Figures for the progress view: accuracy per session, mastery per topic, the review
forecast and the study streak. Plain SQL over the user database; no Qt, no plotting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from desktop.core.quiz.clock import iso, utc_now
from desktop.core.quiz.scoring import SessionScore, session_score

if TYPE_CHECKING:
    from db.user_db import UserDB


@dataclass(frozen=True)
class SessionPoint:
    """One session on the progress chart: its number (1 = the first session with answers),
    when it started, and its score as the results page showed it."""

    number: int
    session_id: int
    started_at: str
    mode: str
    #: Answers given in the session.
    questions: int
    score: SessionScore

    @property
    def accuracy(self) -> float:
        """The session's score as a fraction (0..1)."""
        return self.score.fraction

    @property
    def percent(self) -> int:
        """The session's score in whole percent: the number its results page showed."""
        return self.score.percent

    @property
    def day(self) -> date | None:
        try:
            return datetime.fromisoformat(self.started_at).date()
        except (TypeError, ValueError):
            return None

    @property
    def timestamp(self) -> float:
        """POSIX seconds (local time)."""
        return datetime.fromisoformat(self.started_at).timestamp()


def session_accuracy(user: UserDB) -> list[SessionPoint]:
    """Every session with at least one answer, in time order, scored as its results page
    scored it (`desktop.core.quiz.scoring.session_score`). An exam is plotted once it is
    finished: not while it is under way or waiting to be resumed, nor after it was
    discarded unfinished (it never had a result)."""
    rows = user.execute(
        "SELECT s.id, s.started_at, s.mode, s.finished_at, count(a.id) AS n, "
        "CASE WHEN json_valid(s.state) THEN json_extract(s.state, '$.abandoned') END "
        "AS abandoned, "
        # How many questions the session had: its snapshot, counted inside SQLite.
        "CASE WHEN json_valid(s.config) THEN "
        "json_array_length(s.config, '$.static.questions') END AS total, "
        "coalesce(sum(a.correct), 0) AS correct, coalesce(sum(a.score), 0) AS points "
        "FROM quiz_sessions s JOIN quiz_attempts a ON a.session_id = s.id "
        "GROUP BY s.id ORDER BY s.started_at, s.id").fetchall()
    points = []
    for r in rows:
        if r["mode"] == "exam" and (r["finished_at"] is None or r["abandoned"]):
            continue
        score = session_score(r["mode"], r["total"] or 0, r["n"], r["correct"],
                              r["points"])
        points.append(SessionPoint(len(points) + 1, r["id"], r["started_at"], r["mode"],
                                   r["n"], score))
    return points


@dataclass(frozen=True)
class Mastery:
    topic: str
    questions: int
    mastery: float


def topic_mastery(user: UserDB) -> list[Mastery]:
    """Per topic: questions tried and the mean score of each one's latest attempt."""
    rows = user.execute(
        "SELECT topic, count(*) AS n, avg(score) AS mastery FROM ("
        " SELECT a.question_id, coalesce(a.topic, '') AS topic, a.score FROM quiz_attempts a"
        " WHERE a.id = (SELECT a2.id FROM quiz_attempts a2 WHERE a2.question_id = a.question_id"
        "   ORDER BY a2.answered_at DESC, a2.id DESC LIMIT 1)"
        ") GROUP BY topic ORDER BY topic")
    return [Mastery(r["topic"] or "other", r["n"], r["mastery"] or 0.0) for r in rows]


def review_forecast(user: UserDB, days: int = 14, now: datetime | None = None
                    ) -> list[tuple[date, int]]:
    """Reviews due on each of the next `days` days (local dates); today includes overdue."""
    now = now or utc_now()
    today = now.astimezone().date()
    counts = {today + timedelta(days=n): 0 for n in range(days)}
    horizon = iso(now + timedelta(days=days + 1))
    for (due,) in user.execute("SELECT due FROM review_cards WHERE due < ?", (horizon,)):
        try:
            day = max(datetime.fromisoformat(due).astimezone().date(), today)
        except ValueError:
            continue
        if day in counts:
            counts[day] += 1
    return sorted(counts.items())


def study_days(user: UserDB) -> list[tuple[date, int]]:
    """(day, answers given) for every day with at least one answer."""
    out = []
    for r in user.execute("SELECT substr(answered_at, 1, 10) AS day, count(*) AS n "
                          "FROM quiz_attempts GROUP BY day ORDER BY day"):
        try:
            out.append((date.fromisoformat(r["day"]), r["n"]))
        except (TypeError, ValueError):
            continue
    return out


def streaks(days: list[date], today: date | None = None) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days. The current run counts today, or
    ends yesterday if nothing has been answered yet today."""
    today = today or date.today()
    unique = sorted(set(days))
    longest = run = 0
    previous = None
    for day in unique:
        run = run + 1 if previous and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    cursor = today if today in unique else today - timedelta(days=1)
    present = set(unique)
    while cursor in present:
        current += 1
        cursor -= timedelta(days=1)
    return current, longest


@dataclass(frozen=True)
class Totals:
    answers: int
    questions: int
    correct: int
    sessions: int
    cards: int


def totals(user: UserDB) -> Totals:
    row = user.execute(
        "SELECT count(*), count(DISTINCT question_id), coalesce(sum(correct), 0), "
        "count(DISTINCT session_id) FROM quiz_attempts").fetchone()
    cards = user.execute("SELECT count(*) FROM review_cards").fetchone()[0]
    return Totals(row[0], row[1], row[2], row[3], cards)
