""""Study now": how many reviews are due and how many new cards are available today, and the
one review session that takes them all.

- Due: cards whose review time has come (missed, marked or bookmarked questions, and every
  card reviewed before).
- New: cards not yet reviewed, introduced at most `new_per_day` a day: glossary cards the
  student added ("Add to my reviews"), then the cloze items and typed questions not yet in
  the schedule, taking topics in turn.

The counts are a handful of indexed queries on the user database (fast enough for the home
page after its first paint: `bench/recall.py` times them on 5,000 cards and 50,000 reviews).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from desktop.core.quiz.clock import iso, utc_now
from desktop.core.quiz.scheduling import ReviewSettings, load_settings
from desktop.core.quiz.store import NOT_NEW

_RECALL_IDS: dict[int, tuple[frozenset[str], dict[str, str]]] = {}


@dataclass(frozen=True)
class StudyCounts:
    """What "Study now" offers."""

    due: int
    new: int
    #: New cards waiting beyond today's limit.
    new_waiting: int
    new_today: int
    new_per_day: int

    @property
    def total(self) -> int:
        return self.due + self.new

    def text(self) -> str:
        """`12 due · 5 new` (or `Nothing to study now`)."""
        if not self.total:
            return "Nothing to study now"
        return f"{self.due} due · {self.new} new"


def day_start(now: datetime) -> datetime:
    """The start of the student's local day containing `now`, as an aware datetime."""
    local = now.astimezone()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


def _recall_ids(content) -> tuple[frozenset[str], dict[str, str]]:
    """Recall item ids of the content DB and their topics (read once per content DB)."""
    key = id(content)
    cached = _RECALL_IDS.get(key)
    if cached is None:
        rows = content.conn.execute(
            "SELECT id, topic FROM recall_items ORDER BY id").fetchall() \
            if content is not None and content.has_table("recall_items") else []
        topics = {r[0]: r[1] for r in rows}
        cached = (frozenset(topics), topics)
        _RECALL_IDS[key] = cached
    return cached


def study_counts(user, content, now: datetime | None = None,
                 settings: ReviewSettings | None = None) -> StudyCounts:
    """Due and new counts for "Study now"."""
    now = now or utc_now()
    settings = settings or load_settings(user)
    due = user.execute(f"SELECT count(*) FROM review_cards WHERE due <= ? AND {NOT_NEW}",
                       (iso(now),)).fetchone()[0]
    added_new = user.execute("SELECT count(*) FROM review_cards WHERE origin = 'new' AND "
                             "reps = 0").fetchone()[0]
    new_today = user.execute("SELECT count(*) FROM review_cards WHERE origin = 'new' AND "
                             "first_review >= ?", (iso(day_start(now)),)).fetchone()[0]
    recall, _topics = _recall_ids(content)
    if recall:
        scheduled = user.execute("SELECT count(*) FROM review_cards WHERE pool = 1"
                                 ).fetchone()[0]
        pool = max(0, len(recall) - scheduled)
    else:
        pool = 0
    waiting = added_new + pool
    new = max(0, min(settings.new_per_day - new_today, waiting))
    return StudyCounts(due, new, waiting - new, new_today, settings.new_per_day)


def new_item_ids(user, content, limit: int) -> list[str]:
    """The next `limit` new cards: those the student added (oldest first), then recall items
    not yet scheduled, taking topics in turn."""
    if limit <= 0:
        return []
    added = [r[0] for r in user.execute(
        "SELECT question_id FROM review_cards WHERE origin = 'new' AND reps = 0 "
        "ORDER BY updated_at, question_id LIMIT ?", (limit,))]
    if len(added) >= limit:
        return added
    recall, topics = _recall_ids(content)
    scheduled = {r[0] for r in user.execute("SELECT question_id FROM review_cards")}
    by_topic: dict[str, list[str]] = {}
    for item_id in sorted(recall - scheduled):
        by_topic.setdefault(topics[item_id], []).append(item_id)
    pool: list[str] = []
    queues = [by_topic[t] for t in sorted(by_topic)]
    while queues and len(added) + len(pool) < limit:
        for queue in list(queues):
            if queue:
                pool.append(queue.pop(0))
            if not queue:
                queues.remove(queue)
            if len(added) + len(pool) >= limit:
                break
    return added + pool


def review_questions(ctx, now: datetime | None = None, due_limit: int = 200,
                     seed: int | None = None) -> list:
    """The questions of one "Study now" session: what is due (most overdue first) and
    today's new cards, the new ones spread among the due ones."""
    from desktop.core.quiz import store
    from desktop.core.quiz.sources import resolve_question

    now = now or utc_now()
    counts = study_counts(ctx.user, ctx.content, now)

    def resolve(item_id: str):
        return resolve_question(ctx, item_id)

    due = store.due_questions(ctx.user, now, limit=due_limit, resolve=resolve)
    new = []
    for item_id in new_item_ids(ctx.user, ctx.content, counts.new):
        question = resolve(item_id)
        if question is not None:
            new.append(question)
    if not new:
        return due
    if not due:
        return new
    rng = random.Random(seed if seed is not None else iso(now)[:10])
    out = list(due)
    for question in new:
        out.insert(rng.randrange(len(out) + 1), question)
    return out


def due_by_day(user, now: datetime | None = None, days: int = 7) -> list[tuple[str, int]]:
    """(ISO date, cards due that day) for today and the next `days - 1` days; today counts
    everything overdue."""
    now = now or utc_now()
    start = day_start(now)
    out = []
    for n in range(days):
        end = start + timedelta(days=n + 1)
        low = "" if n == 0 else iso(start + timedelta(days=n))
        count = user.execute(
            f"SELECT count(*) FROM review_cards WHERE due > ? AND due <= ? AND {NOT_NEW}",
            (low, iso(end))).fetchone()[0]
        out.append(((start + timedelta(days=n)).date().isoformat(), count))
    return out
