"""Help > Keyboard shortcuts: the shortcut table (desktop/core/shortcuts.py), by area.

The keys column is as wide as its longest entry; the description column takes the rest of the
width and wraps only when the window is narrower than the text. A filter box narrows the list.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.shortcuts import SHORTCUTS, Shortcut


def shortcut_rows(rows: tuple[Shortcut, ...] = SHORTCUTS) -> list[tuple[str, str, str]]:
    """(where, keys, does) for every row of the table, in table order."""
    return [(row.area, row.text, row.does[:1].upper() + row.does[1:]) for row in rows]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = shortcut_rows()
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filter the shortcuts")
        self.filter.setPlaceholderText("Filter: a key or a word (zoom, Ctrl, quiz…)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        table = QTableWidget(len(rows), 3)
        table.setAccessibleName("Shortcut list")
        table.setHorizontalHeaderLabels(["Where", "Keys", "Does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setTabKeyNavigation(False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table
        self._fit()

    def _fit(self) -> None:
        """Wide enough for the keys and most descriptions on one line, within the screen."""
        table = self.table
        table.resizeColumnsToContents()
        metrics = table.fontMetrics()
        does = max((metrics.horizontalAdvance(table.item(r, 2).text())
                    for r in range(table.rowCount())), default=0)
        fixed = table.columnWidth(0) + table.columnWidth(1)
        margins = self.layout().contentsMargins()
        chrome = (margins.left() + margins.right() + 2 * table.frameWidth()
                  + table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))
        want_w = fixed + does + chrome + metrics.horizontalAdvance("M") * 3
        want_h = metrics.height() * 30
        screen = (self.parentWidget().screen() if self.parentWidget() else self.screen())
        available = screen.availableGeometry()
        self.resize(min(want_w, int(available.width() * 0.9)),
                    min(want_h, int(available.height() * 0.85)))

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for r in range(self.table.rowCount()):
            row_text = " ".join(self.table.item(r, c).text() for c in range(3)).casefold()
            self.table.setRowHidden(r, bool(needle) and needle not in row_text)
