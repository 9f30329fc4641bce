"""Story mode: stepping through timeline events one card at a time (no Qt).

A story is an ordered list of steps (events in date order, optionally with an overview step
before each era) over all events, one lane, one era or the currently filtered events. The
timeline's story mode and the presenter mode both drive a `StoryCursor` and show `StoryCard`s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from db.records import Era, Event, Reference
from desktop.core.timeline.data import DRUG_LABELS, TimelineData, date_label, is_dimmed


@dataclass(frozen=True)
class StoryScope:
    """Which events a story walks through: `all`, `filtered`, `lane` (key) or `era` (id)."""

    kind: str = "all"
    key: str = ""
    label: str = "All events"


def story_scopes(data: TimelineData) -> list[StoryScope]:
    """Every scope a story can have: all events, each lane, each era."""
    scopes = [StoryScope("all", "", "All events")]
    scopes += [StoryScope("lane", key, f"Lane: {label}") for key, label in data.lanes]
    scopes += [StoryScope("era", era.id, f"Era: {era.name}") for era in data.eras]
    return scopes


def story_sequence(data: TimelineData, scope: StoryScope,
                   visible: Iterable[str] | None = None,
                   known_by: int | None = None) -> list[str]:
    """Event ids of `scope` in date order.

    `visible` (the filter's result) restricts the `filtered` scope; other scopes ignore it.
    `known_by` (the filter's "known by" year) leaves out what came after that year, whatever
    the scope: a story of what was known in 1993 tells nothing from 2005.
    """
    return [e.id for e in _scope_events(data, scope, visible)
            if not is_dimmed(e, known_by)]


def _scope_events(data: TimelineData, scope: StoryScope,
                  visible: Iterable[str] | None) -> list[Event]:
    events = data.events
    if scope.kind == "filtered":
        keep = set(visible) if visible is not None else None
        return [e for e in events if keep is None or e.id in keep]
    if scope.kind == "lane":
        return [e for e in events if e.lane == scope.key]
    if scope.kind == "era":
        era = next((e for e in data.eras if e.id == scope.key), None)
        if era is None:
            return []
        start, end = data.era_span(era)
        return [e for e in events if start <= e.start_year < end]
    if scope.kind != "all":
        raise ValueError(f"unknown story scope {scope.kind!r}")
    return list(events)


@dataclass(frozen=True)
class StoryStep:
    """One step of a story: an event, or an era's overview."""

    kind: str
    item_id: str


def story_steps(data: TimelineData, scope: StoryScope, *, era_overviews: bool = False,
                visible: Iterable[str] | None = None,
                known_by: int | None = None) -> list[StoryStep]:
    """The steps of a story; with `era_overviews`, an era step precedes its first event.
    `visible` and `known_by` as for `story_sequence`."""
    steps: list[StoryStep] = []
    current_era = None
    for event_id in story_sequence(data, scope, visible, known_by):
        if era_overviews:
            era = data.era_of(data.event(event_id))
            if era is not None and era is not current_era:
                steps.append(StoryStep("era", era.id))
                current_era = era
        steps.append(StoryStep("event", event_id))
    return steps


class StoryCursor:
    """A position in a list of steps; moving past either end stays at the end."""

    def __init__(self, steps: Iterable[StoryStep], start: int = 0):
        self.steps = list(steps)
        self.index = max(0, min(start, len(self.steps) - 1)) if self.steps else -1

    @property
    def current(self) -> StoryStep | None:
        return self.steps[self.index] if self.steps else None

    @property
    def at_start(self) -> bool:
        return self.index <= 0

    @property
    def at_end(self) -> bool:
        return self.index >= len(self.steps) - 1

    def move(self, delta: int) -> bool:
        """Move by `delta` steps; False when already at that end."""
        if not self.steps:
            return False
        target = max(0, min(len(self.steps) - 1, self.index + delta))
        moved = target != self.index
        self.index = target
        return moved

    def next(self) -> bool:
        return self.move(1)

    def previous(self) -> bool:
        return self.move(-1)

    def first(self) -> bool:
        return self.move(-len(self.steps))

    def last(self) -> bool:
        return self.move(len(self.steps))

    def go_to(self, item_id: str, kind: str = "event") -> bool:
        """Jump to the step showing `item_id`; False when the story does not include it."""
        for i, step in enumerate(self.steps):
            if step.item_id == item_id and step.kind == kind:
                self.index = i
                return True
        return False

    def position(self) -> str:
        """`3 of 42` (counting every step)."""
        return f"{self.index + 1} of {len(self.steps)}" if self.steps else "0 of 0"


@dataclass(frozen=True)
class StoryCard:
    """What one card shows; `body` is Markdown, `sources` are (reference id, label, title)."""

    kind: str
    item_id: str
    date: str
    headline: str
    body: str
    context: str = ""
    sources: tuple[tuple[str, str, str], ...] = ()
    approximate: bool = False
    disputed: bool = False
    dispute_note: str = ""


def _sources(ids: Iterable[str], lookup: Callable[[str], Reference | None] | None
             ) -> tuple[tuple[str, str, str], ...]:
    out = []
    for ref_id in ids:
        ref = lookup(ref_id) if lookup else None
        out.append((ref_id, ref.short_label, ref.title) if ref else (ref_id, ref_id, ""))
    return tuple(out)


def event_card(data: TimelineData, event: Event,
               lookup: Callable[[str], Reference | None] | None = None) -> StoryCard:
    """The card for an event: date, headline, text, lane/era/drugs line and sources."""
    era = data.era_of(event)
    context = [data.lane_label(event.lane)]
    if era is not None:
        context.append(era.name)
    if event.drugs:
        context.append(", ".join(DRUG_LABELS.get(d, d) for d in event.drugs))
    return StoryCard("event", event.id, date_label(event), event.headline, event.body,
                     " · ".join(context), _sources(event.sources, lookup), event.approximate,
                     event.disputed, event.dispute_note)


def era_card(data: TimelineData, era: Era,
             lookup: Callable[[str], Reference | None] | None = None) -> StoryCard:
    """An era's overview card: its span, name, description and how many events it holds."""
    span = f"{era.start} – {era.end}" if era.end else f"{era.start} onwards"
    count = len(story_sequence(data, StoryScope("era", era.id)))
    return StoryCard("era", era.id, span, era.name, era.description,
                     f"Era · {count} event{'s' if count != 1 else ''}",
                     _sources(era.sources, lookup))


def card_for(data: TimelineData, step: StoryStep,
             lookup: Callable[[str], Reference | None] | None = None) -> StoryCard | None:
    """The card for a step, or None when its record no longer exists."""
    if step.kind == "era":
        era = next((e for e in data.eras if e.id == step.item_id), None)
        return era_card(data, era, lookup) if era else None
    event = data.event(step.item_id)
    return event_card(data, event, lookup) if event else None
