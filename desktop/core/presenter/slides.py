"""What a presentation shows (Qt-free): slide sequences and what each slide holds.

A presentation is a list of `SlideRef`s (an event, an era overview, a question, a term or a
mechanism step). The builders here make the usual sequences (a timeline story, a question set,
a term spotlight, the mechanism); `slide_content` turns a slide into plain-text fields (what
the class reads), speaker notes (what the teacher reads), an optional drawing (the timeline
strip, the mechanism diagram, an SVG) and a structure (`figure`, a drug's or ring's id) that
the projector, the presenter view and the PDF handout all draw. `fit_font_size` finds the
largest type that fits.

Every text from a record goes through `db.text.strip_markdown`: slides are plain text.
"""

from __future__ import annotations

import random
import re
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from db.dates import format_partial_date, parse_partial_date
from db.text import strip_markdown

LETTERS = "ABCDEFGHIJ"
SLIDE_KINDS = ("era", "event", "question", "term", "step", "title")
KIND_LABELS = {"event": "Event", "era": "Era overview", "question": "Question", "term": "Term",
               "step": "Mechanism step", "title": "Title"}
#: How many of an era's events its overview slide lists (spread evenly over the era).
ERA_OVERVIEW_EVENTS = 5
#: Words of an event's text the class sees (the rest goes to the speaker notes).
LEAD_WORDS = 30


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
        if not isinstance(item_id, str) or not item_id:
            raise ValueError("a slide needs a record id")
        return cls(kind, item_id)


# -- figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineStrip:
    """The whole timeline in one line, with the slide's event (or era) marked on it.

    Years are fractional (`1961.9`); `ticks` are every event, `neighbours` the events just
    before and after this one, `here` the span marked (an event's date, an era's years).
    """

    start: float
    end: float
    eras: tuple[tuple[str, float, float], ...]
    ticks: tuple[float, ...]
    here: tuple[float, float]
    label: str
    neighbours: tuple[float, ...] = ()

    def position(self, year: float) -> float:
        """Where `year` falls along the strip, from 0 (start) to 1 (end)."""
        span = max(self.end - self.start, 1e-9)
        return min(1.0, max(0.0, (year - self.start) / span))

    @property
    def start_label(self) -> str:
        return str(int(self.start))

    @property
    def end_label(self) -> str:
        return str(int(self.end))


@dataclass(frozen=True)
class MechanismFigure:
    """One narration step's part of the mechanism diagram: its parts and edges (a slide
    draws them alone, highlighted and large enough for a class, see
    `desktop.core.presenter.step_diagram`; and beside them a small map of the whole diagram
    with them lit, see `desktop.core.presenter.overview_map`)."""

    step_id: str
    nodes: tuple[str, ...]
    edges: tuple[str, ...]


@dataclass(frozen=True)
class SvgFigure:
    """An SVG drawing (a structure, an image from a pack) with its caption.

    `svg` is the drawing's text; it is drawn as vector graphics on the projector and in the
    handout. Further figure kinds draw the same way: the slide painter dispatches on the type.
    """

    svg: str
    caption: str = ""


# -- what a slide holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class SlideContent:
    """What a slide shows, as plain text: the projector, the presenter view and the PDF handout
    all draw this. `notes` are for the teacher only (the presenter view, the notes overlay)."""

    kind: str
    title: str
    kicker: str = ""          # small line above the title: category, "Question 3"
    body: str = ""            # the slide's text (short: the full text is in `notes`)
    date: str = ""            # an event's or era's date, drawn large
    lines: tuple[str, ...] = ()                  # short lines under the title
    items: tuple[tuple[str, str], ...] = ()      # an era's events: (date, headline)
    options: tuple[tuple[str, str], ...] = ()    # (letter, text)
    correct: tuple[str, ...] = ()                # letters (ordering: in the right order)
    answer_text: str = ""                        # what "reveal" shows
    explanation: str = ""
    sources: tuple[str, ...] = ()                # full reference labels (notes, handout)
    source_label: str = ""                       # "Krönke et al. 2014" (on the slide)
    notes: str = ""                              # speaker notes, plain text
    drawing: object | None = None                # TimelineStrip, MechanismFigure, SvgFigure
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
    from desktop.core.timeline.story import StoryScope, story_steps

    data = timeline_data(content)
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


def mechanism_steps(content) -> list[SlideRef]:
    """The mechanism narration, one slide per step, in order."""
    steps = sorted(content.diagram("step"), key=lambda s: (s.get("order", 0), s.get("id", "")))
    return [SlideRef("step", s["id"]) for s in steps]


def spread(items: Sequence, count: int) -> list:
    """`count` items spread evenly from first to last (all of them when there are fewer)."""
    items = list(items)
    if count <= 0:
        return []
    if len(items) <= count:
        return items
    if count == 1:
        return [items[0]]
    step = (len(items) - 1) / (count - 1)
    return [items[round(i * step)] for i in range(count)]


# -- texts -------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'“(A-Z0-9])")
_CLAUSE = re.compile(r"[,;:–—]\s")


def plain(text: str) -> str:
    """Record text as the class reads it: no Markdown marks, single spaces per line."""
    lines = strip_markdown(text or "").splitlines()
    return "\n".join(" ".join(line.split()) for line in lines).strip()


_ABBREVIATIONS = {"dr.", "mr.", "mrs.", "ms.", "st.", "vs.", "e.g.", "i.e.", "al.", "no.",
                  "fig.", "approx.", "c.", "ca.", "jr.", "sr.", "prof."}


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph of plain text (not split after an initial such as
    "William S." or an abbreviation such as "et al.")."""
    pieces = [s for s in _SENTENCE.split(" ".join(text.split())) if s.strip()]
    out: list[str] = []
    for piece in pieces:
        if out:
            last = out[-1].rsplit(" ", 1)[-1]
            if (len(last) == 2 and last[0].isupper()) or last.casefold() in _ABBREVIATIONS:
                out[-1] = f"{out[-1]} {piece}"
                continue
        out.append(piece)
    return [s.strip() for s in out]


def lead_lines(text: str, max_words: int = LEAD_WORDS) -> tuple[str, ...]:
    """The first sentences of `text`, at most about `max_words` words, for the class.

    Whole sentences are kept while they fit; a first sentence that is much longer is cut
    after its last clause (a comma, a semicolon) within the limit and ends with "…".
    """
    parts = sentences(plain(text))
    if not parts:
        return ()
    kept: list[str] = []
    words = 0
    for sentence in parts:
        count = len(sentence.split())
        if kept and words + count > max_words:
            if words >= max_words // 2 or words + count <= max_words * 1.5:
                if words + count <= max_words * 1.5 and words < max_words // 2:
                    kept.append(sentence)
                break
            kept.append(_shorten(sentence, max_words - words))
            break
        if not kept and count > max_words * 1.4:
            kept.append(_shorten(sentence, max_words))
            break
        kept.append(sentence)
        words += count
        if len(kept) == 3:
            break
    return tuple(kept)


def _shorten(sentence: str, max_words: int) -> str:
    words = sentence.split()
    head = " ".join(words[:max_words])
    cut = None
    for match in _CLAUSE.finditer(head):
        if len(head[: match.start()].split()) >= max_words // 2:
            cut = match.start()
    shortened = head[:cut] if cut is not None else head
    words = shortened.rstrip(" ,;:–—").split()
    while len(words) > 3 and words[-1].casefold() in _FUNCTION_WORDS:
        words.pop()
    return " ".join(words).rstrip(" ,;:–—") + "…"


_FUNCTION_WORDS = {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by",
                   "for", "with", "from", "as", "that", "which", "who", "its", "their", "his",
                   "her", "was", "were", "is", "are", "be", "been", "than", "into", "after",
                   "before", "while", "whose", "previously"}


def _source_labels(content, ids: Iterable[str]) -> tuple[str, ...]:
    labels = []
    for ref_id in ids:
        ref = content.reference(ref_id)
        if ref is None:
            continue
        where = ref.journal or ref.publisher
        labels.append(f"{ref.short_label}. {ref.title}. {where}".strip(". ") + ".")
    return tuple(labels)


def _short_source(content, ids: Iterable[str]) -> str:
    labels = []
    for ref_id in ids:
        ref = content.reference(ref_id)
        if ref is not None:
            labels.append(ref.short_label)
    if not labels:
        return ""
    return labels[0] + (f" and {len(labels) - 1} more" if len(labels) > 1 else "")


def _notes(*sections: str) -> str:
    return "\n\n".join(s.strip() for s in sections if s and s.strip())


def _sources_note(labels: Sequence[str]) -> str:
    return ("Sources:\n" + "\n".join(f"• {label}" for label in labels)) if labels else ""


# -- the timeline ------------------------------------------------------------------------------

_TIMELINES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def timeline_data(content):
    """The content's `TimelineData` (read once per content database)."""
    from desktop.core.timeline.data import TimelineData

    try:
        data = _TIMELINES.get(content)
    except TypeError:  # not weak-referenceable: no cache
        return TimelineData.from_content(content)
    if data is None:
        data = TimelineData.from_content(content)
        _TIMELINES[content] = data
    return data


def timeline_strip(data, here: tuple[float, float], label: str,
                   event_id: str | None = None) -> TimelineStrip:
    """The strip of the whole timeline with `here` marked (an event's date or an era's span)."""
    start, end = data.extent()
    start = float(int(start))
    eras = tuple((era.name, *data.era_span(era)) for era in data.eras)
    ticks = tuple(e.start_year for e in data.events)
    neighbours: tuple[float, ...] = ()
    if event_id is not None:
        index = data.index_of(event_id)
        neighbours = tuple(data.events[i].start_year for i in (index - 1, index + 1)
                           if 0 <= i < len(data.events))
    return TimelineStrip(start, end, eras, ticks, here, label, neighbours)


def _event_slide(content, event_id: str) -> SlideContent:
    from desktop.core.timeline.data import DRUG_LABELS, date_label

    data = timeline_data(content)
    event = data.event(event_id) or content.event(event_id)
    if event is None:
        raise KeyError(event_id)
    body = plain(event.body)
    lines = lead_lines(body)
    if event.disputed:
        first = sentences(plain(event.dispute_note))[:1] if event.dispute_note else []
        short = first and len(first[0].split()) <= 14
        lines = (*lines, f"Disputed: {first[0]}" if short else
                 "Disputed: the sources disagree.")
    era = data.era_of(event)
    context = [data.lane_label(event.lane)] + ([era.name] if era else [])
    if event.drugs:
        context.append(", ".join(DRUG_LABELS.get(d, d) for d in event.drugs))
    sources = _source_labels(content, event.sources)
    notes = _notes(
        f"{date_label(event)}: {plain(event.headline)}",
        body,
        f"Disputed: {plain(event.dispute_note)}" if event.disputed and event.dispute_note
        else "",
        " · ".join(context),
        _sources_note(sources))
    date = date_label(event)
    strip = timeline_strip(data, (event.start_year, max(event.end_year, event.start_year)),
                           date, event.id)
    return SlideContent("event", plain(event.headline), kicker=data.lane_label(event.lane),
                        body=" ".join(lines), date=date, lines=lines, sources=sources,
                        source_label=_short_source(content, event.sources), notes=notes,
                        drawing=strip)


def era_events(content, era) -> list:
    """The events inside an era, in date order (an open era runs to the last event)."""
    data = timeline_data(content)
    start, end = data.era_span(era)
    return [e for e in data.events if start <= e.start_year < end]


def era_highlights(content, era, count: int) -> list:
    """`count` events spread over the whole era: the era is cut into `count` equal spans of
    time and each gives its most cited event (questions and notes citing it), so an overview
    of 2010-2020 lists events from the whole decade, and the ones taught most."""
    data = timeline_data(content)
    events = era_events(content, era)
    if len(events) <= count:
        return events
    start, end = data.era_span(era)
    end = max(end, events[-1].start_year + 1e-6)
    width = (end - start) / count
    chosen = []
    for i in range(count):
        low, high = start + i * width, start + (i + 1) * width
        bucket = [e for e in events if low <= e.start_year < high and e not in chosen]
        if bucket:
            chosen.append(max(bucket, key=lambda e: (data.priority.get(e.id, 0),
                                                     -events.index(e))))
    for event in spread(events, count):  # empty spans of time: fill from the whole era
        if len(chosen) >= count:
            break
        if event not in chosen:
            chosen.append(event)
    return sorted(chosen, key=events.index)


def _era_slide(content, era_id: str) -> SlideContent:
    from desktop.core.timeline.data import date_label

    data = timeline_data(content)
    era = next((e for e in data.eras if e.id == era_id), None)
    if era is None:
        raise KeyError(era_id)
    start = format_partial_date(parse_partial_date(era.start))
    end = format_partial_date(parse_partial_date(era.end)) if era.end else "today"
    events = era_events(content, era)
    shown = era_highlights(content, era, ERA_OVERVIEW_EVENTS)
    items = tuple((date_label(e), plain(e.headline)) for e in shown)
    description = plain(era.description)
    sources = _source_labels(content, era.sources)
    every = "\n".join(f"• {date_label(e)}: {plain(e.headline)}" for e in events)
    notes = _notes(description,
                   f"{len(events)} events in this era" + (f":\n{every}" if every else "."),
                   _sources_note(sources))
    span = data.era_span(era)
    return SlideContent("era", plain(era.name), kicker="Era", date=f"{start} – {end}",
                        body=description, lines=tuple(sentences(description)[:2]),
                        items=items, sources=sources,
                        source_label=_short_source(content, era.sources), notes=notes,
                        drawing=timeline_strip(data, span, f"{start} – {end}"))


# -- questions, terms, mechanism ---------------------------------------------------------------


def question_content(content, question, number: int | None = None) -> SlideContent:
    """A question slide: options lettered A-E in the authored order (pairs for matching)."""
    kicker = f"Question {number}" if number else "Question"
    from desktop.core.quiz.recall_text import display_stem  # cloze gaps as [1 …]

    stem = plain(display_stem(question))
    explanation = plain(question.explanation)
    correct: tuple[str, ...] = ()
    options: tuple[tuple[str, str], ...] = ()
    body = ""
    rationales: list[str] = []
    if question.type == "matching":
        rights = sorted(plain(p.right) for p in question.pairs)
        options = tuple((LETTERS[i], plain(p.left)) for i, p in enumerate(question.pairs))
        body = "Match each with one of: " + " · ".join(rights)
        answer = "\n".join(f"{plain(p.left)} → {plain(p.right)}" for p in question.pairs)
        rationales = [f"{plain(p.left)} → {plain(p.right)}: {plain(p.rationale)}"
                      for p in question.pairs if p.rationale]
    elif question.type in ("year", "typed", "cloze"):  # the class calls the answer out
        answer = "Answer: " + ", ".join(question.answer)
    else:
        options = tuple((LETTERS[i], plain(o.text)) for i, o in enumerate(question.options))
        letter_of = {o.key: LETTERS[i] for i, o in enumerate(question.options)}
        if question.type == "ordering":
            correct = tuple(letter_of[k] for k in question.answer if k in letter_of)
            answer = "Correct order: " + " → ".join(correct)
        else:
            correct = tuple(letter_of[o.key] for o in question.options if o.correct)
            answer = "Answer: " + ", ".join(
                f"{letter_of[o.key]}. {plain(o.text)}" for o in question.options if o.correct)
        rationales = [f"{letter_of[o.key]}{' (correct)' if o.correct else ''}: "
                      f"{plain(o.rationale)}" for o in question.options if o.rationale]
    sources = _source_labels(content, question.sources)
    notes = _notes(answer, explanation,
                   ("Why each option:\n" + "\n".join(f"• {r}" for r in rationales))
                   if rationales else "",
                   f"Objective: {plain(question.objective)}" if question.objective else "",
                   _sources_note(sources))
    return SlideContent(
        "question", stem, kicker=kicker, body=body, options=options, correct=correct,
        answer_text=answer, explanation=explanation, sources=sources,
        source_label=_short_source(content, question.sources), notes=notes,
        hidden_until_reveal=True,
        votable=question.type in ("single", "multi", "true_false"))


def _term_slide(content, term_id: str) -> SlideContent:
    term = content.term(term_id)
    if term is None:
        raise KeyError(term_id)
    # Synonyms and abbreviations often spell the answer out ("IKZF1" for Ikaros): they are
    # shown only with the answer, never above the prompt.
    seen = {term.term.casefold()}
    others = []
    for name in (*term.abbreviations, *term.synonyms):
        if name.casefold() not in seen:
            seen.add(name.casefold())
            others.append(plain(name))
    definition = plain(term.short_definition or term.definition)
    answer = definition + (f"\nAlso called: {', '.join(others[:4])}" if others else "")
    sources = _source_labels(content, term.sources)
    notes = _notes(f"Definition: {plain(term.definition)}",
                   f"Why it matters: {plain(term.relevance)}" if term.relevance else "",
                   f"Common error: {plain(term.common_error)}" if term.common_error else "",
                   f"Also called: {', '.join(others)}" if others else "",
                   _sources_note(sources))
    return SlideContent("term", plain(term.term), kicker="Define this term",
                        answer_text=answer, explanation=plain(term.relevance), sources=sources,
                        source_label=_short_source(content, term.sources), notes=notes,
                        hidden_until_reveal=True, figure=_figure_for_term(content, term.id))


def _step_slide(content, step_id: str) -> SlideContent:
    from desktop.core.mechanism.diagram import load_diagram

    diagram = load_diagram(content)
    steps = list(diagram.steps)
    step = next((s for s in steps if s.id == step_id), None)
    if step is None:
        raise KeyError(step_id)
    text = plain(step.text)
    sources = _source_labels(content, step.sources)
    parts = [diagram.node(n).label for n in step.nodes if diagram.node(n) is not None]
    notes = _notes(text, "Highlighted: " + ", ".join(parts) if parts else "",
                   _sources_note(sources))
    drawing = MechanismFigure(step.id, tuple(step.nodes), tuple(diagram.step_edges(step)))
    number = steps.index(step) + 1
    return SlideContent("step", plain(step.title),
                        kicker=f"Mechanism · step {number} of {len(steps)}", body=text,
                        lines=tuple(sentences(text)), sources=sources,
                        source_label=_short_source(content, step.sources), notes=notes,
                        drawing=drawing)


def slide_content(content, slide: SlideRef, number: int | None = None,
                  resolve: Callable[[str], object] | None = None) -> SlideContent:
    """What a slide shows. Raises KeyError when the record does not exist.

    `resolve(question_id)` finds questions that are not in the content database (generated
    ones, a teacher's imported sets); by default only the question bank is searched.
    """
    if slide.kind == "event":
        return _event_slide(content, slide.item_id)
    if slide.kind == "era":
        return _era_slide(content, slide.item_id)
    if slide.kind == "question":
        question = (resolve or content.question)(slide.item_id)
        if question is None:
            raise KeyError(slide)
        return question_content(content, question, number)
    if slide.kind == "term":
        return _term_slide(content, slide.item_id)
    if slide.kind == "step":
        return _step_slide(content, slide.item_id)
    raise KeyError(slide)


def question_numbers(slides: Sequence[SlideRef]) -> dict[int, int]:
    """Slide index -> question number (1, 2, ...) for the question slides of a sequence."""
    numbers, count = {}, 0
    for index, slide in enumerate(slides):
        if slide.kind == "question":
            count += 1
            numbers[index] = count
    return numbers


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
