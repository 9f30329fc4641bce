"""Progress charts (pyqtgraph): accuracy per session, mastery per topic, the review forecast
for the next 14 days and the study streak; export of attempts and "Reset progress".

This module imports pyqtgraph, so it is imported only when the progress page is first shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.progress import Mastery, SessionPoint, Totals
from desktop.widgets.flow_layout import flow_container
from desktop.widgets.fonts import set_relative_font

TOPIC_SHORT = {"history": "History", "mechanism": "Mechanism", "clinical": "Clinical",
               "safety": "Safety", "resistance": "Resistance", "next-generation": "Next-gen"}


@dataclass
class ProgressData:
    sessions: list[SessionPoint] = field(default_factory=list)
    mastery: list[Mastery] = field(default_factory=list)
    forecast: list[tuple[date, int]] = field(default_factory=list)
    days: list[tuple[date, int]] = field(default_factory=list)
    streak: tuple[int, int] = (0, 0)
    totals: Totals | None = None
    today: date | None = None


class ProgressPage(QWidget):
    """Signals:
        back_requested(), export_requested(), reset_requested()
    """

    back_requested = Signal()
    export_requested = Signal()
    reset_requested = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quiz_progress_page")
        self.data = ProgressData()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        top = QHBoxLayout()
        title = QLabel("Progress")
        title.setProperty("role", "heading")
        set_relative_font(title, 1.5, bold=True)
        self.back_button = QPushButton("&Back to the quiz")
        self.back_button.setAccessibleName("Back to the quiz start screen")
        self.back_button.clicked.connect(self.back_requested)
        self.export_button = QPushButton("&Export attempts (CSV)…")
        self.export_button.setAccessibleName("Export every attempt as a CSV file")
        self.export_button.clicked.connect(self.export_requested)
        self.reset_button = QPushButton("Reset &progress…")
        self.reset_button.setAccessibleName("Reset progress (a backup is kept)")
        self.reset_button.clicked.connect(self.reset_requested)
        top.addWidget(title)
        top.addWidget(flow_container([self.export_button, self.reset_button,
                                      self.back_button], align_right=True), 1)
        layout.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Progress summary")
        layout.addWidget(self.summary)

        grid = QGridLayout()
        self.accuracy_plot = self._plot("Accuracy per session (%)",
                                        axis={"bottom": pg.DateAxisItem()})
        self.mastery_plot = self._plot("Mastery per topic (% of the questions tried)")
        self.forecast_plot = self._plot("Reviews due, next 14 days")
        self.streak_plot = self._plot("Answers per day, last 30 days")
        grid.addWidget(self.accuracy_plot, 0, 0)
        grid.addWidget(self.mastery_plot, 0, 1)
        grid.addWidget(self.forecast_plot, 1, 0)
        grid.addWidget(self.streak_plot, 1, 1)
        layout.addLayout(grid, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Progress message")
        layout.addWidget(self.message)
        ctx.theme.theme_changed.connect(lambda _c: self._draw())

    def _plot(self, title: str, axis: dict | None = None) -> pg.PlotWidget:
        plot = pg.PlotWidget(axisItems=axis or {})
        plot.setAccessibleName(title)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setMinimumHeight(160)
        plot.setMinimumWidth(120)
        plot.setProperty("chart_title", title)
        return plot

    def show_progress(self, data: ProgressData) -> None:
        self.data = data
        self._draw()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # -- drawing -------------------------------------------------------------------------------

    def _style(self, plot: pg.PlotWidget) -> None:
        c = self.ctx.theme.colors
        plot.setBackground(c.base)
        plot.clear()
        item = plot.getPlotItem()
        item.setTitle(plot.property("chart_title"), color=c.text)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(c.border))
            axis.setTextPen(pg.mkPen(c.text))
        item.showGrid(x=False, y=True, alpha=0.25)

    def _draw(self) -> None:
        data = self.data
        c = self.ctx.theme.colors
        totals = data.totals
        current, longest = data.streak
        if totals and totals.answers:
            self.summary.setText(
                f"{totals.answers} answers to {totals.questions} questions in "
                f"{totals.sessions} sessions · {totals.correct} right · "
                f"study streak {current} day{'s' if current != 1 else ''} "
                f"(longest {longest}) · {totals.cards} questions in spaced review")
        else:
            self.summary.setText("No answers yet: start a quiz and your progress shows here.")
        accent = pg.mkBrush(c.accent)

        plot = self.accuracy_plot
        self._style(plot)
        if data.sessions:
            xs = [p.timestamp for p in data.sessions]
            ys = [round(p.accuracy * 100, 1) for p in data.sessions]
            plot.plot(xs, ys, pen=pg.mkPen(c.accent, width=2), symbol="o", symbolSize=7,
                      symbolBrush=accent, symbolPen=pg.mkPen(c.accent))
            if len(xs) == 1:
                plot.setXRange(xs[0] - 86400, xs[0] + 86400)
        plot.setYRange(0, 100, padding=0.05)

        plot = self.mastery_plot
        self._style(plot)
        if data.mastery:
            heights = [round(m.mastery * 100, 1) for m in data.mastery]
            plot.addItem(pg.BarGraphItem(x=list(range(len(heights))), height=heights,
                                         width=0.6, brush=accent, pen=pg.mkPen(c.border)))
            plot.getPlotItem().getAxis("bottom").setTicks([[
                (n, TOPIC_SHORT.get(m.topic, m.topic))
                for n, m in enumerate(data.mastery)]])
            plot.setXRange(-0.6, len(heights) - 0.4, padding=0)
        plot.setYRange(0, 100, padding=0.05)

        plot = self.forecast_plot
        self._style(plot)
        if data.forecast:
            counts = [n for _d, n in data.forecast]
            plot.addItem(pg.BarGraphItem(x=list(range(len(counts))), height=counts, width=0.6,
                                         brush=pg.mkBrush(c.good), pen=pg.mkPen(c.border)))
            plot.getPlotItem().getAxis("bottom").setTicks([[
                (n, "today" if n == 0 else d.strftime("%d %b") if n % 2 == 0 else "")
                for n, (d, _c) in enumerate(data.forecast)]])
            plot.setXRange(-0.6, len(counts) - 0.4, padding=0)
            plot.setYRange(0, max(1, max(counts)) * 1.15, padding=0)

        plot = self.streak_plot
        self._style(plot)
        today = data.today or date.today()
        per_day = dict(data.days)
        window = [date.fromordinal(today.toordinal() - n) for n in range(29, -1, -1)]
        counts = [per_day.get(d, 0) for d in window]
        plot.addItem(pg.BarGraphItem(x=list(range(30)), height=counts, width=0.7,
                                     brush=accent, pen=pg.mkPen(c.border)))
        plot.getPlotItem().getAxis("bottom").setTicks([[
            (n, "today" if n == 29 else d.strftime("%d %b"))
            for n, d in enumerate(window) if n % 7 == 1 or n == 29]])
        plot.setXRange(-0.6, 29.6, padding=0)
        plot.setYRange(0, max(1, max(counts)) * 1.15, padding=0)

    def focus_target(self) -> QWidget:
        return self.back_button


__all__ = ["ProgressData", "ProgressPage", "Qt"]
