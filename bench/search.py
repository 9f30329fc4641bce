"""Search latency: FTS5 search versus a naive LIKE scan, on the bundled content and at 10,000
documents. Prints one JSON line.

    python bench/search.py [--docs 10000] [--repeat 5] [--cache DIR]

Both engines answer the same fixed query set in the same run. The LIKE scan is what a search
without an index would do: every word must occur (case-insensitive) in the title, text or
aliases; it finds all matches and ranks none of them. The generated library mixes abstracts
(150-400 words), study-note-length texts (800-2,000) and full papers (3,000-6,000), written
from the bundled content's own vocabulary so that the queries match as they would in reality.
Targets: p95 at most 5 ms on the bundled content and at most 30 ms at 10,000 documents.

The `imports` case (issue 15) is a user's library of ten imported documents of 3 million
characters each, imported through the app's importer, searched from the toolbar as the app
does (content and imports together), with the queries above plus a common word ("the") and a
pasted megabyte: `p50_ms`... are one search's own time (now on a worker thread). What a person
feels is the GUI thread: `gui` types queries into the real search popup, one key every 150 ms
(so each prefix is searched), plus the pasted megabyte, and a 5 ms heartbeat timer on the GUI
thread records how late each tick comes (event-loop latency; target p99 at most 50 ms). The
baseline, in the same run and the same popup, is the search as it was before: run on the GUI
thread when the popup asks for it. `results_ms` is the time from the last key to the results
on screen (it includes the popup's 120 ms typing pause). `library_filter_ms` is the library
view's filter box over the same library, per keystroke (titles, authors and years only: it never
reads the imports' text). `--snippet-baseline` also times FTS5's snippet(), the way imports'
snippets were made before issue 15 (minutes for a common word; off by default).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = (
    "cereblon", "CRBN", "thalidomide", "lenalidomide", "pomalidomide", "iberdomide",
    "mezigdomide", "IKZF1", "Ikaros Aiolos", "SALL4", "CK1α", "CK1a", "TNF-alpha", "degrad",
    "phocomelia", "Kelsey", "Grünenthal", "del(5q)", "REMS", "neosubstrate", "molecular glue",
    "venous thromboembolism", "Ito 2010", "Krönke", "zinc finger degron", "GSPT1", "CELMoD",
    "myelodysplastic", "teratogen", "angiogenesis", "multiple myeloma maintenance",
    "dexamethasone", "resistance mutations", "E3 ubiquitin ligase", "limb defects",
    "ceribon", "lenalidomid", "bortezomib lenalidomide dexamethasone", "T cell", "1961",
)
TARGETS_MS = {"bundled": 5.0, "generated": 30.0, "gui_p99_latency": 50.0}
#: Typed into the search popup one key at a time in the `gui` part of the imports case.
TYPED = ("cereblon", "the", "of the", "lenalidomide", "CRBN", "T cell", "multiple myeloma",
         "degrad", "thalidomide teratogen")
KEY_INTERVAL_MS = 150
HEARTBEAT_MS = 5
RESULTS_TIMEOUT_MS = 60_000
IMPORT_QUERIES = QUERIES + ("the", "cereblon thalidomide", "of the", "x" * 1_000_000)
LENGTHS = ((0.6, 150, 400), (0.3, 800, 2000), (0.1, 3000, 6000))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def time_queries(fn, repeat: int) -> list[float]:
    for query in QUERIES:  # warm caches (name index, pages) once, as a session would
        fn(query)
    times = []
    for _ in range(repeat):
        for query in QUERIES:
            start = time.perf_counter()
            fn(query)
            times.append((time.perf_counter() - start) * 1000)
    return times


def like_search(conn: sqlite3.Connection):
    """The naive baseline: every folded word somewhere in title, text or aliases."""
    from desktop.core.library.search import query_terms

    def run(text: str) -> int:
        terms = query_terms(text)
        if not terms:
            return 0
        where = " AND ".join("(title LIKE ? OR body LIKE ? OR aliases LIKE ?)" for _ in terms)
        params = [p for t in terms for p in (f"%{t}%",) * 3]
        return len(conn.execute(f"SELECT kind, item_id, title FROM plain WHERE {where}",
                                params).fetchall())
    return run


def measure(db_path: Path, repeat: int) -> dict:
    from desktop.core.library.search import SearchEngine

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    engine = SearchEngine(conn)
    fts = time_queries(lambda q: engine.search(q, limit=40), repeat)
    docs = conn.execute("SELECT count(*) FROM search").fetchone()[0]
    words = conn.execute("SELECT sum(length(body)) FROM search").fetchone()[0] or 0
    plain = sqlite3.connect(":memory:")
    plain.execute("CREATE TABLE plain (kind, item_id, title, body, aliases)")
    plain.executemany("INSERT INTO plain VALUES (?, ?, ?, ?, ?)",
                      conn.execute("SELECT kind, item_id, title, body, aliases FROM search"))
    like = time_queries(like_search(plain), repeat)
    conn.close()
    fts_p95, like_p95 = percentile(fts, 0.95), percentile(like, 0.95)
    return {
        "records": docs, "text_mb": round(words / 1e6, 1),
        "fts_p50_ms": round(percentile(fts, 0.5), 3), "fts_p95_ms": round(fts_p95, 3),
        "like_p50_ms": round(percentile(like, 0.5), 3), "like_p95_ms": round(like_p95, 3),
        "ratio_p95_like_over_fts": round(like_p95 / fts_p95, 1),
    }


def vocabulary(content_db: Path) -> tuple[list[str], list[int], list[str]]:
    """Words of the bundled content with their frequencies, and its sentences' first words."""
    conn = sqlite3.connect(f"file:{content_db}?mode=ro", uri=True)
    counts: Counter[str] = Counter()
    for (body,) in conn.execute("SELECT body FROM search"):
        counts.update(re.findall(r"[A-Za-zÀ-ÿα-ω0-9][\w'()-]*", body))
    names = [r[0] for r in conn.execute("SELECT term FROM terms")]
    conn.close()
    words = [w for w, _ in counts.most_common()]
    return words, [counts[w] for w in words], names


def generate_library(path: Path, content_db: Path, n_docs: int, seed: int = 4) -> None:
    """A content DB with `n_docs` documents in the app's search schema."""
    from db.text import greek_variants

    rng = random.Random(seed)
    words, weights, names = vocabulary(content_db)
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, item_id UNINDEXED, title, "
        "body, aliases, tokenize = 'porter unicode61 remove_diacritics 2', "
        "prefix = '2 3 4');"
        'CREATE TABLE "references" (id TEXT PRIMARY KEY, title TEXT, first_author TEXT, '
        "year INTEGER);"
        "CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, reference_id TEXT);"
        "CREATE TABLE terms (id TEXT PRIMARY KEY, term TEXT, abbreviations TEXT, "
        "synonyms TEXT);"
        "CREATE TABLE events (id TEXT PRIMARY KEY, headline TEXT);")
    surnames = ["Ito", "Zhu", "Kumar", "Krönke", "Lu", "Fischer", "Donovan", "Palumbo",
                "Rajkumar", "Richardson", "Attal", "Dimopoulos", "Sievers", "Matyskiela"]
    batch = []
    for i in range(n_docs):
        pick = rng.random()
        for share, shortest, longest in LENGTHS:
            low, high = shortest, longest  # the last length class when none is picked
            if pick < share:
                break
            pick -= share
        n_words = rng.randint(low, high)
        body_words = rng.choices(words, weights, k=n_words)
        sentences, at = [], 0
        while at < n_words:
            step = rng.randint(8, 25)
            chunk = body_words[at:at + step]
            sentences.append(" ".join(chunk).capitalize() + ".")
            at += step
        body = " ".join(sentences)
        title = " ".join(rng.choices(words, weights, k=rng.randint(5, 12))).capitalize()
        if rng.random() < 0.3:
            title = f"{rng.choice(names)}: {title}"
        author, year = rng.choice(surnames), rng.randint(1957, 2026)
        doc_id = f"gen-{i:05d}"
        aliases = f"{author} {year} " + greek_variants(title + " " + body)
        batch.append(("document", doc_id, title, body, aliases))
        conn.execute('INSERT INTO "references" VALUES (?, ?, ?, ?)',
                     (doc_id, title, author, year))
        if len(batch) == 500:
            conn.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?)", batch)
            batch = []
    conn.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?)", batch)
    conn.execute("INSERT INTO search (search) VALUES ('optimize')")
    conn.commit()
    conn.close()


def import_library(work: Path, content_db: Path, n: int, chars: int) -> Path:
    """A data folder whose user database holds `n` imports of `chars` characters each,
    imported through the app's importer (kept in `work` between runs)."""
    from desktop.core.atlas import Atlas
    from desktop.core.library.imports import ImportLibrary, ImportLimits

    data = work / f"imports-{n}x{chars}"
    done = data / "complete"
    if done.exists():
        return data
    rng = random.Random(7)
    words, weights, _names = vocabulary(content_db)
    atlas = Atlas.open(data)
    try:
        library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir,
                                ImportLimits(max_file_bytes=4 * chars))
        for i in range(n):
            parts, size = [f"# Imported paper {i}\n\n"], 0
            while size < chars:
                sentence = " ".join(rng.choices(words, weights, k=rng.randint(8, 25)))
                sentence = sentence.capitalize() + ". "
                parts.append(sentence)
                size += len(sentence)
            path = work / f"import-{i}.md"
            path.write_text("".join(parts)[:chars], "utf-8")
            outcome = library.import_file(path)
            path.unlink()
            assert outcome.status == "imported", outcome
    finally:
        atlas.close()
    done.write_text("ok")
    return data


def old_import_snippets(conn):
    """The baseline: imports searched with FTS5's snippet() (as before issue 15)."""
    from desktop.core.library.search import MARK_CLOSE, MARK_OPEN, match_expression

    def run(text: str) -> int:
        expression = match_expression(text)
        if expression is None:
            return 0
        rows = conn.execute(
            "SELECT rowid, title, snippet(imported_search, 1, "
            f"'{MARK_OPEN}', '{MARK_CLOSE}', '…', 14), rank FROM imported_search "
            "WHERE imported_search MATCH ? AND rank MATCH 'bm25(10.0, 1.0, 6.0)' "
            "ORDER BY rank LIMIT 40", (expression,)).fetchall()
        return len(rows)
    return run


def measure_imports(data: Path, repeat: int, snippet_baseline: bool = False) -> dict:
    """Toolbar search over the content and the imports (one search's own time), and the old
    snippet() baseline when asked for."""
    from desktop.core.atlas import Atlas
    from desktop.core.library.imports import ImportSearchSource
    from desktop.core.library.search import SearchEngine

    atlas = Atlas.open(data)
    try:
        engine = SearchEngine(atlas.content.conn,
                              extra_sources=[ImportSearchSource(atlas.user)])
        times = []
        for query in IMPORT_QUERIES:
            engine.search(query, limit=40)
        for _ in range(repeat):
            for query in IMPORT_QUERIES:
                start = time.perf_counter()
                engine.search(query, limit=40)
                times.append((time.perf_counter() - start) * 1000)
        baseline = []
        if snippet_baseline:
            old = old_import_snippets(atlas.user.conn)
            for query in ("cereblon", "the", "lenalidomide", "CRBN"):
                start = time.perf_counter()
                old(query)
                baseline.append((time.perf_counter() - start) * 1000)
        chars = atlas.user.conn.execute(
            "SELECT count(*), sum(length(text)) FROM imported_documents").fetchone()
    finally:
        atlas.close()
    out = {"imports": chars[0], "import_chars": chars[1],
           "p50_ms": round(percentile(times, 0.5), 2),
           "p95_ms": round(percentile(times, 0.95), 2),
           "p99_ms": round(percentile(times, 0.99), 2), "max_ms": round(max(times), 2)}
    if baseline:
        out.update({
            "baseline_snippet_max_ms": round(max(baseline), 1),
            "baseline_snippet_mean_ms": round(sum(baseline) / len(baseline), 1),
            "ratio_baseline_max_over_p99": round(max(baseline) / percentile(times, 0.99), 1)})
    return out


class GuiThreadSearch:
    """The baseline searcher for the popup: the search runs on the GUI thread when the popup
    asks for it, on the GUI's own connections, as before (results handed over a moment
    later only so that the popup's bookkeeping sees them as it does the worker's)."""

    def __init__(self, atlas, deliver, limit: int = 40):
        from desktop.core.library.imports import ImportSearchSource
        from desktop.core.library.search import SearchEngine

        self.engine = SearchEngine(atlas.content.conn, [ImportSearchSource(atlas.user)])
        self.deliver, self.limit, self.latest = deliver, limit, 0

    def submit(self, text: str, _sources) -> int:
        from PySide6.QtCore import QTimer

        self.latest += 1
        number, results = self.latest, self.engine.search(text, limit=self.limit)
        QTimer.singleShot(0, lambda: self.deliver(number, results))
        return number

    def cancel(self) -> None:
        self.latest += 1

    def close(self, timeout: float = 0) -> bool:
        return True


def type_into_popup(app, atlas, searcher_factory) -> dict:
    """Type `TYPED` (and paste a megabyte) into a real search popup with a heartbeat timer on
    the GUI thread; the heartbeat's lateness and the time from last key to results."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from desktop.core.library.background_search import SearchSources
    from desktop.widgets.search_popup import SearchPopup

    window = QWidget()
    window.resize(1000, 700)
    field = QLineEdit()
    QVBoxLayout(window).addWidget(field, alignment=Qt.AlignmentFlag.AlignTop)
    sources = SearchSources(atlas.content.path, atlas.user.path)
    popup = SearchPopup(field, lambda: sources, window, searcher_factory=searcher_factory)
    window.show()
    ticks: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e6))

    def wait(ms: float, until=None) -> None:
        """Run the event loop (idle, as app.exec() is) for `ms`, or until `until()`."""
        loop = QEventLoop()
        QTimer.singleShot(int(ms), loop.quit)
        check = QTimer()
        check.setInterval(5)
        check.timeout.connect(lambda: until() and loop.quit())
        if until is not None:
            if until():
                return
            check.start()
        loop.exec()
        check.stop()

    def edit(text: str) -> None:
        field.setText(text)
        field.textEdited.emit(text)  # what a key press does (setText alone does not)

    def shown(text: str) -> bool:
        return (not popup.timer.isActive() and not popup.searching
                and popup.results is not None and popup.results.query == text[:500])

    results_ms = []
    clock.start()
    heartbeat.start()
    for query in (*TYPED, "x" * 1_000_000):
        edit("")
        popup.hide()
        wait(50)
        steps = [query] if len(query) > 100 else [query[:i] for i in range(1, len(query) + 1)]
        for typed in steps[:-1]:
            edit(typed)
            wait(KEY_INTERVAL_MS)
        edit(steps[-1])
        last_key = time.perf_counter()
        wait(RESULTS_TIMEOUT_MS, lambda q=query: shown(q))
        results_ms.append((time.perf_counter() - last_key) * 1000)
    heartbeat.stop()
    popup.shutdown()
    window.close()
    window.deleteLater()
    app.processEvents()
    late = [max(0.0, b - a - HEARTBEAT_MS) for a, b in zip(ticks, ticks[1:], strict=False)]
    return {"ticks": len(ticks),
            "latency_p50_ms": round(percentile(late, 0.5), 1),
            "latency_p99_ms": round(percentile(late, 0.99), 1),
            "longest_stall_ms": round(max(late), 1),
            "stalls_over_50ms": sum(1 for x in late if x > 50),
            "results_p50_ms": round(percentile(results_ms, 0.5), 1),
            "results_max_ms": round(max(results_ms), 1)}


def measure_gui(data: Path) -> dict:
    """The GUI thread while a person types into the search popup over `data`: searches on
    the popup's worker thread, and the baseline (searches on the GUI thread) in the same run.
    Also the library view's filter box, per keystroke."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.core.atlas import Atlas
    from desktop.core.library.background_search import BackgroundSearch

    app = QApplication.instance() or QApplication([])
    atlas = Atlas.open(data)
    try:
        before = type_into_popup(app, atlas, lambda deliver: GuiThreadSearch(atlas, deliver))
        after = type_into_popup(app, atlas, BackgroundSearch)
        library = library_filter_times(atlas)
    finally:
        atlas.close()
    return {"after_worker_thread": after, "before_gui_thread": before,
            "ratio_p99_latency_before_over_after":
                round(before["latency_p99_ms"] / max(after["latency_p99_ms"], 0.1), 1),
            "ratio_longest_stall_before_over_after":
                round(before["longest_stall_ms"] / max(after["longest_stall_ms"], 0.1), 1),
            "library_filter_ms": library}


def library_filter_times(atlas) -> dict:
    """The library view's filter box (its model and proxy) over the content and the
    imports: milliseconds per keystroke while `TYPED` is typed."""
    from desktop.core.library.entries import library_entries
    from desktop.core.library.imports import ImportLibrary
    from desktop.library.library_model import LibraryFilterProxy, LibraryModel

    model = LibraryModel()
    model.set_entries(library_entries(atlas.content,
                                      ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)))
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    times = []
    for query in TYPED:
        for i in range(1, len(query) + 1):
            start = time.perf_counter()
            proxy.set_text(query[:i])
            proxy.rowCount()
            times.append((time.perf_counter() - start) * 1000)
    return {"rows": model.rowCount(), "p50": round(percentile(times, 0.5), 2),
            "max": round(max(times), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", help="folder to keep the built databases between runs")
    parser.add_argument("--imports", type=int, default=10,
                        help="imported documents in the imports case (0: skip it)")
    parser.add_argument("--import-chars", type=int, default=3_000_000)
    parser.add_argument("--snippet-baseline", action="store_true",
                        help="also time FTS5 snippet() on the imports (minutes)")
    args = parser.parse_args()
    from desktop.core.atlas import Atlas

    work = Path(args.cache or tempfile.mkdtemp(prefix="atlas-bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    atlas = Atlas.open(work / "data", with_user=False)
    content_db = atlas.content.path
    atlas.close()
    generated = work / f"generated-{args.docs}.sqlite"
    build_s = 0.0
    if not generated.exists():
        start = time.perf_counter()
        partial = generated.with_suffix(".part")
        partial.unlink(missing_ok=True)
        generate_library(partial, content_db, args.docs)
        partial.rename(generated)
        build_s = time.perf_counter() - start
    bundled = measure(content_db, args.repeat)
    big = measure(generated, args.repeat)
    big["build_s"] = round(build_s, 1)
    imports = None
    if args.imports:
        data = import_library(work, content_db, args.imports, args.import_chars)
        imports = measure_imports(data, args.repeat, args.snippet_baseline)
        imports["gui"] = measure_gui(data)
    result = {
        "benchmark": "search", "queries": len(QUERIES), "repeat": args.repeat,
        "bundled": bundled, "generated": big, "imports": imports,
        "targets_p95_ms": TARGETS_MS,
        "ok": bundled["fts_p95_ms"] <= TARGETS_MS["bundled"]
        and big["fts_p95_ms"] <= TARGETS_MS["generated"]
        and (imports is None or imports["gui"]["after_worker_thread"]["latency_p99_ms"]
             <= TARGETS_MS["gui_p99_latency"]),
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
