"""Tolerant matching of typed answers (cloze gaps, typed questions, definition -> term cards).

What a student types is compared with each accepted answer in steps:

1. *Same after folding*: case, accents (Krönke/Kronke), Greek letters and their names
   (CK1α/CK1alpha), hyphens, dashes, spaces and punctuation (IL-2/IL 2/il2), and a leading
   article ("the cereblon") do not matter. Verdict `exact`.
2. *Numbers*: when every accepted answer is a number, the typed number counts if it lies within
   the item's tolerance (1,000 and 1000 are the same number). Verdict `exact` or `wrong`.
3. *Misspelling*: the rapidfuzz ratio of the folded texts reaches the item's threshold
   (default 85), the digits are the same (IKZF1 is never IKZF3) and the answer is at least five
   letters long (short symbols must be spelled right). Verdict `accepted`: right, with the
   spelling shown.
4. *Near miss*: close but not close enough (within 10 points of the threshold and at most two
   letters apart). Verdict `near`: wrong, and the feedback says it was close; the student
   may overrule it ("I was right"), as they may any wrong answer.

`rapidfuzz` is imported on the first comparison, never at start-up.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from db.records import Blank
from db.text import spell_greek, strip_diacritics

EXACT, ACCEPTED, NEAR, WRONG = "exact", "accepted", "near", "wrong"
MIN_FUZZY_LENGTH = 5
NEAR_BAND = 10
NEAR_EDITS = 2
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_/.,;:·'’\"“”()\[\]{}!?]+")
_ARTICLE = re.compile(r"^(the|a|an) ")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Match:
    """How one typed answer compares with a blank."""

    verdict: str
    typed: str
    #: The accepted answer it was compared with (the closest one; the first when empty).
    expected: str
    #: rapidfuzz ratio of the folded texts (100 for an exact match).
    similarity: float = 0.0

    @property
    def right(self) -> bool:
        return self.verdict in (EXACT, ACCEPTED)


def normalize(text: str) -> str:
    """The folded form compared: lower case, no accents, Greek spelled out, separators as
    single spaces, no leading article. `"The CK1-α "` -> `"ck1 alpha"`."""
    text = spell_greek(strip_diacritics(text or "")).casefold()
    text = _SEPARATORS.sub(" ", text).strip()
    text = _ARTICLE.sub("", text)
    # "ck1alpha" and "ck1 alpha" are one answer: letters after digits split the same way.
    return text


def compact(text: str) -> str:
    """`normalize` without spaces (IL-2, IL 2 and il2 are all `il2`)."""
    return normalize(text).replace(" ", "")


def parse_number(text: str) -> float | None:
    """A typed number (`1,000`, `−3`, `12.5 %`, `12,5`), or None."""
    cleaned = (text or "").strip().replace("−", "-").replace("%", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _levenshtein(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def match_answer(typed: str, blank: Blank) -> Match:
    """Compare `typed` with every answer `blank` accepts; the best outcome wins."""
    typed = typed or ""
    answers = blank.answers or ("",)
    if not compact(typed):
        return Match(WRONG, typed, answers[0], 0.0)
    if blank.numeric:
        given = parse_number(typed)
        for answer in answers:
            value = parse_number(answer)
            if given is not None and value is not None and \
                    abs(given - value) <= (blank.tolerance or 0) + 1e-9:
                return Match(EXACT, typed, answer, 100.0)
        return Match(WRONG, typed, answers[0], 0.0)
    typed_compact = compact(typed)
    for answer in answers:
        if compact(answer) == typed_compact:
            return Match(EXACT, typed, answer, 100.0)
    from rapidfuzz import fuzz

    typed_norm = normalize(typed)
    best: Match | None = None
    for answer in answers:
        answer_norm = normalize(answer)
        ratio = max(fuzz.ratio(typed_norm, answer_norm),
                    fuzz.ratio(typed_compact, compact(answer)))
        same_digits = _DIGITS.findall(typed_compact) == _DIGITS.findall(compact(answer))
        long_enough = len(compact(answer)) >= MIN_FUZZY_LENGTH
        if ratio >= blank.threshold and same_digits and long_enough:
            verdict = ACCEPTED
        elif (ratio >= blank.threshold - NEAR_BAND and same_digits
              and _levenshtein(typed_compact, compact(answer)) <= NEAR_EDITS):
            verdict = NEAR
        else:
            verdict = WRONG
        candidate = Match(verdict, typed, answer, float(ratio))
        if best is None or _rank(candidate) > _rank(best):
            best = candidate
    return best


def _rank(match: Match) -> tuple[int, float]:
    order = {EXACT: 3, ACCEPTED: 2, NEAR: 1, WRONG: 0}
    return order[match.verdict], match.similarity


@dataclass(frozen=True)
class DiffPart:
    """A run of characters: `same` in both, `typed` only (extra or wrong) or `missing` (in the
    answer but not typed)."""

    kind: str
    text: str


def diff(typed: str, expected: str) -> list[DiffPart]:
    """What differs between `typed` and `expected`, letter by letter, ignoring case.

    Read left to right, the parts spell `typed` when the `missing` ones are dropped and
    `expected` when the `typed` ones are dropped.
    """
    matcher = difflib.SequenceMatcher(None, typed.casefold(), expected.casefold(),
                                      autojunk=False)
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", expected[j1:j2]))
            continue
        if i2 > i1:
            parts.append(DiffPart("typed", typed[i1:i2]))
        if j2 > j1:
            parts.append(DiffPart("missing", expected[j1:j2]))
    return parts
