"""Choosing questions for a session, and the registry of question sources."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from db.records import Question
from desktop.core.quiz import sources
from desktop.core.quiz.model import SessionConfig
from desktop.core.quiz.selection import matching, select_questions
from desktop.core.quiz.sources import (
    QuestionSource,
    load_pool,
    questions_for_event,
    register_question_source,
    resolve_question,
    resolve_questions,
)
from desktop.core.quiz.store import QuestionStats
from tests.core.quiz.factories import matching as matching_q
from tests.core.quiz.factories import ordering, single, true_false


def pool():
    out = []
    for topic in ("history", "mechanism", "clinical"):
        for n in range(6):
            make = (single, true_false, ordering)[n % 3]
            q = make(f"{topic}-{n}", topic=topic)
            out.append(q)
    return out


def test_filters_by_topic_difficulty_and_type():
    questions = pool()
    cfg = SessionConfig(topics=("history",), types=("single",))
    assert {q.id for q in matching(questions, cfg)} == {"history-0", "history-3"}
    assert matching(questions, SessionConfig(difficulties=("reasoning",))) == []


def test_history_filters():
    questions = pool()
    stats = {"history-0": QuestionStats(2, 1, True), "history-1": QuestionStats(1, 0, True)}
    unseen = matching(questions, SessionConfig(filter="unseen"), stats)
    assert "history-0" not in {q.id for q in unseen} and len(unseen) == 16
    missed = matching(questions, SessionConfig(filter="missed"), stats)
    assert [q.id for q in missed] == ["history-0"]
    marked = matching(questions, SessionConfig(filter="bookmarked"), stats, {"clinical-2"})
    assert [q.id for q in marked] == ["clinical-2"]


def test_selection_is_mixed_sized_and_reproducible():
    cfg = SessionConfig(count=9, seed=4)
    chosen = select_questions(pool(), cfg)
    assert len(chosen) == 9 and len({q.id for q in chosen}) == 9
    assert Counter(q.topic for q in chosen) == {"history": 3, "mechanism": 3, "clinical": 3}
    assert select_questions(pool(), cfg) == chosen
    other = select_questions(pool(), SessionConfig(count=9), rng=random.Random(99))
    assert other != chosen
    assert len(select_questions(pool(), SessionConfig(count=100, seed=1))) == 18


@pytest.fixture
def extra_source():
    imported = [single("teacher-1", topic="safety"), matching_q("teacher-2")]
    source = QuestionSource("teacher", "Teacher's set", lambda ctx: imported, default=False)
    register_question_source(source)
    yield imported
    sources.QUESTION_SOURCES[:] = [s for s in sources.QUESTION_SOURCES if s.key != "teacher"]


def test_other_features_can_add_question_sources(atlas, extra_source):
    questions, problems = load_pool(atlas, ("teacher",))
    assert questions == extra_source and problems == []
    everything, _ = load_pool(atlas)
    ids = {q.id for q in everything}
    assert {"teacher-1", "q-mechanism-001"} <= ids
    assert resolve_question(atlas, "teacher-2") == extra_source[1]
    found, missing = resolve_questions(atlas, ["q-history-001", "nope", "teacher-1"])
    assert [q.id for q in found] == ["q-history-001", "teacher-1"] and missing == ["nope"]


def test_a_failing_source_is_reported_not_raised(atlas):
    def broken(ctx) -> list[Question]:
        raise OSError("the set file is gone")

    register_question_source(QuestionSource("broken", "Broken set", broken))
    try:
        questions, problems = load_pool(atlas)
        assert questions  # the others still load
        assert problems == ["Broken set: could not be loaded (the set file is gone)."]
    finally:
        sources.QUESTION_SOURCES[:] = [s for s in sources.QUESTION_SOURCES
                                       if s.key != "broken"]


def test_generated_questions_resolve_by_id(atlas):
    q = resolve_question(atlas, "gen-year:thalomid-enl-1998")
    assert q is not None and q.type == "year" and q.answer == ("1998",)
    assert resolve_question(atlas, "") is None


def test_questions_for_an_event(atlas):
    questions = questions_for_event(atlas.content, "thalomid-enl-1998")
    ids = [q.id for q in questions]
    assert ids[0] == "q-history-001"  # cites the event
    assert ids[-1] == "gen-year:thalomid-enl-1998"
    assert questions_for_event(atlas.content, "no-such-event") == []


def test_a_session_never_serves_two_questions_that_exclude_each_other():
    from dataclasses import replace

    from desktop.core.quiz.selection import without_exclusions

    questions = pool()
    by_id = {q.id: q for q in questions}
    # One side declares it: history-1 states the answer of history-2 and of mechanism-0.
    by_id["history-1"] = replace(by_id["history-1"], excludes=("history-2", "mechanism-0"))
    questions = list(by_id.values())
    for seed in range(30):
        chosen = {q.id for q in select_questions(questions, SessionConfig(count=18, seed=seed))}
        assert not ("history-1" in chosen and "history-2" in chosen), seed
        assert not ("history-1" in chosen and "mechanism-0" in chosen), seed
    # The session is still filled from the rest of the pool.
    assert len(select_questions(questions, SessionConfig(count=16, seed=3))) == 16
    # Order decides which of a pair is kept, whichever side declared the exclusion; a
    # question left out blocks nothing.
    ordered = [by_id["history-2"], by_id["history-1"], by_id["mechanism-0"], by_id["clinical-0"]]
    assert [q.id for q in without_exclusions(ordered)] == ["history-2", "mechanism-0",
                                                           "clinical-0"]
    ordered = [by_id["history-1"], by_id["history-2"], by_id["mechanism-0"], by_id["clinical-0"]]
    assert [q.id for q in without_exclusions(ordered)] == ["history-1", "clinical-0"]
    assert [q.id for q in without_exclusions(ordered, limit=1)] == ["history-1"]


def test_a_mixed_session_shows_every_ticked_type(atlas):
    """Five bank types ticked, five questions: one of each, whatever the draw (the journeys
    rely on it: an exam of matching and ordering has both)."""
    bank = atlas.content.questions()
    types = ("single", "multi", "true_false", "ordering", "matching")
    for seed in range(25):
        chosen = select_questions(bank, SessionConfig(count=5, types=types, seed=seed))
        assert sorted(q.type for q in chosen) == sorted(types), seed
        two = select_questions(bank, SessionConfig(count=2, types=("ordering", "matching"),
                                                   seed=seed))
        assert sorted(q.type for q in two) == ["matching", "ordering"], seed
    available = Counter(q.type for q in bank)
    ten = select_questions(bank, SessionConfig(count=10, seed=1))
    # Two of each type where the pool has two (the rest from the types that have more).
    assert all(Counter(q.type for q in ten)[t] >= min(2, available[t]) for t in types)


def test_a_choice_question_with_one_option_is_never_served():
    from dataclasses import replace

    lonely = replace(single("lonely"), options=single("lonely").options[:1])
    assert matching([lonely, single("fine")], SessionConfig()) == [single("fine")]
