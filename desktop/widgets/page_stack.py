"""A stack of pages whose size follows the page on show.

Qt's QStackedWidget asks for the largest minimum size of all its pages, so one wide page that is
not even on screen keeps the whole window wider than a laptop screen at large text. This stack
asks only for what the current page needs, and tells its layout again when the page changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def _current_size(self, hint: str) -> QSize:
        page = self.currentWidget()
        if page is None:
            return QSize(0, 0)
        size = getattr(page, hint)()
        if hint == "minimumSizeHint":
            size = size.expandedTo(page.minimumSize())
        margins = self.contentsMargins()
        return size.grownBy(margins) if size.isValid() else size

    def minimumSizeHint(self) -> QSize:
        return self._current_size("minimumSizeHint")

    def sizeHint(self) -> QSize:
        return self._current_size("sizeHint")
