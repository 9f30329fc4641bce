""""Hide the labels": one practice round over the mechanism diagram's nodes, with tolerant
name matching (rapidfuzz, imported when a name is checked).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from db.label_practice import PracticeAnswer
from desktop.core.mechanism.diagram import Diagram, Node

# -- label practice --------------------------------------------------------------------------

PRACTICE_SCOPES = {
    "neosubstrates": "The neosubstrates",
    "ligase": "The ligase and the drug",
    "downstream": "What follows degradation",
    "all": "Every label",
}
_SCOPE_KINDS = {
    "neosubstrates": {"neosubstrate"},
    "ligase": {"ligase", "drug"},
    "downstream": {"process", "effect", "cell", "teratogenic"},
}
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "Δ": "delta"}


def practice_nodes(diagram: Diagram, scope: str) -> list[Node]:
    """The nodes a practice scope hides, in reading order."""
    kinds = _SCOPE_KINDS.get(scope)
    return [n for n in diagram.tab_order() if kinds is None or n.kind in kinds]


def normalise_name(text: str) -> str:
    """Lower case, Greek letters spelled out, accents and punctuation dropped, spaces single."""
    text = "".join(_GREEK.get(ch, ch) for ch in text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


def _compact(text: str) -> str:
    return normalise_name(text).replace(" ", "")


def accepted_names(node: Node, term=None) -> tuple[str, ...]:
    """Every name that counts as naming `node`: its label (and the parts in and outside
    brackets), its authored answers, and the glossary headword, abbreviations and synonyms."""
    names = [node.label, *node.answers]
    outside = re.sub(r"\([^)]*\)", " ", node.label).strip()
    names.append(outside)
    names.extend(re.findall(r"\(([^)]*)\)", node.label))
    if term is not None:
        names.extend([term.term, *term.abbreviations, *term.synonyms])
    seen, result = set(), []
    for name in names:
        key = _compact(name)
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return tuple(result)


def name_similarity(typed: str, name: str) -> float:
    """0-100: how closely `typed` matches `name`, ignoring case, spacing and punctuation.

    Short names (five characters or fewer once compacted: IKZF1, p63, DDB1) must be typed
    exactly, because one changed character there names a different protein.
    """
    a, b = _compact(typed), _compact(name)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if len(b) <= 5:
        return 0.0
    from rapidfuzz import fuzz

    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(normalise_name(typed),
                                                       normalise_name(name)))


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer."""

    node_id: str
    answer: str
    correct: bool
    expected: str
    similarity: float
    #: the node the answer named instead, when it clearly named another one
    confused_with: str = ""
    method: str = "typed"


class LabelPractice:
    """One "Hide the labels" round: hidden nodes are numbered and named one at a time.

    `names` maps every diagram node id to its accepted names (see `accepted_names`); the
    nodes not hidden still count, so naming the wrong protein is recognised as such.
    """

    def __init__(self, hidden: Sequence[Node], names: dict[str, tuple[str, ...]],
                 scope: str = "", drug: str = "", threshold: float = 85.0,
                 shuffle: random.Random | None = None):
        order = list(hidden)
        if shuffle is not None:
            shuffle.shuffle(order)
        self.hidden = tuple(order)
        self.numbers = {n.id: i + 1 for i, n in enumerate(self.hidden)}
        self.names = names
        self.scope = scope
        self.drug = drug
        self.threshold = threshold
        self.answers: dict[str, PracticeAnswer] = {}
        self.verdicts: dict[str, Verdict] = {}
        self._current = self.hidden[0].id if self.hidden else None

    @property
    def total(self) -> int:
        return len(self.hidden)

    @property
    def correct(self) -> int:
        return sum(1 for a in self.answers.values() if a.correct)

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.hidden)

    @property
    def current(self) -> str | None:
        return self._current

    def label_of(self, node_id: str) -> str:
        return next((n.label for n in self.hidden if n.id == node_id), node_id)

    def is_hidden(self, node_id: str) -> bool:
        """Still hidden: in this round and not yet answered."""
        return node_id in self.numbers and node_id not in self.answers

    def select(self, node_id: str) -> bool:
        """Make `node_id` the one to name next (when it is still hidden)."""
        if not self.is_hidden(node_id):
            return False
        self._current = node_id
        return True

    def choices(self) -> list[str]:
        """Labels to pick from: every hidden node's label, alphabetically (answered too, so
        the list does not shrink into a giveaway)."""
        return sorted({n.label for n in self.hidden}, key=str.casefold)

    def _advance(self) -> None:
        ids = [n.id for n in self.hidden]
        if not ids:
            self._current = None
            return
        start = ids.index(self._current) if self._current in ids else -1
        for offset in range(1, len(ids) + 1):
            candidate = ids[(start + offset) % len(ids)]
            if candidate not in self.answers:
                self._current = candidate
                return
        self._current = None

    def judge(self, node_id: str, text: str) -> Verdict:
        """Judge `text` as a name for `node_id` without recording it."""
        expected = self.label_of(node_id)
        best = max((name_similarity(text, name) for name in self.names.get(node_id, ())),
                   default=0.0)
        rival, rival_score = "", 0.0
        for other_id, names in self.names.items():
            if other_id == node_id:
                continue
            score = max((name_similarity(text, name) for name in names), default=0.0)
            if score > rival_score:
                rival, rival_score = other_id, score
        correct = best >= self.threshold and best >= rival_score
        confused = rival if (not correct and rival_score >= self.threshold) else ""
        return Verdict(node_id, text, correct, expected, best, confused)

    def answer(self, text: str, method: str = "typed") -> Verdict:
        """Record an answer for the current node and move on to the next hidden one."""
        node_id = self._current
        if node_id is None:
            raise ValueError("every hidden label has been answered")
        text = (text or "").strip()
        if method == "skipped" or not text:
            verdict = Verdict(node_id, text, False, self.label_of(node_id), 0.0, "", "skipped")
        else:
            verdict = self.judge(node_id, text)
            verdict = Verdict(verdict.node_id, verdict.answer, verdict.correct,
                              verdict.expected, verdict.similarity, verdict.confused_with,
                              method)
        self.verdicts[node_id] = verdict
        self.answers[node_id] = PracticeAnswer(node_id, text, verdict.correct, verdict.method)
        self._advance()
        return verdict

    def skip(self) -> Verdict:
        return self.answer("", "skipped")

    def results(self) -> list[PracticeAnswer]:
        """Every hidden node's answer in number order; unanswered ones count as skipped."""
        return [self.answers.get(n.id, PracticeAnswer(n.id, "", False, "skipped"))
                for n in self.hidden]

    def score_text(self) -> str:
        return f"{self.correct} of {self.total}"
