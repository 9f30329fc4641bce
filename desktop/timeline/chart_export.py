"""The timeline chart as the person sees it, written as a PNG image or an SVG drawing.

PNG: the chart's scene rendered at twice the screen's pixels over exactly the area on screen
(the years, lanes and eras in view), so the file looks like the view, only sharper.
SVG: the same view as vector shapes, measured from the chart (the same rectangles, the same
headlines in the same places, the same colours) and written by `desktop.core.timeline.svg`:
lane and era bands, era names, period bars, markers, headlines with their leader lines, the
selection, the "known by" line and both axes; nothing outside the plot.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontInfo, QFontMetricsF, QImage, QPainter

from desktop.core.timeline.data import date_label, drug_index
from desktop.core.timeline.layout import era_slots
from desktop.core.timeline.svg import SvgDrawing
from desktop.timeline.timeline_chart import LANE_SHORT
from desktop.timeline.timeline_items import DIM_ALPHA

#: The PNG has this many pixels per pixel on screen.
PNG_SCALE = 2.0


def viewport_rect(chart) -> QRectF:
    """The chart's drawing area, in its own pixels (what the PNG and SVG show)."""
    return QRectF(chart.viewport().rect())


def plot_rect(chart) -> QRectF:
    """The plot (lanes and eras, inside the axes), in the viewport's pixels."""
    return chart.mapFromScene(chart.view_box.sceneBoundingRect()).boundingRect().toRectF()


def chart_png(chart, scale: float = PNG_SCALE) -> bytes:
    """The chart as on screen, as PNG bytes at `scale` times its pixels."""
    area = viewport_rect(chart)
    image = QImage(int(area.width() * scale), int(area.height() * scale),
                   QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(chart.colors.base))
    hovered = chart.selection_item.hovered
    chart.selection_item.hovered = None  # the pointer is not part of the picture
    chart.markers.set_export_mode(True)  # vector symbols, sharp at any scale
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        source = chart.mapToScene(chart.viewport().rect()).boundingRect()
        chart.scene().render(painter, QRectF(0, 0, area.width(), area.height()), source)
    finally:
        painter.end()
        chart.markers.set_export_mode(False)
        chart.selection_item.hovered = hovered
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("could not encode the PNG image")
    return bytes(buffer.data())


class _Fonts:
    def __init__(self, font):
        info = QFontInfo(font)
        self.family = info.family()
        self.size = float(info.pixelSize())
        metrics = QFontMetricsF(font)
        self.shift = (metrics.ascent() - metrics.descent()) / 2
        self.height = metrics.height()

    def baseline(self, rect: QRectF) -> float:
        """The baseline of a line of text centred vertically in `rect`."""
        return rect.center().y() + self.shift


def chart_svg(chart, title: str = "", description: str = "") -> str:
    """The chart as on screen, as an SVG document (see the module docstring)."""
    colors, layout = chart.colors, chart.layout
    area = viewport_rect(chart)
    plot = plot_rect(chart)
    transform = chart.data_transform()
    x0, x1 = chart.view_range()
    y0, y1 = layout.y_range
    fonts = _Fonts(chart.font())
    bold = _Fonts(chart.labels_item.era_font)
    drawing = SvgDrawing(area.width(), area.height(), title, description,
                         f"'{fonts.family}', sans-serif", colors.base)

    def at(x: float, y: float) -> QPointF:
        return transform.map(QPointF(x, y))

    def span(xa: float, xb: float) -> tuple[float, float] | None:
        """The pixels from year `xa` to `xb`, cut to the plot (None when outside it)."""
        left, right = max(at(xa, 0).x(), plot.left()), min(at(xb, 0).x(), plot.right())
        return (left, right) if right > left else None

    top, zero, bottom = at(x0, y0).y(), at(x0, 0).y(), at(x0, y1).y()

    # lanes, era bands and their boundaries (BackgroundItem)
    lane_fills = colors.lanes or (colors.base,)
    era_fills = colors.era_fill or (colors.alt_base, colors.base)
    drawing.begin_group("lanes")
    for lane in layout.lanes:
        a, b = at(x0, lane.index).y(), at(x0, lane.index + 1).y()
        drawing.rect(plot.left(), a, plot.width(), b - a,
                     lane_fills[lane.index % len(lane_fills)], cls="lane", lane=lane.key,
                     label=lane.label)
    drawing.end_group()
    drawing.begin_group("eras")
    for era in layout.eras:
        cut = span(era.x0, era.x1)
        if cut is None:
            continue
        left, right = cut
        drawing.rect(left, top, right - left, zero - top, era_fills[era.shade % len(era_fills)],
                     cls="era", era=era.era_id, name=era.name)
        if era.shade:
            drawing.rect(left, zero, right - left, bottom - zero, era_fills[1],
                         opacity=110 / 255, cls="era-shade", era=era.era_id)
    drawing.end_group()
    drawing.begin_group("grid")
    for lane in layout.lanes:
        y = at(x0, lane.index).y()
        drawing.line(plot.left(), y, plot.right(), y, colors.border)
    drawing.line(plot.left(), bottom, plot.right(), bottom, colors.border)
    for era in layout.eras:
        x = at(era.x0, 0).x()
        if plot.left() <= x <= plot.right():
            drawing.line(x, top, x, bottom, colors.muted, opacity=150 / 255, dash="4 3",
                         cls="era-boundary", era=era.era_id)
    drawing.end_group()

    visible, dimmed = chart.visible_ids(), chart.dimmed_ids()
    data = chart.data

    def event_tip(event_id: str) -> str:
        event = data.event(event_id)
        return f"{date_label(event)}: {event.headline}" if event else event_id

    # period bars and point markers (PeriodBarsItem, MarkerLayer)
    half = layout.metrics.bar_px / 2
    radius = layout.metrics.marker_px / 2
    drawing.begin_group("events")
    for mark in layout.marks:
        if mark.event_id not in visible:
            continue
        alpha = (DIM_ALPHA if mark.event_id in dimmed else 255) / 255
        color = colors.drugs[drug_index(mark.drug)]
        centre = at(mark.x0, mark.y)
        if mark.is_period:
            cut = span(mark.x0, mark.x1)
            if cut is None:
                continue
            left, right = cut
            drawing.rect(left, centre.y() - half, right - left, 2 * half, color,
                         opacity=alpha * (0.45 if mark.approximate else 1.0),
                         stroke=colors.text, stroke_opacity=alpha / 2, cls="period",
                         event=mark.event_id, lane=layout.lanes[mark.lane].key,
                         approximate="yes" if mark.approximate else None)
            continue
        if not plot.left() <= centre.x() <= plot.right():
            continue
        if mark.approximate:
            drawing.circle(centre.x(), centre.y(), radius - 1.25, colors.base, opacity=alpha,
                           stroke=color, stroke_width=2.5, stroke_opacity=alpha, cls="marker",
                           event=mark.event_id, lane=layout.lanes[mark.lane].key,
                           approximate="yes")
        else:
            drawing.circle(centre.x(), centre.y(), radius - 0.5, color, opacity=alpha,
                           stroke=colors.text, stroke_opacity=alpha / 2, cls="marker",
                           event=mark.event_id, lane=layout.lanes[mark.lane].key)
    selected = layout.by_id.get(chart.selected) if chart.selected else None
    if selected is not None and selected.event_id in visible:
        centre = at(selected.x0, selected.y)
        if selected.is_period:
            end = at(selected.x1, selected.y)
            for color, width in ((colors.base, 6.0), (colors.accent, 3.0)):
                drawing.rect(centre.x() - 3, centre.y() - half - 3, end.x() - centre.x() + 6,
                             2 * half + 6, stroke=color, stroke_width=width, radius=3,
                             cls="selection", event=selected.event_id)
        elif plot.left() <= centre.x() <= plot.right():
            for color, width in ((colors.base, 6.0), (colors.accent, 3.0)):
                drawing.circle(centre.x(), centre.y(), radius + 4, stroke=color,
                               stroke_width=width, cls="selection", event=selected.event_id)
    drawing.end_group()

    # era names and headlines (LabelsItem: the very texts and places drawn on screen)
    drawing.begin_group("era-names")
    small = _Fonts(chart.labels_item.era_small_font)
    for drawn in chart.labels_item.drawn_eras(transform, x0, x1):
        fonts_used = small if drawn.small else bold
        lines = drawn.text.split("\n")
        for i, line in enumerate(lines):  # centred as a block, as Qt draws them
            offset = (i - (len(lines) - 1) / 2) * fonts_used.height
            drawing.text(drawn.rect.center().x(), fonts_used.baseline(drawn.rect) + offset,
                         line, size=fonts_used.size, fill=colors.text, anchor="middle",
                         bold=True, cls="era-name", era=drawn.item_id)
    drawing.end_group()
    drawing.begin_group("headlines")
    for drawn in chart.labels_item.drawn_labels(transform, x0, x1):
        lane = layout.lanes[layout.by_id[drawn.item_id].lane].key
        if drawn.leader is not None:
            line = drawn.leader
            drawing.line(line.x1(), line.y1(), line.x2(), line.y2(), colors.muted,
                         opacity=170 / 255, cls="leader", event=drawn.item_id)
        rect = drawn.rect
        right_aligned = bool(drawn.align & Qt.AlignmentFlag.AlignRight)
        x = rect.right() if right_aligned else rect.left()
        anchor = "end" if right_aligned else "start"
        if drawn.style == "selected":
            drawing.rect(rect.left() - 3, rect.top(), rect.width() + 6, rect.height(),
                         colors.accent, radius=3, cls="selected-label", event=drawn.item_id)
            fill = colors.accent_text
        else:
            fill = colors.muted if drawn.style == "faded" else colors.text
        drawing.text(x, fonts.baseline(rect), drawn.text, size=fonts.size, fill=fill,
                     anchor=anchor, cls="headline", event=drawn.item_id, lane=lane,
                     tooltip=event_tip(drawn.item_id))
    drawing.end_group()

    # the "known by" line and its label
    known = chart.known_by_marker()
    if known is not None:
        year, label = known
        x = at(year + 1, 0).x()
        if plot.left() <= x <= plot.right():
            drawing.begin_group("known-by", year=year)
            drawing.line(x, plot.top(), x, plot.bottom(), colors.warn, width=2, dash="6 4")
            drawing.text(label.center().x(), fonts.baseline(label), f"known by {year}",
                         size=fonts.size, fill=colors.warn, anchor="middle")
            drawing.end_group()

    # axes: years below, lanes on the left
    drawing.begin_group("axes")
    drawing.line(plot.left(), plot.bottom(), plot.right(), plot.bottom(), colors.border)
    drawing.line(plot.left(), plot.top(), plot.left(), plot.bottom(), colors.border)
    major, minor = chart.year_axis.ticks()
    for value in minor:
        x = at(value, 0).x()
        if plot.left() <= x <= plot.right():
            drawing.line(x, plot.bottom(), x, plot.bottom() + 3, colors.border)
    line_height = QFontMetricsF(chart.font()).height()
    for value, text in major:
        x = at(value, 0).x()
        if plot.left() - 0.5 <= x <= plot.right() + 0.5:
            drawing.line(x, plot.bottom(), x, plot.bottom() + 5, colors.border)
            drawing.text(x, fonts.baseline(QRectF(x, plot.bottom() + 7, 1, line_height)), text,
                         size=fonts.size, fill=colors.text, anchor="middle", cls="year",
                         year=text)
    for lane in layout.lanes:
        a, b = at(x0, lane.index).y(), at(x0, lane.index + 1).y()
        drawing.text(plot.left() - 8, fonts.baseline(QRectF(0, a, 1, b - a)),
                     LANE_SHORT.get(lane.key, lane.label), size=fonts.size, fill=colors.text,
                     anchor="end", cls="lane-label", lane=lane.key)
    drawing.end_group()
    return drawing.to_string()


def visible_eras(chart) -> list[str]:
    """Ids of the eras in view (for the export's summary and tests)."""
    x0, x1 = chart.view_range()
    return [era.era_id for era, _a, _b in era_slots(chart.layout, x0, x1)]


__all__ = ["PNG_SCALE", "chart_png", "chart_svg", "plot_rect", "viewport_rect",
           "visible_eras"]
