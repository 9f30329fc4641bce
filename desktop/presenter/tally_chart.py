"""The class tally as a bar chart (pyqtgraph, imported only when a tally is first revealed)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.theme import ThemeColors


class TallyChart(QWidget):
    """Bars per option letter; the right answer's bar in the theme's "good" colour."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Class votes chart")
        self.plot = pg.PlotWidget()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.bars = None
        self.labels: list = []

    def show_tally(self, counts: list[tuple[str, int]], correct: set[str],
                   colors: ThemeColors, label_px: int = 24) -> None:
        """Draw the bars; letters, counts and the axis at `label_px` (class size)."""
        plot = self.plot
        plot.clear()
        plot.setBackground(colors.window)
        xs = list(range(len(counts)))
        heights = [n for _, n in counts]
        brushes = [pg.mkBrush(colors.good if letter in correct else colors.muted)
                   for letter, _ in counts]
        self.bars = pg.BarGraphItem(x=xs, height=heights, width=0.7, brushes=brushes,
                                    pen=pg.mkPen(colors.border))
        plot.addItem(self.bars)
        axis = plot.getAxis("bottom")
        axis.setTicks([[(i, letter) for i, (letter, _) in enumerate(counts)]])
        for name in ("bottom", "left"):
            plot.getAxis(name).setPen(pg.mkPen(colors.text))
            plot.getAxis(name).setTextPen(pg.mkPen(colors.text))
        font = self.font()
        font.setPixelSize(max(12, int(label_px)))
        font.setBold(True)
        self.label_font = font
        axis.setTickFont(font)
        plot.getAxis("left").setTickFont(font)
        plot.getAxis("left").setWidth(int(label_px * 2.2))
        axis.setHeight(int(label_px * 1.8))
        top = max(heights + [1])
        plot.setYRange(0, top * 1.15, padding=0)
        plot.setXRange(-0.6, len(counts) - 0.4, padding=0)
        self.labels = []
        for i, n in enumerate(heights):
            label = pg.TextItem(str(n), color=colors.text, anchor=(0.5, 1.0))
            label.setFont(font)
            label.setPos(i, n)
            plot.addItem(label)
            self.labels.append(label)
