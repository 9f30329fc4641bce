"""Building a lesson: candidates, filters, previews and suggested lessons (bundled content)."""

from __future__ import annotations

from desktop.core.presenter import builder as b
from desktop.core.presenter import slides as p


def test_every_kind_of_slide_is_a_candidate(bundled_atlas):
    content = bundled_atlas.content
    candidates = b.lesson_candidates(content)
    kinds = {c.kind for c in candidates}
    assert kinds == set(b.CANDIDATE_KINDS)
    assert len({c.key for c in candidates}) == len(candidates)
    counts = {kind: sum(1 for c in candidates if c.kind == kind) for kind in kinds}
    assert counts["question"] == len(content.questions())
    assert counts["term"] == len(content.terms())
    assert counts["event"] == len(content.events())
    assert counts["step"] == len(content.diagram("step"))
    whole = next(c for c in candidates if c.kind == "mechanism")
    assert list(whole.slides) == p.mechanism_steps(content)
    story = next(c for c in candidates if c.key == "story:era-cereblon")
    assert story.slides[0] == p.SlideRef("era", "era-cereblon")
    assert len(story.slides) == 1 + len(p.era_events(
        content, next(e for e in content.eras() if e.id == "era-cereblon")))


def test_filters_combine_kind_topic_era_drug_and_words(bundled_atlas):
    content = bundled_atlas.content
    candidates = b.lesson_candidates(content)
    found = b.filter_candidates(candidates, kind="question", topic="mechanism",
                                drug="lenalidomide")
    assert found and all(c.kind == "question" for c in found)
    for candidate in found:
        question = content.question(candidate.slides[0].item_id)
        assert question.topic == "mechanism"
    era = b.filter_candidates(candidates, kind="event", era="era-sedative-years")
    assert era and all(1953 <= content.event(c.slides[0].item_id).start_year < 1962
                       for c in era)
    words = b.filter_candidates(candidates, "ikaros cereblon", kind="question")
    assert words and all("ikaros" in c.words and "cereblon" in c.words for c in words)
    # accents and case do not matter
    assert b.filter_candidates(candidates, "KRONKE") == b.filter_candidates(candidates,
                                                                           "krönke")
    assert b.filter_candidates(candidates, "no such words anywhere") == []


def test_preview_shows_the_whole_record(bundled_atlas):
    content = bundled_atlas.content
    candidates = {c.key: c for c in b.lesson_candidates(content)}
    event = content.event("ito-cereblon-2010")
    text = b.preview_text(content, candidates["event:ito-cereblon-2010"])
    assert " ".join(p.plain(event.body).split()) in " ".join(text.split())
    question = b.preview_text(content, candidates["question:q-mechanism-001"])
    assert "Why each option" in question and "A." in question
    story = b.preview_text(content, candidates["story:era-cereblon"])
    assert "Adds" in story and "Era overview" in story


def test_a_suggested_lesson_for_each_era_and_topic(bundled_atlas):
    content = bundled_atlas.content
    suggestions = b.suggested_lessons(content)
    keys = {s.key for s in suggestions}
    assert {f"era:{e.id}" for e in content.eras()} <= keys
    assert "topic:mechanism" in keys and "topic:history" in keys
    assert b.suggested_lessons(content) == suggestions  # the same every time
    for suggestion in suggestions:
        kinds = [s.kind for s in suggestion.slides]
        assert "question" in kinds, suggestion.key
        assert len(set(suggestion.slides)) == len(suggestion.slides), suggestion.key
        for slide in suggestion.slides:
            p.slide_content(content, slide)  # every record exists
    mechanism = next(s for s in suggestions if s.key == "topic:mechanism")
    assert [s for s in mechanism.slides if s.kind == "step"] == p.mechanism_steps(content)
