"""Search over huge imports and huge queries (issue 15): snippets of imported documents are
made from a bounded start of the text, never by FTS5's snippet() (which re-tokenises the whole
document: seconds for a common word in a 3-million-character import), and a pasted megabyte
is read as its first `MAX_QUERY_CHARS` characters. Speed itself is measured in bench/search.py
(the `imports` case); these tests check the behaviour that keeps it bounded. The toolbar
search runs on a worker with connections of its own (tests/core/library/test_background_search.py);
here, that worker still reads the imports in a read-only data folder."""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest

from tests.hostile.conftest import needs_namespaces
from tests.hostile.machines import FIXTURE_CONTENT, ROOT, digest

FILLER = "Thalidomide binds the cereblon pocket and the ligase turns to new substrates. "


@pytest.fixture(scope="module")
def big_library(tmp_path_factory):
    """A data folder with one imported document of about 1.5 million characters: a rare
    word near its start, another only at its very end, "the" everywhere."""
    from desktop.core.atlas import Atlas
    from desktop.core.library.imports import ImportLibrary, ImportLimits

    base = tmp_path_factory.mktemp("bigsearch")
    body = ("# Long review\n\nEarly mention of quokkamarker here. "
            + FILLER * 20_000 + "Final words mention wombatmarker only.\n")
    source = base / "long-review.md"
    source.write_text(body, "utf-8")
    atlas = Atlas.open(base / "data", content_dir=FIXTURE_CONTENT)
    library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir,
                            ImportLimits(max_file_bytes=4 * len(body)))
    outcome = library.import_file(source)
    assert outcome.status == "imported", outcome
    yield atlas, outcome.doc_id, len(body)
    atlas.close()


def _engine_with_trace(atlas):
    from desktop.core.library.imports import ImportSearchSource
    from desktop.core.library.search import SearchEngine

    statements: list[str] = []  # on the user database, where the imports are
    atlas.user.conn.set_trace_callback(statements.append)
    return SearchEngine(atlas.content.conn, [ImportSearchSource(atlas.user)]), statements


def _stop_tracing(atlas):
    atlas.user.conn.set_trace_callback(None)


def test_import_snippets_never_retokenise_the_whole_document(big_library):
    atlas, doc_id, size = big_library
    assert size > 1_500_000
    engine, statements = _engine_with_trace(atlas)
    try:
        for query in ("the", "cereblon", "quokkamarker", "wombatmarker"):
            hits = [h for h in engine.search(query).hits if h.kind == "import"]
            assert [h.item_id for h in hits] == [str(doc_id)], query
            if query == "wombatmarker":
                # found by the index, but its only mention lies past the scanned start: the
                # snippet is the document's opening words, unmarked
                assert "<mark>" not in hits[0].snippet
                assert hits[0].snippet.startswith("# Long review")
            else:
                assert "<mark>" in hits[0].snippet, query
                marked = hits[0].snippet.split("<mark>")[1].split("</mark>")[0]
                assert marked.casefold().startswith(query[:5]), (query, hits[0].snippet)
    finally:
        _stop_tracing(atlas)
    assert statements, "the search ran no SQL at all"
    assert not [s for s in statements if "snippet(" in s.lower()]


def test_a_pasted_megabyte_is_read_as_its_first_characters(big_library):
    from desktop.core.library.search import MAX_QUERY_CHARS

    atlas, doc_id, _size = big_library
    engine, statements = _engine_with_trace(atlas)
    try:
        pasted = engine.search("quokkamarker " + "x" * 1_000_000)
        brackets = engine.search("(" * 1_000_000)
        common = engine.search("the " * 250_000)
    finally:
        _stop_tracing(atlas)
    for results in (pasted, brackets, common):
        assert len(results.query) == MAX_QUERY_CHARS
    assert not brackets.hits and brackets.note  # only operators: none, and why
    assert [h.item_id for h in common.hits if h.kind == "import"] == [str(doc_id)]
    longest = max(len(s) for s in statements)
    assert longest < MAX_QUERY_CHARS * 8, f"an SQL statement of {longest} characters ran"


PROBE = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from desktop.core.library.background_search import SearchSources, open_engine
data = Path(sys.argv[1])
content = next((data / "cache").glob("content*.sqlite"))
engine = open_engine(SearchSources(content, data / "user.sqlite"))
for hit in engine.search("cereblon notes").hits:
    print(hit.kind, hit.title)
"""


@needs_namespaces
def test_the_search_worker_reads_imports_in_a_read_only_data_folder(used_data, tmp_path):
    """The toolbar search's worker opens its own connections: on a read-only mount, where a
    write-ahead database cannot get its shared-memory file, it still finds the imports."""
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE.format(root=str(ROOT)), "utf-8")
    before = digest(used_data / "user.sqlite")
    q = shlex.quote
    script = (f"mount --bind {q(str(used_data))} {q(str(used_data))} && "
              f"mount -o remount,bind,ro {q(str(used_data))} && "
              f"{q(sys.executable)} {q(str(probe))} {q(str(used_data))}")
    run = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "import Cereblon notes" in run.stdout.splitlines(), run.stdout
    assert digest(used_data / "user.sqlite") == before
