"""One search over documents, references, events, terms and questions.

Any text a user types is safe: it is folded (case, diacritics, Greek letters) and split into
words, and every word becomes a quoted FTS5 prefix term, so quotes, asterisks, parentheses,
AND/OR/NOT/NEAR and stray hyphens are just text. When full text finds nothing, a fuzzy match
over titles and glossary names offers "did you mean" results.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from db.records import SearchHit

from db.text import fold, spell_greek, strip_diacritics

KINDS = ("document", "reference", "event", "term", "question", "import")
KIND_LABELS = {
    "document": "Study note", "reference": "Reference", "event": "Timeline event",
    "term": "Glossary term", "question": "Question", "import": "My document",
}
#: bm25 column weights: title, body, aliases (names, abbreviations, Greek spellings).
WEIGHTS = (10.0, 1.0, 6.0)
MAX_TERMS = 24
MAX_TERM_LENGTH = 64
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"


def query_terms(text: str) -> list[str]:
    """The folded words of a query, bounded in number and length."""
    folded = spell_greek(strip_diacritics(text or "")).casefold()
    tokens = [t[:MAX_TERM_LENGTH] for t in _TOKEN.findall(folded) if t.strip("_")]
    return tokens[:MAX_TERMS]


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for user text, or None when it has no words.

    Each word is quoted (so FTS syntax in the input is inert) and prefix-matched, which with
    the porter stemmer makes "degrad" find "degradation" and "degrades".
    """
    terms = query_terms(text)
    if not terms:
        return None
    return " ".join(f'"{t.replace(chr(34), "")}"*' for t in terms)


def highlight_snippet(raw: str) -> str:
    """Escape a snippet for HTML and turn the match markers into <mark> tags."""
    escaped = html.escape(raw, quote=False)
    return escaped.replace(_MARK_OPEN, "<mark>").replace(_MARK_CLOSE, "</mark>")


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...]
    fuzzy: bool = False

    def by_kind(self) -> dict[str, list[SearchHit]]:
        groups: dict[str, list[SearchHit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.kind, []).append(hit)
        return groups


class SearchEngine:
    """Ranked full-text search over a content DB (and, optionally, the user's imports)."""

    def __init__(self, content_conn: sqlite3.Connection, extra_sources: Iterable = ()):
        self.conn = content_conn
        self.extra_sources = list(extra_sources)
        self._names: list[tuple[str, str, str, str]] | None = None

    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int = 50,
               fuzzy_fallback: bool = True) -> SearchResults:
        """Ranked hits for `text`; never raises for any input."""
        kinds = tuple(k for k in (kinds or KINDS) if k in KINDS)
        limit = max(1, min(int(limit), 500))
        expression = match_expression(text)
        if expression is None or not kinds:
            return SearchResults(text or "", ())
        hits = self._fulltext(expression, text, kinds, limit)
        for source in self.extra_sources:
            if "import" in kinds:
                hits.extend(source.search(expression, limit))
        hits.sort(key=lambda h: h.score)
        if hits or not fuzzy_fallback:
            return SearchResults(text, tuple(hits[:limit]))
        return SearchResults(text, tuple(self.fuzzy(text, kinds, limit=min(limit, 10))), True)

    def _fulltext(self, expression: str, text: str, kinds: tuple[str, ...],
                  limit: int) -> list[SearchHit]:
        placeholders = ",".join("?" for _ in kinds)
        sql = (
            "SELECT kind, item_id, title, "
            f"snippet(search, 3, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 14) AS snip, "
            f"bm25(search, 0, 0, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]}) AS score "
            f"FROM search WHERE search MATCH ? AND kind IN ({placeholders}) "
            "ORDER BY score LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (expression, *kinds, limit * 2)).fetchall()
        except sqlite3.Error:
            return []
        wanted = fold(" ".join(query_terms(text)))
        hits = []
        for kind, item_id, title, snip, score in rows:
            # An exact title or name match (e.g. "CRBN" for cereblon) outranks passing mentions.
            if fold(title) == wanted or wanted in self._exact_names().get((kind, item_id), ()):
                score *= 3.0
            hits.append(SearchHit(kind, item_id, title, highlight_snippet(snip or ""), score))
        return hits

    def _exact_names(self) -> dict[tuple[str, str], set[str]]:
        if not hasattr(self, "_name_index"):
            index: dict[tuple[str, str], set[str]] = {}
            for kind, item_id, _display, name in self.names():
                index.setdefault((kind, item_id), set()).add(fold(name))
            self._name_index = index
        return self._name_index

    def names(self) -> list[tuple[str, str, str, str]]:
        """(kind, id, display title, name) for every title and glossary name."""
        if self._names is None:
            import json

            rows: list[tuple[str, str, str, str]] = []
            try:
                for r in self.conn.execute("SELECT id, term, abbreviations, synonyms FROM terms"):
                    for name in [r[1], *json.loads(r[2]), *json.loads(r[3])]:
                        rows.append(("term", r[0], r[1], name))
                for r in self.conn.execute("SELECT id, headline FROM events"):
                    rows.append(("event", r[0], r[1], r[1]))
                for r in self.conn.execute("SELECT id, title FROM documents"):
                    rows.append(("document", r[0], r[1], r[1]))
                for r in self.conn.execute('SELECT id, title FROM "references"'):
                    rows.append(("reference", r[0], r[1], r[1]))
            except sqlite3.Error:
                rows = []
            self._names = rows
        return self._names

    def fuzzy(self, text: str, kinds: Iterable[str] = KINDS, limit: int = 10) -> list[SearchHit]:
        """Typo-tolerant matches of `text` against titles and glossary names."""
        from rapidfuzz import fuzz, process

        query = fold(text or "")[:200].strip()
        if len(query) < 3:
            return []
        kinds = set(kinds)
        candidates = [row for row in self.names() if row[0] in kinds]
        choices = [fold(row[3]) for row in candidates]
        # Short names (CRBN, IL-2) are compared whole; long titles by their best-matching words.
        results = process.extract(
            query, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=72
        )
        seen: set[tuple[str, str]] = set()
        hits = []
        for _choice, score, index in results:
            kind, item_id, display, name = candidates[index]
            if (kind, item_id) in seen:
                continue
            seen.add((kind, item_id))
            snippet = html.escape(name if name != display else "")
            hits.append(SearchHit(kind, item_id, display, snippet, -float(score), fuzzy=True))
            if len(hits) >= limit:
                break
        return hits
