"""The timeline's data, filters and texts, without Qt.

The Qt timeline view, the story mode, the exports and the presenter all start from a
`TimelineData` (events in date order, eras, lanes) and a `TimelineFilter`; everything here is
plain Python and tested without a display.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from db.content_format import LANES
from db.records import Era, Event, Question, Reference
from db.text import fold
from desktop.core.render import escape, link

#: Drugs in the order of `ThemeColors.drugs` (Okabe-Ito colours); anything else is "other".
DRUG_ORDER = ("thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide")
OTHER_DRUG = "other"
DRUG_KEYS = (*DRUG_ORDER, OTHER_DRUG)
DRUG_LABELS = {
    "thalidomide": "Thalidomide", "lenalidomide": "Lenalidomide",
    "pomalidomide": "Pomalidomide", "iberdomide": "Iberdomide", "mezigdomide": "Mezigdomide",
    OTHER_DRUG: "Other or none",
}
#: Words that already say a date is approximate ("late 1961", "from the mid-1960s").
_APPROXIMATE_WORDS = ("c.", "circa", "about", "around", "early", "mid", "late", "from the",
                      "before", "after", "by ")


def drug_key(event: Event) -> str:
    """The drug that colours an event's marker: its first listed drug, or "other"."""
    if event.drugs and event.drugs[0] in DRUG_ORDER:
        return event.drugs[0]
    return OTHER_DRUG


def drug_keys(event: Event) -> frozenset[str]:
    """Every drug key of an event (for the drug filter); "other" when it names none we know."""
    keys = {d if d in DRUG_ORDER else OTHER_DRUG for d in event.drugs}
    return frozenset(keys or {OTHER_DRUG})


def drug_index(key: str) -> int:
    """Index of a drug key in `ThemeColors.drugs`."""
    return DRUG_KEYS.index(key) if key in DRUG_KEYS else len(DRUG_KEYS) - 1


def date_label(event: Event) -> str:
    """The date as authored at its precision (`1961`, `Nov 1961`, `18 Nov 1961`).

    Approximate dates are marked: `c. 1960` unless the label already says so ("late 1961").
    """
    label = event.display_date or event.date
    if event.approximate and not any(w in label.casefold() for w in _APPROXIMATE_WORDS):
        label = f"c. {label}"
    return label


def year_fraction_label(x: float) -> str:
    """A fractional year as a short label: `1961` at a year's start, else `Nov 1961`."""
    import calendar

    from db.dates import MONTHS

    year = math.floor(x + 1e-9)
    days_in_year = 366 if calendar.isleap(year) else 365
    day = round((x - year) * days_in_year)
    month = 0
    while month < 11 and day >= calendar.monthrange(year, month + 1)[1]:
        day -= calendar.monthrange(year, month + 1)[1]
        month += 1
    return str(year) if month == 0 and day == 0 else f"{MONTHS[month]} {year}"


@dataclass(frozen=True)
class TimelineData:
    """Everything the timeline shows: events in date order, eras and lanes.

    `priority` maps an event id to how often other content cites it (questions, notes); the
    label layout shows the most cited headlines first when not all fit.
    """

    events: tuple[Event, ...]
    eras: tuple[Era, ...] = ()
    lanes: tuple[tuple[str, str], ...] = tuple(LANES.items())
    as_of_year: float = 0.0
    title: str = "IMiD Atlas timeline"
    priority: dict[str, int] = field(default_factory=dict, compare=False)
    _by_id: dict[str, Event] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({e.id: e for e in self.events})

    @classmethod
    def from_content(cls, content) -> TimelineData:
        """Read events, eras and citation counts from a `ContentDB`."""
        from db.dates import parse_partial_date

        meta = content.meta
        try:
            as_of = parse_partial_date(meta.get("content_as_of", "")).as_year_fraction(end=True)
        except ValueError:
            as_of = 0.0
        priority = citation_counts(content.questions(), content.documents())
        return cls(tuple(content.events()), tuple(content.eras()), tuple(LANES.items()),
                   as_of, meta.get("content_title", "IMiD Atlas") + " timeline", priority)

    def event(self, event_id: str) -> Event | None:
        return self._by_id.get(event_id)

    def index_of(self, event_id: str) -> int:
        """Position of an event in date order, or -1."""
        event = self._by_id.get(event_id)
        return self.events.index(event) if event is not None else -1

    @property
    def lane_keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.lanes)

    def lane_label(self, key: str) -> str:
        return dict(self.lanes).get(key, key)

    def extent(self) -> tuple[float, float]:
        """First and last year covered by events and eras."""
        starts = [e.start_year for e in self.events] + [e.start_year for e in self.eras]
        ends = [e.end_year for e in self.events] + [self.era_span(e)[1] for e in self.eras]
        if not starts:
            return (1950.0, 2030.0)
        return (min(starts), max(ends))

    def era_span(self, era: Era) -> tuple[float, float]:
        """An era's start and end year; an open-ended era runs to the content's date."""
        end = era.end_year
        if end <= era.start_year:
            last = max((e.end_year for e in self.events), default=era.start_year + 1)
            end = max(self.as_of_year, last, era.start_year + 1)
        return (era.start_year, end)

    def era_at(self, x: float) -> Era | None:
        """The era that contains year `x`."""
        for era in self.eras:
            start, end = self.era_span(era)
            if start <= x < end:
                return era
        return None

    def era_of(self, event: Event) -> Era | None:
        return self.era_at(event.start_year)


def citation_counts(questions: Iterable[Question], documents: Iterable = ()) -> dict[str, int]:
    """How many questions and study notes cite each event."""
    counts: Counter[str] = Counter()
    for q in questions:
        counts.update(q.events)
    for d in documents:
        counts.update(d.events)
    return dict(counts)


# -- filters ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineFilter:
    """What the timeline shows: lanes, drugs, a text and a "known by" year.

    `None` for lanes or drugs means all of them. `known_by` does not hide anything: events
    after that year are dimmed ("what was known in 1999?").
    """

    lanes: frozenset[str] | None = None
    drugs: frozenset[str] | None = None
    text: str = ""
    known_by: int | None = None

    @property
    def is_default(self) -> bool:
        return (self.lanes is None and self.drugs is None and not self.text.strip()
                and self.known_by is None)

    def describe(self) -> str:
        """A short human summary ("2 lanes, 1 drug, text 'cereblon', known by 1999")."""
        parts = []
        if self.lanes is not None:
            parts.append(f"{len(self.lanes)} lane{'s' if len(self.lanes) != 1 else ''}")
        if self.drugs is not None:
            parts.append(f"{len(self.drugs)} drug{'s' if len(self.drugs) != 1 else ''}")
        if self.text.strip():
            parts.append(f"text “{self.text.strip()}”")
        if self.known_by is not None:
            parts.append(f"known by {self.known_by}")
        return ", ".join(parts) or "all events"


def _haystack(event: Event, lane_label: str) -> str:
    return fold(" ".join((event.headline, event.body, event.display_date, event.date,
                          event.id, lane_label, " ".join(event.drugs), " ".join(event.terms),
                          event.dispute_note)))


def matches(event: Event, filt: TimelineFilter, lane_label: str = "") -> bool:
    """Whether `event` passes the lane, drug and text parts of `filt`."""
    if filt.lanes is not None and event.lane not in filt.lanes:
        return False
    if filt.drugs is not None and not (drug_keys(event) & filt.drugs):
        return False
    words = fold(filt.text).split()
    if words:
        hay = _haystack(event, lane_label)
        if not all(w in hay for w in words):
            return False
    return True


def is_dimmed(event: Event, known_by: int | None) -> bool:
    """True when the event happened after the end of year `known_by`."""
    return known_by is not None and event.start_year >= known_by + 1


@dataclass(frozen=True)
class FilterResult:
    """Ids of the events shown (date order) and of those dimmed by the "known by" year."""

    visible: tuple[str, ...]
    dimmed: frozenset[str]
    visible_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "visible_set", frozenset(self.visible))

    def __contains__(self, event_id: str) -> bool:
        return event_id in self.visible_set


def apply_filter(data: TimelineData, filt: TimelineFilter) -> FilterResult:
    """The events of `data` that `filt` shows, and which of them are dimmed."""
    if filt.lanes is None and filt.drugs is None and not filt.text.strip():
        visible = tuple(e.id for e in data.events)
    else:
        labels = dict(data.lanes)
        visible = tuple(e.id for e in data.events if matches(e, filt, labels.get(e.lane, "")))
    if filt.known_by is None:
        return FilterResult(visible, frozenset())
    dimmed = frozenset(
        eid for eid in visible if is_dimmed(data.event(eid), filt.known_by))
    return FilterResult(visible, dimmed)


def step(order: Sequence[str], current: str | None, direction: int) -> str | None:
    """The id `direction` steps from `current` in `order` (clamped); first/last if none."""
    if not order:
        return None
    if current not in order:
        return order[0] if direction >= 0 else order[-1]
    index = order.index(current) + direction
    return order[max(0, min(len(order) - 1, index))]


# -- quiz and detail -------------------------------------------------------------------------

def questions_for_event(event: Event, questions: Iterable[Question]) -> list[str]:
    """Ids of questions about an event: those citing it first, then those citing its sources."""
    direct, via_source = [], []
    sources = set(event.sources)
    for q in questions:
        if event.id in q.events:
            direct.append(q.id)
        elif sources & set(q.sources):
            via_source.append(q.id)
    return sorted(direct) + sorted(via_source)


def event_detail_html(
    event: Event,
    *,
    lane_label: str,
    era_name: str = "",
    sources: Sequence[Reference | str] = (),
    terms: Sequence[tuple[str, str]] = (),
    render_markdown: Callable[[str], str],
    dimmed_by: int | None = None,
) -> str:
    """The detail pane's HTML: date, headline, text, sources, related terms, dispute note.

    `render_markdown` renders (and links glossary terms in) the body; sources are `ref:`
    links that open the library; terms are `term:` links that open the glossary.
    """
    drugs = ", ".join(DRUG_LABELS.get(d, d.capitalize()) for d in event.drugs)
    meta = [escape(lane_label)]
    if era_name:
        meta.append(escape(era_name))
    if drugs:
        meta.append(escape(drugs))
    if event.pack:  # from a teacher's content pack, shown beside the bundled events
        meta.append(escape(f"content pack: {event.pack}"))
    date = escape(date_label(event))
    if event.approximate:
        date += ' <span class="muted">(approximate date)</span>'
    parts = [
        f'<p class="muted">{date}</p>',
        f"<h2>{escape(event.headline)}</h2>",
        f'<p class="muted">{" · ".join(meta)}</p>',
    ]
    if dimmed_by is not None:
        parts.append(f'<p class="warn">Not yet known by the end of {dimmed_by}.</p>')
    parts.append(render_markdown(event.body))
    if event.disputed:
        note = render_markdown(event.dispute_note) if event.dispute_note else ""
        parts.append(f'<div class="box"><p><b>Disputed.</b></p>{note}</div>')
    if sources:
        items = []
        for ref in sources:
            if isinstance(ref, str):
                items.append(f"<li>{link('ref', ref, ref)}</li>")
            else:
                tail = f" <span class=\"muted\">{escape(ref.title)}</span>" if ref.title else ""
                items.append(f"<li>{link('ref', ref.id, ref.short_label, title=ref.title)}"
                             f"{tail}</li>")
        parts.append("<h3>Sources</h3><ul>" + "".join(items) + "</ul>")
    if terms:
        parts.append("<h3>Related terms</h3><p>" + ", ".join(
            link("term", tid, label, css_class="term") for tid, label in terms) + "</p>")
    return "\n".join(parts)
