"""Class results (Qt-free): what a class answered in a presentation, kept with the lesson.

When a presentation ends, the show-of-hands tallies of its questions are saved as one run
(`save_run`) under the lesson they came from; the Lessons dialog lists the runs, summarises
each question (`QuestionResult`: votes, share right, the most chosen wrong answer) and
exports them as CSV (`results_csv`).
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.core.presenter.slides import SlideContent

CSV_COLUMNS = ["presented_at", "lesson", "slide", "question_id", "question", "option",
               "option_text", "votes", "share", "correct"]


@dataclass(frozen=True)
class QuestionResult:
    """One question's tally in one presentation."""

    slide: int                                  # 1-based position in the presentation
    question_id: str
    question: str
    options: tuple[tuple[str, str, int], ...]   # (letter, text, votes)
    correct: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(votes for _, _, votes in self.options)

    @property
    def right(self) -> int:
        """Votes for a right answer (for multi-select questions, any of the right ones)."""
        return sum(votes for letter, _, votes in self.options if letter in self.correct)

    @property
    def share_right(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def top_wrong(self) -> tuple[str, int] | None:
        """The most chosen wrong option (letter, votes), if anyone chose a wrong one."""
        wrong = [(votes, letter) for letter, _, votes in self.options
                 if letter not in self.correct and votes]
        if not wrong:
            return None
        votes, letter = max(wrong, key=lambda pair: (pair[0], -ord(pair[1][0])))
        return letter, votes

    def summary(self) -> str:
        """`24 votes · 63% right (B) · most chosen wrong: C (6)`."""
        if not self.total:
            return "no votes"
        text = (f"{self.total} vote{'s' if self.total != 1 else ''} · "
                f"{self.share_right:.0%} right ({', '.join(self.correct) or '-'})")
        wrong = self.top_wrong
        if wrong:
            text += f" · most chosen wrong: {wrong[0]} ({wrong[1]})"
        return text

    def to_json(self) -> dict:
        return {"slide": self.slide, "question_id": self.question_id,
                "question": self.question, "options": [list(o) for o in self.options],
                "correct": list(self.correct)}

    @classmethod
    def from_json(cls, data: dict) -> QuestionResult:
        return cls(int(data["slide"]), str(data["question_id"]), str(data["question"]),
                   tuple((str(a), str(b), int(c)) for a, b, c in data["options"]),
                   tuple(str(c) for c in data.get("correct", ())))


@dataclass(frozen=True)
class ClassRun:
    """One presentation's results."""

    id: int
    lesson_id: int | None
    lesson: str
    presented_at: str
    slides: int
    questions: tuple[QuestionResult, ...]

    @property
    def total_votes(self) -> int:
        return sum(q.total for q in self.questions)

    @property
    def share_right(self) -> float:
        """Over every vote cast in the run."""
        total = self.total_votes
        return sum(q.right for q in self.questions) / total if total else 0.0

    def summary(self) -> str:
        asked = len(self.questions)
        return (f"{self.presented_at.replace('T', ' ')[:16]} · {asked} question"
                f"{'s' if asked != 1 else ''} tallied · {self.total_votes} votes · "
                f"{self.share_right:.0%} right")


def session_results(session, content_of: Callable[[int], SlideContent]
                    ) -> list[QuestionResult]:
    """The tallied questions of a `PresenterSession`, in slide order."""
    results = []
    for index in sorted(session.tallies):
        tally = session.tallies[index]
        if not tally.total:
            continue
        content = content_of(index)
        texts = dict(content.options)
        results.append(QuestionResult(
            index + 1, session.slides[index].item_id, content.title,
            tuple((letter, texts.get(letter, ""), votes) for letter, votes in tally.as_list()),
            tuple(content.correct)))
    return results


def save_run(user, lesson_id: int | None, lesson: str, slides: int,
             results: Iterable[QuestionResult], when: str | None = None) -> int | None:
    """Keep one presentation's results; nothing is saved when no question was tallied."""
    results = list(results)
    if not results:
        return None
    when = when or time.strftime("%Y-%m-%dT%H:%M:%S")
    return user.execute(
        "INSERT INTO lesson_results (lesson_id, lesson, presented_at, slides, results) "
        "VALUES (?, ?, ?, ?, ?)",
        (lesson_id, lesson, when, slides, json.dumps([r.to_json() for r in results]))
    ).lastrowid


def list_runs(user, lesson_id: int | None = None, lesson: str | None = None) -> list[ClassRun]:
    """The saved runs of one lesson (by id, or by name for presentations of unsaved slides),
    newest first; every run when both are None."""
    sql = "SELECT id, lesson_id, lesson, presented_at, slides, results FROM lesson_results"
    params: tuple = ()
    if lesson_id is not None:
        sql += " WHERE lesson_id = ?"
        params = (lesson_id,)
    elif lesson is not None:
        sql += " WHERE lesson_id IS NULL AND lesson = ?"
        params = (lesson,)
    runs = []
    for row in user.execute(sql + " ORDER BY presented_at DESC, id DESC", params):
        try:
            questions = tuple(QuestionResult.from_json(d) for d in json.loads(row[5]))
        except (ValueError, KeyError, TypeError):
            continue
        runs.append(ClassRun(row[0], row[1], row[2], row[3], row[4], questions))
    return runs


def delete_run(user, run_id: int) -> None:
    user.execute("DELETE FROM lesson_results WHERE id = ?", (run_id,))


def results_csv(runs: Iterable[ClassRun]) -> str:
    """The runs as CSV: one row per option of every tallied question."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for run in runs:
        for q in run.questions:
            total = q.total
            for letter, text, votes in q.options:
                writer.writerow([run.presented_at, run.lesson, q.slide, q.question_id,
                                 q.question, letter, text, votes,
                                 f"{votes / total:.2f}" if total else "0.00",
                                 "yes" if letter in q.correct else "no"])
    return out.getvalue()
