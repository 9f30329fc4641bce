"""The term linker on tricky cases: overlaps, abbreviations inside words, Greek letters,
hyphenated and plural forms, existing links and code, HTML special characters."""

from __future__ import annotations

import re

import pytest

from db.records import Option, Question, Term
from desktop.core.glossary.linker import SKIP_ALL, TermLinker, spoiler_terms


def term(term_id, name, abbreviations=(), synonyms=(), short=""):
    return Term(id=term_id, term=name, category="molecular-biology",
                definition=short or f"About {name}.", short_definition=short or f"About {name}.",
                relevance="", abbreviations=tuple(abbreviations), synonyms=tuple(synonyms))


TERMS = [
    term("cereblon", "Cereblon", ["CRBN"], short="The protein the IMiDs bind."),
    term("crl4-crbn", "CRL4-CRBN", synonyms=["CRL4^CRBN", "cereblon E3 ligase"]),
    term("il-2", "IL-2", ["IL-2"], ["interleukin-2", "IL2"]),
    term("il-20", "IL-20"),
    term("complete-response", "Complete response", ["CR"], ["CR rate"]),
    term("stringent-cr", "Stringent complete response", ["sCR"]),
    term("tnf-alpha", "TNF-α", ["TNF-α"], ["TNF", "tumour necrosis factor alpha"]),
    term("ck1-alpha", "CK1α", synonyms=["casein kinase 1 alpha"]),
    term("nf-kappa-b", "NF-κB"),
    term("plasma-cell", "Plasma cell", synonyms=["plasmacyte"]),
    term("pcl", "Plasma cell leukaemia", ["PCL"], ["plasma cell leukemia"]),
    term("t-cell", "T cell", synonyms=["T lymphocyte"]),
    term("cd4", "CD4+ T cell", synonyms=["helper T cell"]),
    term("co-stimulation", "Co-stimulation"),
    term("imid", "IMiD", ["IMiD"], ["immunomodulatory drug"]),
    term("therapy", "Maintenance therapy", synonyms=["maintenance"]),
    term("pomalidomide", "Pomalidomide", synonyms=["CC-4047"]),
    term("carfilzomib", "Carfilzomib", synonyms=["PR-171"]),
    term("partial-response", "Partial response", ["PR"]),
    term("myeloma", "Multiple myeloma", ["MM"], ["myeloma"]),
    term("del17p", "del(17p)", synonyms=["17p deletion"]),
    term("vgpr", "Very good partial response", ["VGPR"], ["≥VGPR"]),
    term("grunenthal", "Chemie Grünenthal", synonyms=["Grünenthal"]),
    term("rash", "Rash"),
    term("enantiomer", "Enantiomer", synonyms=["S-enantiomer"]),
    term("rd", "Lenalidomide-dexamethasone", ["Rd"]),
    term("lenalidomide", "Lenalidomide"),
    term("dexamethasone", "Dexamethasone"),
    term("trust", "Thalidomide Trust", synonyms=["the Trust"]),
    term("induction", "Induction therapy", synonyms=["induction"]),
    term("regulatory-t-cell", "Regulatory T cell", ["Treg"]),
]


@pytest.fixture(scope="module")
def linker():
    return TermLinker(TERMS)


def found(linker, text):
    return [(m.text, m.term_id) for m in linker.find(text)]


def links(html):
    """(text, id) of every glossary link the linker made."""
    return re.findall(r'<a class="term" href="term:([^"]+)" title="[^"]*">([^<]*)</a>', html)


def test_whole_words_only_short_abbreviations_stay_exact(linker):
    assert found(linker, "IL-2, IL-20 and IL2") == [
        ("IL-2", "il-2"), ("IL-20", "il-20"), ("IL2", "il-2")]
    assert found(linker, "CRBN is not CR; sCR is stringent, cr is nothing") == [
        ("CRBN", "cereblon"), ("CR", "complete-response"), ("sCR", "stringent-cr")]
    assert found(linker, "MICRO CRAB DISCRETE") == []
    # A code (PR-104, MM-003) is not the abbreviation; a listed code is its own term.
    assert found(linker, "PR-104 and PR-171 and PR") == [
        ("PR-171", "carfilzomib"), ("PR", "partial-response")]
    assert found(linker, "the MM-003 trial in MM") == [("MM", "myeloma")]


def test_longest_match_first_and_overlaps(linker):
    assert found(linker, "plasma cell leukaemia and plasma cells") == [
        ("plasma cell leukaemia", "pcl"), ("plasma cells", "plasma-cell")]
    assert found(linker, "TNF-α or TNF") == [("TNF-α", "tnf-alpha"), ("TNF", "tnf-alpha")]
    assert found(linker, "the cereblon E3 ligase") == [("cereblon E3 ligase", "crl4-crbn")]
    assert found(linker, "lenalidomide-dexamethasone (Rd), then dexamethasone") == [
        ("lenalidomide-dexamethasone", "rd"), ("Rd", "rd"), ("dexamethasone", "dexamethasone")]
    assert found(linker, "CD4+ T cells help") == [("CD4+ T cells", "cd4")]


def test_greek_letters_in_every_spelling(linker):
    assert found(linker, "TNF-alpha, TNFα, tumour necrosis factor alpha") == [
        ("TNF-alpha", "tnf-alpha"), ("TNFα", "tnf-alpha"),
        ("tumour necrosis factor alpha", "tnf-alpha")]
    assert found(linker, "CK1α, CK1alpha, CK1a and casein kinase 1 alpha") == [
        ("CK1α", "ck1-alpha"), ("CK1alpha", "ck1-alpha"), ("CK1a", "ck1-alpha"),
        ("casein kinase 1 alpha", "ck1-alpha")]
    assert found(linker, "NF-κB and NF-kappaB and NF-kB") == [
        ("NF-κB", "nf-kappa-b"), ("NF-kappaB", "nf-kappa-b"), ("NF-kB", "nf-kappa-b")]


def test_hyphenated_solid_and_plural_forms(linker):
    assert found(linker, "T-cell, T cell, T cells; t cell is not one") == [
        ("T-cell", "t-cell"), ("T cell", "t-cell"), ("T cells", "t-cell")]
    assert found(linker, "co-stimulation, costimulation, co stimulation") == [
        ("co-stimulation", "co-stimulation"), ("costimulation", "co-stimulation"),
        ("co stimulation", "co-stimulation")]
    assert found(linker, "IMiDs, Rashes, rash, therapies") == [
        ("IMiDs", "imid"), ("Rashes", "rash"), ("rash", "rash")]
    assert found(linker, "Maintenance therapies") == [("Maintenance therapies", "therapy")]


def test_case_rules(linker):
    assert found(linker, "Cereblon, cereblon, CEREBLON") == [
        ("Cereblon", "cereblon"), ("cereblon", "cereblon"), ("CEREBLON", "cereblon")]
    assert found(linker, "regulatory T cells, Regulatory T cell") == [
        ("regulatory T cells", "regulatory-t-cell"), ("Regulatory T cell", "regulatory-t-cell")]
    assert found(linker, "imid, Imid") == []
    # "Thalidomide's enantiomers" is not the S-enantiomer.
    assert found(linker, "Thalidomide's enantiomers and the S-enantiomer") == [
        ("enantiomers", "enantiomer"), ("S-enantiomer", "enantiomer")]


def test_diacritics_and_special_characters(linker):
    assert found(linker, "Grünenthal, Grunenthal, Chemie Grünenthal") == [
        ("Grünenthal", "grunenthal"), ("Grunenthal", "grunenthal"),
        ("Chemie Grünenthal", "grunenthal")]
    assert found(linker, "del(17p), ≥VGPR, VGPR") == [
        ("del(17p)", "del17p"), ("≥VGPR", "vgpr"), ("VGPR", "vgpr")]
    assert found(linker, "CRL4^CRBN") == [("CRL4^CRBN", "crl4-crbn")]


def test_generic_names_are_not_linked(linker):
    assert found(linker, "the Trust, induction of IL-2") == [("IL-2", "il-2")]
    assert found(linker, "Thalidomide Trust") == [("Thalidomide Trust", "trust")]


def test_html_first_occurrence_per_section(linker):
    html = ("<h2>Cereblon and CRBN</h2><p>Cereblon binds. CRBN again, cereblon again.</p>"
            "<ul><li>IL-2 rises</li><li>IL-2 again</li></ul>"
            "<h3>Later</h3><p>cereblon in a new section</p><hr><p>CRBN after a rule</p>")
    out = linker.link_html(html)
    assert links(out) == [("cereblon", "Cereblon"), ("il-2", "IL-2"),
                          ("cereblon", "cereblon"), ("cereblon", "CRBN")]
    assert "<h2>Cereblon and CRBN</h2>" in out  # headings stay plain
    assert 'title="The protein the IMiDs bind."' in out


def test_never_inside_links_code_or_pre(linker):
    html = ('<p><a href="ref:x">Cereblon paper</a> <code>CRBN</code> '
            '<a href="term:il-2">interleukin-2</a> IL-2 and cereblon</p>'
            "<pre>TNF-α in code</pre><p>TNF <code>IL-2</code></p>")
    out = linker.link_html(html)
    # An author's own term link counts as that term's first occurrence.
    assert links(out) == [("cereblon", "cereblon"), ("tnf-alpha", "TNF")]
    assert '<a href="ref:x">Cereblon paper</a>' in out
    assert "<pre>TNF-α in code</pre>" in out
    assert "<code>IL-2</code>" in out and "<code>CRBN</code>" in out


def test_html_entities_and_special_characters(linker):
    html = ('<p title="a &gt; b">R&amp;D on TNF-&alpha; &lt;CRBN&gt; &quot;CR&quot;'
            " &nbsp;plasma&nbsp;cell</p>")
    out = linker.link_html(html)
    assert links(out) == [("tnf-alpha", "TNF-α"), ("cereblon", "CRBN"),
                          ("complete-response", "CR"), ("plasma-cell", "plasma\xa0cell")]
    assert out.startswith('<p title="a &gt; b">R&amp;D on ')
    assert "&lt;" in out and "&gt;" in out  # the text stays escaped
    assert "<CRBN>" not in out


def test_titles_are_escaped():
    tricky = [term("x", "Xenolith", short='Has "quotes" & <tags>')]
    out = TermLinker(tricky).link_html("<p>xenolith</p>")
    assert 'title="Has &quot;quotes&quot; &amp; &lt;tags&gt;"' in out


def test_skip_and_skip_all(linker):
    html = "<p>Cereblon degrades IKZF1; IL-2 rises.</p>"
    assert links(linker.link_html(html, skip=("cereblon",))) == [("il-2", "IL-2")]
    assert linker.link_html(html, skip=(SKIP_ALL,)) == html
    assert linker.link_html("") == ""


def test_unbalanced_or_self_closing_markup_is_safe(linker):
    out = linker.link_html("<p>a</code> cereblon<br/> <a name='x'/> IL-2</p>")
    assert links(out) == [("cereblon", "cereblon"), ("il-2", "IL-2")]


def test_plain_text_mentions(linker):
    assert linker.mentions("Lenalidomide binds cereblon and raises IL-2.") == {
        "lenalidomide", "cereblon", "il-2"}
    # Linking takes the longest name; "Used in" also counts the names inside it.
    assert linker.mentions("the cereblon E3 ligase") == {"crl4-crbn"}
    assert linker.mentions("the cereblon E3 ligase", nested=True) == {"crl4-crbn", "cereblon"}


def test_spoiler_terms_cover_answers_and_hinting_definitions():
    terms = TERMS + [term("ikzf1", "IKZF1", synonyms=["Ikaros"],
                          short="Degraded when lenalidomide binds Cereblon.")]
    linker = TermLinker(terms)
    question = Question(
        id="q", type="single", topic="mechanism", difficulty="recall",
        stem="Which protein does lenalidomide bind?", explanation="", objective="",
        options=(Option("a", "Cereblon", "", correct=True), Option("b", "IL-2", "")),
        terms=("lenalidomide",))
    skip = spoiler_terms(question, linker)
    assert {"cereblon", "il-2", "lenalidomide", "ikzf1"} <= set(skip)
    stem = linker.link_html("<p>Which protein does lenalidomide bind? Ikaros? T cell?</p>",
                            skip)
    assert links(stem) == [("t-cell", "T cell")]


def test_linking_bundled_content_is_fast_enough(bundled_atlas):
    import time

    linker = TermLinker(bundled_atlas.content.terms())
    assert linker.name_count > 1000
    from desktop.core.render import render_markdown

    html = "".join(render_markdown(d.body) for d in bundled_atlas.content.documents())
    start = time.perf_counter()
    out = linker.link_html(html)
    elapsed = time.perf_counter() - start
    assert out.count('class="term"') > 50
    assert elapsed < 0.5  # a generous bound; bench/linker.py measures the real target
