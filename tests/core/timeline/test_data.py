"""Timeline data, dates, filters, "quiz me" questions and the detail text (no display)."""

from __future__ import annotations

import pytest

from db.records import Event, Question
from desktop.core.render import render_markdown
from desktop.core.timeline.data import (
    TimelineData,
    TimelineFilter,
    apply_filter,
    date_label,
    drug_index,
    drug_key,
    drug_keys,
    event_detail_html,
    questions_for_event,
    step,
    year_fraction_label,
)


def make_event(event_id="e1", date="1961-11-18", **kw) -> Event:
    from db.dates import format_partial_date, parse_partial_date

    start = parse_partial_date(date)
    end = parse_partial_date(kw["end_date"]) if kw.get("end_date") else start
    defaults = dict(
        precision=start.precision,
        display_date=format_partial_date(start, kw.get("approximate", False)),
        lane="history", headline=f"Headline {event_id}", body=f"Body of {event_id}.",
        start_year=start.as_year_fraction(), end_year=end.as_year_fraction(end=True))
    defaults.update(kw)
    return Event(id=event_id, date=date, **defaults)




@pytest.fixture
def bundled(bundled_timeline) -> TimelineData:
    return bundled_timeline


def test_bundled_has_every_event_and_era(bundled, bundled_atlas):
    assert len(bundled.events) == bundled_atlas.content.counts()["events"] >= 124
    assert len(bundled.eras) == 8
    years = [e.start_year for e in bundled.events]
    assert years == sorted(years)
    assert bundled.lane_keys == ("history", "regulation", "mechanism", "clinical",
                                 "development")
    # the CELMoD era has no end date: it runs to the content's date (Nov 2026)
    celmod = next(e for e in bundled.eras if e.id == "era-celmod")
    start, end = bundled.era_span(celmod)
    assert start == 2021.0 and 2026.8 < end <= 2027.0
    assert bundled.era_at(2014.2).id == "era-cereblon"
    assert bundled.era_of(bundled.event("ito-cereblon-2010")).id == "era-cereblon"
    assert bundled.era_at(1900) is None
    # the most cited events come from the question bank
    assert bundled.priority["ito-cereblon-2010"] > 5


def test_dates_are_shown_at_their_precision_and_approximate_ones_marked():
    assert date_label(make_event(date="1961")) == "1961"
    assert date_label(make_event(date="1961-11")) == "Nov 1961"
    assert date_label(make_event(date="1961-11-18")) == "18 Nov 1961"
    assert date_label(make_event(date="1960", approximate=True)) == "c. 1960"
    # an authored label that already says so is not marked twice
    assert date_label(make_event(date="1961-12", approximate=True,
                                 display_date="late 1961")) == "late 1961"
    # ... but a bare date on an approximate event is
    assert date_label(make_event(date="1965", approximate=True, display_date="1965")) \
        == "c. 1965"
    assert year_fraction_label(1961.0) == "1961"
    from db.dates import PartialDate

    assert year_fraction_label(PartialDate(1961, 3).as_year_fraction()) == "Mar 1961"
    assert year_fraction_label(PartialDate(2000, 12).as_year_fraction()) == "Dec 2000"


def test_drug_colours_follow_the_first_drug():
    assert drug_key(make_event(drugs=("pomalidomide", "thalidomide"))) == "pomalidomide"
    assert drug_key(make_event(drugs=())) == "other"
    assert drug_key(make_event(drugs=("avadomide",))) == "other"
    assert drug_keys(make_event(drugs=("lenalidomide", "cc-885"))) == {"lenalidomide", "other"}
    assert [drug_index(k) for k in ("thalidomide", "mezigdomide", "other", "?")] == [0, 4, 5, 5]


def test_filters_by_lane_drug_and_text(bundled):
    everything = apply_filter(bundled, TimelineFilter())
    assert everything.visible == tuple(e.id for e in bundled.events)
    assert not everything.dimmed

    lanes = apply_filter(bundled, TimelineFilter(lanes=frozenset({"mechanism"})))
    assert lanes.visible and all(bundled.event(i).lane == "mechanism" for i in lanes.visible)
    assert len(lanes.visible) == sum(e.lane == "mechanism" for e in bundled.events)

    drugs = apply_filter(bundled, TimelineFilter(drugs=frozenset({"mezigdomide"})))
    assert drugs.visible and all("mezigdomide" in bundled.event(i).drugs
                                 for i in drugs.visible)

    # text is matched without case or accents, every word somewhere in the event
    text = apply_filter(bundled, TimelineFilter(text="grunenthal PATENT"))
    assert "grunenthal-synthesis-1954" in text.visible
    assert all("grünenthal" in bundled.event(i).body.lower()
               or "grünenthal" in bundled.event(i).headline.lower() for i in text.visible)
    assert apply_filter(bundled, TimelineFilter(text="zzzz-nothing")).visible == ()

    both = apply_filter(bundled, TimelineFilter(lanes=frozenset({"mechanism"}),
                                                text="cereblon"))
    assert set(both.visible) <= set(lanes.visible)
    assert "ito-cereblon-2010" in both


def test_known_by_dims_later_events_without_hiding_them(bundled):
    result = apply_filter(bundled, TimelineFilter(known_by=1999))
    assert len(result.visible) == len(bundled.events)
    for event in bundled.events:
        assert (event.id in result.dimmed) == (event.start_year >= 2000)
    assert "sampaio-tnf-1991" not in result.dimmed
    assert "ito-cereblon-2010" in result.dimmed
    described = TimelineFilter(lanes=frozenset({"history"}), text="x", known_by=1999).describe()
    assert described == "1 lane, text “x”, known by 1999"
    assert TimelineFilter().describe() == "all events" and TimelineFilter().is_default


def test_step_moves_through_an_order_and_stops_at_the_ends():
    order = ("a", "b", "c")
    assert step(order, None, 1) == "a" and step(order, None, -1) == "c"
    assert step(order, "a", 1) == "b" and step(order, "c", 1) == "c"
    assert step(order, "a", -1) == "a" and step(order, "gone", 1) == "a"
    assert step((), None, 1) is None


def test_quiz_me_finds_questions_citing_the_event_first_then_its_sources():
    event = make_event("ev", sources=("ref-a", "ref-b"))
    questions = [
        Question(id="q3", type="single", topic="history", difficulty="recall", stem="",
                 explanation="", objective="", sources=("ref-b",)),
        Question(id="q1", type="single", topic="history", difficulty="recall", stem="",
                 explanation="", objective="", events=("ev",)),
        Question(id="q2", type="single", topic="history", difficulty="recall", stem="",
                 explanation="", objective="", sources=("ref-z",)),
        Question(id="q0", type="single", topic="history", difficulty="recall", stem="",
                 explanation="", objective="", sources=("ref-a",), events=("ev",)),
    ]
    assert questions_for_event(event, questions) == ["q0", "q1", "q3"]
    assert questions_for_event(make_event("lonely"), questions) == []


def test_quiz_me_on_fixture_content(atlas):
    data = TimelineData.from_content(atlas.content)
    questions = atlas.content.questions()
    ids = questions_for_event(data.event("cereblon-found-2010"), questions)
    # q-history-001 cites the event itself; q-mechanism-001 cites its source (ito-2010-science)
    assert ids[0] == "q-history-001"
    assert "q-mechanism-001" in ids
    assert all(atlas.content.question(i) for i in ids)


def test_detail_html_has_date_text_sources_terms_and_dispute(bundled_atlas, bundled):
    content = bundled_atlas.content
    event = bundled.event("ito-cereblon-2010")
    html = event_detail_html(
        event, lane_label="Mechanism discoveries", era_name="The cereblon era",
        sources=[content.reference(r) or r for r in event.sources],
        terms=[(t, content.term(t).term if content.term(t) else t) for t in event.terms],
        render_markdown=render_markdown)
    assert "12 Mar 2010" in html and "<h2>Cereblon identified" in html
    assert 'href="ref:ito-2010-science"' in html
    assert 'href="term:cereblon"' in html and 'class="term"' in html
    assert "<b>Disputed.</b>" in html and "molecular glue" in html
    assert "Mechanism discoveries · The cereblon era · Thalidomide" in html

    approx = make_event("x", date="1960", approximate=True, headline="A <b>bold</b> claim",
                        disputed=False)
    html = event_detail_html(approx, lane_label="History", sources=["missing-ref"],
                             render_markdown=render_markdown, dimmed_by=1959)
    assert "c. 1960" in html and "(approximate date)" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html  # headlines are escaped
    assert 'href="ref:missing-ref"' in html
    assert "Not yet known by the end of 1959" in html
