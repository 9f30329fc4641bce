"""A small map of the whole mechanism diagram, for a step slide: where the step sits.

A step slide draws only the step's parts, large enough for the back row; the map beside it
shows every part of the diagram as a box without text (edges as thin lines) in the diagram's
own grid, the step's parts and edges highlighted and the rest dimmed. It carries no text, so
it is decorative for the 1/30-of-the-screen rule; its `description` says in words what it
shows (for screen readers).

Coordinates are fractions of the map's rectangle (0..1 both ways); `aspect` is the width the
map wants for a height of 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.mechanism.diagram import Diagram

#: A row of the diagram's grid as a fraction of a column (boxes are wider than tall).
ROW_PITCH = 0.55
#: A box's share of its column's width and of its row's height.
BOX_WIDTH = 0.72
BOX_HEIGHT = 0.62
#: The room round the outermost boxes, in columns.
BORDER = 0.2


@dataclass(frozen=True)
class MapBox:
    """One part of the diagram: where its box goes (fractions of the map) and if lit."""

    node_id: str
    label: str
    x: float
    y: float
    w: float
    h: float
    highlighted: bool

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True)
class MapLine:
    """One edge of the diagram, from its source's box centre to its target's."""

    edge_id: str
    start: tuple[float, float]
    end: tuple[float, float]
    highlighted: bool


@dataclass(frozen=True)
class OverviewMap:
    """Every box and line of the map, its width-to-height ratio and its description."""

    boxes: tuple[MapBox, ...] = ()
    lines: tuple[MapLine, ...] = ()
    aspect: float = 1.0
    description: str = ""

    @property
    def highlighted(self) -> set[str]:
        """The ids of the highlighted parts."""
        return {box.node_id for box in self.boxes if box.highlighted}


def _where(value: float, low: float, high: float, words: tuple[str, str, str]) -> str:
    if high - low < 1e-9:
        return words[1]
    share = (value - low) / (high - low)
    return words[0] if share < 0.34 else words[2] if share > 0.66 else words[1]


def overview_map(diagram: Diagram, node_ids: Iterable[str],
                 edge_ids: Iterable[str]) -> OverviewMap:
    """The map of the whole `diagram` with the parts `node_ids` and edges `edge_ids` lit.

    An edge is lit when it is one of `edge_ids`; unknown ids are ignored.
    """
    nodes = diagram.nodes
    if not nodes:
        return OverviewMap()
    wanted = list(dict.fromkeys(node_ids))
    lit = set(wanted)
    lit_edges = set(edge_ids)
    left = min(n.x for n in nodes)
    right = max(n.x for n in nodes) + 1
    top = min(n.y for n in nodes)
    bottom = max(n.y for n in nodes) + 1
    width = right - left + 2 * BORDER
    height = (bottom - top) * ROW_PITCH + 2 * BORDER
    box_w, box_h = BOX_WIDTH / width, BOX_HEIGHT * ROW_PITCH / height
    boxes: dict[str, MapBox] = {}
    for node in nodes:
        cx = (BORDER + node.x - left + 0.5) / width
        cy = (BORDER + (node.y - top + 0.5) * ROW_PITCH) / height
        boxes[node.id] = MapBox(node.id, node.label, cx - box_w / 2, cy - box_h / 2, box_w,
                                box_h, node.id in lit)
    lines = tuple(MapLine(edge.id, boxes[edge.source].center, boxes[edge.target].center,
                          edge.id in lit_edges)
                  for edge in diagram.edges
                  if edge.source in boxes and edge.target in boxes)
    shown = [boxes[i] for i in wanted if i in boxes]  # in the step's own order
    return OverviewMap(tuple(boxes.values()), lines, width / height,
                       _describe(shown, len(boxes)))


def _describe(shown: list[MapBox], total: int) -> str:
    """'Where this step sits in the whole diagram: …' in words."""
    start = "Where this step sits in the whole diagram: "
    if not shown:
        return start + f"a map of its {total} parts, none of them this step's."
    xs = [b.center[0] for b in shown]
    ys = [b.center[1] for b in shown]
    across = _where(sum(xs) / len(xs), 0.25, 0.75, ("left", "middle", "right"))
    down = _where(sum(ys) / len(ys), 0.25, 0.75, ("top", "middle", "bottom"))
    place = "the middle" if across == down == "middle" else \
        f"the {across}" if down == "middle" else f"the {down}" if across == "middle" else \
        f"the {down} {across}"
    names = ", ".join(b.label for b in shown)
    count = "part" if len(shown) == 1 else "parts"
    return (start + f"a map of its {total} parts with this step's {len(shown)} {count} "
            f"highlighted ({names}), towards {place} of the diagram; the rest dimmed.")
