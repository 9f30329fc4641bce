"""Forgiving glossary lookup: what the glossary panel's search box finds, best first.

A query is folded like every name (case, diacritics, Greek letters: `ck1a`, `CK1alpha` and
`CK1α` are one), and compared with each term's headword, abbreviations and synonyms: an exact
name first (`Aiolos` finds IKZF3, `CRBN` cereblon), then names that start with the query (as
you type: `casein kinase` finds CK1α), then names with a word that starts with it, then names
that contain it, then near misses (typos: `ceribon`, `lenalidomid`, via rapidfuzz), and last
the terms whose definition uses the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from db.text import GREEK_LATIN, fold, strip_diacritics

_NON_WORD = re.compile(r"[\W_]+")
_GREEK = re.compile("[" + "".join(GREEK_LATIN) + "]")
MAX_QUERY = 100


def squash(text: str) -> str:
    """Folded text without spaces or punctuation: `IL-2` and `il 2` both give `il2`."""
    return _NON_WORD.sub("", fold(text))


def _latin(text: str) -> str:
    """Greek letters as Latin letters, folded and squashed: `CK1α` -> `ck1a`."""
    return _NON_WORD.sub("", strip_diacritics(
        _GREEK.sub(lambda m: GREEK_LATIN[m.group()], text)).casefold())


@dataclass(frozen=True)
class LookupHit:
    """One term found by a lookup; `how` says why (exact, prefix, word, contains, fuzzy,
    definition) and `name` which of its names matched."""

    term_id: str
    score: float
    how: str
    name: str


@dataclass(frozen=True)
class _Name:
    term_id: str
    text: str
    folded: str
    squashed: str
    latin: str
    words: tuple[str, ...]
    headword: bool


class GlossaryIndex:
    """Every term by id, the categories, and forgiving lookup."""

    def __init__(self, terms: Iterable):
        ordered = sorted(terms, key=lambda t: fold(t.term))
        self.terms = {t.id: t for t in ordered}
        self.names: list[_Name] = []
        for term in ordered:
            seen: set[str] = set()
            for position, name in enumerate(term.names):
                folded = fold(name).strip()
                if not folded or folded in seen:
                    continue
                seen.add(folded)
                self.names.append(_Name(
                    term.id, name, folded, squash(name), _latin(name),
                    tuple(w for w in re.split(r"[\s\-/(),;]+", folded) if w), position == 0))
        self._definitions = {t.id: " " + " ".join(re.findall(r"\w+", fold(t.definition)))
                             for t in ordered}
        self._choices: list[str] | None = None

    def __len__(self) -> int:
        return len(self.terms)

    def term(self, term_id: str):
        return self.terms.get(term_id)

    def categories(self) -> dict[str, int]:
        """Category -> number of terms, in first-seen order."""
        counts: dict[str, int] = {}
        for term in self.terms.values():
            counts[term.category] = counts.get(term.category, 0) + 1
        return counts

    def all(self, category: str | None = None) -> list[str]:
        """Every term id (alphabetical), optionally of one category."""
        return [t.id for t in self.terms.values() if not category or t.category == category]

    def lookup(self, query: str, category: str | None = None,
               limit: int | None = None) -> list[LookupHit]:
        """Terms matching `query`, best first; every term (alphabetical) when it is empty."""
        query = (query or "")[:MAX_QUERY]
        folded = " ".join(fold(query).split())
        squashed = squash(query)
        if not squashed:
            hits = [LookupHit(i, 0.0, "all", self.terms[i].term) for i in self.all(category)]
            return hits[:limit] if limit else hits
        best: dict[str, LookupHit] = {}

        def offer(term_id: str, score: float, how: str, name: str) -> None:
            if category and self.terms[term_id].category != category:
                return
            current = best.get(term_id)
            if current is None or score > current.score:
                best[term_id] = LookupHit(term_id, score, how, name)

        latin = _latin(query)
        for name in self.names:
            bonus = 2.0 if name.headword else 0.0
            if folded == name.folded or squashed == name.squashed or latin == name.latin:
                offer(name.term_id, 100 + bonus, "exact", name.text)
            elif name.folded.startswith(folded) or name.squashed.startswith(squashed) or (
                    len(latin) > 1 and name.latin.startswith(latin)):
                # Shorter names first: "lenalidomid" -> lenalidomide before its regimens.
                extra = len(name.squashed) - len(squashed)
                offer(name.term_id, 90 + bonus - min(extra, 40) * 0.2, "prefix", name.text)
            elif len(squashed) >= 2 and any(w.startswith(folded) for w in name.words[1:]):
                offer(name.term_id, 70 + bonus, "word", name.text)
            elif len(squashed) >= 3 and (folded in name.folded or squashed in name.squashed):
                offer(name.term_id, 60 + bonus, "contains", name.text)
        if len(squashed) >= 3:
            self._fuzzy(folded, offer)
        if len(squashed) >= 4:
            needle = " " + folded
            for term_id, text in self._definitions.items():
                if term_id not in best and needle in text:
                    offer(term_id, 20.0, "definition", self.terms[term_id].term)
        hits = sorted(best.values(), key=lambda h: (-h.score, fold(self.terms[h.term_id].term)))
        return hits[:limit] if limit else hits

    def _fuzzy(self, folded: str, offer) -> None:
        from rapidfuzz import fuzz, process

        if self._choices is None:
            self._choices = [n.folded for n in self.names]
        # A typo in a whole name ("ceribon") or in the start of one, while typing ("ceribo").
        for _choice, score, index in process.extract(
                folded, self._choices, scorer=fuzz.ratio, limit=12, score_cutoff=75):
            name = self.names[index]
            offer(name.term_id, 30 + score * 0.25, "fuzzy", name.text)
        if len(folded) >= 4:
            prefixes = [c[: len(folded) + 1] for c in self._choices]
            for _choice, score, index in process.extract(
                    folded, prefixes, scorer=fuzz.ratio, limit=12, score_cutoff=80):
                name = self.names[index]
                offer(name.term_id, 25 + score * 0.25, "fuzzy", name.text)
