"""Walk the paths where untrusted text once crashed the app, in a real window, and say which
ones survived. Run only as a subprocess (`test_untrusted_text.py`): text that Qt parses as
rich text here would abort the process (`<img src=/dev/zero>` is read until memory runs out).

    python tests/hostile/crash_probe.py DATA_DIR PACK_DIR CASE...

Prints `survived CASE` after each case and, where the case shows text, `shown CASE: TEXT`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QHelpEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QMessageBox,
    QToolTip,
)


def say(*parts: str) -> None:
    print(*parts, flush=True)


def hover(widget, point: QPoint) -> str:
    """Send the tooltip event a resting mouse sends, and return the tooltip shown."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)
    QApplication.processEvents()
    return QToolTip.text() if QToolTip.isVisible() else ""


def answer_next_message(button_text: str, seen: list[str]) -> None:
    """Click `button_text` in the next message box, once it is shown (records its text)."""

    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box.text())
            for button in box.findChildren(QAbstractButton):
                if button.text().replace("&", "") == button_text:
                    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
                    return
            box.reject()
            return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def case_library_remove(window, ids) -> str:
    view = window.show_view("library")
    window.open_item("import", str(ids["imports"][0]))
    QApplication.processEvents()
    seen: list[str] = []
    answer_next_message("No", seen)
    QTest.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    return seen[0] if seen else "(no message box)"


def case_search_hover(window, ids) -> str:
    field = window.search_field
    field.setFocus()
    QTest.keyClicks(field, "heading")
    popup = window.search_popup
    popup.run_search()
    QApplication.processEvents()
    for _ in range(500):  # the search runs on a worker thread: wait for its results
        if popup.shows_results():
            break
        QTest.qWait(20)
    rows = popup.selectable_rows()
    shown = []
    for row in rows:
        rect = popup.list.visualItemRect(popup.list.item(row))
        shown.append(hover(popup.list.viewport(), rect.center()))
    return " | ".join(shown)


def case_glossary_hover(window, ids) -> str:
    panel = window.glossary
    panel.show()
    if hasattr(panel, "ensure_loaded"):
        panel.ensure_loaded()
    QApplication.processEvents()
    shown = []
    for row in range(panel.list.count()):
        item = panel.list.item(row)
        if "ixazomib" in item.text():
            panel.list.scrollToItem(item)
            rect = panel.list.visualItemRect(item)
            shown.append(hover(panel.list.viewport(), rect.center()))
    return " | ".join(shown) or "(no pack term listed)"


def case_pack_note_hover(window, ids) -> str:
    view = window.show_view("library")
    window.open_item("document", "note-pi-summit-2003")
    QApplication.processEvents()
    index = view.table.currentIndex().siblingAtColumn(0)
    rect = view.table.visualRect(index)
    table_tip = hover(view.table.viewport(), rect.center())
    link_tip = view.reader.link_tooltip("doc:note-pi-summit-2003")
    QToolTip.showText(view.reader.mapToGlobal(QPoint(5, 5)), link_tip, view.reader.viewport())
    QApplication.processEvents()
    return f"{table_tip} | {QToolTip.text()}"


def case_remove_set(window, ids) -> str:
    from desktop.interop.dialogs import QuestionSetsDialog

    dialog = QuestionSetsDialog(window.ctx.user, window)
    dialog.show()
    QApplication.processEvents()
    seen: list[str] = []
    answer_next_message("No", seen)
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    listed = dialog.list.item(0).text()
    dialog.close()
    return f"{listed} | {seen[0] if seen else '(no message box)'}"


CASES = {
    "library_remove": case_library_remove,
    "search_hover": case_search_hover,
    "glossary_hover": case_glossary_hover,
    "pack_note_hover": case_pack_note_hover,
    "remove_set": case_remove_set,
}


def main(argv: list[str]) -> int:
    import json

    data_dir, pack, ids_json, *cases = argv
    ids = json.loads(ids_json)
    from desktop.app import build_context, make_application, settings_for, start_window
    from desktop.core.paths import AtlasPaths

    app = make_application()
    paths = AtlasPaths.create(data_dir, ROOT / "tests" / "fixtures" / "content")
    ctx = build_context(paths, [Path(pack)], settings_for(paths), "light")
    window = start_window(ctx)
    QApplication.processEvents()
    for name in cases:
        shown = CASES[name](window, ids)
        say(f"shown {name}: {shown}".replace("\n", " "))
        say(f"survived {name}")
    window.close()
    ctx.atlas.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
