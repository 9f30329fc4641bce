"""The feedback HTML: verdict, every option's rationale, explanation, objective, sources."""

from __future__ import annotations

from db.records import Option, Question
from desktop.core.quiz.feedback import content_titles, feedback_html, stem_html
from desktop.core.quiz.session import QuizSession
from desktop.core.render import render_markdown
from tests.core.quiz.factories import matching, multi, ordering, right_response, single, year


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


def marks_of(html: str) -> list[tuple[str, str]]:
    """(colour class, symbol) of every mark in feedback HTML, in order."""
    import re

    return re.findall(r'<td class="outcome"[^>]*><span class="(\w+)">([✓✗◐])</span>', html)


def test_feedback_marks_are_symbols_in_colour_without_a_bullet(atlas):
    q = atlas.content.question("q-mechanism-001")
    session = QuizSession([q], "tutor", seed=1)
    wrong = next(o.key for o in q.options if not o.correct)
    session.answer([wrong])
    html = feedback_html(session.current, render_markdown, no_links,
                         content_titles(atlas.content))
    # No list bullet next to a mark ("• ✗ A." was drawn before).
    assert "<li>" not in html and "<ul>" not in html
    marks = marks_of(html)
    assert sorted(marks) == [("bad", "✗"), ("good", "✓")]
    # The mark sits in the row of its option: ✓ beside the keyed option, ✗ beside the choice.
    order = list(session.current.order)
    right_letter = "ABCD"[order.index(next(o.key for o in q.options if o.correct))]
    wrong_letter = "ABCD"[order.index(wrong)]
    assert f'<span class="good">✓</span></td><td><b>{right_letter}.' in html
    assert f'<span class="bad">✗</span></td><td><b>{wrong_letter}.' in html
    assert "○" not in html


def test_a_missed_right_option_in_multi_select_is_marked_right():
    session = QuizSession([multi()], "tutor", seed=2)
    session.answer(["a", "c"])  # one right (a), one wrong (c); b and e not ticked
    html = feedback_html(session.current, render_markdown, no_links, lambda k, i: i)
    assert sorted(marks_of(html)) == [("bad", "✗")] + [("good", "✓")] * 3
    assert html.count("not ticked") == 2


def test_an_unanswered_exam_question_shows_its_answer_in_the_review():
    exam = QuizSession([matching(), ordering(), single(), year()], "exam", seed=3)
    exam.finish()
    for item in exam.items:
        html = feedback_html(item, render_markdown, no_links, lambda k, i: i, with_stem=True)
        assert "Not answered" in html
        q = item.question
        if q.type == "matching":
            assert "Correct pairs" in html
            for pair in q.pairs:
                assert f"<b>{pair.left}</b> → {pair.right}" in html
        elif q.type == "ordering":
            positions = [html.index(f"{n + 1}. Event {k}") for n, k in enumerate(q.answer)]
            assert positions == sorted(positions)
        elif q.type == "single":
            assert marks_of(html) == [("good", "✓")]
        else:
            assert "The answer: <b>1998</b>" in html


def test_matching_feedback_shows_the_correct_pairs_and_the_wrong_match(atlas):
    session = QuizSession([matching()], "tutor", seed=2)
    session.answer([1, 0, 2, 3])  # the first two swapped
    html = feedback_html(session.current, render_markdown, no_links, lambda k, i: i)
    assert marks_of(html) == [("bad", "✗"), ("bad", "✗"), ("good", "✓"), ("good", "✓")]
    assert "<b>IKZF1</b> → Ikaros" in html and "your match: Aiolos" in html
