"""Cloze, typed and glossary cards in a session: scoring per gap, the overrule, the feedback
text, and what is saved."""

from __future__ import annotations

import json

import pytest

from db.records import Blank, Question
from desktop.core.quiz.feedback import feedback_html, stem_html
from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.scoring import ResponseError, score_response
from desktop.core.quiz.session import Phase, QuizSession, SessionError


def cloze() -> Question:
    return Question(
        id="cz-x-c1", type="cloze", topic="mechanism", difficulty="recall",
        stem="Lenalidomide makes cereblon destroy {{1}} and {{2}}.", explanation="",
        objective="Name them.", answer=("Ikaros", "Aiolos"),
        blanks=(Blank(("Ikaros", "IKZF1")), Blank(("Aiolos", "IKZF3"))),
        sources=("kronke-2014-science",), note="cz-x",
        cloze="Lenalidomide makes cereblon destroy {{c1::Ikaros}} and {{c1::Aiolos}}.")


def typed() -> Question:
    return Question(id="ty-x", type="typed", topic="history", difficulty="recall",
                    stem="Who kept thalidomide off the US market?", explanation="Kelsey.",
                    objective="Recall it.", answer=("Frances Kelsey",),
                    blanks=(Blank(("Frances Kelsey", "Kelsey")),))


def render(text: str) -> str:
    return f"<p>{text}</p>"


def test_each_gap_earns_its_share():
    q = cloze()
    assert score_response(q, ["ikaros", "aiolos"]).correct
    half = score_response(q, ["Ikaros", "Helios"])
    assert half.score == 0.5 and not half.correct and half.summary == "1 of 2 gaps right"
    with pytest.raises(ResponseError):
        score_response(q, ["Ikaros"])


def test_a_near_miss_overruled_counts_right_and_is_saved(atlas, clock):
    runner = QuizRunner.start(QuizSession([typed()], "tutor", seed=1, clock=clock), atlas.user)
    score = runner.answer(["Frances Kelsy"])
    assert score.correct  # within the threshold: accepted with the spelling shown
    runner.session.next()
    runner2 = QuizRunner.start(QuizSession([typed()], "tutor", seed=1, clock=clock), atlas.user)
    first = runner2.answer(["Oldham"])
    assert not first.correct and runner2.session.phase is Phase.FEEDBACK
    overruled = runner2.overrule(True)
    assert overruled.correct and overruled.summary.startswith("Counted as right")
    row = atlas.user.execute("SELECT correct, response FROM quiz_attempts WHERE session_id = ?",
                             (runner2.session_id,)).fetchone()
    assert row[0] == 1 and json.loads(row[1]) == ["Oldham", {"overrule": True}]
    assert runner2.session.score_of().correct  # recomputed from what was stored
    # the miss had put it into review; overruled, it is taken out again
    assert atlas.user.execute("SELECT count(*) FROM review_cards WHERE question_id = 'ty-x'"
                              ).fetchone()[0] == 0
    runner2.overrule(False)
    assert atlas.user.execute("SELECT count(*) FROM review_cards WHERE question_id = 'ty-x'"
                              ).fetchone()[0] == 1


def test_only_recall_items_can_be_overruled(clock):
    from tests.core.quiz.factories import single

    session = QuizSession([single()], "tutor", seed=1, clock=clock)
    session.answer(["a"])
    with pytest.raises(SessionError):
        session.overrule(True)


def test_stem_shows_gaps_and_feedback_compares_letters():
    q = cloze()
    stem = stem_html(q, render, lambda html, skip: html)
    assert "**[1 …]**" in stem and "{{1}}" not in stem
    session = QuizSession([q], "tutor", seed=1)
    score = session.answer(["Ikarus", "<b>x</b>"])
    html = feedback_html(session.current, render, lambda h, s: h, lambda k, i: i, score)
    assert "<b>Ikaros</b>" in html and "<b>Aiolos</b>" in html  # the filled sentence
    assert "almost" in html and "not the answer" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html  # typed text is escaped
    assert "Also accepted: IKZF1" in html


def test_glossary_flashcards_are_right_until_the_student_says_otherwise(clock):
    card = Question(id="tc-cereblon-d", type="flashcard", topic="mechanism",
                    difficulty="recall", stem="What is **Cereblon**?", explanation="A receptor.",
                    objective="Recall it.")
    session = QuizSession([card], "review", seed=1, clock=clock)
    assert session.answer(["shown"]).correct
    assert not session.overrule(False).correct


def test_the_type_filter_leaves_recall_items_to_their_source():
    from desktop.core.quiz.model import QUESTION_TYPES, SessionConfig
    from desktop.core.quiz.selection import matching
    from tests.core.quiz.factories import single

    config = SessionConfig(types=tuple(QUESTION_TYPES))  # every type box ticked
    assert [q.id for q in matching([single(), cloze(), typed()], config)] == [
        "s1", "cz-x-c1", "ty-x"]
    only_single = SessionConfig(types=("single",))
    assert [q.id for q in matching([single(), typed()], only_single)] == ["s1", "ty-x"]
