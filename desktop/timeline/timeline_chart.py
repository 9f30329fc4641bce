"""The interactive timeline chart: a pyqtgraph plot of lanes, eras, events and headlines.

The chart only shows state and reports what the user does; the timeline view decides what
is selected and filtered. Where things go is computed by `desktop.core.timeline.layout`.

Mouse: wheel zooms the years, drag pans, click selects (again to cycle through a cluster),
double-click zooms to the era under the pointer; hover shows date and headline.
Keyboard: Left/Right previous/next event, +/- zoom, 0 fit all, Home/End first/last event,
Enter opens the details.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent
from PySide6.QtWidgets import QToolTip

from desktop.core.timeline.data import FilterResult, TimelineData, date_label
from desktop.core.timeline.layout import (
    LabelPlanner,
    LayoutMetrics,
    TimelineLayout,
    compute_layout,
    fit_words,
    priority_order,
    quantize_zoom,
)
from desktop.theme import ThemeColors
from desktop.timeline.timeline_items import (
    BackgroundItem,
    LabelsItem,
    MarkerLayer,
    PeriodBarsItem,
    SelectionItem,
    YearAxisItem,
    era_small_font,
    qcolor,
)

LANE_SHORT = {"history": "History", "regulation": "Regulation", "mechanism": "Mechanism",
              "clinical": "Clinical", "development": "Development"}
#: The deepest zoom shows this many years across the chart.
MIN_SPAN_YEARS = 0.25
MARGIN_YEARS = 2.0


class TimelineChart(pg.PlotWidget):
    """The chart widget.

    Signals:
        event_clicked(str): the user clicked an event (marker, bar or headline).
        step_requested(int): Left/Right (-1/+1) or Home/End (-2/+2) was pressed.
        activate_requested(): Enter was pressed (open the details).
        layout_changed(): lanes, rows or label sizes were recomputed.
    """

    event_clicked = Signal(str)
    step_requested = Signal(int)
    activate_requested = Signal()
    layout_changed = Signal()

    def __init__(self, parent=None):
        self.year_axis = YearAxisItem("bottom")
        super().__init__(parent, axisItems={"bottom": self.year_axis})
        self.setObjectName("timeline_chart")
        self.setAccessibleName("Timeline chart")
        self.setAccessibleDescription(
            "Left and Right: previous and next event. Plus and minus: zoom. 0: fit all. "
            "Enter: details. The table below lists the same events.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.plot_item = self.getPlotItem()
        self.view_box = self.plot_item.getViewBox()
        self.plot_item.hideButtons()
        self.plot_item.setMenuEnabled(False)
        self.view_box.setMenuEnabled(False)
        self.view_box.setMouseEnabled(x=True, y=False)
        self.view_box.invertY(True)
        self.view_box.enableAutoRange(enable=False)
        self.plot_item.showAxis("top", False)
        self.plot_item.setContentsMargins(2, 4, 12, 2)

        self.background_item = BackgroundItem()
        self.background_item.setZValue(-10)
        self.bars_item = PeriodBarsItem()
        self.markers = MarkerLayer(self.plot_item)
        self.selection_item = SelectionItem()
        self.labels_item = LabelsItem()
        for item in (self.background_item, self.bars_item, self.selection_item,
                     self.labels_item):
            self.plot_item.addItem(item)
        self.labels_item.sigClicked.connect(self.event_clicked)
        self.labels_item.sigDoubleClicked.connect(self._double_clicked)

        self.data: TimelineData | None = None
        self.layout: TimelineLayout | None = None
        self.colors: ThemeColors | None = None
        self.result: FilterResult | None = None
        self.selected: str | None = None
        self.texts: LabelTexts | None = None
        self.planner: LabelPlanner | None = None
        self.order: list[str] = []
        self._placement_key: tuple | None = None
        self._known_line = None
        self._known_by: int | None = None
        self._fitted = False
        self._hover_ids: list[str] = []
        self.view_box.sigXRangeChanged.connect(self._range_changed)
        self.view_box.sigResized.connect(self._resized)
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(40)
        self._hover_timer.timeout.connect(self._show_hover)
        self._hover_pos = None

    # -- content -----------------------------------------------------------------------------

    def set_content(self, data: TimelineData, result: FilterResult, colors: ThemeColors) -> None:
        """Show `data` filtered by `result` in `colors` (builds the layout)."""
        self.data, self.result, self.colors = data, result, colors
        self.order = priority_order(data)
        self._measure()
        self.layout = None
        if self.isVisible():
            self.relayout()  # otherwise on the first show, when the size is known

    def set_result(self, result: FilterResult) -> None:
        """Apply a new filter result (which events are shown, which are dimmed)."""
        self.result = result
        if self.selected is not None and self.selected not in result:
            self.selected = None
            self.selection_item.set_selected(None)
        self._refresh_marks()
        self._update_labels(force=True)

    def set_known_by(self, year: int | None) -> None:
        """Draw (or remove) the line after which events are faded."""
        if self._known_line is not None:
            self.plot_item.removeItem(self._known_line)
            self._known_line = None
        self._known_by = year
        if year is None or self.colors is None:
            return
        pen = pg.mkPen(qcolor(self.colors.warn), width=2, style=Qt.PenStyle.DashLine)
        line = pg.InfiniteLine(pos=year + 1, angle=90, movable=False, pen=pen,
                               label=f"known by {year}",
                               labelOpts={"position": 0.98, "color": qcolor(self.colors.warn),
                                          "anchors": [(1, 1), (1, 1)]})
        line.setZValue(4)
        line.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.plot_item.addItem(line)
        self._known_line = line

    def set_colors(self, colors: ThemeColors) -> None:
        self.colors = colors
        self.set_known_by(self._known_by)
        self._apply_colors()
        if self.layout is not None:
            self._build_items()

    def set_selected(self, event_id: str | None, ensure_visible: bool = True) -> None:
        self.selected = event_id
        self.selection_item.set_selected(event_id)
        self.labels_item.set_state(self.visible_ids(), self.dimmed_ids(), event_id)
        if event_id and ensure_visible:
            self.ensure_visible(event_id)
        self._update_labels(force=True)
        if event_id and self.data and self.data.event(event_id):
            event = self.data.event(event_id)
            self.setAccessibleDescription(f"Selected: {date_label(event)}, {event.headline}")

    def fonts_changed(self) -> None:
        """Call after the application font changed (Ctrl+= / Ctrl+-)."""
        if self.data is not None:
            self._measure()
            if self.layout is not None:
                self.relayout()

    # -- layout ------------------------------------------------------------------------------

    def metrics(self) -> LayoutMetrics:
        fm = QFontMetricsF(self.font())
        line = math.ceil(fm.height() + 4)
        marker = min(16.0, max(10.0, round(fm.height() * 0.6)))
        # room for an era name on one line, or on two in the smaller type
        small = QFontMetricsF(era_small_font(self.font()))
        strip = math.ceil(max(fm.height() * 1.5, 2 * small.height() + 4))
        lanes = len(self.data.lanes) if self.data else 5
        height = self.view_box.height()
        lane_px = (height - strip) / lanes if height > strip + lanes * 20 else 110.0
        # twins (same date and lane) get rows of their own, unless the lanes are short
        point_rows = 3 if lane_px >= 3 * (marker + 2) + 2 * line else 2
        return LayoutMetrics(lane_px=lane_px, line_px=line, marker_px=marker,
                             bar_px=max(6.0, round(marker * 0.6)), era_strip_px=strip,
                             max_point_rows=point_rows,
                             label_gap_px=max(8.0, fm.averageCharWidth() * 1.2),
                             max_zoom_ppy=self.view_box.width() / MIN_SPAN_YEARS
                             if self.view_box.width() > 100 else 5000.0)

    def _measure(self) -> None:
        """Fonts for labels and axes; headlines are measured lazily (`LabelTexts`)."""
        font = self.font()
        fm = QFontMetricsF(font)
        self.texts = LabelTexts(self.data, font)
        self.year_axis.min_spacing_px = fm.horizontalAdvance("Sep 2000") + fm.averageCharWidth() * 3
        self.year_axis.year_spacing_px = fm.horizontalAdvance("2000") + fm.averageCharWidth() * 4
        self.year_axis.setStyle(tickFont=font)
        left = self.plot_item.getAxis("left")
        left.setStyle(tickFont=font)
        widest = max((fm.horizontalAdvance(LANE_SHORT.get(k, v)) for k, v in self.data.lanes),
                     default=60)
        left.setWidth(int(widest + fm.averageCharWidth() * 2 + 6))
        self.year_axis.setHeight(int(fm.height() * 1.2 + 12))
        # room in every lane for a row of markers at least (headlines need more; the view
        # gives the chart all the height it can, so this floor matters only on small screens
        # at large text, e.g. 200% on 1024x768)
        m = self.metrics()
        lane = 2 * m.pad_px + m.marker_px + 2
        self.setMinimumHeight(int(m.era_strip_px + len(self.data.lanes) * lane
                                  + self.year_axis.height() + 8))

    def relayout(self) -> None:
        """Recompute lanes and rows for the current size and fonts, then redraw."""
        if self.data is None:
            return
        self.layout = compute_layout(self.data, self.metrics())
        self.planner = LabelPlanner(self.layout, self.order, self.texts.widths,
                                    self.texts.limit, self.texts.floor)
        y0, y1 = self.layout.y_range
        lo, hi = self.limits()
        self.view_box.setLimits(xMin=lo, xMax=hi, minXRange=MIN_SPAN_YEARS, maxXRange=hi - lo,
                                yMin=y0, yMax=y1, minYRange=y1 - y0, maxYRange=y1 - y0)
        self.view_box.setYRange(y0, y1, padding=0)
        left = self.plot_item.getAxis("left")
        left.setTicks([[(lane.index + 0.5, LANE_SHORT.get(lane.key, lane.label))
                        for lane in self.layout.lanes], []])
        self._apply_colors()
        self._build_items()
        if not self._fitted:
            self.fit_all()
            self._fitted = True
        if self.selected:
            self.ensure_visible(self.selected)
        self.layout_changed.emit()

    def limits(self) -> tuple[float, float]:
        """How far the user can pan: the events' years plus a margin."""
        x0, x1 = self.layout.x_range
        return (x0 - MARGIN_YEARS, x1 + MARGIN_YEARS)

    def _span(self) -> tuple[float, float]:
        x0, x1 = self.layout.x_range
        return (x0 - MARGIN_YEARS - 1, x1 + MARGIN_YEARS + 1)

    def _build_items(self) -> None:
        span = self._span()
        self.background_item.set_scene(self.layout, self.colors, span)
        self.selection_item.set_layout(self.layout, self.colors)
        self.selection_item.set_selected(self.selected)
        self.labels_item.set_scene(self.layout, self.colors, self.texts.texts, self.font(),
                                   span)
        self._refresh_marks()
        self._update_labels(force=True)

    def visible_ids(self) -> frozenset[str]:
        """Ids of the events the filters show."""
        return self.result.visible_set if self.result else frozenset()

    def dimmed_ids(self) -> frozenset[str]:
        """Ids of the shown events faded by the "known by" year."""
        return self.result.dimmed if self.result else frozenset()

    def known_by_marker(self):
        """(year, rectangle of its label in viewport pixels) of the "known by" line, or None."""
        if self._known_line is None or self._known_by is None:
            return None
        label = self.mapFromScene(self._known_line.label.sceneBoundingRect()).boundingRect()
        return self._known_by, label.toRectF()

    def _refresh_marks(self) -> None:
        if self.layout is None:
            return
        visible, dimmed = self.visible_ids(), self.dimmed_ids()
        self.bars_item.set_marks(self.layout, self.colors, visible, dimmed)
        self.markers.set_marks(self.layout, self.colors, visible, dimmed)
        self.labels_item.set_state(visible, dimmed, self.selected)

    def _apply_colors(self) -> None:
        c = self.colors
        self.setBackground(qcolor(c.base))
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(pg.mkPen(qcolor(c.border)))
            axis.setTextPen(pg.mkPen(qcolor(c.text)))

    # -- labels ------------------------------------------------------------------------------

    def pixels_per_year(self) -> float:
        (x0, x1), _ = self.view_box.viewRange()
        width = self.view_box.width()
        return width / (x1 - x0) if x1 > x0 and width > 0 else 1.0

    def _update_labels(self, force: bool = False) -> None:
        if self.layout is None:
            return
        (x0, x1), _ = self.view_box.viewRange()
        zoom = quantize_zoom(self.pixels_per_year())
        key = (zoom, self.selected, id(self.result), id(self.layout))
        placement = self.labels_item.placement
        if (not force and placement is not None and key == self._placement_key
                and placement.window[0] <= x0 and x1 <= placement.window[1]):
            return
        span = x1 - x0
        self.labels_item.set_placement(self.planner.place(
            zoom, (x0 - span, x1 + span), visible=self.visible_ids(), pinned=self.selected,
            bounds=self.limits()))
        self._placement_key = key

    def data_transform(self):
        """The map from data coordinates (years, lanes) to the chart's viewport pixels."""
        return self.labels_item.deviceTransform(self.viewportTransform())

    def shown_labels(self) -> set[str]:
        """Ids of the events whose headline is on screen now (whole, or in whole words)."""
        if self.labels_item.placement is None:
            return set()
        x0, x1 = self.view_range()
        return {drawn.item_id for drawn in
                self.labels_item.drawn_labels(self.data_transform(), x0, x1)}

    def _range_changed(self, *_args) -> None:
        self._update_labels()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.data is not None and self.layout is None:
            self.relayout()

    def _resized(self, *_args) -> None:
        if self.data is None or not self.isVisible():
            return
        metrics = self.metrics()
        if self.layout is None or abs(metrics.lane_px - self.layout.metrics.lane_px) > 0.5 \
                or abs(metrics.max_zoom_ppy - self.layout.metrics.max_zoom_ppy) > 1:
            self.relayout()
        else:
            self._update_labels(force=True)

    # -- navigation --------------------------------------------------------------------------

    def view_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.view_box.viewRange()
        return (x0, x1)

    def fit_all(self) -> None:
        if self.layout is None:
            return
        self.view_box.setXRange(*self.limits(), padding=0)

    def zoom_to(self, x0: float, x1: float) -> None:
        pad = (x1 - x0) * 0.03
        self.view_box.setXRange(x0 - pad, x1 + pad, padding=0)

    def zoom(self, factor: float) -> None:
        """Zoom the years by `factor` (< 1 zooms in) around the selection if it is in view."""
        x0, x1 = self.view_range()
        centre = (x0 + x1) / 2
        mark = self.layout.by_id.get(self.selected) if (self.layout and self.selected) else None
        if mark is not None and x0 <= mark.x0 <= x1:
            centre = mark.x0
        half = (x1 - x0) * factor / 2
        left_share = (centre - x0) / (x1 - x0) if x1 > x0 else 0.5
        self.view_box.setXRange(centre - 2 * half * left_share,
                                centre + 2 * half * (1 - left_share), padding=0)

    def ensure_visible(self, event_id: str) -> None:
        mark = self.layout.by_id.get(event_id) if self.layout else None
        if mark is None:
            return
        x0, x1 = self.view_range()
        margin = (x1 - x0) * 0.08
        if not (x0 + margin <= mark.x0 <= x1 - margin):
            half = (x1 - x0) / 2
            self.view_box.setXRange(mark.x0 - half, mark.x0 + half, padding=0)

    def _double_clicked(self, x: float, _y: float) -> None:
        era = self.data.era_at(x) if self.data else None
        if era is not None:
            self.zoom_to(*self.data.era_span(era))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.step_requested.emit(-2 if key == Qt.Key.Key_Home else 2)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(0.6)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / 0.6)
        elif key == Qt.Key.Key_0:
            self.fit_all()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- hover -------------------------------------------------------------------------------

    def _mouse_moved(self, scene_pos) -> None:
        self._hover_pos = scene_pos
        self._hover_timer.start()

    def _show_hover(self) -> None:
        pos = self._hover_pos
        if pos is None or self.layout is None:
            return
        if not self.view_box.sceneBoundingRect().contains(pos):
            self._set_hover([])
            return
        point = self.view_box.mapSceneToView(pos)
        ids = self.labels_item.events_at(point.x(), point.y(), self.pixels_per_year())
        self._set_hover(ids)
        global_pos = self.viewport().mapToGlobal(self.mapFromScene(pos))
        era = self.data.era_at(point.x()) if self.data and point.y() < 0 else None
        if not ids and era is not None:  # the era strip: the era's full name and years
            span = f"{era.start} – {era.end}" if era.end else f"{era.start} onwards"
            QToolTip.showText(global_pos + QPoint(12, 12),
                              f"<b>{_esc(era.name)}</b><br>{_esc(span)}"
                              "<br><i>Double-click to zoom to this era.</i>", self)
            return
        if ids:
            lines = []
            for eid in ids[:6]:
                event = self.data.event(eid)
                lines.append(f"<b>{_esc(date_label(event))}</b> — {_esc(event.headline)}")
            if len(ids) > 6:
                lines.append(f"… and {len(ids) - 6} more")
            if len(ids) > 1:
                lines.append("<i>Click again to move to the next event here.</i>")
            QToolTip.showText(global_pos + QPoint(12, 12), "<br>".join(lines), self)
        else:
            QToolTip.hideText()

    def _set_hover(self, ids: list[str]) -> None:
        self._hover_ids = ids
        self.selection_item.set_hovered(ids[0] if ids else None)

    def hover_text(self) -> str:
        """The tooltip text last shown (for tests)."""
        return QToolTip.text() if QToolTip.isVisible() else ""

    def leaveEvent(self, event) -> None:
        self._hover_timer.stop()
        self._set_hover([])
        super().leaveEvent(event)


class LabelTexts:
    """Headlines shortened to the whole words that fit in about 32 characters' width
    ("Contergan goes on sale in…"), measured on first use.

    `widths.get(id)` and `texts.get(id)` are what the label layout and the labels item read;
    measuring 10,000 headlines up front would cost a noticeable part of the first paint.
    """

    def __init__(self, data: TimelineData, font: QFont):
        self.data = data
        self.metrics = QFontMetricsF(font)
        self.limit = self.metrics.averageCharWidth() * 32
        self.floor = self.metrics.averageCharWidth() * 6
        self._texts: dict[str, str] = {}
        self._widths: dict[str, float] = {}
        self.widths = _Lookup(self._width)
        self.texts = _Lookup(self._text)

    def _text(self, event_id: str) -> str | None:
        if event_id not in self._texts:
            event = self.data.event(event_id)
            if event is None:
                return None
            text = fit_words(event.headline, self.limit, self.metrics.horizontalAdvance)
            if not text:  # one very long word
                text = self.metrics.elidedText(event.headline, Qt.TextElideMode.ElideRight,
                                               self.limit)
            self._texts[event_id] = text
        return self._texts[event_id]

    def _width(self, event_id: str) -> float | None:
        if event_id not in self._widths:
            text = self._text(event_id)
            if text is None:
                return None
            self._widths[event_id] = max(self.floor,
                                         math.ceil(self.metrics.horizontalAdvance(text)) + 1)
        return self._widths[event_id]


class _Lookup:
    """A read-only mapping view computed by a function (only `get` and `[]`)."""

    def __init__(self, fn):
        self._fn = fn

    def get(self, key, default=None):
        value = self._fn(key)
        return default if value is None else value

    def __getitem__(self, key):
        value = self._fn(key)
        if value is None:
            raise KeyError(key)
        return value


def _esc(text: str) -> str:
    from desktop.core.render import escape

    return escape(text)


__all__ = ["LANE_SHORT", "LabelTexts", "TimelineChart"]
