"""A page that scrolls when the window is small or the text is large."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class _Page(QWidget):
    """The scrolled page. Its preferred width is its minimum: a scroll area makes a page
    whose rows wrap (word-wrapped labels, flow layouts) as wide as its one-line size hint,
    which pushes text off the right edge behind a horizontal scroll bar; this way the rows
    wrap to the width there is and only the height scrolls."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.minimumSizeHint().width(), hint.height())



class PageScrollArea(QScrollArea):
    """A frameless scroll area that draws a focus frame in the theme's highlight colour
    while it has the keyboard focus (it takes focus so that the arrow keys and Page Up/Down
    scroll the page). A thin margin is kept for the frame, so the page never shifts."""

    FRAME = 3

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewportMargins(self.FRAME, self.FRAME, self.FRAME, self.FRAME)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def event(self, event) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and self.hasFocus():
            palette = self.palette()
            # Thicker on the black projector theme, as the theme's other focus frames.
            width = 3 if palette.window().color().lightness() == 0 else 2
            painter = QPainter(self)
            pen = QPen(palette.highlight().color(), width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawRect(QRectF(self.rect()).adjusted(width / 2, width / 2,
                                                          -width / 2, -width / 2))
            painter.end()
        return handled


def scrolling_page(owner: QWidget, margins: tuple[int, int], spacing: int) -> QVBoxLayout:
    """Fill `owner` with a frameless scroll area; return the layout of the page inside it."""
    scroll = PageScrollArea(owner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setObjectName("page_scroll")
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    page = _Page()
    scroll.setWidget(page)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(margins[0], margins[1], margins[0], margins[1])
    layout.setSpacing(spacing)
    return layout
