"""A student studies cloze and typed items from Home's "Study now": a right answer, a wrong
one, and a near miss they overrule with "I was right"; they grade each review with 1-4."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from tests.journeys.recall_steps import card_on_screen, near_miss, type_into_gaps


def attempts(person) -> list[tuple]:
    return [tuple(r) for r in person.window.ctx.user.execute(
        "SELECT question_id, correct, response FROM quiz_attempts ORDER BY id")]


def test_student_answers_cloze_and_typed_items_right_wrong_and_overruled(person):
    person.wait_for_text("Study now")
    person.wait_for_text("10 new cards today")
    person.click("Study now")
    person.wait_until(lambda: person.window.current_key == "quiz", what="the quiz")
    person.wait_for_text("Question 1 of 10")
    seen = []

    # 1. right: every gap typed as the notes have it
    card = card_on_screen(person)
    seen.append(card.id)
    type_into_gaps(person, [b.answers[0].upper() for b in card.blanks])
    person.press("Enter")
    person.wait_for_text("Correct")
    good = person.find("Grade Good", QPushButton)
    assert good.isChecked()  # the suggestion from a right answer
    assert not person.find("I was right", QPushButton).isVisible() if person.sees(
        "I was right") else True
    person.press("Enter")

    # 2. wrong: something else entirely
    person.wait_for_text("Question 2 of 10")
    card = card_on_screen(person)
    seen.append(card.id)
    type_into_gaps(person, ["mitochondria"] * len(card.blanks))
    person.press("Enter")
    person.wait_for_text("not the answer")
    assert person.find("Grade Again", QPushButton).isChecked()
    assert person.sees(card.blanks[0].answers[0])  # the answer is shown
    person.press("Enter")

    # 3. a near miss, overruled
    person.wait_for_text("Question 3 of 10")
    card = card_on_screen(person)
    seen.append(card.id)
    texts = [b.answers[0] for b in card.blanks]
    texts[0] = near_miss(texts[0], card.blanks[0].threshold)
    type_into_gaps(person, texts)
    person.press("Enter")
    person.wait_for_text("almost")
    assert person.find("Grade Again", QPushButton).isChecked() or \
        person.find("Grade Hard", QPushButton).isChecked()
    person.click("I was right")
    person.wait_for_text("Counted as right")
    assert person.find("Grade Good", QPushButton).isChecked()  # the grade follows
    person.press("Enter")
    person.wait_for_text("Question 4 of 10")

    rows = attempts(person)
    assert [r[0] for r in rows] == seen
    assert [r[1] for r in rows] == [1, 0, 1]
    assert '{"overrule": true}' in rows[2][2]
    log = [tuple(r) for r in person.window.ctx.user.execute(
        "SELECT question_id, rating FROM review_log ORDER BY id")]
    assert log == [(seen[0], 3), (seen[1], 1), (seen[2], 3)]


def test_student_grades_reviews_with_keys_one_to_four(person):
    person.wait_for_text("10 new cards today")  # Home's counts follow its first paint
    person.click("Study now")
    person.wait_for_text("Question 1 of 10")
    card = card_on_screen(person)
    type_into_gaps(person, [b.answers[0] for b in card.blanks])
    person.press("Enter")
    person.wait_for_text("Correct")
    user = person.window.ctx.user

    def logged():
        return [tuple(r) for r in user.execute(
            "SELECT question_id, rating FROM review_log ORDER BY id")]

    for key, name, rating in (("4", "Easy", 4), ("2", "Hard", 2), ("1", "Again", 1),
                              ("3", "Good", 3)):
        person.press(key)
        person.wait_until(lambda r=rating: logged() == [(card.id, r)],
                          what=f"the review graded {name}")
        assert person.find(f"Grade {name}", QPushButton).isChecked()
        assert person.sees(f"Graded {name}")
    due_good = user.execute("SELECT due FROM review_cards WHERE question_id = ?",
                            (card.id,)).fetchone()[0]
    person.press("4")
    person.wait_until(lambda: logged() == [(card.id, 4)], what="graded Easy")
    due_easy = user.execute("SELECT due FROM review_cards WHERE question_id = ?",
                            (card.id,)).fetchone()[0]
    assert due_easy > due_good  # Easy puts it further out than Good
    person.press("Enter")
    person.wait_for_text("Question 2 of 10")
