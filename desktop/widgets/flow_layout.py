"""A layout that lines widgets up left to right and wraps them onto new lines when narrow,
so rows of buttons never force the window wider (after Qt's Flow Layout example).

A widget added with `stretch` (a search field) takes the width left on its line; it moves to a
new line when less than its `minimumWidth()` (or its minimum size hint) would be left."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QSizePolicy, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent=None, spacing: int = 6, align_right: bool = False):
        super().__init__(parent)
        self._items: list = []
        self._stretch: dict[int, int] = {}
        self._height = -1
        self._asked: dict[int, int] = {}
        self._spacing = spacing
        self._align_right = align_right
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def addWidget(self, widget, stretch: int = 0) -> None:
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        if stretch:
            self._stretch[id(item)] = stretch
        self.addItem(item)

    def _width(self, item) -> int:
        """The width an item claims on a line: its size hint, or for a stretching item the
        least it may have."""
        if id(item) in self._stretch:
            widget = item.widget()
            least = widget.minimumWidth() if widget is not None else 0
            return max(least, item.minimumSize().width())
        return item.sizeHint().width()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._stretch.pop(id(item), None)
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        height = self._arrange(rect, apply=True)
        if self._height >= 0 and height != self._height and \
                self._asked.get(rect.width()) != height:
            # At this width the lines need another height than the minimum asked for: the
            # layouts above must make room (see minimumSize). Each width asks once per
            # height, so a scroll bar that comes and goes with the height cannot make the
            # layout go round in circles.
            if len(self._asked) > 64:
                self._asked.clear()
            self._asked[rect.width()] = height
            self.invalidate()

    def sizeHint(self) -> QSize:
        visible = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in visible) + self._spacing * max(
            0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                least = QSize(self._width(item), item.minimumSize().height()) \
                    if id(item) in self._stretch else item.minimumSize()
                size = size.expandedTo(least)
        # At the width it has, the wrapped lines need this height: ask for it, so the rows
        # below are not squeezed when the row wraps (large text, narrow window).
        width = self.geometry().width()
        if width > 0:
            size.setHeight(max(size.height(), self._arrange(QRect(0, 0, width, 0), False)))
        self._height = size.height()
        margins = self.contentsMargins()
        return size.grownBy(margins)

    def _arrange(self, rect: QRect, apply: bool) -> int:
        lines: list[list] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            width = self._width(item)
            if lines[-1] and used + self._spacing + width > rect.width():
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + width
            lines[-1].append(item)
        y = rect.y()
        for line in lines:
            if not line:
                continue
            widths = [min(self._width(i), rect.width()) for i in line]
            spare = rect.width() - sum(widths) - self._spacing * (len(line) - 1)
            stretches = [self._stretch.get(id(i), 0) for i in line]
            if spare > 0 and any(stretches):
                total_stretch = sum(stretches)
                widths = [w + spare * s // total_stretch for w, s in zip(widths, stretches,
                                                                          strict=True)]
                spare = 0
            # A wrapping label given less than its preferred width grows taller.
            heights = [i.heightForWidth(w) if i.hasHeightForWidth() else i.sizeHint().height()
                       for i, w in zip(line, widths, strict=True)]
            height = max(heights)
            x = rect.x() + (max(0, spare) if self._align_right else 0)
            for item, width, item_height in zip(line, widths, heights, strict=True):
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - item_height) // 2),
                                           QSize(width, item_height)))
                x += width + self._spacing
            y += height + self._spacing
        return y - rect.y() - self._spacing if y > rect.y() else 0


def flow_container(widgets, align_right: bool = False):
    """A widget holding `widgets` in a FlowLayout (height follows the wrapping)."""
    from PySide6.QtWidgets import QWidget

    holder = QWidget()
    layout = FlowLayout(holder, align_right=align_right)
    for widget in widgets:
        layout.addWidget(widget)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder
