"""Mechanism journeys: step through with the keys the narration names (no click first), then
label practice: hide the labels, type the names, see the score."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTextBrowser


def open_mechanism(person):
    person.press("Ctrl+5")
    person.wait_for_text("Overview")
    return person.find("Step position", QLabel)


def test_student_steps_through_with_the_keys_the_narration_names(person):
    position = open_mechanism(person)
    text = person.find("Step text and sources", QTextBrowser)
    overview = text.toPlainText()
    steps = int(re.search(r"Overview · (\d+) steps", position.text()).group(1))
    assert "Right" in overview and "Page Down" in overview and "Space" in overview
    person.press(Qt.Key.Key_Right)  # no click on the diagram first
    assert position.text() == f"Step 1 of {steps}"
    first = text.toPlainText()
    assert first != overview
    person.press(Qt.Key.Key_Space)
    assert position.text() == f"Step 2 of {steps}"
    person.press(Qt.Key.Key_PageDown)
    assert position.text() == f"Step 3 of {steps}"
    person.press(Qt.Key.Key_PageUp)
    person.press(Qt.Key.Key_Left)
    assert position.text() == f"Step 1 of {steps}" and text.toPlainText() == first
    person.press(Qt.Key.Key_End)
    assert position.text() == f"Step {steps} of {steps}"
    person.press(Qt.Key.Key_Home)
    assert position.text() == f"Step 1 of {steps}"
    person.click("Next step")  # the buttons do the same
    assert position.text() == f"Step 2 of {steps}"
    person.click("Back to the overview")
    assert text.toPlainText() == overview


def answers_on_screen(person) -> dict[int, str]:
    """What a student who knows the diagram would answer: for each box marked "? N", the
    name of the part drawn there (the diagram's own label for it)."""
    canvas = person.find("Mechanism diagram")
    return {item.state.hidden_number: item.node.label
            for item in canvas.items.values() if item.state.hidden_number}


def test_student_hides_the_labels_names_them_and_sees_the_score(person):
    open_mechanism(person)
    person.press("Alt+L")  # "Hide the &labels"
    person.wait_until(lambda: isinstance(person.focus(), QComboBox), what="the scope chooser")
    scope = person.focus()
    assert isinstance(scope, QComboBox) and scope.accessibleName() == "Which labels to hide"
    assert scope.currentText() == "The neosubstrates"
    person.click("Start the practice")
    answer = person.focus()
    assert isinstance(answer, QLineEdit) and answer.accessibleName() == "Your answer"
    names = answers_on_screen(person)
    assert len(names) >= 3
    prompt = person.find("Practice question", QLabel)
    score = person.find("Practice score", QLabel)
    feedback = person.find("Practice feedback", QTextBrowser)

    def current_number() -> int:
        return int(re.search(r"\? (\d+)", prompt.text()).group(1))

    # the first right, the second wrong, the rest right
    person.type(names[current_number()])
    person.press(Qt.Key.Key_Return)
    assert "Right" in feedback.toPlainText()
    assert score.text().startswith("1 right · 1 of ")
    wrong = current_number()
    person.type("haemoglobin")
    person.press(Qt.Key.Key_Return)
    assert "Not quite" in feedback.toPlainText() and names[wrong] in feedback.toPlainText()
    while prompt.text().startswith("Name"):
        assert person.focus() is answer
        person.type(names[current_number()])
        person.press(Qt.Key.Key_Return)
    total = len(names)
    assert prompt.text().startswith(f"Score: {total - 1} of {total}."), prompt.text()
    assert "Saved to your progress" in prompt.text()
    assert "To review" in feedback.toPlainText() and names[wrong] in feedback.toPlainText()
    assert "1 attempt" in score.text()


def test_student_compares_the_drugs_and_reads_every_cell_whole(person):
    from PySide6.QtWidgets import QTableView

    open_mechanism(person)
    person.press("Alt+C")  # the "Drug &comparison" tab
    table = person.find("Drug comparison table", QTableView)
    person.wait_until(table.isVisible, what="the comparison")
    assert not table.horizontalScrollBar().isVisible()  # the columns fit the window
    model = table.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Thalidomide", "Lenalidomide", "Pomalidomide", "Iberdomide", "Mezigdomide"]
    assert model.headerData(0, Qt.Orientation.Vertical) == "Structure"  # drawings first
    for row in range(1, model.rowCount()):  # then every field, each cell in full
        for column in range(model.columnCount()):
            text = model.index(row, column).data()
            assert text and "…" not in text
    # a cell, read in full in the pane below with its sources as links
    person.click(table.viewport(), at=table.visualRect(model.index(1, 1)).center())
    detail = person.find("Cell text and sources", QTextBrowser)
    person.wait_until(lambda: "Lenalidomide · Chemical class" in detail.toPlainText(),
                      what="the cell's text")
    assert "Sources" in detail.toPlainText()
