"""Recall items: cloze sentences and typed short answers, from authored records to cards.

A `[[cloze]]` record is a sentence with gaps written as in Anki:

    Thalidomide binds {{c1::cereblon|CRBN::a protein}}, the substrate receptor of {{c2::CRL4}}.

- `{{c1::answer}}`: a gap; the number says which card asks it. Gaps sharing a number are asked
  together on one card; each number makes its own card (`<id>-c1`, `<id>-c2`), so an author
  chooses "one card per gap" or "several gaps per card" by numbering.
- `answer|other|other`: accepted alternatives (the first is the one shown as the answer).
- `::hint`: shown in the empty gap (`[a protein]`).

A `[[typed]]` record is a question answered by typing: `answers` lists what is accepted (the
first is shown), `threshold` how close a misspelling may be (rapidfuzz ratio, 0-100), and a
number answer is checked within `tolerance`.

Both become `db.records.Question`s of type `cloze` or `typed` whose `blanks` say what each gap
accepts. A card's stem marks its gaps as `{{1}}`, `{{2}}`, ... in reading order; the other
gaps of the sentence are filled in with their answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: One gap: {{c<number>::<answers>[::<hint>]}}
CLOZE_GAP = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
#: A gap on a card's stem.
CARD_GAP = re.compile(r"\{\{(\d+)\}\}")
#: How close a misspelling must be (rapidfuzz ratio) unless the item says otherwise.
DEFAULT_THRESHOLD = 85
NUMBER = re.compile(r"^[+-−]?\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Gap:
    """One gap of a cloze sentence as authored."""

    card: int
    answers: tuple[str, ...]
    hint: str
    start: int
    end: int


def parse_gaps(text: str) -> list[Gap]:
    """Every `{{cN::...}}` gap of `text`, in reading order."""
    gaps = []
    for m in CLOZE_GAP.finditer(text):
        answers = tuple(a.strip() for a in m.group(2).split("|"))
        gaps.append(Gap(int(m.group(1)), answers, (m.group(3) or "").strip(), m.start(),
                        m.end()))
    return gaps


def cloze_problems(text: str) -> list[str]:
    """What is wrong with the gaps of a cloze text (empty when it is fine)."""
    problems = []
    gaps = parse_gaps(text)
    if not gaps:
        problems.append("a cloze text needs at least one gap written {{c1::answer}}")
    rest = CLOZE_GAP.sub("", text)
    if "{{" in rest or "}}" in rest:
        problems.append("a gap is not written {{cN::answer}} or {{cN::answer::hint}} "
                        "(check the braces and the c-number)")
    for gap in gaps:
        if gap.card < 1:
            problems.append(f"gap numbers start at c1, not c{gap.card}")
        if not all(gap.answers):
            problems.append(f"gap c{gap.card} has an empty answer")
        if any("::" in a or "{" in a or "}" in a for a in gap.answers):
            problems.append(f"gap c{gap.card} has stray ':' or braces in its answer")
    numbers = sorted({g.card for g in gaps})
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"gap numbers must run c1, c2, ... without holes, not "
                        f"{', '.join(f'c{n}' for n in numbers)}")
    return problems


def card_numbers(text: str) -> list[int]:
    """The card numbers of a cloze text (1, 2, ...)."""
    return sorted({g.card for g in parse_gaps(text)})


def card_stem(text: str, card: int) -> tuple[str, list[Gap]]:
    """The stem of card `card`: its gaps as `{{1}}`, `{{2}}`..., the others filled in; and
    the gaps asked, in order."""
    asked: list[Gap] = []
    out, pos = [], 0
    for gap in parse_gaps(text):
        out.append(text[pos:gap.start])
        if gap.card == card:
            asked.append(gap)
            out.append(f"{{{{{len(asked)}}}}}")
        else:
            out.append(gap.answers[0])
        pos = gap.end
    out.append(text[pos:])
    return "".join(out), asked


def full_text(text: str) -> str:
    """The sentence with every gap filled with its first answer (for search and exports)."""
    return CLOZE_GAP.sub(lambda m: m.group(2).split("|")[0].strip(), text)


def is_number(text: str) -> bool:
    return bool(NUMBER.match(text.strip().replace(" ", "")))


def blank_dict(answers, hint: str = "", threshold: int | None = None,
               tolerance: float | None = None) -> dict:
    """The stored form of one blank (see `db.records.Blank`)."""
    answers = [str(a).strip() for a in answers]
    numeric = all(is_number(a) for a in answers)
    return {"answers": answers, "hint": hint or "",
            "threshold": int(threshold) if threshold is not None else DEFAULT_THRESHOLD,
            "tolerance": (float(tolerance) if tolerance is not None else 0.0)
            if numeric else None}


def cloze_cards(record_id: str, data: dict) -> list[dict]:
    """The cards of one `[[cloze]]` record as question-shaped dicts (one per card number)."""
    text = " ".join(data["text"].split())
    cards = []
    for number in card_numbers(text):
        stem, asked = card_stem(text, number)
        blanks = [blank_dict(g.answers, g.hint, data.get("threshold"), data.get("tolerance"))
                  for g in asked]
        cards.append({
            "id": f"{record_id}-c{number}", "type": "cloze", "note": record_id,
            "topic": data["topic"], "difficulty": data["difficulty"], "stem": stem,
            "blanks": blanks, "answer": [b["answers"][0] for b in blanks],
            "explanation": data.get("explanation", ""), "cloze": text,
            "objective": data["objective"], "sources": list(data.get("sources") or []),
            "terms": list(data.get("terms") or []), "events": list(data.get("events") or []),
        })
    return cards


def typed_card(record_id: str, data: dict) -> dict:
    """The one card of a `[[typed]]` record, question-shaped."""
    blank = blank_dict(data["answers"], "", data.get("threshold"), data.get("tolerance"))
    return {
        "id": record_id, "type": "typed", "note": record_id, "topic": data["topic"],
        "difficulty": data["difficulty"], "stem": " ".join(data["stem"].split()),
        "blanks": [blank], "answer": [blank["answers"][0]],
        "explanation": data.get("explanation", ""), "cloze": "",
        "objective": data["objective"], "sources": list(data.get("sources") or []),
        "terms": list(data.get("terms") or []), "events": list(data.get("events") or []),
    }
