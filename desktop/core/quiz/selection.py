"""Choosing a session's questions from a pool, as the start screen asks."""

from __future__ import annotations

import random
from collections.abc import Sequence

from db.records import Question
from desktop.core.quiz.model import CHOICE_TYPES, QUESTION_TYPES, TOPICS, SessionConfig
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
        if q.type in CHOICE_TYPES and len(q.options) < 2:
            continue  # one option is no question (a generated item from too little content)
        if config.topics and q.topic not in config.topics and q.topic in TOPICS:
            continue  # a set's own topic ("imported", a category) has no box to untick
        if config.difficulties and q.difficulty not in config.difficulties:
            continue
        if config.types and q.type not in config.types and q.type in QUESTION_TYPES:
            continue  # recall items and glossary cards are chosen by their source
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
    """Up to `config.count` matching questions spread evenly over the question types and,
    within that, over the topics, in a shuffled order, never two that exclude each other.

    Types come first so that a mixed session shows every kind of question the user ticked:
    with the five bank types ticked, a five-question exam has one of each, and ten mixed
    questions have two of each where the pool allows. Deterministic for a given `rng` (or
    `config.seed`)."""
    rng = rng or random.Random(config.seed)
    candidates = matching(pool, config, stats, bookmarks)
    chosen = _spread(sorted(candidates, key=lambda q: q.id), max(0, config.count), rng)
    rng.shuffle(chosen)
    return chosen


def _spread(questions: Sequence[Question], limit: int, rng: random.Random) -> list[Question]:
    """`limit` questions taken one at a time from the (type, topic) group whose type, then
    topic, then the pair itself, has been taken least so far (ties broken at random),
    skipping any that an earlier pick excludes (see `without_exclusions`)."""
    groups: dict[tuple[str, str], list[Question]] = {}
    for q in questions:
        groups.setdefault((q.type, q.topic), []).append(q)
    for queue in groups.values():
        rng.shuffle(queue)
    tiebreak = {key: rng.random() for key in groups}
    taken = dict.fromkeys(groups, 0)
    by_type: dict[str, int] = {}
    by_topic: dict[str, int] = {}
    kept: list[Question] = []
    kept_ids: set[str] = set()
    blocked: set[str] = set()
    while len(kept) < limit and groups:
        key = min(groups, key=lambda k: (by_type.get(k[0], 0), by_topic.get(k[1], 0),
                                         taken[k], tiebreak[k]))
        taken[key] += 1
        queue = groups[key]
        q = queue.pop()
        if not queue:
            del groups[key]
        if q.id in blocked or kept_ids.intersection(q.excludes):
            continue
        kept.append(q)
        kept_ids.add(q.id)
        blocked.update(q.excludes)
        by_type[q.type] = by_type.get(q.type, 0) + 1
        by_topic[q.topic] = by_topic.get(q.topic, 0) + 1
    return kept


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
