"""Glossary terms linked inside sanitised HTML, and the terms a plain text mentions.

The text is split into words (runs of letters and digits, Greek included); every name of every
term (headword, abbreviations, synonyms) is indexed by its first folded word, so linking costs
one dictionary look-up per word plus a check of the few names that start there. Rules:

- whole words only: `CR` never matches inside `CRBN` or `sCR`, `IL-2` never inside `IL-20`,
  and an abbreviation followed by `-<digit>` is part of a code (`PR-171`, `MM-003`), not a match;
- the longest match wins (`TNF-α` over `TNF`, `plasma cell leukaemia` over `plasma cell`);
- case: names with a capital after the first character (`CRBN`, `IL-2`, `IMiD`, `sCR`,
  `Kefauver-Harris Amendments`), names with a one-letter word (`T cell`, `M protein`) and short
  names (`CR`, `Pd`, `Rash`) must match exactly, except that a first word written like an
  ordinary word may take either case at its first letter (`Rash`/`rash`, `Regulatory T
  cell`/`regulatory T cell`); other names (`Cereblon`, `Plasma cell`) match in any case, with
  diacritics folded;
- hyphen and space are interchangeable inside names (`T cell`, `T-cell`), a hyphenated name also
  matches written solid (`IL-2`/`IL2`, `co-stimulation`/`costimulation`), a Greek letter matches
  its spelled name (`TNF-α`, `TNF-alpha`) and, inside a word, its Latin letter (`CK1α`, `CK1a`);
  the last word may be plural (`plasma cells`, `IMiDs`, `therapies`);
- in HTML: the first occurrence of a term per section only (a section starts at each heading
  or `<hr>`; an author's own `term:` link counts as that occurrence), never inside links,
  code, `pre` or headings; entities are decoded for matching and the text re-escaped.

Links look like `<a class="term" href="term:ID" title="short definition">text</a>`.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from db.text import GREEK_LATIN, fold, spell_greek, strip_diacritics

#: A word: letters and digits (any script), no underscore.
_TOKEN = re.compile(r"[^\W_]+")
#: Tags and comments in sanitised HTML (attribute values may contain `>`).
_MARKUP = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
_TERM_HREF = re.compile(r"""\bhref\s*=\s*["']?\s*term:([^"'\s>]+)""", re.IGNORECASE)
_SOFT_SEPARATOR = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u00ad]{1,3}")
_HYPHENS = re.compile(r"[\-\u2010\u2011]")
_CODE_AFTER = re.compile(r"[\-\u2010\u2011]\d")
_GREEK_CHARS = re.compile("[" + "".join(GREEK_LATIN) + "]")

#: Elements whose text is never linked.
SKIP_ELEMENTS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "textarea",
                           "h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that start a new section (each term is linked once per section).
SECTION_ELEMENTS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "hr"})
VOID_ELEMENTS = frozenset({"br", "hr", "img", "wbr", "input", "meta", "link", "col", "area"})

#: Names too generic to link on their own (they stay searchable in the glossary).
GENERIC_NAMES = frozenset({
    "induction", "response categories", "second signal", "stromal cell", "degraders",
    "protein degrader", "first line", "second line", "later lines", "prior lines",
    "natural substrate", "native substrate", "interleukin", "interleukins",
})
#: `skip` value meaning "link nothing" (e.g. a question before it is answered).
SKIP_ALL = "*"

_EXACT, _ANY_CASE = 0, 2


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a term in a text: [start, end) in the (decoded) text."""

    term_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Name:
    term_id: str
    keys: tuple[str, ...]        # folded words
    forms: tuple[str, ...]       # case-significant forms (diacritics stripped, Greek spelled)
    seps: tuple[str, ...]        # what separates the words ("" = soft: space or hyphen)
    mode: int
    flex_first: bool = False     # exact, but the first letter may be either case
    prefix: str = ""
    suffix: str = ""
    rank: int = 0                # 0 headword, 1 abbreviation, 2 synonym: breaks length ties
    plural_keys: frozenset[str] = frozenset()
    plural_forms: frozenset[str] = frozenset()


def _key(word: str) -> str:
    return word.lower() if word.isascii() else fold(word)


def _form(word: str) -> str:
    return word if word.isascii() else spell_greek(strip_diacritics(word))


def _case_mode(name: str, words: list[str]) -> int:
    core = name.strip()
    if any(c.isupper() for c in core[1:]):
        return _EXACT
    if any(len(w) == 1 and w.isalpha() for w in words):
        return _EXACT  # T cell, M protein, S-enantiomer: "'s enantiomers" is not one
    if len(core) <= 4:
        return _EXACT
    return _ANY_CASE


def _flexible_first(words: list[str]) -> bool:
    """Whether an exact name may start with either case: `Regulatory T cell` / `regulatory T
    cell`, `Rash` / `rash`, `Cytochrome P450`; not `CR`, `Pd`, `T cell`."""
    first = words[0]
    return len(first) >= 3 and first.isalpha() and first[1:].islower()


def _soft(sep: str) -> bool:
    return bool(_SOFT_SEPARATOR.fullmatch(sep))


def _plural_variants(word: str, mode: int) -> tuple[frozenset[str], frozenset[str]]:
    """(keys, forms) of the plural of a name's last word, if it can take one."""
    if not word or not word[-1].isalpha():
        return frozenset(), frozenset()
    key, form = _key(word), _form(word)
    if mode == _EXACT and not form[1:].islower():  # IMiDs, CTLs, CD38s
        return frozenset({key + "s"}), frozenset({form + "s"})
    endings = ["s", "es"]
    keys = {key + e for e in endings}
    forms = {form + e for e in endings}
    if key.endswith("y") and len(key) > 2:
        keys.add(key[:-1] + "ies")
        forms.add(form[:-1] + "ies")
    return frozenset(keys), frozenset(forms) if mode == _EXACT else frozenset()


def _split_name(name: str) -> tuple[str, list[str], list[str], str] | None:
    """(prefix, words, separators, suffix) of a name, or None if it has no word."""
    words = list(_TOKEN.finditer(name))
    if not words:
        return None
    prefix = name[: words[0].start()].strip()
    suffix = name[words[-1].end():].strip().rstrip(".")
    seps = [name[a.end(): b.start()] for a, b in zip(words, words[1:], strict=False)]
    return prefix, [w.group() for w in words], seps, suffix


@dataclass
class _SectionState:
    seen: set[str] = field(default_factory=set)


class TermLinker:
    """Finds and links glossary terms; build once per content database and reuse."""

    def __init__(self, terms: Iterable, generic_names: Iterable[str] = GENERIC_NAMES):
        self.terms = {t.id: t for t in terms}
        self.titles = {t.id: (t.short_definition or t.term) for t in self.terms.values()}
        generic = {fold(n) for n in generic_names}
        self._index: dict[str, list[_Name]] = {}
        self._key_cache: dict[str, str] = {}
        self._form_cache: dict[str, str] = {}
        self.name_count = 0
        # Headwords first, then abbreviations, then synonyms: when two terms share a spelling,
        # a headword beats a synonym, and otherwise the first term (alphabetical) keeps it.
        names = []
        for order, term in enumerate(self.terms.values()):
            names.append((0, order, term.id, term.term))
            names += [(1, order, term.id, a) for a in term.abbreviations]
            names += [(2, order, term.id, s) for s in term.synonyms]
        claimed: set[tuple] = set()
        for rank, _order, term_id, name in sorted(names, key=lambda n: n[:2]):
            folded = fold(name.strip())
            if not folded or folded in generic or folded.startswith("the "):
                continue
            for variant in self._variants(term_id, name, rank):
                signature = (variant.keys, variant.forms if variant.mode != _ANY_CASE else (),
                             variant.seps, variant.prefix, variant.suffix)
                if signature not in claimed:
                    claimed.add(signature)
                    self._add(variant)
        self._short_mentions: dict[str, set[str]] | None = None

    # -- building ----------------------------------------------------------------------------

    def _variants(self, term_id: str, name: str, rank: int) -> list[_Name]:
        parts = _split_name(name)
        if parts is None:
            return []
        prefix, words, seps, suffix = parts
        mode = _case_mode(name, words)
        out = [self._make(term_id, words, seps, mode, prefix, suffix, rank)]
        # Written solid: IL-2 -> IL2, co-stimulation -> costimulation, TNF-α -> TNFα.
        if len(words) > 1 and all(_HYPHENS.fullmatch(s) for s in seps):
            out.append(self._make(term_id, ["".join(words)], [], mode, prefix, suffix, rank))
        # A Greek letter inside a word may be written as its Latin letter: CK1α -> CK1a.
        if any(_GREEK_CHARS.search(w) and len(w) > 1 for w in words):
            latin = [_GREEK_CHARS.sub(lambda m: GREEK_LATIN[m.group()], w) if len(w) > 1
                     else w for w in words]
            out.append(self._make(term_id, latin, seps, mode, prefix, suffix, rank))
        return out

    @staticmethod
    def _make(term_id, words, seps, mode, prefix, suffix, rank) -> _Name:
        plural_keys, plural_forms = _plural_variants(words[-1], mode)
        flex_first = mode == _EXACT and _flexible_first(words)
        forms = [_form(w) for w in words]
        if flex_first:
            forms[0] = forms[0][:1].lower() + forms[0][1:]
            if len(words) == 1:
                plural_forms = frozenset(f[:1].lower() + f[1:] for f in plural_forms)
        return _Name(
            term_id=term_id, keys=tuple(_key(w) for w in words), forms=tuple(forms),
            seps=tuple("" if _soft(s) else " ".join(s.split()) for s in seps),
            mode=mode, flex_first=flex_first, prefix=prefix, suffix=suffix, rank=rank,
            plural_keys=plural_keys, plural_forms=plural_forms,
        )

    def _add(self, name: _Name) -> None:
        self.name_count += 1
        self._index.setdefault(name.keys[0], []).append(name)
        if len(name.keys) == 1:
            for plural in name.plural_keys:
                self._index.setdefault(plural, []).append(name)

    # -- matching ----------------------------------------------------------------------------

    @staticmethod
    def _cached(cache: dict[str, str], make, word: str) -> str:
        value = cache.get(word)
        if value is None:
            if len(cache) > 200_000:  # a bound for very long sessions with many texts
                cache.clear()
            value = cache[word] = make(word)
        return value

    def _word_key(self, word: str) -> str:
        return self._cached(self._key_cache, _key, word)

    def _word_form(self, word: str) -> str:
        return self._cached(self._form_cache, _form, word)

    def _keys(self, words: list) -> list[str]:
        """The folded key of each word match (the hot path: one dict look-up a word)."""
        get = self._key_cache.get
        out = []
        for match in words:
            word = match.group()
            key = get(word)
            out.append(key if key is not None else self._word_key(word))
        return out

    def _try(self, name: _Name, text: str, words: list, keys: list, i: int) -> tuple[int, int]:
        """(start, end) of `name` matched at word i, or (-1, -1)."""
        count = len(name.keys)
        if i + count > len(words):
            return -1, -1
        last = count - 1
        for j in range(count):
            key = keys[i + j]
            plural = False
            if key != name.keys[j]:
                if j == last and key in name.plural_keys:
                    plural = True
                else:
                    return -1, -1
            if j:
                sep = text[words[i + j - 1].end(): words[i + j].start()]
                wanted = name.seps[j - 1]
                if wanted == "":
                    if not _SOFT_SEPARATOR.fullmatch(sep):
                        return -1, -1
                elif " ".join(sep.split()) != wanted:
                    return -1, -1
            if name.mode != _ANY_CASE:
                form = self._word_form(words[i + j].group())
                if j == 0 and name.flex_first:  # "Rash" at the start of a sentence
                    form = form[:1].lower() + form[1:]
                wrong = (form not in name.plural_forms) if plural else (form != name.forms[j])
                if wrong:
                    return -1, -1
        start, end = words[i].start(), words[i + last].end()
        if name.prefix:
            if not text.endswith(name.prefix, 0, start):
                return -1, -1
            start -= len(name.prefix)
        if name.suffix:
            if not text.startswith(name.suffix, end):
                return -1, -1
            end += len(name.suffix)
        elif name.mode != _ANY_CASE and _CODE_AFTER.match(text, end):
            return -1, -1  # PR-171, MM-003: a code, not the abbreviation
        return start, end

    def _nested(self, text: str) -> set[str]:
        """Every term any name of which occurs, also inside a longer name."""
        words = list(_TOKEN.finditer(text))
        keys = self._keys(words)
        found: set[str] = set()
        for i, key in enumerate(keys):
            for name in self._index.get(key, ()):
                if name.term_id not in found and self._try(name, text, words, keys, i)[0] >= 0:
                    found.add(name.term_id)
        return found

    def _scan(self, text: str, blocked=None, seen: set[str] | None = None) -> list[TermMatch]:
        """Longest matches, left to right; with `seen`, only each term's first one."""
        words = list(_TOKEN.finditer(text))
        if not words:
            return []
        keys = self._keys(words)
        index = self._index
        out: list[TermMatch] = []
        i, n = 0, len(words)
        while i < n:
            candidates = index.get(keys[i])
            if not candidates:
                i += 1
                continue
            best: tuple[int, int, int, _Name] | None = None
            for name in candidates:
                start, end = self._try(name, text, words, keys, i)
                if start < 0:
                    continue
                score = (end - start, -name.rank)
                if best is None or score > (best[1] - best[0], -best[3].rank):
                    best = (start, end, len(name.keys), name)
            if best is None:
                i += 1
                continue
            start, end, count, name = best
            if out and start < out[-1].end:  # a prefix reaching back into the last match
                i += 1
                continue
            term_id = name.term_id
            if (blocked is None or term_id not in blocked) and (
                    seen is None or term_id not in seen):
                out.append(TermMatch(term_id, start, end, text[start:end]))
                if seen is not None:
                    seen.add(term_id)
            i += count  # the longest match owns its words, linked or not
        return out

    # -- public API --------------------------------------------------------------------------

    def find(self, text: str) -> list[TermMatch]:
        """Every term occurrence in plain `text` (longest match first, left to right)."""
        return self._scan(text or "")

    def mentions(self, text: str, nested: bool = False) -> set[str]:
        """Ids of the terms plain `text` mentions; with `nested`, also the terms named inside
        a longer name (`thalidomide` in "thalidomide embryopathy", `CRBN` in "CRL4-CRBN")."""
        if nested:
            return self._nested(text or "")
        return {m.term_id for m in self._scan(text or "")}

    def link_html(self, html: str, skip: Iterable[str] = ()) -> str:
        """Link the first occurrence of each term per section of sanitised `html`.

        `skip` lists term ids never to link (the entry's own term, or the terms that would
        give a question's answer away); `SKIP_ALL` in it returns `html` unchanged.
        """
        if not html:
            return html or ""
        blocked = frozenset(skip or ())
        if SKIP_ALL in blocked:
            return html
        out: list[str] = []
        state = _SectionState()
        depth: dict[str, int] = {}
        skipping = 0
        pos = 0
        for m in _MARKUP.finditer(html):
            if m.start() > pos:
                chunk = html[pos:m.start()]
                out.append(chunk if skipping else self._link_text(chunk, blocked, state))
            tag = m.group()
            pos = m.end()
            out.append(tag)
            parsed = _TAG_NAME.match(tag)
            if parsed is None:
                continue
            closing, name = parsed.group(1) == "/", parsed.group(2).lower()
            if name in SECTION_ELEMENTS and not closing:
                state.seen.clear()
            if name == "a" and not closing:
                href = _TERM_HREF.search(tag)
                if href:  # an author's own link counts as the term's first occurrence
                    state.seen.add(_html.unescape(href.group(1)))
            if name in SKIP_ELEMENTS and name not in VOID_ELEMENTS:
                if closing:
                    if depth.get(name):
                        depth[name] -= 1
                        skipping -= 1
                elif not tag.rstrip(">").rstrip().endswith("/"):
                    depth[name] = depth.get(name, 0) + 1
                    skipping += 1
        if pos < len(html):
            chunk = html[pos:]
            out.append(chunk if skipping else self._link_text(chunk, blocked, state))
        return "".join(out)

    def _link_text(self, raw: str, blocked: frozenset[str], state: _SectionState) -> str:
        text = _html.unescape(raw) if "&" in raw else raw
        matches = self._scan(text, blocked, state.seen)
        if not matches:
            return raw
        escape = _html.escape
        pieces: list[str] = []
        pos = 0
        for match in matches:
            pieces.append(escape(text[pos:match.start], quote=False))
            title = escape(self.titles.get(match.term_id, ""), quote=True)
            pieces.append(f'<a class="term" href="term:{escape(match.term_id, quote=True)}" '
                          f'title="{title}">{escape(match.text, quote=False)}</a>')
            pos = match.end
        pieces.append(escape(text[pos:], quote=False))
        return "".join(pieces)

    def short_definition_mentions(self) -> dict[str, set[str]]:
        """term id -> ids of the terms its short definition (the tooltip) mentions."""
        if self._short_mentions is None:
            self._short_mentions = {
                term_id: self.mentions(term.short_definition) - {term_id}
                for term_id, term in self.terms.items()}
        return self._short_mentions

    def __call__(self, html: str, skip: Iterable[str] = ()) -> str:
        return self.link_html(html, skip)


def spoiler_terms(question, linker: TermLinker) -> tuple[str, ...]:
    """Term ids that must stay unlinked in a question shown before it is answered.

    Hovering a linked term shows its definition, which can give the answer away: the terms the
    question is about (`terms`), every term named in an option, a pair or the answer, and every
    term whose short definition names one of those. Pass the result as `skip` to
    `AppContext.link_terms` for the stem and options until the question has been answered.
    """
    texts = [opt.text for opt in getattr(question, "options", ())]
    for pair in getattr(question, "pairs", ()):
        texts += [pair.left, pair.right]
    texts += list(getattr(question, "answer", ()))
    named = set(getattr(question, "terms", ()))
    for text in texts:
        named |= linker.mentions(text)
    hinting = {term_id for term_id, ids in linker.short_definition_mentions().items()
               if ids & named}
    return tuple(sorted(named | hinting))
