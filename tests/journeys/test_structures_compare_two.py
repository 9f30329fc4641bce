"""A student compares two drug structures: View > Compare structures…, picks the drugs with the
keyboard, reads what differs, and a screen reader hears what each drawing shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog


def test_student_compares_thalidomide_with_pomalidomide(person):
    person.menu("View", "Compare structures")
    person.wait_until(lambda: any(isinstance(w, QDialog) and w.isVisible()
                                  and w.windowTitle() == "Compare two structures"
                                  for w in QApplication.topLevelWidgets()),
                      what="the compare dialog")
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, QDialog) and w.windowTitle() == "Compare two structures")
    dialog.activateWindow()
    person.wait_until(lambda: person.sees("share", root=dialog), what="a summary")
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
