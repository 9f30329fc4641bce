"""The item-quality report of the question bank: the cues a test-wise student could use.

`check-content --quality` prints it; tests hold the bank to it. Every cue is measured against
what chance alone would give for the same questions (their own number of options and keys), so
a threshold can be "no more often than chance" rather than a number tuned to pass:

- key length: how often the key (single answer) or a key (multiple select) is the longest
  option, against the chance of that with the same number of options and keys;
- absolute words (always, never, only, ...) and hedges (may, often, ...): how many keys carry
  them, against how many would if keys were drawn at random from each question's options;
- key positions: where keys stand in the authored order (single answers, multiple-select keys,
  ordering items already written in answer order), with a chi-square test of the spread;
- duplicates: identical and near-identical stems, matching and ordering items that share most
  of their content, and stems that state another question's key (give-aways); pairs declared
  in `excludes` are listed apart, since a session never serves them together;
- options shorter than two words in a question whose key runs to twelve or more;
- vignettes (declared with `vignette = "clinical" | "laboratory" | "trial"`) and reasoning
  items per topic.

Only authored questions are measured (the records of a content folder). The module is Qt-free
and reads records as `db.content_loader` loads them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations

from db.content_loader import Record
from db.text import fold

#: Words that state a claim without exception. A distractor full of them and a key without
#: them is the best-known cue of all.
ABSOLUTE_WORDS = frozenset({
    "always", "never", "only", "solely", "completely", "entirely", "exclusively", "totally",
    "wholly", "cannot", "can't", "none", "all", "every", "invariably", "impossible",
    "absolutely", "guaranteed", "proves", "proved", "proven",
})
#: Words that soften a claim; a key that alone says "may" or "often" is the mirror-image cue.
HEDGE_WORDS = frozenset({
    "may", "might", "could", "often", "usually", "sometimes", "generally", "typically",
    "probably", "possibly", "likely", "perhaps", "partly", "partially", "tend", "tends",
    "largely", "mostly", "mainly", "frequently", "rarely", "seldom",
})
#: Words ignored when comparing the content of a key with another question's stem.
STOPWORDS = frozenset("""
a an the and or of in on at to for from by with without as is are was were be been being it its
this that these those which what who whom whose why how when where than then there their they
them he she his her him we you your our not no nor but if so such into onto over under after
before during between about against per via each both either neither other another one two
three more most less least very much many any some same also only just than does do did done
has have had can could may might will would should shall must versus vs true false select
apply following correct statement statements
""".split())  # noqa: SIM905 - a list of words reads best as text
VIGNETTE_KINDS = ("clinical", "laboratory", "trial")

NEAR_DUPLICATE_STEM = 90     # rapidfuzz token_sort_ratio of two stems
SAME_OBJECTIVE = 85          # rapidfuzz token_sort_ratio of two learning objectives
SAME_CONTENT_SHARED = 3      # matching pairs or ordering options two items share
GIVEAWAY_KEY_COVERAGE = 0.7  # share of a key's content words found in another stem
GIVEAWAY_CONTEXT = 0.3       # share of the question's own stem words found in that stem
SHORT_OPTION_WORDS = 2
LONG_KEY_WORDS = 12
SHORT_VIGNETTE_WORDS = 20
CHANCE_P = 0.05              # significance level of the position spread tests

_WORD = re.compile(r"[\w][\w'’-]*", re.UNICODE)
_MARKDOWN = re.compile(r"[*_`]|\]\([a-z]+:[^)]*\)|\[")


# ------------------------------------------------------------------------------------- items

@dataclass(frozen=True)
class Item:
    """One authored question, reduced to what the report measures."""

    id: str
    type: str
    topic: str
    difficulty: str
    stem: str
    options: tuple[tuple[str, str], ...] = ()   # (key, text) in authored order
    keys: tuple[str, ...] = ()                  # correct keys; ordering: the answer order
    pairs: tuple[tuple[str, str], ...] = ()
    objective: str = ""
    vignette: str = ""
    excludes: tuple[str, ...] = ()
    path: str = ""
    line: int = 0

    @property
    def key_texts(self) -> list[str]:
        if self.type not in ("single", "multi"):
            return []
        return [text for key, text in self.options if key in self.keys]

    @property
    def distractor_texts(self) -> list[str]:
        if self.type not in ("single", "multi"):
            return []
        return [text for key, text in self.options if key not in self.keys]


def items_from_records(records: Iterable[Record]) -> list[Item]:
    """The question records among `records`, as `Item`s (malformed ones are skipped: the
    content check reports those)."""
    items = []
    for r in records:
        if r.kind != "question" or not r.id:
            continue
        d = r.data
        try:
            qtype = d["type"]
            options = tuple((str(o["key"]), _plain(str(o["text"]))) for o in d.get("options", []))
            answer = d.get("answer")
            if qtype == "true_false":
                keys: tuple[str, ...] = ("true" if answer else "false",)
            elif isinstance(answer, str):
                keys = (answer,)
            else:
                keys = tuple(answer or ())
            pairs = tuple((_plain(str(p["left"])), _plain(str(p["right"])))
                          for p in d.get("pairs", []))
            items.append(Item(
                id=r.id, type=qtype, topic=str(d.get("topic", "")),
                difficulty=str(d.get("difficulty", "")), stem=_plain(str(d.get("stem", ""))),
                options=options, keys=keys, pairs=pairs,
                objective=_plain(str(d.get("objective", ""))), vignette=str(d.get("vignette", "")),
                excludes=tuple(d.get("excludes", ()) or ()), path=r.path, line=r.line,
            ))
        except (KeyError, TypeError):
            continue
    return sorted(items, key=lambda i: i.id)


def _plain(text: str) -> str:
    return " ".join(_MARKDOWN.sub("", text).split())


def words(text: str) -> list[str]:
    """The words of `text`, folded (case, diacritics, Greek letters)."""
    return [w.strip("'’-") for w in _WORD.findall(fold(text)) if w.strip("'’-")]


def content_words(text: str) -> set[str]:
    """Words that carry meaning: no stopwords, no one-letter words, light plural folding."""
    out = set()
    for word in words(text):
        for w in re.split(r"[-'’]", word):
            if w in STOPWORDS or len(w) < 2:
                continue
            out.add(_singular(w))
    return out


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def has_absolute(text: str) -> bool:
    return any(w in ABSOLUTE_WORDS for w in words(text))


def has_hedge(text: str) -> bool:
    return any(w in HEDGE_WORDS for w in words(text))


# --------------------------------------------------------------------------- measurements

@dataclass(frozen=True)
class ChanceCount:
    """An observed count beside the count expected by chance for the same questions."""

    observed: float
    expected: float
    questions: int
    variance: float = 0.0

    @property
    def ratio(self) -> float:
        return self.observed / self.expected if self.expected else 0.0

    @property
    def z(self) -> float:
        """Standard score of the observed count under chance (0 when nothing can vary)."""
        return (self.observed - self.expected) / math.sqrt(self.variance) if self.variance else 0.0

    def as_dict(self) -> dict:
        return {"observed": round(self.observed, 2), "expected": round(self.expected, 2),
                "questions": self.questions, "ratio": round(self.ratio, 3),
                "z": round(self.z, 2)}


@dataclass(frozen=True)
class Spread:
    """Counts per position (0 = first option) against chance, with a chi-square test."""

    observed: tuple[float, ...]
    expected: tuple[float, ...]
    chi2: float
    df: int
    p: float

    def as_dict(self) -> dict:
        letters = "abcdef"
        return {
            "observed": {letters[i]: round(v, 2) for i, v in enumerate(self.observed)},
            "expected": {letters[i]: round(v, 2) for i, v in enumerate(self.expected)},
            "chi2": round(self.chi2, 2), "df": self.df, "p": round(self.p, 4),
        }


def _longest_share(lengths: Sequence[int], keyed: Sequence[bool]) -> float:
    """How much of "the longest option is a key" this question scores: 1 if every longest
    option is a key, a fraction if keys share the top length with distractors."""
    top = max(lengths)
    at_top = [k for n, k in zip(lengths, keyed, strict=True) if n == top]
    return sum(at_top) / len(at_top)


def key_longest(items: Sequence[Item], qtype: str, shortest: bool = False) -> ChanceCount:
    """Single: the key is the longest option; multi: the longest option is a key. With
    `shortest`, the same for the shortest option (the mirror-image cue of over-correction)."""
    observed = expected = variance = 0.0
    n_questions = 0
    sign = -1 if shortest else 1
    for item in items:
        if item.type != qtype or len(item.options) < 2:
            continue
        lengths = [sign * len(text) for _, text in item.options]
        keyed = [key in item.keys for key, _ in item.options]
        observed += _longest_share(lengths, keyed)
        p = sum(keyed) / len(keyed)
        expected += p
        variance += p * (1 - p)
        n_questions += 1
    return ChanceCount(observed, expected, n_questions, variance)


def length_ratio(items: Sequence[Item]) -> float:
    """Mean key length over mean distractor length (characters) in single-answer items."""
    keys = [len(t) for i in items if i.type == "single" for t in i.key_texts]
    others = [len(t) for i in items if i.type == "single" for t in i.distractor_texts]
    if not keys or not others:
        return 0.0
    return (sum(keys) / len(keys)) / (sum(others) / len(others))


def marked_keys(items: Sequence[Item], marker) -> tuple[ChanceCount, dict]:
    """Keys carrying a marker (absolute word or hedge) against chance: in each question the
    key would carry it with probability (marked options / options) if keys were random."""
    observed = expected = variance = 0.0
    n_questions = 0
    key_hits = key_total = other_hits = other_total = 0
    for item in items:
        if item.type not in ("single", "multi") or not item.options:
            continue
        marks = {key: marker(text) for key, text in item.options}
        share = sum(marks.values()) / len(marks)
        for key in item.keys:
            observed += marks.get(key, False)
            expected += share
            variance += share * (1 - share)
        n_questions += 1
        key_hits += sum(marks.get(k, False) for k in item.keys)
        key_total += len(item.keys)
        other_hits += sum(v for k, v in marks.items() if k not in item.keys)
        other_total += sum(1 for k in marks if k not in item.keys)
    rates = {
        "keys": round(key_hits / key_total, 3) if key_total else 0.0,
        "distractors": round(other_hits / other_total, 3) if other_total else 0.0,
        "keys_marked": key_hits, "keys_total": key_total,
        "distractors_marked": other_hits, "distractors_total": other_total,
    }
    return ChanceCount(observed, expected, n_questions, variance), rates


def absolute_cued(items: Sequence[Item]) -> list[str]:
    """Single-answer items with two or more absolute distractors and an unqualified key."""
    out = []
    for item in items:
        if item.type != "single":
            continue
        if any(has_absolute(t) for t in item.key_texts):
            continue
        if sum(has_absolute(t) for t in item.distractor_texts) >= 2:
            out.append(item.id)
    return out


def key_positions(items: Sequence[Item], qtype: str) -> Spread:
    """Where the keys of `qtype` items stand in the authored order, against a uniform spread
    (each position of a question with n options and k keys expects k/n keys)."""
    observed = [0.0] * 6
    expected = [0.0] * 6
    for item in items:
        if item.type != qtype or not item.options:
            continue
        order = [key for key, _ in item.options]
        for key in item.keys:
            if key in order:
                observed[min(order.index(key), 5)] += 1
        for i in range(min(len(order), 6)):
            expected[i] += len(item.keys) / len(order)
    return _spread(observed, expected)


def multi_keys_first(items: Sequence[Item]) -> tuple[ChanceCount, list[str]]:
    """Multiple-select items whose keys are exactly the first options (a, b, ...)."""
    observed = expected = variance = 0.0
    n_questions = 0
    hits = []
    for item in items:
        if item.type != "multi" or not item.options:
            continue
        order = [key for key, _ in item.options]
        k = len(item.keys)
        first = set(order[:k]) == set(item.keys)
        p = 1 / math.comb(len(order), k)
        observed += first
        expected += p
        variance += p * (1 - p)
        n_questions += 1
        if first:
            hits.append(item.id)
    return ChanceCount(observed, expected, n_questions, variance), hits


def ordering_in_order(items: Sequence[Item]) -> tuple[ChanceCount, list[str], float]:
    """Ordering items authored in answer order (or exactly reversed), and the mean rank
    correlation between authored and answer order (0 by chance)."""
    observed = expected = variance = 0.0
    n_questions = 0
    hits = []
    rhos = []
    for item in items:
        if item.type != "ordering" or not item.options:
            continue
        order = [key for key, _ in item.options]
        answer = list(item.keys)
        if sorted(order) != sorted(answer):
            continue
        n = len(order)
        same = answer == order or answer == order[::-1]
        p = min(1.0, 2 / math.factorial(n))
        observed += same
        expected += p
        variance += p * (1 - p)
        n_questions += 1
        if same:
            hits.append(item.id)
        ranks = [answer.index(k) for k in order]
        rhos.append(_spearman(ranks))
    mean_rho = sum(rhos) / len(rhos) if rhos else 0.0
    return ChanceCount(observed, expected, n_questions, variance), hits, mean_rho


def _spearman(ranks: list[int]) -> float:
    n = len(ranks)
    if n < 2:
        return 0.0
    d2 = sum((i - r) ** 2 for i, r in enumerate(ranks))
    return 1 - 6 * d2 / (n * (n * n - 1))


def _spread(observed: list[float], expected: list[float]) -> Spread:
    used = [i for i, e in enumerate(expected) if e > 0]
    last = max(used) + 1 if used else 0
    obs = tuple(observed[:last])
    exp = tuple(expected[:last])
    chi2 = sum((o - e) ** 2 / e for o, e in zip(obs, exp, strict=True) if e > 0)
    df = max(0, len(used) - 1)
    return Spread(obs, exp, chi2, df, chi2_sf(chi2, df))


def chi2_sf(x: float, df: int) -> float:
    """Upper tail probability of the chi-square distribution (integer degrees of freedom)."""
    if df <= 0:
        return 1.0
    if x <= 0:
        return 1.0
    if df % 2 == 0:
        term = total = 1.0
        for k in range(1, df // 2):
            term *= (x / 2) / k
            total += term
        return math.exp(-x / 2) * total
    total = math.erfc(math.sqrt(x / 2))
    term = math.sqrt(2 * x / math.pi) * math.exp(-x / 2)
    for k in range(1, (df - 1) // 2 + 1):
        total += term
        term *= x / (2 * k + 1)
    return min(1.0, total)


# ------------------------------------------------------------------------ duplicates, give-aways

@dataclass(frozen=True)
class PairFinding:
    """Two questions that overlap: `kind` says how, `detail` what was found."""

    first: str
    second: str
    kind: str
    score: float
    detail: str = ""
    declared: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def _declared(a: Item, b: Item) -> bool:
    return b.id in a.excludes or a.id in b.excludes


def _norm(text: str) -> str:
    return " ".join(words(text))


def duplicate_stems(items: Sequence[Item]) -> list[PairFinding]:
    """Identical and near-identical stems (rapidfuzz token_sort_ratio >= 90)."""
    from rapidfuzz import fuzz, process

    stems = [_norm(i.stem) for i in items]
    found = []
    scores = process.cdist(stems, stems, scorer=fuzz.token_sort_ratio,
                           score_cutoff=NEAR_DUPLICATE_STEM)
    for x, y in zip(*scores.nonzero(), strict=True):
        if x >= y:
            continue
        a, b = items[x], items[y]
        score = float(scores[x][y])
        kind = "identical stem" if stems[x] == stems[y] else "near-identical stem"
        found.append(PairFinding(a.id, b.id, kind, round(score, 1), declared=_declared(a, b)))
    return found


def shared_content(items: Sequence[Item]) -> list[PairFinding]:
    """Matching items sharing three or more pairs (either way round), and ordering or
    multiple-select items sharing three or more options."""
    found = []
    pair_sets = {
        i.id: {frozenset((_norm(left), _norm(right))) for left, right in i.pairs}
        for i in items if i.type == "matching"
    }
    option_sets = {
        i.id: {_norm(text) for _, text in i.options}
        for i in items if i.type in ("ordering", "multi")
    }
    by_id = {i.id: i for i in items}
    for sets, label in ((pair_sets, "matching pairs"), (option_sets, "options")):
        for x, y in combinations(sorted(sets), 2):
            shared = sets[x] & sets[y]
            if len(shared) >= SAME_CONTENT_SHARED:
                smaller = min(len(sets[x]), len(sets[y]))
                found.append(PairFinding(
                    x, y, f"shared {label}", round(len(shared) / smaller, 2),
                    f"{len(shared)} of {smaller} shared", _declared(by_id[x], by_id[y]),
                ))
    return found


_TRUE_FALSE = re.compile(r"^\s*true or false\s*[:,-]?\s*", re.IGNORECASE)


def statement(item: Item) -> str:
    """The claim a true/false item asks about (its stem without "True or false:")."""
    return _TRUE_FALSE.sub("", item.stem)


def giveaways(items: Sequence[Item]) -> list[PairFinding]:
    """Stems that state another question's key, or the claim of a true/false item.

    A key counts as stated when most (70%) of its content words, beyond those of its own stem,
    appear in the other stem, and that stem is about the same subject (it shares at least 30%
    of this question's stem words). A true/false claim counts as stated when 70% of its
    content words (at least four) appear in the other stem.
    """
    stem_words = {i.id: content_words(i.stem) for i in items}
    found = []
    for a in items:
        own = stem_words[a.id]
        if not own:
            continue
        if a.type == "true_false":
            claims = [(statement(a), content_words(statement(a)), False)]
        else:
            claims = [(text, content_words(text) - own, True) for text in a.key_texts]
        for text, key_words, needs_context in claims:
            if len(key_words) < (2 if needs_context else 4):
                continue
            for b in items:
                if b.id == a.id:
                    continue
                other = stem_words[b.id]
                coverage = len(key_words & other) / len(key_words)
                if coverage < GIVEAWAY_KEY_COVERAGE:
                    continue
                if needs_context and len(own & other) / len(own) < GIVEAWAY_CONTEXT:
                    continue
                what = "claim" if a.type == "true_false" else "key"
                found.append(PairFinding(
                    b.id, a.id, f"stem states another question's {what}", round(coverage, 2),
                    f"the stem of {b.id} contains the {what} of {a.id}: {text!r}",
                    _declared(a, b),
                ))
    unique: dict[tuple[str, str], PairFinding] = {}
    for f in found:
        unique.setdefault((f.first, f.second), f)
    return list(unique.values())


def same_objectives(items: Sequence[Item]) -> list[PairFinding]:
    """Pairs whose learning objectives are near-identical: likely the same point tested twice."""
    from rapidfuzz import fuzz, process

    objectives = [_norm(i.objective) for i in items]
    scores = process.cdist(objectives, objectives, scorer=fuzz.token_sort_ratio,
                           score_cutoff=SAME_OBJECTIVE)
    found = []
    for x, y in zip(*scores.nonzero(), strict=True):
        if x >= y or not objectives[x]:
            continue
        a, b = items[x], items[y]
        found.append(PairFinding(a.id, b.id, "near-identical objective",
                                 round(float(scores[x][y]), 1), declared=_declared(a, b)))
    return found


def short_options(items: Sequence[Item]) -> list[str]:
    """Items with an option of fewer than 2 words where a key has 12 or more."""
    out = []
    for item in items:
        if item.type not in ("single", "multi"):
            continue
        if not any(len(words(t)) >= LONG_KEY_WORDS for t in item.key_texts):
            continue
        if any(len(words(t)) < SHORT_OPTION_WORDS for _, t in item.options):
            out.append(item.id)
    return out


# --------------------------------------------------------------------------------- topics

@dataclass(frozen=True)
class TopicFigures:
    topic: str
    questions: int
    vignettes: int
    reasoning: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_vignette: dict[str, int] = field(default_factory=dict)

    @property
    def vignette_share(self) -> float:
        return self.vignettes / self.questions if self.questions else 0.0

    @property
    def reasoning_share(self) -> float:
        return self.reasoning / self.questions if self.questions else 0.0

    def as_dict(self) -> dict:
        return {"questions": self.questions, "vignettes": self.vignettes,
                "vignette_share": round(self.vignette_share, 3), "reasoning": self.reasoning,
                "reasoning_share": round(self.reasoning_share, 3), "by_type": self.by_type,
                "by_vignette": self.by_vignette}


def topic_figures(items: Sequence[Item]) -> dict[str, TopicFigures]:
    grouped: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        grouped[item.topic].append(item)
    return {
        topic: TopicFigures(
            topic, len(group), sum(1 for i in group if i.vignette),
            sum(1 for i in group if i.difficulty == "reasoning"),
            dict(sorted(Counter(i.type for i in group).items())),
            dict(sorted(Counter(i.vignette for i in group if i.vignette).items())),
        )
        for topic, group in sorted(grouped.items())
    }


def short_vignettes(items: Sequence[Item]) -> list[str]:
    """Items declared as vignettes whose stem is too short to describe a case or a result."""
    return [i.id for i in items if i.vignette and len(words(i.stem)) < SHORT_VIGNETTE_WORDS]


# --------------------------------------------------------------------------------- report

@dataclass(frozen=True)
class QualityReport:
    questions: int
    single_key_longest: ChanceCount
    single_key_shortest: ChanceCount
    multi_key_longest: ChanceCount
    key_length_ratio: float
    absolute_keys: ChanceCount
    absolute_rates: dict
    absolute_cued: list[str]
    hedge_keys: ChanceCount
    hedge_rates: dict
    single_positions: Spread
    multi_positions: Spread
    multi_keys_first: ChanceCount
    multi_keys_first_ids: list[str]
    ordering_in_order: ChanceCount
    ordering_in_order_ids: list[str]
    ordering_mean_rho: float
    duplicate_stems: list[PairFinding]
    shared_content: list[PairFinding]
    giveaways: list[PairFinding]
    short_options: list[str]
    short_vignettes: list[str]
    topics: dict[str, TopicFigures]

    def undeclared(self, findings: list[PairFinding]) -> list[PairFinding]:
        return [f for f in findings if not f.declared]

    def as_dict(self) -> dict:
        return {
            "questions": self.questions,
            "single_key_longest": self.single_key_longest.as_dict(),
            "single_key_shortest": self.single_key_shortest.as_dict(),
            "multi_key_longest": self.multi_key_longest.as_dict(),
            "key_length_ratio": round(self.key_length_ratio, 3),
            "absolute_keys": self.absolute_keys.as_dict(),
            "absolute_rates": self.absolute_rates,
            "absolute_cued": self.absolute_cued,
            "hedge_keys": self.hedge_keys.as_dict(),
            "hedge_rates": self.hedge_rates,
            "single_positions": self.single_positions.as_dict(),
            "multi_positions": self.multi_positions.as_dict(),
            "multi_keys_first": self.multi_keys_first.as_dict(),
            "multi_keys_first_ids": self.multi_keys_first_ids,
            "ordering_in_order": self.ordering_in_order.as_dict(),
            "ordering_in_order_ids": self.ordering_in_order_ids,
            "ordering_mean_rho": round(self.ordering_mean_rho, 3),
            "duplicate_stems": [f.as_dict() for f in self.duplicate_stems],
            "shared_content": [f.as_dict() for f in self.shared_content],
            "giveaways": [f.as_dict() for f in self.giveaways],
            "short_options": self.short_options,
            "short_vignettes": self.short_vignettes,
            "topics": {t: f.as_dict() for t, f in self.topics.items()},
        }


def quality_report(items: Sequence[Item], topics: Iterable[str] | None = None) -> QualityReport:
    """Measure `items` (or only those of `topics`). Duplicates and give-aways are looked for
    among the measured items and reported when either question of a pair is measured."""
    wanted = set(topics) if topics is not None else None
    measured = [i for i in items if wanted is None or i.topic in wanted]
    ids = {i.id for i in measured}

    def touching(findings: list[PairFinding]) -> list[PairFinding]:
        return [f for f in findings if f.first in ids or f.second in ids]

    absolute, absolute_rates = marked_keys(measured, has_absolute)
    hedges, hedge_rates = marked_keys(measured, has_hedge)
    first, first_ids = multi_keys_first(measured)
    in_order, in_order_ids, rho = ordering_in_order(measured)
    return QualityReport(
        questions=len(measured),
        single_key_longest=key_longest(measured, "single"),
        single_key_shortest=key_longest(measured, "single", shortest=True),
        multi_key_longest=key_longest(measured, "multi"),
        key_length_ratio=length_ratio(measured),
        absolute_keys=absolute, absolute_rates=absolute_rates,
        absolute_cued=absolute_cued(measured),
        hedge_keys=hedges, hedge_rates=hedge_rates,
        single_positions=key_positions(measured, "single"),
        multi_positions=key_positions(measured, "multi"),
        multi_keys_first=first, multi_keys_first_ids=first_ids,
        ordering_in_order=in_order, ordering_in_order_ids=in_order_ids,
        ordering_mean_rho=rho,
        duplicate_stems=touching(duplicate_stems(items)),
        shared_content=touching(shared_content(items) + same_objectives(items)),
        giveaways=touching(giveaways(items)),
        short_options=short_options(measured),
        short_vignettes=short_vignettes(measured),
        topics=topic_figures(measured),
    )


@dataclass(frozen=True)
class Check:
    """One rule of the report: what it asks, whether the measured items pass, the figures."""

    name: str
    passed: bool
    detail: str


MIN_VIGNETTE_SHARE = 0.25
MIN_REASONING_SHARE = 1 / 3


def chance_checks(report: QualityReport, per_topic: bool = True) -> list[Check]:
    """The report's rules: no cue more frequent than chance would make it, no undeclared
    duplicate or give-away, and (per topic) a quarter vignettes and a third reasoning items.

    "Chance" is computed from the same questions (their own numbers of options and keys), so
    the rules hold for any size of bank; the position spreads use a chi-square test at 5%.
    """
    def c(name: str, passed: bool, detail: str) -> Check:
        return Check(name, bool(passed), detail)

    r = report
    checks = [
        c("single-answer key is the longest option no more often than chance",
          r.single_key_longest.observed <= r.single_key_longest.expected,
          f"{r.single_key_longest.observed:.1f} <= {r.single_key_longest.expected:.1f}"),
        c("mean key length no greater than mean distractor length (single answer)",
          r.key_length_ratio <= 1.0, f"{r.key_length_ratio:.2f} <= 1.00"),
        c("multiple select: a key is the longest option no more often than chance",
          r.multi_key_longest.observed <= r.multi_key_longest.expected,
          f"{r.multi_key_longest.observed:.1f} <= {r.multi_key_longest.expected:.1f}"),
        c("absolute words in keys at least as often as chance",
          r.absolute_keys.observed >= r.absolute_keys.expected,
          f"{r.absolute_keys.observed:.1f} >= {r.absolute_keys.expected:.1f}"),
        c("hedges in keys no more often than chance",
          r.hedge_keys.observed <= r.hedge_keys.expected,
          f"{r.hedge_keys.observed:.1f} <= {r.hedge_keys.expected:.1f}"),
        c("single-answer key positions consistent with chance",
          r.single_positions.p >= CHANCE_P, f"chi-square p {r.single_positions.p:.3f}"),
        c("multiple-select key positions consistent with chance",
          r.multi_positions.p >= CHANCE_P, f"chi-square p {r.multi_positions.p:.3f}"),
        c("multiple select with the keys first no more often than chance",
          r.multi_keys_first.observed <= r.multi_keys_first.expected,
          f"{r.multi_keys_first.observed:.0f} <= {r.multi_keys_first.expected:.1f}"),
        c("ordering items in answer order no more often than chance",
          r.ordering_in_order.observed <= r.ordering_in_order.expected,
          f"{r.ordering_in_order.observed:.0f} <= {r.ordering_in_order.expected:.1f}"),
        c("no undeclared identical or near-identical stems",
          not r.undeclared(r.duplicate_stems),
          ", ".join(f"{f.first}/{f.second}" for f in r.undeclared(r.duplicate_stems))),
        c("no undeclared items sharing content or objective",
          not r.undeclared(r.shared_content),
          ", ".join(f"{f.first}/{f.second}" for f in r.undeclared(r.shared_content))),
        c("no undeclared stem that states another question's key",
          not r.undeclared(r.giveaways),
          ", ".join(f"{f.first}/{f.second}" for f in r.undeclared(r.giveaways))),
        c("no option under two words beside a key of twelve or more",
          not r.short_options, ", ".join(r.short_options)),
        c("every vignette stem describes a case or result",
          not r.short_vignettes, ", ".join(r.short_vignettes)),
    ]
    if per_topic:
        for topic, t in r.topics.items():
            checks.append(c(f"{topic}: at least a quarter vignettes",
                            t.vignette_share >= MIN_VIGNETTE_SHARE,
                            f"{t.vignettes} of {t.questions}"))
            checks.append(c(f"{topic}: at least a third reasoning items",
                            t.reasoning_share >= MIN_REASONING_SHARE,
                            f"{t.reasoning} of {t.questions}"))
    return checks


# ------------------------------------------------------------------------------- printing

def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def format_report(report: QualityReport) -> str:
    """The report as text for a terminal."""
    out: list[str] = [f"Item quality of {report.questions} authored questions", ""]

    def chance_line(label: str, c: ChanceCount, unit: str = "questions") -> None:
        out.append(f"  {label}: {c.observed:.0f} of {c.questions} {unit} "
                   f"(chance: {c.expected:.1f}; ratio {c.ratio:.2f})")

    out.append("Length")
    chance_line("single answer, key is the longest option", report.single_key_longest)
    chance_line("single answer, key is the shortest option (for reference)",
                report.single_key_shortest)
    chance_line("multiple select, a key is the longest option", report.multi_key_longest)
    out.append(f"  mean key length / mean distractor length (single): "
               f"{report.key_length_ratio:.2f}")
    out.append(f"  options under {SHORT_OPTION_WORDS} words beside a key of "
               f"{LONG_KEY_WORDS}+: {len(report.short_options)}"
               + (f" ({', '.join(report.short_options)})" if report.short_options else ""))
    out.append("")
    out.append("Register")
    for label, c, rates in (("absolute words", report.absolute_keys, report.absolute_rates),
                            ("hedges", report.hedge_keys, report.hedge_rates)):
        out.append(f"  {label}: in {_pct(rates['keys'])} of keys "
                   f"({rates['keys_marked']}/{rates['keys_total']}) and "
                   f"{_pct(rates['distractors'])} of distractors "
                   f"({rates['distractors_marked']}/{rates['distractors_total']}); "
                   f"keys marked {c.observed:.0f}, chance {c.expected:.1f}")
    out.append(f"  single answers with 2+ absolute distractors and an unqualified key: "
               f"{len(report.absolute_cued)}"
               + (f" ({', '.join(report.absolute_cued)})" if report.absolute_cued else ""))
    out.append("")
    out.append("Key positions")
    for label, spread in (("single-answer keys", report.single_positions),
                          ("multiple-select keys", report.multi_positions)):
        cells = "  ".join(f"{'abcdef'[i]} {o:.0f}/{e:.1f}"
                          for i, (o, e) in enumerate(zip(spread.observed, spread.expected,
                                                         strict=True)))
        out.append(f"  {label} (observed/chance): {cells}   chi2 {spread.chi2:.1f}, "
                   f"df {spread.df}, p {spread.p:.3f}")
    chance_line("multiple select with the keys first (a, b, ...)", report.multi_keys_first)
    chance_line("ordering items authored in answer order", report.ordering_in_order)
    out.append(f"  ordering items, mean rank correlation of authored and answer order: "
               f"{report.ordering_mean_rho:.2f} (chance 0)")
    out.append("")
    out.append("Duplicates and give-aways (declared exclusions in brackets)")
    for label, findings in (("identical or near-identical stems", report.duplicate_stems),
                            ("items sharing content or objective", report.shared_content),
                            ("stems that state another question's key", report.giveaways)):
        open_ = [f for f in findings if not f.declared]
        out.append(f"  {label}: {len(open_)} [{len(findings) - len(open_)}]")
        for f in findings:
            mark = "[declared] " if f.declared else ""
            out.append(f"    {mark}{f.first} / {f.second}: {f.kind} ({f.score})"
                       + (f"; {f.detail}" if f.detail and not f.declared else ""))
    out.append("")
    out.append("Topics (vignettes and reasoning items; aim: a quarter and a third)")
    for topic, t in report.topics.items():
        kinds = ", ".join(f"{k} {n}" for k, n in t.by_vignette.items())
        out.append(f"  {topic:<16} {t.questions:>4} questions  vignettes {t.vignettes:>3} "
                   f"({_pct(t.vignette_share)}{'; ' + kinds if kinds else ''})  "
                   f"reasoning {t.reasoning:>3} ({_pct(t.reasoning_share)})")
    if report.short_vignettes:
        out.append(f"  vignettes with stems under {SHORT_VIGNETTE_WORDS} words: "
                   + ", ".join(report.short_vignettes))
    checks = chance_checks(report)
    failed = [c for c in checks if not c.passed]
    out.append("")
    out.append(f"Rules: {len(checks) - len(failed)} of {len(checks)} met")
    for check in checks:
        mark = "ok  " if check.passed else "FAIL"
        out.append(f"  {mark} {check.name}" + (f" ({check.detail})" if check.detail else ""))
    return "\n".join(out)


def report_for_folder(root, topics: Iterable[str] | None = None) -> QualityReport:
    """Load a content folder and measure its authored questions."""
    from pathlib import Path

    from db.content_loader import load_content

    return quality_report(items_from_records(load_content(Path(root)).records), topics)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m db.item_quality [PATH] [--json] [--topic T ...]`."""
    import argparse
    import json
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m db.item_quality",
                                     description="Item-quality report of a question bank.")
    parser.add_argument("path", nargs="?", default=str(
        Path(__file__).resolve().parents[1] / "resources" / "content"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--topic", action="append", help="only this topic (repeatable)")
    args = parser.parse_args(argv)
    report = report_for_folder(args.path, args.topic)
    if args.json:
        data = report.as_dict()
        data["checks"] = [asdict(c) for c in chance_checks(report)]
        print(json.dumps(data, sort_keys=True))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
