"""Where the mechanism diagram's boxes, edges, groups and legend go, as plain data.

`layout_diagram` turns grid positions into boxes, given a text-measuring function, and
`layout_problems` lists every overlap (labels, frames, edges through nodes), so "labels
never overlap" is checked, not hoped for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.core.mechanism.diagram import Diagram

# -- geometry --------------------------------------------------------------------------------

#: measure(text, role, wrap_width) -> (width, height) of `text` wrapped at `wrap_width`.
#: Roles: "label" (node name), "caption" (node second line), "edge", "group", "legend".
Measure = Callable[[str, str, float], tuple[float, float]]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner, width and height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def intersects(self, other: Box, margin: float = 0.0) -> bool:
        """True when the boxes overlap by more than touching (after growing by `margin`)."""
        return (self.x - margin < other.right and other.x < self.right + margin
                and self.y - margin < other.bottom and other.y < self.bottom + margin)

    def contains_point(self, px: float, py: float, inset: float = 0.0) -> bool:
        return (self.x + inset < px < self.right - inset
                and self.y + inset < py < self.bottom - inset)

    def contains_box(self, other: Box, tolerance: float = 0.5) -> bool:
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance
                and other.bottom <= self.bottom + tolerance)

    def inflated(self, d: float) -> Box:
        return Box(self.x - d, self.y - d, self.w + 2 * d, self.h + 2 * d)

    def union(self, other: Box) -> Box:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


def union_all(boxes: Iterable[Box]) -> Box | None:
    result = None
    for box in boxes:
        result = box if result is None else result.union(box)
    return result


@dataclass(frozen=True)
class LayoutMetrics:
    """Spacing in units of the label font's em, so the diagram scales with the text size."""

    label_width: float = 10.0
    min_node_width: float = 7.0
    pad_x: float = 0.6
    pad_y: float = 0.4
    caption_gap: float = 0.05
    gap_x: float = 3.2
    gap_y: float = 1.0
    group_pad: float = 0.45
    header_gap: float = 0.2
    margin: float = 1.0
    label_pad: float = 0.2


@dataclass(frozen=True)
class NodeGeometry:
    node_id: str
    box: Box
    label_box: Box
    caption_box: Box | None = None


@dataclass(frozen=True)
class EdgeGeometry:
    """An edge as a cubic Bézier (p0, c1, c2, p3); a straight edge has c1 == p0, c2 == p3."""

    edge_id: str
    points: tuple[tuple[float, float], ...]
    label_box: Box | None = None

    def point_at(self, t: float) -> tuple[float, float]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.points
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        return (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)

    def samples(self, n: int = 48) -> list[tuple[float, float]]:
        return [self.point_at(i / n) for i in range(n + 1)]

    @property
    def straight(self) -> bool:
        return self.points[1] == self.points[0] and self.points[2] == self.points[3]


@dataclass(frozen=True)
class GroupGeometry:
    group_id: str
    box: Box
    header_box: Box


@dataclass(frozen=True)
class LegendEntry:
    key: str
    text: str


LEGEND = (
    LegendEntry("binds", "binds"),
    LegendEntry("recruits", "recruits"),
    LegendEntry("leads-to", "leads to"),
    LegendEntry("part-of", "part of"),
    LegendEntry("uncertain", "uncertain link"),
)


@dataclass(frozen=True)
class LegendGeometry:
    box: Box
    #: (entry, swatch box, text box) per row
    rows: tuple[tuple[LegendEntry, Box, Box], ...]


@dataclass(frozen=True)
class DiagramLayout:
    """Where everything goes, in scene units (the label font's pixels)."""

    em: float
    nodes: dict[str, NodeGeometry]
    edges: dict[str, EdgeGeometry]
    groups: dict[str, GroupGeometry]
    legend: LegendGeometry | None
    bounds: Box
    node_size: tuple[float, float] = (0.0, 0.0)


def approximate_measure(char_width: float = 7.0, line_height: float = 16.0) -> Measure:
    """A Qt-free stand-in for font metrics: fixed-width characters, greedy word wrapping."""

    def measure(text: str, role: str, wrap: float) -> tuple[float, float]:
        scale = 0.85 if role in ("caption", "edge") else 1.0
        cw, lh = char_width * scale, line_height * scale
        per_line = max(1, int(wrap // cw))
        lines, current = [], ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if len(candidate) <= per_line or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
        return (max(len(line) for line in lines) * cw, len(lines) * lh)

    return measure


def _edge_points(s: Box, t: Box, pitch_x: float) -> tuple[tuple[float, float], ...]:
    """Route an edge: vertical within a column, else an S-curve through the column gap.

    Leaving and entering horizontally keeps a curve inside the gap between its two columns,
    so it cannot cross a node standing in either column.
    """
    if abs(s.cx - t.cx) < pitch_x * 0.5:
        if t.cy >= s.cy:
            p0, p3 = (s.cx, s.bottom), (t.cx, t.y)
        else:
            p0, p3 = (s.cx, s.y), (t.cx, t.bottom)
        return (p0, p0, p3, p3)
    if s.cx < t.cx:
        p0, p3 = (s.right, s.cy), (t.x, t.cy)
    else:
        p0, p3 = (s.x, s.cy), (t.right, t.cy)
    if abs(p0[1] - p3[1]) < 0.5:
        return (p0, p0, p3, p3)
    mid = (p0[0] + p3[0]) / 2
    return (p0, (mid, p0[1]), (mid, p3[1]), p3)


def layout_diagram(diagram: Diagram, measure: Measure, em: float,
                   metrics: LayoutMetrics | None = None, legend: bool = True,
                   fit_columns: bool = False,
                   column_wraps: dict[float, float] | None = None,
                   one_line_headings: bool = False) -> DiagramLayout:
    """Boxes for every node, frame, edge label and (unless `legend` is False) the legend.

    All nodes share one size (the largest label decides), and grid positions are multiplied
    by that size plus the gaps, so nodes on distinct grid cells can never overlap at any
    font size. With `fit_columns`, each column (each distinct x, in order) is as wide as its
    own widest node and its boxes as tall as its own tallest, the columns a gap apart and
    each column's rows its own box height apart (a compact picture, as on a slide);
    `column_wraps` gives some columns (by x) a wider wrap width for their names than the
    metrics' (never a narrower one), and `one_line_headings` makes a column holding a whole
    group as wide as the group's heading on one line.
    Edge labels take the first free spot along their curve.
    """
    m = metrics or LayoutMetrics()
    wrap = m.label_width * em
    sizes: dict[str, tuple[tuple[float, float], tuple[float, float] | None]] = {}
    for node in diagram.nodes:
        width = max(wrap, (column_wraps or {}).get(node.x, wrap))
        label = measure(node.label, "label", width)
        caption = measure(node.caption, "caption", width) if node.caption else None
        sizes[node.id] = (label, caption)

    def content_height(label, caption) -> float:
        return label[1] + (caption[1] + m.caption_gap * em if caption else 0.0)

    widest = max((max(lab[0], cap[0] if cap else 0.0) for lab, cap in sizes.values()),
                 default=0.0)
    tallest = max((content_height(lab, cap) for lab, cap in sizes.values()), default=0.0)
    node_w = max(widest + 2 * m.pad_x * em, m.min_node_width * em)
    node_h = tallest + 2 * m.pad_y * em
    pitch_x = node_w + m.gap_x * em
    pitch_y = node_h + m.gap_y * em
    centres = {x: x * pitch_x for x in {n.x for n in diagram.nodes}}
    widths = dict.fromkeys(centres, node_w)
    heights = dict.fromkeys(centres, node_h)
    if fit_columns and diagram.nodes:
        for x in heights:
            heights[x] = max(content_height(*sizes[n.id]) for n in diagram.nodes
                             if n.x == x) + 2 * m.pad_y * em
        for x in widths:
            widths[x] = max(max(max(lab[0], cap[0] if cap else 0.0) + 2 * m.pad_x * em,
                                m.min_node_width * em)
                            for n in diagram.nodes if n.x == x
                            for lab, cap in (sizes[n.id],))
        for group in diagram.groups:  # a frame in one column: its heading's words fit
            columns = {n.x for n in diagram.members(group.id)}
            if len(columns) == 1:
                x = columns.pop()
                word = max((measure(w, "group", 1.0)[0] for w in group.label.split()),
                           default=0.0)
                if one_line_headings:
                    word = measure(group.label, "group", 1e6)[0]
                widths[x] = max(widths[x], word)
        # Between two columns, the gap; wider where an edge across it has a label to show.
        order = sorted(widths)
        gaps = dict.fromkeys(order, m.gap_x * em)
        column_of = {n.id: n.x for n in diagram.nodes}
        for edge in diagram.edges:
            ends = sorted((column_of.get(edge.source), column_of.get(edge.target)),
                          key=lambda x: -1e9 if x is None else x)
            if edge.label and None not in ends and ends[0] != ends[1]:
                lw = measure(edge.label, "edge", 6 * em)[0] + 2 * m.label_pad * em
                gaps[ends[1]] = max(gaps[ends[1]], lw + 1.2 * em)
        right = None
        for x in order:
            centres[x] = widths[x] / 2 if right is None else right + gaps[x] + widths[x] / 2
            right = centres[x] + widths[x] / 2
        # Distinct columns are at least this far apart (edges within a column run straight).
        pitch_x = min(widths.values()) + m.gap_x * em

    nodes: dict[str, NodeGeometry] = {}
    for node in diagram.nodes:
        (lw, lh), caption = sizes[node.id]
        width, height = widths[node.x], heights[node.x]
        cx, cy = centres[node.x], node.y * (height + m.gap_y * em if fit_columns else pitch_y)
        box = Box(cx - width / 2, cy - height / 2, width, height)
        total = content_height((lw, lh), caption)
        label_box = Box(cx - lw / 2, cy - total / 2, lw, lh)
        caption_box = None
        if caption:
            caption_box = Box(cx - caption[0] / 2, label_box.bottom + m.caption_gap * em,
                              caption[0], caption[1])
        nodes[node.id] = NodeGeometry(node.id, box, label_box, caption_box)

    groups: dict[str, GroupGeometry] = {}
    pad = m.group_pad * em
    for group in diagram.groups:
        members = union_all(nodes[n.id].box for n in diagram.members(group.id))
        if members is None:
            continue
        inner = members.inflated(pad)
        hw, hh = measure(group.label, "group", inner.w - 2 * pad)
        header = Box(inner.x + pad, members.y - pad - m.header_gap * em - hh, hw, hh)
        # A heading word longer than the frame is wide widens the frame (never cut).
        width = max(inner.w, hw + 2 * pad)
        frame = Box(inner.x, header.y - pad * 0.6, width, inner.bottom - (header.y - pad * 0.6))
        groups[group.id] = GroupGeometry(group.id, frame, header)

    obstacles = [g.box for g in nodes.values()] + [g.header_box for g in groups.values()]
    legend = _place_legend(diagram, nodes, groups, measure, em, pitch_x, pitch_y, m) \
        if legend else None
    if legend is not None:
        obstacles.append(legend.box)

    edges: dict[str, EdgeGeometry] = {}
    placed_labels: list[Box] = []
    for edge in diagram.edges:
        if edge.source not in nodes or edge.target not in nodes:
            continue
        points = _edge_points(nodes[edge.source].box, nodes[edge.target].box, pitch_x)
        geometry = EdgeGeometry(edge.id, points)
        label_box = None
        if edge.label:
            lw, lh = measure(edge.label, "edge", 6 * em)
            lp = m.label_pad * em
            candidates = []
            for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
                px, py = geometry.point_at(t)
                candidates.append(Box(px - lw / 2 - lp, py - lh / 2 - lp, lw + 2 * lp,
                                      lh + 2 * lp))
            label_box = next(
                (c for c in candidates
                 if not any(c.intersects(o, 0.15 * em) for o in obstacles + placed_labels)),
                candidates[0])
            placed_labels.append(label_box)
        edges[edge.id] = EdgeGeometry(edge.id, points, label_box)

    parts = ([g.box for g in nodes.values()] + [g.box for g in groups.values()]
             + placed_labels + ([legend.box] if legend else []))
    bounds = union_all(parts) or Box(0, 0, em, em)
    return DiagramLayout(em, nodes, edges, groups, legend, bounds.inflated(m.margin * em),
                         (node_w, node_h))


def _place_legend(diagram: Diagram, nodes: dict[str, NodeGeometry],
                  groups: dict[str, GroupGeometry], measure: Measure, em: float,
                  pitch_x: float, pitch_y: float, m: LayoutMetrics) -> LegendGeometry | None:
    """Put the legend in the first empty grid area (top-left first), else below the diagram."""
    if not diagram.nodes:
        return None
    swatch_w = 2.4 * em
    rows = []
    y = 0.0
    widest = 0.0
    for entry in LEGEND:
        tw, th = measure(entry.text, "legend", 12 * em)
        rows.append((entry, tw, th, y))
        widest = max(widest, tw)
        y += th + 0.15 * em
    pad = 0.4 * em
    width = swatch_w + 0.5 * em + widest + 2 * pad
    height = y - 0.15 * em + 2 * pad
    frames = [g.box for g in groups.values()] + [g.box for g in nodes.values()]
    xs = sorted({n.x for n in diagram.nodes})
    ys = sorted({n.y for n in diagram.nodes})
    top = min(n.box.y for n in nodes.values())
    left = min(n.box.x for n in nodes.values())
    candidates = [Box(x * pitch_x - pitch_x / 2 + 0.3 * em, max(top, y * pitch_y - pitch_y / 2),
                      width, height)
                  for x in xs for y in ys]
    candidates.sort(key=lambda b: (b.x, b.y))
    candidates.append(Box(left, max(f.bottom for f in frames) + em, width, height))
    for box in candidates:
        if box.x < left - 0.5:
            box = Box(left, box.y, width, height)
        if not any(box.intersects(f, 0.6 * em) for f in frames):
            break
    placed = []
    for entry, tw, th, offset in rows:
        swatch = Box(box.x + pad, box.y + pad + offset, swatch_w, th)
        text = Box(swatch.right + 0.5 * em, box.y + pad + offset, tw, th)
        placed.append((entry, swatch, text))
    return LegendGeometry(box, tuple(placed))


def layout_problems(diagram: Diagram, layout: DiagramLayout) -> list[str]:
    """Every overlap in a layout, as readable sentences (empty when the layout is clean).

    Checked: node boxes; label and caption text inside their node; group frames against each
    other and against nodes that are not members; group headers; edge labels; the legend;
    and every edge against the nodes it does not join (sampled along its curve).
    """
    problems: list[str] = []
    node_items = list(layout.nodes.values())
    for i, a in enumerate(node_items):
        for b in node_items[i + 1:]:
            if a.box.intersects(b.box):
                problems.append(f"nodes {a.node_id} and {b.node_id} overlap")
        for part, box in (("label", a.label_box), ("caption", a.caption_box)):
            if box is not None and not a.box.contains_box(box):
                problems.append(f"the {part} of {a.node_id} does not fit in its box")
    group_items = list(layout.groups.values())
    for i, g in enumerate(group_items):
        members = {n.id for n in diagram.members(g.group_id)}
        for n in node_items:
            if n.node_id not in members and g.box.intersects(n.box):
                problems.append(f"group {g.group_id} covers node {n.node_id}")
            if g.header_box.intersects(n.box):
                problems.append(f"the header of group {g.group_id} overlaps node {n.node_id}")
        if not g.box.contains_box(g.header_box):
            problems.append(f"the header of group {g.group_id} does not fit in its frame")
        for h in group_items[i + 1:]:
            if g.box.intersects(h.box):
                problems.append(f"groups {g.group_id} and {h.group_id} overlap")
    labels = [(e.edge_id, e.label_box) for e in layout.edges.values() if e.label_box]
    for i, (edge_id, box) in enumerate(labels):
        for n in node_items:
            if box.intersects(n.box):
                problems.append(f"the label of edge {edge_id} overlaps node {n.node_id}")
        for g in group_items:
            if box.intersects(g.header_box):
                problems.append(f"the label of edge {edge_id} overlaps group {g.group_id}")
        for other_id, other in labels[i + 1:]:
            if box.intersects(other):
                problems.append(f"the labels of edges {edge_id} and {other_id} overlap")
        if layout.legend and box.intersects(layout.legend.box):
            problems.append(f"the label of edge {edge_id} overlaps the legend")
    if layout.legend:
        for n in node_items:
            if layout.legend.box.intersects(n.box):
                problems.append(f"the legend overlaps node {n.node_id}")
        for g in group_items:
            if layout.legend.box.intersects(g.box):
                problems.append(f"the legend overlaps group {g.group_id}")
    edges = {e.id: e for e in diagram.edges}
    for geometry in layout.edges.values():
        edge = edges[geometry.edge_id]
        samples = geometry.samples()
        for n in node_items:
            if n.node_id in (edge.source, edge.target):
                continue
            if any(n.box.contains_point(px, py, inset=1.0) for px, py in samples):
                problems.append(f"edge {edge.id} runs through node {n.node_id}")
        for g in group_items:
            if any(g.header_box.contains_point(px, py) for px, py in samples):
                problems.append(f"edge {edge.id} runs through the header of {g.group_id}")
        if layout.legend and any(layout.legend.box.contains_point(px, py)
                                 for px, py in samples):
            problems.append(f"edge {edge.id} runs through the legend")
    return problems


