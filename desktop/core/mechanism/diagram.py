"""The mechanism diagram's records (nodes, edges, groups, steps, drug highlights), read from
the content database by `load_diagram`. The Qt view (`desktop.mechanism`) and the presenter
only show what the modules of `desktop.core.mechanism` compute.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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


