"""A student plays a tutor session (started with Enter on the focused button) and an exam
with one question left unanswered, then opens the progress page: each session is plotted as a
numbered point with the score its results page showed (one definition of a session's score),
the axis names sessions, not clock times, and today's bar is drawn whole with its label."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel, QPushButton, QRadioButton

from tests.journeys.quiz_steps import answer, question_on_screen, set_count, tick_only_types


def drawn_labels(axis) -> list[str]:
    """The tick labels a pyqtgraph axis draws now (after hiding those that do not fit)."""
    size = axis.boundingRect().size().toSize()
    image = QImage(max(size.width(), 1), max(size.height(), 1), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


def results_score(person) -> str:
    """"3 of 5 correct · score 60%" from the results page."""
    return person.find("Score", QLabel).text().split(" · time")[0]


def test_progress_shows_each_session_as_its_results_page_scored_it(person):
    person.press("Ctrl+4")
    person.wait_for_text("Start 10 mixed questions")
    quick = person.focus()
    assert isinstance(quick, QPushButton) and quick.text() == "Start 10 mixed questions"
    person.press("Return")  # Enter on the focused button starts the session (Space did)
    person.wait_for_text("Question 1 of 10")
    for right in (True, False):
        answer(person, question_on_screen(person), right)
        person.press("Return")  # submit
        person.press("Return")  # go on
    person.click("End session")
    person.wait_for_text("Session finished")
    tutor_score = results_score(person)
    assert tutor_score.startswith("1 of 2 correct")

    person.click("New session")
    person.wait_for_text("Start 10 mixed questions")
    person.click(person.find("Exam", kind=QRadioButton))  # the mode
    set_count(person, 5)
    tick_only_types(person, {"Single best answer", "True or false"})
    person.click("Start session")
    person.wait_for_text("Question 1 of 5")
    for right in (True, True, True, False, None):
        if right is not None:
            answer(person, question_on_screen(person), right)
            person.press("Return")  # save and go on
        else:
            person.press("PgDown")
    person.answer_message("Yes", expect="1 question is still unanswered")
    person.click("Finish the exam")
    person.wait_for_text("Exam results")
    exam_score = results_score(person)
    assert exam_score == "3 of 5 correct · score 60%"

    person.click("Progress")
    person.wait_for_text("Latest session")
    latest = person.find("Latest session", QLabel).text()
    assert latest.startswith("Latest session (no. 2, exam, ") and latest.endswith(exam_score)
    chart = person.find("Score per session (%), by session number")
    axis = chart.getPlotItem().getAxis("bottom")
    assert drawn_labels(axis) == ["1", "2"]  # session numbers, never clock times
    shown = sorted(item.toPlainText() for item in chart.getPlotItem().items
                   if hasattr(item, "toPlainText"))
    assert shown == sorted([tutor_score.rsplit(" ", 1)[1], "60%"])  # the results' numbers
    assert "session 2 (exam" in chart.accessibleDescription() and \
        chart.accessibleDescription().endswith("60%")

    streak = person.find("Answers per day, last 30 days")
    assert "today" in drawn_labels(streak.getPlotItem().getAxis("bottom"))
    (left, right), _y = streak.getViewBox().viewRange()
    bar = next(i for i in streak.getPlotItem().items if type(i).__name__ == "BarGraphItem")
    box = bar.boundingRect()
    assert left < box.left() and box.right() < right  # today's bar drawn whole
    assert right - box.right() >= 0.3 * (box.width() / 30)  # with room beside it
    assert "Today: 6 answers" in streak.accessibleDescription()
