"""Weak areas: accuracy per topic and per learning objective, how it changes over time, what
to read for each (through the records the questions cite and link) and the questions to
practise.

An area is weak when it has at least `MIN_ATTEMPTS` answers and under `WEAK_BELOW` of them
right; areas are listed weakest first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from db.content_format import TOPICS

MIN_ATTEMPTS = 3
WEAK_BELOW = 0.7
RECENT_DAYS = 30


@dataclass
class Area:
    """A topic or a learning objective and how the student does on it."""

    kind: str  # "topic" or "objective"
    key: str
    label: str
    topic: str
    attempts: int = 0
    correct: int = 0
    recent_attempts: int = 0
    recent_correct: int = 0
    #: Answers in spaced review (how much was kept between reviews) and how many were right.
    reviews: int = 0
    reviews_right: int = 0
    question_ids: list[str] = field(default_factory=list)
    missed_ids: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.attempts) if self.attempts else 0

    @property
    def recent_percent(self) -> int | None:
        if not self.recent_attempts:
            return None
        return round(100 * self.recent_correct / self.recent_attempts)

    @property
    def retention(self) -> int | None:
        """Share of spaced-review answers that were right (None before any review)."""
        return round(100 * self.reviews_right / self.reviews) if self.reviews else None

    @property
    def weak(self) -> bool:
        return self.attempts >= MIN_ATTEMPTS and self.correct < WEAK_BELOW * self.attempts


@dataclass
class ReadingList:
    """What to read for an area: study notes, timeline events and glossary terms, each with
    a weight: how many of the area's questions point to it (missed questions count double, a
    note that studies a cited paper three times one that only cites it)."""

    documents: list[tuple[str, str, int]] = field(default_factory=list)
    events: list[tuple[str, str, int]] = field(default_factory=list)
    terms: list[tuple[str, str, int]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.documents) + len(self.events) + len(self.terms)


def _attempt_rows(user):
    return user.execute(
        "SELECT question_id, correct, answered_at, mode, topic FROM quiz_attempts "
        "ORDER BY answered_at, id").fetchall()


def areas(ctx, now: datetime | None = None, resolve=None) -> list[Area]:
    """Every topic and learning objective the student has answered, weakest first.

    `resolve(id)` finds an item's question (default: every question source)."""
    if resolve is None:
        from desktop.core.quiz.sources import resolve_question

        def resolve(item_id):
            return resolve_question(ctx, item_id)

    today = (now or datetime.now().astimezone()).date()
    rows = _attempt_rows(ctx.user)
    found: dict[str, object] = {}
    by_key: dict[tuple[str, str], Area] = {}
    for question_id, correct, answered_at, mode, topic in rows:
        if question_id not in found:
            found[question_id] = resolve(question_id)
        question = found[question_id]
        topic = getattr(question, "topic", "") or topic or ""
        keys = [("topic", topic, TOPICS.get(topic, topic or "Other"))]
        objective = getattr(question, "objective", "")
        if objective:
            keys.append(("objective", objective, objective))
        try:
            day = date.fromisoformat((answered_at or "")[:10])
        except ValueError:
            day = today
        for kind, key, label in keys:
            area = by_key.setdefault((kind, key), Area(kind, key, label, topic))
            area.attempts += 1
            area.correct += int(bool(correct))
            if (today - day).days <= RECENT_DAYS:
                area.recent_attempts += 1
                area.recent_correct += int(bool(correct))
            if mode == "review":
                area.reviews += 1
                area.reviews_right += int(bool(correct))
            if question_id not in area.question_ids:
                area.question_ids.append(question_id)
            if not correct and question_id not in area.missed_ids:
                area.missed_ids.append(question_id)
            elif correct and question_id in area.missed_ids:
                area.missed_ids.remove(question_id)  # answered right since
    return sorted(by_key.values(), key=lambda a: (not a.weak, a.percent, -a.attempts,
                                                  a.kind != "topic", a.label))


def weak_areas(ctx, now: datetime | None = None, resolve=None) -> list[Area]:
    """Only the weak areas (see the module note), weakest first."""
    return [a for a in areas(ctx, now, resolve) if a.weak]


def accuracy_by_week(user, question_ids: list[str]) -> list[tuple[str, int, int]]:
    """(ISO week "2026-W47", answers, right) for the area's questions, oldest first."""
    if not question_ids:
        return []
    marks = ",".join("?" * len(question_ids))
    weeks: dict[str, list[int]] = {}
    for answered_at, correct in user.execute(
            f"SELECT answered_at, correct FROM quiz_attempts WHERE question_id IN ({marks}) "
            "ORDER BY answered_at", tuple(question_ids)):
        try:
            year, week, _ = date.fromisoformat(answered_at[:10]).isocalendar()
        except (TypeError, ValueError):
            continue
        entry = weeks.setdefault(f"{year}-W{week:02d}", [0, 0])
        entry[0] += 1
        entry[1] += int(bool(correct))
    return [(w, n, r) for w, (n, r) in sorted(weeks.items())]


def reading_list(ctx, area: Area, resolve=None) -> ReadingList:
    """The notes, events and terms the area's questions cite and link, most cited first."""
    if resolve is None:
        from desktop.core.quiz.sources import resolve_question

        def resolve(item_id):
            return resolve_question(ctx, item_id)

    content = ctx.content
    docs, events, terms = Counter(), Counter(), Counter()
    # A note that studies a cited paper counts three times one that merely cites it.
    notes_by_ref: dict[str, list[tuple[str, int]]] = {}
    for doc in content.documents():
        notes_by_ref.setdefault(doc.reference_id, []).append((doc.id, 3))
        for ref in set(doc.sources) - {doc.reference_id}:
            notes_by_ref.setdefault(ref, []).append((doc.id, 1))
    for question_id in area.question_ids:
        question = resolve(question_id)
        if question is None:
            continue
        weight = 2 if question_id in area.missed_ids else 1
        for ref in question.sources:
            for doc_id, strength in notes_by_ref.get(ref, ()):
                docs[doc_id] += weight * strength
        for event_id in question.events:
            events[event_id] += weight
        for term_id in question.terms:
            terms[term_id] += weight
        if not question.generated and question.type not in ("flashcard",):
            for link in content.links_from("question", question_id):
                target = {"document": docs, "event": events, "term": terms}.get(
                    link.target_kind)
                if target is not None:
                    target[link.target_id] += weight

    def titled(counter: Counter, kind: str) -> list[tuple[str, str, int]]:
        out = []
        for item_id, n in counter.most_common():
            title = content.title_of(kind, item_id)
            if title != item_id or kind == "term":
                out.append((item_id, title, n))
        return out

    return ReadingList(titled(docs, "document"), titled(events, "event"),
                       titled(terms, "term"))
