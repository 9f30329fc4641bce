"""Where quiz questions come from: a small registry of question sources.

Each source is `QuestionSource(key, label, load)` with `load(ctx) -> list[Question]`, where
`ctx` is anything with `.content` (a `ContentDB`) and `.user` (a `UserDB` or None): the app's
`AppContext` or an `Atlas`. Built in: the bundled question bank and the questions generated
from the timeline, glossary and drug table. Other features add theirs with
`register_question_source` (for example a teacher's imported GIFT/CSV sets), and the start
screen offers every registered source.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from db.records import Question
from desktop.core.quiz.generate import PREFIX, generate_questions, question_for_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QuestionSource:
    key: str
    label: str
    load: Callable[[object], list[Question]]
    #: Ticked on the start screen by default.
    default: bool = True
    #: Optional `resolve(ctx, question_id) -> Question | None`, to find one question fast.
    resolve: Callable[[object, str], Question | None] | None = None


QUESTION_SOURCES: list[QuestionSource] = []


def register_question_source(source: QuestionSource) -> None:
    """Add `source` (replacing one with the same key) to the start screen's sources."""
    for n, existing in enumerate(QUESTION_SOURCES):
        if existing.key == source.key:
            QUESTION_SOURCES[n] = source
            return
    QUESTION_SOURCES.append(source)


def source(key: str) -> QuestionSource | None:
    return next((s for s in QUESTION_SOURCES if s.key == key), None)


def generation_seed(day: str | None = None) -> int:
    """The seed of today's generated set: the same all day, different tomorrow."""
    day = day or time.strftime("%Y-%m-%d")
    return int(day.replace("-", ""))


def _bank(ctx) -> list[Question]:
    return ctx.content.questions()


def _generated(ctx) -> list[Question]:
    return generate_questions(ctx.content, seed=generation_seed())


register_question_source(QuestionSource(
    "bank", "Question bank", _bank,
    resolve=lambda ctx, qid: ctx.content.question(qid)))
register_question_source(QuestionSource(
    "generated", "Generated (timeline, glossary, drugs)", _generated,
    resolve=lambda ctx, qid: question_for_id(ctx.content, qid)))


def _structure_questions(ctx) -> list[Question]:
    from desktop.core.quiz.structure_questions import generate_structure_questions

    return generate_structure_questions(ctx.content, seed=generation_seed())


def _structure_question(ctx, qid: str) -> Question | None:
    from desktop.core.quiz.structure_questions import question_for_id as structure_question

    return structure_question(ctx.content, qid)


# Opt-in on the start screen (like imported sets): a mixed session keeps the bank's balance.
register_question_source(QuestionSource(
    "structures", "Drug structures", _structure_questions, default=False,
    resolve=_structure_question))


def _recall(ctx) -> list[Question]:
    return ctx.content.recall_items()


register_question_source(QuestionSource(
    "recall", "Cloze and typed-answer items", _recall, default=False,
    resolve=lambda ctx, qid: ctx.content.recall_item(qid)))


def _glossary_cards(ctx) -> list[Question]:
    from desktop.core.quiz.term_cards import all_cards

    return all_cards(ctx.content)


def _glossary_card(ctx, qid: str) -> Question | None:
    from desktop.core.quiz.term_cards import resolve_card

    return resolve_card(ctx.content, qid)


register_question_source(QuestionSource(
    "glossary", "Glossary cards (term and definition)", _glossary_cards, default=False,
    resolve=_glossary_card))


def _imported_sets(ctx) -> list[Question]:
    from desktop.core.quiz.question_sets import all_set_questions  # GIFT/CSV sets (File > Import)

    return all_set_questions(ctx)


def _imported_question(ctx, qid: str) -> Question | None:
    from desktop.core.quiz.question_sets import resolve_set_question

    return resolve_set_question(ctx, qid)


register_question_source(QuestionSource(
    "imported", "Imported question sets (GIFT, CSV)", _imported_sets, default=False,
    resolve=_imported_question))


def load_pool(ctx, keys: tuple[str, ...] | None = None) -> tuple[list[Question], list[str]]:
    """Questions from the chosen sources (all when `keys` is None), without duplicate ids,
    and a message for each source that failed to load (its questions are left out)."""
    pool: dict[str, Question] = {}
    problems = []
    for src in QUESTION_SOURCES:
        if keys is not None and src.key not in keys:
            continue
        try:
            questions = src.load(ctx)
        except Exception as exc:  # a broken provider must not take the quiz down
            log.exception("question source %s failed", src.key)
            problems.append(f"{src.label}: could not be loaded ({exc}).")
            continue
        for question in questions:
            pool.setdefault(question.id, question)
    return list(pool.values()), problems


def resolve_question(ctx, question_id: str) -> Question | None:
    """The current version of one question from any source, or None."""
    question_id = (question_id or "").strip()
    if not question_id:
        return None
    for src in QUESTION_SOURCES:
        if src.resolve is not None:
            try:
                found = src.resolve(ctx, question_id)
            except Exception:
                log.exception("question source %s failed to resolve %s", src.key, question_id)
                continue
            if found is not None:
                return found
    for src in QUESTION_SOURCES:  # sources that can only list everything
        if src.resolve is None:
            try:
                found = next((q for q in src.load(ctx) if q.id == question_id), None)
            except Exception:
                log.exception("question source %s failed", src.key)
                continue
            if found is not None:
                return found
    return None


def resolve_questions(ctx, question_ids) -> tuple[list[Question], list[str]]:
    """(questions found, ids not found), in the order asked."""
    found, missing = [], []
    for qid in question_ids:
        question = resolve_question(ctx, qid)
        (found.append(question) if question else missing.append(qid))
    return found, missing


def question_title(content, question_id: str) -> str:
    """The question's text (for exports), or its id when it is unknown."""
    if question_id.startswith(PREFIX):
        question = question_for_id(content, question_id)
        return " ".join(question.stem.split()) if question else question_id
    recall = content.recall_item(question_id) if hasattr(content, "recall_item") else None
    if recall is not None:
        from desktop.core.quiz.recall_text import plain_stem

        return plain_stem(recall)
    from desktop.core.quiz.term_cards import resolve_card

    card = resolve_card(content, question_id)
    if card is not None:
        from desktop.core.quiz.recall_text import plain_stem

        return plain_stem(card)
    return content.title_of("question", question_id)


def questions_for_event(content, event_id: str) -> list[Question]:
    """Questions about one timeline event: bank items that cite it or share its sources,
    then the generated "in which year" item for it (for the timeline's "Quiz me on this")."""
    event = content.event(event_id)
    if event is None:
        return []
    sources = set(event.sources)
    direct, related = [], []
    for question in content.questions():
        if event_id in question.events:
            direct.append(question)
        elif sources & set(question.sources):
            related.append(question)
    out = direct + related
    year = question_for_id(content, f"{PREFIX}year:{event_id}")
    if year is not None:
        out.append(year)
    return out
