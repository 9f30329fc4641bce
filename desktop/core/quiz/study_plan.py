"""The study plan: what is due each day of the coming week, how long it should take (from the
student's own answer times) and which topics they have not started.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from db.content_format import TOPICS

#: Seconds per card before the student has answer times of their own.
DEFAULT_SECONDS = 20.0
#: How many recent answers the estimate uses.
RECENT_ANSWERS = 200


@dataclass(frozen=True)
class PlanDay:
    day: date
    due: int
    new: int
    minutes: float

    @property
    def cards(self) -> int:
        return self.due + self.new


@dataclass
class StudyPlan:
    days: list[PlanDay]
    seconds_per_card: float
    #: True when the estimate comes from the student's own answer times.
    own_times: bool
    not_started: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def week_cards(self) -> int:
        return sum(d.cards for d in self.days)

    @property
    def week_minutes(self) -> float:
        return sum(d.minutes for d in self.days)


def seconds_per_card(user) -> tuple[float, bool]:
    """The median time of the student's recent answers (seconds), and whether it is theirs."""
    times = [r[0] / 1000 for r in user.execute(
        "SELECT duration_ms FROM quiz_attempts WHERE duration_ms > 0 ORDER BY id DESC "
        "LIMIT ?", (RECENT_ANSWERS,))]
    if not times:
        return DEFAULT_SECONDS, False
    return min(max(statistics.median(times), 2.0), 300.0), True


def study_plan(ctx, now: datetime | None = None, days: int = 7) -> StudyPlan:
    """The plan for today and the next `days - 1` days."""
    from desktop.core.quiz.study_now import due_by_day, study_counts

    user, content = ctx.user, ctx.content
    counts = study_counts(user, content, now)
    seconds, own = seconds_per_card(user)
    waiting = counts.new + counts.new_waiting
    plan_days = []
    for n, (day, due) in enumerate(due_by_day(user, now, days)):
        new = counts.new if n == 0 else min(counts.new_per_day, waiting)
        waiting = max(0, waiting - new)
        plan_days.append(PlanDay(date.fromisoformat(day), due, new,
                                 round((due + new) * seconds / 60, 1)))
    started = {r[0] for r in user.execute("SELECT DISTINCT topic FROM quiz_attempts")}
    available = {}
    for question in content.questions():
        available[question.topic] = available.get(question.topic, 0) + 1
    if hasattr(content, "recall_items"):
        for question in content.recall_items():
            available[question.topic] = available.get(question.topic, 0) + 1
    not_started = [(topic, label, available.get(topic, 0)) for topic, label in TOPICS.items()
                   if topic not in started]
    return StudyPlan(plan_days, seconds, own, not_started)
