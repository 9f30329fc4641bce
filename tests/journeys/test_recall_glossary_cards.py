"""Glossary flashcards: a student studies one category's deck from the glossary panel (term ->
definition shown, definition -> term typed), and a returning student's "Study now" session
mixes a due question, a due cloze item and the glossary cards they added, graded with 1-4."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QComboBox, QPushButton

from tests.journeys.quiz_steps import answer, question_on_screen
from tests.journeys.recall_steps import returning_student, type_into_gaps


def choose_category(person, label: str) -> None:
    """Tab from the glossary's search box to its category list and arrow down to `label`
    (the list is changed in place, as a keyboard user does, without opening it)."""
    box = person.find("Glossary category", QComboBox)
    for _ in range(6):
        if person.focus() is box:
            break
        person.press("Tab")
    assert person.focus() is box, f"Tab did not reach the category list ({person.focus()!r})"
    for _ in range(box.count()):
        if box.currentText().startswith(label):
            break
        person.press("Down")
    assert box.currentText().startswith(label), box.currentText()


def test_student_studies_a_glossary_category_deck(person):
    content = person.window.ctx.content
    history_terms = [t for t in content.terms() if t.category == "history"]
    assert history_terms, "the bundled glossary has history terms"
    person.press("F2")  # the glossary panel
    person.wait_for_text("Add to my reviews")
    choose_category(person, "History")
    deck = f"Add all {len(history_terms)} terms"
    person.wait_for_text(deck)
    person.click("Study the category now")
    total = 2 * len(history_terms)
    person.wait_for_text(f"Question 1 of {total}")
    person.wait_until(lambda: person.window.current_key == "quiz", what="the quiz")
    assert person.sees("Glossary cards: History")

    kinds = []
    for n in range(4):
        shown = question_on_screen(person)
        kinds.append(shown.type)
        term = content.term(shown.question["note"])
        assert term.category == "history"
        if shown.type == "flashcard":  # the term is shown; its meaning is recalled
            assert person.sees(term.term)
            person.wait_until(lambda: person.focus() is person.find("Show answer", QPushButton),
                              what="the cursor on Show answer")
            person.press("Enter")
            person.wait_for_text(" ".join(term.definition.split())[:40])
        else:  # the definition is shown with the term masked; the name is typed
            assert shown.type == "typed"
            assert term.term not in person.find("Question").toPlainText()
            type_into_gaps(person, [term.term.lower()])
            person.press("Enter")
            person.wait_for_text("Correct")
        person.press("Enter")
        if n < 3:
            person.wait_for_text(f"Question {n + 2} of {total}")
    assert set(kinds) == {"flashcard", "typed"}
    person.click("End session")
    user = person.window.ctx.user
    rows = [tuple(r) for r in user.execute(
        "SELECT question_id, question_type, correct FROM quiz_attempts ORDER BY id")]
    assert len(rows) == 4 and all(r[2] == 1 for r in rows)
    ids = {f"tc-{t.id}-{side}" for t in history_terms for side in "dt"}
    assert {r[0] for r in rows} <= ids
    # a practice run of the deck leaves the review schedule alone
    assert user.execute("SELECT count(*) FROM review_cards").fetchone()[0] == 0


def seed_due_and_added(data_folder) -> None:
    """Three days ago the student missed a bank question and a cloze item in review (both
    due again now) and added the glossary cards of cereblon; two new cards a day."""
    from desktop.core.atlas import Atlas
    from desktop.core.quiz import store
    from desktop.core.quiz.runner import QuizRunner
    from desktop.core.quiz.scheduling import ReviewSettings, save_settings
    from desktop.core.quiz.session import QuizSession
    from desktop.core.quiz.term_cards import cards_for
    from tests.core.quiz.factories import wrong_response

    atlas = Atlas.open(data_folder)
    then = datetime.now(UTC) - timedelta(days=3)
    question = next(q for q in atlas.content.questions() if q.type == "single")
    cloze = next(q for q in atlas.content.recall_items() if q.type == "cloze")
    runner = QuizRunner.start(QuizSession([question, cloze], "review", seed=2), atlas.user)
    for item in runner.session.items:
        if item.question.type == "cloze":
            runner.answer(["no idea"] * len(item.question.blanks), now=then)
        else:
            runner.answer(wrong_response(item), now=then)
        runner.next()
    store.add_to_reviews(atlas.user, cards_for(atlas.content.term("cereblon")), then)
    save_settings(atlas.user, ReviewSettings(new_per_day=2))
    atlas.close()


@pytest.fixture
def reviewer(data_folder, qtbot):
    seed_due_and_added(data_folder)
    with returning_student(data_folder, qtbot) as someone:
        yield someone


def test_study_now_mixes_due_questions_cloze_items_and_term_cards(reviewer):
    person = reviewer
    person.wait_for_text("2 due for review · 2 new cards today")
    person.click("Study now")
    person.wait_for_text("Question 1 of 4")
    user = person.window.ctx.user
    before = user.execute("SELECT count(*) FROM review_log").fetchone()[0]
    seen = []
    grades = {"single": "4", "cloze": "3", "flashcard": "2", "typed": "3"}
    for n in range(4):
        shown = question_on_screen(person)
        seen.append((shown.question["id"], shown.type))
        if shown.type == "cloze":
            type_into_gaps(person, [b["answers"][0] for b in shown.question["blanks"]])
            person.press("Enter")
        elif shown.type == "typed":
            type_into_gaps(person, [shown.question["blanks"][0]["answers"][0]])
            person.press("Enter")
        elif shown.type == "flashcard":
            person.wait_until(lambda: person.focus() is person.find("Show answer", QPushButton),
                              what="the cursor on Show answer")
            person.press("Enter")
        else:
            answer(person, shown, right=True)
            person.press("Enter")
        person.wait_for_text("How well did you know it?")
        person.press(grades[shown.type])
        name = {"2": "Hard", "3": "Good", "4": "Easy"}[grades[shown.type]]
        person.wait_for_text(f"Graded {name}")
        person.press("Enter")
        if n < 3:
            person.wait_for_text(f"Question {n + 2} of 4")
    assert sorted(t for _i, t in seen) == ["cloze", "flashcard", "single", "typed"]
    assert {i for i, t in seen if t in ("flashcard", "typed")} == {
        "tc-cereblon-d", "tc-cereblon-t"}
    log = [tuple(r) for r in user.execute(
        "SELECT question_id, rating FROM review_log WHERE id > ? ORDER BY id", (before,))]
    assert log == [(i, int(grades[t])) for i, t in seen]
    person.press("Ctrl+1")  # Home: nothing left for today
    person.wait_for_text("Nothing due")
