"""One search over documents, references, events, terms and questions.

Any text a user types is safe: it is folded (case, diacritics, Greek letters) and split into
words, and every word becomes a quoted FTS5 prefix term, so quotes, asterisks, parentheses,
AND/OR/NOT/NEAR and stray hyphens are just text. A query of nothing but punctuation and
those operator words finds nothing, and `SearchResults.note` says why. When full text finds
nothing, a fuzzy match over titles and glossary names offers "did you mean" results.

Snippets show where the words matched, with " · " between a record's fields or paragraphs;
a question's snippet comes from its stem only, never from its options or explanation (the
answers).

`BackgroundSearch` runs searches on a worker thread with its own read-only connections
(`open_engine`), so a window that shows results never waits for a search: the latest query
wins, a running search made stale by a newer one stops at once, and stale results are never
delivered.
"""

from __future__ import annotations

import contextlib
import html
import re
import sqlite3
import unicodedata
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
BM25 = f"bm25(0, 0, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]})"
#: Ranking tiers: 0 the query is the record's name, 0.5 it starts one of its names,
#: 1 it matches the title, 2 anywhere.
TIER_SPAN = 1_000_000.0
PREFIX_TIER = 0.5
NAME_KIND_ORDER = {"term": 0, "document": 1, "reference": 2, "import": 3, "event": 4}
MAX_TERMS = 24
MAX_TERM_LENGTH = 64
#: A query is read up to this many characters (a pasted megabyte would take seconds).
MAX_QUERY_CHARS = 500
#: Names compared per call in the typo-tolerant fallback.
FUZZY_CHUNK = 256
_TOKEN = re.compile(r"\w+", re.UNICODE)
#: Control characters that mark a matched word inside a snippet until it is escaped to HTML.
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
#: Words that are operators in search syntax elsewhere; here they are only words, and a
#: query made of nothing else has nothing to look for.
OPERATOR_WORDS = frozenset({"and", "or", "not", "near"})
#: Between two fields or paragraphs of a snippet.
FIELD_SEPARATOR = " · "
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")
NO_WORDS_NOTE = "Nothing to search for: type a word or a name (punctuation alone finds nothing)."
OPERATORS_NOTE = ("AND, OR, NOT and NEAR are not search operators here, and a search made "
                  "only of them finds nothing: type the words you are looking for.")


def empty_query_note(text: str) -> str:
    """Why `text` finds nothing before any lookup ("" when it has words to look for)."""
    if not (text or "").strip():
        return ""
    terms = query_terms(text)
    if not terms:
        return NO_WORDS_NOTE
    if all(t in OPERATOR_WORDS for t in terms):
        return OPERATORS_NOTE
    return ""


def query_terms(text: str) -> list[str]:
    """The folded words of a query, bounded in number and length."""
    folded = spell_greek(strip_diacritics((text or "")[:MAX_QUERY_CHARS])).casefold()
    tokens = [t[:MAX_TERM_LENGTH] for t in _TOKEN.findall(folded) if t.strip("_")]
    return tokens[:MAX_TERMS]


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for user text, or None when it has no words.

    Each word is quoted, so FTS syntax in the input is inert. The porter stemmer makes
    "degrades" find "degradation"; the last word is also prefix-matched, so "degrad" and a
    half-typed "lenalid" find their words while the user types.
    """
    terms = query_terms(text)
    if not terms or all(t in OPERATOR_WORDS for t in terms):
        return None
    quoted = [f'"{t.replace(chr(34), "")}"' for t in terms]
    # Only the last word may still be half-typed; a prefix of one or two characters would
    # match half the vocabulary ("t"* in "T cell") for nothing.
    if len(terms[-1]) >= 3:
        quoted[-1] += "*"
    return " ".join(quoted)


def name_keys(text: str) -> set[str]:
    """Spelling-independent keys of a name: `TNF-α`, `TNF alpha` and `tnfa` share one."""
    from db.text import GREEK_LATIN

    keys = {"".join(query_terms(text))}
    latin = "".join(GREEK_LATIN.get(c, c) for c in strip_diacritics(text or ""))
    keys.add("".join(query_terms(latin)))
    keys.discard("")
    return keys


def tiered_score(bm25: float, tier: float, title: str = "", kind: str = "") -> float:
    """One sortable score (lower is better): the tier first, then BM25.

    Within the name and title tiers a shorter title wins a near tie: among many titles that
    contain a common word, the one about it rather than mentioning it comes first. Among
    records named exactly by the query, the glossary entry comes first, then study notes.
    """
    score = bm25 - (3 - tier) * TIER_SPAN
    if tier == 0:
        score += NAME_KIND_ORDER.get(kind, len(NAME_KIND_ORDER)) * 1000.0
    if tier < 2:
        score += min(len(title), 400) * 1e-5
    return score


def _author_year(row) -> list[str]:
    """`Zhu 2011` and `Zhu et al 2011` for a reference row (id, title, first_author, year)."""
    if not row[2] or not row[3]:
        return []
    return [f"{row[2]} {row[3]}", f"{row[2]} et al {row[3]}"]


_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s", "y")


def _rough_stem(term: str) -> str:
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


_LETTER_AFTER_DIGIT = re.compile(r"(.*\d)([a-z]{1,2})")


def _greek_forms(stem: str) -> set[str]:
    """`stem` and the ways a text may write its Greek letter: the folded query `ck1alpha`
    (or `ck1a`) is `CK1α` in the text."""
    from db.text import GREEK, GREEK_LATIN

    forms = {stem}
    for letter, name in GREEK.items():
        if letter.islower() and stem.endswith(name):
            forms.add(stem[: -len(name)] + letter)
    after_digit = _LETTER_AFTER_DIGIT.fullmatch(stem)
    if after_digit:
        forms.update(after_digit.group(1) + letter for letter, latin in GREEK_LATIN.items()
                     if letter.islower() and latin == after_digit.group(2))
    return forms


def _accented_letters() -> dict[str, str]:
    """Each ASCII letter and the accented Latin letters that fold to it (`o`: `òóôõöō…`)."""
    letters: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code).lower()
        bases = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
        if len(bases) == 1 and bases[0].isascii() and bases[0].isalpha() and char != bases[0]:
            letters.setdefault(bases[0].lower(), set()).add(char)
    return {base: "".join(sorted(chars)) for base, chars in letters.items()}


_ACCENTED = _accented_letters()


def _accent_tolerant(stem: str) -> str:
    """A regex for `stem` that also matches its letters written with accents (`kronke` finds
    `Krönke`), so a passage is found without folding the whole text first."""
    return "".join(f"[{re.escape(c)}{_ACCENTED[c]}]" if c in _ACCENTED else re.escape(c)
                   for c in stem)


def passage_pattern(terms: list[str]) -> re.Pattern | None:
    """A regex for words starting like the query words (suffixes cut, as stemming would),
    accented or not, with a spelled-out Greek letter also as the letter itself (`ck1alpha`
    finds `CK1α`)."""
    stems = sorted({form for t in terms if t for form in _greek_forms(_rough_stem(t))},
                   key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(_accent_tolerant(s) for s in stems)
                      + r")\w*", re.IGNORECASE)


class _AccentFold(dict):
    """`str.translate` table: each accented letter to its base letter (length kept)."""

    def __missing__(self, code: int) -> int:
        base = unicodedata.normalize("NFKD", chr(code))[:1] or chr(code)
        self[code] = ord(base)
        return self[code]


_ACCENTS = _AccentFold()


def passage(body: str, pattern: re.Pattern | None, before: int = 50, after: int = 110,
            folded: str | None = None) -> str | None:
    """About fourteen words of `body` around the first match, matches marked; None if none.

    `folded` is `body` with accents removed (same length), searched in its place.
    """
    if pattern is None:
        return None
    hay = body if folded is None else folded
    first = pattern.search(hay)
    if first is None:
        return None
    start = max(0, first.start() - before)
    if start:
        space = body.find(" ", start, first.start())
        start = space + 1 if space >= 0 else first.start()
    end = min(len(body), first.end() + after)
    if end < len(body):
        space = body.rfind(" ", first.end(), end)
        end = space if space >= 0 else end
    window = body[start:end]
    spans = [m.span() for m in pattern.finditer(hay, start, end)]
    marked, at = [], start
    for a, b in spans:
        marked.append(f"{body[at:a]}{MARK_OPEN}{body[a:b]}{MARK_CLOSE}")
        at = b
    marked.append(body[at:end])
    marked = "".join(marked) if spans else window
    return f"{'…' if start else ''}{marked}{'…' if end < len(body) else ''}"


def accent_folded(text: str) -> str:
    """`text` with accented letters as their base letters (same length, for `passage`)."""
    return text.translate(_ACCENTS)


def highlight_snippet(raw: str) -> str:
    """Escape a snippet for HTML and turn the match markers into <mark> tags; paragraph and
    field breaks become " · " so two fields never run together."""
    raw = _PARAGRAPH_BREAK.sub(FIELD_SEPARATOR, raw.strip())
    escaped = html.escape(" ".join(raw.split()), quote=False)
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...]
    fuzzy: bool = False
    #: Why some or all results are missing (an empty query, results hidden during an exam).
    note: str = ""

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
        self._index: dict[str, set[tuple[str, str]]] | None = None
        self._sorted_keys: list[str] = []
        self._rowid_map: dict[tuple[str, str], int] | None = None
        self._folded_names: list[str] | None = None
        #: Connections this engine opened itself (`open_engine`), closed by `close()`.
        self.connections: list[sqlite3.Connection] = []

    def close(self) -> None:
        """Close the connections the engine opened itself (none when it was given them)."""
        for conn in self.connections:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self.connections = []

    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int = 50,
               fuzzy_fallback: bool = True) -> SearchResults:
        """Ranked hits for `text`; never raises for any input."""
        text = (text or "")[:MAX_QUERY_CHARS]
        kinds = tuple(k for k in (kinds or KINDS) if k in KINDS)
        limit = max(1, min(int(limit), 500))
        expression = match_expression(text)
        if expression is None or not kinds:
            return SearchResults(text or "", (), note=empty_query_note(text))
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
        """Exact names first, then title matches, then everything else, each by BM25.

        BM25 alone cannot rank a word that nearly every record contains ("lenalidomide"):
        its IDF is close to zero, so the record *named* by the query must be found by name.
        Snippets are made only for the hits that are returned.
        """
        # Shortest matching name first among the half-typed ones (the `order` term).
        named = {key: (PREFIX_TIER, order * 1000.0)
                 for order, key in enumerate(self.prefix_matches(text, kinds))}
        named.update((key, (0, 0.0)) for key in self.exact_matches(text, kinds))
        found: dict[tuple[str, str], tuple[int, str, float]] = {}
        for tier, match in ((1, f"{{title}} : ({expression})"), (2, expression)):
            for rowid, kind, item_id, title, score in self._query(match, kinds, limit):
                key = (kind, item_id)
                if key not in found:
                    best, order = named.get(key, (tier, 0.0))
                    found[key] = (rowid, title, tiered_score(score, best, title, kind) + order)
        missing = [key for key in named if key not in found]
        if missing:
            # Named by the query but beyond the BM25 cut (a common word, or a name that is
            # only in the aliases): rank each on its own, looked up by rowid.
            rowids = self._rowids()
            for key in missing:
                if key not in rowids:
                    continue
                for rowid, kind, _item_id, title, score in self._query(
                        expression, kinds, 1, rowids[key]):
                    tier, order = named[key]
                    found[key] = (rowid, title, tiered_score(score, tier, title, kind) + order)
        ranked = sorted(found.items(), key=lambda item: item[1][2])[:limit]
        stems = self._question_stems([key[1] for key, _v in ranked if key[0] == "question"])
        snippets = self._snippets(expression, text, [row for _key, (row, _t, _s) in ranked],
                                  {row: stems.get(key[1], "") for key, (row, _t, _s) in ranked
                                   if key[0] == "question"})
        return [SearchHit(kind, item_id, title, snippets.get(rowid, ""), score)
                for (kind, item_id), (rowid, title, score) in ranked]

    def _query(self, match: str, kinds: tuple[str, ...], limit: int,
               rowid: int | None = None) -> list[tuple]:
        kind_sql = ",".join("?" for _ in kinds)
        # "rank MATCH" lets FTS5 sort by our column weights itself.
        sql = (
            "SELECT rowid, kind, item_id, title, rank FROM search "
            f"WHERE search MATCH ? AND rank MATCH '{BM25}' AND kind IN ({kind_sql})"
            f"{' AND rowid = ?' if rowid is not None else ''} ORDER BY rank LIMIT ?"
        )
        params = (match, *kinds, *(() if rowid is None else (rowid,)), limit)
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error:
            return []

    def _rowids(self) -> dict[tuple[str, str], int]:
        """(kind, id) -> rowid of the search table, read once."""
        if self._rowid_map is None:
            try:
                # The FTS5 content table: reading its first columns skips the long bodies.
                rows = self.conn.execute("SELECT id, c0, c1 FROM search_content").fetchall()
            except sqlite3.Error:
                try:
                    rows = self.conn.execute("SELECT rowid, kind, item_id FROM search").fetchall()
                except sqlite3.Error:
                    rows = []
            self._rowid_map = {(kind, item_id): rowid for rowid, kind, item_id in rows}
        return self._rowid_map

    def _question_stems(self, ids: list[str]) -> dict[str, str]:
        """The stems (plain text) of the questions `ids`: a question's snippet comes from
        its stem alone, so the search never shows its options or explanation."""
        if not ids:
            return {}
        from db.text import strip_markdown

        marks = ",".join("?" for _ in ids)
        try:
            rows = self.conn.execute(
                f"SELECT id, stem FROM questions WHERE id IN ({marks})", ids).fetchall()
        except sqlite3.Error:
            return {}
        return {qid: strip_markdown(stem or "") for qid, stem in rows}

    def _snippets(self, expression: str, text: str, rowids: list[int],
                  only_from: dict[int, str] | None = None) -> dict[int, str]:
        """Highlighted passages for `rowids`.

        Found in Python around the first word that starts like a query word; FTS5's
        snippet(), which re-tokenizes the whole text, is used only where that finds nothing
        (a stemmed form, accents, Greek letters). For a row in `only_from` (questions) the
        passage comes from that text alone, or there is none.
        """
        if not rowids:
            return {}
        only_from = only_from or {}
        pattern = passage_pattern(query_terms(text))
        bodies: dict[int, str] = {}
        marks = ",".join("?" for _ in rowids)
        try:
            bodies = dict(self.conn.execute(
                f"SELECT id, c3 FROM search_content WHERE id IN ({marks})", rowids).fetchall())
        except sqlite3.Error:
            for rowid in rowids:
                try:
                    row = self.conn.execute("SELECT body FROM search WHERE rowid = ?",
                                            (rowid,)).fetchone()
                except sqlite3.Error:
                    row = None
                bodies[rowid] = row[0] if row else ""
        out = {}
        for rowid in rowids:
            restricted = rowid in only_from
            body = only_from[rowid] if restricted else bodies.get(rowid) or ""
            raw = passage(body, pattern)
            if raw is None and pattern is not None and not body.isascii():
                raw = passage(body, pattern, folded=body.translate(_ACCENTS))
            if raw is None and not restricted:
                raw = self._fts_snippet(expression, rowid)
            out[rowid] = highlight_snippet(raw or "")
        return out

    def _fts_snippet(self, expression: str, rowid: int) -> str:
        try:
            row = self.conn.execute(
                f"SELECT snippet(search, 3, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 14) "
                "FROM search WHERE search MATCH ? AND rowid = ?", (expression, rowid)).fetchone()
        except sqlite3.Error:
            row = None
        return row[0] if row else ""

    def exact_matches(self, text: str, kinds: Iterable[str] = KINDS) -> set[tuple[str, str]]:
        """Records whose title or glossary name is exactly `text` (folded, any spelling)."""
        keys = name_keys(text)
        index = self._name_index()
        kinds = set(kinds)
        return {hit for key in keys for hit in index.get(key, ()) if hit[0] in kinds}

    def prefix_matches(self, text: str, kinds: Iterable[str] = KINDS,
                       most: int = 6) -> list[tuple[str, str]]:
        """Records with a name that starts with `text` (shortest names first), for the
        half-typed word: "lenalidom" finds lenalidomide before the papers about it."""
        import bisect

        keys = [k for k in name_keys(text) if len(k) >= 4]
        if not keys:
            return []
        self._name_index()
        kinds = set(kinds)
        found: list[tuple[int, str, tuple[str, str]]] = []
        for key in keys:
            start = bisect.bisect_left(self._sorted_keys, key)
            for name in self._sorted_keys[start:start + 200]:
                if not name.startswith(key):
                    break
                found.extend((len(name), name, hit) for hit in self._index[name]
                             if hit[0] in kinds)
        out: list[tuple[str, str]] = []
        for _length, _name, hit in sorted(found):
            if hit not in out:
                out.append(hit)
        return out[:most]

    def _name_index(self) -> dict[str, set[tuple[str, str]]]:
        if self._index is None:
            index: dict[str, set[tuple[str, str]]] = {}
            for kind, item_id, _display, name in self.names():
                for key in name_keys(name):
                    index.setdefault(key, set()).add((kind, item_id))
            self._index = index
            self._sorted_keys = sorted(index)
        return self._index

    def names(self) -> list[tuple[str, str, str, str]]:
        """(kind, id, display title, name) for every title, glossary name and author-year."""
        if self._names is None:
            import json

            rows: list[tuple[str, str, str, str]] = []
            try:
                for r in self.conn.execute("SELECT id, term, abbreviations, synonyms FROM terms"):
                    for name in [r[1], *json.loads(r[2]), *json.loads(r[3])]:
                        rows.append(("term", r[0], r[1], name))
                for r in self.conn.execute("SELECT id, headline FROM events"):
                    rows.append(("event", r[0], r[1], r[1]))
                for r in self.conn.execute(
                        'SELECT d.id, d.title, r.first_author, r.year FROM documents d '
                        'LEFT JOIN "references" r ON r.id = d.reference_id'):
                    rows.append(("document", r[0], r[1], r[1]))
                    rows.extend(("document", r[0], r[1], label) for label in _author_year(r))
                for r in self.conn.execute(
                        'SELECT id, title, first_author, year FROM "references"'):
                    rows.append(("reference", r[0], r[1], r[1]))
                    rows.extend(("reference", r[0], r[1], label) for label in _author_year(r))
            except sqlite3.Error:
                rows = []
            self._names = rows
        return self._names

    def fuzzy(self, text: str, kinds: Iterable[str] = KINDS, limit: int = 10) -> list[SearchHit]:
        """Typo-tolerant matches of `text` against titles and glossary names."""
        from rapidfuzz import fuzz, process

        query = fold((text or "")[:200]).strip()
        if len(query) < 3:
            return []
        kinds = set(kinds)
        if self._folded_names is None:
            self._folded_names = [fold(row[3]) for row in self.names()]
        rows, choices = list(self.names()), list(self._folded_names)
        for source in self.extra_sources:
            extra = getattr(source, "names", list)()
            rows.extend(extra)
            choices.extend(fold(row[3]) for row in extra)
        keep = [i for i, row in enumerate(rows) if row[0] in kinds]
        candidates = [rows[i] for i in keep]
        choices = [choices[i] for i in keep]
        # Short names (CRBN, IL-2) are compared whole; long titles by their best-matching words.
        # A few hundred names at a time: rapidfuzz holds the GIL while it compares, so a
        # search on a worker thread never keeps the GUI thread waiting for long.
        results = []
        for start in range(0, len(choices), FUZZY_CHUNK):
            part = process.extract(query, choices[start:start + FUZZY_CHUNK],
                                   scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=72)
            results.extend((choice, score, start + index) for choice, score, index in part)
        results.sort(key=lambda found: (-found[1], found[2]))
        results = results[:limit * 4]
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


def without_kinds(results: SearchResults, kinds: Iterable[str], note: str) -> SearchResults:
    """`results` without the hits of `kinds`, with `note` saying so (e.g. questions hidden
    while an exam runs, so the search cannot give its answers away)."""
    hidden = set(kinds)
    kept = tuple(h for h in results.hits if h.kind not in hidden)
    notes = " ".join(filter(None, (results.note, note)))
    return SearchResults(results.query, kept, results.fuzzy and bool(kept), notes)
