"""Reading painted slides back: the pixels a test looks at."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage


def inked_edge(image: QImage, panel: QRectF, color: QColor) -> list[tuple[int, int]]:
    """The points (every other pixel) just inside `panel`'s edge not of `color`: where
    something drawn runs into the panel's edge (a cut heading, box or ring would)."""
    box = panel.toAlignedRect().adjusted(1, 1, -2, -2)
    edge = [(x, y) for x in range(box.left(), box.right() + 1, 2)
            for y in (box.top(), box.bottom())]
    edge += [(x, y) for y in range(box.top(), box.bottom() + 1, 2)
             for x in (box.left(), box.right())]
    return [(x, y) for x, y in edge if QColor(image.pixel(x, y)) != color]
