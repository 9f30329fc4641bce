"""The mechanism diagram drawn with QGraphicsScene: vector items, themed, keyboard-driven.

Geometry comes from `desktop.core.mechanism.layout.layout_diagram` measured with the current fonts,
so the picture is rebuilt (not scaled) when the text size or the theme changes, and it stays
crisp at any zoom and in the SVG export.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from desktop.core.mechanism.diagram import Diagram, Edge, Node
from desktop.core.mechanism.layout import (
    Box,
    DiagramLayout,
    EdgeGeometry,
    LayoutMetrics,
    layout_diagram,
)
from desktop.core.mechanism.narration import FIRST_KEYS, LAST_KEYS, NEXT_KEYS, PREVIOUS_KEYS
from desktop.theme import ThemeColors

STEP_KEYS = NEXT_KEYS | PREVIOUS_KEYS | FIRST_KEYS | LAST_KEYS


def key_name(key: int) -> str:
    """`Qt.Key.Key_PageDown` -> "PageDown" (the names `desktop.core.mechanism.diagram` uses)."""
    try:
        return Qt.Key(key).name.removeprefix("Key_")
    except ValueError:
        return ""


def blend(base: str, color: str, amount: float) -> QColor:
    a, b = QColor(base), QColor(color)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.w, box.h)


@dataclass
class DiagramStyle:
    """Fonts and colours for one rebuild (from the app font and the theme)."""

    colors: ThemeColors
    fonts: dict[str, QFont]
    em: float
    wrap: float

    @classmethod
    def current(cls, colors: ThemeColors, metrics: LayoutMetrics,
                pixels: float | None = None) -> DiagramStyle:
        """The app font's sizes; with `pixels` (a slide for a class), every text of the
        diagram (names, captions, headings, edge labels) is that many pixels high."""
        base = QFont(QApplication.font())
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0

        def font(factor: float, weight=QFont.Weight.Normal, italic=False) -> QFont:
            f = QFont(base)
            if pixels:
                f.setPixelSize(max(1, round(pixels)))
            else:
                f.setPointSizeF(size * factor)
            f.setWeight(weight)
            f.setItalic(italic)
            return f

        fonts = {
            "label": font(1.0, QFont.Weight.DemiBold),
            "caption": font(0.85),
            "edge": font(0.85, italic=True),
            "group": font(0.95, QFont.Weight.Bold),
            "legend": font(0.85),
            "badge": font(0.85, QFont.Weight.Bold),
        }
        em = QFontMetricsF(fonts["label"]).horizontalAdvance("M")
        return cls(colors, fonts, em, metrics.label_width * em)

    def measure(self, text: str, role: str, wrap: float) -> tuple[float, float]:
        metrics = QFontMetricsF(self.fonts[role])
        bounds = metrics.boundingRect(QRectF(0, 0, max(wrap, 1.0), 1e6),
                                      int(Qt.TextFlag.TextWordWrap), text)
        return (math.ceil(bounds.width()) + 1.0, math.ceil(bounds.height()))

    def kind_color(self, kind: str) -> str:
        c = self.colors
        return {
            "ligase": c.accent, "drug": c.warn, "neosubstrate": c.drugs[3],
            "process": c.muted, "effect": c.good, "cell": c.drugs[1],
            "teratogenic": c.bad,
        }.get(kind, c.muted)

    @property
    def high_contrast(self) -> bool:
        return self.colors.name == "high-contrast"


@dataclass
class NodeState:
    dimmed: bool = False
    strong: bool = False
    drug_color: str = ""
    #: practice: number shown instead of the label, and the outcome once answered
    hidden_number: int = 0
    result: bool | None = None
    current: bool = False


class NodeItem(QGraphicsObject):
    """One node: focusable (Tab), clickable, with its term's definition as tooltip.

    Signals:
        activated(str): the node id, on click or Enter.
        focused(str): the node id, when it takes keyboard focus.
    """

    activated = Signal(str)
    focused = Signal(str)

    def __init__(self, node: Node, geometry, style: DiagramStyle, tooltip: str):
        super().__init__()
        self.node = node
        self.geometry = geometry
        self.style = style
        self.state = NodeState()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip)
        self.setZValue(2)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._hover = False
        self._pressed = False
        #: A drawing shown in the node above its label (the drug node: the chosen drug's
        #: structure), and the area it takes, joined to the node's box.
        self.figure = None
        self.figure_box: QRectF | None = None

    def set_figure(self, renderer, area: QRectF | None) -> None:
        """Show `renderer` (a QSvgRenderer) in `area`, above the label; None removes it."""
        self.prepareGeometryChange()
        self.figure = renderer if area is not None else None
        self.figure_box = area if renderer is not None else None
        self.update()

    def frame(self) -> QRectF:
        """The node's outline: its box, and the figure's area when it shows one."""
        box = rect(self.geometry.box)
        return box.united(self.figure_box) if self.figure_box is not None else box

    def figure_rect(self) -> QRectF | None:
        """Where the figure is drawn: its area less a margin, keeping its proportions."""
        if self.figure is None or self.figure_box is None:
            return None
        area = self.figure_box.adjusted(self.style.em * 0.3, self.style.em * 0.3,
                                        -self.style.em * 0.3, 0)
        size = self.figure.defaultSize()
        aspect = size.width() / size.height() if size.isValid() and size.height() else 1.5
        width = min(area.width(), area.height() * aspect)
        height = width / aspect
        return QRectF(area.center().x() - width / 2, area.bottom() - height, width, height)

    # geometry
    def boundingRect(self) -> QRectF:
        pad = self.style.em * 0.45
        return self.frame().adjusted(-pad, -pad, pad, pad)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.frame(), 6, 6)
        return path

    # painting
    def paint(self, painter: QPainter, option, widget=None) -> None:
        s, st, c = self.style, self.state, self.style.colors
        box = self.frame()
        color = s.kind_color(self.node.kind)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if st.drug_color:
            ring = box.adjusted(-s.em * 0.28, -s.em * 0.28, s.em * 0.28, s.em * 0.28)
            painter.setPen(QPen(QColor(st.drug_color), s.em * 0.22))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(ring, 8, 8)
        fill = QColor(c.base) if s.high_contrast else blend(c.base, color,
                                                             0.26 if c.dark else 0.14)
        if self._hover and not st.dimmed:
            fill = blend(fill.name(), color, 0.18)
        border = QColor(color)
        width = 1.2
        if st.strong:
            width = 2.6
        if st.result is True:
            border, width = QColor(c.good), 2.6
        elif st.result is False:
            border, width = QColor(c.bad), 2.6
        if s.high_contrast:
            width += 1.0
        painter.setPen(QPen(border, width))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(box, 6, 6)
        figure = self.figure_rect()
        if figure is not None:
            self.figure.render(painter, figure)
        text_color = QColor(c.text)
        if st.hidden_number:
            painter.setFont(s.fonts["label"])
            painter.setPen(text_color)
            painter.drawText(rect(self.geometry.box), int(Qt.AlignmentFlag.AlignCenter),
                             f"? {st.hidden_number}")
        else:
            flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                        | Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextDontClip)
            # The same wrap width as the measurement, so the lines break where the layout
            # expects; a single word longer than that is never cut (TextDontClip).
            label = self.geometry.label_box
            width = max(s.wrap, label.w)
            painter.setFont(s.fonts["label"])
            painter.setPen(text_color)
            painter.drawText(QRectF(label.cx - width / 2, label.y, width, label.h + 2), flags,
                             self.node.label)
            caption = self.geometry.caption_box
            if caption is not None and self.node.caption:
                width = max(s.wrap, caption.w)
                painter.setFont(s.fonts["caption"])
                painter.setPen(QColor(c.muted))
                painter.drawText(QRectF(caption.cx - width / 2, caption.y, width,
                                        caption.h + 2), flags, self.node.caption)
        if st.current or self.hasFocus():
            pen = QPen(QColor(c.accent), 2.0 if not s.high_contrast else 3.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = s.em * 0.14
            painter.drawRoundedRect(box.adjusted(-inset, -inset, inset, inset), 7, 7)

    # interaction
    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event) -> None:
        self._pressed = True
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        if self._pressed and self.shape().contains(event.pos()):
            self.activated.emit(self.node.id)
        self._pressed = False
        event.accept()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit(self.node.id)
            event.accept()
            return
        event.ignore()

    def focusInEvent(self, event) -> None:
        self.update()
        self.focused.emit(self.node.id)
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def set_state(self, **changes) -> None:
        for key, value in changes.items():
            setattr(self.state, key, value)
        self.setOpacity(0.28 if self.state.dimmed else 1.0)
        self.update()


def edge_path(points) -> QPainterPath:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    path = QPainterPath(QPointF(x0, y0))
    if (x1, y1) == (x0, y0) and (x2, y2) == (x3, y3):
        path.lineTo(x3, y3)
    else:
        path.cubicTo(x1, y1, x2, y2, x3, y3)
    return path


def draw_edge_end(painter: QPainter, kind: str, tip: QPointF, direction: QPointF,
                  color: QColor, em: float) -> None:
    """The end marker of an edge kind: arrow, open arrow, dot, bar or nothing."""
    length = math.hypot(direction.x(), direction.y()) or 1.0
    ux, uy = direction.x() / length, direction.y() / length
    nx, ny = -uy, ux
    size = em * 0.55
    base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
    left = QPointF(base.x() + nx * size * 0.5, base.y() + ny * size * 0.5)
    right = QPointF(base.x() - nx * size * 0.5, base.y() - ny * size * 0.5)
    pen = QPen(color, 1.5)
    pen.setStyle(Qt.PenStyle.SolidLine)
    painter.setPen(pen)
    if kind == "leads-to":
        painter.setBrush(QBrush(color))
        painter.drawPolygon(QPolygonF([tip, left, right]))
    elif kind == "recruits":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF([left, tip, right]))
    elif kind == "binds":
        painter.setBrush(QBrush(color))
        painter.drawEllipse(tip, em * 0.22, em * 0.22)
    elif kind == "inhibits":
        half = size * 0.55
        painter.setPen(QPen(color, 2.2))
        painter.drawLine(QPointF(tip.x() + nx * half, tip.y() + ny * half),
                         QPointF(tip.x() - nx * half, tip.y() - ny * half))


class EdgeItem(QGraphicsItem):
    """An edge: a line or S-curve with the end marker of its kind, dashed when uncertain."""

    def __init__(self, edge: Edge, geometry: EdgeGeometry, style: DiagramStyle):
        super().__init__()
        self.edge = edge
        self.geometry = geometry
        self.style = style
        self.strong = False
        self.path = edge_path(geometry.points)
        self.setZValue(1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        r = self.path.boundingRect().adjusted(-self.style.em, -self.style.em, self.style.em,
                                              self.style.em)
        if self.geometry.label_box:
            r = r.united(rect(self.geometry.label_box))
        return r

    def paint(self, painter: QPainter, option, widget=None) -> None:
        s, c = self.style, self.style.colors
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(c.text if (self.strong or s.high_contrast) else c.muted)
        pen = QPen(color, 2.2 if self.strong else 1.4)
        if self.edge.uncertain:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        (x2, y2), (x3, y3) = self.geometry.points[2], self.geometry.points[3]
        if (x2, y2) == (x3, y3):
            x2, y2 = self.geometry.points[0]
        draw_edge_end(painter, self.edge.kind, QPointF(x3, y3), QPointF(x3 - x2, y3 - y2),
                      color, s.em)
        if self.geometry.label_box and self.edge.label:
            box = rect(self.geometry.label_box)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(c.base)))
            painter.drawRoundedRect(box, 3, 3)
            painter.setFont(s.fonts["edge"])
            painter.setPen(QColor(c.muted))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.edge.label)

    def set_state(self, dimmed: bool, strong: bool) -> None:
        self.strong = strong
        self.setOpacity(0.22 if dimmed else 1.0)
        self.update()


class GroupItem(QGraphicsItem):
    """A framed group with its heading (drawn behind the nodes)."""

    def __init__(self, group, geometry, style: DiagramStyle, color: str):
        super().__init__()
        self.group = group
        self.geometry = geometry
        self.style = style
        self.color = color
        self.setZValue(0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return rect(self.geometry.box).adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        s, c = self.style, self.style.colors
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(self.color), 2.0 if s.high_contrast else 1.2))
        fill = QColor(c.base) if s.high_contrast else blend(c.base, self.color,
                                                             0.07 if c.dark else 0.045)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(rect(self.geometry.box), 10, 10)
        painter.setFont(s.fonts["group"])
        painter.setPen(QColor(c.text))
        header = self.geometry.header_box
        # The wrap width the layout measured the heading at (the frame less its padding on
        # both sides), so the heading breaks where the layout expects and stays inside.
        box = self.geometry.box
        width = max(header.w, box.w - 2 * (header.x - box.x))
        painter.drawText(QRectF(header.x, header.y, width, header.h + 2),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap), self.group.label)


class LegendItem(QGraphicsItem):
    """What the line styles and end markers mean."""

    def __init__(self, legend, style: DiagramStyle):
        super().__init__()
        self.legend = legend
        self.style = style
        self.setZValue(0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return rect(self.legend.box).adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        s, c = self.style, self.style.colors
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(c.border), 1.0))
        painter.setBrush(QBrush(QColor(c.base)))
        painter.drawRoundedRect(rect(self.legend.box), 6, 6)
        color = QColor(c.text if s.high_contrast else c.muted)
        for entry, swatch, text in self.legend.rows:
            y = swatch.cy
            start = QPointF(swatch.x, y)
            end = QPointF(swatch.right - s.em * 0.2, y)
            pen = QPen(color, 1.4)
            if entry.key == "uncertain":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(start, end)
            kind = "part-of" if entry.key == "uncertain" else entry.key
            draw_edge_end(painter, kind, end, QPointF(1, 0), color, s.em)
            painter.setFont(s.fonts["legend"])
            painter.setPen(QColor(c.text))
            painter.drawText(QRectF(text.x, text.y, text.w + 4, text.h + 2),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                             entry.text)


class DiagramScene(QGraphicsScene):
    """Tab and Shift+Tab walk the nodes in reading order, then leave the diagram."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tab_items: list[NodeItem] = []

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt override)
        if not self.tab_items:
            return False
        current = self.focusItem()
        if current not in self.tab_items:
            target = self.tab_items[0 if next else -1]
        else:
            index = self.tab_items.index(current) + (1 if next else -1)
            if not 0 <= index < len(self.tab_items):
                self.setFocusItem(None)
                return False
            target = self.tab_items[index]
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True


class DiagramCanvas(QGraphicsView):
    """The view of the diagram.

    Signals:
        node_activated(str): a node was clicked or Enter was pressed on it.
        node_focused(str): a node took keyboard focus ("" when none has it).
        step_key_pressed(str): a narration key (Right, PageDown, Space, Left, ...) by name.
    """

    node_activated = Signal(str)
    node_focused = Signal(str)
    step_key_pressed = Signal(str)

    def __init__(self, colors: ThemeColors, parent: QWidget | None = None,
                 font_scale=lambda: 1.0):
        super().__init__(parent)
        self.setObjectName("mechanism_canvas")
        #: the app's text-size factor: "fit" keeps Ctrl+= meaningful by not shrinking it away
        self.font_scale = font_scale
        self.setAccessibleName("Mechanism diagram")
        self.base_description = (
            "Tab moves between the parts of the diagram, Enter opens a part's glossary entry; "
            "Right, Page Down or Space shows the next step, Left or Page Up the previous one.")
        self.setAccessibleDescription(self.base_description)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._scene = DiagramScene(self)
        self.setScene(self._scene)
        self.colors = colors
        self.metrics = LayoutMetrics()
        self.diagram = Diagram()
        self.layout_result: DiagramLayout | None = None
        self.style: DiagramStyle | None = None
        self.items: dict[str, NodeItem] = {}
        self.edge_items: dict[str, EdgeItem] = {}
        self.tooltips: dict[str, str] = {}
        self.auto_fit = True
        #: a slide's picture: every text this many pixels high (None: the app font's sizes),
        #: each column as wide as its own widest box, and no legend
        self.text_pixels: float | None = None
        #: a slide's picture: wider wrap widths for the names of some columns (x -> pixels)
        self.column_wraps: dict[float, float] | None = None
        #: a slide's picture: a column holding a whole group is as wide as its heading
        self.one_line_headings = False
        self._states: dict[str, dict] = {}
        self._edge_states: dict[str, tuple[bool, bool]] = {}
        #: node id -> (SVG text, its text alternative) drawn in that node (see set_figure)
        self._figures: dict[str, tuple[str, str]] = {}

    # -- content -----------------------------------------------------------------------------

    def set_diagram(self, diagram: Diagram, tooltips: dict[str, str]) -> None:
        self.diagram = diagram
        self.tooltips = tooltips
        self.rebuild()

    def set_colors(self, colors: ThemeColors) -> None:
        self.colors = colors
        self.rebuild()

    def rebuild(self) -> None:
        """Lay out with the current fonts and redraw every item (keeping node states)."""
        focused = self.focused_node()
        self._scene.clear()
        self.items.clear()
        self.edge_items.clear()
        self.style = style = DiagramStyle.current(self.colors, self.metrics, self.text_pixels)
        self._scene.setBackgroundBrush(QBrush(QColor(self.colors.base)))
        if self.diagram.empty:
            self.layout_result = None
            self._scene.tab_items = []
            self._scene.setSceneRect(QRectF(0, 0, 10, 10))
            return
        self.layout_result = layout = layout_diagram(self.diagram, style.measure, style.em,
                                                     self.metrics,
                                                     legend=self.text_pixels is None,
                                                     fit_columns=self.text_pixels is not None,
                                                     column_wraps=self.column_wraps,
                                                     one_line_headings=self.one_line_headings)
        group_colors = {"ligase": self.colors.accent, "neosubstrates": self.colors.drugs[3],
                        "teratogenic": self.colors.bad}
        for group in self.diagram.groups:
            if group.id in layout.groups:
                self._scene.addItem(GroupItem(group, layout.groups[group.id], style,
                                              group_colors.get(group.id, self.colors.border)))
        if layout.legend is not None:
            self._scene.addItem(LegendItem(layout.legend, style))
        for edge in self.diagram.edges:
            if edge.id in layout.edges:
                item = EdgeItem(edge, layout.edges[edge.id], style)
                self._scene.addItem(item)
                self.edge_items[edge.id] = item
        for node in self.diagram.tab_order():
            item = NodeItem(node, layout.nodes[node.id], style, self.tooltips.get(node.id, ""))
            item.activated.connect(self.node_activated)
            item.focused.connect(self.node_focused)
            self._scene.addItem(item)
            self.items[node.id] = item
        self._scene.tab_items = list(self.items.values())
        b = layout.bounds
        self._scene.setSceneRect(QRectF(b.x, b.y, b.w, b.h))
        for node_id, state in self._states.items():
            if node_id in self.items:
                self.items[node_id].set_state(**state)
        for edge_id, (dimmed, strong) in self._edge_states.items():
            if edge_id in self.edge_items:
                self.edge_items[edge_id].set_state(dimmed, strong)
        for node_id in list(self._figures):
            self._place_figure(node_id)
        if focused and focused in self.items and self.hasFocus():
            self.items[focused].setFocus()
        if self.auto_fit:
            self.fit()

    # -- state -------------------------------------------------------------------------------

    def set_node_state(self, node_id: str, **changes) -> None:
        self._states.setdefault(node_id, {}).update(changes)
        if node_id in self.items:
            self.items[node_id].set_state(**changes)

    def set_emphasis(self, nodes: set[str] | None, edges: set[str] | None) -> None:
        """Dim everything except `nodes` and `edges`; None shows everything normally."""
        for node_id in self.items:
            self.set_node_state(node_id, dimmed=nodes is not None and node_id not in nodes,
                                strong=nodes is not None and node_id in nodes)
        for edge_id, item in self.edge_items.items():
            state = (edges is not None and edge_id not in edges,
                     edges is not None and edge_id in edges)
            self._edge_states[edge_id] = state
            item.set_state(*state)

    def set_figure(self, node_id: str, svg: str, description: str = "") -> None:
        """Draw `svg` inside the node `node_id`, above its label, in the free space above the
        node (the drug node shows the chosen drug's structure); "" removes it. `description`
        (the drawing's text alternative) joins the node's tooltip."""
        if svg:
            self._figures[node_id] = (svg, description)
        else:
            self._figures.pop(node_id, None)
        self._place_figure(node_id)

    def figure_of(self, node_id: str) -> str:
        """The SVG text drawn in a node now ("" when none)."""
        item = self.items.get(node_id)
        if item is None or item.figure is None:
            return ""
        return self._figures.get(node_id, ("", ""))[0]

    def _figure_area(self, node_id: str) -> QRectF | None:
        """The empty space straight above a node (up to the nearest node, frame or legend,
        at most 9 em tall), or None when less than 3 em is free."""
        layout = self.layout_result
        if layout is None or node_id not in layout.nodes:
            return None
        box, em = layout.nodes[node_id].box, layout.em
        obstacles = [g.box for n, g in layout.nodes.items() if n != node_id]
        obstacles += [g.box for g in layout.groups.values()]
        obstacles += [layout.legend.box] if layout.legend is not None else []
        above = [o.bottom for o in obstacles
                 if o.x < box.right and o.right > box.x and o.bottom <= box.y + 0.5]
        top = max(max(above, default=box.y - 9.6 * em) + 0.6 * em, box.y - 9 * em)
        if box.y - top < 3 * em:
            return None
        return QRectF(box.x, top, box.w, box.y - top)

    def _place_figure(self, node_id: str) -> None:
        item = self.items.get(node_id)
        if item is None:
            return
        svg, description = self._figures.get(node_id, ("", ""))
        area = self._figure_area(node_id) if svg else None
        renderer = None
        if svg and area is not None:
            from PySide6.QtSvg import QSvgRenderer  # loaded with the first drawing shown

            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")), self)
            if not renderer.isValid():
                renderer, area = None, None
        item.set_figure(renderer, area)
        tooltip = self.tooltips.get(node_id, "")
        item.setToolTip(f"{tooltip}\n\n{description}".strip() if renderer else tooltip)
        shown = [self._figures[n][1] for n, i in self.items.items()
                 if i.figure is not None and n in self._figures]
        self.setAccessibleDescription(" ".join([self.base_description, *shown]))

    def set_drug_overlay(self, nodes: set[str], color: str) -> None:
        for node_id in self.items:
            self.set_node_state(node_id, drug_color=color if node_id in nodes else "")

    def node_state(self, node_id: str) -> NodeState | None:
        item = self.items.get(node_id)
        return item.state if item else None

    def focused_node(self) -> str:
        item = self._scene.focusItem()
        return item.node.id if isinstance(item, NodeItem) else ""

    def focus_node(self, node_id: str) -> bool:
        item = self.items.get(node_id)
        if item is None:
            return False
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        item.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureVisible(item, 20, 20)
        return True

    # -- zoom --------------------------------------------------------------------------------

    def fit(self) -> None:
        """Fit the diagram to the window at normal text size.

        A larger text size (Ctrl+=) rebuilds the diagram larger; fitting that to the window
        would shrink the text back, so the fit is multiplied by the text-size factor and the
        diagram scrolls instead.
        """
        if self._scene.sceneRect().isEmpty():
            return
        self.resetTransform()
        self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        scale = min(self.transform().m11(), 1.6) * max(1.0, float(self.font_scale()))
        self.resetTransform()
        self.scale(scale, scale)

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        current = self.transform().m11()
        factor = max(0.25 / current, min(factor, 4.0 / current))
        self.scale(factor, factor)

    def reset_zoom(self) -> None:
        self.auto_fit = True
        self.fit()

    def current_scale(self) -> float:
        return self.transform().m11()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    # -- keys and focus ----------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        name = key_name(event.key())
        if mods == Qt.KeyboardModifier.NoModifier and name in STEP_KEYS:
            self.step_key_pressed.emit(name)
            event.accept()
            return
        if mods == Qt.KeyboardModifier.NoModifier and event.key() in (Qt.Key.Key_Plus,
                                                                        Qt.Key.Key_Equal):
            self.zoom(1.2)
            return
        if mods == Qt.KeyboardModifier.NoModifier and event.key() == Qt.Key.Key_Minus:
            self.zoom(1 / 1.2)
            return
        if mods == Qt.KeyboardModifier.NoModifier and event.key() == Qt.Key.Key_0:
            self.reset_zoom()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if self._scene.focusItem() is None and self._scene.tab_items:
            if event.reason() == Qt.FocusReason.TabFocusReason:
                self._scene.tab_items[0].setFocus(Qt.FocusReason.TabFocusReason)
            elif event.reason() == Qt.FocusReason.BacktabFocusReason:
                self._scene.tab_items[-1].setFocus(Qt.FocusReason.BacktabFocusReason)

    # -- export ------------------------------------------------------------------------------

    def render_to(self, painter: QPainter, target: QRectF, source: QRectF | None = None) -> None:
        """Draw the diagram (or its `source` part, in scene coordinates) into `target` on
        any painter (a slide, a PDF page), as vector shapes and text, without a focus ring."""
        self._render(painter, target, source)

    def _render(self, painter: QPainter, target: QRectF, source: QRectF | None = None) -> None:
        """Render the scene for export: no focus ring, and no cached pixmaps (so an SVG
        gets vector shapes and text, and a PNG is drawn at its own resolution)."""
        focus = self._scene.focusItem()
        if focus is not None:
            self._scene.setFocusItem(None)
        cached = [item for item in self._scene.items()
                  if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
        for item in cached:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            self._scene.render(painter, target, source or self._scene.sceneRect())
        finally:
            for item in cached:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if focus is not None:
                self._scene.setFocusItem(focus)

    def export_png(self, path: str | Path, scale: float = 2.0) -> Path:
        """Write the diagram as a PNG at `scale` times its on-screen size."""
        source = self._scene.sceneRect()
        image = QImage(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)),
                       QImage.Format.Format_ARGB32)
        image.fill(QColor(self.colors.base))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        self._render(painter, QRectF(image.rect()))
        painter.end()
        from desktop.core.files import atomic_target

        with atomic_target(Path(path)) as temporary:  # the whole file or the old one
            if not image.save(str(temporary), "PNG"):
                raise OSError(0, "the image could not be written")
        return Path(path)

    def export_svg(self, path: str | Path, title: str = "IMiD mechanism") -> Path:
        """Write the diagram as SVG (vector text and shapes)."""
        from PySide6.QtSvg import QSvgGenerator

        source = self._scene.sceneRect()
        size = QSize(max(1, int(source.width())), max(1, int(source.height())))
        from desktop.core.files import atomic_target

        with atomic_target(Path(path)) as temporary:  # the whole file or the old one
            generator = QSvgGenerator()
            generator.setFileName(str(temporary))
            generator.setSize(size)
            generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
            generator.setTitle(title)
            generator.setDescription("IMiD Atlas: how IMiDs and CELMoDs work through cereblon")
            painter = QPainter()
            if not painter.begin(generator):
                raise OSError(0, "the drawing could not be written")
            self._render(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            del generator  # the file is complete once its generator is gone
            if temporary.stat().st_size == 0:
                raise OSError(0, "the drawing could not be written")
        return Path(path)
