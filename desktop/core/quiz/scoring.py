"""Scoring a response: full or partial credit, and what to say about it.

Rules (each returns a score in 0..1; `correct` means full credit):

- single best answer and true/false: 1 for the keyed option, else 0.
- multi-select: partial credit = share of the right options ticked minus share of the wrong
  options ticked, never below 0, so ticking everything (or nothing) earns nothing.
- ordering: the share of items in their right place.
- matching: the share of pairs matched right.
- "in which year": by closeness, 1 - |error| / 5 (a year off earns 0.8, five or more 0).
- cloze and typed: the share of gaps answered right (`answer_matching`: case, accents, Greek
  letters, hyphens and near spellings forgiven; numbers within a tolerance).
- flashcard (a glossary term, answer shown): counted right until the student says otherwise.

Any recall item (cloze, typed, flashcard) may end with an overrule, `{"overrule": true}` ("I
was right") or `{"overrule": false}` ("I was wrong"): it sets the whole item right or wrong.

A session's score (`session_score`) is the one definition the results page, the progress
charts and the exports share: the points earned over the questions that count, where an exam
counts every question (unanswered ones earn nothing) and the other modes count what was
answered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from db.records import Question

YEAR_WINDOW = 5


@dataclass(frozen=True)
class Score:
    """The outcome of one response."""

    score: float
    correct: bool
    #: A short human summary, e.g. "Partial credit: 2 of 3 correct options, 1 wrong tick (33%)".
    summary: str
    #: Per option key (or pair index, as a string) what happened: "hit" (chosen and right),
    #: "missed" (right but not chosen), "wrong" (chosen but wrong), "ok" (not chosen, wrong).
    #: Ordering/matching use "hit"/"wrong" per item.
    detail: dict[str, str] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass(frozen=True)
class SessionScore:
    """A session's score: `points` earned over `counted` questions (`correct` of them with
    full credit)."""

    points: float
    counted: int
    correct: int

    @property
    def fraction(self) -> float:
        return self.points / self.counted if self.counted else 0.0

    @property
    def percent(self) -> int:
        """The whole percentage shown everywhere (results page, progress chart), halves
        rounded up (62.5 -> 63)."""
        return math.floor(100 * self.fraction + 0.5)

    @property
    def text(self) -> str:
        """"3 of 5 correct · score 60%"."""
        return f"{self.correct} of {self.counted} correct · score {self.percent}%"


def counts_unanswered(mode: str) -> bool:
    """Whether a session in `mode` counts its unanswered questions (as wrong): exams do;
    tutor, review and practice score what was answered (a session ended early is not
    punished for the rest)."""
    return mode == "exam"


def session_score(mode: str, questions: int, answered: int, correct: int,
                  points: float) -> SessionScore:
    """The score of a session in `mode` with `questions` questions, `answered` of them
    answered, `correct` with full credit and `points` earned in all."""
    counted = max(questions, answered) if counts_unanswered(mode) else answered
    return SessionScore(float(points), int(counted), int(correct))


class ResponseError(ValueError):
    """A response that does not fit the question (a bug in the caller, or stale state)."""


def correct_keys(question: Question) -> set[str]:
    """Keys of the right options (choice types)."""
    if question.answer and question.type != "ordering":
        return set(question.answer)
    return {o.key for o in question.options if o.correct}


def score_response(question: Question, response: list) -> Score:
    """Score `response` (see `desktop.core.quiz.model` for its shape) against `question`."""
    scorer = _SCORERS.get(question.type)
    if scorer is None:
        raise ResponseError(f"unknown question type {question.type!r}")
    if not isinstance(response, list):
        raise ResponseError("a response is a list")
    return scorer(question, response)


def _single(question: Question, response: list) -> Score:
    keys = {o.key for o in question.options}
    if len(response) != 1 or response[0] not in keys:
        raise ResponseError(f"choose one of {sorted(keys)}")
    right = correct_keys(question)
    chosen = response[0]
    detail = {}
    for key in keys:
        if key == chosen:
            detail[key] = "hit" if key in right else "wrong"
        else:
            detail[key] = "missed" if key in right else "ok"
    ok = chosen in right
    return Score(1.0 if ok else 0.0, ok, "Correct" if ok else "Incorrect", detail)


def _multi(question: Question, response: list) -> Score:
    keys = {o.key for o in question.options}
    chosen = set(response)
    if not chosen <= keys:
        raise ResponseError(f"unknown options {sorted(chosen - keys)}")
    right = correct_keys(question)
    hits = len(chosen & right)
    wrong = len(chosen - right)
    wrong_options = len(keys - right)
    score = (hits / len(right) if right else 1.0) - (wrong / wrong_options if wrong_options
                                                       else 0.0)
    score = max(0.0, score)
    ok = chosen == right
    detail = {}
    for key in keys:
        if key in chosen:
            detail[key] = "hit" if key in right else "wrong"
        else:
            detail[key] = "missed" if key in right else "ok"
    if ok:
        summary = "Correct"
    elif score > 0:
        summary = (f"Partial credit: {hits} of {len(right)} correct options"
                   f"{f', {wrong} wrong tick' + ('s' if wrong > 1 else '') if wrong else ''}"
                   f" ({round(score * 100)}%)")
    else:
        summary = (f"{hits} of {len(right)} correct options, {wrong} wrong "
                   f"tick{'s' if wrong != 1 else ''} (no credit)")
    return Score(score, ok, summary, detail)


def _ordering(question: Question, response: list) -> Score:
    answer = list(question.answer)
    if sorted(response) != sorted(answer):
        raise ResponseError("an ordering response lists every option once")
    placed = [a == b for a, b in zip(response, answer, strict=True)]
    right = sum(placed)
    score = right / len(answer)
    ok = right == len(answer)
    detail = {key: ("hit" if good else "wrong") for key, good in zip(response, placed,
                                                                        strict=True)}
    summary = "Correct order" if ok else f"{right} of {len(answer)} in the right place"
    return Score(score, ok, summary, detail)


def _matching(question: Question, response: list) -> Score:
    n = len(question.pairs)
    if len(response) != n or any(r is not None and not (isinstance(r, int) and 0 <= r < n)
                                 for r in response):
        raise ResponseError(f"a matching response has {n} entries of 0..{n - 1} or None")
    placed = [r == i for i, r in enumerate(response)]
    right = sum(placed)
    ok = right == n
    detail = {str(i): ("hit" if good else "wrong") for i, good in enumerate(placed)}
    summary = "All pairs matched" if ok else f"{right} of {n} pairs matched"
    return Score(right / n, ok, summary, detail)


def _year(question: Question, response: list) -> Score:
    try:
        given = int(response[0])
        true = int(question.answer[0])
    except (IndexError, TypeError, ValueError) as exc:
        raise ResponseError("a year response is one whole number") from exc
    off = abs(given - true)
    score = max(0.0, 1 - off / YEAR_WINDOW)
    if off == 0:
        summary = "Exactly right"
    elif score > 0:
        summary = f"Close: {off} year{'s' if off > 1 else ''} off ({round(score * 100)}%)"
    else:
        summary = f"{off} years off (no credit)"
    return Score(score, off == 0, summary, {"year": "hit" if off == 0 else "wrong"})


def _overrule(response: list) -> tuple[list, bool | None]:
    if response and isinstance(response[-1], dict) and "overrule" in response[-1]:
        return response[:-1], bool(response[-1]["overrule"])
    return response, None


def _typed(question: Question, response: list) -> Score:
    from desktop.core.quiz.answer_matching import match_answer

    response, overrule = _overrule(response)
    blanks = question.blanks
    if len(response) != len(blanks) or not all(isinstance(r, str) for r in response):
        raise ResponseError(f"a typed response is {len(blanks)} text(s), one per gap")
    matches = [match_answer(text, blank) for text, blank in zip(response, blanks, strict=True)]
    right = sum(m.right for m in matches)
    detail = {str(i): m.verdict for i, m in enumerate(matches)}
    if overrule is not None:
        return Score(1.0 if overrule else 0.0, overrule,
                     "Counted as right (you overruled it)" if overrule
                     else "Counted as wrong (your call)", detail)
    n = len(blanks)
    ok = right == n
    if ok:
        summary = ("Correct" if all(m.verdict == "exact" for m in matches)
                   else "spelling differs from the answer")
    elif any(m.verdict == "near" for m in matches):
        summary = "Almost: a near miss" if n == 1 else f"{right} of {n} gaps right, a near miss"
    else:
        summary = "Incorrect" if n == 1 else f"{right} of {n} gaps right"
    return Score(right / n if n else 0.0, ok, summary, detail)


def _flashcard(question: Question, response: list) -> Score:
    response, overrule = _overrule(response)
    if response != ["shown"]:
        raise ResponseError('a flashcard response is ["shown"]')
    if overrule is False:
        return Score(0.0, False, "You did not know it", {"card": "wrong"})
    return Score(1.0, True, "Answer shown: grade how well you knew it", {"card": "hit"})


_SCORERS = {
    "cloze": _typed,
    "typed": _typed,
    "flashcard": _flashcard,
    "single": _single,
    "true_false": _single,
    "multi": _multi,
    "ordering": _ordering,
    "matching": _matching,
    "year": _year,
}
