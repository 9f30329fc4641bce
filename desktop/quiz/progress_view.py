"""Progress charts (pyqtgraph): score per session, mastery per topic, the review forecast
for the next 14 days and the study streak; export of attempts and "Reset progress".

The session chart numbers the sessions (1 = the first with an answer) and plots each one's
score exactly as its results page showed it (`desktop.core.quiz.scoring.session_score`); the
latest one is also written out in words above the charts. Tick labels are thinned to the room
they have, so they never overlap at large text, and the charts go into one column when two
would be too narrow. The page scrolls. With nothing to plot yet (a new user) the charts give
way to a short note of what the page will show and a button that starts a first session.

This module imports pyqtgraph, so it is imported only when the progress page is first shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.model import MODES
from desktop.core.quiz.progress import Mastery, SessionPoint, Totals
from desktop.quiz.keys import enter_clicks_buttons
from desktop.quiz.start_page import DEFAULT_COUNT
from desktop.widgets.flow_layout import flow_container
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.scroll_page import scrolling_page

TOPIC_SHORT = {"history": "History", "mechanism": "Mechanism", "clinical": "Clinical",
               "safety": "Safety", "resistance": "Resistance", "next-generation": "Next-gen"}
#: Still shorter, for a narrow chart (the full names are in the chart's description).
TOPIC_SHORTER = {"history": "Hist.", "mechanism": "Mech.", "clinical": "Clin.",
                 "safety": "Saf.", "resistance": "Res.", "next-generation": "Next"}
#: Sessions labelled with their score on the chart when there are at most this many.
LABELLED_SESSIONS = 15
#: Two charts side by side need at least this many "M" widths each.
CHART_MIN_EMS = 30


@dataclass
class ProgressData:
    sessions: list[SessionPoint] = field(default_factory=list)
    mastery: list[Mastery] = field(default_factory=list)
    forecast: list[tuple[date, int]] = field(default_factory=list)
    days: list[tuple[date, int]] = field(default_factory=list)
    streak: tuple[int, int] = (0, 0)
    totals: Totals | None = None
    today: date | None = None


def has_nothing_to_plot(data: ProgressData) -> bool:
    """No answer, no session, no review due: every chart would be empty axes."""
    return not (data.sessions or data.mastery or data.days
                or any(n for _d, n in data.forecast)
                or (data.totals is not None and data.totals.answers))


EMPTY_TEXT = ("Answer a few questions and this page shows how you are doing: your score in "
              "each session, how much of each topic you have mastered, the spaced reviews due "
              "in the next two weeks, and how many answers you gave each day (your study "
              "streak). It is all kept on this computer.")
EMPTY_KEYS = (f"Press Enter to start {DEFAULT_COUNT} mixed questions now (tutor mode: the answer "
              "and its explanation after each question), or go back to the quiz to choose "
              "topics, question types or an exam.")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def latest_session_text(point: SessionPoint | None) -> str:
    """"Latest session (no. 3, exam, 3 Dec): 3 of 5 correct · score 60%"."""
    if point is None:
        return ""
    day = f"{point.day.day} {point.day:%b}" if point.day else ""
    mode = MODES.get(point.mode, point.mode).lower()
    return (f"Latest session (no. {point.number}, {mode}{', ' + day if day else ''}): "
            f"{point.score.text}")


def thinned(ticks: list[tuple[float, str]], pixels_per_unit: float,
            metrics: QFontMetrics, keep: str = "last") -> list[tuple[float, str]]:
    """Every n-th tick label, n as small as lets the labels stand apart at this width,
    counted from the `keep` end ("last": today's bar; "first": "today" leading a forecast)."""
    if not ticks or pixels_per_unit <= 0:
        return ticks
    widest = max(metrics.horizontalAdvance(text) for _x, text in ticks) + \
        metrics.averageCharWidth() * 2
    spacing = min((b[0] - a[0] for a, b in zip(ticks, ticks[1:], strict=False)), default=1.0)
    step = max(1, math.ceil(widest / max(spacing * pixels_per_unit, 1e-6)))
    last = len(ticks) - 1
    return [tick for n, tick in enumerate(ticks)
            if (last - n if keep == "last" else n) % step == 0]


def count_step(largest: int) -> int:
    """A whole-number tick step for a count axis (no "2.5 reviews")."""
    return max(1, math.ceil(max(largest, 1) / 5))


class _Chart(pg.PlotWidget):
    """A chart whose preferred height is its minimum (about twelve lines of text): the
    page lays the charts out at that height at least, growing them when there is room, and
    scrolls when there is not (pyqtgraph's own 600x480 hint would make it always scroll)."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class ProgressPage(QWidget):
    """Signals:
        back_requested(), export_requested(), reset_requested(), start_requested()
    """

    back_requested = Signal()
    export_requested = Signal()
    reset_requested = Signal()
    #: The empty page's "Start 10 mixed questions".
    start_requested = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quiz_progress_page")
        self.data = ProgressData()
        self._ticks: dict[str, list[tuple[float, str]]] = {}
        layout = scrolling_page(self, (20, 14), 8)
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
        self.latest = QLabel()
        self.latest.setWordWrap(True)
        self.latest.setAccessibleName("Latest session")
        set_relative_font(self.latest, 1.0, bold=True)
        layout.addWidget(self.latest)
        layout.addWidget(self._empty_state())

        self.grid = QGridLayout()
        self.accuracy_plot = self._plot("Score per session (%), by session number")
        self.mastery_plot = self._plot("Mastery per topic (% of the questions tried)")
        self.forecast_plot = self._plot("Reviews due, next 14 days")
        self.streak_plot = self._plot("Answers per day, last 30 days")
        self.plots = [self.accuracy_plot, self.mastery_plot, self.forecast_plot,
                      self.streak_plot]
        self._columns = 0
        self._place_charts(2)
        layout.addLayout(self.grid, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Progress message")
        layout.addWidget(self.message)
        ctx.theme.theme_changed.connect(lambda _c: self._draw())
        ctx.theme.font_scale_changed.connect(lambda _s: self._draw())
        enter_clicks_buttons(self)

    def _empty_state(self) -> QWidget:
        """What a new user sees instead of empty chart axes."""
        self.empty = QWidget()
        self.empty.setObjectName("quiz_progress_empty")
        box = QVBoxLayout(self.empty)
        box.setContentsMargins(0, 12, 0, 0)
        heading = QLabel("No answers yet")
        heading.setAccessibleName("No answers yet")
        set_relative_font(heading, 1.2, bold=True)
        text = QLabel(EMPTY_TEXT)
        text.setWordWrap(True)
        text.setAccessibleName("What this page shows")
        self.start_button = QPushButton(f"&Start {DEFAULT_COUNT} mixed questions")
        self.start_button.setAccessibleName(f"Start {DEFAULT_COUNT} mixed questions")
        self.start_button.clicked.connect(self.start_requested)
        keys = QLabel(EMPTY_KEYS)
        keys.setWordWrap(True)
        keys.setProperty("role", "muted")
        box.addWidget(heading)
        box.addWidget(text)
        box.addSpacing(6)
        box.addWidget(flow_container([self.start_button]))
        box.addWidget(keys)
        box.addStretch(1)
        # The room the charts would fill goes below the note, not between its lines.
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.empty.hide()
        return self.empty

    def _plot(self, title: str) -> pg.PlotWidget:
        plot = _Chart()
        plot.setAccessibleName(title)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setProperty("chart_title", title)
        plot.installEventFilter(self)  # labels refitted whenever the chart changes size
        # At least its minimum height (`_place_charts`), more when there is room.
        plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return plot

    def _place_charts(self, columns: int) -> None:
        """Two charts a row, or one when two would be too narrow (large text, small
        window); each chart at least about twelve lines of text tall."""
        if columns == self._columns:
            return
        self._columns = columns
        for plot in self.plots:
            self.grid.removeWidget(plot)
        for n, plot in enumerate(self.plots):
            self.grid.addWidget(plot, n // columns, n % columns)
        self._fit_chart_heights()

    def _fit_chart_heights(self) -> None:
        """Each chart at least about twelve lines of the current text tall."""
        line = QFontMetrics(self.font()).height()
        for plot in self.plots:
            if plot.minimumHeight() != line * 12:
                plot.setMinimumHeight(line * 12)
                plot.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        em = QFontMetrics(self.font()).horizontalAdvance("M")
        self._place_charts(2 if self.width() >= 2 * CHART_MIN_EMS * em + 60 else 1)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and obj in self.plots:
            self._fit_plot_ticks(obj)
        return super().eventFilter(obj, event)

    def show_progress(self, data: ProgressData) -> None:
        self.data = data
        self._draw()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # -- drawing -------------------------------------------------------------------------------

    def _style(self, plot: pg.PlotWidget) -> None:
        c = self.ctx.theme.colors
        font = QFont(self.font())
        plot.setBackground(c.base)
        plot.clear()
        item = plot.getPlotItem()
        item.setTitle(plot.property("chart_title"), color=c.text,
                      size=f"{max(font.pointSizeF(), 6):.1f}pt")
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(c.border))
            axis.setTextPen(pg.mkPen(c.text))
            axis.setStyle(tickFont=font)
            axis.setTickSpacing()  # automatic unless a chart sets its own
        metrics = QFontMetrics(font)
        bottom = item.getAxis("bottom")
        # Room at the right for the last label ("today") to be drawn whole.
        bottom.setStyle(hideOverlappingLabels=metrics.horizontalAdvance("today") // 2 + 4)
        # The axis as tall as its labels at this text size now: pyqtgraph only grows it after
        # a paint that found them too tall, and leaves out every label that does not fit.
        bottom.setHeight(metrics.height() + bottom.style["tickTextOffset"][1]
                         + max(0, bottom.style["tickLength"]) + 2)
        item.layout.setContentsMargins(4, 4, metrics.horizontalAdvance("today") // 2 + 8, 4)
        item.showGrid(x=False, y=True, alpha=0.25)

    def _set_ticks(self, plot: pg.PlotWidget, key: str, ticks: list[tuple[float, str]],
                   keep: str = "last", shorter: list[tuple[float, str]] | None = None) -> None:
        """Tick labels for `plot`'s bottom axis, fitted to its width now and whenever it
        is resized (`shorter` labels are tried before any label is left out)."""
        self._ticks[key] = ticks
        if shorter:
            self._ticks[key + ":short"] = shorter
        plot.setProperty("ticks_key", key)
        plot.setProperty("ticks_keep", keep)
        self._fit_plot_ticks(plot)

    def _fit_plot_ticks(self, plot: pg.PlotWidget) -> None:
        ticks = self._ticks.get(plot.property("ticks_key") or "")
        if ticks is None:
            return
        view = plot.getViewBox()
        (x0, x1), _y = view.viewRange()
        # The plot area: the chart less its left axis and margins (the view box itself is
        # resized a moment after the chart, so its width may still be the old one).
        item = plot.getPlotItem()
        left, _top, right, _bottom = item.layout.getContentsMargins()
        width = plot.width() - item.getAxis("left").width() - left - right - 8
        per_unit = width / (x1 - x0) if x1 > x0 else 0
        metrics = QFontMetrics(self.font())
        keep = plot.property("ticks_keep") or "last"
        kept = thinned(ticks, per_unit, metrics, keep)
        shorter = self._ticks.get(f"{plot.property('ticks_key')}:short")
        if len(kept) < len(ticks) and shorter:
            kept = thinned(shorter, per_unit, metrics, keep)
        plot.getPlotItem().getAxis("bottom").setTicks([kept])

    def _draw(self) -> None:
        self._fit_chart_heights()  # the text size may have changed
        data = self.data
        c = self.ctx.theme.colors
        totals = data.totals
        current, longest = data.streak
        empty = has_nothing_to_plot(data)
        self.empty.setVisible(empty)
        self.summary.setVisible(not empty)
        for plot in self.plots:
            plot.setVisible(not empty)
        self.export_button.setEnabled(bool(totals and totals.answers))
        self.export_button.setToolTip("" if self.export_button.isEnabled()
                                      else "No answers to export yet")
        if totals and totals.answers:
            self.summary.setText(
                f"{_plural(totals.answers, 'answer')} to {_plural(totals.questions, 'question')}"
                f" in {_plural(totals.sessions, 'session')} · {totals.correct} right · "
                f"study streak {_plural(current, 'day')} (longest {longest}) · "
                f"{_plural(totals.cards, 'question')} in spaced review")
        else:
            self.summary.setText("No answers yet: start a quiz and your progress shows here.")
        latest = data.sessions[-1] if data.sessions else None
        self.latest.setText(latest_session_text(latest))
        self.latest.setVisible(latest is not None)
        accent = pg.mkBrush(c.accent)

        plot = self.accuracy_plot
        self._style(plot)
        if data.sessions:
            xs = [p.number for p in data.sessions]
            ys = [p.percent for p in data.sessions]
            plot.plot(xs, ys, pen=pg.mkPen(c.accent, width=2), symbol="o", symbolSize=8,
                      symbolBrush=accent, symbolPen=pg.mkPen(c.text))
            if len(xs) <= LABELLED_SESSIONS:
                for x, y in zip(xs, ys, strict=True):
                    label = pg.TextItem(f"{y}%", color=c.text, anchor=(0.5, 1.15))
                    label.setFont(QFont(self.font()))
                    label.setPos(x, y)
                    plot.addItem(label)
            plot.setXRange(0.5, len(xs) + 0.5, padding=0)
            self._set_ticks(plot, "sessions", [(x, str(x)) for x in xs])
        plot.setYRange(0, 115, padding=0)
        plot.getPlotItem().getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
        plot.setAccessibleDescription("; ".join(
            f"session {p.number} ({p.mode}, {p.started_at[:10]}): {p.percent}%"
            for p in data.sessions) or "No sessions yet")

        plot = self.mastery_plot
        self._style(plot)
        if data.mastery:
            heights = [round(m.mastery * 100, 1) for m in data.mastery]
            plot.addItem(pg.BarGraphItem(x=list(range(len(heights))), height=heights,
                                         width=0.6, brush=accent, pen=pg.mkPen(c.border)))
            plot.setXRange(-0.6, len(heights) - 0.4, padding=0)
            self._set_ticks(plot, "topics", [(n, TOPIC_SHORT.get(m.topic, m.topic))
                                             for n, m in enumerate(data.mastery)],
                            shorter=[(n, TOPIC_SHORTER.get(m.topic, m.topic[:4]))
                                     for n, m in enumerate(data.mastery)])
        plot.setYRange(0, 100, padding=0.05)
        plot.setAccessibleDescription("; ".join(
            f"{TOPIC_SHORT.get(m.topic, m.topic)}: {round(m.mastery * 100)}% of "
            f"{_plural(m.questions, 'question')}" for m in data.mastery) or "Nothing tried yet")

        plot = self.forecast_plot
        self._style(plot)
        if data.forecast:
            counts = [n for _d, n in data.forecast]
            plot.addItem(pg.BarGraphItem(x=list(range(len(counts))), height=counts, width=0.6,
                                         brush=pg.mkBrush(c.good), pen=pg.mkPen(c.border)))
            plot.setXRange(-0.7, len(counts) - 0.3, padding=0)
            self._set_ticks(plot, "forecast", [
                (n, "today" if n == 0 else d.strftime("%d %b"))
                for n, (d, _c) in enumerate(data.forecast)], keep="first")
            plot.setYRange(0, max(1, max(counts)) * 1.15, padding=0)
            plot.getPlotItem().getAxis("left").setTickSpacing(count_step(max(counts)), 1)

        plot = self.streak_plot
        self._style(plot)
        today = data.today or date.today()
        per_day = dict(data.days)
        window = [date.fromordinal(today.toordinal() - n) for n in range(29, -1, -1)]
        counts = [per_day.get(d, 0) for d in window]
        plot.addItem(pg.BarGraphItem(x=list(range(30)), height=counts, width=0.7,
                                     brush=accent, pen=pg.mkPen(c.border)))
        # A whole bar's width of room on each side: the last (today's) bar is never cut.
        plot.setXRange(-1.0, 30.0, padding=0)
        self._set_ticks(plot, "days", [
            (n, "today" if n == 29 else d.strftime("%d %b")) for n, d in enumerate(window)])
        plot.setYRange(0, max(1, max(counts)) * 1.15, padding=0)
        plot.getPlotItem().getAxis("left").setTickSpacing(count_step(max(counts)), 1)
        plot.setAccessibleDescription(f"Today: {_plural(counts[-1], 'answer')}")

    def focus_target(self) -> QWidget:
        return self.start_button if not self.empty.isHidden() else self.back_button


__all__ = ["ProgressData", "ProgressPage", "Qt", "latest_session_text", "thinned"]
