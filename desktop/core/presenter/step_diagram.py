"""The part of the mechanism diagram one narration step is about, laid out for a slide.

The whole diagram (seven columns, twenty-odd boxes) cannot be projected with labels the back
row reads (a thirtieth of the screen height), so a slide draws only the step's parts and the
step's edges, in the diagram's own order: its columns keep their left-to-right order, its rows
their top-to-bottom order, and the empty columns and rows between them are closed up. Groups
(the ligase, the neosubstrates, the teratogenic branch) keep their frames and headings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from desktop.core.mechanism.diagram import Diagram, Node

#: The largest distance (in rows) kept between two neighbouring rows of the step.
ROW_GAP = 1.0
#: The distance between two boxes of one column that belong to different groups: room for
#: the lower group's frame and heading (the diagram itself leaves 1.3 rows there).
GROUP_GAP = 1.3


def step_diagram(diagram: Diagram, node_ids: Iterable[str], edge_ids: Iterable[str],
                 captions: bool = True, edge_labels: bool = True,
                 group_gap: float = GROUP_GAP, joined_gap: float = ROW_GAP) -> Diagram:
    """A diagram of the nodes `node_ids` and the edges `edge_ids` only, closed up.

    `captions=False` leaves out every node's second line and `edge_labels=False` the words
    on the edges (a slide with many parts draws the names alone, larger); `group_gap` is the
    distance (in rows) between two boxes of
    one column in different groups, `joined_gap` between two boxes of one column joined by
    one of the edges (room for its arrow). Unknown ids are skipped; the steps and drug
    highlights are not carried over.
    """
    wanted = list(dict.fromkeys(node_ids))
    nodes = [n for n in (diagram.node(i) for i in wanted) if n is not None]
    if not nodes:
        return Diagram()
    columns = {x: float(i) for i, x in enumerate(sorted({n.x for n in nodes}))}
    chosen = set(edge_ids)
    joined = {frozenset((e.source, e.target)) for e in diagram.edges if e.id in chosen}
    rows = _rows(nodes, group_gap, joined, joined_gap)
    placed = tuple(dataclasses.replace(n, x=columns[n.x], y=rows[n.y],
                                       caption=n.caption if captions else "")
                   for n in nodes)
    ids = {n.id for n in placed}
    edges = tuple(e if edge_labels else dataclasses.replace(e, label="")
                  for e in diagram.edges
                  if e.id in chosen and e.source in ids and e.target in ids)
    groups = tuple(g for g in diagram.groups if any(n.group == g.id for n in placed))
    return Diagram(nodes=placed, edges=edges, groups=groups)


def _rows(nodes: list[Node], group_gap: float, joined: set[frozenset[str]],
          joined_gap: float) -> dict[float, float]:
    """Each original row value -> its closed-up row: neighbouring rows at most ROW_GAP apart,
    two boxes of one column in different groups `group_gap` apart, and two joined by an
    edge at least `joined_gap` apart."""
    values = sorted({n.y for n in nodes})
    by_column: dict[float, list[Node]] = {}
    for node in sorted(nodes, key=lambda n: n.y):
        by_column.setdefault(node.x, []).append(node)
    above: dict[float, list[tuple[float, float]]] = {}  # row -> (row above, least distance)
    for column in by_column.values():
        for upper, lower in zip(column, column[1:]):
            least = 0.0
            if upper.group != lower.group:
                least = group_gap
            if frozenset((upper.id, lower.id)) in joined:
                least = max(least, joined_gap)
            above.setdefault(lower.y, []).append((upper.y, least))
    rows: dict[float, float] = {}
    previous = None
    for value in values:
        if previous is None:
            rows[value] = 0.0
        else:
            row = rows[previous] + min(value - previous, ROW_GAP)
            for upper, least in above.get(value, ()):
                row = max(row, rows[upper] + least)
            rows[value] = row
        previous = value
    return rows
