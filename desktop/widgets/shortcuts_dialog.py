"""Help > Keyboard shortcuts: every menu shortcut, read from the menus themselves."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

EXTRA = (
    ("Search results", "Up / Down, Enter", "Choose and open a result"),
    ("Timeline", "Left / Right, + / -, 0, Enter", "Previous/next event, zoom, fit, details"),
    ("Quiz", "1-9 or A-E, Space, Enter, B, F", "Choose, toggle, submit, bookmark, flag"),
    ("Presenter", "Right / PageDown / Space, Left / PageUp, B, Esc",
     "Next, previous, blank screen, leave"),
)


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.findChildren(QAction) + menu.actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            keys = [k for k in keys if k]
            if keys and action.text():
                row = (menu.title().replace("&", ""), " or ".join(dict.fromkeys(keys)),
                       action.text().replace("&", "").rstrip("…"))
                if row not in rows:
                    rows.append(row)
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = menu_shortcuts(window) + list(EXTRA)
        table = QTableWidget(len(rows), 3)
        table.setAccessibleName("Shortcut list")
        table.setHorizontalHeaderLabels(["Where", "Keys", "Does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table
        self.resize(640, 480)
