"""A teacher rehearses the mechanism on one screen (the displays mirrored, so no presenter
view): F5, Mechanism, slides alone; each step shows the diagram with the step's text and no
Markdown; D highlights a drug on the diagram; N shows the speaker notes over the slide; T shows
a countdown the back row can read; Esc ends; F5 again opens with the same choices."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QDialog


def _figure_image(projector) -> QImage:
    painted = projector.slide.layout_slide()
    assert painted is not None and painted.figure_rect is not None, "no diagram on the slide"
    return projector.slide.grab(painted.figure_rect.toAlignedRect()).toImage()


def _drawn_share(image: QImage, background: QColor) -> float:
    """The share of the area that is not the slide's background (the diagram's ink)."""
    drawn = total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            total += 1
            if QColor(image.pixel(x, y)) != background:
                drawn += 1
    return drawn / max(total, 1)


def test_teacher_rehearses_the_mechanism_on_one_screen(person):
    chosen: dict = {}

    def choose(dialog: QDialog) -> None:
        assert dialog.windowTitle() == "Present"
        person.press("Alt+P")
        mode = person.focus()
        assert isinstance(mode, QComboBox) and mode.accessibleName() == "What to present"
        person.type("M")
        assert mode.currentText() == "Mechanism: step by step"
        assert person.sees("The mechanism narration: 12 steps", dialog)
        view = person.find("Presenter view on the other screen (notes, next slide, clock)",
                           QAbstractButton, dialog)
        if view.isChecked():
            person.click(view)  # mirrored displays: the slides run alone
        chosen["screen"] = person.find("Screen for the slides", QComboBox, dialog).currentText()
        person.click("Start presenting")

    person.when_dialog(choose)
    person.press("F5")
    person.check_dialogs()
    window = person.window
    projector = window.presenter
    person.wait_until(lambda: projector is not None and projector.isVisible(),
                      what="the slides shown")
    assert projector.console is None  # no presenter view: the slides alone
    height = projector.screen().geometry().height()
    assert projector.height() == height and "1920" in chosen["screen"]
    person.wait_until(lambda: QApplication.focusWidget() is not None
                      and QApplication.focusWidget().window() is projector,
                      what="the keys with the slides")
    background = QColor(projector.colors.window)

    total = len(projector.session.slides)
    assert total == 12
    before = None
    for index in range(total):
        content = projector.content(index)
        assert content.kind == "step" and projector.session.index == index
        shown = projector.slide.current_document().toPlainText()
        assert content.title in " ".join(shown.split())
        for mark in ("](", "term:", "**", "[["):
            assert mark not in shown, (index, shown)
        # the diagram, fitted to the projector, is drawn beside or under the text
        picture = _figure_image(projector)
        assert _drawn_share(picture, background) > 0.05, index
        assert picture.width() * picture.height() > 0.2 * projector.width() * projector.height()
        # every text the class reads is at least a thirtieth of the screen: the step's and
        # the diagram's (the names of all the step's parts, drawn whole inside the picture)
        painted = projector.slide.painted
        assert min(px for role, px in painted.sizes) >= height / 30 - 0.5, index
        assert any(role == "diagram" for role, _ in painted.sizes), index
        names = {text for role, text, _ in painted.figure_texts if role == "label"}
        parts = projector.painter.mechanism().diagram
        assert names == {parts.node(n).label for n in content.drawing.nodes}, index
        assert all(painted.figure_rect.contains(rect) for _, _, rect in painted.figure_texts)
        if before is not None:
            assert picture != before  # the step's parts are highlighted, the rest dimmed
        before = picture
        person.press("Right" if index % 2 else "Space")
    assert projector.session.index == total - 1  # the last "next" stays on the last step

    # D: the first drug on the diagram, named on the slide; D again for the next
    person.press("Home")
    plain = _figure_image(projector)
    person.press("D")
    first = projector.drug
    assert first
    name = next(d.name for d in window.ctx.content.drugs() if d.id == first)
    assert name in projector.slide.current_document().toPlainText()
    assert _figure_image(projector) != plain
    person.press("D")
    assert projector.drug not in ("", first)

    # N: the speaker notes over the slide, for rehearsing; N again hides them
    person.press("N")
    notes = projector.notes
    assert notes.isVisible() and notes.toPlainText() == projector.content(0).notes
    assert notes.toPlainText().strip() and notes.geometry().bottom() <= projector.height()
    person.press("PgDown")
    assert notes.toPlainText() == projector.content(1).notes
    person.press("N")
    assert not notes.isVisible()

    # T: a countdown the back row reads; T again stops it
    person.press("T")
    badge = projector.countdown
    assert badge.isVisible() and badge.text() == "30"
    assert badge.number_pixels() >= height / 30 and badge.width() >= height / 5
    visible = QRect(badge.mapTo(projector, badge.rect().topLeft()), badge.size())
    assert projector.rect().contains(visible)
    person.press("T")
    assert not badge.isVisible()

    person.press("Escape")
    person.wait_until(lambda: window.presenter is None, what="back from presenting")

    # F5 again: the dialog opens with the last choices
    def remembered(dialog: QDialog) -> None:
        mode = person.find("What to present", QComboBox, dialog)
        assert mode.currentText() == "Mechanism: step by step"
        view = person.find("Presenter view on the other screen (notes, next slide, clock)",
                           QAbstractButton, dialog)
        assert not view.isChecked()
        person.click(person.button("Cancel", dialog))

    person.when_dialog(remembered)
    person.press("F5")
    person.check_dialogs()
    assert window.presenter is None
