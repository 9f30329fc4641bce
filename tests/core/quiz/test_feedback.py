"""The feedback HTML: verdict, every option's rationale, explanation, objective, sources."""

from __future__ import annotations

from db.records import Option, Question
from desktop.core.quiz.feedback import content_titles, feedback_html, stem_html
from desktop.core.quiz.session import QuizSession
from desktop.core.render import render_markdown
from tests.core.quiz.factories import matching, multi, ordering, right_response, year


def no_links(html, skip):
    return html


def test_stem_is_linked_with_the_question_terms_skipped():
    calls = []

    def link(html, skip):
        calls.append(skip)
        return html

    q = Question(id="q", type="single", topic="mechanism", difficulty="recall",
                 stem="Which protein binds *lenalidomide*?", explanation="", objective="",
                 options=(Option("a", "Cereblon", "", True), Option("b", "DDB1", "")),
                 answer=("a",), terms=("cereblon", "ddb1"))
    html = stem_html(q, render_markdown, link)
    assert "<em>lenalidomide</em>" in html
    assert calls == [("cereblon", "ddb1")]


def test_feedback_shows_every_rationale_and_the_sources(atlas):
    q = atlas.content.question("q-mechanism-001")
    session = QuizSession([q], "tutor", seed=1)
    session.answer(["a"])  # DDB1: a misconception
    html = feedback_html(session.current, render_markdown, no_links,
                         content_titles(atlas.content))
    assert "✗ Incorrect" in html
    for option in q.options:
        assert option.rationale in html
    assert "your choice" in html and "correct answer" in html
    assert "a common misconception" in html
    assert q.explanation in html
    assert f"<b>Learning objective:</b> {q.objective}" in html
    assert 'href="ref:ito-2010-science"' in html


def test_feedback_for_each_other_type(atlas):
    titles = content_titles(atlas.content)
    for make in (multi, ordering, matching, year):
        session = QuizSession([make()], "tutor", seed=2)
        session.answer(right_response(session.current))
        html = feedback_html(session.current, render_markdown, no_links, titles)
        assert "✓ Correct" in html, make.__name__
    session = QuizSession([multi()], "tutor", seed=2)
    session.answer(["a", "b"])
    html = feedback_html(session.current, render_markdown, no_links, titles)
    assert "Partly right (67%)" in html and "2 of 3 correct options" in html


def test_text_is_escaped(atlas):
    q = Question(id="q", type="single", topic="safety", difficulty="recall",
                 stem="<script>x</script>Pick", explanation="<b onclick='x'>E</b>",
                 objective="<i>o</i>",
                 options=(Option("a", "<img src=x>", "<r>", True), Option("b", "B", "")),
                 answer=("a",))
    session = QuizSession([q], "tutor", seed=1)
    session.answer(["a"])
    html = feedback_html(session.current, render_markdown, no_links,
                         content_titles(atlas.content), with_stem=True)
    assert "<script>" not in html and "<img" not in html and "onclick" not in html
    assert "&lt;img src=x&gt;" in html and "&lt;r&gt;" in html
