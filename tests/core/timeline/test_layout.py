"""Lane and label layout of the timeline, without a display.

The promises: no two shown labels overlap (nor cover another label's leader line) at any
zoom; more headlines appear as the user zooms in; the selected event is always labelled;
every event can be clicked at the deepest zoom; the fast planner gives the same answer as
the plain function.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.dates import PartialDate
from db.records import Event
from desktop.core.timeline.data import TimelineData
from desktop.core.timeline.layout import (
    LabelPlanner,
    LayoutMetrics,
    compute_layout,
    era_label,
    era_slots,
    fit_words,
    hit_test,
    place_labels,
    priority_order,
    quantize_zoom,
    wrap_words,
    year_ticks,
)

METRICS = LayoutMetrics(lane_px=120, line_px=18, marker_px=11, max_zoom_ppy=5000)
ZOOMS = (14.0, 40.0, 150.0, 600.0, 2500.0, 5000.0)




def widths_for(data: TimelineData) -> dict[str, float]:
    """Label widths as a 7-pixel-per-character font would give, capped like the chart."""
    return {e.id: max(42.0, min(7.0 * len(e.headline), 230.0)) for e in data.events}


def label_rects(layout, placement, ppy):
    """Every shown label as a pixel rectangle (left, top, right, bottom)."""
    m = layout.metrics
    rects = {}
    for label in placement.labels:
        left, right = label.box(ppy)
        top = label.y * m.lane_px - m.line_px / 2
        rects[label.event_id] = (left, top, right, top + m.line_px)
    return rects


def assert_no_overlaps(layout, placement, ppy):
    """No two label rectangles intersect; no label covers a leader line it could hide."""
    m = layout.metrics
    rects = label_rects(layout, placement, ppy)
    items = sorted(rects.items(), key=lambda kv: kv[1][0])
    for i, (a, (_l1, t1, r1, b1)) in enumerate(items):
        for b, (l2, t2, _r2, b2) in items[i + 1:]:
            if l2 >= r1 + m.label_gap_px - 1e-6:
                break  # sorted by left edge: nothing further can meet `a`
            assert t2 >= b1 - 1e-6 or t1 >= b2 - 1e-6, f"{a} overlaps {b} at {ppy} px/year"
    clearance = m.leader_px / 2 + 1
    for label in placement.labels:
        x = label.anchor_x * ppy
        for other in placement.labels:
            if other is label or other.lane != label.lane or other.row > label.row:
                continue
            anchor = other.anchor_x * ppy
            left, right = other.box(ppy)
            # between the other label's anchor and the far end of its box, a leader would be
            # covered now or after zooming in; a twin's leader (same anchor) is its own line
            low, high = (anchor, right + clearance) if left >= anchor else \
                (left - clearance, anchor)
            assert not (low <= x <= high and x != anchor), \
                f"{other.event_id} hides the leader of {label.event_id} at {ppy} px/year"


@pytest.fixture
def bundled(bundled_timeline) -> TimelineData:
    return bundled_timeline


def test_every_event_has_a_mark_inside_its_lane(bundled):
    layout = compute_layout(bundled, METRICS)
    assert len(layout.marks) == len(bundled.events)
    for mark in layout.marks:
        event = bundled.event(mark.event_id)
        lane = layout.lanes[mark.lane]
        assert lane.key == event.lane
        assert lane.index < mark.y < lane.index + 1
        assert mark.x0 == event.start_year
        assert mark.is_period == event.is_period
        assert mark.x1 == (event.end_year if event.is_period else event.start_year)
    for lane in layout.lanes:
        rows = lane.label_rows
        assert rows and all(lane.index < y < lane.index + 1 for y in rows)
        step = METRICS.line_px / METRICS.lane_px
        assert all(abs((b - a) - step) < 1e-9 for a, b in zip(rows, rows[1:], strict=False))
        # labels sit below every marker and bar of the lane
        lowest = max((m.y for m in layout.marks if m.lane == lane.index), default=lane.index)
        assert rows[0] - step / 2 > lowest
    assert layout.y_range == (-METRICS.era_strip_px / METRICS.lane_px, 5.0)
    assert len(layout.eras) == 8 and layout.eras[-1].x1 > 2026


@pytest.mark.parametrize("ppy", ZOOMS)
def test_labels_never_overlap(bundled, ppy):
    layout = compute_layout(bundled, METRICS)
    widths = widths_for(bundled)
    order = priority_order(bundled)
    placement = place_labels(layout, ppy, widths, order=order)
    assert placement.labels
    assert_no_overlaps(layout, placement, ppy)
    # a placement stays valid at every deeper zoom (the chart reuses it while zooming in)
    for factor in (1.19, 1.5, 3.0):
        assert_no_overlaps(layout, placement, ppy * factor)
    # with the selection pinned, and with a visible subset
    pinned = place_labels(layout, ppy, widths, order=order, pinned="kelsey-award-1962"
                          if bundled.event("kelsey-award-1962") else bundled.events[40].id)
    assert_no_overlaps(layout, pinned, ppy)


def test_more_headlines_appear_as_the_user_zooms_in(bundled):
    layout = compute_layout(bundled, METRICS)
    widths, order = widths_for(bundled), priority_order(bundled)
    counts = [len(place_labels(layout, ppy, widths, order=order).labels) for ppy in ZOOMS]
    assert counts == sorted(counts), counts
    assert counts[0] < len(bundled.events) // 2  # fit-all cannot show them all...
    assert counts[-1] >= len(bundled.events) - 2  # ...the deepest zoom shows (nearly) all
    # when not all fit, the most cited headlines win
    shown = place_labels(layout, ZOOMS[0], widths, order=order).shown()
    assert order[0] in shown

    def mean(ids):
        ids = list(ids)
        return sum(bundled.priority.get(i, 0) for i in ids) / len(ids)

    assert mean(shown) > 1.3 * mean(set(order) - shown)


def test_the_selected_event_is_always_labelled(bundled):
    layout = compute_layout(bundled, METRICS)
    widths, order = widths_for(bundled), priority_order(bundled)
    for ppy in (ZOOMS[0], ZOOMS[3]):
        for event in bundled.events:
            placement = place_labels(layout, ppy, widths, order=order, pinned=event.id,
                                     bounds=(1951.0, 2029.0))
            assert event.id in placement.shown(), (event.id, ppy)


def test_every_event_can_be_clicked(bundled):
    layout = compute_layout(bundled, METRICS)
    # at the deepest zoom each marker (or bar) is the nearest thing under itself, unless
    # another event has exactly the same date, lane and row (more twins than marker rows):
    # then clicking again on the spot moves on to it (the hits are the click order)
    for mark in layout.marks:
        x = (mark.x0 + mark.x1) / 2 if mark.is_period else mark.x0
        hits = hit_test(layout, x, mark.y, METRICS.max_zoom_ppy, radius_px=6)
        assert mark.event_id in hits, mark.event_id
        twins = [m.event_id for m in layout.marks if (m.x0, m.y) == (mark.x0, mark.y)]
        assert hits[0] == mark.event_id or hits[0] in twins
        assert set(hits) == set(twins) or len(twins) == 1 and hits == [mark.event_id]
    # zoomed out, a click on a cluster finds every event in it, nearest first
    cereblon = layout.by_id["ito-cereblon-2010"]
    hits = hit_test(layout, cereblon.x0, cereblon.y, 14.0, radius_px=9)
    assert hits[0] == "ito-cereblon-2010" and len(hits) > 1
    assert hit_test(layout, 1900.0, 0.5, 14.0) == []
    # filtered-out events are not hit
    assert "ito-cereblon-2010" not in hit_test(layout, cereblon.x0, cereblon.y, 14.0,
                                               visible=set(hits[1:]))


def test_labels_can_be_clicked(bundled):
    layout = compute_layout(bundled, METRICS)
    placement = place_labels(layout, 150.0, widths_for(bundled), order=priority_order(bundled))
    for label in placement.labels[:20]:
        left, right = label.box(150.0)
        x = (left + right) / 2 / 150.0
        assert placement.label_at(x, label.y, 150.0, layout.label_row_height) == label.event_id


def test_labels_stay_inside_the_bounds(bundled):
    layout = compute_layout(bundled, METRICS)
    bounds = (1951.0, 2029.0)
    for ppy in ZOOMS[:3]:
        placement = place_labels(layout, ppy, widths_for(bundled),
                                 order=priority_order(bundled), bounds=bounds)
        for label in placement.labels:
            left, right = label.box(ppy)
            assert left >= bounds[0] * ppy - 1e-6 and right <= bounds[1] * ppy + 1e-6


def generated(n: int, seed: int = 3) -> TimelineData:
    rng = random.Random(seed)
    events = []
    for i in range(n):
        start = PartialDate(rng.randint(1953, 2025), rng.choice((None, rng.randint(1, 12))))
        period = rng.random() < 0.1
        end = PartialDate(start.year + rng.randint(1, 3)) if period else start
        events.append(Event(
            id=f"g{i}", date=start.iso(), precision=start.precision, display_date=start.iso(),
            lane=rng.choice(("history", "regulation", "mechanism", "clinical", "development")),
            headline="x" * rng.randint(10, 60), body="", start_year=start.as_year_fraction(),
            end_year=end.as_year_fraction(end=True), end_date=end.iso() if period else ""))
    events.sort(key=lambda e: (e.start_year, e.id))
    return TimelineData(tuple(events))


def test_planner_gives_the_same_labels_as_the_plain_function():
    data = generated(3000)
    layout = compute_layout(data, METRICS)
    widths = widths_for(data)
    order = priority_order(data)
    planner = LabelPlanner(layout, order, widths, max(widths.values()), min(widths.values()))
    visible = frozenset(e.id for i, e in enumerate(data.events) if i % 7)
    for ppy, window, pinned in ((14.0, (1950, 2030), None), (400.0, (1990, 1993), "g10"),
                                (2000.0, (2001.2, 2001.8), data.events[2000].id)):
        zoom = quantize_zoom(ppy)
        fast = planner.place(zoom, window, visible=visible, pinned=pinned, bounds=(1951, 2028))
        plain = place_labels(layout, zoom, widths, window=window, order=order, visible=visible,
                             pinned=pinned, bounds=(1951, 2028))
        assert [(lb.event_id, lb.row, lb.left_px) for lb in fast.labels] == \
            [(lb.event_id, lb.row, lb.left_px) for lb in plain.labels]
        assert fast.labels
        assert_no_overlaps(layout, fast, ppy)
        assert all(label.event_id in visible for label in fast.labels)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1953, 2025), st.integers(0, 12), st.integers(0, 4),
                          st.integers(5, 80), st.booleans()), min_size=1, max_size=60),
       st.floats(10.0, 5000.0), st.integers(0, 59))
def test_no_overlaps_for_any_events(specs, ppy, pin):
    lanes = ("history", "regulation", "mechanism", "clinical", "development")
    events = []
    for i, (year, month, lane, length, period) in enumerate(specs):
        start = PartialDate(year, month or None)
        end = PartialDate(year + 2) if period else start
        events.append(Event(
            id=f"e{i}", date=start.iso(), precision=start.precision, display_date="",
            lane=lanes[lane], headline="h" * length, body="",
            start_year=start.as_year_fraction(), end_year=end.as_year_fraction(end=True),
            end_date=end.iso() if period else ""))
    events.sort(key=lambda e: (e.start_year, e.id))
    data = TimelineData(tuple(events))
    layout = compute_layout(data, METRICS)
    pinned = events[pin % len(events)].id
    placement = place_labels(layout, ppy, widths_for(data), order=priority_order(data),
                             pinned=pinned)
    assert pinned in placement.shown()
    assert_no_overlaps(layout, placement, ppy)
    # no two point markers of a lane coincide at the deepest zoom unless the rows ran out
    by_row = defaultdict(list)
    for mark in layout.marks:
        if not mark.is_period:
            by_row[(mark.lane, mark.row)].append(mark.x0)
    for (lane, _row), xs in by_row.items():
        if layout.lanes[lane].point_rows < METRICS.max_point_rows:
            xs.sort()
            assert all((b - a) * METRICS.max_zoom_ppy >= METRICS.marker_px - 1e-6
                       for a, b in zip(xs, xs[1:], strict=False))


def test_year_ticks_follow_the_zoom():
    major, minor = year_ticks(1950, 2030, 14.0, 60)
    assert [label for _, label in major][:3] == ["1950", "1955", "1960"]
    assert all(v % 1 == 0 for v in minor)
    major, _ = year_ticks(1950, 2030, 5.0, 60)
    assert [label for _, label in major][:3] == ["1960", "1980", "2000"]
    major, minor = year_ticks(1961, 1963, 300.0, 60)
    assert [label for _, label in major][:3] == ["1961", "Apr 1961", "Jul 1961"]
    major, _ = year_ticks(1961.45, 1962.1, 3000.0, 60)
    assert [label for _, label in major][:3] == ["Jul 1961", "Aug 1961", "Sep 1961"]
    for ppy in (3.0, 14.0, 70.0, 300.0, 3000.0):
        values = [v for v, _ in year_ticks(1950, 2030, ppy, 60)[0]]
        assert all((b - a) * ppy >= 60 * 0.9 for a, b in zip(values, values[1:], strict=False))
    assert year_ticks(2000, 1990, 10.0) == ([], [])


def test_zoom_levels_and_era_slots(bundled):
    for ppy in (1.0, 13.7, 500.0, 4999.0):
        level = quantize_zoom(ppy)
        assert level <= ppy < level * 2 ** 0.25 + 1e-9
    layout = compute_layout(bundled, METRICS)
    slots = era_slots(layout, 2008.0, 2012.0)
    assert [era.era_id for era, _, _ in slots] == ["era-imid", "era-cereblon"]
    assert slots[0][1:] == (2008.0, 2010.0) and slots[1][1:] == (2010.0, 2012.0)


def test_names_are_shortened_at_word_boundaries():
    def width(text):  # 7 pixels a character, like a monospaced font
        return 7.0 * len(text)

    name = "Rediscovery: TNF and angiogenesis"
    assert fit_words(name, width(name), width) == name
    assert fit_words(name, width("Rediscovery: TNF and…"), width) == "Rediscovery: TNF and…"
    assert fit_words(name, width("Rediscovery: TNF…") + 3, width) == "Rediscovery: TNF…"
    # the colon goes with the cut: "Rediscovery…", never "Rediscovery:…" nor "Redis…"
    assert fit_words(name, width("Rediscovery: T"), width) == "Rediscovery…"
    assert fit_words(name, width("Redisc…"), width) == ""
    # a lone article names nothing
    assert fit_words("The sedative years", width("The sed…"), width) == ""
    assert fit_words("  spaced   out  ", 200, width) == "spaced out"
    assert fit_words("", 10, width) == ""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh:,", min_size=1, max_size=8), min_size=1,
                max_size=8), st.floats(min_value=0, max_value=400))
def test_a_shortened_name_fits_and_starts_the_name(words, room):
    text = " ".join(words)

    def width(value):
        return 6.5 * len(value)

    fitted = fit_words(text, room, width)
    assert width(fitted) <= room or not fitted
    if fitted and fitted != " ".join(text.split()):
        kept = fitted.removesuffix("…")
        assert fitted.endswith("…") and " ".join(text.split()).startswith(kept)
        following = " ".join(text.split())[len(kept):]
        assert following[:1] in (" ", ",", ":", "")  # cut between words


def test_era_names_prefer_whole_names_in_smaller_type_or_on_two_lines():
    def normal(text):
        return 8.0 * len(text)

    def small(text):
        return 6.0 * len(text)

    name = "The sedative years"
    assert era_label(name, normal(name), normal, small, True) == ((name,), False)
    assert era_label(name, small(name), normal, small, True) == ((name,), True)
    assert era_label(name, small("The sedative"), normal, small, True) == (
        ("The sedative", "years"), True)
    # two lines are not allowed: the first whole words in the normal type
    assert era_label(name, normal("The sedative…"), normal, small, False) == (
        ("The sedative…",), False)
    long = "Return to the clinic and the first myeloma results"
    assert era_label(long, small("Return to the"), normal, small, True) == (
        ("Return to the", "clinic and…"), True)
    assert era_label("Rediscovery: TNF", small("Redisc"), normal, small, True) == ((), False)
    assert wrap_words("a bb ccc", small("a bb"), small, 2) == ("a bb", "ccc")
    assert wrap_words("a bb ccc dddd", small("a bb"), small, 2) == ()
    assert wrap_words("a bb ccc dddd", small("a bb"), small, 1, shorten=True) == ()
