"""Documents a person imports, made hostile (issues 15 and 14): what is not a document is
refused with what to do instead; a FIFO never hangs; a PDF built to be slow is bounded in
time and Cancel stops it; stray bytes, NUL and markup in titles, invalid UTF-8 file names;
random bytes and random HTML never crash the importer or leave half an import behind; the
structure of PDFs and HTML pages is kept; SIGKILL at random points leaves nothing that the
next start does not clean."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.hostile_data import pdf_file, slow_pdf, structured_pdf, text_block
from tests.hostile.machines import FIXTURE_CONTENT, ROOT, run_cli, wait_for


@pytest.fixture
def atlas(tmp_path):
    from desktop.core.atlas import Atlas

    opened = Atlas.open(tmp_path / "data", content_dir=FIXTURE_CONTENT)
    yield opened
    opened.close()


@pytest.fixture
def library(atlas):
    from desktop.core.library.imports import ImportLibrary

    return ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)


def consistent(atlas) -> tuple[int, int, list[str]]:
    """(rows, index entries, files in imports/) after any import, whole or failed."""
    conn = atlas.user.conn
    rows = conn.execute("SELECT count(*) FROM imported_documents").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM imported_search").fetchone()[0]
    folder = atlas.paths.imports_dir
    files = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    stored = sorted(r[0] for r in conn.execute("SELECT stored_name FROM imported_documents"))
    assert rows == indexed and files == stored, (rows, indexed, files, stored)
    return rows, indexed, files


# -- not documents -------------------------------------------------------------------------


def own_exports(atlas, tmp_path) -> dict[str, Path]:
    from desktop.core.exports import EXPORTERS

    made = {}
    for what, fmt, name in (("quiz", "moodle-xml", "quiz.xml"), ("quiz", "gift", "quiz.gift"),
                            ("quiz", "csv", "quiz.csv"), ("timeline", "timelinejs", "tl.json"),
                            ("glossary", "csv", "glossary.csv")):
        EXPORTERS[what].run(atlas, tmp_path / name, fmt, {})
        made[name] = tmp_path / name
    return made


def test_the_apps_own_exports_are_not_imported_as_documents(atlas, library, tmp_path):
    made = own_exports(atlas, tmp_path)
    renamed = tmp_path / "quiz-as-text.txt"  # a GIFT file with a .txt name: content decides
    renamed.write_bytes(made["quiz.gift"].read_bytes())
    expected = {"quiz.xml": "Moodle XML question file", "quiz.gift": "GIFT question file",
                "quiz.csv": "CSV question file", "tl.json": "JSON data file",
                "glossary.csv": "CSV spreadsheet", "quiz-as-text.txt": "GIFT question file"}
    for name, what in expected.items():
        outcome = library.import_file(tmp_path / name)
        assert outcome.status == "failed", (name, outcome)
        assert what in outcome.message, (name, outcome.message)
        assert "not a document" in outcome.message
    assert "Import questions" in library.import_file(made["quiz.gift"]).message
    assert "export the questions from Moodle as GIFT" in \
        library.import_file(made["quiz.xml"]).message
    assert consistent(atlas)[0] == 0


def test_import_command_sends_each_file_where_it_belongs(atlas, tmp_path):
    made = own_exports(atlas, tmp_path)
    data = atlas.paths.data_dir
    atlas.close()
    run = run_cli("--data-dir", data, "import", made["quiz.xml"], made["tl.json"])
    assert run.returncode == 1 and "Traceback" not in run.output
    assert "Moodle XML question file" in run.output and "JSON data file" in run.output
    assert "1953" not in run.output


def test_text_that_mentions_pdf_is_text_and_a_year_is_never_guessed(library, tmp_path):
    path = tmp_path / "about-pdf.txt"
    path.write_text("Notes on files\n\nA PDF starts with %PDF-1.4; Ciba tested it in 1953.\n",
                    "utf-8")
    outcome = library.import_file(path)
    assert outcome.status == "imported", outcome
    doc = library.document(outcome.doc_id)
    assert doc.media_type == "text/plain" and doc.year is None


def test_utf8_with_stray_bytes_is_refused_with_its_lines(library, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Café crème\nline two\n".encode() + b"caf\xe9 again\n")
    outcome = library.import_file(path)
    assert outcome.status == "failed"
    assert "not valid UTF-8 on line 3" in outcome.message, outcome.message
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café crème en Windows-1252\n".encode("cp1252"))
    doc = library.document(library.import_file(latin).doc_id)
    assert "Café crème" in doc.text


# -- no hang, bounded work -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_document_never_hangs(atlas, library, tmp_path):
    fifo = tmp_path / "notes.txt"
    os.mkfifo(fifo)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(library.import_file(fifo)),
                              daemon=True)
    worker.start()
    worker.join(20)
    assert outcome, "importing a FIFO hangs"
    assert outcome[0].status == "failed" and "not a regular file" in outcome[0].message
    data = atlas.paths.data_dir
    run = run_cli("--data-dir", data, "import", fifo, timeout=60)
    assert run.returncode == 1 and "not a regular file" in run.output
    assert "Traceback" not in run.output


def test_a_pdf_built_to_be_slow_is_stopped_at_its_deadline(atlas, tmp_path):
    from desktop.core.library.imports import ImportLibrary, ImportLimits

    path = tmp_path / "slow.pdf"
    path.write_bytes(slow_pdf())
    library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir,
                            ImportLimits(pdf_seconds=3))
    start = time.monotonic()
    outcome = library.import_file(path)
    took = time.monotonic() - start
    assert took < 3 + 15, took  # the deadline, plus starting the reader process
    assert outcome.status == "failed", outcome
    assert "took longer than 3 s" in outcome.message
    assert consistent(atlas)[0] == 0


def test_cancel_stops_the_file_being_read(atlas, tmp_path):
    from desktop.core.library.imports import ImportLibrary, ImportLimits

    slow = tmp_path / "slow.pdf"
    slow.write_bytes(slow_pdf())
    later = tmp_path / "later.txt"
    later.write_text("Never reached", "utf-8")
    library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir,
                            ImportLimits(pdf_seconds=600))
    pressed = threading.Event()
    threading.Timer(2.0, pressed.set).start()
    start = time.monotonic()
    outcomes = library.import_files([slow, later], cancelled=pressed.is_set)
    assert time.monotonic() - start < 2.0 + 15
    assert [o.status for o in outcomes] == ["cancelled", "cancelled"]
    assert consistent(atlas)[0] == 0


def test_pdf_reader_warnings_go_to_the_log_not_the_console(tmp_path):
    broken = tmp_path / "broken-xref.pdf"
    data = structured_pdf()
    broken.write_bytes(data.replace(b"startxref\n", b"startxref\n9"))  # a wrong xref offset
    run = run_cli("--data-dir", tmp_path / "data", "import", broken)
    assert run.returncode == 0, run.output
    assert run.output.strip().splitlines() == [f"{broken}: imported as “Cereblon and the "
                                               "IMiDs” (PDF, 38 words)"]
    log = (tmp_path / "data" / "logs" / "imid-atlas.log").read_text("utf-8")
    assert "incorrect startxref pointer" in log


# -- titles and names ----------------------------------------------------------------------


def test_titles_lose_nul_and_control_characters_and_entities_decode_once(library, tmp_path):
    md = tmp_path / "nul.md"
    md.write_text("# Title with \x1b[31m an escape\u202e here\n\nBody text here.\n", "utf-8")
    html = tmp_path / "entities.html"
    html.write_text("<html><head><title>&amp;lt;b&amp;gt; stays&#0;text</title></head><body>"
                    "<p>Body of the page.</p></body></html>", "utf-8")
    pdf = tmp_path / "meta.pdf"
    title = "\ufeffMeta\x00title <img src=/dev/zero>".encode("utf-16-be").hex().upper()
    pdf.write_bytes(pdf_file([text_block(72, 700, 11, ["Words of a PDF about cereblon."] * 3)],
                             info=f"/Title <{title}>"))
    titles = {}
    for path in (md, html, pdf):
        outcome = library.import_file(path)
        assert outcome.status == "imported", outcome
        titles[path.name] = library.document(outcome.doc_id).title
    assert titles["nul.md"] == "Title with [31m an escape here"
    assert titles["entities.html"] == "&lt;b&gt; stays\ufffdtext"
    assert titles["meta.pdf"] == "Meta title <img src=/dev/zero>"  # text, shown as text
    assert not any("\x00" in t or "\x1b" in t for t in titles.values())


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names are a POSIX thing")
def test_a_file_name_that_is_not_utf8_imports_and_prints(atlas, library, tmp_path):
    name = os.fsdecode(b"notes-\xff\xfe.txt")
    path = tmp_path / name
    path.write_text("Cereblon notes with a strange name", "utf-8")
    outcome = library.import_file(path)
    assert outcome.status == "imported", outcome
    assert library.document(outcome.doc_id).original_name == "notes-\ufffd\ufffd.txt"
    other = tmp_path / os.fsdecode(b"other-\xff.txt")
    other.write_text("Lenalidomide notes with a strange name", "utf-8")
    data = atlas.paths.data_dir
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data),
                          "import", os.fsencode(other)], capture_output=True, cwd=ROOT,
                         env={**os.environ, "IMID_ATLAS_CONTENT_DIR": str(FIXTURE_CONTENT),
                              "PYTHONIOENCODING": "utf-8"}, timeout=90)
    output = (run.stdout + run.stderr).decode("utf-8", "replace")
    assert run.returncode == 0 and "Traceback" not in output, output
    assert "imported as" in output


# -- structure kept ------------------------------------------------------------------------


def test_a_pdf_keeps_its_title_headings_and_paragraphs(library, tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(structured_pdf())
    doc = library.document(library.import_file(path).doc_id)
    assert doc.title == "Cereblon and the IMiDs"
    assert doc.text.split("\n\n") == [
        "Cereblon and the IMiDs", "Introduction",
        "Thalidomide binds cereblon, a substrate receptor of the CRL4 ubiquitin ligase, and "
        "changes what it degrades.",
        "A second paragraph starts after a gap and goes on over two lines of text about "
        "lenalidomide."]
    assert "<h2>Introduction</h2>" in doc.html and doc.html.count("<p>") == 2


def test_an_html_page_keeps_headings_and_emphasis_without_anything_active(library, tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Page</title><style>p{color:red}</style></head><body>"
        "<nav>Home | About</nav><h1>Lenalidomide</h1><h2>Mechanism</h2><p>It degrades "
        "<em>IKZF1</em> and <strong>IKZF3</strong>.</p><script>alert(1)</script>"
        "<img src=/dev/zero><ul><li>one</li><li>two</li></ul>"
        "<p onclick='x()'>Click <a href='javascript:evil()'>here</a>.</p></body></html>",
        "utf-8")
    doc = library.document(library.import_file(path).doc_id)
    for kept in ("<h1>Lenalidomide</h1>", "<h2>Mechanism</h2>", "<em>IKZF1</em>",
                 "<strong>IKZF3</strong>", "<li>one</li>"):
        assert kept in doc.html, doc.html
    for gone in ("<script", "alert", "<img", "onclick", "javascript", "<style", "Home |"):
        assert gone not in doc.html, doc.html


# -- generated files -------------------------------------------------------------------------

SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".pdf", ".csv", ".json", ".xml", "",
                            ".gift", ".bin", ".docx"])
PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"<?xml version='1.0'?>", b"<html>", b"{",
                            b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04", b"SQLite format 3\x00",
                            b"::q:: ", b"# "])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=PREFIXES, body=st.binary(max_size=3000), suffix=SUFFIXES)
def test_any_bytes_under_any_name_are_imported_or_refused_cleanly(atlas, library, tmp_path,
                                                                  prefix, body, suffix):
    path = tmp_path / f"generated{suffix}"
    path.write_bytes(prefix + body)
    outcome = library.import_file(path)
    assert outcome.status in ("imported", "failed", "duplicate"), outcome
    assert outcome.message.startswith(("imported", "not imported", "already"))
    consistent(atlas)


_TAGS = st.sampled_from(["div", "p", "b", "i", "script", "style", "img", "table", "td", "a",
                         "h1", "svg", "title", "iframe", "template", "li", "pre"])


@st.composite
def html_pages(draw):
    parts = []
    for _ in range(draw(st.integers(1, 40))):
        tag = draw(_TAGS)
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(f"<{tag} src='/dev/zero' onclick='x()'>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.text(max_size=20)))
        else:
            parts.append("&lt;b&gt;&amp;&#0;&#x110000;")
    return "<html><body>" + "".join(parts)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=html_pages())
def test_any_html_page_is_read_without_anything_active(atlas, library, tmp_path, page):
    path = tmp_path / "generated.html"
    path.write_text(page, "utf-8", errors="surrogatepass")
    outcome = library.import_file(path)
    if outcome.status == "imported":
        doc = library.document(outcome.doc_id)
        for active in ("<script", "<img", "<iframe", "onclick", "<style", "<svg"):
            assert active not in doc.html
        library.remove(doc.id)
    consistent(atlas)


def test_nesting_a_hundred_thousand_deep_is_not_a_crash(atlas, library, tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "deep text" + "</div>" * 100_000,
                    "utf-8")
    md = tmp_path / "deep.md"
    md.write_text("# Deep\n\n" + ">" * 100_000 + " quoted\n", "utf-8")
    for path in (page, md):
        outcome = library.import_file(path)
        assert outcome.status in ("imported", "failed"), outcome
    consistent(atlas)


# -- killed at random points -------------------------------------------------------------------


def test_sigkill_during_imports_leaves_nothing_the_next_start_does_not_clean(tmp_path):
    from desktop.core.atlas import Atlas
    from desktop.core.library.leftovers import LEFTOVER_GRACE_SECONDS

    data = tmp_path / "data"
    Atlas.open(data, content_dir=FIXTURE_CONTENT).close()
    files = []
    for n in range(30):
        path = tmp_path / "in" / f"doc{n}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"# Document {n}\n\n" + f"Cereblon word {n} " * 3000, "utf-8")
        files.append(path)
    rng = random.Random(15)
    imports = data / "imports"
    for round_ in range(4):
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "import",
             *map(str, files)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "IMID_ATLAS_CONTENT_DIR": str(FIXTURE_CONTENT)})
        wait_for(lambda: imports.exists() and any(imports.iterdir()), timeout=60)
        time.sleep(rng.uniform(0.3, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        for leftover in imports.iterdir():  # as if the next start came later
            old = time.time() - LEFTOVER_GRACE_SECONDS - 60
            os.utime(leftover, (old, old))
        atlas = Atlas.open(data, content_dir=FIXTURE_CONTENT)  # a start: cleans up
        try:
            assert atlas.user.integrity_ok()
            rows, _indexed, stored = consistent(atlas)
            assert not [n for n in stored if n.endswith(".part")], round_
        finally:
            atlas.close()
    conn = sqlite3.connect(data / "user.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
