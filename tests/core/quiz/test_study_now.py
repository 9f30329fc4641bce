""""Study now": due and new counts, the daily limit of new cards, and the mixed session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.core.quiz import store
from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.scheduling import ReviewSettings, save_settings
from desktop.core.quiz.session import QuizSession, build_session
from desktop.core.quiz.study_now import (
    due_by_day,
    new_item_ids,
    review_questions,
    study_counts,
)
from desktop.core.quiz.term_cards import cards_for
from tests.core.quiz.factories import right_response, single, wrong_response

NOW = datetime(2026, 11, 23, 10, tzinfo=UTC)


def test_new_recall_items_are_offered_up_to_the_daily_limit(atlas):
    counts = study_counts(atlas.user, atlas.content, NOW)
    assert (counts.due, counts.new) == (0, 5)  # the five recall cards of the fixture
    save_settings(atlas.user, ReviewSettings(new_per_day=3))
    counts = study_counts(atlas.user, atlas.content, NOW)
    assert (counts.new, counts.new_waiting) == (3, 2)
    assert counts.text() == "0 due · 3 new"
    ids = new_item_ids(atlas.user, atlas.content, 3)
    assert len(ids) == 3 and {i.split("-")[1] for i in ids} == {"history", "mechanism"}


def test_counts_change_as_the_student_studies(atlas, clock):
    save_settings(atlas.user, ReviewSettings(new_per_day=2))
    tutor = QuizRunner.start(QuizSession([single("s1")], "tutor", seed=1, clock=clock),
                             atlas.user)
    tutor.answer(wrong_response(tutor.session.current), now=NOW)  # a miss: due now
    counts = study_counts(atlas.user, atlas.content, NOW)
    assert (counts.due, counts.new) == (1, 2)
    questions = review_questions(atlas, NOW, seed=1)
    assert [q.id for q in questions if q.id == "s1"] == ["s1"]
    assert len(questions) == 3 and {q.type for q in questions} >= {"single"}
    session = build_session(questions, "review", clock=clock)
    runner = QuizRunner(session, atlas.user, store.create_session(atlas.user, session))
    for item in session.items:
        if item.question.type in ("cloze", "typed"):
            runner.answer([b.answers[0] for b in item.question.blanks], now=NOW)
        else:
            runner.answer(right_response(item), now=NOW)
        runner.next()
    after = study_counts(atlas.user, atlas.content, NOW + timedelta(minutes=5))
    assert (after.due, after.new, after.new_today) == (0, 0, 2)
    tomorrow = study_counts(atlas.user, atlas.content, NOW + timedelta(days=1, hours=2))
    assert (tomorrow.new, tomorrow.new_today) == (2, 0)  # a new day, new cards again
    later = study_counts(atlas.user, atlas.content, NOW + timedelta(days=10))
    assert later.due == 3  # everything reviewed comes back


def test_added_glossary_cards_wait_as_new_cards(atlas):
    term = atlas.content.term("cereblon")
    assert store.add_to_reviews(atlas.user, cards_for(term), NOW) == 2
    assert store.add_to_reviews(atlas.user, cards_for(term), NOW) == 0
    counts = study_counts(atlas.user, atlas.content, NOW)
    assert counts.due == 0 and counts.new == 7 - 0 and counts.new_waiting == 0
    assert new_item_ids(atlas.user, atlas.content, 2) == ["tc-cereblon-d", "tc-cereblon-t"]
    assert store.due_questions(atlas.user, NOW) == []  # new cards are not "due"


def test_due_by_day_counts_the_week(atlas, clock):
    runner = QuizRunner.start(QuizSession([single("s1"), single("s2")], "review", seed=1,
                                          clock=clock), atlas.user)
    runner.answer(wrong_response(runner.session.current), now=NOW)  # Again: tomorrow
    runner.next()
    runner.answer(right_response(runner.session.current), now=NOW)  # Good: some days out
    week = due_by_day(atlas.user, NOW, 7)
    assert len(week) == 7 and sum(n for _d, n in week) == 2
    assert week[1][1] == 1
