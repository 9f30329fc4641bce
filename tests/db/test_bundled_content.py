"""Invariants of the bundled knowledge base, so that later edits cannot silently break them."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from db.content_check import check_folder
from db.dates import parse_partial_date
from db.text import strip_markdown

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "content"
CORE_REFERENCES = {
    "medicalxpress-2011-cereblon-news", "zhu-2011-blood", "reske-2010-medoncol",
    "kumar-2005-ncpo", "castelli-2012-iit", "kulig-2023-cancers",
}
DRUGS = ["thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide"]


@pytest.fixture(scope="module")
def content(bundled_atlas):
    return bundled_atlas.content


def test_check_content_reports_nothing():
    assert [str(p) for p in check_folder(BUNDLED)] == []


def test_minimum_counts(content):
    counts = content.counts()
    assert counts["references"] >= 200
    assert counts["documents"] >= 5
    assert counts["events"] >= 120
    assert counts["eras"] >= 6
    assert counts["terms"] >= 210
    assert counts["questions"] >= 380  # issue 17: at least 380 authored questions
    by_type = content.question_counts("type")
    for qtype in ("multi", "true_false", "ordering", "matching"):
        assert by_type.get(qtype, 0) >= 20, (qtype, by_type)
    assert set(by_type) == {"single", "multi", "true_false", "ordering", "matching"}


def test_topic_and_difficulty_spread(content):
    topics = content.question_counts("topic")
    assert set(topics) == {"history", "mechanism", "clinical", "safety", "resistance",
                           "next-generation"}
    assert min(topics.values()) >= 25, topics
    # Issue 17: the mechanism, resistance and next-generation topics grew from 143 to 186.
    assert topics["mechanism"] + topics["resistance"] + topics["next-generation"] >= 185, topics
    # ... and the history, clinical and safety topics from 157 to at least 205.
    assert topics["history"] + topics["clinical"] + topics["safety"] >= 205, topics
    difficulty = content.question_counts("difficulty")
    total = sum(difficulty.values())
    assert set(difficulty) == {"recall", "understanding", "reasoning"}
    assert all(n / total >= 0.15 for n in difficulty.values()), difficulty


def test_every_item_cites_an_existing_reference(content):
    refs = {r.id for r in content.references()}
    for event in content.events():
        assert event.sources and set(event.sources) <= refs, event.id
    for term in content.terms():
        assert term.sources and set(term.sources) <= refs, term.id
    for question in content.questions():
        assert question.sources and set(question.sources) <= refs, question.id
    for document in content.documents():
        assert document.sources and set(document.sources) <= refs, document.id
        assert document.reference_id in refs
    for era in content.eras():
        assert era.sources and set(era.sources) <= refs, era.id
    for drug in content.drugs():
        for name, cell in drug.cells.items():
            assert cell.sources and set(cell.sources) <= refs, (drug.id, name)


def test_links_between_records_resolve(content):
    terms = {t.id for t in content.terms()}
    events = {e.id for e in content.events()}
    for term in content.terms():
        assert set(term.see_also) <= terms, term.id
    for event in content.events():
        assert set(event.terms) <= terms, event.id
    for question in content.questions():
        assert set(question.terms) <= terms and set(question.events) <= events, question.id
    for document in content.documents():
        assert set(document.terms) <= terms and set(document.events) <= events


def test_core_documents_have_study_notes_of_the_right_length(content):
    notes = {d.reference_id: d for d in content.documents()}
    expected = CORE_REFERENCES - {"zhu-2011-blood"}  # discussed in the news item's note
    assert expected <= set(notes)
    for ref_id in expected:
        note = notes[ref_id]
        words = len(re.findall(r"\w+", strip_markdown(note.body)))
        assert 400 <= words <= 900, (ref_id, words)
        assert "term:" in note.body and "event:" in note.body, ref_id
    news = notes["medicalxpress-2011-cereblon-news"].body
    assert "zhu-2011-blood" in news and "resistan" in news


def test_no_duplicate_headlines_terms_or_stems(content):
    def dupes(values):
        return [v for v, n in Counter(" ".join(v.lower().split()) for v in values).items()
                if n > 1]

    assert dupes(e.headline for e in content.events()) == []
    assert dupes(t.term for t in content.terms()) == []
    assert dupes(q.stem for q in content.questions()) == []
    # Two letters may share a title (McBride 1961 and Lenz 1962 both wrote "Thalidomide and
    # congenital abnormalities"), but not with the same author and year.
    assert dupes(f"{r.title} {r.first_author} {r.year}" for r in content.references()) == []


def test_timeline_dates_are_in_range_and_eras_cover_it(content):
    for event in content.events():
        start = parse_partial_date(event.date)
        assert 1953 <= start.year <= 2026, event.id
        if event.end_date:
            assert parse_partial_date(event.end_date).year <= 2026
        if event.disputed:
            assert event.dispute_note, event.id
    eras = content.eras()
    assert eras[0].start_year <= 1953.0
    for previous, following in zip(eras, eras[1:]):
        assert following.start_year <= previous.end_year + 0.01, (previous.id, following.id)
    assert eras[-1].end_year == 0.0 or eras[-1].end_year >= 2026
    lanes = Counter(e.lane for e in content.events())
    assert set(lanes) == {"history", "regulation", "mechanism", "clinical", "development"}
    assert min(lanes.values()) >= 8, lanes
    assert sum(e.disputed for e in content.events()) >= 3


def test_every_event_and_term_says_what_kind_it_is(content):
    """Generated questions rely on these: only events that happened take part in "which came
    first" items, and glossary distractors are terms of the answer's kind."""
    from db.content_format import EVENT_KINDS, NON_EVENT_KINDS, TERM_KINDS

    events = content.events()
    assert all(e.kind in EVENT_KINDS for e in events), [e.id for e in events if not e.kind]
    kinds = Counter(e.kind for e in events)
    assert kinds["discovery"] >= 20 and kinds["trial"] >= 15 and kinds["regulatory"] >= 15
    assert 0 < sum(kinds[k] for k in NON_EVENT_KINDS) < len(events) // 4
    terms = content.terms()
    assert all(t.kind in TERM_KINDS for t in terms), [t.id for t in terms if not t.kind]
    by_id = {t.id: t.kind for t in terms}
    assert {by_id[d] for d in DRUGS} == {"drug"}
    assert by_id["cereblon"] == by_id["ddb1"] == "ubiquitin-system"
    assert by_id["ikzf1"] == by_id["ck1-alpha"] == "substrate"


def test_every_question_is_answerable(content):
    for q in content.questions():
        assert q.explanation and q.objective, q.id
        if q.type == "single":
            assert sum(o.correct for o in q.options) == 1, q.id
        elif q.type == "multi":
            correct = sum(o.correct for o in q.options)
            assert 1 <= correct < len(q.options), q.id
        elif q.type == "true_false":
            assert [o.key for o in q.options] == ["true", "false"]
            assert sum(o.correct for o in q.options) == 1, q.id
        elif q.type == "ordering":
            assert sorted(q.answer) == sorted(o.key for o in q.options), q.id
        elif q.type == "matching":
            assert len(q.pairs) >= 3 and all(p.rationale for p in q.pairs), q.id
        for option in q.options:
            assert option.rationale.strip(), (q.id, option.key)


def test_misconception_distractors_are_tagged(content):
    tagged = sum(o.misconception for q in content.questions() for o in q.options)
    assert tagged >= 100
    for q in content.questions():
        for option in q.options:
            assert not (option.misconception and option.correct), q.id


def test_drug_comparison_is_complete(content):
    drugs = content.drugs()
    assert [d.id for d in drugs] == DRUGS
    for drug in drugs:
        assert len(drug.cells) == 9
        assert all(cell.text.strip() for cell in drug.cells.values()), drug.id
    assert "ck1-alpha" in next(d for d in drugs if d.id == "lenalidomide").neosubstrate_terms


def test_references_are_complete(content):
    refs = {r.id: r for r in content.references()}
    assert set(refs) >= CORE_REFERENCES
    kinds = Counter(r.kind for r in refs.values())
    assert {"review", "primary-research", "trial", "regulatory", "news"} <= set(kinds)
    for ref in refs.values():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", ref.summary) if s.strip()]
        assert 2 <= len(sentences) <= 4, (ref.id, len(sentences))
        assert ref.year
        # Authors are never guessed: a reference without them says why in its note.
        assert ref.authors or "could not be confirmed" in ref.note, ref.id
        if ref.kind in ("review", "primary-research", "trial"):
            assert ref.journal, ref.id
        if ref.kind in ("regulatory", "news"):
            assert ref.url or ref.doi, ref.id
    assert refs["zhu-2011-blood"].volume == "118" and refs["zhu-2011-blood"].pages == "4771-4779"
    assert "inverts" in refs["medicalxpress-2011-cereblon-news"].note or \
        "reverse" in refs["medicalxpress-2011-cereblon-news"].note


def test_content_is_as_of_november_2026(content):
    assert content.meta["content_as_of"] == "2026-11"
