"""A page that scrolls when the window is small or the text is large."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class _Page(QWidget):
    """The scrolled page. Its preferred width is its minimum: a scroll area makes a page
    whose rows wrap (word-wrapped labels, flow layouts) as wide as its one-line size hint,
    which pushes text off the right edge behind a horizontal scroll bar; this way the rows
    wrap to the width there is and only the height scrolls."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.minimumSizeHint().width(), hint.height())


def scrolling_page(owner: QWidget, margins: tuple[int, int], spacing: int) -> QVBoxLayout:
    """Fill `owner` with a frameless scroll area; return the layout of the page inside it."""
    scroll = QScrollArea(owner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    page = _Page()
    scroll.setWidget(page)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(margins[0], margins[1], margins[0], margins[1])
    layout.setSpacing(spacing)
    return layout
