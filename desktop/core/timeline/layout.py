"""Where everything on the timeline goes, as plain data (no Qt).

The chart's x axis is in (fractional) years; its y axis in lanes: lane `i` spans `i..i+1`,
top to bottom, with a strip for era names above lane 0 (negative y). Inside a lane, from the
top: rows of point markers, rows of period bars, then rows of headline labels.

`compute_layout` assigns every event a row so that, at the deepest zoom, no two markers
coincide (every event can be clicked). `place_labels` decides which headlines are shown at a
zoom level: the most cited first, each in the first label row where it fits beside its marker,
with a leader line that no other label covers; labels never overlap, more appear as the user
zooms in, and a placement made at one zoom stays valid at every deeper zoom. `hit_test` turns
a click or hover into events, nearest first, so a dense cluster stays clickable (each click
on the same spot moves on to the next event under it).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from db.records import Event
from desktop.core.timeline.data import TimelineData, drug_key, year_fraction_label


@dataclass(frozen=True)
class LayoutMetrics:
    """Pixel sizes the layout works with (the view measures them from its fonts)."""

    lane_px: float = 110.0
    line_px: float = 18.0
    marker_px: float = 11.0
    bar_px: float = 7.0
    pad_px: float = 4.0
    era_strip_px: float = 24.0
    label_offset_px: float = 4.0
    label_gap_px: float = 8.0
    leader_px: float = 2.0
    max_point_rows: int = 3
    max_period_rows: int = 4
    #: Pixels per year at the deepest zoom the view allows.
    max_zoom_ppy: float = 5000.0


@dataclass(frozen=True)
class LaneBand:
    key: str
    label: str
    index: int
    point_rows: int
    period_rows: int
    #: Centre y (data units) of each label row, top to bottom.
    label_rows: tuple[float, ...]


@dataclass(frozen=True)
class EventMark:
    """One event on the chart: its x span, lane, row and the y of its marker or bar."""

    event_id: str
    index: int
    lane: int
    x0: float
    x1: float
    y: float
    row: int
    is_period: bool
    drug: str
    approximate: bool


@dataclass(frozen=True)
class EraBand:
    era_id: str
    name: str
    x0: float
    x1: float
    shade: int


@dataclass(frozen=True)
class TimelineLayout:
    lanes: tuple[LaneBand, ...]
    marks: tuple[EventMark, ...]
    eras: tuple[EraBand, ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    metrics: LayoutMetrics
    by_id: dict[str, EventMark] = field(default_factory=dict, compare=False, repr=False)
    #: Start years of `marks` (date order), for bisecting.
    starts: tuple[float, ...] = field(default=(), compare=False, repr=False)
    #: Longest period in years, so a search by start year can include periods that overlap.
    longest: float = 0.0

    def __post_init__(self) -> None:
        self.by_id.update({m.event_id: m for m in self.marks})

    @property
    def label_row_height(self) -> float:
        """Height of a label row in data units."""
        return self.metrics.line_px / self.metrics.lane_px

    def y_px_per_unit(self) -> float:
        return self.metrics.lane_px

    def marks_between(self, x0: float, x1: float) -> list[EventMark]:
        """Marks whose span meets `[x0, x1]`."""
        lo = bisect_left(self.starts, x0 - self.longest)
        hi = bisect_left(self.starts, x1 + 1e-9)
        return [m for m in self.marks[lo:hi] if m.x1 >= x0 and m.x0 <= x1]


def _pack(spans: Sequence[tuple[float, float]], max_rows: int, min_sep: float) -> list[int]:
    """Greedy interval packing: the first row whose last span ends `min_sep` before."""
    rows: list[int] = []
    ends: list[float] = []
    for x0, x1 in spans:
        for r, end in enumerate(ends):
            if end + min_sep <= x0:
                ends[r] = x1
                rows.append(r)
                break
        else:
            if len(ends) < max_rows:
                ends.append(x1)
                rows.append(len(ends) - 1)
            else:  # full: share the row that frees up first
                r = min(range(len(ends)), key=ends.__getitem__)
                ends[r] = max(ends[r], x1)
                rows.append(r)
    return rows


def compute_layout(data: TimelineData, metrics: LayoutMetrics | None = None,
                   events: Sequence[Event] | None = None) -> TimelineLayout:
    """Lanes, rows and y positions for `events` (default: all of `data`), in date order."""
    metrics = metrics or LayoutMetrics()
    events = list(data.events if events is None else events)
    lane_index = {key: i for i, key in enumerate(data.lane_keys)}
    min_sep = metrics.marker_px / metrics.max_zoom_ppy
    rows: dict[str, int] = {}
    counts: dict[str, tuple[int, int]] = {}
    by_lane: dict[str, tuple[list[Event], list[Event]]] = {k: ([], []) for k in data.lane_keys}
    for e in events:
        if e.lane in by_lane:
            by_lane[e.lane][1 if e.end_date else 0].append(e)
    for key in data.lane_keys:
        points, periods = by_lane[key]
        prow = _pack([(e.start_year, e.start_year) for e in points], metrics.max_point_rows,
                     min_sep)
        brow = _pack([(e.start_year, e.end_year) for e in periods], metrics.max_period_rows,
                     min_sep)
        rows.update({e.id: r for e, r in zip(points, prow, strict=True)})
        rows.update({e.id: r for e, r in zip(periods, brow, strict=True)})
        counts[key] = (max(prow, default=-1) + 1 or 1, max(brow, default=-1) + 1)

    lanes, tops = [], {}
    px = metrics.lane_px
    for key, label in data.lanes:
        n_points, n_periods = counts[key]
        i = lane_index[key]
        period_top = metrics.pad_px + n_points * (metrics.marker_px + 2) + 2
        label_top = period_top + n_periods * (metrics.bar_px + 3) + (2 if n_periods else 0)
        # as many label rows as fit (none in a lane too short for one: no label may spill
        # into the next lane)
        n_labels = max(0, int((px - label_top - metrics.pad_px / 2) // metrics.line_px))
        label_rows = tuple(i + (label_top + metrics.line_px * (k + 0.5)) / px
                           for k in range(n_labels))
        lanes.append(LaneBand(key, label, i, n_points, n_periods, label_rows))
        tops[key] = period_top

    marks = []
    for index, e in enumerate(events):
        lane = lane_index.get(e.lane)
        if lane is None:
            continue
        row = rows[e.id]
        if e.is_period:
            y_px = tops[e.lane] + metrics.bar_px / 2 + row * (metrics.bar_px + 3)
        else:
            y_px = metrics.pad_px + metrics.marker_px / 2 + row * (metrics.marker_px + 2)
        marks.append(EventMark(e.id, index, lane, e.start_year, e.end_year if e.is_period
                               else e.start_year, lane + y_px / px, row, e.is_period,
                               drug_key(e), e.approximate))

    eras = tuple(EraBand(era.id, era.name, *data.era_span(era), i % 2)
                 for i, era in enumerate(data.eras))
    lo, hi = data.extent()
    if events:
        lo = min(lo, min(e.start_year for e in events))
        hi = max(hi, max(e.end_year for e in events))
    strip = metrics.era_strip_px / px
    longest = max((m.x1 - m.x0 for m in marks), default=0.0)
    return TimelineLayout(tuple(lanes), tuple(marks), eras, (lo, hi),
                          (-strip, float(len(lanes))), metrics,
                          starts=tuple(m.x0 for m in marks), longest=longest)


# -- labels -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlacedLabel:
    """A headline shown at `row` of its lane, from `left_px` to `right_px` (pixels at the
    zoom it was placed for, relative to the anchor x of its event)."""

    event_id: str
    lane: int
    row: int
    anchor_x: float
    y: float
    left_px: float
    right_px: float
    #: y of the marker the leader line starts from.
    marker_y: float

    def box(self, ppy: float) -> tuple[float, float]:
        """The label's horizontal extent in pixels (x * ppy) at zoom `ppy`."""
        return (self.anchor_x * ppy + self.left_px, self.anchor_x * ppy + self.right_px)


@dataclass(frozen=True)
class LabelPlacement:
    labels: tuple[PlacedLabel, ...]
    #: The zoom (pixels per year) the placement was computed for; valid at any deeper zoom.
    ppy: float
    window: tuple[float, float]

    def shown(self) -> set[str]:
        return {label.event_id for label in self.labels}

    def label_at(self, x: float, y: float, ppy: float, row_height: float) -> str | None:
        """The event whose label covers data point (x, y) at zoom `ppy`, if any."""
        px = x * ppy
        for label in self.labels:
            if abs(y - label.y) <= row_height / 2:
                left, right = label.box(ppy)
                if left <= px <= right:
                    return label.event_id
        return None


class _Row:
    """One label row: the pixel boxes of its labels (sorted, disjoint), the stretch from
    each label's anchor to the far end of its box (no other leader line may pass there, at
    this zoom or any deeper one), and the x of every leader line passing through the row."""

    __slots__ = ("starts", "ends", "shadow_starts", "shadow_ends", "anchors", "leaders")

    def __init__(self) -> None:
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.shadow_starts: list[float] = []
        self.shadow_ends: list[float] = []
        self.anchors: list[float] = []
        self.leaders: list[float] = []

    def label_fits(self, anchor: float, start: float, end: float, gap: float,
                   clearance: float) -> bool:
        i = bisect_left(self.starts, end + gap)
        if i and self.ends[i - 1] + gap > start:
            return False
        low, high = _shadow(anchor, start, end, clearance)
        j = bisect_left(self.leaders, low)
        while j < len(self.leaders) and self.leaders[j] <= high:
            if self.leaders[j] != anchor:  # a twin's leader is this label's own line
                return False
            j += 1
        return True

    def leader_fits(self, x: float) -> bool:
        i = bisect_right(self.shadow_starts, x)
        return i == 0 or self.shadow_ends[i - 1] < x or self.anchors[i - 1] == x

    def add_label(self, anchor: float, start: float, end: float, clearance: float) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        low, high = _shadow(anchor, start, end, clearance)
        j = bisect_left(self.shadow_starts, low)
        self.shadow_starts.insert(j, low)
        self.shadow_ends.insert(j, high)
        self.anchors.insert(j, anchor)

    def add_leader(self, x: float) -> None:
        insort(self.leaders, x)


def _shadow(anchor: float, start: float, end: float, clearance: float) -> tuple[float, float]:
    """From the anchor to the far side of the box (plus clearance): a leader there would be
    covered by the box, now or after zooming in (anchors move apart, boxes keep their size)."""
    if start >= anchor:
        return (anchor, end + clearance)
    return (start - clearance, anchor)


def quantize_zoom(ppy: float, steps_per_octave: int = 4) -> float:
    """The largest zoom level <= `ppy` on a fixed geometric ladder (for caching placements)."""
    if ppy <= 0:
        return ppy
    level = math.floor(math.log2(ppy) * steps_per_octave + 1e-9)
    return 2.0 ** (level / steps_per_octave)


def _tries_per_cell(layout: TimelineLayout) -> int:
    return 2 * max((len(lane.label_rows) for lane in layout.lanes), default=1)


def place_labels(
    layout: TimelineLayout,
    ppy: float,
    widths: Mapping[str, float],
    *,
    window: tuple[float, float] | None = None,
    order: Sequence[str] | None = None,
    visible: Iterable[str] | None = None,
    pinned: str | None = None,
    bounds: tuple[float, float] | None = None,
    widest: float | None = None,
    narrowest: float | None = None,
) -> LabelPlacement:
    """Choose the headlines shown at zoom `ppy` (pixels per year).

    Candidates are taken in `order` (most important first; default date order) with `pinned`
    (the selected event) first; each goes to the first label row of its lane where its box,
    right of its marker or else left of it, and its leader line cross no other label. Only
    events whose label could reach `window` (years) are considered. `widths` gives each
    label's width in pixels (`widest`/`narrowest` bound them when `widths` is measured
    lazily; every width must be at least `narrowest`). With `bounds` (years), no label
    reaches past them (the chart passes the limits of panning, so no label is cut off).

    Only the first few candidates anchored in each stretch of `narrowest` pixels of a lane
    are tried (twice the number of label rows: more could never fit there), which keeps the
    cost proportional to the screen, not to the number of events.
    """
    m = layout.metrics
    gap, off = m.label_gap_px, m.label_offset_px
    clearance = m.leader_px / 2 + 1.0
    visible_set = None if visible is None else set(visible)
    if window is None:
        window = layout.x_range
    if widest is None:
        widest = max(widths.values(), default=0.0)
    reach = (widest + off + gap) / ppy
    lo, hi = window[0] - reach, window[1] + reach
    if order is None:
        candidates = [mk.event_id for mk in layout.marks_between(lo, hi)]
    else:
        candidates = [eid for eid in order if eid in layout.by_id
                      and lo <= layout.by_id[eid].x0 <= hi]
    if visible_set is not None:
        candidates = [eid for eid in candidates if eid in visible_set]
    if pinned is not None and pinned in candidates:
        candidates = [pinned] + [eid for eid in candidates if eid != pinned]
    if narrowest is None:
        narrowest = min((widths.get(eid, 0.0) for eid in candidates), default=0.0)
    cell_px = max(narrowest, 1.0) + off
    candidates = _prune(layout, candidates, ppy, cell_px, _tries_per_cell(layout))

    rows: dict[tuple[int, int], _Row] = {}
    placed: list[PlacedLabel] = []
    empty = _Row()
    lo_px, hi_px = (-math.inf, math.inf) if bounds is None else (bounds[0] * ppy,
                                                                   bounds[1] * ppy)
    lane_anchors: dict[int, list[float]] = {i: [] for i in range(len(layout.lanes))}
    for eid in candidates:
        lane_anchors[layout.by_id[eid].lane].append(layout.by_id[eid].x0)
    for anchors in lane_anchors.values():
        anchors.sort()
    for eid in candidates:
        mark = layout.by_id[eid]
        lane = layout.lanes[mark.lane]
        n_rows = len(lane.label_rows)
        ax = mark.x0 * ppy
        width = widths.get(eid, 0.0)
        if width <= 0:
            continue
        # among the free slots, prefer the one that covers the fewest other anchors (a
        # covered anchor's leader is blocked), then the highest row, then the right side
        spot, best = None, None
        anchors = lane_anchors[mark.lane]
        for r in range(n_rows):
            # the leader runs from the marker down to row r: no label may cover it
            if not rows.get((mark.lane, r), empty).leader_fits(ax):
                break
            row = rows.get((mark.lane, r), empty)
            for side, (left, right) in enumerate(((off, off + width), (-off - width, -off))):
                if lo_px <= ax + left and ax + right <= hi_px \
                        and row.label_fits(ax, ax + left, ax + right, gap, clearance):
                    covered = (bisect_right(anchors, (ax + right + clearance) / ppy)
                               - bisect_left(anchors, (ax + left - clearance) / ppy))
                    score = (covered, r, side)
                    if best is None or score < best:
                        spot, best = (r, left, right), score
            if best is not None and best[0] == 0:
                break
        if spot is None:
            continue
        r, left, right = spot
        rows.setdefault((mark.lane, r), _Row()).add_label(ax, ax + left, ax + right, clearance)
        for k in range(r + 1):
            rows.setdefault((mark.lane, k), _Row()).add_leader(ax)
        placed.append(PlacedLabel(eid, mark.lane, r, mark.x0, lane.label_rows[r], left, right,
                                  mark.y))
    return LabelPlacement(tuple(placed), ppy, window)


def _prune(layout: TimelineLayout, candidates: list[str], ppy: float, cell_px: float,
           tries: int) -> list[str]:
    """Keep, in order, the first `tries` candidates anchored in each (lane, cell)."""
    count: dict[tuple[int, int], int] = {}
    kept = []
    for eid in candidates:
        mark = layout.by_id[eid]
        cell = (mark.lane, math.floor(mark.x0 * ppy / cell_px))
        n = count.get(cell, 0)
        if n < tries:
            count[cell] = n + 1
            kept.append(eid)
    return kept


class LabelPlanner:
    """`place_labels` for one layout and priority order, fast enough for every zoom step.

    The same result as `place_labels`, but the candidates in the window are found and pruned
    with numpy arrays prepared once, so thousands of events cost a few milliseconds.
    """

    def __init__(self, layout: TimelineLayout, order: Sequence[str],
                 widths: Mapping[str, float], widest: float, narrowest: float):
        import numpy as np

        self.layout, self.widths = layout, widths
        self.widest, self.narrowest = widest, narrowest
        self.ids = [eid for eid in order if eid in layout.by_id]
        self.x0 = np.array([layout.by_id[eid].x0 for eid in self.ids], dtype=float)
        self.lane = np.array([layout.by_id[eid].lane for eid in self.ids], dtype=np.int64)
        self.position = {eid: i for i, eid in enumerate(self.ids)}
        self._visible_key: object = object()
        self._visible_mask = np.ones(len(self.ids), dtype=bool)

    def _mask_for(self, visible: frozenset[str] | None):
        import numpy as np

        if visible is None:
            return np.ones(len(self.ids), dtype=bool)
        if visible is not self._visible_key:
            mask = np.zeros(len(self.ids), dtype=bool)
            index = [self.position[eid] for eid in visible if eid in self.position]
            mask[index] = True
            self._visible_key, self._visible_mask = visible, mask
        return self._visible_mask

    def place(self, ppy: float, window: tuple[float, float], *,
              visible: frozenset[str] | None = None, pinned: str | None = None,
              bounds: tuple[float, float] | None = None) -> LabelPlacement:
        import numpy as np

        m = self.layout.metrics
        reach = (self.widest + m.label_offset_px + m.label_gap_px) / ppy
        mask = self._mask_for(visible) & (self.x0 >= window[0] - reach) \
            & (self.x0 <= window[1] + reach)
        index = np.flatnonzero(mask)
        pin = self.position.get(pinned) if pinned else None
        if pin is not None and mask[pin]:
            index = np.concatenate(([pin], index[index != pin]))
        cell_px = max(self.narrowest, 1.0) + m.label_offset_px
        cells = self.lane[index] * (1 << 40) + np.floor(self.x0[index] * ppy / cell_px
                                                        ).astype(np.int64)
        order = np.argsort(cells, kind="stable")
        sorted_cells = cells[order]
        starts = np.flatnonzero(np.r_[True, sorted_cells[1:] != sorted_cells[:-1]])
        first = np.repeat(starts, np.diff(np.r_[starts, len(sorted_cells)]))
        rank = np.empty(len(index), dtype=np.int64)
        rank[order] = np.arange(len(index)) - first
        kept = index[rank < _tries_per_cell(self.layout)]
        candidates = [self.ids[i] for i in kept]
        return place_labels(self.layout, ppy, self.widths, window=window, order=candidates,
                            pinned=pinned if pin is not None and mask[pin] else None,
                            bounds=bounds, widest=self.widest, narrowest=self.narrowest)


def priority_order(data: TimelineData, ids: Iterable[str] | None = None) -> list[str]:
    """Event ids, most cited first; ties keep date order (periods before points)."""
    chosen = data.events if ids is None else [data.event(i) for i in ids]
    priority = data.priority
    return [e.id for e in sorted(
        (e for e in chosen if e is not None),
        key=lambda e: (-priority.get(e.id, 0), not e.end_date, e.start_year, e.id))]


# -- hit testing ------------------------------------------------------------------------------

def hit_test(layout: TimelineLayout, x: float, y: float, ppy: float, radius_px: float = 9.0,
             visible: Iterable[str] | None = None) -> list[str]:
    """Events whose marker or bar is within `radius_px` of data point (x, y), nearest first."""
    visible_set = None if visible is None else set(visible)
    lane_px = layout.metrics.lane_px
    reach = radius_px / ppy
    hits = []
    for mark in layout.marks_between(x - reach, x + reach):
        if visible_set is not None and mark.event_id not in visible_set:
            continue
        if mark.is_period:
            dx = 0.0 if mark.x0 <= x <= mark.x1 else min(abs(x - mark.x0), abs(x - mark.x1))
        else:
            dx = abs(x - mark.x0)
        distance = math.hypot(dx * ppy, (y - mark.y) * lane_px)
        if distance <= radius_px:
            hits.append((distance, mark.index, mark.event_id))
    return [eid for _, _, eid in sorted(hits)]


# -- axis and era names -----------------------------------------------------------------------

_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
_MONTH_STEPS = (1, 3, 6)
_MINOR = {100: 10, 50: 10, 20: 5, 10: 1, 5: 1, 2: 1}


def _month_ticks(x0: float, x1: float, months: int) -> list[float]:
    from db.dates import PartialDate

    out = []
    for year in range(int(math.floor(x0)), int(math.floor(x1)) + 1):
        for month in range(1, 13, months):
            x = PartialDate(year, month).as_year_fraction()
            if x0 <= x <= x1:
                out.append(x)
    return out


def year_ticks(x0: float, x1: float, ppy: float, min_spacing_px: float = 60.0,
               year_spacing_px: float | None = None
               ) -> tuple[list[tuple[float, str]], list[float]]:
    """Major ticks with labels (years, or months when zoomed in) and minor tick positions.

    The step is the smallest of 1, 3, 6 months or 1, 2, 5, 10, 20, 50, 100 years whose
    labels are at least `min_spacing_px` apart (`year_spacing_px`, when given, for labels
    that are years only: "2000" is narrower than "Sep 2000").
    """
    if x1 <= x0 or ppy <= 0:
        return [], []
    for months in _MONTH_STEPS:
        if months * ppy / 12 >= min_spacing_px:
            ticks = _month_ticks(x0, x1, months)
            minor = ([x for x in _month_ticks(x0, x1, 1) if x not in set(ticks)]
                     if months > 1 else [])
            return [(x, year_fraction_label(x)) for x in ticks], minor
    spacing = min_spacing_px if year_spacing_px is None else year_spacing_px
    step = next((s for s in _YEAR_STEPS if s * ppy >= spacing), _YEAR_STEPS[-1])
    first = math.ceil(x0 / step) * step
    major = [(float(v), str(v)) for v in range(int(first), int(math.floor(x1)) + 1, step)]
    minor_step = _MINOR.get(step)
    if minor_step is None:  # one year per label: quarters as minor ticks
        minor = [x for x in _month_ticks(x0, x1, 3) if x % 1] if ppy / 4 >= 8 else []
    elif minor_step * ppy >= 6:
        minor = [float(v) for v in range(int(math.ceil(x0 / minor_step) * minor_step),
                                         int(math.floor(x1)) + 1, minor_step) if v % step]
    else:
        minor = []
    return major, minor


def era_slots(layout: TimelineLayout, x0: float, x1: float) -> list[tuple[EraBand, float, float]]:
    """Each era meeting the visible range `[x0, x1]`, with its visible part (years)."""
    return [(era, max(era.x0, x0), min(era.x1, x1)) for era in layout.eras
            if era.x1 > x0 and era.x0 < x1]


ELLIPSIS = "…"
_TRAILING = " ,;:.-–—(/"
_MIN_LETTERS = 4


def fit_words(text: str, room: float, measure: Callable[[str], float]) -> str:
    """`text` if it is at most `room` pixels wide (as `measure` says), else its longest run of
    whole words that fits followed by an ellipsis ("Rediscovery…"), else "" (a name cut
    inside a word, "Redis…", or a lone "The…" says less than none: the hover tells it in
    full)."""
    text = " ".join(text.split())
    if measure(text) <= room:
        return text
    words = text.split(" ")
    # binary search the number of words (the widths grow with it)
    lo, hi, best = 1, len(words) - 1, ""
    while lo <= hi:
        mid = (lo + hi) // 2
        kept = " ".join(words[:mid]).rstrip(_TRAILING)
        candidate = kept + ELLIPSIS
        if measure(candidate) <= room:
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    # "The…" or "A…" names nothing
    return best if sum(ch.isalnum() for ch in best) >= _MIN_LETTERS else ""


def wrap_words(text: str, room: float, measure: Callable[[str], float],
               max_lines: int = 2, shorten: bool = False) -> tuple[str, ...]:
    """`text` broken at spaces into at most `max_lines` lines of at most `room` pixels, or ()
    when it needs more. With `shorten`, the last line takes what fits of the rest in whole
    words with an ellipsis (`fit_words`) instead of giving up."""
    words = " ".join(text.split()).split(" ")
    lines: list[str] = []
    i = 0
    while i < len(words) and len(lines) < max_lines:
        if len(lines) == max_lines - 1 and shorten:
            last = fit_words(" ".join(words[i:]), room, measure)
            return tuple(lines + [last]) if last else ()
        line = words[i]
        if measure(line) > room:
            return ()
        i += 1
        while i < len(words) and measure(f"{line} {words[i]}") <= room:
            line = f"{line} {words[i]}"
            i += 1
        lines.append(line)
    return tuple(lines) if i == len(words) and lines else ()


def era_label(name: str, room: float, measure: Callable[[str], float],
              small: Callable[[str], float], two_lines: bool) -> tuple[tuple[str, ...], bool]:
    """How an era's name fits `room` pixels of the era strip: (lines, in the smaller type).

    The whole name is preferred, on one line, then in smaller type, then on two lines of
    smaller type (when the strip is tall enough: `two_lines`); only then its first whole
    words with an ellipsis; () when not even a word fits (the hover names the era)."""
    if measure(name) <= room:
        return (name,), False
    if small(name) <= room:
        return (name,), True
    if two_lines:
        lines = wrap_words(name, room, small, 2) or wrap_words(name, room, small, 2, True)
        if lines:
            return lines, True
    text = fit_words(name, room, measure)
    if text:
        return (text,), False
    text = fit_words(name, room, small)
    return ((text,), True) if text else ((), False)


__all__ = [
    "ELLIPSIS", "EraBand", "EventMark", "LabelPlacement", "LaneBand", "LayoutMetrics",
    "PlacedLabel", "LabelPlanner", "TimelineLayout", "compute_layout", "era_label", "era_slots",
    "fit_words", "hit_test", "place_labels", "wrap_words",
    "priority_order", "quantize_zoom", "year_ticks",
]
