"""Search: stemming, prefixes, Greek spellings, typo tolerance, and safety for any input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.library.search import SearchEngine, match_expression


@pytest.fixture
def engine(atlas):
    return SearchEngine(atlas.content.conn)


def ids(results):
    return [(h.kind, h.item_id) for h in results.hits]


def test_prefix_and_stemming(engine):
    found = ids(engine.search("degrad"))
    assert ("term", "ikzf1") in found  # "degrade" in its definition
    assert ("event", "ikaros-degradation-2014") in found  # "degradation" in its headline


@pytest.mark.parametrize("query", ["CK1α", "CK1a", "CK1alpha", "ck1-alpha", "casein kinase"])
def test_greek_spellings_find_the_same_term(engine, query):
    assert ids(engine.search(query))[0] == ("term", "ck1-alpha")


def test_abbreviation_ranks_its_term_first(engine):
    assert ids(engine.search("CRBN"))[0] == ("term", "cereblon")


def test_diacritics_fold(engine):
    assert ("reference", "kronke-2014-science") in ids(engine.search("Kronke"))


def test_fuzzy_fallback_offers_did_you_mean(engine):
    results = engine.search("ceribon")
    assert results.fuzzy
    assert ids(results)[0] == ("term", "cereblon")


def test_kind_filter_and_limit(engine):
    results = engine.search("cereblon", kinds=["event"], limit=1)
    assert ids(results) == [("event", "cereblon-found-2010")]


def test_snippets_are_escaped_and_highlighted(engine):
    hit = engine.search("zinc").hits[0]
    assert "<mark>" in hit.snippet
    assert "<script" not in hit.snippet


@pytest.mark.parametrize("query", [
    '"', '""', "'", "*", "**", "(", ")", "())(", "AND", "OR", "NOT", "NEAR", "NEAR(a b)",
    "cereblon AND", "OR cereblon", "-", " - ", "^", "col:cereblon", "title:x", "{", "}",
    "🧪💊", "\x00", "a" * 10_000, "cereblon " * 2000, "\\", "%", "_", "'; DROP TABLE terms;--",
])
def test_operator_laden_input_never_raises(engine, query):
    results = engine.search(query)
    assert isinstance(results.hits, tuple)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_random_input_never_raises(engine, text):
    engine.search(text)
    expression = match_expression(text)
    assert expression is None or expression.count('"') % 2 == 0


def test_match_expression_quotes_every_word():
    assert match_expression('NOT "cereblon" OR (IKZF1)') == '"not" "cereblon" "or" "ikzf1"*'
    assert match_expression("T cell") == '"t" "cell"*'
    assert match_expression("IL 2") == '"il" "2"'  # no one-letter prefix
    assert match_expression("  -  ") is None


# -- ranking on the bundled content ------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled_engine(bundled_atlas):
    return SearchEngine(bundled_atlas.content.conn)


@pytest.mark.parametrize("query, first", [
    # A drug's own entry beats the hundreds of records that mention it.
    ("thalidomide", ("term", "thalidomide")),
    ("lenalidomide", ("term", "lenalidomide")),
    ("pomalidomide", ("term", "pomalidomide")),
    ("iberdomide", ("term", "iberdomide")),
    ("mezigdomide", ("term", "mezigdomide")),
    # Names, abbreviations and synonyms.
    ("cereblon", ("term", "cereblon")),
    ("CRBN", ("term", "cereblon")),
    ("Ikaros", ("term", "ikzf1")),
    ("Aiolos", ("term", "ikzf3")),
    ("IKZF1", ("term", "ikzf1")),
    ("SALL4", ("term", "sall4")),
    ("GSPT1", ("term", "gspt1")),
    ("REMS", ("term", "rems")),
    ("CELMoD", ("term", "celmod")),
    ("molecular glue", ("term", "molecular-glue")),
    ("neosubstrate", ("term", "neosubstrate")),
    ("venous thromboembolism", ("term", "venous-thromboembolism")),
    ("phocomelia", ("term", "phocomelia")),
    ("Frances Kelsey", ("term", "frances-kelsey")),
    # Greek letters and diacritics, every spelling.
    ("CK1α", ("term", "ck1-alpha")),
    ("CK1a", ("term", "ck1-alpha")),
    ("CK1alpha", ("term", "ck1-alpha")),
    ("TNF-α", ("term", "tnf-alpha")),
    ("TNF-alpha", ("term", "tnf-alpha")),
    ("TNF alpha", ("term", "tnf-alpha")),
    ("Grünenthal", ("term", "chemie-grunenthal")),
    ("Grunenthal", ("term", "chemie-grunenthal")),
    # Author and year find the paper.
    ("Ito 2010", ("reference", "ito-2010-science")),
    ("Zhu 2011", ("reference", "zhu-2011-blood")),
    ("Krönke", ("reference", "kronke-2014-science")),
    ("Kumar 2005", ("document", "note-kumar-2005")),
    # Typos fall back to "did you mean".
    ("ceribon", ("term", "cereblon")),
    ("lenalidomid", ("term", "lenalidomide")),
])
def test_ranking_puts_the_obvious_item_first(bundled_engine, query, first):
    hits = bundled_engine.search(query).hits
    assert hits, query
    assert (hits[0].kind, hits[0].item_id) == first, [(h.kind, h.item_id) for h in hits[:5]]


def test_stemming_and_prefixes_on_bundled_content(bundled_engine):
    found = {(h.kind, h.item_id) for h in bundled_engine.search("degrad", limit=100).hits}
    assert ("term", "targeted-protein-degradation") in found
    titles = " ".join(h.title.lower() for h in bundled_engine.search("degrades", limit=100).hits)
    assert "degradation" in titles


def test_misspelling_without_full_text_match_is_flagged_fuzzy(bundled_engine):
    results = bundled_engine.search("ceribon")
    assert results.fuzzy
    assert not bundled_engine.search("cereblon").fuzzy


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(['"', "*", "(", ")", "AND", "OR", "NOT", "NEAR", "-", "^",
                                 ":", "{", "}", "cereblon", "α", "🧪", " ", "NEAR(", "'",
                                 "title:", "\\", "%"]), max_size=30).map("".join))
def test_operator_soup_never_raises(bundled_engine, text):
    results = bundled_engine.search(text)
    assert isinstance(results.hits, tuple)


def test_imports_source_shares_safety(atlas):
    from desktop.core.library.imports import ImportSearchSource

    engine = SearchEngine(atlas.content.conn, [ImportSearchSource(atlas.user)])
    for query in ('"', "NEAR(", "a" * 10_000, "-", "🧪", "{title}:x", "OR AND NOT"):
        assert isinstance(engine.search(query).hits, tuple)


def test_passages_mark_words_even_with_accents():
    from desktop.core.library.search import (
        _ACCENTS,
        MARK_CLOSE,
        MARK_OPEN,
        passage,
        passage_pattern,
    )

    body = "Earlier work by Krönke and colleagues showed that lenalidomide degrades Ikaros."
    pattern = passage_pattern(["kronke", "degradation"])
    assert passage(body, pattern, folded=body.translate(_ACCENTS)).count(MARK_OPEN) == 2
    marked = passage(body, pattern, folded=body.translate(_ACCENTS))
    assert f"{MARK_OPEN}Krönke{MARK_CLOSE}" in marked
    assert f"{MARK_OPEN}degrades{MARK_CLOSE}" in marked
    assert passage("nothing relevant", pattern) is None
    long = "word " * 200 + "Krönke" + " word" * 200
    cut = passage(long, pattern, folded=long.translate(_ACCENTS))
    assert cut.startswith("…") and cut.endswith("…") and len(cut) < 200


@pytest.mark.parametrize("terms, shown", [
    (["ck1alpha"], "CK1α"), (["ck1a"], "CK1α"), (["kronke"], "Krönke"),
    (["grunenthal"], "GRÜNENTHAL"), (["tnf", "alpha"], "α"), (["degradation"], "degrades")])
def test_passages_find_greek_letters_and_accents_without_folding_the_text(terms, shown):
    """A passage is found in the text as written (no accent-folded copy of a long import
    is made first): the folded query words match Greek letters and accented letters."""
    from desktop.core.library.search import MARK_CLOSE, MARK_OPEN, passage, passage_pattern

    body = ("Lenalidomide degrades CK1α in del(5q) MDS, as Krönke showed; TNF-α falls. "
            "GRÜNENTHAL sold the drug.")
    assert f"{MARK_OPEN}{shown}{MARK_CLOSE}" in passage(body, passage_pattern(terms))
    assert passage("Nothing of the kind: ck1 alone, Kronk, Grun.",
                   passage_pattern(terms)) is None


@pytest.mark.parametrize("query", ['"AND OR (', "AND", "or not", "NEAR(", '"', "((", "- * -"])
def test_a_query_of_only_operators_finds_nothing_and_says_why(bundled_engine, query):
    results = bundled_engine.search(query)
    assert results.hits == ()
    assert results.note  # the popup shows it instead of twenty unrelated results
    words = query.strip('"( -*').split()
    if words:
        assert "AND, OR, NOT and NEAR" in results.note
    else:
        assert "punctuation alone" in results.note


def test_question_snippets_come_from_the_stem_only(bundled_atlas, bundled_engine):
    from desktop.core.library.search import FIELD_SEPARATOR

    content = bundled_atlas.content
    true_false = [q for q in content.questions() if q.type == "true_false"]
    for question in true_false[:12]:
        words = [w for w in question.stem.split() if len(w) > 7 and w.isalpha()]
        if not words:
            continue
        hits = [h for h in bundled_engine.search(words[0], kinds=("question",), limit=500).hits
                if h.item_id == question.id]
        assert hits, question.id
        snippet = hits[0].snippet.replace("<mark>", "").replace("</mark>", "")
        assert "True False" not in snippet and "True · False" not in snippet
        assert FIELD_SEPARATOR not in snippet  # one field: the stem
        for option in question.options:
            assert f" {option.rationale[:30]}" not in snippet if option.rationale else True
        assert question.explanation[:40] not in snippet


def test_a_question_matched_only_in_its_explanation_shows_no_snippet(bundled_atlas,
                                                                     bundled_engine):
    from db.text import strip_markdown

    for question in bundled_atlas.content.questions():
        stem = strip_markdown(question.stem).casefold()
        word = next((w for w in strip_markdown(question.explanation).split()
                     if len(w) > 9 and w.isalpha() and w.casefold()[:6] not in stem), None)
        if word is None:
            continue
        hits = [h for h in bundled_engine.search(word, kinds=("question",), limit=500).hits
                if h.item_id == question.id]
        if hits:
            assert hits[0].snippet == "", (question.id, word, hits[0].snippet)
            return
    pytest.fail("no question found by a word of its explanation alone")


def test_snippet_fields_are_separated(bundled_engine):
    from desktop.core.library.search import highlight_snippet

    assert highlight_snippet("First field.\n\nSecond \x02field\x03.") == \
        "First field. · Second <mark>field</mark>."
    hits = bundled_engine.search("thalidomide", kinds=("event",), limit=50).hits
    assert all("\n" not in h.snippet for h in hits)


def test_hidden_kinds_leave_a_note(bundled_engine):
    from desktop.core.library.search import without_kinds

    results = bundled_engine.search("cereblon", limit=100)
    assert any(h.kind == "question" for h in results.hits)
    hidden = without_kinds(results, ("question",), "Questions are hidden.")
    assert hidden.hits and all(h.kind != "question" for h in hidden.hits)
    assert hidden.note == "Questions are hidden."
