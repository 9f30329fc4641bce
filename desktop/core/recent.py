"""File > Recent: the notes, references, events and terms a person opened last (Qt-free).

The list is kept newest first, each record once, at most `LIMIT` long, and stored as plain
strings ("kind<TAB>id") in the settings file, so it survives a restart and a damaged entry is
simply dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Record kinds that File > Recent lists, and the word shown after each title.
RECENT_KINDS = {"document": "note", "reference": "reference", "import": "your document",
                "event": "event", "term": "term"}
LIMIT = 10


@dataclass(frozen=True)
class RecentItem:
    kind: str
    item_id: str

    def stored(self) -> str:
        return f"{self.kind}\t{self.item_id}"

    @classmethod
    def parse(cls, text: str) -> RecentItem | None:
        """The item a stored string names, or None when it is not one (a damaged setting)."""
        kind, sep, item_id = str(text).partition("\t")
        if not sep or kind not in RECENT_KINDS or not item_id.strip():
            return None
        return cls(kind, item_id)


def parse_all(stored: Iterable[str]) -> list[RecentItem]:
    """The valid items of a stored list, in order, without repeats."""
    items: list[RecentItem] = []
    for text in stored:
        item = RecentItem.parse(text)
        if item is not None and item not in items:
            items.append(item)
    return items[:LIMIT]


def add(items: list[RecentItem], kind: str, item_id: str) -> list[RecentItem]:
    """`items` with (kind, item_id) moved to the front (unchanged for kinds not listed)."""
    if kind not in RECENT_KINDS or not item_id:
        return list(items)
    item = RecentItem(kind, item_id)
    return [item, *(i for i in items if i != item)][:LIMIT]


def label(title: str, kind: str, position: int) -> str:
    """A menu label with a number mnemonic: "&1 Cereblon (term)"; `position` counts from 1."""
    number = f"&{position}" if position < 10 else ("1&0" if position == 10 else str(position))
    title = " ".join(title.split()).replace("&", "&&")
    if len(title) > 60:
        title = title[:59].rstrip() + "…"
    return f"{number} {title} ({RECENT_KINDS.get(kind, kind)})"
