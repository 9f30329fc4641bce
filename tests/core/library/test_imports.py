"""Importing the user's documents: each file type, each bad-file case, duplicates, removal."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.core.library import imports
from desktop.core.library.imports import ImportLibrary, ImportSearchSource
from desktop.core.library.search import SearchEngine
from tests.core.library.pdf_files import blank_pdf, encrypted_pdf, text_pdf


@pytest.fixture
def library(atlas):
    return ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)


def write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def rows(atlas) -> int:
    return atlas.user.conn.execute("SELECT count(*) FROM imported_documents").fetchone()[0]


def indexed(atlas) -> int:
    return atlas.user.conn.execute("SELECT count(*) FROM imported_search").fetchone()[0]


def stored_files(atlas) -> list[str]:
    folder = atlas.paths.imports_dir
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def assert_nothing_left(atlas):
    assert rows(atlas) == 0
    assert indexed(atlas) == 0
    assert stored_files(atlas) == []


# -- each file type ------------------------------------------------------------------------

def test_plain_text_is_imported_copied_and_indexed(atlas, library, tmp_path):
    path = write(tmp_path, "notes.txt", "My cereblon notes\n\nCRBN binds thalidomide (2012).\n")
    outcome = library.import_file(path)
    assert outcome.status == "imported" and outcome.ok, outcome
    doc = library.document(outcome.doc_id)
    assert doc.title == "My cereblon notes"
    # A year in the body is not the document's year (a note about 2012 is not from 2012):
    # unknown, so left empty for the person to fill in.
    assert doc.year is None
    assert doc.media_type == "text/plain"
    assert doc.original_name == "notes.txt"
    assert library.original_path(doc).read_bytes() == path.read_bytes()
    assert indexed(atlas) == 1
    assert not any(name.endswith(".part") for name in stored_files(atlas))


def test_markdown_title_comes_from_front_matter_or_heading(library, tmp_path):
    heading = library.import_file(write(tmp_path, "a.md",
                                        "Intro line\n\n# The *real* title\n\nBody"))
    assert library.document(heading.doc_id).title == "The real title"
    front = library.import_file(write(
        tmp_path, "b.md", "---\ntitle: \"From front matter\"\ndate: 2019\n---\n# Heading\n"))
    doc = library.document(front.doc_id)
    assert doc.title == "From front matter"
    assert doc.media_type == "text/markdown"
    assert not doc.text.startswith("---")


def test_html_is_stripped_of_scripts_and_styles(library, tmp_path):
    page = (
        "<!doctype html><html><head><title>Lenalidomide &amp; IKZF1</title>"
        "<meta name='citation_author' content='Krönke J'>"
        "<meta name='citation_publication_date' content='2014/01/17'>"
        "<style>p { color: red }</style><script>alert('x')</script></head>"
        "<body><h1>Heading</h1><p>Degradation of <b>Ikaros</b>.</p>"
        "<img src='https://example.org/track.png'><script>steal()</script>"
        "<p>Second paragraph.</p></body></html>")
    outcome = library.import_file(write(tmp_path, "page.html", page))
    doc = library.document(outcome.doc_id)
    assert doc.title == "Lenalidomide & IKZF1"
    assert doc.authors == "Krönke J"
    assert doc.year == 2014
    assert "Degradation of Ikaros." in doc.text
    assert "Second paragraph." in doc.text
    for active in ("alert", "steal", "color: red", "track.png", "<"):
        assert active not in doc.text


def test_pdf_text_title_and_author_are_extracted(library, tmp_path):
    pdf = text_pdf(["Identification of a primary target", "Science 2010 cereblon binding"],
                   title="Identification of a primary target of thalidomide teratogenicity",
                   author="Ito T; Handa H")
    outcome = library.import_file(write(tmp_path, "ito-2010.pdf", pdf))
    assert outcome.status == "imported", outcome
    doc = library.document(outcome.doc_id)
    assert doc.title == "Identification of a primary target of thalidomide teratogenicity"
    assert doc.authors == "Ito T; Handa H"
    assert doc.year == 2010
    assert "cereblon binding" in doc.text
    assert doc.media_type == "application/pdf"


def test_pdf_is_recognised_by_content_whatever_its_name(library, tmp_path):
    outcome = library.import_file(write(tmp_path, "paper.download", text_pdf(
        ["A pdf with a strange name and enough words"])))
    assert library.document(outcome.doc_id).media_type == "application/pdf"


def test_pdf_encrypted_with_an_empty_password_opens(library, tmp_path):
    pdf = encrypted_pdf(["Owner-locked but readable text with words"], user_password="")
    outcome = library.import_file(write(tmp_path, "locked.pdf", pdf))
    assert outcome.status == "imported", outcome


# -- encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("data, expected", [
    ("Krönke and CK1α\n".encode(), "Krönke and CK1α"),
    ("\ufeffWith a BOM: Grünenthal\n".encode("utf-8"), "With a BOM: Grünenthal"),
    ("UTF-16 text: Grünenthal\n".encode("utf-16"), "UTF-16 text: Grünenthal"),
    ("Windows text: Grünenthal – “quoted”\n".encode("cp1252"),
     "Windows text: Grünenthal – “quoted”"),
    (b"Latin-1 with undefined cp1252 byte \x81 caf\xe9 text", "caf\u00e9"),
])
def test_wrong_or_unusual_encodings_decode_without_crashing(library, tmp_path, data, expected):
    outcome = library.import_file(write(tmp_path, "enc.txt", data))
    assert outcome.status == "imported", outcome
    assert expected in library.document(outcome.doc_id).text


# -- bad files: a clear message each, nothing left behind -------------------------------------

BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.md": (b"  \n\n\t \n", "empty"),
    "garbage.txt": (bytes(range(256)) * 40, "binary data"),
    "noise.bin": (bytes((i * 37 + 11) % 256 for i in range(5000)).replace(b"\x00", b"\x01"),
                  "binary data"),
    "scan.pdf": (blank_pdf(), "no text layer"),
    "secret.pdf": (encrypted_pdf(["Secret words in a locked file"]), "encrypted with a password"),
    "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "PDF"),
    "fake.pdf": (b"just text pretending to be a pdf", "not a PDF"),
    "letter.docx": (b"PK\x03\x04 zipped word document", "Word files cannot be imported"),
    "punctuation.txt": (b"... --- !!! ???", "no text"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gets_a_clear_message_and_leaves_nothing(atlas, library, tmp_path, name):
    data, expected = BAD_FILES[name]
    path = write(tmp_path, name, data)
    outcome = library.import_file(path)
    assert outcome.status == "failed"
    assert not outcome.ok
    assert expected in outcome.message
    assert str(path) in str(outcome)
    assert_nothing_left(atlas)


def test_missing_folder_and_unreadable_paths(atlas, library, tmp_path):
    a_file = write(tmp_path, "plain.txt", "words")
    cases = {
        tmp_path / "nope.txt": "does not exist",
        tmp_path: "folder",
        a_file / "inside.txt": "cannot be read",
    }
    for path, expected in cases.items():
        outcome = library.import_file(path)
        assert outcome.status == "failed" and expected in outcome.message, outcome
    assert_nothing_left(atlas)


def test_files_over_the_size_limit_are_refused(atlas, tmp_path):
    library = imports.ImportLibrary(atlas.user.conn, atlas.paths.imports_dir,
                                    imports.ImportLimits(max_file_bytes=1000))
    outcome = library.import_file(write(tmp_path, "big.txt", "word " * 400))
    assert outcome.status == "failed"
    assert outcome.message == ("not imported: the file is 2 KB; files larger than 1 KB are "
                               "not imported")
    assert_nothing_left(atlas)


def test_a_failure_while_storing_leaves_nothing_half_imported(atlas, library, tmp_path,
                                                              monkeypatch):
    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(imports.os, "replace", broken_replace)
    outcome = library.import_file(write(tmp_path, "ok.txt", "A perfectly good file"))
    assert outcome.status == "failed"
    assert "the disk is full; free some space and try again" in outcome.message
    assert_nothing_left(atlas)


def test_a_database_failure_rolls_back_and_removes_the_copy(atlas, library, tmp_path):
    atlas.user.conn.execute("DROP TABLE imported_search")
    outcome = library.import_file(write(tmp_path, "ok.txt", "A perfectly good file"))
    assert outcome.status == "failed"
    assert "user database" in outcome.message
    assert rows(atlas) == 0
    assert stored_files(atlas) == []


def test_batch_goes_on_after_bad_files(atlas, library, tmp_path):
    paths = [
        write(tmp_path, "one.txt", "First good document"),
        write(tmp_path, "empty.txt", ""),
        write(tmp_path, "two.pdf", text_pdf(["Second good document with text"])),
        tmp_path / "missing.md",
        write(tmp_path, "three.md", "# Third good document"),
    ]
    outcomes = library.import_files(paths)
    assert [o.status for o in outcomes] == ["imported", "failed", "imported", "failed",
                                            "imported"]
    assert [o.path for o in outcomes] == paths
    assert rows(atlas) == 3 and indexed(atlas) == 3
    assert len(stored_files(atlas)) == 3


def test_progress_is_reported_and_cancel_stops_the_current_file(atlas, library, tmp_path):
    paths = [write(tmp_path, f"doc{i}.txt", f"Document number {i}") for i in range(5)]
    seen = []
    # Cancelled while the second file is being read: it is not imported, nor the rest.
    outcomes = library.import_files(paths, progress=lambda d, t, p: seen.append((d, t)),
                                    cancelled=lambda: len(seen) >= 2)
    assert [o.status for o in outcomes] == ["imported", "cancelled", "cancelled", "cancelled",
                                            "cancelled"]
    assert "cancelled" in outcomes[-1].message
    assert seen[:2] == [(0, 5), (1, 5)]
    assert rows(atlas) == 1


# -- duplicates, editing, removal ------------------------------------------------------------

def test_duplicates_are_reported_not_added_twice(atlas, library, tmp_path):
    first = library.import_file(write(tmp_path, "paper.txt", "Same content here"))
    again = library.import_file(write(tmp_path, "copy-of-paper.txt", "Same content here"))
    assert again.status == "duplicate" and again.ok
    assert again.doc_id == first.doc_id
    assert "already in your library" in again.message and "Same content here" in again.message
    assert rows(atlas) == 1 and len(stored_files(atlas)) == 1


def test_title_year_and_authors_can_be_edited(atlas, library, tmp_path):
    outcome = library.import_file(write(tmp_path, "x.txt", "untitled scribbles about SALL4"))
    doc = library.update(outcome.doc_id, title="  My SALL4   paper ", year=2018,
                         authors="Donovan KA")
    assert (doc.title, doc.year, doc.authors) == ("My SALL4 paper", 2018, "Donovan KA")
    source = ImportSearchSource(atlas.user)
    from desktop.core.library.search import match_expression

    assert [h.item_id for h in source.search(match_expression("Donovan"), 10)] == [str(doc.id)]
    assert library.update(doc.id, year=None).year is None
    for bad in ({"title": "   "}, {"year": "soon"}, {"year": 3000}):
        with pytest.raises(ValueError):
            library.update(doc.id, **bad)
    assert library.document(doc.id).title == "My SALL4 paper"


def test_removal_deletes_row_index_and_copy(atlas, library, tmp_path):
    outcome = library.import_file(write(tmp_path, "gone.txt", "Soon to be removed phocomelia"))
    assert library.remove(outcome.doc_id)
    assert_nothing_left(atlas)
    assert not library.remove(outcome.doc_id)
    engine = SearchEngine(atlas.content.conn, [ImportSearchSource(atlas.user)])
    assert not [h for h in engine.search("phocomelia").hits if h.kind == "import"]
    again = library.import_file(write(tmp_path, "gone.txt", "Soon to be removed phocomelia"))
    assert again.status == "imported"


# -- search over imports -------------------------------------------------------------------

def test_imports_are_found_by_the_one_search(atlas, library, tmp_path):
    outcome = library.import_file(write(
        tmp_path, "ck1.txt", "Casein kinase notes\n\nLenalidomide degrades CK1α in del(5q) MDS."))
    engine = SearchEngine(atlas.content.conn, [ImportSearchSource(atlas.user)])
    for query in ("CK1a", "CK1alpha", "CK1α", "degradation", "casein kin"):
        found = [(h.kind, h.item_id) for h in engine.search(query).hits]
        assert ("import", str(outcome.doc_id)) in found, query
    hit = next(h for h in engine.search("degrades").hits if h.kind == "import")
    assert "<mark>" in hit.snippet
    only = engine.search("casein", kinds=["import"]).hits
    assert [h.kind for h in only] == ["import"]
    fuzzy = engine.search("Casien kinsae notes")
    assert fuzzy.fuzzy and ("import", str(outcome.doc_id)) in [(h.kind, h.item_id)
                                                                for h in fuzzy.hits]


def test_migration_indexes_documents_imported_before_it(data_dir):
    from db.user_db import UserDB

    path = data_dir / "user.sqlite"
    UserDB.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE imported_search")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_import_search'")
    conn.execute("INSERT INTO imported_documents (title, year, authors, original_name, "
                 "stored_name, sha256, size, media_type, text, imported_at) VALUES "
                 "('Old import', 2001, 'Someone', 'old.txt', 'x.txt', 'abc', 3, "
                 "'text/plain', 'thalidomide embryopathy', '2020-01-01T00:00:00')")
    conn.commit()
    conn.close()
    user = UserDB.open(path)
    try:
        assert "m010_import_search" in user.report.migrated
        from desktop.core.library.search import match_expression

        hits = ImportSearchSource(user).search(match_expression("embryopathy"), 5)
        assert [h.title for h in hits] == ["Old import"]
    finally:
        user.close()


# -- the command line -------------------------------------------------------------------------

def test_import_command_reports_each_file_and_exit_status(tmp_path, capsys, data_dir,
                                                          monkeypatch):
    from desktop.cli import main
    from tests.conftest import FIXTURE_CONTENT

    monkeypatch.setenv("IMID_ATLAS_CONTENT_DIR", str(FIXTURE_CONTENT))
    good = write(tmp_path, "good.txt", "A note on pomalidomide")
    bad = write(tmp_path, "bad.pdf", "not really")
    args = ["--data-dir", str(data_dir)]
    assert main([*args, "import", str(good)]) == 0
    assert "imported as" in capsys.readouterr().out
    assert main([*args, "import", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "already in your library" in out and "not a PDF" in out
    assert main([*args, "search", "pomalidomide", "--kind", "import", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in found["results"]] == ["A note on pomalidomide"]


def test_document_importer_is_the_last_catch_all():
    from desktop.core.importers import IMPORTERS, importer_for

    assert IMPORTERS[-1].name == "documents"
    assert importer_for(__import__("pathlib").Path("anything.xyz")).name == "documents"
