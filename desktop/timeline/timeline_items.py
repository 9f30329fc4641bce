"""The pyqtgraph items the timeline chart is drawn with.

Data coordinates are years (x) and lanes (y, see `desktop.core.timeline.layout`). What does
not change while the user pans or zooms (lane and era bands, period bars) is recorded once
into a `QPicture` and replayed (pyqtgraph's customGraphicsItem example); markers are
`ScatterPlotItem`s (one per colour and style); labels and the selection ring are drawn in
device pixels so text and rings keep their size at every zoom.

This module imports pyqtgraph: only the timeline view imports it, on first show.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPicture,
    QTransform,
)

from desktop.core.timeline.data import DRUG_KEYS, drug_index
from desktop.core.timeline.layout import (
    EventMark,
    LabelPlacement,
    TimelineLayout,
    era_label,
    era_slots,
    fit_words,
    hit_test,
    year_ticks,
)
from desktop.theme import ThemeColors


def qcolor(value: str, alpha: int = 255) -> QColor:
    color = QColor(value)
    color.setAlpha(alpha)
    return color


def cosmetic_pen(color: QColor, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color)
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setStyle(style)
    return pen


DIM_ALPHA = 70
#: Era names that do not fit are tried in type this much smaller (and on two lines).
ERA_SMALL = 0.85


def era_small_font(font: QFont) -> QFont:
    """The smaller type of era names that do not fit in the normal one."""
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * ERA_SMALL)
    else:
        small.setPixelSize(max(6, round(font.pixelSize() * ERA_SMALL)))
    return small


@dataclass(frozen=True)
class DrawnText:
    """A text the chart draws: an era name or a headline (`style` "normal", "faded" or
    "selected"), its rectangle, alignment and (headlines) leader line, in device pixels."""

    item_id: str
    rect: QRectF
    text: str
    align: Qt.AlignmentFlag
    leader: QLineF | None
    style: str
    #: Era names that only fit in the smaller type say so (their lines are split by "\n").
    small: bool = False


class PictureItem(pg.GraphicsObject):
    """An item that replays a recorded `QPicture` (redrawn only when its data changes)."""

    def __init__(self):
        super().__init__()
        self._picture = QPicture()
        self._rect = QRectF()

    def _record(self, draw, rect: QRectF) -> None:
        self.prepareGeometryChange()
        picture = QPicture()
        painter = QPainter(picture)
        draw(painter)
        painter.end()
        self._picture = picture
        self._rect = rect
        self.update()

    def paint(self, painter, *_args) -> None:
        painter.drawPicture(0, 0, self._picture)

    def boundingRect(self) -> QRectF:
        return QRectF(self._rect)


class BackgroundItem(PictureItem):
    """Lane bands, era bands with their boundaries, and the era strip above the lanes."""

    def set_scene(self, layout: TimelineLayout, colors: ThemeColors,
                  span: tuple[float, float]) -> None:
        x0, x1 = span
        y0, y1 = layout.y_range
        lane_fills = colors.lanes or (colors.base,)
        era_fills = colors.era_fill or (colors.alt_base, colors.base)

        def draw(p: QPainter) -> None:
            p.setPen(Qt.PenStyle.NoPen)
            for lane in layout.lanes:
                p.setBrush(QBrush(qcolor(lane_fills[lane.index % len(lane_fills)])))
                p.drawRect(QRectF(x0, lane.index, x1 - x0, 1))
            for era in layout.eras:
                fill = qcolor(era_fills[era.shade % len(era_fills)])
                p.setBrush(QBrush(fill))
                p.drawRect(QRectF(era.x0, y0, era.x1 - era.x0, -y0))  # the strip
                if era.shade:
                    p.setBrush(QBrush(qcolor(era_fills[1], 110)))
                    p.drawRect(QRectF(era.x0, 0, era.x1 - era.x0, y1))
            p.setPen(cosmetic_pen(qcolor(colors.border)))
            for lane in layout.lanes:
                p.drawLine(QLineF(x0, lane.index, x1, lane.index))
            p.drawLine(QLineF(x0, y1, x1, y1))
            p.setPen(cosmetic_pen(qcolor(colors.muted, 150), 1, Qt.PenStyle.DashLine))
            for era in layout.eras:
                p.drawLine(QLineF(era.x0, y0, era.x0, y1))

        self._record(draw, QRectF(x0, y0, x1 - x0, y1 - y0))


class PeriodBarsItem(PictureItem):
    """Events with an end date, as bars coloured by drug (hatched when approximate)."""

    def set_marks(self, layout: TimelineLayout, colors: ThemeColors,
                  visible: frozenset[str], dimmed: frozenset[str]) -> None:
        half = layout.metrics.bar_px / 2 / layout.metrics.lane_px
        periods = [m for m in layout.marks if m.is_period and m.event_id in visible]

        groups: dict[tuple[str, bool, bool], list[QRectF]] = {}
        for mark in periods:
            key = (mark.drug, mark.approximate, mark.event_id in dimmed)
            groups.setdefault(key, []).append(
                QRectF(mark.x0, mark.y - half, mark.x1 - mark.x0, 2 * half))

        def draw(p: QPainter) -> None:
            for (drug, approximate, dim), rects in groups.items():
                alpha = DIM_ALPHA if dim else 255
                p.setPen(cosmetic_pen(qcolor(colors.text, alpha // 2)))
                style = Qt.BrushStyle.Dense3Pattern if approximate else Qt.BrushStyle.SolidPattern
                p.setBrush(QBrush(qcolor(colors.drugs[drug_index(drug)], alpha), style))
                p.drawRects(rects)

        x0, x1 = layout.x_range
        y0, y1 = layout.y_range
        self._record(draw, QRectF(x0, y0, x1 - x0, y1 - y0))


class MarkerLayer:
    """Point events as scatter items: one per (drug, approximate, dimmed) style.

    Approximate dates are hollow rings; events after the "known by" year are faded.
    """

    def __init__(self, plot_item: pg.PlotItem):
        self.plot_item = plot_item
        self.items: dict[tuple[str, bool, bool], pg.ScatterPlotItem] = {}

    def set_marks(self, layout: TimelineLayout, colors: ThemeColors,
                  visible: frozenset[str], dimmed: frozenset[str]) -> None:
        groups: dict[tuple[str, bool, bool], tuple[list[float], list[float]]] = {}
        for mark in layout.marks:
            if mark.is_period or mark.event_id not in visible:
                continue
            key = (mark.drug, mark.approximate, mark.event_id in dimmed)
            xs, ys = groups.setdefault(key, ([], []))
            xs.append(mark.x0)
            ys.append(mark.y)
        size = layout.metrics.marker_px
        for key in list(self.items):
            if key not in groups:
                self.items[key].setData([], [])
        for key, (xs, ys) in groups.items():
            drug, approximate, dim = key
            alpha = DIM_ALPHA if dim else 255
            color = qcolor(colors.drugs[drug_index(drug)], alpha)
            if approximate:
                pen, brush = pg.mkPen(color, width=2.5), pg.mkBrush(qcolor(colors.base, alpha))
            else:
                pen, brush = pg.mkPen(qcolor(colors.text, alpha // 2), width=1), pg.mkBrush(color)
            item = self.items.get(key)
            if item is None:
                item = pg.ScatterPlotItem(pxMode=True, symbol="o")
                item.setZValue(1 + DRUG_KEYS.index(drug) / 10 - (0.5 if dim else 0))
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                self.plot_item.addItem(item)
                self.items[key] = item
            item.setData(x=xs, y=ys, size=size, pen=pen, brush=brush, symbol="o")

    def set_export_mode(self, export: bool) -> None:
        """Draw symbols as vectors (for SVG) instead of cached pixmaps."""
        for item in self.items.values():
            item.setExportMode(export, {"antialias": True} if export else None)


class SelectionItem(pg.GraphicsObject):
    """The ring (or outline) around the selected event and a lighter one around the hovered."""

    def __init__(self):
        super().__init__()
        self.layout: TimelineLayout | None = None
        self.colors: ThemeColors | None = None
        self.selected: EventMark | None = None
        self.hovered: EventMark | None = None
        self.setZValue(5)

    def set_layout(self, layout: TimelineLayout, colors: ThemeColors) -> None:
        self.prepareGeometryChange()
        self.layout, self.colors = layout, colors
        self.selected = layout.by_id.get(self.selected.event_id) if self.selected else None
        self.hovered = None
        self.update()

    def set_selected(self, event_id: str | None) -> None:
        self.selected = self.layout.by_id.get(event_id) if (self.layout and event_id) else None
        self.update()

    def set_hovered(self, event_id: str | None) -> None:
        mark = self.layout.by_id.get(event_id) if (self.layout and event_id) else None
        if mark is not self.hovered:
            self.hovered = mark
            self.update()

    def boundingRect(self) -> QRectF:
        if self.layout is None:
            return QRectF()
        x0, x1 = self.layout.x_range
        y0, y1 = self.layout.y_range
        return QRectF(x0 - 10, y0, x1 - x0 + 20, y1 - y0)

    def paint(self, p: QPainter, *_args) -> None:
        if self.layout is None or self.colors is None:
            return
        transform = p.transform()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(Qt.BrushStyle.NoBrush)
        radius = self.layout.metrics.marker_px / 2
        half_bar = self.layout.metrics.bar_px / 2
        for mark, color, width in ((self.hovered, self.colors.text, 1.5),
                                   (self.selected, self.colors.accent, 3.0)):
            if mark is None:
                continue
            start = transform.map(QPointF(mark.x0, mark.y))
            halo = QPen(qcolor(self.colors.base), width + 3)
            ring = QPen(qcolor(color), width)
            if mark.is_period:
                end = transform.map(QPointF(mark.x1, mark.y))
                rect = QRectF(start.x() - 3, start.y() - half_bar - 3,
                              end.x() - start.x() + 6, 2 * half_bar + 6)
                for pen in (halo, ring):
                    p.setPen(pen)
                    p.drawRoundedRect(rect, 3, 3)
            else:
                for pen in (halo, ring):
                    p.setPen(pen)
                    p.drawEllipse(start, radius + 4, radius + 4)


class LabelsItem(pg.GraphicsObject):
    """Headlines, their leader lines and the era names; also turns clicks into events.

    Signals:
        sigClicked(str): an event was clicked (its marker, bar or label). Clicking the same
            spot again moves on to the next event under the pointer (dense clusters).
        sigDoubleClicked(float, float): a double click at data point (x, y).
    """

    sigClicked = Signal(str)
    sigDoubleClicked = Signal(float, float)

    def __init__(self):
        super().__init__()
        self.layout: TimelineLayout | None = None
        self.placement: LabelPlacement | None = None
        self.colors: ThemeColors | None = None
        self.texts: dict[str, str] = {}
        self.visible: frozenset[str] = frozenset()
        self.dimmed: frozenset[str] = frozenset()
        self.selected: str | None = None
        self.font = QFont()
        self.era_font = QFont()
        self.era_small_font = QFont()
        self.span = (0.0, 1.0)
        self._last_click: tuple[float, float, tuple[str, ...], int] | None = None
        self.setZValue(10)

    def set_scene(self, layout: TimelineLayout, colors: ThemeColors, texts: dict[str, str],
                  font: QFont, span: tuple[float, float]) -> None:
        self.prepareGeometryChange()
        self.layout, self.colors, self.texts, self.span = layout, colors, texts, span
        self.font = QFont(font)
        self.era_font = QFont(font)
        self.era_font.setWeight(QFont.Weight.DemiBold)
        self.era_small_font = era_small_font(self.era_font)
        self.placement = None
        self.update()

    def set_state(self, visible: frozenset[str], dimmed: frozenset[str],
                  selected: str | None) -> None:
        self.visible, self.dimmed, self.selected = visible, dimmed, selected
        self.update()

    def set_placement(self, placement: LabelPlacement) -> None:
        self.placement = placement
        self.update()

    def boundingRect(self) -> QRectF:
        if self.layout is None:
            return QRectF()
        y0, y1 = self.layout.y_range
        return QRectF(self.span[0], y0, self.span[1] - self.span[0], y1 - y0)

    # -- drawing ---------------------------------------------------------------------------

    def paint(self, p: QPainter, *_args) -> None:
        if self.layout is None or self.colors is None:
            return
        view = self.getViewBox()
        if view is None:
            return
        (x0, x1), _ = view.viewRange()
        transform = p.transform()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        c = self.colors
        p.setPen(qcolor(c.text))
        for drawn in self.drawn_eras(transform, x0, x1):
            p.setFont(self.era_small_font if drawn.small else self.era_font)
            p.drawText(drawn.rect, Qt.AlignmentFlag.AlignCenter, drawn.text)
        p.setFont(self.font)
        leader = cosmetic_pen(qcolor(c.muted, 170))
        pens = {"normal": qcolor(c.text), "faded": qcolor(c.muted)}
        for drawn in self.drawn_labels(transform, x0, x1):
            if drawn.leader is not None:
                p.setPen(leader)
                p.drawLine(drawn.leader)
            if drawn.style == "selected":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QBrush(qcolor(c.accent)))
                p.drawRoundedRect(drawn.rect.adjusted(-3, 0, 3, 0), 3, 3)
                p.setPen(qcolor(c.accent_text))
            else:
                p.setPen(pens[drawn.style])
            p.drawText(drawn.rect, drawn.align, drawn.text)

    def drawn_eras(self, transform: QTransform, x0: float, x1: float) -> list[DrawnText]:
        """The era names as drawn for the visible years `x0`..`x1`, in the coordinates
        `transform` maps data to: each centred in the visible part of its era, whole if it
        fits (in smaller type or on two lines if need be: `era_label`), else in whole words
        ("Rediscovery…"), or left out when not even one word fits (the hover names it)."""
        if self.layout is None:
            return []
        metrics = QFontMetricsF(self.era_font)
        small = QFontMetricsF(self.era_small_font)
        y_top = transform.map(QPointF(x0, self.layout.y_range[0])).y()
        y_bottom = transform.map(QPointF(x0, 0.0)).y()
        two_lines = y_bottom - y_top >= 2 * small.height()
        drawn = []
        for era, left, right in era_slots(self.layout, x0, x1):
            a = transform.map(QPointF(left, 0)).x()
            b = transform.map(QPointF(right, 0)).x()
            room = b - a - 8
            if room <= 0:
                continue
            lines, smaller = era_label(era.name, room, metrics.horizontalAdvance,
                                       small.horizontalAdvance, two_lines)
            if lines:
                drawn.append(DrawnText(era.era_id, QRectF(a + 4, y_top, room, y_bottom - y_top),
                                       "\n".join(lines), Qt.AlignmentFlag.AlignCenter, None,
                                       "era", smaller))
        return drawn

    def drawn_labels(self, transform: QTransform, x0: float, x1: float) -> list[DrawnText]:
        """The headlines as drawn with the visible years `x0`..`x1`: each with its leader
        line, in the coordinates `transform` maps data to.

        A headline that would cross the edge of the plot is shortened to the words that fit
        inside it (when its marker is in view), else left out: text is never cut mid-word by
        the edge. The selected event's headline is always drawn (beside its marker when no
        label row had room)."""
        if self.layout is None or self.placement is None:
            return []
        m = self.layout.metrics
        line = m.line_px
        metrics = QFontMetricsF(self.font)
        plot_left = transform.map(QPointF(x0, 0)).x()
        plot_right = transform.map(QPointF(x1, 0)).x()
        drawn: list[DrawnText] = []
        chosen = None
        for label in self.placement.labels:
            if label.event_id not in self.visible:
                continue
            anchor = transform.map(QPointF(label.anchor_x, label.y))
            left, right = anchor.x() + label.left_px, anchor.x() + label.right_px
            if right < plot_left or left > plot_right:
                continue
            text = self.texts.get(label.event_id, "")
            if left < plot_left or right > plot_right:
                if not plot_left <= anchor.x() <= plot_right:
                    continue  # the marker is out of view: so is its headline
                left, right = max(left, plot_left + 2), min(right, plot_right - 2)
                text = fit_words(text, right - left, metrics.horizontalAdvance)
                if not text:
                    continue
            top = transform.map(QPointF(label.anchor_x, label.marker_y)).y() + m.marker_px / 2
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignLeft if label.left_px > 0 else Qt.AlignmentFlag.AlignRight)
            style = "faded" if label.event_id in self.dimmed else "normal"
            if label.event_id == self.selected:
                style, align = "selected", Qt.AlignmentFlag.AlignVCenter | \
                    Qt.AlignmentFlag.AlignLeft
                width = metrics.horizontalAdvance(text) + 2
                if label.left_px < 0:  # the pill hugs the text, beside the anchor
                    left = max(left, right - width)
                else:
                    right = min(right, left + width)
            item = DrawnText(label.event_id, QRectF(left, anchor.y() - line / 2, right - left,
                                                    line),
                             text, align, QLineF(anchor.x(), top, anchor.x(), anchor.y()), style)
            if style == "selected":
                chosen = item
            else:
                drawn.append(item)
        if chosen is None and self.selected in self.visible and self.selected in self.layout.by_id:
            # no label row had room (very short lanes): a callout beside the marker instead
            mark = self.layout.by_id[self.selected]
            at = transform.map(QPointF(mark.x0, mark.y))
            if plot_left <= at.x() <= plot_right:
                text = self.texts.get(self.selected, "")
                width = metrics.horizontalAdvance(text) + 2
                left = at.x() + m.marker_px / 2 + 8
                if left + width > plot_right:
                    left = at.x() - m.marker_px / 2 - 8 - width
                left = max(plot_left + 2, left)
                text = fit_words(text, min(width, plot_right - 2 - left),
                                 metrics.horizontalAdvance)
                if text:
                    chosen = DrawnText(self.selected, QRectF(left, at.y() - line / 2, width,
                                                             line),
                                       text, Qt.AlignmentFlag.AlignVCenter
                                       | Qt.AlignmentFlag.AlignLeft, None, "selected")
        if chosen is not None:
            drawn.append(chosen)  # drawn last, over the others
        return drawn

    # -- hit testing and clicks ---------------------------------------------------------------

    def events_at(self, x: float, y: float, ppy: float, radius_px: float = 9.0) -> list[str]:
        """Events under data point (x, y): a label there first, then markers nearest first."""
        if self.layout is None:
            return []
        hits = hit_test(self.layout, x, y, ppy, radius_px, self.visible)
        if self.placement is not None:
            on_label = self.placement.label_at(x, y, ppy, self.layout.label_row_height)
            if on_label in self.visible:
                hits = [on_label] + [h for h in hits if h != on_label]
        return hits

    def pixels_per_year(self) -> float:
        view = self.getViewBox()
        (x0, x1), _ = view.viewRange()
        return view.width() / (x1 - x0) if x1 > x0 else 1.0

    def mouseClickEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or self.layout is None:
            ev.ignore()
            return
        pos = ev.pos()
        if ev.double():
            ev.accept()
            self.sigDoubleClicked.emit(pos.x(), pos.y())
            return
        ppy = self.pixels_per_year()
        hits = tuple(self.events_at(pos.x(), pos.y(), ppy))
        if not hits:
            self._last_click = None
            ev.ignore()
            return
        ev.accept()
        index = 0
        last = self._last_click
        if last is not None and last[2] == hits and abs(last[0] - pos.x()) * ppy < 4 \
                and abs(last[1] - pos.y()) * self.layout.metrics.lane_px < 4:
            index = (last[3] + 1) % len(hits)
        self._last_click = (pos.x(), pos.y(), hits, index)
        self.sigClicked.emit(hits[index])


class YearAxisItem(pg.AxisItem):
    """A bottom axis in years: decades to single years, then quarters and months."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._labels: dict[float, str] = {}
        self._minor: list[float] = []
        self.min_spacing_px = 60.0
        self.year_spacing_px: float | None = None

    def ticks(self) -> tuple[list[tuple[float, str]], list[float]]:
        """The major ticks (year, label) and minor tick years last drawn."""
        return sorted(self._labels.items()), list(self._minor)

    def tickValues(self, minVal, maxVal, size):  # noqa: N803 (pyqtgraph's names)
        low, high = minVal, maxVal
        if high <= low or size <= 0:
            return []
        ppy = size / (high - low)
        major, minor = year_ticks(low, high, ppy, self.min_spacing_px, self.year_spacing_px)
        self._labels = dict(major)
        self._minor = list(minor)
        return [(1.0, [v for v, _ in major]), (0.5, minor)]

    def tickStrings(self, values, scale, spacing):
        return [self._labels.get(v, "") for v in values]
