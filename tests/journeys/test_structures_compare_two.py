"""A student compares two drug structures: View > Compare structures…, picks the drugs with the
keyboard, reads what differs, overlays the two (Alt+O), and a screen reader hears what each
drawing shows."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDialog

from desktop.core.chemistry import drawings


def open_compare_dialog(person) -> QDialog:
    """View > Compare structures…; the dialog once it shows its summary."""
    person.menu("View", "Compare structures")

    def shown():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)
                     and w.isVisible() and w.windowTitle() == "Compare two structures"), None)

    person.wait_until(shown, what="the compare dialog")
    dialog = shown()
    dialog.activateWindow()
    person.wait_until(lambda: person.sees("share", root=dialog), what="a summary")
    return dialog


def test_student_compares_thalidomide_with_pomalidomide(person):
    dialog = open_compare_dialog(person)
    second = person.find("Second structure", QComboBox, root=dialog)
    person.click(second)  # opens the list of structures
    view = second.view()
    person.wait_until(view.isVisible, what="the list of structures")
    for _ in range(second.count()):  # arrow down the open list to Pomalidomide, then Enter
        if view.currentIndex().data() == "Pomalidomide":
            break
        QTest.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Down)
    QTest.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Return)
    person.wait_until(lambda: second.currentText() == "Pomalidomide", what="Pomalidomide chosen")
    person.wait_for_text("Only in Pomalidomide (marked): 1 atom (1 N)")
    assert person.sees("Thalidomide has nothing the other lacks")
    drawings = [w for w in person.widgets(root=dialog)
                if w.accessibleName().startswith("Structure of ")]
    names = {w.accessibleName() for w in drawings}
    assert {"Structure of Thalidomide", "Structure of Pomalidomide"} <= names
    assert all("glutarimide ring" in w.accessibleDescription() for w in drawings)
    person.click(person.button("Close", root=dialog))
    person.wait_until(lambda: not dialog.isVisible(), what="the dialog closed")


def test_student_overlays_thalidomide_and_lenalidomide(person):
    dialog = open_compare_dialog(person)
    side_by_side = [w for w in person.widgets(root=dialog)
                    if w.accessibleName().startswith("Structure of ")]
    overlay_box = person.find("Overlay the two structures", QCheckBox, root=dialog)
    assert person.visible(overlay_box) and not overlay_box.isChecked()
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_O,
                   Qt.KeyboardModifier.AltModifier)  # the "Overlay" mnemonic
    person.wait_until(overlay_box.isChecked, what="overlay switched on")
    overlay = person.find("Overlay of Thalidomide and Lenalidomide", root=dialog)
    person.wait_until(lambda: person.visible(overlay), what="the overlaid drawing")
    assert not any(w.isVisible() for w in side_by_side)
    assert person.sees("Solid: Thalidomide, its own atoms ringed in red.", root=dialog)
    assert "share 18 heavy atoms" in overlay.accessibleDescription()
    # The two chiral carbons are painted on one point: the rings lie on one another.
    points = []
    for renderer, target, anchor in zip(overlay.renderers, overlay.targets(),
                                        overlay.anchors):
        box = renderer.viewBoxF()
        scale = target.width() / box.width()
        points.append((target.x() + (anchor[0] - box.x()) * scale,
                       target.y() + (anchor[1] - box.y()) * scale))
    assert abs(points[0][0] - points[1][0]) < 0.5 and abs(points[0][1] - points[1][1]) < 0.5
    # On screen: thalidomide's own oxygen ringed in red, lenalidomide's amino in blue (the
    # pixels on a circle round each marked atom, where the ring is drawn).
    image = overlay.grab().toImage()
    ratio = image.width() / overlay.width()
    for n, (structure_id, hue) in enumerate((("thalidomide", "red"), ("lenalidomide", "blue"))):
        data = drawings.layout(structure_id)
        (atom,) = drawings.difference("thalidomide", "lenalidomide")["ab"[n]]
        box = overlay.renderers[n].viewBoxF()
        target = overlay.targets()[n]
        scale = target.width() / box.width()
        cx = target.x() + (data["atoms"][atom][0] - box.x()) * scale
        cy = target.y() + (data["atoms"][atom][1] - box.y()) * scale
        ringed = 0
        for k in range(24):
            angle = 2 * math.pi * k / 24
            c = image.pixelColor(round((cx + 11 * scale * math.cos(angle)) * ratio),
                                 round((cy + 11 * scale * math.sin(angle)) * ratio))
            ringed += (c.red() > c.blue() + 60 if hue == "red" else c.blue() > c.red() + 50)
        assert ringed >= 16, (structure_id, ringed)
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_O,
                   Qt.KeyboardModifier.AltModifier)
    person.wait_until(lambda: all(w.isVisible() for w in side_by_side), what="side by side")
    assert not overlay.isVisible()
    person.click(person.button("Close", root=dialog))
    person.wait_until(lambda: not dialog.isVisible(), what="the dialog closed")


def test_the_compare_dialog_grows_with_the_text_and_stays_on_screen(person):
    dialog = open_compare_dialog(person)
    before = dialog.size()
    person.window.activateWindow()  # back to the main window (the dialog stays open)
    person.wait_until(lambda: QApplication.activeWindow() is person.window, what="main window")
    person.press("Ctrl+=")  # larger text (View > Larger text)
    person.press("Ctrl+=")
    person.wait_until(lambda: dialog.height() > before.height(), what="the dialog grown")
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry()) or area.contains(dialog.geometry())
    assert person.visible(person.button("Close", root=dialog))
    person.press("Ctrl+0")
