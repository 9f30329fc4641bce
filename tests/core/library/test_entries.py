"""The library's rows and reader pages, without Qt."""

from __future__ import annotations

from desktop.core.library.entries import (
    bibliographic_block,
    document_html,
    import_html,
    library_entries,
    mentioned_in,
    reference_html,
)
from desktop.core.library.imports import ImportLibrary
from desktop.core.render import render_markdown


def no_links(html: str) -> str:
    return html


def test_entries_list_notes_references_and_imports(atlas, tmp_path):
    imports = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)
    path = tmp_path / "mine 2013.txt"
    path.write_text("My own paper on cereblon\n\nText (2013).", encoding="utf-8")
    imports.import_file(path)
    entries = {e.key: e for e in library_entries(atlas.content, imports)}
    note = entries[("document", "note-ito-2010")]
    assert (note.kind_label, note.group, note.first_author, note.year) == (
        "Study note", "notes", "Ito", 2010)
    ref = entries[("reference", "kronke-2014-science")]
    assert (ref.first_author, ref.source, ref.kind_label) == ("Krönke", "Science", "Research")
    assert "kronke" in ref.haystack  # folded, so "Kronke" finds "Krönke"
    mine = [e for e in entries.values() if e.group == "mine"]
    assert [(m.title, m.year, m.kind_label, m.source) for m in mine] == [
        ("My own paper on cereblon", 2013, "My document", "Text")]


def test_reference_page_has_details_summary_and_mentions(atlas):
    ref = atlas.content.reference("ito-2010-science")
    html = reference_html(atlas.content, ref, render_markdown)
    assert "Identification of a primary target" in html
    assert "href=\"https://doi.org/10.1126/science.1177319\"" in html.replace("'", '"')
    assert "20223979" in html
    assert 'href="doc:note-ito-2010"' in html  # its study note
    assert "Mentioned in" in html
    assert 'href="event:cereblon-found-2010"' in html
    assert 'href="term:cereblon"' in html


def test_mentioned_in_lists_each_citing_record_once(atlas):
    mentions = mentioned_in(atlas.content, "reference", "ito-2010-science")
    keys = [(k, i) for k, i, _t in mentions]
    assert len(keys) == len(set(keys))
    assert ("event", "cereblon-found-2010") in keys
    assert all(title for _k, _i, title in mentions)


def test_document_page_renders_the_note_with_its_paper(atlas):
    doc = atlas.content.document("note-ito-2010")
    html = document_html(atlas.content, doc, render_markdown)
    assert 'href="ref:ito-2010-science"' in html
    assert "<h2>" in html or "<p>" in html
    assert "<table class=\"bib\">" in html


def test_bibliographic_block_escapes_everything():
    from db.records import Reference

    ref = Reference(id="x", kind="web", authors=("<b>Evil</b>",), title="t", year=2020,
                    summary="", url="javascript:alert(1)'><script>", publisher="A & B")
    html = bibliographic_block(ref)
    assert "<script>" not in html and "<b>Evil" not in html
    assert "&lt;b&gt;Evil" in html and "A &amp; B" in html
    from desktop.core.library.entries import sanitize

    assert "href=\"javascript" not in sanitize(html) and "<a>javascript:" in sanitize(html)


def test_imported_markdown_and_html_are_shown_sanitised(atlas, tmp_path):
    imports = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)
    md = tmp_path / "evil.md"
    md.write_text("# Evil note\n\n<script>alert(1)</script>\n\n![x](https://example.org/t.png)"
                  "\n\n[link](javascript:alert(2)) and [ok](term:cereblon)\n", encoding="utf-8")
    doc = imports.document(imports.import_file(md).doc_id)
    html = import_html(doc, render_markdown, no_links)
    for bad in ("<script", "<img", "javascript:", "example.org"):
        assert bad not in html
    assert 'href="term:cereblon"' in html
    text = tmp_path / "plain.txt"
    text.write_text("Plain <b>not bold</b> & more", encoding="utf-8")
    plain = import_html(imports.document(imports.import_file(text).doc_id), render_markdown,
                        no_links)
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in plain
