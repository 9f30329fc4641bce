"""A new student opens Progress before answering anything: instead of empty chart axes the
page says what it will show and how to start; Enter on the focused button starts ten mixed
questions, and after one answer the page shows the charts instead."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from tests.journeys.quiz_steps import answer, question_on_screen, user_db

CHARTS = ("Score per session (%), by session number",
          "Mastery per topic (% of the questions tried)", "Reviews due, next 14 days",
          "Answers per day, last 30 days")


def charts_shown(person) -> list[str]:
    return [w.accessibleName() for w in person.widgets(QWidget)
            if w.accessibleName() in CHARTS]


def test_a_new_student_finds_what_progress_will_show_and_starts_from_there(person):
    with user_db(person) as conn:
        assert conn.execute("SELECT count(*) FROM quiz_attempts").fetchone()[0] == 0
    person.press("Ctrl+4")
    person.wait_for_text("Start 10 mixed questions")
    person.click("Progress and statistics")
    person.wait_for_text("No answers yet")
    assert charts_shown(person) == []  # no empty axes
    note = person.find("What this page shows", QLabel)
    for promise in ("score in each session", "each topic", "reviews due",
                    "answers you gave each day"):
        assert promise in note.text(), promise
    assert person.sees("Press Enter to start 10 mixed questions")
    export = person.find("Export every attempt as a CSV file", QPushButton)
    assert not export.isEnabled()  # nothing to export yet
    start = person.focus()
    assert isinstance(start, QPushButton) and start.accessibleName() == \
        "Start 10 mixed questions" and person.visible(start)
    person.press("Return")
    person.wait_for_text("Question 1 of 10")

    answer(person, question_on_screen(person), True)
    person.press("Return")  # submit
    person.wait_for_text("Next question")
    person.click("End session")
    person.wait_for_text("Session finished")
    person.click("Progress")
    person.wait_for_text("Latest session")
    assert not person.sees("No answers yet")
    assert sorted(charts_shown(person)) == sorted(CHARTS)
    assert person.find("Export every attempt as a CSV file", QPushButton).isEnabled()
