"""The quiz session state machine, shared by every mode, with no Qt and no database.

    ANSWERING --answer()--> FEEDBACK --next()--> ANSWERING ... --> FINISHED   (tutor, review,
                                                                               practice)
    ANSWERING --answer()/next()/previous()/go_to()--> ANSWERING ... finish() --> FINISHED
                                                                               (exam)
    any running phase --pause()--> PAUSED --resume()--> the phase it left

Exam mode gives no feedback until the end, lets the user change answers, move freely between
questions and mark them for review, and finishes by itself when its countdown runs out
(`time_up()`). Time is read from an injected clock, so tests drive it by hand. A session is
saved as two JSON dicts: `static()` once (questions as shown) and `state()` after every change;
`QuizSession.restore` rebuilds it from them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from db.records import Question
from desktop.core.quiz.model import (
    FEEDBACK_MODES,
    MODES,
    Item,
    presentation_order,
    question_from_dict,
    question_to_dict,
)
from desktop.core.quiz.scoring import Score, SessionScore, score_response, session_score


class Phase(StrEnum):
    ANSWERING = "answering"
    FEEDBACK = "feedback"
    PAUSED = "paused"
    FINISHED = "finished"


class SessionError(RuntimeError):
    """An action that the session's mode or phase does not allow."""


@dataclass
class TopicResult:
    topic: str
    questions: int = 0
    correct: int = 0
    points: float = 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.questions) if self.questions else 0


@dataclass
class SessionResult:
    """The end-of-session figures."""

    questions: int
    answered: int
    correct: int
    points: float
    duration_s: float
    per_topic: list[TopicResult] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    mode: str = "exam"

    @property
    def score(self) -> SessionScore:
        """The session's score (`desktop.core.quiz.scoring.session_score`): exams count
        unanswered questions as wrong, other modes score what was answered."""
        return session_score(self.mode, self.questions, self.answered, self.correct,
                             self.points)

    @property
    def percent(self) -> int:
        return self.score.percent


def _now_text() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


class QuizSession:
    """One run through a list of questions in one mode."""

    def __init__(self, questions: Sequence[Question], mode: str = "tutor", *,
                 seed: int | None = None, time_limit_s: float = 0, title: str = "",
                 clock: Callable[[], float] = time.monotonic, _items: list[Item] | None = None):
        if mode not in MODES:
            raise SessionError(f"unknown mode {mode!r}")
        if not questions and not _items:
            raise SessionError("a session needs at least one question")
        self.mode = mode
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
        self.time_limit_s = float(time_limit_s or 0) if mode == "exam" else 0.0
        self.title = title
        self.clock = clock
        self.items: list[Item] = _items if _items is not None else [
            Item(q, presentation_order(q, random.Random(f"{self.seed}:{q.id}")))
            for q in questions
        ]
        self.index = 0
        self.phase = Phase.ANSWERING
        self._resume_phase = Phase.ANSWERING
        self._active_s = 0.0
        self._run_started: float | None = clock()
        self._item_started = clock()

    # -- what is on screen -------------------------------------------------------------------

    @property
    def gives_feedback(self) -> bool:
        return self.mode in FEEDBACK_MODES

    @property
    def current(self) -> Item:
        return self.items[self.index]

    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    def __len__(self) -> int:
        return len(self.items)

    def elapsed_s(self) -> float:
        """Active time so far (pauses excluded)."""
        running = self.clock() - self._run_started if self._run_started is not None else 0.0
        return self._active_s + running

    def remaining_s(self) -> float | None:
        """Seconds left on the exam countdown, or None without one."""
        if not self.time_limit_s:
            return None
        return max(0.0, self.time_limit_s - self.elapsed_s())

    def time_up(self) -> bool:
        remaining = self.remaining_s()
        return remaining is not None and remaining <= 0

    def unanswered(self) -> list[int]:
        return [i for i, item in enumerate(self.items) if not item.answered]

    def marked(self) -> list[int]:
        return [i for i, item in enumerate(self.items) if item.marked]

    # -- actions -----------------------------------------------------------------------------

    def answer(self, response: list) -> Score:
        """Record `response` for the current question and score it.

        Feedback modes then show feedback; exam mode stays on the question (answers may be
        changed until the exam is finished).
        """
        self._require(Phase.ANSWERING)
        item = self.current
        if item.answered and self.gives_feedback:
            raise SessionError("this question has been answered")
        score = score_response(item.question, list(response))
        self._accrue()
        item.response = list(response)
        item.score = score.score
        item.correct = score.correct
        item.answered_at = _now_text()
        if self.gives_feedback:
            self.phase = Phase.FEEDBACK
        return score

    def clear_answer(self) -> bool:
        """Exam: the answer on screen was taken back (nothing chosen any more): the current
        question is unanswered again. Returns whether it had an answer."""
        self._require_exam()
        item = self.current
        had = item.answered
        self._accrue()
        item.response = item.score = item.correct = None
        item.answered_at = ""
        return had

    def overrule(self, right: bool) -> Score:
        """After feedback on a recall item (cloze, typed, glossary card): the student says
        their answer was right ("I was right") or wrong after all. Returns the new score."""
        from desktop.core.quiz.model import RECALL_ITEM_TYPES

        self._require(Phase.FEEDBACK)
        item = self.current
        if item.question.type not in RECALL_ITEM_TYPES or not item.answered:
            raise SessionError("only a typed or glossary-card answer can be overruled")
        response = [r for r in item.response
                    if not (isinstance(r, dict) and "overrule" in r)]
        item.response = [*response, {"overrule": bool(right)}]
        score = score_response(item.question, list(item.response))
        item.score = score.score
        item.correct = score.correct
        return score

    def score_of(self, index: int | None = None) -> Score | None:
        """The score of an answered item (recomputed from its stored response)."""
        item = self.items[self.index if index is None else index]
        if not item.answered:
            return None
        return score_response(item.question, item.response)

    def next(self) -> Phase:
        """Go on: after feedback (feedback modes) or to the next question (exam).

        In a feedback mode, `next()` after the last question finishes the session.
        """
        if self.gives_feedback:
            self._require(Phase.FEEDBACK)
            if self.index + 1 >= len(self.items):
                return self.finish()
            self._move(self.index + 1)
            self.phase = Phase.ANSWERING
            return self.phase
        self._require(Phase.ANSWERING)
        if self.index + 1 < len(self.items):
            self._move(self.index + 1)
        return self.phase

    def skip(self) -> Phase:
        """Feedback modes: leave the current question unanswered and go on."""
        self._require(Phase.ANSWERING)
        if self.index + 1 >= len(self.items):
            return self.finish()
        self._move(self.index + 1)
        return self.phase

    def previous(self) -> Phase:
        self._require_exam()
        if self.index > 0:
            self._move(self.index - 1)
        return self.phase

    def go_to(self, index: int) -> Phase:
        self._require_exam()
        if not 0 <= index < len(self.items):
            raise SessionError(f"no question {index + 1}")
        self._move(index)
        return self.phase

    def toggle_mark(self) -> bool:
        """Mark (or unmark) the current question for review; returns the new mark."""
        if self.phase is Phase.FINISHED:
            raise SessionError("the session is over")
        self.current.marked = not self.current.marked
        return self.current.marked

    def pause(self) -> None:
        if self.phase in (Phase.PAUSED, Phase.FINISHED):
            return
        self._accrue()
        self._stop_clock()
        self._resume_phase = self.phase
        self.phase = Phase.PAUSED

    def resume(self) -> None:
        if self.phase is not Phase.PAUSED:
            return
        self.phase = self._resume_phase
        self._run_started = self.clock()
        self._item_started = self.clock()

    def finish(self) -> Phase:
        if self.phase is Phase.FINISHED:
            return self.phase
        self._accrue()
        self._stop_clock()
        self.phase = Phase.FINISHED
        return self.phase

    # -- results -----------------------------------------------------------------------------

    def result(self) -> SessionResult:
        per_topic: dict[str, TopicResult] = {}
        missed = []
        for index, item in enumerate(self.items):
            if not item.answered and self.gives_feedback:
                continue  # ended early: only what was answered counts
            topic = per_topic.setdefault(item.question.topic, TopicResult(item.question.topic))
            topic.questions += 1
            if item.correct:
                topic.correct += 1
            else:
                missed.append(index)
            topic.points += item.score or 0.0
        return SessionResult(
            questions=len(self.items),
            answered=sum(1 for i in self.items if i.answered),
            correct=sum(1 for i in self.items if i.correct),
            points=sum(i.score or 0.0 for i in self.items),
            duration_s=self.elapsed_s(),
            per_topic=sorted(per_topic.values(), key=lambda t: t.topic),
            missed=missed,
            mode=self.mode,
        )

    # -- saving ------------------------------------------------------------------------------

    def static(self) -> dict:
        """What does not change during the session: the questions as shown."""
        return {
            "mode": self.mode, "seed": self.seed, "time_limit_s": self.time_limit_s,
            "title": self.title,
            "questions": [question_to_dict(i.question) for i in self.items],
            "orders": [list(i.order) for i in self.items],
        }

    def state(self) -> dict:
        """Where the session is now (small: written after every action)."""
        return {
            "index": self.index,
            "phase": self.phase.value,
            "resume_phase": self._resume_phase.value,
            "active_s": round(self.elapsed_s(), 3),
            "items": [
                {"response": i.response, "score": i.score, "correct": i.correct,
                 "marked": i.marked, "elapsed_ms": i.elapsed_ms, "answered_at": i.answered_at}
                for i in self.items
            ],
        }

    @classmethod
    def restore(cls, static: dict, state: dict | None,
                clock: Callable[[], float] = time.monotonic) -> QuizSession:
        """Rebuild a saved session. It comes back paused, so no time runs until it resumes."""
        questions = [question_from_dict(q) for q in static["questions"]]
        orders = static.get("orders") or [()] * len(questions)
        items = [Item(q, tuple(o)) for q, o in zip(questions, orders, strict=True)]
        session = cls(questions, static.get("mode", "tutor"), seed=static.get("seed"),
                      time_limit_s=static.get("time_limit_s", 0), title=static.get("title", ""),
                      clock=clock, _items=items)
        state = state or {}
        for item, saved in zip(items, state.get("items", ()), strict=False):
            item.response = saved.get("response")
            item.score = saved.get("score")
            item.correct = saved.get("correct")
            item.marked = bool(saved.get("marked"))
            item.elapsed_ms = int(saved.get("elapsed_ms") or 0)
            item.answered_at = saved.get("answered_at") or ""
        session.index = min(max(int(state.get("index", 0)), 0), len(items) - 1)
        session._active_s = float(state.get("active_s", 0.0))
        phase = Phase(state.get("phase", Phase.ANSWERING.value))
        if phase is Phase.PAUSED:
            phase = Phase(state.get("resume_phase", Phase.ANSWERING.value))
        if phase is Phase.FINISHED:
            phase = Phase.ANSWERING
        if phase is Phase.FEEDBACK and not session.current.answered:
            phase = Phase.ANSWERING
        session._resume_phase = phase
        session._stop_clock()
        session.phase = Phase.PAUSED
        return session

    # -- internals ---------------------------------------------------------------------------

    def _require(self, phase: Phase) -> None:
        if self.phase is not phase:
            raise SessionError(f"cannot do that while {self.phase.value}")

    def _require_exam(self) -> None:
        if self.gives_feedback:
            raise SessionError("free navigation is only for exams")
        self._require(Phase.ANSWERING)

    def _move(self, index: int) -> None:
        self._accrue()
        self.index = index

    def _accrue(self) -> None:
        """Add the time spent on the current question since it was last timed."""
        now = self.clock()
        if self.phase is Phase.ANSWERING and self._run_started is not None:
            self.current.elapsed_ms += int(round((now - self._item_started) * 1000))
        self._item_started = now

    def _stop_clock(self) -> None:
        if self._run_started is not None:
            self._active_s += self.clock() - self._run_started
            self._run_started = None


def build_session(questions: Sequence[Question], mode: str = "practice", *,
                  seed: int | None = None, time_limit_s: float = 0, title: str = "",
                  clock: Callable[[], float] = time.monotonic) -> QuizSession:
    """A session over exactly `questions`, in their order (any `db.records.Question`s:
    the bundled bank, generated items, or a teacher's imported set)."""
    unique: dict[str, Question] = {}
    for question in questions:
        unique.setdefault(question.id, question)
    return QuizSession(list(unique.values()), mode, seed=seed, time_limit_s=time_limit_s,
                       title=title, clock=clock)
