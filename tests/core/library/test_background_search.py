"""Searching off the GUI thread (issue 15): `open_engine` gives a worker read-only connections
of its own that find what the GUI's engine finds, and `BackgroundSearch` delivers only the
latest search's results, stops a stale search's SQL at once, and stops cleanly."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from desktop.core.library.background_search import BackgroundSearch, SearchSources, open_engine
from desktop.core.library.search import SearchEngine, SearchResults

WAIT_S = 20  # a generous bound, so a broken worker fails the test instead of hanging it


class Deliveries:
    """Collects `deliver(number, results)` calls from the worker thread."""

    def __init__(self):
        self.calls: list[tuple[int, SearchResults, str]] = []
        self.arrived = threading.Condition()

    def __call__(self, number: int, results: SearchResults) -> None:
        with self.arrived:
            self.calls.append((number, results, threading.current_thread().name))
            self.arrived.notify_all()

    def wait_for(self, number: int) -> SearchResults:
        with self.arrived:
            assert self.arrived.wait_for(
                lambda: any(n == number for n, _r, _t in self.calls), WAIT_S), \
                f"search {number} was never delivered; delivered: {self.numbers()}"
            return next(r for n, r, _t in self.calls if n == number)

    def numbers(self) -> list[int]:
        return [n for n, _r, _t in self.calls]


@pytest.fixture
def library(atlas, tmp_path):
    """The fixture content plus two imported documents in the user database."""
    from desktop.core.library.imports import ImportLibrary

    imports = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)
    for name, text in (("zebra.txt", "Zebrafish fin regeneration after thalidomide."),
                       ("notes.md", "# Okapi notes\n\nCereblon and the okapi marker.")):
        (tmp_path / name).write_text(text, "utf-8")
        assert imports.import_file(tmp_path / name).status == "imported"
    return atlas, SearchSources(atlas.content.path, atlas.user.path)


def hits(results: SearchResults) -> list[tuple[str, str]]:
    return [(h.kind, h.item_id) for h in results.hits]


def test_a_worker_engine_finds_what_the_gui_engine_finds(library):
    from desktop.core.library.imports import ImportSearchSource

    atlas, sources = library
    gui = SearchEngine(atlas.content.conn, [ImportSearchSource(atlas.user)])
    worker = open_engine(sources)
    try:
        for query in ("cereblon", "zebrafish", "okapi marker", "thalidomide", "CRBN", "thal"):
            assert hits(worker.search(query)) == hits(gui.search(query)), query
        assert ("import", "1") in hits(worker.search("zebrafish"))
        for conn in worker.connections:  # read-only: the search can never write
            with pytest.raises(sqlite3.Error):
                conn.execute("CREATE TABLE scribble (x)")
    finally:
        worker.close()
    assert worker.connections == []


def test_without_a_readable_user_database_the_content_is_still_searched(atlas, tmp_path):
    engine = open_engine(SearchSources(atlas.content.path, tmp_path / "missing.sqlite"))
    try:
        assert engine.extra_sources == []
        assert hits(engine.search("cereblon"))
    finally:
        engine.close()


def test_results_arrive_on_the_worker_for_the_latest_search(library):
    _atlas, sources = library
    deliveries = Deliveries()
    search = BackgroundSearch(deliveries)
    try:
        numbers = [search.submit(text, sources) for text in ("c", "ce", "cer", "cere",
                                                              "zebrafish")]
        results = deliveries.wait_for(numbers[-1])
        assert results.query == "zebrafish"
        assert ("import", "1") in hits(results)
        # whatever was delivered before the last was the latest at that moment; nothing is
        # delivered twice, and every delivery came from the worker thread
        assert sorted(set(deliveries.numbers())) == deliveries.numbers()
        assert {t for _n, _r, t in deliveries.calls} == {"atlas-search"}
        assert search.latest == numbers[-1]
    finally:
        assert search.close()


class EndlessEngine:
    """An engine whose search for "endless" runs SQL that never ends unless interrupted (a
    stand-in for ranking a common word over huge imports); any other text is quick."""

    def __init__(self, started: threading.Event):
        self.conn = sqlite3.connect(":memory:")
        self.connections = [self.conn]
        self.started = started
        self.stopped_by: list[str] = []
        # Called inside the running statement: `started` is set while the SQL runs.
        self.conn.create_function("running", 0, lambda: self.started.set() or 1)

    def search(self, text: str, limit: int = 40) -> SearchResults:
        if text == "endless":
            try:
                self.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                  "FROM c WHERE running()) SELECT count(*) FROM c").fetchall()
            except sqlite3.OperationalError as exc:
                self.stopped_by.append(str(exc))
        return SearchResults(text, ())

    def close(self) -> None:
        self.conn.close()
        self.connections = []


def test_a_stale_search_stops_at_once_and_is_never_delivered(tmp_path):
    started = threading.Event()
    engines: list[EndlessEngine] = []

    def opener(_sources):
        engines.append(EndlessEngine(started))
        return engines[-1]

    deliveries = Deliveries()
    search = BackgroundSearch(deliveries, opener=opener)
    sources = SearchSources(tmp_path / "content.sqlite")
    try:
        stale = search.submit("endless", sources)
        assert started.wait(WAIT_S)
        latest = search.submit("quick", sources)
        assert deliveries.wait_for(latest).query == "quick"
        assert stale not in deliveries.numbers()
        assert engines[0].stopped_by == ["interrupted"]
        assert len(engines) == 1  # the same sources: the worker kept its engine
    finally:
        assert search.close()
    assert engines[0].connections == []  # closed by the worker as it stopped


def test_cancel_and_close_stop_a_running_search_without_delivering_it(tmp_path):
    started = threading.Event()
    engines: list[EndlessEngine] = []
    deliveries = Deliveries()
    search = BackgroundSearch(deliveries, opener=lambda _s: engines.append(
        EndlessEngine(started)) or engines[-1])
    sources = SearchSources(tmp_path / "content.sqlite")
    search.submit("endless", sources)
    assert started.wait(WAIT_S)
    search.cancel()
    # The cancelled statement ends (interrupted) before the next search starts: until then it
    # would set `started` again itself.
    deadline = time.monotonic() + WAIT_S
    while not engines[0].stopped_by and time.monotonic() < deadline:
        time.sleep(0.01)
    assert engines[0].stopped_by == ["interrupted"]
    started.clear()
    search.submit("endless", sources)
    assert started.wait(WAIT_S)
    assert search.close(timeout=WAIT_S)  # the endless SQL is interrupted, the worker joined
    assert deliveries.calls == []
    assert engines[0].stopped_by == ["interrupted", "interrupted"]
    # used again after close(): a new worker starts and answers
    number = search.submit("again", sources)
    assert deliveries.wait_for(number).query == "again"
    assert search.close()


def test_a_broken_database_is_a_note_and_the_worker_carries_on(library, tmp_path):
    _atlas, good = library
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    deliveries = Deliveries()
    search = BackgroundSearch(deliveries)
    try:
        results = deliveries.wait_for(search.submit("cereblon", SearchSources(broken)))
        assert results.hits == () and "could not be opened" in results.note
        results = deliveries.wait_for(search.submit("cereblon", good))  # sources changed
        assert hits(results) and not results.note
    finally:
        assert search.close()


def test_another_content_database_is_opened_when_the_sources_change(library, bundled_atlas):
    _atlas, fixture = library
    deliveries = Deliveries()
    search = BackgroundSearch(deliveries)
    bundled = SearchSources(Path(bundled_atlas.content.path))
    try:
        small = deliveries.wait_for(search.submit("lenalidomide", fixture))
        big = deliveries.wait_for(search.submit("lenalidomide", bundled))
        assert len(big.hits) > len(small.hits)
    finally:
        assert search.close()
