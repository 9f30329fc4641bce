"""Story mode sequences, cursor and cards (no display)."""

from __future__ import annotations

import pytest

from desktop.core.timeline.data import TimelineData
from desktop.core.timeline.story import (
    StoryCursor,
    StoryScope,
    StoryStep,
    card_for,
    era_card,
    event_card,
    story_scopes,
    story_sequence,
    story_steps,
)


@pytest.fixture
def bundled(bundled_timeline) -> TimelineData:
    return bundled_timeline


def test_sequences_through_all_one_lane_one_era_or_the_filtered_events(bundled):
    everything = story_sequence(bundled, StoryScope())
    assert everything == [e.id for e in bundled.events]
    lane = story_sequence(bundled, StoryScope("lane", "regulation"))
    assert lane and all(bundled.event(i).lane == "regulation" for i in lane)
    assert lane == [i for i in everything if i in set(lane)]  # date order kept
    era = story_sequence(bundled, StoryScope("era", "era-cereblon"))
    assert "ito-cereblon-2010" in era
    assert all(2010 <= bundled.event(i).start_year < 2021 for i in era)
    # every event belongs to exactly one era (the eras cover 1953-2026 without gaps)
    per_era = [story_sequence(bundled, StoryScope("era", e.id)) for e in bundled.eras]
    assert sorted(sum(per_era, [])) == sorted(everything)
    filtered = story_sequence(bundled, StoryScope("filtered"), visible={"ito-cereblon-2010",
                                                                        "sampaio-tnf-1991"})
    assert filtered == ["sampaio-tnf-1991", "ito-cereblon-2010"]
    assert story_sequence(bundled, StoryScope("era", "no-such-era")) == []
    with pytest.raises(ValueError):
        story_sequence(bundled, StoryScope("planet"))
    labels = [s.label for s in story_scopes(bundled)]
    assert labels[0] == "All events" and "Lane: Clinical trials" in labels
    assert "Era: The cereblon era" in labels and len(labels) == 1 + 5 + 8


def test_era_overviews_come_before_each_eras_first_event(bundled):
    steps = story_steps(bundled, StoryScope(), era_overviews=True)
    eras = [s.item_id for s in steps if s.kind == "era"]
    assert eras == [e.id for e in bundled.eras]
    assert steps[0] == StoryStep("era", "era-sedative-years")
    assert len(steps) == len(bundled.events) + len(bundled.eras)
    index = steps.index(StoryStep("era", "era-cereblon"))
    assert bundled.era_of(bundled.event(steps[index + 1].item_id)).id == "era-cereblon"


def test_cursor_moves_and_stops_at_both_ends():
    cursor = StoryCursor([StoryStep("event", x) for x in "abc"])
    assert cursor.current.item_id == "a" and cursor.at_start and cursor.position() == "1 of 3"
    assert not cursor.previous() and cursor.index == 0
    assert cursor.next() and cursor.next() and not cursor.next()
    assert cursor.at_end and cursor.current.item_id == "c"
    assert cursor.first() and cursor.current.item_id == "a"
    assert cursor.last() and cursor.position() == "3 of 3"
    assert cursor.go_to("b") and cursor.index == 1
    assert not cursor.go_to("zzz") and cursor.index == 1
    empty = StoryCursor([])
    assert empty.current is None and not empty.next() and empty.position() == "0 of 0"


def test_cards_show_date_headline_text_and_sources(bundled, bundled_atlas):
    lookup = bundled_atlas.content.reference
    card = event_card(bundled, bundled.event("ito-cereblon-2010"), lookup)
    assert card.date == "12 Mar 2010" and card.headline.startswith("Cereblon identified")
    assert card.context == "Mechanism discoveries · The cereblon era · Thalidomide"
    assert card.sources[0][:2] == ("ito-2010-science", "Ito et al. 2010")
    assert card.disputed and card.dispute_note
    approx = event_card(bundled, bundled.event("thal-worldwide-sales-1960"), lookup)
    assert approx.date == "c. 1960" and approx.approximate
    era = era_card(bundled, next(e for e in bundled.eras if e.id == "era-celmod"), lookup)
    assert era.date == "2021 onwards" and era.headline == "The CELMoD era"
    assert era.context.startswith("Era · ") and era.sources
    assert card_for(bundled, StoryStep("event", "gone")) is None
    assert card_for(bundled, StoryStep("era", "era-imid")).kind == "era"
    # without a lookup, sources are shown by id
    assert event_card(bundled, bundled.event("ito-cereblon-2010")).sources[0][1] == \
        "ito-2010-science"


def test_a_known_by_year_leaves_later_events_out_of_every_story(bundled):
    for scope in (StoryScope(), StoryScope("lane", "clinical"), StoryScope("filtered")):
        everything = story_sequence(bundled, scope)
        known = story_sequence(bundled, scope, known_by=1993)
        assert known == [i for i in everything if bundled.event(i).start_year < 1994]
        assert 0 < len(known) < len(everything) or scope.kind == "lane"
    steps = story_steps(bundled, StoryScope(), era_overviews=True, known_by=1965)
    eras = [s.item_id for s in steps if s.kind == "era"]
    assert eras == ["era-sedative-years", "era-disaster-and-reform",
                    "era-leprosy-and-aftermath"]  # no overview of an era with nothing known
    assert all(bundled.event(s.item_id).start_year < 1966 for s in steps if s.kind == "event")
