"""The mechanism diagram without Qt: its records, layout, narration and label practice.

The Qt view (`desktop.mechanism`) only paints what this module computes, so the same logic
serves the presenter mode and is tested without a display:

- `load_diagram` reads the nodes, edges, groups, steps and drug highlights from the content
  database.
- `layout_diagram` turns grid positions into boxes, given a text-measuring function, and
  `layout_problems` lists every overlap (labels, frames, edges through nodes), so "labels
  never overlap" is checked, not hoped for.
- `Narration` is the step-through state (Next/Previous and the clicker keys).
- `LabelPractice` is one "Hide the labels" round with tolerant name matching (rapidfuzz).
"""

from __future__ import annotations

import random
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from db.label_practice import PracticeAnswer

# -- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A box in the diagram; `x`, `y` are grid positions (columns and rows, may be fractional)."""

    id: str
    label: str
    kind: str
    term: str
    x: float
    y: float
    sources: tuple[str, ...] = ()
    caption: str = ""
    group: str = ""
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    label: str = ""
    kind: str = "leads-to"
    uncertain: bool = False


@dataclass(frozen=True)
class Group:
    """A framed set of nodes (the ligase complex, the teratogenic branch)."""

    id: str
    label: str
    term: str = ""


@dataclass(frozen=True)
class Step:
    id: str
    order: int
    title: str
    text: str
    nodes: tuple[str, ...]
    edges: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Highlight:
    """What one drug is known for in the diagram, with the evidence."""

    id: str
    drug: str
    nodes: tuple[str, ...]
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diagram:
    """Every diagram record, with lookups by id."""

    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    groups: tuple[Group, ...] = ()
    steps: tuple[Step, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    _node_index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._node_index.update({n.id: n for n in self.nodes})

    @property
    def empty(self) -> bool:
        return not self.nodes

    def node(self, node_id: str) -> Node | None:
        return self._node_index.get(node_id)

    def tab_order(self) -> list[Node]:
        """Nodes in reading order of the flow: column by column, top to bottom."""
        return sorted(self.nodes, key=lambda n: (n.x, n.y, n.id))

    def members(self, group_id: str) -> list[Node]:
        return [n for n in self.nodes if n.group == group_id]

    def highlight_for(self, drug_id: str) -> Highlight | None:
        return next((h for h in self.highlights if h.drug == drug_id), None)

    def edges_among(self, node_ids: Iterable[str]) -> tuple[str, ...]:
        """Ids of the edges whose two ends are both in `node_ids`."""
        ids = set(node_ids)
        return tuple(e.id for e in self.edges if e.source in ids and e.target in ids)

    def step_edges(self, step: Step) -> tuple[str, ...]:
        """The edges a step highlights: its own list, else every edge among its nodes."""
        return step.edges or self.edges_among(step.nodes)


def _tuple(value) -> tuple[str, ...]:
    return tuple(value or ())


def diagram_from_records(nodes: Sequence[dict], edges: Sequence[dict] = (),
                         groups: Sequence[dict] = (), steps: Sequence[dict] = (),
                         highlights: Sequence[dict] = ()) -> Diagram:
    """A `Diagram` from raw records as stored by the content build."""
    return Diagram(
        nodes=tuple(
            Node(id=d["id"], label=d["label"], kind=d["kind"], term=d["term"],
                 x=float(d["x"]), y=float(d["y"]), sources=_tuple(d.get("sources")),
                 caption=d.get("caption", ""), group=d.get("group", ""),
                 answers=_tuple(d.get("answers")))
            for d in nodes),
        edges=tuple(
            Edge(id=d["id"], source=d["source"], target=d["target"], label=d.get("label", ""),
                 kind=d.get("kind", "leads-to"), uncertain=bool(d.get("uncertain", False)))
            for d in edges),
        groups=tuple(Group(id=d["id"], label=d["label"], term=d.get("term", ""))
                     for d in groups),
        steps=tuple(sorted(
            (Step(id=d["id"], order=int(d["order"]), title=d["title"], text=d["text"].strip(),
                  nodes=_tuple(d.get("nodes")), edges=_tuple(d.get("edges")),
                  sources=_tuple(d.get("sources")))
             for d in steps), key=lambda s: (s.order, s.id))),
        highlights=tuple(
            Highlight(id=d["id"], drug=d["drug"], nodes=_tuple(d.get("nodes")),
                      text=d["text"].strip(), sources=_tuple(d.get("sources")))
            for d in highlights),
    )


def load_diagram(content) -> Diagram:
    """The diagram from a `ContentDB` (an empty diagram when the content has none)."""
    try:
        return diagram_from_records(*(content.diagram(kind) for kind in
                                      ("node", "edge", "group", "step", "highlight")))
    except (sqlite3.Error, ValueError):
        return Diagram()


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
                   metrics: LayoutMetrics | None = None) -> DiagramLayout:
    """Boxes for every node, frame, edge label and the legend.

    All nodes share one size (the largest label decides), and grid positions are multiplied
    by that size plus the gaps, so nodes on distinct grid cells can never overlap at any
    font size. Edge labels take the first free spot along their curve.
    """
    m = metrics or LayoutMetrics()
    wrap = m.label_width * em
    sizes: dict[str, tuple[tuple[float, float], tuple[float, float] | None]] = {}
    for node in diagram.nodes:
        label = measure(node.label, "label", wrap)
        caption = measure(node.caption, "caption", wrap) if node.caption else None
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

    nodes: dict[str, NodeGeometry] = {}
    for node in diagram.nodes:
        (lw, lh), caption = sizes[node.id]
        cx, cy = node.x * pitch_x, node.y * pitch_y
        box = Box(cx - node_w / 2, cy - node_h / 2, node_w, node_h)
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
        frame = Box(inner.x, header.y - pad * 0.6, inner.w, inner.bottom - (header.y - pad * 0.6))
        groups[group.id] = GroupGeometry(group.id, frame, header)

    obstacles = [g.box for g in nodes.values()] + [g.header_box for g in groups.values()]
    legend = _place_legend(diagram, nodes, groups, measure, em, pitch_x, pitch_y, m)
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


# -- narration -------------------------------------------------------------------------------

#: Key names (as Qt spells them without the `Key_` prefix) and what they do in a narration.
#: Presentation clickers send PageDown/PageUp (some send arrows or B for a blank screen).
NEXT_KEYS = frozenset({"Right", "Down", "PageDown", "Space"})
PREVIOUS_KEYS = frozenset({"Left", "Up", "PageUp", "Backspace"})
FIRST_KEYS = frozenset({"Home"})
LAST_KEYS = frozenset({"End"})


class Narration:
    """Step-through state: an overview (index -1) followed by the steps in order."""

    def __init__(self, steps: Sequence[Step]):
        self.steps = tuple(sorted(steps, key=lambda s: (s.order, s.id)))
        self.index = -1

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    @property
    def at_start(self) -> bool:
        return self.index <= -1

    @property
    def at_end(self) -> bool:
        return self.index >= len(self.steps) - 1

    def go(self, index: int) -> bool:
        """Jump to `index` (-1 is the overview); False when that is where it already was."""
        index = max(-1, min(index, len(self.steps) - 1))
        if index == self.index:
            return False
        self.index = index
        return True

    def next(self) -> bool:
        return self.go(self.index + 1)

    def previous(self) -> bool:
        return self.go(self.index - 1)

    def first(self) -> bool:
        return self.go(0)

    def last(self) -> bool:
        return self.go(len(self.steps) - 1)

    def reset(self) -> bool:
        return self.go(-1)

    def go_to_step(self, step_id: str) -> bool:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                self.go(i)
                return True
        return False

    def handle_key(self, key_name: str) -> bool:
        """Apply a clicker or keyboard key by name; True when the position changed."""
        if key_name in NEXT_KEYS:
            return self.next()
        if key_name in PREVIOUS_KEYS:
            return self.previous()
        if key_name in FIRST_KEYS:
            return self.first()
        if key_name in LAST_KEYS:
            return self.last()
        return False

    def position_label(self) -> str:
        if self.current is None:
            return f"Overview · {len(self.steps)} steps"
        return f"Step {self.index + 1} of {len(self.steps)}"


# -- label practice --------------------------------------------------------------------------

PRACTICE_SCOPES = {
    "neosubstrates": "The neosubstrates",
    "ligase": "The ligase and the drug",
    "downstream": "What follows degradation",
    "all": "Every label",
}
_SCOPE_KINDS = {
    "neosubstrates": {"neosubstrate"},
    "ligase": {"ligase", "drug"},
    "downstream": {"process", "effect", "cell", "teratogenic"},
}
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "Δ": "delta"}


def practice_nodes(diagram: Diagram, scope: str) -> list[Node]:
    """The nodes a practice scope hides, in reading order."""
    kinds = _SCOPE_KINDS.get(scope)
    return [n for n in diagram.tab_order() if kinds is None or n.kind in kinds]


def normalise_name(text: str) -> str:
    """Lower case, Greek letters spelled out, accents and punctuation dropped, spaces single."""
    text = "".join(_GREEK.get(ch, ch) for ch in text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def _compact(text: str) -> str:
    return normalise_name(text).replace(" ", "")


def accepted_names(node: Node, term=None) -> tuple[str, ...]:
    """Every name that counts as naming `node`: its label (and the parts in and outside
    brackets), its authored answers, and the glossary headword, abbreviations and synonyms."""
    names = [node.label, *node.answers]
    outside = re.sub(r"\([^)]*\)", " ", node.label).strip()
    names.append(outside)
    names.extend(re.findall(r"\(([^)]*)\)", node.label))
    if term is not None:
        names.extend([term.term, *term.abbreviations, *term.synonyms])
    seen, result = set(), []
    for name in names:
        key = _compact(name)
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return tuple(result)


def name_similarity(typed: str, name: str) -> float:
    """0-100: how closely `typed` matches `name`, ignoring case, spacing and punctuation.

    Short names (five characters or fewer once compacted: IKZF1, p63, DDB1) must be typed
    exactly, because one changed character there names a different protein.
    """
    a, b = _compact(typed), _compact(name)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if len(b) <= 5:
        return 0.0
    from rapidfuzz import fuzz

    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(normalise_name(typed),
                                                       normalise_name(name)))


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer."""

    node_id: str
    answer: str
    correct: bool
    expected: str
    similarity: float
    #: the node the answer named instead, when it clearly named another one
    confused_with: str = ""
    method: str = "typed"


class LabelPractice:
    """One "Hide the labels" round: hidden nodes are numbered and named one at a time.

    `names` maps every diagram node id to its accepted names (see `accepted_names`); the
    nodes not hidden still count, so naming the wrong protein is recognised as such.
    """

    def __init__(self, hidden: Sequence[Node], names: dict[str, tuple[str, ...]],
                 scope: str = "", drug: str = "", threshold: float = 85.0,
                 shuffle: random.Random | None = None):
        order = list(hidden)
        if shuffle is not None:
            shuffle.shuffle(order)
        self.hidden = tuple(order)
        self.numbers = {n.id: i + 1 for i, n in enumerate(self.hidden)}
        self.names = names
        self.scope = scope
        self.drug = drug
        self.threshold = threshold
        self.answers: dict[str, PracticeAnswer] = {}
        self.verdicts: dict[str, Verdict] = {}
        self._current = self.hidden[0].id if self.hidden else None

    @property
    def total(self) -> int:
        return len(self.hidden)

    @property
    def correct(self) -> int:
        return sum(1 for a in self.answers.values() if a.correct)

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.hidden)

    @property
    def current(self) -> str | None:
        return self._current

    def label_of(self, node_id: str) -> str:
        return next((n.label for n in self.hidden if n.id == node_id), node_id)

    def is_hidden(self, node_id: str) -> bool:
        """Still hidden: in this round and not yet answered."""
        return node_id in self.numbers and node_id not in self.answers

    def select(self, node_id: str) -> bool:
        """Make `node_id` the one to name next (when it is still hidden)."""
        if not self.is_hidden(node_id):
            return False
        self._current = node_id
        return True

    def choices(self) -> list[str]:
        """Labels to pick from: every hidden node's label, alphabetically (answered too, so
        the list does not shrink into a giveaway)."""
        return sorted({n.label for n in self.hidden}, key=str.casefold)

    def _advance(self) -> None:
        ids = [n.id for n in self.hidden]
        if not ids:
            self._current = None
            return
        start = ids.index(self._current) if self._current in ids else -1
        for offset in range(1, len(ids) + 1):
            candidate = ids[(start + offset) % len(ids)]
            if candidate not in self.answers:
                self._current = candidate
                return
        self._current = None

    def judge(self, node_id: str, text: str) -> Verdict:
        """Judge `text` as a name for `node_id` without recording it."""
        expected = self.label_of(node_id)
        best = max((name_similarity(text, name) for name in self.names.get(node_id, ())),
                   default=0.0)
        rival, rival_score = "", 0.0
        for other_id, names in self.names.items():
            if other_id == node_id:
                continue
            score = max((name_similarity(text, name) for name in names), default=0.0)
            if score > rival_score:
                rival, rival_score = other_id, score
        correct = best >= self.threshold and best >= rival_score
        confused = rival if (not correct and rival_score >= self.threshold) else ""
        return Verdict(node_id, text, correct, expected, best, confused)

    def answer(self, text: str, method: str = "typed") -> Verdict:
        """Record an answer for the current node and move on to the next hidden one."""
        node_id = self._current
        if node_id is None:
            raise ValueError("every hidden label has been answered")
        text = (text or "").strip()
        if method == "skipped" or not text:
            verdict = Verdict(node_id, text, False, self.label_of(node_id), 0.0, "", "skipped")
        else:
            verdict = self.judge(node_id, text)
            verdict = Verdict(verdict.node_id, verdict.answer, verdict.correct,
                              verdict.expected, verdict.similarity, verdict.confused_with,
                              method)
        self.verdicts[node_id] = verdict
        self.answers[node_id] = PracticeAnswer(node_id, text, verdict.correct, verdict.method)
        self._advance()
        return verdict

    def skip(self) -> Verdict:
        return self.answer("", "skipped")

    def results(self) -> list[PracticeAnswer]:
        """Every hidden node's answer in number order; unanswered ones count as skipped."""
        return [self.answers.get(n.id, PracticeAnswer(n.id, "", False, "skipped"))
                for n in self.hidden]

    def score_text(self) -> str:
        return f"{self.correct} of {self.total}"
