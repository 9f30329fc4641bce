"""Stored "Hide the labels" attempts from the mechanism diagram, and their summary.

Each finished practice is one row of `label_practice_attempts` (migration m030): when, which
part of the diagram was hidden, the score, and every answer as JSON. The quiz keeps its own
tables; this summary is what a progress page or the presenter can show without Qt.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PracticeAnswer:
    """One hidden label: the node, what the student gave, how, and whether it was right."""

    node_id: str
    answer: str
    correct: bool
    method: str = "typed"  # typed, picked or skipped


@dataclass(frozen=True)
class PracticeAttempt:
    """A stored attempt."""

    id: int
    started_at: str
    finished_at: str
    scope: str
    drug: str
    total: int
    correct: int
    score: float
    answers: tuple[PracticeAnswer, ...] = ()


@dataclass(frozen=True)
class PracticeSummary:
    """All attempts at a glance: counts, scores and the labels most often missed."""

    attempts: int = 0
    best_score: float | None = None
    last_score: float | None = None
    mean_score: float | None = None
    #: node id -> (times correct, times asked)
    per_node: dict[str, tuple[int, int]] = field(default_factory=dict)

    def weakest(self, limit: int = 3) -> list[str]:
        """Node ids answered worst (lowest share correct, then most often asked)."""
        ranked = sorted(self.per_node.items(),
                        key=lambda kv: (kv[1][0] / kv[1][1], -kv[1][1], kv[0]))
        return [node for node, (right, asked) in ranked if right < asked][:limit]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


def record_attempt(user_db, answers: list[PracticeAnswer], scope: str = "", drug: str = "",
                   started_at: str | None = None) -> int:
    """Store a finished attempt; returns its id. Raises ValueError for an empty attempt."""
    if not answers:
        raise ValueError("an attempt needs at least one answer")
    total = len(answers)
    correct = sum(1 for a in answers if a.correct)
    items = [{"node": a.node_id, "answer": a.answer, "correct": bool(a.correct),
              "method": a.method} for a in answers]
    finished = _now()
    cursor = user_db.execute(
        "INSERT INTO label_practice_attempts (started_at, finished_at, scope, drug, total, "
        "correct, score, items) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (started_at or finished, finished, scope, drug, total, correct,
         round(correct / total, 4), json.dumps(items, ensure_ascii=False)),
    )
    return int(cursor.lastrowid)


def _attempt(row) -> PracticeAttempt:
    try:
        items = json.loads(row["items"] or "[]")
    except ValueError:
        items = []
    answers = tuple(
        PracticeAnswer(str(i.get("node", "")), str(i.get("answer", "")), bool(i.get("correct")),
                       str(i.get("method", "typed")))
        for i in items if isinstance(i, dict)
    )
    return PracticeAttempt(
        id=row["id"], started_at=row["started_at"] or "", finished_at=row["finished_at"] or "",
        scope=row["scope"] or "", drug=row["drug"] or "", total=row["total"] or 0,
        correct=row["correct"] or 0, score=float(row["score"] or 0.0), answers=answers,
    )


def recent_attempts(user_db, limit: int = 20) -> list[PracticeAttempt]:
    """The latest attempts, newest first."""
    rows = user_db.execute(
        "SELECT * FROM label_practice_attempts ORDER BY finished_at DESC, id DESC LIMIT ?",
        (limit,)).fetchall()
    return [_attempt(r) for r in rows]


def practice_summary(user_db) -> PracticeSummary:
    """Counts, best/last/mean score and per-label accuracy over every stored attempt."""
    rows = user_db.execute(
        "SELECT * FROM label_practice_attempts ORDER BY finished_at, id").fetchall()
    if not rows:
        return PracticeSummary()
    attempts = [_attempt(r) for r in rows]
    per_node: dict[str, list[int]] = {}
    for attempt in attempts:
        for answer in attempt.answers:
            tally = per_node.setdefault(answer.node_id, [0, 0])
            tally[0] += int(answer.correct)
            tally[1] += 1
    scores = [a.score for a in attempts]
    return PracticeSummary(
        attempts=len(attempts), best_score=max(scores), last_score=scores[-1],
        mean_score=round(sum(scores) / len(scores), 4),
        per_node={k: (v[0], v[1]) for k, v in sorted(per_node.items())},
    )
