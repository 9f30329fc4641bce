"""Self-grading in spaced review: the suggestion, the student's grade, the settings, and the
schedule checked against the fsrs package's own results for the same grades and times."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from desktop.core.quiz import store
from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.scheduling import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    ReviewSettings,
    load_settings,
    save_settings,
    suggested_rating,
)
from desktop.core.quiz.scoring import score_response
from desktop.core.quiz.session import QuizSession
from tests.core.quiz.factories import multi, right_response, single, wrong_response

START = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)


def test_suggestion_comes_from_correctness_never_from_time():
    q = single(answer="b")
    right = score_response(q, ["b"])
    assert suggested_rating(q, right, 500) == GOOD  # fast is not Easy
    assert suggested_rating(q, right, 600_000) == GOOD  # slow is not Hard
    assert suggested_rating(q, score_response(q, ["a"]), 1000) == AGAIN
    assert suggested_rating(multi(), score_response(multi(), ["a", "b"]), 1000) == HARD


def test_settings_are_saved_clamped_and_read_back(atlas):
    assert load_settings(atlas.user) == ReviewSettings()
    saved = save_settings(atlas.user, ReviewSettings(desired_retention=1.5, maximum_interval=0,
                                                     new_per_day=-4))
    assert (saved.desired_retention, saved.maximum_interval, saved.new_per_day) == (0.99, 1, 0)
    save_settings(atlas.user, ReviewSettings(0.85, 180, 15, parameters=(0.1,) * 21))
    again = load_settings(atlas.user)
    assert again.desired_retention == 0.85 and again.maximum_interval == 180
    assert again.new_per_day == 15 and len(again.parameters) == 21


def review_once(user, question, when, grade, correct, clock):
    runner = QuizRunner.start(QuizSession([question], "review", seed=1, clock=clock), user)
    clock.advance(7)
    response = right_response(runner.session.current) if correct else \
        wrong_response(runner.session.current)
    runner.answer(response, now=when)
    if grade is not None:
        runner.grade(grade)
    runner.next()
    return runner


@pytest.mark.parametrize("settings", [
    ReviewSettings(),
    ReviewSettings(desired_retention=0.8, maximum_interval=30),
    ReviewSettings(desired_retention=0.95, parameters=tuple(
        w * 1.1 if i in (0, 1, 2, 3) else w
        for i, w in enumerate(fsrs.Scheduler().parameters))),
])
def test_schedule_matches_the_fsrs_package_for_the_same_grades_and_times(atlas, clock,
                                                                        settings):
    save_settings(atlas.user, settings)
    question = single("s-fsrs")
    # (days after START, the student's grade, whether the answer was right)
    plan = [(0, GOOD, True), (3, HARD, True), (9, EASY, True), (30, AGAIN, False),
            (31, GOOD, True), (40, None, True)]  # last: the suggestion (Good) is kept
    reference = fsrs.Scheduler(
        parameters=settings.parameters or fsrs.Scheduler().parameters,
        desired_retention=settings.desired_retention,
        maximum_interval=settings.maximum_interval,
        learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = fsrs.Card()
    for days, grade, correct in plan:
        when = START + timedelta(days=days, minutes=days)
        review_once(atlas.user, question, when, grade, correct, clock)
        expected_grade = grade if grade is not None else (GOOD if correct else AGAIN)
        card, _log = reference.review_card(card, fsrs.Rating(expected_grade),
                                           review_datetime=when)
        stored = json.loads(atlas.user.execute(
            "SELECT card FROM review_cards WHERE question_id = 's-fsrs'").fetchone()[0])
        assert stored["stability"] == pytest.approx(card.stability, rel=1e-9)
        assert stored["difficulty"] == pytest.approx(card.difficulty, rel=1e-9)
        assert datetime.fromisoformat(store.card_due(atlas.user, "s-fsrs")) == card.due
    ratings = [r[0] for r in atlas.user.execute(
        "SELECT rating FROM review_log WHERE question_id = 's-fsrs' ORDER BY id")]
    assert ratings == [GOOD, HARD, EASY, AGAIN, GOOD, GOOD]


def test_changing_a_grade_replays_the_review_instead_of_adding_one(atlas, clock):
    question = single("s-regrade")
    runner = QuizRunner.start(QuizSession([question], "review", seed=1, clock=clock),
                              atlas.user)
    runner.answer(right_response(runner.session.current), now=START)
    assert runner.last_rating == GOOD
    good_due = store.card_due(atlas.user, "s-regrade")
    runner.grade(AGAIN)
    again_due = store.card_due(atlas.user, "s-regrade")
    runner.grade(EASY)
    easy_due = store.card_due(atlas.user, "s-regrade")
    assert again_due < good_due < easy_due
    rows = atlas.user.execute("SELECT rating, card_before FROM review_log").fetchall()
    assert [r[0] for r in rows] == [EASY] and rows[0][1] is None  # one review, first ever
    card = atlas.user.execute("SELECT reps, origin FROM review_cards").fetchone()
    assert tuple(card) == (1, "new")


def test_grading_a_glossary_card_again_counts_it_wrong(atlas, clock):
    from desktop.core.quiz.term_cards import meaning_card

    term = atlas.content.term("cereblon")
    runner = QuizRunner.start(QuizSession([meaning_card(term)], "review", seed=1, clock=clock),
                              atlas.user)
    runner.answer(["shown"], now=START)
    runner.grade(AGAIN)
    row = atlas.user.execute("SELECT correct FROM quiz_attempts").fetchone()
    assert row[0] == 0
    runner.grade(GOOD)
    assert atlas.user.execute("SELECT correct FROM quiz_attempts").fetchone()[0] == 1


def test_maximum_interval_caps_easy_reviews(atlas, clock):
    save_settings(atlas.user, replace(ReviewSettings(), maximum_interval=5))
    question = single("s-cap")
    for days in (0, 2, 6, 12):
        review_once(atlas.user, question, START + timedelta(days=days), EASY, True, clock)
    due = datetime.fromisoformat(store.card_due(atlas.user, "s-cap"))
    assert due - (START + timedelta(days=12)) <= timedelta(days=5)
