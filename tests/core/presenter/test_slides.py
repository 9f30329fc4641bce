"""Presenter slides without a display: sequences, texts, fitted type, which take votes."""

from __future__ import annotations

import pytest

from desktop.core.presenter import slides as p


def test_timeline_story_is_in_date_order_with_era_overviews(atlas):
    slides = p.timeline_story(atlas.content)
    kinds = [s.kind for s in slides]
    assert kinds[0] == "event"  # the first fixture event (1998) is before the only era (2010)
    assert (slides[1].kind, slides[1].item_id) == ("era", "era-cereblon")
    events = [s.item_id for s in slides if s.kind == "event"]
    years = [atlas.content.event(e).start_year for e in events]
    assert years == sorted(years)
    assert kinds.count("era") == 1


def test_story_for_one_lane_and_one_era(atlas):
    mechanism = p.timeline_story(atlas.content, lane="mechanism", era_overviews=False)
    assert [s.item_id for s in mechanism] == ["cereblon-found-2010", "ikaros-degradation-2014"]
    era = p.timeline_story(atlas.content, era="era-cereblon")
    assert [s.kind for s in era] == ["era", "event", "event"]
    assert p.timeline_story(atlas.content, era="no-such-era") == []


def test_question_and_term_sets_are_reproducible(atlas):
    questions = atlas.content.questions()
    first = p.question_set(questions, count=3, seed=7)
    assert first == p.question_set(questions, count=3, seed=7)
    assert len(first) == 3 and all(s.kind == "question" for s in first)
    assert [s.item_id for s in p.question_set(questions, topic="history")] == ["q-history-001"]
    terms = p.term_spotlight(atlas.content.terms(), ids=["ikzf1", "nope", "cereblon"])
    assert [s.item_id for s in terms] == ["ikzf1", "cereblon"]


def test_slide_content_for_every_kind(atlas):
    content = atlas.content
    event = p.slide_content(content, p.SlideRef("event", "ikaros-degradation-2014"))
    assert event.date == "c. Jan 2014" and event.kicker == "Mechanism discoveries"
    assert any(line.startswith("Disputed") for line in event.lines)
    assert event.sources and event.sources[0].startswith("Krönke et al. 2014")
    assert event.source_label.startswith("Krönke et al. 2014")
    # the full text and the dispute are in the speaker notes
    full = content.event("ikaros-degradation-2014")
    assert " ".join(full.body.split()) in " ".join(event.notes.split())
    assert "Sources:" in event.notes
    strip = event.drawing
    assert isinstance(strip, p.TimelineStrip)
    assert strip.start <= strip.here[0] <= strip.end and strip.label == "c. Jan 2014"
    assert 0 < strip.position(strip.here[0]) <= 1
    era = p.slide_content(content, p.SlideRef("era", "era-cereblon"))
    assert era.date == "2010 – today" and era.title
    assert "Cereblon identified" in " ".join(t for _, t in era.items)
    question = p.slide_content(content, p.SlideRef("question", "q-mechanism-001"), number=3)
    assert question.kicker == "Question 3"
    assert [letter for letter, _ in question.options] == ["A", "B", "C"]
    assert question.correct == ("B",) and question.hidden_until_reveal
    assert "Cereblon" in question.answer_text
    assert question.notes.startswith("Answer: B.") and "Why each option" in question.notes
    ordering = p.slide_content(content, p.SlideRef("question", "q-history-001"))
    assert ordering.correct == ("A", "B", "C")
    matching = p.slide_content(content, p.SlideRef("question", "q-mechanism-004"))
    assert "IKZF1 → Ikaros" in matching.answer_text
    term = p.slide_content(content, p.SlideRef("term", "cereblon"))
    assert term.hidden_until_reveal and term.answer_text.startswith("The substrate receptor")
    assert term.kicker == "Define this term"
    relevance = content.term("cereblon").relevance  # the teacher's note on the term
    assert relevance and f"Why it matters: {p.plain(relevance)}" in term.notes
    with pytest.raises(KeyError):
        p.slide_content(content, p.SlideRef("event", "missing"))


def test_the_term_prompt_never_shows_synonyms(bundled_atlas):
    """Synonyms and abbreviations ("IKZF1" for Ikaros) come only with the answer."""
    content = bundled_atlas.content
    for term in content.terms():
        slide = p.slide_content(content, p.SlideRef("term", term.id))
        assert slide.kicker == "Define this term"
        assert not slide.lines and not slide.body
        for name in (*term.abbreviations, *term.synonyms):
            if name.casefold() != term.term.casefold():
                assert name not in slide.title or name in term.term


def test_no_markdown_reaches_a_slide(bundled_atlas):
    """Mechanism steps are written with [label](term:id) links: slides show plain text."""
    content = bundled_atlas.content
    slides = p.mechanism_steps(content) + p.timeline_story(content)
    assert len(p.mechanism_steps(content)) == len(content.diagram("step"))
    for slide in slides:
        item = p.slide_content(content, slide)
        shown = " ".join([item.title, item.body, *item.lines, item.notes,
                          *(t for _, t in item.items)])
        assert "](" not in shown and "term:" not in shown and "**" not in shown, slide


def test_timeline_slides_are_short_with_the_full_text_in_the_notes(bundled_atlas):
    content = bundled_atlas.content
    for event in content.events():
        slide = p.slide_content(content, p.SlideRef("event", event.id))
        words = sum(len(line.split()) for line in slide.lines if not
                    line.startswith("Disputed"))
        assert 1 <= len(slide.lines) <= 3 and words <= 45, (event.id, words)
        assert slide.date and slide.title
        body = " ".join(p.plain(event.body).split())
        assert body in " ".join(slide.notes.split())


def test_era_overviews_list_events_from_the_whole_era(bundled_atlas):
    """The 2010-2020 overview used to list only 2010-2011 events."""
    content = bundled_atlas.content
    data = p.timeline_data(content)
    for era in content.eras():
        slide = p.slide_content(content, p.SlideRef("era", era.id))
        events = p.era_events(content, era)
        assert len(slide.items) == min(len(events), p.ERA_OVERVIEW_EVENTS)
        if len(events) > p.ERA_OVERVIEW_EVENTS:
            chosen = p.era_highlights(content, era, p.ERA_OVERVIEW_EVENTS)
            first, last = events[0].start_year, events[-1].start_year
            years = [e.start_year for e in chosen]
            # the events shown start in the era's first third and reach into its last
            assert min(years) <= first + (last - first) / 3, era.id
            assert max(years) >= first + 2 * (last - first) / 3, era.id
            assert data.era_span(era)[0] <= min(years)
    cereblon = p.slide_content(content, p.SlideRef("era", "era-cereblon"))
    shown_years = {int(date[-4:]) for date, _ in cereblon.items}
    assert max(shown_years) >= 2017 and min(shown_years) <= 2012


def test_lead_lines_keep_whole_sentences():
    text = ("Frances Oldham Kelsey joined the FDA in August 1960, and a month later her first "
            "assignment was the William S. Merrell application. She asked for more data.")
    lines = p.lead_lines(text, 30)
    assert lines[0].endswith("application.")  # not split after "William S."
    long = " ".join(["word"] * 80) + "."
    assert p.lead_lines(long, 30)[0].endswith("…")
    assert p.lead_lines("") == ()


def test_spread_takes_both_ends():
    assert p.spread(list(range(10)), 3) == [0, 4, 9] or p.spread(list(range(10)), 3) == [0, 5, 9]
    assert p.spread([1, 2], 5) == [1, 2]
    assert p.spread([1, 2, 3], 0) == []


def test_fit_font_size_finds_the_largest_fitting_size():
    assert p.fit_font_size(lambda size: size <= 37.3, 10, 100, precision=0.1) == \
        pytest.approx(37.3, abs=0.1)
    assert p.fit_font_size(lambda size: True, 10, 100) == 100
    assert p.fit_font_size(lambda size: False, 10, 100) == 10


def test_only_choice_questions_take_votes(atlas):
    content = atlas.content
    votable = {qid: p.slide_content(content, p.SlideRef("question", qid)).votable
               for qid in ("q-mechanism-001", "q-mechanism-002", "q-mechanism-003",
                           "q-history-001", "q-mechanism-004")}
    assert votable == {"q-mechanism-001": True, "q-mechanism-002": True,
                       "q-mechanism-003": True, "q-history-001": False,
                       "q-mechanism-004": False}
