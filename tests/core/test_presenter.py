"""Presenter logic without a display: sequences, clicker navigation, tallies, lessons."""

from __future__ import annotations

import csv
import io

import pytest

from desktop.core import presenter as p
from desktop.core.lessons import (
    LessonError,
    available_slides,
    delete_lesson,
    list_lessons,
    load_lesson,
    save_lesson,
)


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


def test_clicker_navigation_is_clamped_and_blank_toggles():
    session = p.PresenterSession([p.SlideRef("event", str(i)) for i in range(3)])
    assert session.progress == (1, 3)
    assert not session.previous()
    assert session.next() and session.next() and not session.next()
    assert session.progress == (3, 3)
    assert session.first() and session.index == 0
    assert session.last() and session.index == 2
    assert session.toggle_blank() and session.blanked
    session.previous()
    assert not session.blanked  # moving on un-blanks


def test_tally_counts_presses_and_typed_numbers():
    tally = p.Tally(("A", "B", "C"))
    for _ in range(3):
        tally.press_letter("a")
    tally.press_digit("1")
    tally.press_digit("2")
    assert tally.press_letter("C")
    assert not tally.press_letter("Z")
    assert tally.as_list() == [("A", 3), ("B", 0), ("C", 12)]
    assert tally.total == 15
    tally.press_digit("5")
    tally.press_letter("A")
    assert tally.counts["A"] == 5


def test_tallies_export_as_csv(atlas):
    slides = [p.SlideRef("question", "q-mechanism-001"), p.SlideRef("term", "cereblon")]
    session = p.PresenterSession(slides, title="Class 3B")
    tally = session.tally(["A", "B", "C"])
    tally.press_letter("A")
    tally.press_letter("B")
    tally.press_letter("B")
    rows = list(csv.DictReader(io.StringIO(p.tallies_csv(
        session, lambda i: p.slide_content(atlas.content, slides[i])))))
    assert [(r["option"], r["votes"], r["correct"]) for r in rows] == [
        ("A", "1", "no"), ("B", "2", "yes"), ("C", "0", "no")]
    assert rows[0]["presentation"] == "Class 3B" and rows[1]["share"] == "0.67"


def test_fit_font_size_finds_the_largest_fitting_size():
    assert p.fit_font_size(lambda size: size <= 37.3, 10, 100, precision=0.1) == \
        pytest.approx(37.3, abs=0.1)
    assert p.fit_font_size(lambda size: True, 10, 100) == 100
    assert p.fit_font_size(lambda size: False, 10, 100) == 10


def test_lessons_are_saved_listed_loaded_and_deleted(atlas):
    user = atlas.user
    slides = [p.SlideRef("event", "cereblon-found-2010"), p.SlideRef("question",
                                                                   "q-mechanism-001"),
              p.SlideRef("term", "ikzf1")]
    lesson_id = save_lesson(user, "  Cereblon   week ", slides)
    assert [lesson.name for lesson in list_lessons(user)] == ["Cereblon week"]
    loaded = load_lesson(user, lesson_id)
    assert list(loaded.slides) == slides
    save_lesson(user, "Cereblon week", slides[:1], lesson_id)
    assert len(load_lesson(user, lesson_id).slides) == 1
    with pytest.raises(LessonError, match="already a lesson"):
        save_lesson(user, "Cereblon week", slides)
    with pytest.raises(LessonError, match="needs a name"):
        save_lesson(user, "   ", slides)
    with pytest.raises(LessonError, match="at least one slide"):
        save_lesson(user, "Empty", [])
    delete_lesson(user, lesson_id)
    assert list_lessons(user) == []


def test_lessons_survive_reopening_and_skip_missing_records(atlas, data_dir):
    from db.user_db import UserDB

    save_lesson(atlas.user, "Kept", [p.SlideRef("term", "cereblon"),
                                     p.SlideRef("term", "removed-later")])
    atlas.user.close()
    reopened = UserDB.open(data_dir / "user.sqlite")
    lesson = list_lessons(reopened)[0]
    assert available_slides(atlas.content, list(lesson.slides)) == [
        p.SlideRef("term", "cereblon")]
    reopened.close()
    atlas.user = UserDB.open(data_dir / "user.sqlite")


def test_only_choice_questions_take_votes(atlas):
    content = atlas.content
    votable = {qid: p.slide_content(content, p.SlideRef("question", qid)).votable
               for qid in ("q-mechanism-001", "q-mechanism-002", "q-mechanism-003",
                           "q-history-001", "q-mechanism-004")}
    assert votable == {"q-mechanism-001": True, "q-mechanism-002": True,
                       "q-mechanism-003": True, "q-history-001": False,
                       "q-mechanism-004": False}
