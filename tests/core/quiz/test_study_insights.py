"""Per-item statistics, weak areas with their reading list, and the study plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.quiz.item_stats import hardest, item_stats
from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.session import QuizSession
from desktop.core.quiz.study_plan import DEFAULT_SECONDS, study_plan
from desktop.core.quiz.weak_areas import accuracy_by_week, areas, reading_list, weak_areas
from tests.core.quiz.factories import right_response, wrong_response

NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)


def play(atlas, clock, questions, right: set[str], mode="tutor", seconds=12):
    runner = QuizRunner.start(QuizSession(questions, mode, seed=1, clock=clock), atlas.user)
    for item in runner.session.items:
        clock.advance(seconds)
        ok = item.question.id in right
        runner.answer(right_response(item) if ok else wrong_response(item), now=NOW)
        runner.next()


def test_item_statistics_and_hardest_for_me(atlas, clock):
    bank = {q.id: q for q in atlas.content.questions()}
    first, second = sorted(bank)[:2]
    for n in range(3):
        play(atlas, clock, [bank[first], bank[second]], {second} | ({first} if n == 2 else set()),
             mode="review")
    stats = {s.item_id: s for s in item_stats(atlas.user, lambda i: f"title {i}")}
    assert stats[first].attempts == 3 and stats[first].correct == 1
    assert stats[first].percent == 33 and stats[second].percent == 100
    assert stats[first].title == f"title {first}" and stats[first].last_seen
    assert stats[first].difficulty is not None and stats[first].stability is not None
    assert stats[first].difficulty > stats[second].difficulty  # FSRS: missed twice
    assert [s.item_id for s in hardest(list(stats.values()))] == [first]


def test_weak_areas_by_topic_and_objective_with_their_reading(atlas, clock):
    bank = atlas.content.questions()
    mechanism = [q for q in bank if q.topic == "mechanism"]
    history = [q for q in bank if q.topic == "history"]
    play(atlas, clock, mechanism + history, {q.id for q in history})
    play(atlas, clock, mechanism, set())
    play(atlas, clock, mechanism, set())
    found = weak_areas(atlas, NOW)
    assert found[0].kind == "topic" and found[0].key == "mechanism"
    assert found[0].percent == 0 and found[0].attempts == 3 * len(mechanism)
    objectives = [a for a in found if a.kind == "objective"]
    assert objectives and all(a.topic == "mechanism" for a in objectives)
    assert "history" not in {a.key for a in found}
    everything = areas(atlas, NOW)
    assert any(a.key == "history" and a.percent == 100 for a in everything)
    reading = reading_list(atlas, found[0])
    assert reading.terms and reading.terms[0][0] in {t for q in mechanism for t in q.terms}
    assert any(doc_id == "note-ito-2010" for doc_id, _t, _n in reading.documents)
    weeks = accuracy_by_week(atlas.user, found[0].question_ids)
    assert weeks and weeks[-1][1] == 3 * len(mechanism) and weeks[-1][2] == 0


def test_study_plan_uses_the_students_own_times(atlas, clock):
    empty = study_plan(atlas, NOW)
    assert empty.seconds_per_card == DEFAULT_SECONDS and not empty.own_times
    assert {t for t, _l, _n in empty.not_started} >= {"mechanism", "history"}
    bank = atlas.content.questions()
    play(atlas, clock, [q for q in bank if q.topic == "mechanism"], set(), seconds=30)
    plan = study_plan(atlas, NOW)
    assert plan.own_times and plan.seconds_per_card == 30
    assert "mechanism" not in {t for t, _l, _n in plan.not_started}
    today, tomorrow = plan.days[0], plan.days[1]
    assert tomorrow.day == (NOW.astimezone().date() + timedelta(days=1))
    missed = len([q for q in bank if q.topic == "mechanism"])
    assert (today.due, today.new) == (missed, 5)  # the misses, and the new recall cards
    assert today.minutes == round((missed + 5) * 30 / 60, 1)
    assert tomorrow.new == 0  # all five went today
    assert plan.week_cards == sum(d.due + d.new for d in plan.days)
