"""A student sits an exam with the keyboard alone: one question of every type, matching and
ordering answered without ever pressing Enter on them (the ordering put in order by typing its
items' letters, first to last, as the keys line says), Tab going through the answers first,
the search showing no questions while the exam runs; then finishes, reviews the answers (the
correct pairs and order shown) and finds the same score on the progress page."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTextBrowser

from tests.journeys.quiz_steps import (
    LETTERS,
    answer,
    ordering_on_screen,
    ordering_rows,
    question_on_screen,
    user_db,
)

#: What the student does with each type: answer it right or wrong, and how to leave it.
PLAN = {
    "single": (True, "Return"),
    "multi": (False, "Return"),
    "true_false": (True, "Return"),
    "matching": (True, "PgDown"),  # chosen in the drop-downs, never confirmed with Enter
    "ordering": (True, "PgDown"),  # moved into place, never confirmed with Enter
    "year": (None, "PgDown"),  # left unanswered
}


def in_answer_area(widget) -> bool:
    while widget is not None:
        if widget.objectName().startswith("quiz_answer_"):
            return True
        widget = widget.parentWidget()
    return False


def tab_walk(person, steps: int) -> list[str]:
    """Press Tab `steps` times; the accessible name (or text) of each widget reached."""
    names = []
    for _ in range(steps):
        person.press("Tab")
        widget = person.focus()
        names.append(widget.accessibleName() or getattr(widget, "text", lambda: "")())
    return names


def order_by_letters(person, shown) -> None:
    """The ordering question: the keys line says the letters put the items in order; each
    item shows its letter; the first letter typed moves its item to the top (and says where
    the next goes), a letter typed again starts again; then the whole order by letters."""
    count = len(shown.order)
    assert person.sees(f"A-{LETTERS[count - 1]} put the items in order")
    before = ordering_rows(person)
    assert sorted(mark for mark, _text in before) == list(LETTERS[:count])
    texts = {o["key"]: o["text"] for o in shown.question["options"]}
    letter_of = {text: mark for mark, text in before}
    first, second = (texts[key] for key in shown.question["answer"][:2])
    person.press(letter_of[second])
    assert ordering_on_screen(person)[0] == second
    assert person.sees("the next letter goes to place 2")
    person.press(letter_of[first])
    assert ordering_on_screen(person)[:2] == [second, first]
    person.press(letter_of[first])  # already placed: starts again at the top
    assert ordering_on_screen(person)[0] == first
    assert person.sees(f"Placed {letter_of[first]}: the next letter goes to place 2")
    answer(person, shown, True, by_letters=True)
    assert person.sees("every item is in place")
    # The letters stayed with their items.
    assert dict(ordering_rows(person)) == {m: t for m, t in before}


def test_student_sits_an_exam_by_keyboard_reviews_it_and_finds_it_in_progress(person):
    person.press("Ctrl+4")
    person.wait_for_text("Start 10 mixed questions")
    person.press("Alt+X")  # E&xam
    person.wait_until(lambda: person.focus().text().replace("&", "") == "Exam"
                      and person.focus().isChecked(), what="exam mode chosen")
    person.press("Alt+Q")  # &Questions: the count
    person.press("Ctrl+A")
    person.type("6")
    person.press("Alt+S")  # &Start session
    person.wait_for_text("Question 1 of 6")

    plan: dict[str, tuple[int, dict, bool | None]] = {}
    for number in range(6):
        shown = question_on_screen(person)
        assert shown.index == number
        right, leave = PLAN[shown.type]
        plan[shown.type] = (number, shown.question, right)
        if shown.type == "ordering":
            order_by_letters(person, shown)
        elif right is not None:
            answer(person, shown, right)
        if shown.type == "single":
            # Tab from the answer goes through the other answers, then the exam's buttons,
            # never out to the toolbar search.
            names = tab_walk(person, 3 + len(shown.order))
            answers = [n for n in names if n[:2] in {f"{c}." for c in "ABCDEFGHI"}]
            buttons = [n for n in names if n not in answers]
            assert names[:len(answers)] == answers
            expected = [name for name in ("Previous question", "Next question",
                                          "Save answer and go on", "Finish the exam")
                        if person.button(name).isEnabled()]
            assert buttons[:len(expected)] == expected[:len(buttons)], names
            assert "Search" not in names
            answer(person, shown, right)  # the choice key brings focus back to the answers
        person.press(leave)
        if number < 5:
            person.wait_for_text(f"Question {number + 2} of 6")
    assert sorted(plan) == sorted(PLAN)

    # The matching and ordering answers were saved as they were made, Enter or not.
    with user_db(person) as conn:
        saved = {r["question_type"]: json.loads(r["response"]) for r in conn.execute(
            "SELECT question_type, response FROM quiz_attempts")}
    assert saved["matching"] == list(range(len(plan["matching"][1]["pairs"])))
    assert saved["ordering"] == list(plan["ordering"][1]["answer"])
    assert "year" not in saved

    # During the exam the search shows no question (their explanations give answers away).
    person.press("Ctrl+K")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Search"
    stem_word = max(plan["single"][1]["stem"].split(), key=len).strip(".,?()")
    person.type(stem_word)
    person.wait_for_text("Questions are hidden from search while an exam runs")
    results = person.find("Search results list", QListWidget)
    assert not any(results.item(r).text() == "QUESTIONS" for r in range(results.count()))
    person.press("Escape")
    person.press("Ctrl+4")  # back to the exam, where it was
    person.wait_for_text("Question 6 of 6")
    assert in_answer_area(person.focus())  # keys go to the question again

    person.answer_message("Yes", expect="1 question is still unanswered")
    person.press("Ctrl+Return")
    person.wait_for_text("Exam results")
    expected_correct = sum(1 for _n, _q, right in plan.values() if right)
    score = person.find("Score", QLabel).text()
    assert score.startswith(f"{expected_correct} of 6 correct · score "
                            f"{round(100 * (expected_correct + 0) / 6)}%"), score
    result_score = score.split(" · time")[0]

    # Review by keyboard: the questions list, each question's review on the right.
    person.press("Alt+Q")
    listing = person.focus()
    assert isinstance(listing, QListWidget)
    review = person.find("Question review", QTextBrowser)
    for kind in ("matching", "ordering", "year"):
        number, question, _right = plan[kind]
        while listing.currentRow() != number:
            person.press("Down" if listing.currentRow() < number else "Up")
        text = review.toPlainText()
        if kind == "matching":
            assert "✓ Correct" in text and "Not answered" not in text
            for pair in question["pairs"]:
                assert f"{pair['left']} → {pair['right']}" in text
        elif kind == "ordering":
            assert "✓ Correct" in text and "Correct order" in text
            texts = {o["key"]: o["text"] for o in question["options"]}
            positions = [text.index(f"{n + 1}. {texts[key]}")
                         for n, key in enumerate(question["answer"])]
            assert positions == sorted(positions)
        else:
            assert "Not answered" in text and f"The answer: {question['answer'][0]}" in text
        assert listing.item(number).text()[0] == ("✓" if kind != "year" else "–")

    # The progress page shows the exam with the same score as its results page.
    person.press("Alt+P")  # &Progress
    person.wait_for_text("Latest session")
    latest = person.find("Latest session", QLabel).text()
    assert latest.startswith("Latest session (no. 1, exam") and latest.endswith(result_score)
