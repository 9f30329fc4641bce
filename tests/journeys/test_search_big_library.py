"""A researcher whose library holds ten imported documents of 3 million characters each
searches it with Ctrl+K (issue 15): the window keeps answering while a search over the big
imports runs (its event loop ticks all along), keys typed during a search land in the field and
the results follow the latest text, and a word found in one import opens it in the library."""

from __future__ import annotations

import random
import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTextBrowser

from desktop.widgets.search_popup import ROLE_HTML

IMPORTS = 10
CHARS = 3_000_000
#: Few words, each in every document hundreds of thousands of times: ranking any of them
#: reads long position lists (the slow case of issue 15). "tapir" is in no bundled text.
WORDS = ("the", "of", "and", "in", "to", "a", "was", "were", "with", "by", "for", "cells",
         "binds", "drug", "ligase", "protein", "bone", "marrow", "patients", "trial",
         "response", "dose", "weeks", "months", "tapir")
MARKED = 7  # the one import that mentions a narwhal


@pytest.fixture
def data_folder(data_folder, tmp_path):
    """The new user's folder, with ten long documents imported by the app's importer."""
    from desktop.core.atlas import Atlas
    from desktop.core.library.imports import ImportLibrary, ImportLimits

    rng = random.Random(15)
    atlas = Atlas.open(data_folder)
    try:
        library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir,
                                ImportLimits(max_file_bytes=2 * CHARS))
        for i in range(IMPORTS):
            opening = "A narwhal tusk study opens this review. " if i == MARKED else ""
            body = " ".join(rng.choices(WORDS, k=CHARS // 5))
            source = tmp_path / f"review-{i}.md"
            source.write_text(f"# Long review {i}\n\n{opening}{body}"[:CHARS], "utf-8")
            assert library.import_file(source).status == "imported"
            source.unlink()
    finally:
        atlas.close()
    return data_folder


class Pulse:
    """A 5 ms timer on the GUI thread: how often it fired, and how often it fired while the
    search popup was waiting for a search (which a search on the GUI thread never allows)."""

    def __init__(self, window):
        self.window = window
        self.ticks = 0
        self.during_search = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks += 1
        popup = self.window.search_popup
        if popup.searching:
            self.during_search += 1

    def stop(self) -> None:
        self.timer.stop()


def results(person) -> QListWidget:
    return person.find("Search results list", QListWidget)


def marked_words(item) -> set[str]:
    """The words drawn highlighted in a result row."""
    html = item.data(ROLE_HTML) or ""
    return {w.casefold() for w in re.findall(r"<span style=\"background-color:[^\"]*\">(\w+)",
                                             html)}


def own_documents(person) -> list:
    found = results(person)
    return [found.item(r) for r in range(found.count())
            if (found.item(r).toolTip() or "").startswith("My document: ")]


def settled(person, text: str) -> bool:
    """The popup shows results for `text` (a count in its status line, not "Searching…")."""
    popup = person.window.search_popup
    return (person.window.search_field.text() == text and popup.shows_results()
            and re.match(r"\d+ results? ", popup.status.text()) is not None)


def test_researcher_searches_ten_huge_imports_while_the_window_keeps_answering(person):
    person.press("Ctrl+K")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Search"
    pulse = Pulse(person.window)
    try:
        person.type("the")
        popup = person.window.search_popup
        person.wait_until(lambda: not popup.timer.isActive(),
                          what="the typing pause over: the search for 'the' starts")
        person.type(" tapir")  # typed on, while the search over the imports may still run
        assert field.text() == "the tapir"
        person.wait_until(lambda: settled(person, "the tapir"), timeout=30_000,
                          what="the results for 'the tapir'")
        mine = own_documents(person)
        # Only the imports hold "tapir": the list is theirs, not that of "the" (which
        # finds study notes and references first).
        rows = [results(person).item(r) for r in range(results(person).count())]
        assert len(mine) == IMPORTS == len([row for row in rows if row.toolTip()])
        assert popup.status.text().startswith(f"{IMPORTS} results")

        person.press("Ctrl+K")
        person.type("narwhal")
        person.wait_until(lambda: settled(person, "narwhal"), timeout=30_000,
                          what="the results for 'narwhal'")
        mine = own_documents(person)
        assert [item.toolTip() for item in mine] == [f"My document: Long review {MARKED}"]
        assert "narwhal" in marked_words(mine[0])
    finally:
        pulse.stop()
    # The window answered throughout: its timer fired while searches ran on the worker.
    assert pulse.during_search > 0, (pulse.ticks, pulse.during_search)

    while results(person).currentItem().toolTip() != mine[0].toolTip():
        person.press("Down")
    person.press("Return")
    person.wait_until(lambda: person.window.current_key == "library", what="the library")
    person.wait_until(
        lambda: any(f"Long review {MARKED}" in (w.text() if isinstance(w, QLabel)
                                                else w.toPlainText())
                    for w in person.widgets(QLabel) + person.widgets(QTextBrowser)),
        what="the narwhal review open in the library")
    assert field.text() == ""
