"""A returning student with months of reviews behind them: they optimize the FSRS parameters
on their own review history, and open a weak area's reading list and practise it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QTabWidget

from tests.journeys.recall_steps import returning_student


def history(data_folder, cards: int = 100) -> None:
    """Half a year of reviews (generated with the real scheduler) and a run of misses on
    mechanism questions, written into the student's data folder before the app starts."""
    from desktop.core.atlas import Atlas
    from desktop.core.quiz.runner import QuizRunner
    from desktop.core.quiz.scheduling import review_card
    from desktop.core.quiz.session import QuizSession
    from tests.core.quiz.factories import right_response, wrong_response

    atlas = Atlas.open(data_folder)
    rng = random.Random(5)
    rows = []
    start = datetime(2026, 5, 4, 18, tzinfo=UTC)
    for n in range(cards):
        qid, card, when = f"old-card-{n}", None, start + timedelta(hours=n)
        for _ in range(5):
            rating = 1 if rng.random() < 0.3 else rng.choice([2, 3, 3, 4])
            before = card
            card, due = review_card(card, qid, rating, when)
            rows.append((qid, rating, when.isoformat(timespec="seconds"), 8000, before))
            when = datetime.fromisoformat(due)
    with atlas.user.transaction() as conn:
        conn.executemany("INSERT INTO review_log (question_id, rating, reviewed_at, "
                         "duration_ms, card_before) VALUES (?, ?, ?, ?, ?)", rows)
    bank = atlas.content.questions()
    mechanism = [q for q in bank if q.topic == "mechanism"][:6]
    history_items = [q for q in bank if q.topic == "history"][:6]
    for _ in range(2):
        runner = QuizRunner.start(QuizSession(mechanism + history_items, "tutor", seed=3),
                                  atlas.user)
        for item in runner.session.items:
            ok = item.question.topic == "history"
            runner.answer(right_response(item) if ok else wrong_response(item))
            runner.next()
    atlas.close()


@pytest.fixture
def returning(data_folder, qtbot):
    history(data_folder)
    with returning_student(data_folder, qtbot) as someone:
        yield someone


def test_student_optimizes_parameters_on_their_review_history(returning):
    person = returning
    person.press("Ctrl+4")
    person.wait_for_text("Review settings")
    seen = {}

    def optimize(dialog: QDialog) -> None:
        status = next(w for w in dialog.findChildren(QLabel)
                      if w.accessibleName() == "Optimizer status")
        seen["before"] = status.text()
        person.click(person.button("Optimize", dialog))
        person.wait_until(lambda: "fitted to your" in status.text(), what="parameters fitted")
        seen["after"] = status.text()
        person.click(person.button("Save", dialog))

    person.when_dialog(optimize)
    person.click("Review settings")
    person.check_dialogs()
    assert "Standard FSRS parameters" in seen["before"] and "500 reviews" in seen["before"]
    assert "Parameters fitted to your 500 reviews" in seen["after"]
    from desktop.core.quiz.scheduling import load_settings

    settings = load_settings(person.window.ctx.user)
    assert len(settings.parameters) == 21 and settings.optimized_reviews == 500


def test_student_opens_a_weak_areas_reading_list_and_practises_it(returning):
    person = returning
    person.press("Ctrl+4")
    person.wait_for_text("Statistics and study plan")
    person.click("Statistics and study plan")
    person.wait_for_text("items answered")
    tabs = person.find("Statistics tabs", QTabWidget)
    person.click(tabs.tabBar(), at=tabs.tabBar().tabRect(1).center())
    person.wait_for_text("weak area")
    areas = person.find("Areas, weakest first", QListWidget)
    assert areas.item(0).text().startswith("⚠ Topic: Mechanism — 0% of 12")
    reading = person.find("Reading list", QListWidget)
    person.wait_until(lambda: reading.count() > 0, what="the reading list")
    texts = [reading.item(r).text() for r in range(reading.count())]
    assert any(t.startswith("Term: ") for t in texts), texts
    term_row = next(r for r, t in enumerate(texts) if t.startswith("Term: "))
    name = texts[term_row].removeprefix("Term: ")
    reading.setFocus()
    reading.setCurrentRow(term_row)
    person.press("Enter")  # opens the term in the glossary
    person.wait_until(lambda: person.window.glossary.isVisible(), what="the glossary")
    person.wait_for_text(name)
    person.press("F2")  # into the glossary's find box
    person.press("F2")  # and the glossary hides again
    person.wait_until(lambda: not person.window.glossary.isVisible(), what="glossary closed")
    person.click("Practise this area")
    person.wait_for_text("Practise: Mechanism")
    person.wait_for_text("Question 1 of 6")
