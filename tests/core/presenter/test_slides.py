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
    assert event.kicker == "c. Jan 2014" and "Disputed:" in event.body
    assert event.sources and event.sources[0].startswith("Krönke et al. 2014")
    era = p.slide_content(content, p.SlideRef("era", "era-cereblon"))
    assert era.kicker == "2010 – today" and "Cereblon identified" in era.body
    question = p.slide_content(content, p.SlideRef("question", "q-mechanism-001"), number=3)
    assert question.kicker == "Question 3"
    assert [letter for letter, _ in question.options] == ["A", "B", "C"]
    assert question.correct == ("B",) and question.hidden_until_reveal
    assert "Cereblon" in question.answer_text
    ordering = p.slide_content(content, p.SlideRef("question", "q-history-001"))
    assert ordering.correct == ("A", "B", "C")
    matching = p.slide_content(content, p.SlideRef("question", "q-mechanism-004"))
    assert "IKZF1 → Ikaros" in matching.answer_text
    term = p.slide_content(content, p.SlideRef("term", "cereblon"))
    assert term.hidden_until_reveal and term.answer_text.startswith("The substrate receptor")
    with pytest.raises(KeyError):
        p.slide_content(content, p.SlideRef("event", "missing"))


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
