"""Untrusted text never reaches Qt rich text (issue 15, "Crashes from untrusted text").

Three layers:
- the one helper (`desktop.widgets.safe_text`), checked with generated strings: whatever a
  title holds, the tooltip, label and message box show exactly that text;
- the paths that crashed the app with `<img src=/dev/zero>` (a title from an import, a pack's
  term and note, a question set's name), walked in a real window in a subprocess, where a
  crash aborts only that process: each one must survive and show the text literally;
- a walk over every widget of every view with a pack, imports and a question set whose every
  string holds markup: no label, tooltip, item, text document or graphics item parses it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.hostile_data import (
    CANARY,
    CANARY_IMAGE,
    DEV_ZERO,
    FIXTURE_CONTENT,
    ROOT,
    hostile_pack,
    hostile_user_data,
)

pytestmark = pytest.mark.gui

#: Markup fragments a hostile title is made of (entities, tags Qt knows, broken tags).
_FRAGMENTS = st.sampled_from([
    "<img src=/dev/zero>", "<b>", "</b>", "<qt>", "<!DOCTYPE html>", "&lt;", "&amp;", "&#60;",
    "<a href='x'>", "<table><tr><td>", "<", ">", "&", "\n", "  ", "<br>", "<p style='x'>",
    "<i", "title", "é", "\u202e", "<style>*{}</style>",
])
HOSTILE_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), min_size=1,
                        max_size=8).map("".join)


# -- the helper ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE_TEXT)
def test_a_tooltip_shows_exactly_the_text(qapp, text):
    from PySide6.QtGui import Qt, QTextDocument

    from desktop.widgets.safe_text import tooltip

    shown = tooltip(text)
    if not Qt.mightBeRichText(shown):  # Qt shows it as it is
        assert shown == text
        return
    document = QTextDocument()
    document.setHtml(shown)
    # Rich text folds runs of spaces (the tooltip wraps like prose); nothing else changes.
    assert " ".join(document.toPlainText().split()) == " ".join(text.split())
    assert "<img" not in document.toHtml()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE_TEXT)
def test_a_plain_label_never_parses_markup(qapp, text):
    from PySide6.QtCore import Qt

    from desktop.widgets.safe_text import plain_label, set_plain

    label = plain_label("<b>first</b>")
    set_plain(label, text)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == text
    label.sizeHint()  # lays the text out: a parsed <img src=/dev/zero> would read it here


def test_message_boxes_are_plain_text_and_ask_defaults_to_no(qapp, qtbot):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

    from desktop.widgets.safe_text import ask, inform, menu_text

    seen = {}

    def answer(press_enter: bool):
        box = QApplication.activeModalWidget()
        try:
            seen["formats"] = {label.objectName(): label.textFormat()
                               for label in box.findChildren(QLabel) if label.text()}
            default = box.defaultButton()
            seen["default"] = default.text().replace("&", "") if default else None
            if press_enter:
                qtbot.keyClick(box, Qt.Key.Key_Return)
        finally:
            if box.isVisible():  # never leave the test blocked in exec()
                box.reject()

    QTimer.singleShot(0, lambda: answer(True))
    assert ask(None, "t", f"Remove {CANARY}?", informative=CANARY) is False  # Enter: No
    assert seen["default"] == "No"
    assert set(seen["formats"].values()) == {Qt.TextFormat.PlainText}
    assert {"qt_msgbox_label", "qt_msgbox_informativelabel"} <= set(seen["formats"])
    QTimer.singleShot(0, lambda: answer(False))
    inform(None, "t", CANARY)
    assert set(seen["formats"].values()) == {Qt.TextFormat.PlainText}
    assert menu_text("R&D pack") == "R&&D pack"
    assert QMessageBox.StandardButton.No  # the enum the helper returns exists in this Qt


# -- the paths that crashed, in a subprocess ----------------------------------------------

PROBE_CASES = ("library_remove", "search_hover", "glossary_hover", "pack_note_hover",
               "remove_set")
#: Address-space limit of the probe: a regression aborts in seconds instead of reading
#: /dev/zero into all the memory of the machine.
PROBE_MEMORY = 2500 * 1024 * 1024


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (PROBE_MEMORY, PROBE_MEMORY))


@pytest.fixture(scope="module")
def probe_output(tmp_path_factory) -> str:
    base = tmp_path_factory.mktemp("probe")
    pack = hostile_pack(base / "pack", DEV_ZERO)
    ids = hostile_user_data(base / "data", base / "files", DEV_ZERO)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "hostile" / "crash_probe.py"), str(base / "data"),
         str(pack), json.dumps(ids), *PROBE_CASES],
        capture_output=True, text=True, timeout=180, preexec_fn=_limit_memory,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    return result.stdout + f"\n(exit status {result.returncode})\n" + result.stderr[-3000:]


@pytest.mark.parametrize("case", PROBE_CASES)
def test_markup_that_crashed_the_app_is_shown_as_text(probe_output, case):
    assert f"survived {case}" in probe_output, probe_output
    shown = next(line for line in probe_output.splitlines() if line.startswith(f"shown {case}:"))
    # Message boxes and list items show the characters; tooltips show them escaped.
    assert DEV_ZERO in shown or "&lt;img src=/dev/zero&gt;" in shown, shown


# -- every widget of every view, in process ------------------------------------------------


@pytest.fixture(scope="module")
def hostile_world(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-world")
    pack = hostile_pack(base / "pack", CANARY)
    ids = hostile_user_data(base / "data", base / "files", CANARY)
    return base / "data", pack, ids


def _pack_ids(pack) -> dict[str, list[str]]:
    import tomllib

    ids: dict[str, list[str]] = {}
    for path in pack.rglob("*.toml"):
        data = tomllib.loads(path.read_text("utf-8"))
        for kind in ("reference", "event", "term", "question"):
            ids.setdefault(kind, []).extend(r["id"] for r in data.get(kind, []))
    ids["document"] = ["note-pi-summit-2003"]
    return ids


def test_no_widget_parses_untrusted_markup(qapp, qtbot, hostile_world):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_context, settings_for, start_window
    from desktop.core.paths import AtlasPaths
    from desktop.core.presenter.slides import SlideRef
    from desktop.interop.dialogs import QuestionSetsDialog
    from desktop.views import VIEW_SPECS
    from tests.hostile.widget_walk import rich_text_problems

    data_dir, pack, ids = hostile_world
    paths = AtlasPaths.create(data_dir, FIXTURE_CONTENT)
    ctx = build_context(paths, [pack], settings_for(paths), "light")
    window = start_window(ctx)
    qtbot.addWidget(window)
    problems: list[str] = []

    def look(step: str) -> None:
        QApplication.processEvents()
        problems.extend(f"[{step}] {p}" for p in rich_text_problems())

    try:
        for spec in VIEW_SPECS:
            window.show_view(spec.key)
            look(f"view {spec.key}")
        records = _pack_ids(pack)
        records["import"] = [str(i) for i in ids["imports"]]
        records["question"] += [f"set-{ids['set']}-1"]
        for kind, item_ids in records.items():
            for item_id in item_ids:
                window.open_item(kind, item_id)
                look(f"{kind} {item_id}")
        quiz = window.show_view("quiz")
        window.open_item("question", records["question"][0])
        quiz.presenter.answer(["a"])
        look("quiz feedback")
        quiz.presenter.end_session()
        look("quiz results")
        window.glossary.show()
        window.glossary.ensure_loaded()
        look("glossary panel")
        for query in ("ixazomib", "heading", "page", "SUMMIT"):
            window.search_popup.field.setText(query)
            window.search_popup.run_search()
            qtbot.waitUntil(window.search_popup.shows_results, timeout=10_000)
            look(f"search {query}")
        window.search_popup.hide()
        timeline = window.show_view("timeline")
        window.open_item("event", records["event"][0])
        timeline.story_button.click()
        look("timeline story")
        window.file_actions.fill_packs_menu()
        look("packs menu")
        dialog = QuestionSetsDialog(ctx.user, window)
        dialog.show()
        look("question sets dialog")
        dialog.close()
        slides = [SlideRef(kind, item_id) for kind in ("term", "event", "question")
                  for item_id in records[kind]]
        window.present(CANARY + " lesson", slides)
        presenter = window.presenter
        for n in range(len(slides)):
            look(f"presenter slide {n}")
            document = presenter.slide.current_document()
            if document is not None and f'<img src="{CANARY_IMAGE}"' in document.toHtml():
                problems.append(f"presenter slide {n} holds the canary image: {slides[n]}")
            QTest.keyClick(presenter, Qt.Key.Key_Right)
        presenter.close()
    finally:
        window.close()
        ctx.atlas.close()
    assert not problems, "\n".join(problems)
