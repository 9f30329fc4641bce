"""A list whose rows a person reorders by dragging them with the mouse.

Qt's own item drag-and-drop goes through the platform's drag machinery, which some platforms
do not offer (Qt's offscreen platform, where tests run, ignores every drag; some Wayland
sessions refuse drags from a modal dialog). Reordering needs none of it: the list follows the
mouse itself. Press a row, move it (a line shows where it will go; the list scrolls when the
pointer nears its top or bottom edge), release to drop it there; Esc cancels. Long entries
wrap (as in `_wrapping_list`), so rows differ in height: the drop place
is found from the rows' own rectangles.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListWidget


class ReorderList(QListWidget):
    """A QListWidget whose rows move by mouse drag (and stay selected where dropped).

    Signals:
        moved(int, int): a row was dragged from the first row number to the second.
    """

    moved = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self._pressed_row = -1
        self._press_pos = QPoint()
        self._drop_gap = -1  # the gap the row would go to (0: above the first row)

    @property
    def dragging(self) -> bool:
        return self._drop_gap >= 0

    def gap_at(self, pos: QPoint) -> int:
        """The gap between rows nearest to `pos` (viewport coordinates): 0 is above the first
        row, count() below the last."""
        for row in range(self.count()):
            rect = self.visualItemRect(self.item(row))
            if pos.y() < rect.center().y():
                return row
        return self.count()

    def mousePressEvent(self, event) -> None:
        self._cancel()
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.itemAt(event.position().toPoint())
            self._pressed_row = self.row(item) if item is not None else -1
            self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        pos = event.position().toPoint()
        held = bool(event.buttons() & Qt.MouseButton.LeftButton)
        if held and self._pressed_row >= 0:
            # The pressed row stays selected (no drag-selecting other rows): past the drag
            # distance the row follows the mouse.
            far = (pos - self._press_pos).manhattanLength() >= QApplication.startDragDistance()
            if self.dragging or far:
                self._scroll_near_edges(pos)
                self._drop_gap = self.gap_at(pos)
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.viewport().update()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.dragging:
            source, gap = self._pressed_row, self._drop_gap
            self._cancel()
            target = gap - 1 if gap > source else gap
            if 0 <= source < self.count() and target != source:
                item = self.takeItem(source)
                self.insertItem(target, item)
                self.setCurrentItem(item)
                self.scrollToItem(item)
                self.moved.emit(source, target)
            event.accept()
            return
        self._pressed_row = -1
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.dragging:
            self._cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self._cancel()
        super().focusOutEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.dragging:
            return
        if self._drop_gap < self.count():
            y = self.visualItemRect(self.item(self._drop_gap)).top()
        elif self.count():
            y = self.visualItemRect(self.item(self.count() - 1)).bottom() + 1
        else:
            y = 0
        painter = QPainter(self.viewport())
        painter.setPen(QPen(QColor(self.palette().highlight().color()), 3))
        width = self.viewport().width()
        y = max(1, min(y, self.viewport().height() - 2))
        painter.drawLine(2, y, width - 3, y)
        painter.end()

    def _scroll_near_edges(self, pos: QPoint) -> None:
        bar = self.verticalScrollBar()
        margin = max(12, self.fontMetrics().height())
        if pos.y() < margin:
            bar.setValue(bar.value() - bar.singleStep() * 2)
        elif pos.y() > self.viewport().height() - margin:
            bar.setValue(bar.value() + bar.singleStep() * 2)

    def _cancel(self) -> None:
        if self.dragging:
            self.viewport().unsetCursor()
            self.viewport().update()
        self._drop_gap = -1
        self._pressed_row = -1
