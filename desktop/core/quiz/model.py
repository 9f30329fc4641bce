"""Names, labels and the plain data the quiz engine passes around.

A `Question` (from `db.records`) is what is asked; an `Item` is one question inside one
session: the order its options were shown in, the user's response and its score. Responses are
plain JSON-friendly lists so they can be stored as they are:

- single, true_false: `["b"]` (the chosen option key)
- multi: `["a", "c"]` (every ticked key)
- ordering: `["c", "a", "b"]` (keys in the order the user put them)
- matching: `[2, 0, 1]` (for each pair's left side, in pair order, the index of the pair whose
  right side was chosen; `None` where nothing was chosen)
- year: `[1998]`
- cloze, typed: `["cereblon", "IKZF3"]` (the text typed in each gap, in order); flashcard:
  `["shown"]`; either may end with `{"overrule": true}` or `{"overrule": false}` (see scoring)
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field

from db.content_format import DIFFICULTIES as _DIFFICULTIES
from db.content_format import QUESTION_TYPES as _TYPES
from db.content_format import RECALL_TYPES as _RECALL_TYPES
from db.content_format import TOPICS
from db.records import Option, Pair, Question

__all__ = [
    "DIFFICULTIES", "MODES", "QUESTION_TYPES", "TOPICS", "Item", "question_from_dict",
    "question_to_dict", "presentation_order",
]

QUESTION_TYPES: dict[str, str] = {**_TYPES, "year": "In which year"}
#: Every kind of item a session may hold, named: question types, the recall items (cloze,
#: typed; chosen on the start screen by their source) and glossary cards.
ITEM_TYPES: dict[str, str] = {**QUESTION_TYPES, **_RECALL_TYPES, "flashcard": "Glossary card"}
#: Types answered by typing (each gap a text); their feedback offers "I was right".
TYPED_TYPES = frozenset(_RECALL_TYPES)
#: Types the student grades after the answer is shown: recall types and glossary cards.
RECALL_ITEM_TYPES = frozenset({*_RECALL_TYPES, "flashcard"})
DIFFICULTIES: dict[str, str] = {d: d.capitalize() for d in _DIFFICULTIES}
MODES: dict[str, str] = {
    "tutor": "Tutor",
    "exam": "Exam",
    "review": "Spaced review",
    "practice": "Practice",
}
#: Modes that show feedback right after each answer (exam keeps it for the end).
FEEDBACK_MODES = frozenset({"tutor", "review", "practice"})
CHOICE_TYPES = frozenset({"single", "multi", "true_false"})


@dataclass
class Item:
    """One question in a session, as presented to this user this time."""

    question: Question
    #: Option keys in display order (choice types and ordering), or for matching the pair
    #: indices of the right-hand choices in display order. Empty for "year".
    order: tuple = ()
    response: list | None = None
    score: float | None = None
    correct: bool | None = None
    marked: bool = False
    elapsed_ms: int = 0
    answered_at: str = ""

    @property
    def answered(self) -> bool:
        return self.response is not None


def presentation_order(question: Question, rng: random.Random) -> tuple:
    """The display order of `question`'s options for one attempt.

    Options are shuffled unless the question says `shuffle = false`; true/false always shows
    True then False; an ordering item never starts in its correct order (that would be a
    free point).
    """
    if question.type == "matching":
        order = list(range(len(question.pairs)))
        if question.shuffle:
            rng.shuffle(order)
        return tuple(order)
    keys = [o.key for o in question.options]
    if question.type == "true_false":
        return tuple(sorted(keys, key=lambda k: k != "true"))
    if question.type == "ordering":
        answer = list(question.answer)
        if len(keys) > 1:
            for _ in range(20):
                rng.shuffle(keys)
                if keys != answer:
                    break
            if keys == answer:  # a two-item list shuffled into place every time
                keys.reverse()
        return tuple(keys)
    if question.shuffle:
        rng.shuffle(keys)
    return tuple(keys)


def question_to_dict(question: Question) -> dict:
    """A JSON-ready dict of `question` (for session snapshots and review cards)."""
    return asdict(question)


def question_from_dict(data: dict) -> Question:
    """The inverse of `question_to_dict`; unknown keys are ignored."""
    known = {f for f in Question.__dataclass_fields__}
    values = {k: v for k, v in data.items() if k in known}
    values["options"] = tuple(Option(**o) for o in data.get("options", ()))
    values["pairs"] = tuple(Pair(**p) for p in data.get("pairs", ()))
    for name in ("answer", "sources", "terms", "events"):
        values[name] = tuple(data.get(name, ()))
    return Question(**values)


@dataclass
class SessionConfig:
    """What the start screen asked for. Empty tuples mean "all"."""

    mode: str = "tutor"
    count: int = 10
    topics: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    #: "all", "unseen", "missed" or "bookmarked".
    filter: str = "all"
    sources: tuple[str, ...] = ("bank", "generated")
    #: Exam countdown in minutes; 0 for none.
    time_limit_min: int = 0
    seed: int | None = None
    title: str = ""
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> SessionConfig:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in (data or {}).items() if k in known}
        for name in ("topics", "difficulties", "types", "sources"):
            if name in values:
                values[name] = tuple(values[name])
        return cls(**values)
