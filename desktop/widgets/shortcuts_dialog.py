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
    ("Library", "Ctrl+L, Down, Delete", "Filter, into the table, remove an import"),
    ("Timeline", "Left / Right, + / -, 0, Enter", "Previous/next event, zoom, fit, details"),
    ("Timeline story", "Right / Left, PageDown / PageUp, Space, Home / End, Esc",
     "Next, previous, first, last, leave"),
    ("Mechanism", "Right / Left, PageDown / PageUp, Space, Tab, Enter",
     "Narration steps, move between parts, open a part's glossary entry"),
    ("Glossary", "F2, Ctrl+Shift+G, Backspace / Shift+Backspace",
     "Show the panel, find a term, back / forward through terms"),
    ("Quiz", "1-9 or A-E, Space, Enter, B, F", "Choose, toggle, submit, bookmark, flag"),
    ("Presenter", "Right / PageDown / Space, Left / PageUp, Home / End, . or B, Esc",
     "Next, previous, first, last, blank screen, leave"),
    ("Presenter", "R, A-E (a number first for a count), T, S, Ctrl+T",
     "Reveal, record votes, countdown, save votes as CSV, theme"),
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
