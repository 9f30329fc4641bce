"""Progress figures and the home page's review line."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from desktop.core.quiz import progress, store
from desktop.core.quiz.review_status import due_summary
from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.session import QuizSession
from tests.core.quiz.factories import right_response, single, true_false, wrong_response


def play(user, clock, questions, good: set[str]):
    runner = QuizRunner.start(QuizSession(questions, "tutor", seed=1, clock=clock), user)
    for item in runner.session.items:
        runner.answer(right_response(item) if item.question.id in good
                      else wrong_response(item))
        runner.next()
    return runner


def test_accuracy_per_session_and_mastery_per_topic(atlas, clock):
    user = atlas.user
    play(user, clock, [single("a"), single("b"), true_false("c")], good={"a"})
    play(user, clock, [single("a"), single("b")], good={"a", "b"})
    points = progress.session_accuracy(user)
    assert [round(p.accuracy, 3) for p in points] == [round(1 / 3, 3), 1.0]
    assert [p.questions for p in points] == [3, 2]
    assert points[0].timestamp <= points[1].timestamp
    mastery = {m.topic: m for m in progress.topic_mastery(user)}
    assert mastery["mechanism"].questions == 2 and mastery["mechanism"].mastery == 1.0
    assert mastery["history"].mastery == 0.0  # only the latest attempt counts
    totals = progress.totals(user)
    assert (totals.answers, totals.questions, totals.correct, totals.sessions) == (5, 3, 3, 2)


def test_review_forecast_counts_overdue_as_today(atlas):
    user = atlas.user
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    for n, offset in enumerate((-3, 0, 0.2, 1, 5, 12.5, 20)):
        due = (now + timedelta(days=offset)).isoformat(timespec="seconds")
        user.execute("INSERT INTO review_cards (question_id, card, due, updated_at) "
                     "VALUES (?, '{}', ?, ?)", (f"q{n}", due, due))
    forecast = progress.review_forecast(user, days=14, now=now)
    assert len(forecast) == 14
    today = now.astimezone().date()
    assert forecast[0][0] == today
    by_day = dict(forecast)
    assert sum(by_day.values()) == 6  # the one due in 20 days is beyond the window
    assert by_day[today] >= 2  # the overdue card and the one due now


def test_streaks():
    today = date(2026, 11, 23)
    days = [today - timedelta(days=n) for n in (0, 1, 2, 5, 6, 7, 8, 20)]
    assert progress.streaks(days, today) == (3, 4)
    assert progress.streaks(days[1:], today) == (2, 4)  # not yet today: yesterday's run
    assert progress.streaks([], today) == (0, 0)
    assert progress.streaks([today - timedelta(days=3)], today) == (0, 1)


def test_due_summary_texts(atlas, clock):
    user = atlas.user
    assert "No reviews yet" in due_summary(user)
    play(user, clock, [single("a"), single("b")], good=set())
    text = due_summary(user)
    assert text.startswith("2 questions are due for review")
    assert "Study streak: 1 day." in text
    review = QuizRunner.start(QuizSession(store.due_questions(user), "review", seed=1,
                                          clock=clock), user)
    for item in review.session.items:
        clock.advance(8)
        review.answer(right_response(item))
        review.next()
    text = due_summary(user)
    assert text.startswith("Nothing is due for review; the next review is")


def test_the_chart_plots_an_exam_as_its_results_page_scored_it(atlas, clock):
    """The defect: "3 of 5 · 60%" on the results page, 75% on the chart (the chart averaged
    the four answers; the exam counts the unanswered fifth as wrong)."""
    user = atlas.user
    questions = [single("a"), single("b"), single("c"), true_false("d"), true_false("e")]
    runner = QuizRunner.start(QuizSession(questions, "exam", seed=1, clock=clock), user)
    for n, item in enumerate(runner.session.items[:4]):
        runner.go_to(n)
        runner.answer(right_response(item) if n < 3 else wrong_response(item))
    assert progress.session_accuracy(user) == []  # an exam under way is not plotted yet
    runner.finish()
    result = runner.session.result()
    assert result.score.text == "3 of 5 correct · score 60%"
    [point] = progress.session_accuracy(user)
    assert point.percent == result.percent == 60 and point.score == result.score
    assert point.number == 1


def test_sessions_are_numbered_and_discarded_exams_are_not_plotted(atlas, clock):
    user = atlas.user
    play(user, clock, [single("a")], good={"a"})
    discarded = QuizRunner.start(QuizSession([single("b"), single("c")], "exam", seed=1,
                                             clock=clock), user)
    discarded.answer(right_response(discarded.session.current))
    discarded.abandon()
    play(user, clock, [single("b"), single("c")], good={"b"})
    points = progress.session_accuracy(user)
    assert [(p.number, p.mode, p.percent) for p in points] == [(1, "tutor", 100),
                                                              (2, "tutor", 50)]
    assert points[1].day == date.today()
