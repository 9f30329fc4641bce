"""The session state machine: full sessions in every mode, with a clock moved by hand."""

from __future__ import annotations

import random

import pytest

from desktop.core.quiz.model import presentation_order
from desktop.core.quiz.session import Phase, QuizSession, SessionError, build_session
from tests.core.quiz.factories import (
    ALL_TYPES,
    matching,
    ordering,
    right_response,
    single,
    true_false,
    wrong_response,
)


def every_type():
    return [make(f"q{n}") for n, make in enumerate(ALL_TYPES)]


def test_presentation_is_shuffled_per_attempt_and_reproducible():
    q = single()
    orders = {presentation_order(q, random.Random(seed)) for seed in range(30)}
    assert len(orders) > 5
    assert presentation_order(q, random.Random(4)) == presentation_order(q, random.Random(4))


def test_items_that_say_no_shuffle_keep_their_order():
    q = single(shuffle=False)
    for seed in range(10):
        assert presentation_order(q, random.Random(seed)) == ("a", "b", "c", "d")


def test_true_false_shows_true_first_and_ordering_never_starts_solved():
    for seed in range(40):
        assert presentation_order(true_false(), random.Random(seed)) == ("true", "false")
        assert list(presentation_order(ordering(), random.Random(seed))) != ["a", "b", "c", "d"]


def test_tutor_session_from_start_to_finish(clock):
    session = QuizSession(every_type(), "tutor", seed=1, clock=clock)
    assert session.phase is Phase.ANSWERING and session.gives_feedback
    for n, item in enumerate(session.items):
        assert session.current is item
        clock.advance(10 + n)
        response = right_response(item) if n % 2 == 0 else wrong_response(item)
        score = session.answer(response)
        assert session.phase is Phase.FEEDBACK
        assert score.correct is (n % 2 == 0)
        assert item.elapsed_ms == (10 + n) * 1000
        with pytest.raises(SessionError):
            session.answer(response)  # one answer per question in tutor mode
        clock.advance(30)  # reading the feedback is not answering time
        session.next()
    assert session.finished
    result = session.result()
    assert (result.questions, result.answered, result.correct) == (6, 6, 3)
    assert result.missed == [1, 3, 5]
    assert {t.topic for t in result.per_topic} == {"mechanism", "history"}
    assert result.duration_s == pytest.approx(sum(10 + n for n in range(6)) + 6 * 30)


def test_tutor_session_can_skip_and_end_early(clock):
    session = QuizSession(every_type(), "tutor", seed=2, clock=clock)
    session.answer(right_response(session.current))
    session.next()
    session.skip()
    assert session.index == 2 and not session.items[1].answered
    with pytest.raises(SessionError):
        session.previous()  # free navigation is for exams
    session.finish()
    result = session.result()
    assert (result.answered, result.correct, result.percent) == (1, 1, 100)
    assert result.score.counted == 1  # a session ended early counts what was answered


def test_exam_gives_no_feedback_and_allows_changes_and_navigation(clock):
    session = QuizSession(every_type(), "exam", seed=3, time_limit_s=600, clock=clock)
    assert not session.gives_feedback
    first = session.current
    session.answer(wrong_response(first))
    assert session.phase is Phase.ANSWERING  # no feedback in an exam
    session.answer(right_response(first))  # changed mind
    assert first.correct
    session.next()
    session.toggle_mark()
    assert session.marked() == [1]
    session.go_to(4)
    session.answer(right_response(session.current))
    session.previous()
    assert session.index == 3
    clock.advance(100)
    assert session.remaining_s() == pytest.approx(500)
    with pytest.raises(SessionError):
        session.go_to(6)
    session.finish()
    result = session.result()
    assert (result.questions, result.answered, result.correct) == (6, 2, 2)
    assert result.percent == 33  # unanswered exam questions count as wrong
    assert session.unanswered() == [1, 2, 3, 5]


def test_exam_pause_stops_the_clock_and_the_countdown_ends_it(clock):
    session = QuizSession([single("a"), single("b")], "exam", seed=1, time_limit_s=60,
                          clock=clock)
    clock.advance(20)
    session.pause()
    assert session.phase is Phase.PAUSED
    with pytest.raises(SessionError):
        session.answer(["a"])
    clock.advance(500)  # paused: does not count
    assert session.remaining_s() == pytest.approx(40)
    session.resume()
    assert session.phase is Phase.ANSWERING
    clock.advance(39)
    assert not session.time_up()
    clock.advance(2)
    assert session.time_up()
    assert session.current.elapsed_ms == 20_000  # the time before the pause
    session.answer(["b"])
    assert session.current.elapsed_ms == 61_000


@pytest.mark.parametrize("mode", ["review", "practice"])
def test_review_and_practice_sessions_give_feedback(mode, clock):
    session = QuizSession([single("a"), matching("b")], mode, seed=9, clock=clock)
    assert session.time_limit_s == 0
    session.answer(wrong_response(session.current))
    assert session.phase is Phase.FEEDBACK
    session.next()
    session.answer(right_response(session.current))
    assert session.next() is Phase.FINISHED
    assert session.result().correct == 1


def test_a_saved_session_restores_where_it_was(clock):
    session = QuizSession(every_type(), "exam", seed=5, time_limit_s=900, title="Mock",
                          clock=clock)
    session.answer(right_response(session.current))
    session.next()
    session.toggle_mark()
    session.next()
    clock.advance(42)
    static, state = session.static(), session.state()
    again = QuizSession.restore(static, state, clock=clock)
    assert again.phase is Phase.PAUSED  # it comes back paused
    again.resume()
    assert (again.mode, again.title, again.index, again.seed) == ("exam", "Mock", 2, 5)
    assert [i.order for i in again.items] == [i.order for i in session.items]
    assert [i.question for i in again.items] == [i.question for i in session.items]
    assert again.items[0].response == session.items[0].response and again.items[0].correct
    assert again.items[1].marked
    assert again.elapsed_s() == pytest.approx(42)
    assert again.remaining_s() == pytest.approx(858)


def test_a_restored_tutor_session_in_feedback_shows_the_feedback_again(clock):
    session = QuizSession([single("a"), single("b")], "tutor", seed=1, clock=clock)
    session.answer(right_response(session.current))
    again = QuizSession.restore(session.static(), session.state(), clock=clock)
    again.resume()
    assert again.phase is Phase.FEEDBACK
    again.next()
    assert again.index == 1


def test_build_session_takes_any_questions_once_each():
    questions = [single("a"), true_false("b"), single("a")]
    session = build_session(questions, "practice", seed=1)
    assert [i.question.id for i in session.items] == ["a", "b"]
    assert session.mode == "practice"
    with pytest.raises(SessionError):
        build_session([], "practice")
    with pytest.raises(SessionError):
        QuizSession([single()], "cram")


def test_an_exam_answer_can_be_taken_back_but_not_a_tutor_one(clock):
    exam = QuizSession([single("a"), single("b")], "exam", seed=1, clock=clock)
    exam.answer(right_response(exam.current))
    assert exam.clear_answer() and not exam.current.answered
    assert exam.current.score is None and exam.unanswered() == [0, 1]
    assert not exam.clear_answer()  # nothing left to take back
    tutor = QuizSession([single("a")], "tutor", seed=1, clock=clock)
    with pytest.raises(SessionError):
        tutor.clear_answer()
