"""A student practises on the drug structures: a quiz session from the "Drug structures"
source shows drawings in the question, labelled without giving the answer away."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QScrollArea


def test_student_answers_a_structure_question_with_drawings(person):
    person.press("Ctrl+4")
    person.wait_until(lambda: person.window.current_key == "quiz", what="the quiz")
    for label in ("Question bank", "Generated (timeline, glossary, drugs)"):
        box = person.find(label, QCheckBox)
        if box.isChecked():
            _click_scrolled(person, box)
    structures = person.find("Drug structures", QCheckBox)
    if not structures.isChecked():
        _click_scrolled(person, structures)
    assert structures.isChecked()
    _click_scrolled(person, person.button("Start the session set up above"))
    person.wait_until(lambda: person.window.findChild(object, "quiz_figures") is not None
                      and person.window.findChild(object, "quiz_figures").isVisible(),
                      what="the question's drawings")
    figures = person.window.findChild(object, "quiz_figures")
    labels = [d.accessibleName() for d in figures.drawings]
    assert labels and all(n.startswith("Structure ") or n == "The structure" for n in labels)
    names = {s.name for s in person.window.ctx.content.structures()}
    for drawing in figures.drawings:  # the screen reader never hears the molecule's name
        assert not any(name in drawing.accessibleDescription() for name in names)
        image = drawing.grab().toImage()
        assert image.width() > 50 and image.height() > 50
    person.press("1")  # the first option, or the first pairing of a matching item
    submit = person.button("Submit")
    if submit.isEnabled():  # the set changes daily: a matching item may need more answers
        person.click(submit)
        person.wait_for_text("Next question")


def _click_scrolled(person, widget):
    """Scroll the start page to `widget` first, as a person would."""
    area = widget.parent()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parent()
    if area is not None:
        area.ensureWidgetVisible(widget)
    person.click(widget)
