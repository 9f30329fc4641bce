"""The toolbar search popup: why a search finds nothing, kinds a view hides for a while, the
field cleared once a result opens, and Ctrl+Enter never opening a result. Searches run on a
worker thread: typing goes on while one runs, the latest text wins, Enter pressed before the
results opens the first one when they come, Escape drops a running search, and closing the
window stops the worker."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop.core.library.background_search import BackgroundSearch, SearchSources, open_engine
from desktop.core.library.search import SearchResults
from desktop.widgets.search_popup import SearchPopup


def run(main_window, qtbot, text: str):
    main_window.focus_search()
    field = main_window.search_field
    field.clear()
    qtbot.keyClicks(field, text)
    popup = main_window.search_popup
    qtbot.waitUntil(popup.shows_results)
    return field, popup


def test_an_operators_only_search_says_why_it_finds_nothing(main_window, qtbot):
    _field, popup = run(main_window, qtbot, '"AND OR (')
    assert popup.list.count() == 0
    assert "not search operators here" in popup.status.text()


def test_a_view_can_hide_a_kind_for_a_while(main_window, qtbot):
    hidden = {"on": True}
    main_window.ctx.services.setdefault("search_restrictions", []).append(
        lambda: (("term",), "Terms are hidden for this test.") if hidden["on"] else None)
    _field, popup = run(main_window, qtbot, "cereblon")
    kinds = {popup.list.item(r).data(Qt.ItemDataRole.UserRole)
             for r in popup.selectable_rows()}
    assert "term" not in kinds and kinds
    assert "Terms are hidden for this test." in popup.status.text()
    hidden["on"] = False
    _field, popup = run(main_window, qtbot, "cereblon")
    assert "term" in {popup.list.item(r).data(Qt.ItemDataRole.UserRole)
                      for r in popup.selectable_rows()}


def test_opening_a_result_clears_the_field_and_ctrl_enter_opens_nothing(main_window, qtbot):
    opened = []
    field, popup = run(main_window, qtbot, "cereblon")
    popup.result_activated.connect(lambda kind, item_id: opened.append((kind, item_id)))
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened == [] and field.text() == "cereblon"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert opened and opened[0][0] == "term"
    assert field.text() == "" and not popup.isVisible()


# -- searches on the worker thread ---------------------------------------------------------

class GatedEngine:
    """The real engine over the fixture library, except that each search first runs SQL that
    lasts until the test opens the gate (a slow search over huge imports, on demand). The
    SQL sleeps a millisecond a row, so it holds neither a core nor the GIL, and SQLite's
    interrupt stops it as it would stop a real ranking."""

    def __init__(self, sources: SearchSources, gate: threading.Event):
        self.engine = open_engine(sources)
        self.connections = self.engine.connections
        self.gate = gate
        self.searched: list[str] = []
        self.engine.conn.create_function("closed", 0, self._closed)

    def _closed(self) -> int:
        self.gate.wait(0.001)
        return 0 if self.gate.is_set() else 1

    def search(self, text: str, limit: int = 40) -> SearchResults:
        try:
            self.engine.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
                                     "FROM c WHERE closed()) SELECT count(*) FROM c").fetchall()
        except sqlite3.OperationalError:
            return SearchResults(text, ())  # interrupted: stale, and never shown
        self.searched.append(text)
        return self.engine.search(text, limit=limit)

    def close(self) -> None:
        self.engine.close()


@pytest.fixture
def gated(qtbot, atlas):
    """A search field with its popup, searching through a `GatedEngine`; the gate closed."""
    gate = threading.Event()
    engines: list[GatedEngine] = []
    sources = SearchSources(atlas.content.path, atlas.user.path)

    def opener(opened_for):
        engines.append(GatedEngine(opened_for, gate))
        return engines[-1]

    window = QWidget()
    window.resize(900, 600)
    field = QLineEdit()
    QVBoxLayout(window).addWidget(field, alignment=Qt.AlignmentFlag.AlignTop)
    popup = SearchPopup(field, lambda: sources, window,
                        searcher_factory=lambda deliver: BackgroundSearch(deliver,
                                                                          opener=opener))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    shown: list[str] = []
    show_results = popup.show_results
    popup.show_results = lambda results: (shown.append(results.query), show_results(results))
    yield popup, field, gate, shown, engines
    gate.set()
    popup.shutdown()
    assert not popup.searcher.alive


def ticking(qtbot, ms: int) -> int:
    """How many times a 10 ms timer on the GUI thread fires in `ms` (the loop's pulse)."""
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.wait(ms)
    timer.stop()
    return len(ticks)


def test_typing_goes_on_while_a_search_runs_and_the_latest_text_wins(gated, qtbot):
    popup, field, gate, shown, engines = gated
    qtbot.keyClicks(field, "cere")
    qtbot.waitUntil(lambda: popup.searching and not popup.timer.isActive())
    assert ticking(qtbot, 400) >= 10  # the event loop runs while the search is held
    assert popup.isVisible() and popup.status.text() == SearchPopup.SEARCHING_TEXT
    qtbot.keyClicks(field, "blon")  # keys typed during the search reach the field
    assert field.text() == "cereblon"
    qtbot.waitUntil(lambda: not popup.timer.isActive())
    gate.set()
    qtbot.waitUntil(lambda: not popup.searching, timeout=10_000)
    assert shown == ["cereblon"]  # "cere" was stopped and dropped, never shown
    assert popup.results.hits[0].item_id == "cereblon"
    assert "result" in popup.status.text()
    assert engines[0].searched == ["cereblon"]


def test_enter_before_the_results_opens_the_first_result_when_they_come(gated, qtbot):
    popup, field, gate, shown, _engines = gated
    opened: list[tuple[str, str]] = []
    popup.result_activated.connect(lambda kind, item_id: opened.append((kind, item_id)))
    qtbot.keyClicks(field, "CRBN")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # before the typing pause: searches at once
    assert popup.searching and opened == []
    gate.set()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert opened == [("term", "cereblon")]
    assert field.text() == "" and not popup.isVisible()


def test_escape_drops_a_running_search(gated, qtbot):
    popup, field, gate, shown, _engines = gated
    qtbot.keyClicks(field, "cereblon")
    qtbot.waitUntil(lambda: popup.isVisible() and popup.searching)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not popup.isVisible() and not popup.searching
    gate.set()
    assert ticking(qtbot, 300) >= 5
    assert shown == [] and not popup.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Down)  # Down searches again and shows the results
    qtbot.waitUntil(lambda: shown == ["cereblon"], timeout=10_000)
    assert popup.isVisible()


def test_closing_the_window_stops_a_running_search(main_window, qtbot):
    main_window.focus_search()
    qtbot.keyClicks(main_window.search_field, "cereblon")
    popup = main_window.search_popup
    qtbot.waitUntil(lambda: not popup.timer.isActive())
    assert popup.searcher.alive
    main_window.close()
    assert not popup.searcher.alive


def test_forty_results_fill_in_a_few_rows_a_pass_the_first_one_chosen(gated, qtbot):
    from db.records import SearchHit

    popup, field, _gate, _shown, _engines = gated
    hits = tuple(SearchHit("import" if i % 2 else "document", str(i), f"Result {i}",
                           f"a <mark>snippet</mark> for result {i} " * 3, float(i))
                 for i in range(40))
    popup.show_results(SearchResults("snippet", hits))
    assert popup.isVisible() and popup.list.count() == SearchPopup.ROWS_PER_PASS
    assert not popup.shows_results()  # the rest is still being added
    assert popup.list.currentItem().text() == "Result 0"
    qtbot.waitUntil(popup.shows_results)
    assert popup.list.count() == 42  # forty results under two kind headers
    assert popup.list.currentItem().text() == "Result 0"
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert popup.list.currentItem().text() == "Result 2"  # the next of the same kind
    # a new search's results replace the rows still queued, never mixed with them
    popup.show_results(SearchResults("snippet", hits))
    assert popup.list.count() == SearchPopup.ROWS_PER_PASS
    popup.show_results(SearchResults("other", hits[3:5]))
    qtbot.waitUntil(popup.shows_results)
    assert sorted(popup.list.item(r).text() for r in popup.selectable_rows()) == \
        ["Result 3", "Result 4"]
