"""Per-item statistics: attempts, % correct, last seen, and the FSRS difficulty and stability
of the item's review card; the "hardest for me" list.

One query over the attempts and one over the review cards (FSRS values read with SQLite's
`json_extract`), so the whole table is cheap to rebuild after every session.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemStats:
    """What one student has done with one item (question, cloze card, typed question or
    glossary card)."""

    item_id: str
    title: str
    type: str
    topic: str
    attempts: int
    correct: int
    last_seen: str
    #: FSRS difficulty (1-10) and stability (days) of its review card; None without a card.
    difficulty: float | None = None
    stability: float | None = None
    due: str = ""

    @property
    def percent(self) -> int | None:
        """Share answered right, in whole percent (None before any attempt)."""
        return round(100 * self.correct / self.attempts) if self.attempts else None


def item_stats(user, title=None) -> list[ItemStats]:
    """Statistics of every item the student has answered or scheduled, newest first.

    `title(item_id)` gives an item's text (default: its id)."""
    attempts = {r[0]: r for r in user.execute(
        "SELECT question_id, count(*), coalesce(sum(correct), 0), max(answered_at), "
        "max(topic), max(question_type) FROM quiz_attempts GROUP BY question_id")}
    cards = {r[0]: r for r in user.execute(
        "SELECT question_id, json_extract(card, '$.difficulty'), "
        "json_extract(card, '$.stability'), due, json_extract(question, '$.topic'), "
        "json_extract(question, '$.type') FROM review_cards")}
    out = []
    for item_id in attempts.keys() | cards.keys():
        a = attempts.get(item_id)
        c = cards.get(item_id)
        out.append(ItemStats(
            item_id=item_id, title=title(item_id) if title else item_id,
            type=(a[5] if a and a[5] else (c[5] if c else "")) or "",
            topic=(a[4] if a and a[4] else (c[4] if c else "")) or "",
            attempts=a[1] if a else 0, correct=int(a[2]) if a else 0,
            last_seen=(a[3] or "")[:16].replace("T", " ") if a else "",
            difficulty=float(c[1]) if c and c[1] is not None else None,
            stability=float(c[2]) if c and c[2] is not None else None,
            due=(c[3] or "") if c else ""))
    out.sort(key=lambda s: (s.last_seen, s.item_id), reverse=True)
    return out


def hardest(stats: list[ItemStats], limit: int = 20, min_attempts: int = 2) -> list[ItemStats]:
    """"Hardest for me": items answered at least `min_attempts` times, lowest share right
    first, then the highest FSRS difficulty, then the most attempts."""
    tried = [s for s in stats if s.attempts >= min_attempts and s.correct < s.attempts]
    tried.sort(key=lambda s: (s.correct / s.attempts, -(s.difficulty or 0), -s.attempts,
                              s.item_id))
    return tried[:limit]
