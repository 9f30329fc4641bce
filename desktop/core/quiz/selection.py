"""Choosing a session's questions from a pool, as the start screen asks."""

from __future__ import annotations

import random
from collections.abc import Sequence

from db.records import Question
from desktop.core.quiz.model import SessionConfig
from desktop.core.quiz.store import QuestionStats

FILTERS = {
    "all": "All questions",
    "unseen": "Unseen only",
    "missed": "Missed before",
    "bookmarked": "Bookmarked",
}


def matching(pool: Sequence[Question], config: SessionConfig,
             stats: dict[str, QuestionStats] | None = None,
             bookmarks: set[str] | None = None) -> list[Question]:
    """Every question in `pool` that passes the config's topic, difficulty, type and
    history filters (empty tuples mean "any")."""
    stats = stats or {}
    bookmarks = bookmarks or set()
    out = []
    for q in pool:
        if config.topics and q.topic not in config.topics:
            continue
        if config.difficulties and q.difficulty not in config.difficulties:
            continue
        if config.types and q.type not in config.types:
            continue
        seen = stats.get(q.id)
        if config.filter == "unseen" and seen is not None:
            continue
        if config.filter == "missed" and (seen is None or not seen.missed):
            continue
        if config.filter == "bookmarked" and q.id not in bookmarks:
            continue
        out.append(q)
    return out


def select_questions(pool: Sequence[Question], config: SessionConfig,
                     stats: dict[str, QuestionStats] | None = None,
                     bookmarks: set[str] | None = None,
                     rng: random.Random | None = None) -> list[Question]:
    """Up to `config.count` matching questions spread evenly over the topics, in a shuffled
    order, never two that exclude each other. Deterministic for a given `rng` (or
    `config.seed`)."""
    rng = rng or random.Random(config.seed)
    candidates = matching(pool, config, stats, bookmarks)
    by_topic: dict[str, list[Question]] = {}
    for q in sorted(candidates, key=lambda q: q.id):
        by_topic.setdefault(q.topic, []).append(q)
    for topic in sorted(by_topic):
        rng.shuffle(by_topic[topic])
    topics = sorted(by_topic)
    rng.shuffle(topics)
    chosen = without_exclusions(_round_robin([by_topic[t] for t in topics]),
                                max(0, config.count))
    rng.shuffle(chosen)
    return chosen


def without_exclusions(questions: Sequence[Question], limit: int | None = None) -> list[Question]:
    """`questions` in order, leaving out any that an earlier kept question excludes or that
    excludes an earlier kept one (`Question.excludes` works both ways: one of the two answers
    or repeats the other); stops after `limit` questions."""
    kept: list[Question] = []
    kept_ids: set[str] = set()
    blocked: set[str] = set()
    for q in questions:
        if limit is not None and len(kept) >= limit:
            break
        if q.id in blocked or kept_ids.intersection(q.excludes):
            continue
        kept.append(q)
        kept_ids.add(q.id)
        blocked.update(q.excludes)
    return kept


def _round_robin(queues: list[list[Question]]) -> list[Question]:
    queues = [list(q) for q in queues]
    out = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out
