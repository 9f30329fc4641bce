"""Steps shared by the recall journeys: what a student who knows (or half knows) the answer
types, read from the card on screen."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QLineEdit

from db.records import Question
from desktop.core.quiz.answer_matching import NEAR, match_answer


def card_on_screen(person) -> Question:
    """The recall item the person is looking at: found by the stem they read (a person who
    knows the subject knows its answer; the test looks it up the same way)."""
    from desktop.core.quiz.recall_text import plain_stem
    from desktop.core.quiz.sources import resolve_question

    stem = person.find("Question").toPlainText()
    text = " ".join(stem.split())
    ctx = person.window.ctx
    for item_id in _candidates(ctx):
        question = resolve_question(ctx, item_id)
        if question is not None and " ".join(plain_stem(question).split()) in text:
            return question
    raise AssertionError(f"no recall item reads {text[:80]!r}")


def _candidates(ctx) -> list[str]:
    ids = [q.id for q in ctx.content.recall_items()]
    ids += [r[0] for r in ctx.user.execute("SELECT question_id FROM review_cards")]
    return ids


def near_miss(answer: str, threshold: int = 85) -> str:
    """A spelling of `answer` close enough to be a near miss but not accepted."""
    from db.records import Blank

    blank = Blank((answer,), threshold=threshold)
    letters = [i for i, c in enumerate(answer) if c.isalpha()]
    for first in letters:
        for second in letters:
            if second <= first:
                continue
            attempt = list(answer)
            attempt[first] = "x" if answer[first].lower() != "x" else "q"
            attempt[second] = "z" if answer[second].lower() != "z" else "q"
            typed = "".join(attempt)
            if match_answer(typed, blank).verdict == NEAR:
                return typed
    for index in letters:
        typed = answer[:index] + ("x" if answer[index].lower() != "x" else "q") + \
            answer[index + 1:]
        if match_answer(typed, blank).verdict == NEAR:
            return typed
    raise AssertionError(f"no near miss for {answer!r}")


def type_into_gaps(person, texts: list[str]) -> None:
    """Type each text into its gap, Tab between gaps, as a person fills them."""
    person.wait_until(lambda: isinstance(person.focus(), QLineEdit),
                      what="the cursor in the first gap")
    for n, text in enumerate(texts):
        field = person.focus()
        assert isinstance(field, QLineEdit), \
            f"focus is on {field!r} ({getattr(field, 'text', lambda: '')()!r}), not a gap"
        assert field.objectName() == f"quiz_gap_{n + 1}"
        person.type(text)
        if n + 1 < len(texts):
            person.press("Tab")


@contextmanager
def returning_student(data_folder, qtbot) -> Iterator:
    """The app started on a data folder that already holds the student's history (written
    before the start), and the person in front of it; closed as the `person` fixture closes."""
    from tests.journeys.conftest import open_app
    from tests.journeys.person import Person

    window = open_app(data_folder, qtbot)
    someone = Person(window, qtbot)
    try:
        yield someone
    finally:
        ctx = window.ctx
        window.close()
        ctx.atlas.close()
    someone.check_dialogs()
