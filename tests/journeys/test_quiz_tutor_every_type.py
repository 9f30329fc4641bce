"""A student plays a tutor session with two questions of every type, one answered right and
one wrong, by keyboard (an ordering question put in order by typing its items' letters), and
reads the feedback: the verdict, every option's mark (a symbol in the theme's colour, no list
bullet beside it), the results; the answers are in user.sqlite.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QListWidget, QTextBrowser

from tests.journeys.quiz_steps import (
    answer,
    bullets_drawn,
    has_pixels_of,
    mark_colours,
    question_on_screen,
    set_count,
    user_db,
)

TYPES = ("single", "multi", "true_false", "ordering", "matching", "year")


def test_student_answers_every_question_type_right_and_wrong_in_tutor_mode(person):
    colours = person.window.ctx.theme.colors
    person.press("Ctrl+4")
    person.wait_for_text("Start 10 mixed questions")
    set_count(person, 12)  # every type ticked, tutor mode: two of each of the six types
    person.click("Start session")
    person.wait_for_text("Question 1 of 12")

    seen: dict[str, int] = {}
    plan = []
    for number in range(12):
        shown = question_on_screen(person)
        assert shown.index == number
        right = shown.type not in seen  # the first of each type right, the second wrong
        seen[shown.type] = seen.get(shown.type, 0) + 1
        plan.append((shown.question["id"], shown.type, right))
        answer(person, shown, right, by_letters=True)  # ordering: its letters, first to last
        person.press("Return")  # submit
        feedback = person.find("Feedback", QTextBrowser)
        text = feedback.toPlainText()
        if right:
            assert "✓ Correct" in text, (shown.type, text[:200])
        else:
            assert "✗ Incorrect" in text or "◐ Partly right" in text, (shown.type, text[:200])
            if shown.type in ("single", "true_false", "multi"):
                # The option rows say what was right and what was chosen, in words too.
                assert person.sees("✓ correct answer") and person.sees("✗ your choice")
                assert "✓" in mark_colours(feedback) and "✗" in mark_colours(feedback)
        marks = mark_colours(feedback)
        assert marks.get("✓", {colours.good}) == {colours.good}, marks
        assert marks.get("✗", {colours.bad}) == {colours.bad}, marks
        assert "○" not in text
        assert bullets_drawn(feedback) == 0  # no "• ✗ A."
        if shown.type == "matching":
            for pair in shown.question["pairs"]:
                assert f"{pair['left']} → {pair['right']}" in text
        if shown.type == "ordering" and not right:
            assert "Correct order" in text and "Your order" in text
        if shown.type == "year":
            assert f"The answer: {shown.question['answer'][0]}" in text
        last = number == 11
        assert person.focus() is person.button("See results" if last else "Next question")
        person.press("Return")  # Enter on the focused button goes on
    assert sorted(seen) == sorted(TYPES) and set(seen.values()) == {2}

    person.wait_for_text("Session finished")
    score = person.find("Score", QLabel).text()
    assert score.startswith("6 of 12 correct · score ")
    listing = person.find("Questions in this session", QListWidget)
    rows = [listing.item(r).text() for r in range(listing.count())]
    assert [r[0] for r in rows] == ["✓" if right else "✗" if kind != "ordering" else r[0]
                                    for (_id, kind, right), r in zip(plan, rows, strict=True)]
    picture = listing.viewport().grab().toImage()
    assert has_pixels_of(picture, colours.good)  # the first rows: the first of each type, right
    # The missed ones are the second of each type, most of them lower down: the list scrolled
    # to its end by key, the selected (last) row blanked out (drawn in the selection's colours).
    person.press("Alt+Q")
    assert person.focus() is listing
    person.press("End")
    assert listing.currentRow() == listing.count() - 1
    picture = listing.viewport().grab().toImage()
    painter = QPainter(picture)
    painter.fillRect(listing.visualItemRect(listing.currentItem()), QColor(colours.base))
    painter.end()
    assert has_pixels_of(picture, colours.bad)

    with user_db(person) as conn:
        stored = [(r["question_id"], r["question_type"], r["correct"]) for r in conn.execute(
            "SELECT question_id, question_type, correct FROM quiz_attempts ORDER BY id")]
        sessions = conn.execute("SELECT mode, finished_at FROM quiz_sessions").fetchall()
    assert stored == [(qid, kind, int(right)) for qid, kind, right in plan]
    assert [(s["mode"], bool(s["finished_at"])) for s in sessions] == [("tutor", True)]
