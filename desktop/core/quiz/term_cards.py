"""Glossary flashcards: every term makes two cards for the review schedule.

- `tc-<term>-d` (term -> definition): the term is shown; the student recalls what it means,
  shows the answer and grades how well they knew it (a `flashcard`).
- `tc-<term>-t` (definition -> term, typed): the definition is shown with the term's own names
  masked; the student types the term (a `typed` item: any of its names is accepted, with the
  usual tolerance for spelling).

Cards are plain `db.records.Question`s, so sessions, attempts, review cards and statistics
treat them like any other item. Their topic follows the term's category.
"""

from __future__ import annotations

from db.records import Blank, Question, Term

PREFIX = "tc-"
MEANING, NAME = "d", "t"
#: The quiz topic a glossary category counts under (statistics, weak areas).
CATEGORY_TOPICS = {
    "molecular-biology": "mechanism", "immunology": "mechanism", "pharmacology": "mechanism",
    "myeloma": "clinical", "treatment": "clinical", "safety": "safety", "history": "history",
}


def card_id(term_id: str, side: str) -> str:
    """`tc-cereblon-d` (term -> definition) or `tc-cereblon-t` (definition -> term)."""
    return f"{PREFIX}{term_id}-{side}"


def parse_card_id(item_id: str) -> tuple[str, str] | None:
    """(term id, side) of a glossary card id, or None for any other id."""
    if not item_id.startswith(PREFIX) or len(item_id) < len(PREFIX) + 3 or \
            item_id[-2] != "-" or item_id[-1] not in (MEANING, NAME):
        return None
    return item_id[len(PREFIX):-2], item_id[-1]


def _definition_text(term: Term) -> str:
    return " ".join(term.definition.split())


def meaning_card(term: Term) -> Question:
    """Term -> definition (shown, then graded by the student)."""
    names = [n for n in term.abbreviations if n != term.term]
    also = f" ({', '.join(names)})" if names else ""
    return Question(
        id=card_id(term.id, MEANING), type="flashcard",
        topic=CATEGORY_TOPICS.get(term.category, "mechanism"), difficulty="recall",
        stem=f"What is **{term.term}**{also}?",
        explanation=_definition_text(term) + (f"\n\n{term.relevance}" if term.relevance else ""),
        objective=f"Recall what {term.term} means.", answer=(term.term,),
        sources=term.sources, terms=(term.id,), shuffle=False, note=term.id)


def name_card(term: Term) -> Question:
    """Definition -> term, typed; every name of the term is accepted."""
    from desktop.core.quiz.generate import mask_names

    masked = mask_names(_definition_text(term), term.names)
    return Question(
        id=card_id(term.id, NAME), type="typed",
        topic=CATEGORY_TOPICS.get(term.category, "mechanism"), difficulty="recall",
        stem=f"Which term is defined here? {masked}",
        explanation=f"**{term.term}**: {_definition_text(term)}",
        objective=f"Name the term {term.term} from its definition.", answer=(term.term,),
        blanks=(Blank(answers=tuple(dict.fromkeys(term.names))),),
        sources=term.sources, terms=(), shuffle=False, note=term.id)


def cards_for(term: Term) -> list[Question]:
    """Both cards of `term`."""
    return [meaning_card(term), name_card(term)]


def all_cards(content, category: str | None = None) -> list[Question]:
    """The cards of every term (of one glossary category when `category` is given)."""
    return [card for term in content.terms()
            if category is None or term.category == category
            for card in cards_for(term)]


def resolve_card(content, item_id: str) -> Question | None:
    """The glossary card with id `item_id`, or None."""
    parsed = parse_card_id(item_id)
    if parsed is None:
        return None
    term = content.term(parsed[0])
    if term is None:
        return None
    return meaning_card(term) if parsed[1] == MEANING else name_card(term)
