"""What a presentation shows (Qt-free): slide sequences and the plain text of each slide.

A presentation is a list of `SlideRef`s (an event, an era overview, a question, a term or a
mechanism step). The builders here make the usual sequences (a timeline story, a question set,
a term spotlight); `slide_content` turns a slide into plain text fields that both the
full-screen view and the PDF handout draw, and `fit_font_size` finds the largest type that fits.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from db.dates import format_partial_date, parse_partial_date

LETTERS = "ABCDEFGHIJ"
SLIDE_KINDS = ("era", "event", "question", "term", "step", "title")


@dataclass(frozen=True)
class SlideRef:
    """One slide: what kind of record it shows and which one."""

    kind: str
    item_id: str

    def to_json(self) -> list[str]:
        return [self.kind, self.item_id]

    @classmethod
    def from_json(cls, value: Sequence[str]) -> SlideRef:
        kind, item_id = value
        if kind not in SLIDE_KINDS:
            raise ValueError(f"unknown slide kind {kind!r}")
        return cls(kind, item_id)


@dataclass(frozen=True)
class SlideContent:
    """What a slide shows, as plain text: the view and the PDF handout both draw this."""

    kind: str
    title: str
    kicker: str = ""          # small line above the title: date, category, "Question 3"
    body: str = ""
    options: tuple[tuple[str, str], ...] = ()   # (letter, text)
    correct: tuple[str, ...] = ()                # letters (ordering: in the right order)
    answer_text: str = ""                        # what "reveal" shows
    explanation: str = ""
    sources: tuple[str, ...] = ()
    hidden_until_reveal: bool = False            # question and term spotlight slides
    votable: bool = False                        # the class votes A-E (single, multi, T/F)
    figure: str = ""                             # a structure drawn on the slide (its id)


def _figure_for_term(content, term_id: str) -> str:
    """The structure a term's slide draws (a drug or a ring of the drugs), or ""."""
    from desktop.core.chemistry.drawings import drawing_svg, structure_for_term

    if not hasattr(content, "structures"):
        return ""
    structure = structure_for_term(content, term_id)
    return structure.id if structure and drawing_svg(structure.id) else ""


# -- building sequences ------------------------------------------------------------------------


def timeline_story(content, lane: str | None = None, era: str | None = None,
                   era_overviews: bool = True) -> list[SlideRef]:
    """Events in date order (optionally one lane or one era), each era opened by an overview.

    The same sequence as the timeline's story mode (`desktop.core.timeline.story`), as slides.
    """
    from desktop.core.timeline.data import TimelineData
    from desktop.core.timeline.story import StoryScope, story_steps

    data = TimelineData.from_content(content)
    if era and all(e.id != era for e in data.eras):
        return []
    scope = StoryScope("era", era) if era else StoryScope("lane", lane) if lane else StoryScope()
    return [SlideRef(step.kind, step.item_id)
            for step in story_steps(data, scope, era_overviews=era_overviews)]


def generated_timeline_set(content, count: int = 10, seed: int = 0) -> list[SlideRef]:
    """Questions generated from the timeline ("which came first", order, year)."""
    from desktop.core.quiz.generate import generate_questions

    questions = generate_questions(content, seed=seed, count=count,
                                   kinds=("first", "order", "year"))
    return [SlideRef("question", q.id) for q in questions]


def question_set(questions: Iterable, topic: str | None = None, count: int | None = None,
                 seed: int = 0, types: Iterable[str] | None = None) -> list[SlideRef]:
    """Question slides: one topic (or all), optionally `count` chosen reproducibly by `seed`."""
    wanted_types = set(types) if types else None
    pool = [q for q in questions
            if (topic is None or q.topic == topic)
            and (wanted_types is None or q.type in wanted_types)]
    if count is not None and count < len(pool):
        pool = random.Random(seed).sample(pool, count)
    return [SlideRef("question", q.id) for q in pool]


def term_spotlight(terms: Iterable, category: str | None = None, ids: Iterable[str] = (),
                   count: int | None = None, seed: int = 0) -> list[SlideRef]:
    """Term slides: chosen ids, or one category (optionally a reproducible sample)."""
    terms = list(terms)
    if ids:
        known = {t.id for t in terms}
        return [SlideRef("term", i) for i in ids if i in known]
    pool = [t for t in terms if category is None or t.category == category]
    if count is not None and count < len(pool):
        pool = random.Random(seed).sample(pool, count)
    return [SlideRef("term", t.id) for t in pool]


# -- what a slide shows ------------------------------------------------------------------------


def _source_labels(content, ids: Iterable[str]) -> tuple[str, ...]:
    labels = []
    for ref_id in ids:
        ref = content.reference(ref_id)
        if ref is None:
            continue
        where = ref.journal or ref.publisher
        labels.append(f"{ref.short_label}. {ref.title}. {where}".strip(". ") + ".")
    return tuple(labels)


def slide_content(content, slide: SlideRef, number: int | None = None,
                  resolve: Callable[[str], object] | None = None) -> SlideContent:
    """The text a slide shows. Raises KeyError when the record does not exist.

    `resolve(question_id)` finds questions that are not in the content database (generated
    ones, a teacher's imported sets); by default only the question bank is searched.
    """
    if slide.kind == "event":
        event = content.event(slide.item_id)
        if event is None:
            raise KeyError(slide)
        body = event.body
        if event.disputed and event.dispute_note:
            body += f"\n\nDisputed: {event.dispute_note}"
        return SlideContent("event", event.headline, kicker=event.display_date, body=body,
                            sources=_source_labels(content, event.sources))
    if slide.kind == "era":
        era = next((e for e in content.eras() if e.id == slide.item_id), None)
        if era is None:
            raise KeyError(slide)
        start = format_partial_date(parse_partial_date(era.start))
        end = format_partial_date(parse_partial_date(era.end)) if era.end else "today"
        events = [e for e in content.events()
                  if era.start_year <= e.start_year < (era.end_year or 10_000.0)]
        highlights = "\n".join(f"{e.display_date}: {e.headline}" for e in events[:6])
        body = era.description + (f"\n\n{highlights}" if highlights else "")
        return SlideContent("era", era.name, kicker=f"{start} – {end}", body=body,
                            sources=_source_labels(content, era.sources))
    if slide.kind == "question":
        question = (resolve or content.question)(slide.item_id)
        if question is None:
            raise KeyError(slide)
        return question_content(content, question, number)
    if slide.kind == "term":
        term = content.term(slide.item_id)
        if term is None:
            raise KeyError(slide)
        seen = {term.term.casefold()}
        others = []
        for name in (*term.abbreviations, *term.synonyms):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                others.append(name)
        names = ", ".join(others[:3])
        return SlideContent(
            "term", term.term, kicker="Define this term" + (f" ({names})" if names else ""),
            answer_text=term.definition, explanation=term.relevance,
            sources=_source_labels(content, term.sources), hidden_until_reveal=True,
            figure=_figure_for_term(content, term.id))
    if slide.kind == "step":
        step = next((s for s in content.diagram("step") if s.get("id") == slide.item_id), None)
        if step is None:
            raise KeyError(slide)
        return SlideContent("step", step["title"], kicker="Mechanism", body=step["text"],
                            sources=_source_labels(content, step.get("sources", ())))
    raise KeyError(slide)


def question_content(content, question, number: int | None = None) -> SlideContent:
    """A question slide: options lettered A-E in the authored order (pairs for matching)."""
    from db.text import strip_markdown

    kicker = f"Question {number}" if number else "Question"
    from desktop.core.quiz.recall_text import display_stem  # cloze gaps as [1 …]

    stem = strip_markdown(display_stem(question))
    explanation = strip_markdown(question.explanation)
    correct: tuple[str, ...] = ()
    options: tuple[tuple[str, str], ...] = ()
    body = ""
    if question.type == "matching":
        rights = sorted(p.right for p in question.pairs)
        options = tuple((LETTERS[i], p.left) for i, p in enumerate(question.pairs))
        body = "Match each with one of: " + " · ".join(rights)
        answer = "\n".join(f"{p.left} → {p.right}" for p in question.pairs)
    elif question.type in ("year", "typed", "cloze"):  # the class calls the answer out
        answer = "Answer: " + ", ".join(question.answer)
    else:
        options = tuple((LETTERS[i], o.text) for i, o in enumerate(question.options))
        letter_of = {o.key: LETTERS[i] for i, o in enumerate(question.options)}
        if question.type == "ordering":
            correct = tuple(letter_of[k] for k in question.answer if k in letter_of)
            answer = "Correct order: " + " → ".join(correct)
        else:
            correct = tuple(letter_of[o.key] for o in question.options if o.correct)
            answer = "Answer: " + ", ".join(
                f"{letter_of[o.key]}. {o.text}" for o in question.options if o.correct)
    return SlideContent(
        "question", stem, kicker=kicker, body=body, options=options, correct=correct,
        answer_text=answer, explanation=explanation,
        sources=_source_labels(content, question.sources), hidden_until_reveal=True,
        votable=question.type in ("single", "multi", "true_false"))


def fit_font_size(fits: Callable[[float], bool], smallest: float, largest: float,
                  precision: float = 0.5) -> float:
    """The largest size in [smallest, largest] for which `fits(size)` holds (binary search).

    `fits` is monotone: if text fits at a size it fits at every smaller size. Returns
    `smallest` when nothing fits, so text is never drawn at zero size.
    """
    if fits(largest):
        return largest
    low, high = smallest, largest
    while high - low > precision:
        middle = (low + high) / 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low
