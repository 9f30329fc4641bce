"""A teacher's GIFT file with short-answer, missing-word and numerical questions is imported
and a student answers them by typing in the quiz."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QInputDialog

from tests.journeys.recall_steps import type_into_gaps

GIFT = """// week 4: typed answers
::kelsey::Who kept thalidomide off the US market?{=Frances Kelsey =Kelsey####She asked for \
more data.}

::bind::Thalidomide binds {=cereblon =CRBN} in the CRL4 ligase.

::year::In which year did the FDA first approve thalidomide?{#1998}
"""


def test_teacher_imports_typed_gift_questions_and_a_student_answers_them(person, tmp_path):
    path = tmp_path / "week 4.gift"
    path.write_text(GIFT, encoding="utf-8")
    person.answer_file_dialog(path)
    person.answer_dialog("OK", expect="3 question(s) read", kind=QInputDialog)
    person.answer_message("OK", expect="Imported 3 question(s)")
    # The File menu's question actions are added a moment after the first paint.
    person.wait_until(lambda: any("GIFT" in a.text() for a in person.window.file_menu.actions()),
                      what="Import questions in the File menu")
    person.menu("File", "Import questions (GIFT, CSV)")
    person.check_dialogs()

    person.press("Ctrl+4")
    person.wait_for_text("Start session")
    sources = [b for b in person.widgets(QCheckBox) if b.accessibleName().startswith("Source:")]
    for box in sources:  # only the imported sets
        if box.isChecked() != box.accessibleName().startswith("Source: Imported"):
            person.click(box)
    person.wait_for_text("3 questions match")
    person.click("Start session")
    person.wait_for_text("Question 1 of 3")
    answers = {"Who kept thalidomide": ["frances kelsy"],  # a typo, still accepted
               "Thalidomide binds": ["crbn"],
               "In which year": ["1997"]}  # a year off: a number must be exact here
    right = 0
    for n in range(3):
        stem = person.find("Question").toPlainText()
        typed = next(v for k, v in answers.items() if k in stem)
        type_into_gaps(person, typed)
        person.press("Enter")
        if typed == ["1997"]:
            person.wait_for_text("not the answer")
            assert person.sees("The answer: 1998")
        else:
            person.wait_for_text("Correct")
            right += 1
        person.press("Enter")
        if n < 2:
            person.wait_for_text(f"Question {n + 2} of 3")
    assert right == 2
    rows = person.window.ctx.user.execute(
        "SELECT question_type, correct FROM quiz_attempts ORDER BY id").fetchall()
    assert sorted(tuple(r) for r in rows) == [("cloze", 1), ("typed", 0), ("typed", 1)]
