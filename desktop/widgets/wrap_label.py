"""A word-wrapping label that is never squeezed below the height its text needs.

A QLabel with word wrap reports one line as its minimum height, so a crowded column of labels
(a story card at 200% text on a small screen) cuts the text off at the bottom. This label asks
for the height of its text at its current width, and tells its layout again when the width
changes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel


class WrapLabel(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._height = -1
        self._asked: dict[int, int] = {}

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.width() > 0 and self.text():
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        self._height = hint.height()
        return hint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        height = self.heightForWidth(self.width()) if self.text() else -1
        if self._height >= 0 and height >= 0 and height != self._height and \
                self._asked.get(self.width()) != height:
            # Each width asks once per height: a scroll bar that comes and goes with the
            # height cannot make the layout go round in circles.
            if len(self._asked) > 64:
                self._asked.clear()
            self._asked[self.width()] = height
            self.updateGeometry()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()
