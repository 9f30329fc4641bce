"""Building a lesson quickly (Qt-free): every slide a lesson can hold as a searchable
candidate, filters by kind, topic, era and drug, a plain-text preview of the whole record,
and a suggested lesson per era and per topic to start from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.content_format import TOPICS
from db.text import fold
from desktop.core.presenter.slides import (
    KIND_LABELS,
    SlideRef,
    era_events,
    era_highlights,
    mechanism_steps,
    plain,
    slide_content,
    spread,
    timeline_data,
)

#: Candidate kinds, in the order the filter lists them.
CANDIDATE_KINDS = {
    "story": "Timeline stories (an era's events)",
    "event": "Events",
    "era": "Era overviews",
    "question": "Questions",
    "term": "Terms",
    "step": "Mechanism steps",
    "mechanism": "The whole mechanism",
}
#: The topic a timeline lane or a glossary category belongs to (questions carry their own).
LANE_TOPICS = {"history": "history", "regulation": "safety", "mechanism": "mechanism",
               "clinical": "clinical", "development": "clinical"}
CATEGORY_TOPICS = {"molecular-biology": "mechanism", "immunology": "mechanism",
                   "pharmacology": "mechanism", "myeloma": "clinical", "treatment": "clinical",
                   "safety": "safety", "history": "history"}
#: What one candidate of each kind is called in the list.
CANDIDATE_NAMES = {"story": "Story", "event": "Event", "era": "Era overview",
                   "question": "Question", "term": "Term", "step": "Mechanism step",
                   "mechanism": "Mechanism"}
#: A story's highlights: this many events of the era, spread over it.
STORY_HIGHLIGHTS = 10
DRUGS = ("thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide")


@dataclass(frozen=True)
class Candidate:
    """Something a teacher can add to a lesson: one slide or a run of slides (a story)."""

    kind: str
    key: str                        # unique among candidates: "event:contergan-1957"
    title: str
    detail: str                     # date, topic or category, shown beside the title
    slides: tuple[SlideRef, ...]
    topics: frozenset[str] = frozenset()
    eras: frozenset[str] = frozenset()
    drugs: frozenset[str] = frozenset()
    words: str = ""                 # folded text searched by the filter

    @property
    def label(self) -> str:
        return f"{self.title} ({self.detail})" if self.detail else self.title


def _fold(text: str) -> str:
    """`db.text.fold`, quick for plain ASCII text (most of it)."""
    return text.casefold() if text.isascii() else fold(text)


def _drugs_in(text: str) -> frozenset[str]:
    folded = _fold(text)
    return frozenset(d for d in DRUGS if d in folded)


def lesson_candidates(content) -> list[Candidate]:
    """Everything a lesson can hold: era stories, events, eras, questions, terms, the
    mechanism steps and the whole mechanism, with what the filters need."""
    from desktop.core.timeline.data import date_label

    data = timeline_data(content)
    out: list[Candidate] = []
    era_of_event = {}
    for era in data.eras:
        events = era_events(content, era)
        for event in events:
            era_of_event[event.id] = era.id
        story = (SlideRef("era", era.id), *(SlideRef("event", e.id) for e in events))
        highlights = (SlideRef("era", era.id), *(
            SlideRef("event", e.id) for e in era_highlights(content, era, STORY_HIGHLIGHTS)))
        years = f"{era.start[:4]}–{era.end[:4] if era.end else 'today'}"
        topics = frozenset(LANE_TOPICS.get(e.lane, "history") for e in events)
        drugs = frozenset().union(*(frozenset(e.drugs) for e in events)) & frozenset(DRUGS)
        text = " ".join([era.name, era.description] + [e.headline for e in events])
        if len(highlights) < len(story):
            out.append(Candidate("story", f"story:{era.id}:highlights", plain(era.name),
                                 f"{years}, highlights: {len(highlights)} slides", highlights,
                                 topics, frozenset({era.id}), drugs, _fold(text)))
        out.append(Candidate("story", f"story:{era.id}", plain(era.name),
                             f"{years}, every event: {len(story)} slides", story, topics,
                             frozenset({era.id}), drugs, _fold(text)))
        out.append(Candidate("era", f"era:{era.id}", plain(era.name), years,
                             (SlideRef("era", era.id),), topics, frozenset({era.id}), drugs,
                             _fold(f"{era.name} {era.description}")))
    for event in data.events:
        era_id = era_of_event.get(event.id)
        out.append(Candidate(
            "event", f"event:{event.id}", plain(event.headline), date_label(event),
            (SlideRef("event", event.id),), frozenset({LANE_TOPICS.get(event.lane, "history")}),
            frozenset({era_id}) if era_id else frozenset(),
            frozenset(event.drugs) & frozenset(DRUGS) | _drugs_in(event.headline),
            _fold(f"{event.headline} {event.body} {event.display_date}")))
    question_topics_of_term: dict[str, set[str]] = {}
    for question in content.questions():
        eras = frozenset(era_of_event[e] for e in question.events if e in era_of_event)
        options = " ".join(o.text for o in question.options)
        pairs = " ".join(f"{p.left} {p.right}" for p in question.pairs)
        text = f"{question.stem} {options} {pairs}"
        for term_id in question.terms:
            question_topics_of_term.setdefault(term_id, set()).add(question.topic)
        out.append(Candidate(
            "question", f"question:{question.id}", plain(question.stem),
            TOPICS.get(question.topic, question.topic), (SlideRef("question", question.id),),
            frozenset({question.topic}), eras,
            _drugs_in(text) | (frozenset(question.terms) & frozenset(DRUGS)),
            _fold(f"{text} {question.explanation} {question.id}")))
    for term in content.terms():
        topics = {CATEGORY_TOPICS.get(term.category, "mechanism")}
        text = f"{term.term} {' '.join(term.names)} {term.definition}"
        drugs = (frozenset({term.id}) & frozenset(DRUGS)) | _drugs_in(
            f"{term.term} {term.definition}")
        out.append(Candidate(
            "term", f"term:{term.id}", plain(term.term), _category_label(term.category),
            (SlideRef("term", term.id),), frozenset(topics), frozenset(), drugs,
            _fold(f"{text} {term.relevance}")))
    steps = mechanism_steps(content)
    step_records = {s["id"]: s for s in content.diagram("step")}
    for number, ref in enumerate(steps, 1):
        step = step_records[ref.item_id]
        topics = {"mechanism"} | ({"resistance"} if "resist" in step["id"] else set())
        out.append(Candidate(
            "step", f"step:{ref.item_id}", plain(step["title"]), f"step {number}",
            (ref,), frozenset(topics), frozenset({"era-cereblon"}),
            _drugs_in(step["text"]), _fold(f"{step['title']} {step['text']}")))
    if steps:
        out.append(Candidate(
            "mechanism", "mechanism", "The mechanism, step by step",
            f"{len(steps)} slides", tuple(steps), frozenset({"mechanism", "resistance"}),
            frozenset({"era-cereblon"}), frozenset(DRUGS),
            fold("mechanism cereblon crl4 ligase neosubstrate step by step diagram")))
    return out


def _category_label(category: str) -> str:
    from db.content_format import TERM_CATEGORIES

    return TERM_CATEGORIES.get(category, category)


def filter_candidates(candidates: Iterable[Candidate], text: str = "",
                      kind: str | None = None, topic: str | None = None,
                      era: str | None = None, drug: str | None = None) -> list[Candidate]:
    """The candidates matching every given filter; `text` matches all its words, in any
    order, in the record's title and text (accents and case ignored); records with the
    words in their title come first."""
    needles = _fold(text).split()
    found = [c for c in candidates
             if (kind is None or c.kind == kind)
             and (topic is None or topic in c.topics)
             and (era is None or era in c.eras)
             and (drug is None or drug in c.drugs)
             and all(n in c.words or n in _fold(c.title) for n in needles)]
    if needles:  # the records whose title has the words first, then the others
        found.sort(key=lambda c: not all(n in _fold(c.title) for n in needles))
    return found


def preview_text(content, candidate: Candidate, resolve=None) -> str:
    """The whole record behind a candidate as plain text (what the slide shows, then the
    speaker notes: the full text, the answer and rationales, the sources)."""
    parts = [f"{CANDIDATE_KINDS.get(candidate.kind, candidate.kind)}: {candidate.title}"]
    if len(candidate.slides) > 1:
        parts.append(f"Adds {len(candidate.slides)} slides:")
        numbers = 0
        for ref in candidate.slides:
            try:
                item = slide_content(content, ref, resolve=resolve)
            except KeyError:
                continue
            numbers += 1
            date = f"{item.date}: " if item.date else ""
            parts.append(f"{numbers}. {KIND_LABELS.get(ref.kind, ref.kind)} · {date}{item.title}")
        return "\n".join(parts)
    try:
        item = slide_content(content, candidate.slides[0], resolve=resolve)
    except KeyError:
        return parts[0] + "\n\n(This record is not in the content.)"
    head = [item.kicker, item.date, item.title]
    body = [" ".join(item.lines) if item.lines else item.body]
    body += [f"{letter}. {text}" for letter, text in item.options]
    if item.items:
        body += [f"{date}: {text}" for date, text in item.items]
    return "\n\n".join(p for p in ["\n".join(h for h in head if h), "\n".join(b for b in body
                                                                            if b),
                                   "Speaker notes\n" + item.notes] if p.strip())


# -- suggested lessons -------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A ready-made lesson to start from."""

    key: str
    name: str
    slides: tuple[SlideRef, ...]


def _choice_first(questions: Sequence) -> list:
    """Questions the class can vote on first (single, multi, true/false), then the rest."""
    votable = [q for q in questions if q.type in ("single", "multi", "true_false")]
    return votable + [q for q in questions if q not in votable]


def _terms_of(content, term_ids: Iterable[str], count: int) -> list[SlideRef]:
    seen, out = set(), []
    for term_id in term_ids:
        if term_id in seen or content.term(term_id) is None:
            continue
        seen.add(term_id)
        out.append(SlideRef("term", term_id))
        if len(out) == count:
            break
    return out


def suggested_lessons(content, events_per_era: int = 8, questions: int = 3,
                      terms: int = 2) -> list[Suggestion]:
    """One lesson per era (its overview, events spread over it, questions on those events,
    terms they use) and one per question topic (its events or the mechanism, questions,
    terms). Chosen the same way every time, so colleagues start from the same lesson."""
    from collections import Counter

    out: list[Suggestion] = []
    data = timeline_data(content)
    bank = content.questions()
    for era in data.eras:
        events = era_events(content, era)
        if not events:
            continue
        chosen = era_highlights(content, era, events_per_era)
        ids = {e.id for e in events}
        asked = _choice_first([q for q in bank if ids & set(q.events)])
        term_counts = Counter(t for e in chosen for t in e.terms)
        slides = [SlideRef("era", era.id), *(SlideRef("event", e.id) for e in chosen)]
        slides += _terms_of(content, [t for t, _ in term_counts.most_common()], terms)
        slides += [SlideRef("question", q.id) for q in spread(asked, questions)]
        out.append(Suggestion(f"era:{era.id}", f"Era: {plain(era.name)}", tuple(slides)))
    for topic, label in TOPICS.items():
        asked = _choice_first([q for q in bank if q.topic == topic])
        if not asked:
            continue
        if topic == "mechanism":
            opening = mechanism_steps(content)
        else:
            lanes = {lane for lane, t in LANE_TOPICS.items() if t == topic}
            opening = [SlideRef("event", e.id)
                       for e in spread([e for e in data.events if e.lane in lanes], 6)]
        term_counts = Counter(t for q in asked for t in q.terms)
        slides = list(opening)
        slides += _terms_of(content, [t for t, _ in term_counts.most_common()], terms + 1)
        slides += [SlideRef("question", q.id) for q in spread(asked, questions + 2)]
        out.append(Suggestion(f"topic:{topic}", f"Topic: {label}", tuple(slides)))
    return out
