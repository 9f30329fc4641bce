"""A student sees "Study now" counts on Home and the quiz start page change as they study,
add glossary cards to their reviews and raise the number of new cards a day."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QSpinBox

from tests.journeys.recall_steps import card_on_screen, type_into_gaps


def counts_text(person) -> str:
    label = next(w for w in person.widgets(QLabel) if w.objectName() == "study_now_counts")
    return label.text()


def test_study_now_counts_change_as_the_student_studies(person):
    person.wait_for_text("0 due for review · 10 new cards today")
    person.click("Study now")
    person.wait_for_text("Question 1 of 10")
    for n in range(3):
        card = card_on_screen(person)
        type_into_gaps(person, ["no idea"] * len(card.blanks))  # three misses
        person.press("Enter")
        person.wait_for_text("not the answer")
        person.press("Enter")
        person.wait_for_text(f"Question {n + 2} of 10")
    person.click("End session")
    person.press("Ctrl+1")  # Home
    person.wait_until(lambda: person.window.current_key == "home", what="Home")
    # the three missed cards come back tomorrow; seven of today's ten new cards are left
    person.wait_for_text("0 due for review · 7 new cards today")

    # glossary: two cards for cereblon, into the reviews (they wait as new cards)
    person.press("F2")
    person.type("cereblon")
    person.press("Enter")
    person.wait_for_text("Add to my reviews")
    person.click("Add to my reviews")
    person.wait_for_text("Added 2 cards")
    assert person.sees("In my reviews ✓")
    user = person.window.ctx.user
    assert {r[0] for r in user.execute(
        "SELECT question_id FROM review_cards WHERE origin = 'new' AND reps = 0")} == {
        "tc-cereblon-d", "tc-cereblon-t"}
    person.press("F2")  # hide the glossary again

    # more new cards a day, set on the quiz start page
    person.press("Ctrl+4")  # the quiz, on the results of the session ended above
    person.wait_for_text("New session")
    person.click("New session")
    person.wait_for_text("Review settings")
    assert "7 new" in counts_text(person)  # the start page counts too

    def settings(dialog: QDialog) -> None:
        spin = next(w for w in dialog.findChildren(QSpinBox)
                    if w.accessibleName() == "New cards per day")
        spin.setFocus()
        spin.selectAll()
        from PySide6.QtTest import QTest

        QTest.keyClicks(spin, "20")
        person.click(person.button("Save", dialog))

    person.when_dialog(settings)
    person.click("Review settings")
    person.check_dialogs()
    person.wait_for_text("0 due for review · 17 new cards today")
    assert "17 new" in counts_text(person)
