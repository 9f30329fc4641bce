"""Searching off the GUI thread: `open_engine` gives a worker read-only connections of its own
(the content and the user's imports), and `BackgroundSearch` runs searches on one worker
thread, delivering only the latest.

Kept apart from `search` (the ranking itself) because it reads the imports through
`desktop.core.library.imports`, which uses `search`'s passages and scores.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.library.search import MAX_QUERY_CHARS, SearchEngine, SearchResults


@dataclass(frozen=True)
class SearchSources:
    """The databases a search reads: the content and, for the user's imports, the user's
    database (None: the content only)."""

    content: Path
    user: Path | None = None


def _read_only(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection that cannot write: `mode=ro`, or also `immutable` on a read-only folder
    or mount, where a database in write-ahead mode cannot have its shared-memory file (as the
    user database itself is opened there, see `db.user_db`)."""
    from db.sqlite_uri import sqlite_uri

    def opened(query: str) -> sqlite3.Connection:
        conn = sqlite3.connect(sqlite_uri(path, query), uri=True, timeout=timeout)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    try:
        return opened("mode=ro")
    except sqlite3.Error:
        return opened("mode=ro&immutable=1")


def open_engine(sources: SearchSources) -> SearchEngine:
    """A `SearchEngine` on connections of its own to `sources`, all read-only, for the thread
    that calls this (a worker): the GUI's connections are never shared or held. The user's
    imports are left out when their database cannot be read. `engine.close()` closes them.

    Raises `sqlite3.Error` when the content database cannot be read.
    """
    content = _read_only(Path(sources.content))
    engine = SearchEngine(content)
    engine.connections.append(content)
    if sources.user is not None and Path(sources.user).is_file():
        try:
            user = _read_only(Path(sources.user))
        except sqlite3.Error:
            return engine
        from desktop.core.library.imports import ImportSearchSource

        engine.connections.append(user)
        engine.extra_sources.append(ImportSearchSource(user))
    return engine


class BackgroundSearch:
    """Searches on one worker thread of its own, so the caller (the GUI) never waits.

    `submit(text, sources)` returns the search's number at once (after `close()` it starts a
    new worker). `deliver(number, results)`
    is then called on the worker thread, only for the latest search: a search submitted while
    another runs interrupts the running one's SQL at once (`sqlite3_interrupt`), and a stale
    search's results are never delivered. `cancel()` drops what is pending and
    running; `close()` stops the worker and waits for it (call it before the receiver of
    `deliver` goes away). No `deliver` call starts after `cancel()` or `close()` returns.

    The worker opens its engine with `opener(sources)` (`open_engine`: read-only connections
    of its own), again whenever the sources change (another content pack, another data
    folder), and closes it when it stops.
    """

    def __init__(self, deliver: Callable[[int, SearchResults], None], limit: int = 40,
                 opener: Callable[[SearchSources], SearchEngine] = open_engine):
        self._deliver = deliver
        self._limit = limit
        self._opener = opener
        self._lock = threading.Condition()
        self._latest = 0
        self._running = 0
        self._pending: tuple[int, str, SearchSources] | None = None
        self._closed = False
        self._thread: threading.Thread | None = None
        #: The worker's open connections (opened and closed under the lock, so that
        #: `_interrupt` never touches a closed one).
        self._connections: list[sqlite3.Connection] = []

    @property
    def latest(self) -> int:
        """The number of the latest search submitted (or cancelled)."""
        return self._latest

    @property
    def alive(self) -> bool:
        """Whether the worker thread is running (it starts with the first search)."""
        return self._thread is not None and self._thread.is_alive()

    def submit(self, text: str, sources: SearchSources) -> int:
        """Search for `text` in `sources` on the worker; the search's number."""
        with self._lock:
            if self._closed:  # closed, then used again: a new worker starts
                self._closed = False
                self._thread = None
            self._latest += 1
            self._pending = (self._latest, text, sources)
            self._interrupt()
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="atlas-search",
                                                daemon=True)
                self._thread.start()
            self._lock.notify()
            return self._latest

    def cancel(self) -> None:
        """Drop the pending and the running search: neither is delivered."""
        with self._lock:
            self._latest += 1
            self._pending = None
            self._interrupt()

    def close(self, timeout: float = 10.0) -> bool:
        """Stop the worker (a running search stops at once) and wait for it; False when it
        did not stop within `timeout` seconds."""
        with self._lock:
            self._closed = True
            self._pending = None
            self._latest += 1
            self._interrupt()
            self._lock.notify_all()
            thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def _interrupt(self) -> None:
        """Stop the SQL of the running search, now stale (called with the lock held). Only
        statements running at this moment stop: the worker takes its next search under the
        lock, after this returns, so that one's statements are never hit."""
        if not self._running:
            return
        for conn in self._connections:
            with contextlib.suppress(sqlite3.Error):
                conn.interrupt()

    def _work(self) -> None:
        me = threading.current_thread()
        engine: SearchEngine | None = None
        opened_for: SearchSources | None = None
        try:
            while True:
                with self._lock:
                    while self._pending is None and not self._closed and self._thread is me:
                        self._lock.wait()
                    if self._closed or self._thread is not me:
                        return
                    number, text, sources = self._pending
                    self._pending = None
                if engine is None or sources != opened_for:
                    self._close_engine(engine, me)
                    engine, opened_for = self._open(sources, me)
                with self._lock:
                    if number != self._latest or self._thread is not me:
                        continue  # made stale while the engine opened
                    self._running = number
                results = self._search(engine, text)
                with self._lock:
                    if self._thread is not me:
                        continue
                    self._running = 0
                    if number == self._latest and not self._closed:
                        # RuntimeError: the receiver is gone (closed without close())
                        with contextlib.suppress(RuntimeError):
                            self._deliver(number, results)
        finally:
            self._close_engine(engine, me)

    def _open(self, sources: SearchSources, me: threading.Thread
              ) -> tuple[SearchEngine | None, SearchSources]:
        try:
            engine = self._opener(sources)
        except (sqlite3.Error, OSError):
            return None, sources
        with self._lock:
            if self._thread is me:
                self._connections = list(getattr(engine, "connections", ()))
        return engine, sources

    def _close_engine(self, engine: SearchEngine | None, me: threading.Thread) -> None:
        with self._lock:
            if self._thread is me:  # not a newer worker's (after close() and submit())
                self._running = 0
                self._connections = []
            if engine is not None:
                engine.close()

    def _search(self, engine: SearchEngine | None, text: str) -> SearchResults:
        text = (text or "")[:MAX_QUERY_CHARS]
        if engine is None:
            return SearchResults(text, (), note="The library cannot be searched just now: "
                                 "its database could not be opened. Restart IMiD Atlas.")
        try:
            return engine.search(text, limit=self._limit)
        except Exception:  # noqa: BLE001 - the worker must outlive any one search
            return SearchResults(text, (), note="This search failed. Try other words.")
