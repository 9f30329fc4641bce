"""A student on a six-option question presses F and chooses option F (the letter is the
option's, not a command); R reports an error, the dialog says where the note really goes,
and File > Export writes the reports to a CSV file a teacher can open."""

from __future__ import annotations

import csv

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPlainTextEdit

from tests.journeys.quiz_steps import question_on_screen

NOTE = 'Option "MEIS2" is a substrate too, isn\'t it?'


def test_f_chooses_option_f_and_r_reports_an_error_exported_for_the_teacher(person, tmp_path):
    person.press("Ctrl+K")
    person.type("which of these proteins are cereblon neosubstrates")
    person.wait_for_text("Question")
    person.press("Return")  # the best match: the question itself
    person.wait_for_text("Question 1 of 1")
    shown = question_on_screen(person)
    assert shown.question["id"] == "q-mechanism-041" and len(shown.order) == 6

    person.press("F")  # option F, not "Report an error"
    assert QApplication.activeModalWidget() is None
    option_f = next(b for b in person.widgets(QAbstractButton) if b.text() == "F")
    assert option_f.isChecked()
    assert person.sees("R report an error")  # the footer names the key

    def report(dialog):
        text = person.screen_text(dialog)
        person.dialogs_seen.append(text)
        assert "kept on this computer only" in text and "nothing is sent anywhere" in text
        assert "File > Export > Question error reports" in text
        assert "saved for your teacher" not in text
        box = dialog.findChild(QPlainTextEdit)
        box.setFocus()
        QTest.keyClicks(box, NOTE)
        person.click(person.button("OK", dialog))

    person.when_dialog(report)
    person.press("R")
    person.check_dialogs()
    status = person.find("Quiz status", QLabel).text()
    assert "kept on this computer" in status and "nothing is sent" in status

    out = tmp_path / "reports for Ms Lee.csv"
    person.answer_file_dialog(out)
    person.menu("File", "Export", "Question error reports as CSV")
    person.check_dialogs()
    person.wait_until(out.exists, what="the exported reports")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [(r["question_id"], r["note"]) for r in rows] == [("q-mechanism-041", NOTE)]
    assert rows[0]["question"].startswith("Which of these proteins are cereblon neosubstrates")
