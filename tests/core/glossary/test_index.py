"""Forgiving glossary lookup over the bundled glossary."""

from __future__ import annotations

import pytest

from desktop.core.glossary.index import GlossaryIndex


@pytest.fixture(scope="module")
def index(bundled_atlas):
    return GlossaryIndex(bundled_atlas.content.terms())


def first(index, query, **kwargs):
    hits = index.lookup(query, **kwargs)
    return hits[0].term_id if hits else None


def test_all_terms_alphabetical_when_empty(index, bundled_atlas):
    hits = index.lookup("")
    assert len(hits) == len(index) == len(bundled_atlas.content.terms())
    assert len(hits) >= 200
    names = [index.term(h.term_id).term.casefold() for h in hits]
    assert names[:3] == sorted(names)[:3]


@pytest.mark.parametrize("query, term_id", [
    ("Aiolos", "ikzf3"), ("aiolos", "ikzf3"), ("CRBN", "cereblon"), ("crbn", "cereblon"),
    ("casein kinase", "ck1-alpha"), ("CK1a", "ck1-alpha"), ("CK1alpha", "ck1-alpha"),
    ("ck1α", "ck1-alpha"), ("TNF-alpha", "tnf-alpha"), ("tnfa", "tnf-alpha"),
    ("IL2", "il-2"), ("il 2", "il-2"), ("NF-kB", "nf-kappa-b"), ("Tcell", "t-cell"),
    ("Grunenthal", "chemie-grunenthal"), ("GRÜNENTHAL", "chemie-grunenthal"),
    ("ceribon", "cereblon"), ("lenalidomid", "lenalidomide"), ("pomalidomde", "pomalidomide"),
    ("thalidomde", "thalidomide"), ("cereb", "cereblon"), ("Revlimid", "lenalidomide"),
])
def test_forgiving_lookup_puts_the_right_term_first(index, query, term_id):
    assert first(index, query) == term_id


def test_exact_beats_prefix_beats_fuzzy(index):
    hits = index.lookup("CRBN")
    assert hits[0].how == "exact"
    assert {"crl4-crbn", "crbn-knockout"} <= {h.term_id for h in hits[1:]}
    assert all(h.score < hits[0].score for h in hits[1:])
    typo = index.lookup("ceribon")
    assert typo[0].how == "fuzzy" and typo[0].term_id == "cereblon"


def test_prefix_as_you_type(index):
    for typed in ("ce", "cer", "cere", "cereb", "cerebl"):
        assert "cereblon" in [h.term_id for h in index.lookup(typed)[:8]], typed


def test_category_filter(index):
    hits = index.lookup("", category="history")
    assert hits and all(index.term(h.term_id).category == "history" for h in hits)
    assert first(index, "CRBN", category="history") != "cereblon"
    assert "phocomelia" in index.all("safety")


def test_definition_words_find_terms_last(index):
    hits = index.lookup("scaffold")
    assert "cullin-4" in [h.term_id for h in hits]
    assert all(h.how in ("definition", "fuzzy") for h in hits)


def test_any_input_is_safe(index):
    for query in ('"', "*", "(", "AND OR", "x" * 5000, "🙂", "\x00", "  "):
        index.lookup(query)
