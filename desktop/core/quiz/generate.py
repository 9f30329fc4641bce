"""Questions generated from the content itself: timeline, glossary and drug comparison.

Every generated question has a stable id that names what it was made from, so the same id
always rebuilds the same question (`question_for_id`) and attempts and review cards can refer
to it:

    gen-first:<event>,<event>,...          which of these came first (single)
    gen-order:<event>,<event>,...          put these events in order (ordering)
    gen-year:<event>                       in which year (scored by closeness)
    gen-term:<term>:<term>,<term>,...      which term matches this definition (single)
    gen-definition:<term>:<term>,...       which definition matches this term (single)
    gen-drug-code:<drug>:<drug>,...        which drug had this development code
    gen-drug-brand:<drug>.<n>:<drug>,...   which drug is sold under this brand
    gen-drug-approval:<cell>:<drug>:<drug>,...  which drug was first approved in <date>
    gen-drug-neo:<term>                    which drug degrades this neosubstrate

`generate_questions(content, seed)` draws a varied set; the same seed gives the same set.

Rules every generated question keeps (tests/core/quiz/test_generate.py checks each one over
the generated sets):

- It cites only the sources of its key record: the earliest event (which came first), the
  first source of each event (ordering: every event is part of the key), the event (year),
  the answer term (glossary), the answer drug's table cell (drug items; for approvals the
  cell's first source, the regulator's record).
- It is not ambiguous: events in one question never share a year, and no event whose headline
  carries its year is used; no option is a near-duplicate, a see-also, or a name mentioned in
  another option's definition; a "which drug" option is a distractor only when the comparison
  table says so explicitly.
- Timeline items use only events that happened in the world (a discovery, a trial readout, a
  regulatory decision...), never a publication or a date set in advance (`Event.kind`,
  `db.content_format.NON_EVENT_KINDS`).
- A glossary definition is asked only if it reads whole without the term's own names: a
  definition that would need a name masked ("…") is not used.
- Glossary distractors are terms of the answer's kind (`Term.kind`: a drug against drugs, a
  ligase part against ligase parts); a term without a kind falls back to its category.
- A brand whose name spells the drug's (Thalomid, Pomalyst) is not asked.
- Approval items offer only drugs approved by that regulator and name the approval exactly
  ("first centralised EU approval": the national launches of 1957-61 came before it).
"""

from __future__ import annotations

import random
import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from db.content_format import NON_EVENT_KINDS
from db.records import Drug, Event, Option, Question, Term

PREFIX = "gen-"
#: rapidfuzz token-set similarity (0-100) at or above which two definitions count as
#: near-duplicates and never appear together as options.
NEAR_DUPLICATE = 62
MIN_DEFINITION = 40
#: The fewest distractors a glossary item may have (three options in all).
MIN_DISTRACTORS = 2
_YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
CATEGORY_TOPICS = {
    "history": "history", "safety": "safety", "myeloma": "clinical", "treatment": "clinical",
    "molecular-biology": "mechanism", "immunology": "mechanism", "pharmacology": "mechanism",
}
LETTERS = "abcdefgh"
#: How many of each kind `generate_questions` draws (before trimming to `count`).
QUOTAS = {"first": 10, "order": 8, "year": 10, "term": 12, "definition": 12, "drug": 8}
#: A choice item needs at least this many options to test anything (one option answers itself).
MIN_CHOICES = 3


# -- the content, indexed once per content database ---------------------------------------

@dataclass
class _Index:
    events: dict[str, Event]
    terms: dict[str, Term]
    drugs: dict[str, Drug]
    dated_events: list[Event]
    year_events: list[Event]
    definitions: dict[str, str]
    term_ids: list[str]


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index(content) -> _Index:
    cached = _INDEXES.get(content)
    if cached is not None:
        return cached
    events = {e.id: e for e in content.events()}
    terms = {t.id: t for t in content.terms()}
    drugs = {d.id: d for d in content.drugs()}
    usable = [e for e in events.values() if _event_usable(e)]
    definitions = {}
    for term in terms.values():
        shown = _askable_definition(term)
        if shown:
            definitions[term.id] = shown
    index = _Index(events, terms, drugs,
                   dated_events=sorted(usable, key=lambda e: (e.date, e.id)),
                   year_events=[e for e in usable if e.precision in ("year", "month", "day")],
                   definitions=definitions, term_ids=sorted(definitions))
    _INDEXES[content] = index
    return index


def _event_usable(event: Event) -> bool:
    """Events that happened in the world, whose date is certain and not given away by their own
    headline."""
    return (event.kind not in NON_EVENT_KINDS and not event.approximate
            and not event.disputed and len(event.date) >= 4
            and not _YEAR_IN_TEXT.search(event.headline))


MASK = "…"


def _askable_definition(term: Term) -> str:
    """The term's short definition (or, failing that, its full one) with the term's names
    dropped from the front; "" when every version still needs a name masked in the middle,
    is too short, or gives the term away."""
    for text in _unique(t for t in (term.short_definition, term.definition) if t):
        masked = mask_names(text, term.names)
        if (MASK not in masked and len(masked) >= MIN_DEFINITION
                and not _gives_away(term, masked)):
            return masked
    return ""


def mask_names(definition: str, names: Sequence[str]) -> str:
    """`definition` without the term's own names (a leading "X (…) is" is dropped)."""
    text = " ".join((definition or "").split())
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        lead = re.match(
            rf"^(?:an?\s+|the\s+)?{re.escape(name)}(?:\s*\([^)]*\))?(?:,[^,]*,)?\s+"
            r"(?:is|are|was|were|refers to|means)\s+", text, re.IGNORECASE)
        if lead:
            text = text[lead.end():]
            text = text[:1].upper() + text[1:]
            break
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", MASK, text, flags=re.IGNORECASE)
    return text


def _gives_away(term: Term, definition: str) -> bool:
    """Whether most of the term's own words (4+ letters) show up in its masked definition."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", term.term)}
    if not words:
        return False
    found = {w for w in words
             if re.search(rf"(?<!\w){re.escape(w[:5])}", definition, re.IGNORECASE)}
    return len(found) * 2 >= len(words)


def _mentions(text: str, names: Sequence[str]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text, re.IGNORECASE)
               for n in names if len(n) > 1)


def _near_duplicate(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b, processor=str.casefold) >= NEAR_DUPLICATE


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def _event_line(event: Event) -> str:
    return f"- **{event.display_date}**: [{event.headline}](event:{event.id})"


# -- timeline ------------------------------------------------------------------------------

def _events(index: _Index, ids: Sequence[str]) -> list[Event] | None:
    events = [index.events.get(i) for i in ids]
    if any(e is None or not _event_usable(e) for e in events):
        return None
    if len({e.year for e in events}) != len(events):
        return None  # two in one year: the order could be argued
    return events


def first_question(index: _Index, ids: Sequence[str]) -> Question | None:
    events = _events(index, ids)
    if not events or len(events) < 2:
        return None
    first = min(events, key=lambda e: e.date)
    options = tuple(
        Option(key=LETTERS[n], text=e.headline, correct=e is first,
               rationale=(f"{'Correct: ' if e is first else ''}{e.display_date}."))
        for n, e in enumerate(events))
    by_date = sorted(events, key=lambda e: e.date)
    return Question(
        id=f"{PREFIX}first:{','.join(ids)}", type="single", topic="history",
        difficulty="recall", stem="Which of these happened first?",
        explanation="In date order:\n\n" + "\n".join(_event_line(e) for e in by_date),
        objective="Place key events of IMiD history in time.",
        options=options, answer=(LETTERS[events.index(first)],),
        sources=first.sources,
        terms=_unique(t for e in events for t in e.terms),
        events=tuple(e.id for e in events), generated=True)


def order_question(index: _Index, ids: Sequence[str]) -> Question | None:
    events = _events(index, ids)
    if not events or len(events) < 3:
        return None
    by_date = sorted(events, key=lambda e: e.date)
    options = tuple(Option(key=LETTERS[n], text=e.headline, rationale=e.display_date)
                    for n, e in enumerate(events))
    return Question(
        id=f"{PREFIX}order:{','.join(ids)}", type="ordering", topic="history",
        difficulty="understanding", stem="Put these events in order, earliest first.",
        explanation="In date order:\n\n" + "\n".join(_event_line(e) for e in by_date),
        objective="Order key events of IMiD history.", options=options,
        answer=tuple(LETTERS[events.index(e)] for e in by_date),
        sources=_unique(e.sources[0] for e in by_date if e.sources),
        terms=_unique(t for e in events for t in e.terms),
        events=tuple(e.id for e in events), generated=True)


def year_question(index: _Index, event_id: str) -> Question | None:
    event = index.events.get(event_id)
    if event is None or not _event_usable(event):
        return None
    return Question(
        id=f"{PREFIX}year:{event.id}", type="year", topic="history", difficulty="recall",
        stem=f"In which year did this happen?\n\n**{event.headline}**",
        explanation=f"**{event.display_date}**: [{event.headline}](event:{event.id})"
                    f"\n\n{event.body}",
        objective="Date key events of IMiD history (a year or two off earns part credit).",
        answer=(str(event.year),), sources=event.sources, terms=event.terms,
        events=(event.id,), generated=True)


# -- glossary ------------------------------------------------------------------------------

def _clash(index: _Index, a: Term, b: Term) -> bool:
    """Whether `b` could be argued to fit where `a` is the answer (or be confused with it)."""
    if a.id == b.id or b.id in a.see_also or a.id in b.see_also:
        return True
    names_a = {n.casefold() for n in a.names}
    names_b = {n.casefold() for n in b.names}
    if names_a & names_b:
        return True
    if _mentions(a.definition, b.names) or _mentions(b.definition, a.names):
        return True
    da, db = index.definitions.get(a.id), index.definitions.get(b.id)
    return da is None or db is None or _near_duplicate(da, db)


def _valid_term_set(index: _Index, answer_id: str, distractor_ids: Sequence[str]) -> bool:
    ids = [answer_id, *distractor_ids]
    if (not distractor_ids or len(set(ids)) != len(ids)
            or any(i not in index.definitions for i in ids)):
        return False
    terms = [index.terms[i] for i in ids]
    if not all(same_kind(terms[0], t) for t in terms[1:]):
        return False
    return not any(_clash(index, x, y) for n, x in enumerate(terms) for y in terms[n + 1:])


def _glossary_question(index: _Index, kind: str, answer_id: str,
                       distractor_ids: Sequence[str], stem: str, objective: str,
                       option: Callable[[Term, bool], tuple[str, str]]) -> Question | None:
    """A single-answer item over one term and its distractors; `option(term, is_answer)`
    gives each option's (text, rationale)."""
    if len(distractor_ids) < MIN_DISTRACTORS or not _valid_term_set(index, answer_id,
                                                                      distractor_ids):
        return None
    answer = index.terms[answer_id]
    terms = sorted([answer, *(index.terms[i] for i in distractor_ids)], key=lambda t: t.id)
    options = tuple(Option(LETTERS[n], *option(t, t is answer), correct=t is answer)
                    for n, t in enumerate(terms))
    return Question(
        id=f"{PREFIX}{kind}:{answer_id}:{','.join(distractor_ids)}", type="single",
        topic=CATEGORY_TOPICS.get(answer.category, "mechanism"), difficulty="recall",
        stem=stem,
        explanation=f"[{answer.term}](term:{answer.id}): {answer.definition}"
                    + (f"\n\n{answer.relevance}" if answer.relevance else ""),
        objective=objective, options=options, answer=(LETTERS[terms.index(answer)],),
        sources=answer.sources, terms=tuple(t.id for t in terms), generated=True)


def term_question(index: _Index, answer_id: str, distractor_ids: Sequence[str]) -> Question | None:
    """Which term matches this definition? (options are terms)."""
    definition = index.definitions.get(answer_id, "")
    return _glossary_question(
        index, "term", answer_id, distractor_ids,
        f"Which term matches this definition?\n\n> {definition}",
        "Recognise key terms from their definitions.",
        lambda t, right: (t.term, ("Correct. " if right else f"{t.term}: ")
                          + (t.short_definition or t.definition)))


def definition_question(index: _Index, answer_id: str,
                        distractor_ids: Sequence[str]) -> Question | None:
    """Which definition matches this term? (options are definitions)."""
    answer = index.terms.get(answer_id)
    return _glossary_question(
        index, "definition", answer_id, distractor_ids,
        f"Which definition matches **{answer.term if answer else answer_id}**?",
        "Define key terms.",
        lambda t, right: (index.definitions[t.id],
                          ("Correct: this defines " if right else "This defines ")
                          + f"{t.term}."))


# -- drug comparison -----------------------------------------------------------------------

def _drug_options(index: _Index, answer: Drug, distractor_ids: Sequence[str],
                  rationale: Callable[[Drug], str]) -> tuple[tuple[Option, ...], str] | None:
    drugs = [answer, *(index.drugs.get(i) for i in distractor_ids)]
    if any(d is None for d in drugs) or len({d.id for d in drugs}) != len(drugs):
        return None
    drugs.sort(key=lambda d: d.order)
    options = tuple(Option(key=LETTERS[n], text=d.name, correct=d is answer,
                           rationale=rationale(d)) for n, d in enumerate(drugs))
    return options, LETTERS[drugs.index(answer)]


def _cell_sources(drug: Drug, *cells: str) -> tuple[str, ...]:
    return _unique(s for c in cells if c in drug.cells for s in drug.cells[c].sources)


def drug_code_question(index: _Index, drug_id: str,
                       distractor_ids: Sequence[str]) -> Question | None:
    drug = index.drugs.get(drug_id)
    if drug is None or not drug.codes:
        return None
    code = drug.codes[0]

    def why(d: Drug) -> str:
        codes = ", ".join(d.codes) if d.codes else "no development code in the table"
        return f"{'Correct: ' if d is drug else ''}{d.name}: {codes}."

    built = _drug_options(index, drug, distractor_ids, why)
    if built is None or any(code in index.drugs[i].codes for i in distractor_ids):
        return None
    options, key = built
    return Question(
        id=f"{PREFIX}drug-code:{drug_id}:{','.join(distractor_ids)}", type="single",
        topic="next-generation" if drug.order >= 4 else "clinical", difficulty="recall",
        stem=f"Which drug was developed under the code **{code}**?",
        explanation=f"{code} is [{drug.name}](drug:{drug.id}). "
                    + _cell_text(drug, "class_notes"),
        objective="Recognise the IMiDs and CELMoDs by their development codes.",
        options=options, answer=(key,), sources=_cell_sources(drug, "class_notes"),
        generated=True)


def _brand_name(brand: str) -> str:
    return brand.split(",")[0].split("(")[0].strip()


def spells_a_drug(brand: str, drugs: Sequence[Drug]) -> bool:
    """Whether the brand spells a drug's name: it names it, or starts with the same four
    letters (Thalomid, Pomalyst)."""
    head = brand.casefold()[:4]
    return any(_mentions(brand, [d.name]) or (len(head) == 4 and d.name.casefold()[:4] == head)
               for d in drugs)


def drug_brand_question(index: _Index, drug_id: str, brand_no: int,
                        distractor_ids: Sequence[str]) -> Question | None:
    drug = index.drugs.get(drug_id)
    if drug is None or not 0 <= brand_no < len(drug.brands):
        return None
    brand = _brand_name(drug.brands[brand_no])
    if not brand or spells_a_drug(brand, list(index.drugs.values())):
        return None

    def why(d: Drug) -> str:
        names = ", ".join(_brand_name(b) for b in d.brands) or "no brand name yet"
        return f"{'Correct: ' if d is drug else ''}{d.name}: {names}."

    built = _drug_options(index, drug, distractor_ids, why)
    if built is None or any(brand in {_brand_name(b) for b in index.drugs[i].brands}
                            for i in distractor_ids):
        return None
    options, key = built
    return Question(
        id=f"{PREFIX}drug-brand:{drug_id}.{brand_no}:{','.join(distractor_ids)}",
        type="single", topic="history" if "historical" in drug.brands[brand_no] else "clinical",
        difficulty="recall", stem=f"Which drug is (or was) sold as **{brand}**?",
        explanation=f"{brand} is a brand of [{drug.name}](drug:{drug.id}) "
                    f"({drug.brands[brand_no]}).",
        objective="Connect brand names with the drugs.", options=options, answer=(key,),
        sources=_brand_sources(index, drug, brand), generated=True)


def _brand_sources(index: _Index, drug: Drug, brand: str) -> tuple[str, ...]:
    """The sources of the glossary entry headed by the brand (historical brands have one),
    else those of the drug's status cell."""
    entry = next((t for t in index.terms.values() if t.term.casefold() == brand.casefold()),
                 None)
    return entry.sources if entry and entry.sources else _cell_sources(drug, "status")


#: How each approval cell is named in a stem: the EU cell holds the first centralised
#: authorisation, which came long after thalidomide's national launches of 1957-61.
APPROVAL_CELLS = {"fda_approval": "first US (FDA) approval",
                  "ema_approval": "first centralised EU approval"}


def approved_drugs(index: _Index, cell: str) -> list[Drug]:
    """Drugs with an approval date in `cell`, in table order."""
    return [d for d in sorted(index.drugs.values(), key=lambda d: d.order)
            if d.cells.get(cell) is not None and d.cells[cell].date]


def drug_approval_question(index: _Index, cell: str, drug_id: str,
                           distractor_ids: Sequence[str]) -> Question | None:
    from db.dates import format_partial_date, parse_partial_date

    drug = index.drugs.get(drug_id)
    if cell not in APPROVAL_CELLS or drug is None or not drug.cells.get(cell, None) \
            or not drug.cells[cell].date:
        return None
    date = drug.cells[cell].date
    try:
        shown = format_partial_date(parse_partial_date(date[:7]))
    except ValueError:
        return None
    approval = APPROVAL_CELLS[cell]
    approved = {d.id for d in approved_drugs(index, cell)}
    if not set(distractor_ids) <= approved:
        return None  # a never-approved drug is no distractor: nobody picks it

    def why(d: Drug) -> str:
        c = d.cells.get(cell)
        when = (format_partial_date(parse_partial_date(c.date[:7])) if c and c.date
                else "not approved")
        return f"{'Correct: ' if d is drug else ''}{d.name}: {when}."

    built = _drug_options(index, drug, distractor_ids, why)
    if built is None:
        return None
    for other in distractor_ids:  # a distractor approved in the same month would also fit
        c = index.drugs[other].cells.get(cell)
        if c and c.date and c.date[:7] == date[:7]:
            return None
    options, key = built
    return Question(
        id=f"{PREFIX}drug-approval:{cell}:{drug_id}:{','.join(distractor_ids)}",
        type="single", topic="history", difficulty="recall",
        stem=f"Which drug received its {approval} in **{shown}**?",
        explanation=f"[{drug.name}](drug:{drug.id}): " + _cell_text(drug, cell),
        objective="Know when each drug was first approved.", options=options,
        answer=(key,), sources=_cell_sources(drug, cell)[:1], generated=True)


def drug_neosubstrate_question(index: _Index, term_id: str) -> Question | None:
    """Which drug degrades <term>? Only drugs whose table entry mentions the term count: those
    listing it as a neosubstrate are right, those mentioning it without listing it (e.g.
    "degrades CK1α poorly") are the distractors; drugs silent about it are left out."""
    term = index.terms.get(term_id)
    if term is None:
        return None
    right, wrong = [], []
    for drug in sorted(index.drugs.values(), key=lambda d: d.order):
        cell = drug.cells.get("neosubstrates")
        mentioned = cell is not None and f"term:{term_id})" in cell.text
        if term_id in drug.neosubstrate_terms:
            right.append(drug)
        elif mentioned:
            wrong.append(drug)
    if len(right) != 1 or len(wrong) < 2:
        return None
    drug = right[0]
    built = _drug_options(
        index, drug, [d.id for d in wrong],
        lambda d: ("Correct: " if d is drug else "") + _cell_text(d, "neosubstrates"))
    options, key = built
    return Question(
        id=f"{PREFIX}drug-neo:{term_id}", type="single", topic="mechanism",
        difficulty="understanding",
        stem=f"Which of these drugs efficiently degrades **{term.term}**?",
        explanation=f"[{drug.name}](drug:{drug.id}): " + _cell_text(drug, "neosubstrates"),
        objective="Tell the drugs apart by their neosubstrates.", options=options,
        answer=(key,), sources=_cell_sources(drug, "neosubstrates"),
        terms=(term_id,), generated=True)


def _cell_text(drug: Drug, cell: str) -> str:
    c = drug.cells.get(cell)
    return " ".join(c.text.split()) if c else ""


# -- by id ---------------------------------------------------------------------------------

def question_for_id(content, question_id: str) -> Question | None:
    """Rebuild the generated question `question_id`; None if it is not one or no longer valid."""
    if not question_id.startswith(PREFIX):
        return None
    kind, _, rest = question_id[len(PREFIX):].partition(":")
    parts = rest.split(":")
    index = _index(content)

    def ids(text: str) -> list[str]:
        return [p for p in text.split(",") if p]

    try:
        question = _build(index, kind, parts, ids)
    except (ValueError, KeyError):
        return None
    return question if question is not None and has_enough_choices(question) else None


def _build(index: _Index, kind: str, parts: list[str], ids) -> Question | None:
    if kind == "first" and len(parts) == 1:
        return first_question(index, ids(parts[0]))
    if kind == "order" and len(parts) == 1:
        return order_question(index, ids(parts[0]))
    if kind == "year" and len(parts) == 1:
        return year_question(index, parts[0])
    if kind == "term" and len(parts) == 2:
        return term_question(index, parts[0], ids(parts[1]))
    if kind == "definition" and len(parts) == 2:
        return definition_question(index, parts[0], ids(parts[1]))
    if kind == "drug-code" and len(parts) == 2:
        return drug_code_question(index, parts[0], ids(parts[1]))
    if kind == "drug-brand" and len(parts) == 2:
        drug, _, number = parts[0].partition(".")
        return drug_brand_question(index, drug, int(number), ids(parts[1]))
    if kind == "drug-approval" and len(parts) == 3:
        return drug_approval_question(index, parts[0], parts[1], ids(parts[2]))
    if kind == "drug-neo" and len(parts) == 1:
        return drug_neosubstrate_question(index, parts[0])
    return None


def has_enough_choices(question: Question) -> bool:
    """Whether a generated item can be asked: a choice item with fewer than `MIN_CHOICES`
    options (a small content set, a drug table with one approved drug) answers itself."""
    if question.type in ("single", "multi"):
        return len(question.options) >= MIN_CHOICES
    return True


# -- drawing a set -------------------------------------------------------------------------

def _pick_events(index: _Index, rng: random.Random, n: int, span: float) -> list[str] | None:
    """`n` events in distinct years within `span` years of a random anchor, in random order."""
    pool = index.dated_events
    if len(pool) < n:
        return None
    anchor = rng.choice(pool)
    near = [e for e in pool if abs(e.start_year - anchor.start_year) <= span and e is not anchor]
    rng.shuffle(near)
    chosen, years = [anchor], {anchor.year}
    for event in near:
        if event.year not in years:
            chosen.append(event)
            years.add(event.year)
        if len(chosen) == n:
            break
    if len(chosen) < n:
        return None
    return sorted(e.id for e in chosen)


def _pick_terms(index: _Index, rng: random.Random, n: int) -> tuple[str, list[str]] | None:
    """An answer term and up to `n` distractors of its kind (at least `MIN_DISTRACTORS`: a
    small kind gives a three-option item rather than a distractor of another kind)."""
    if len(index.term_ids) < MIN_DISTRACTORS + 1:
        return None
    answer = index.terms[rng.choice(index.term_ids)]
    same = [i for i in index.term_ids if same_kind(answer, index.terms[i])]
    rng.shuffle(same)
    chosen: list[str] = []
    for candidate in same:
        if candidate == answer.id:
            continue
        if _valid_term_set(index, answer.id, [*chosen, candidate]):
            chosen.append(candidate)
        if len(chosen) == n:
            break
    if len(chosen) < MIN_DISTRACTORS:
        return None
    return answer.id, sorted(chosen)


def same_kind(a: Term, b: Term) -> bool:
    """Whether `b` may stand as a distractor for `a`: the same kind, or, for terms without a
    kind, the same category."""
    if a.kind or b.kind:
        return a.kind == b.kind
    return a.category == b.category


def _drug_candidates(index: _Index, rng: random.Random) -> list[Question]:
    drugs = sorted(index.drugs.values(), key=lambda d: d.order)
    out: list[Question | None] = []

    def distractors(drug: Drug, k: int = 3) -> list[str]:
        others = [d.id for d in drugs if d.id != drug.id]
        rng.shuffle(others)
        return sorted(others[:k], key=lambda i: index.drugs[i].order)

    for drug in drugs:
        if drug.codes:
            out.append(drug_code_question(index, drug.id, distractors(drug)))
        for n in range(len(drug.brands)):
            out.append(drug_brand_question(index, drug.id, n, distractors(drug)))
        for cell in APPROVAL_CELLS:
            approved = [d.id for d in approved_drugs(index, cell) if d.id != drug.id]
            rng.shuffle(approved)
            out.append(drug_approval_question(index, cell, drug.id, sorted(
                approved[:3], key=lambda i: index.drugs[i].order)))
    terms = sorted({t for d in drugs for t in d.neosubstrate_terms})
    out.extend(drug_neosubstrate_question(index, t) for t in terms)
    return [q for q in out if q is not None]


def generate_questions(content, seed: int = 0, count: int | None = None,
                       kinds: Sequence[str] | None = None) -> list[Question]:
    """A varied, deterministic set of generated questions (same seed, same questions).

    `kinds` limits the families ("first", "order", "year", "term", "definition", "drug").
    """
    index = _index(content)
    rng = random.Random(seed)
    wanted = tuple(kinds) if kinds else tuple(QUOTAS)
    made: dict[str, list[Question]] = {k: [] for k in wanted}
    seen: set[str] = set()

    def add(kind: str, question: Question | None) -> None:
        if question is not None and question.id not in seen and has_enough_choices(question):
            seen.add(question.id)
            made[kind].append(question)

    for kind in wanted:
        quota = QUOTAS[kind]
        if kind == "drug":
            candidates = _drug_candidates(index, rng)
            rng.shuffle(candidates)
            for question in candidates[:quota]:
                add(kind, question)
            continue
        for _attempt in range(quota * 6):
            if len(made[kind]) >= quota:
                break
            if kind == "first":
                ids = _pick_events(index, rng, rng.choice((3, 4)), 15)
                add(kind, ids and first_question(index, ids))
            elif kind == "order":
                ids = _pick_events(index, rng, 4, 20)
                add(kind, ids and order_question(index, ids))
            elif kind == "year":
                if index.year_events:
                    add(kind, year_question(index, rng.choice(index.year_events).id))
            else:
                picked = _pick_terms(index, rng, 3)
                if picked:
                    build = term_question if kind == "term" else definition_question
                    add(kind, build(index, picked[0], picked[1]))
    # Interleave the families so a trimmed set stays varied.
    out: list[Question] = []
    queues = [list(made[k]) for k in wanted]
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out[:count] if count else out
