"""The Library view with real widgets: table, filter, reader, citations, imports, history."""

from __future__ import annotations

import bibtexparser
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.library.library_model import KEY_ROLE, TITLE, YEAR, LibraryFilterProxy, LibraryModel
from tests.core.library.pdf_files import blank_pdf, text_pdf


@pytest.fixture
def library(main_window):
    return main_window.show_view("library")


@pytest.fixture
def browser_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(url.toString())
                        or True)
    return calls


def keys(view) -> list[tuple[str, str]]:
    out = []
    for row in range(view.proxy.rowCount()):
        kind, _, item_id = view.proxy.index(row, TITLE).data(KEY_ROLE).partition(":")
        out.append((kind, item_id))
    return out


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# -- the model ---------------------------------------------------------------------------------

def test_model_and_proxy_pass_the_model_tester(qtmodeltester, app_ctx):
    from desktop.core.library.entries import library_entries

    model = LibraryModel()
    model.set_entries(library_entries(app_ctx.content))
    qtmodeltester.check(model)
    proxy = LibraryFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("science")
    proxy.sort(YEAR, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_table_lists_notes_and_references_and_sorts(library):
    listed = keys(library)
    assert listed[0] == ("document", "note-ito-2010")  # study notes first
    assert {("reference", "ito-2010-science"), ("reference", "kronke-2014-science"),
            ("reference", "fda-thalomid-1998")} <= set(listed)
    library.table.sortByColumn(YEAR, Qt.SortOrder.DescendingOrder)
    years = [library.proxy.index(r, YEAR).data() for r in range(library.proxy.rowCount())]
    assert years == sorted(years, reverse=True)
    library.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    titles = [library.proxy.index(r, TITLE).data().casefold()
              for r in range(library.proxy.rowCount())]
    assert titles == sorted(titles)


def test_filter_box_and_group_chooser(library, qtbot):
    qtbot.keyClicks(library.filter_edit, "kronke science")
    assert keys(library) == [("reference", "kronke-2014-science")]
    assert "1 of" in library.count_label.text()
    library.filter_edit.clear()
    library.group_combo.setCurrentIndex(library.group_combo.findData("notes"))
    assert keys(library) == [("document", "note-ito-2010")]
    library.group_combo.setCurrentIndex(library.group_combo.findData("mine"))
    assert keys(library) == []


def test_keyboard_from_filter_to_table_to_reader(library, qtbot, main_window):
    library.focus_filter()
    qtbot.keyClicks(library.filter_edit, "Thalomid")
    qtbot.keyClick(library.filter_edit, Qt.Key.Key_Down)
    assert library.table.hasFocus()
    assert library.current_item() == ("reference", "fda-thalomid-1998")
    assert "Thalomid approval" in library.reader.toPlainText()


# -- the reader --------------------------------------------------------------------------------

def test_open_item_selects_and_shows_the_record(main_window, library):
    assert main_window.open_item("reference", "kronke-2014-science")
    assert library.current_item() == ("reference", "kronke-2014-science")
    selected = library.table.currentIndex().siblingAtColumn(TITLE).data(KEY_ROLE)
    assert selected == "reference:kronke-2014-science"
    text = library.reader.toPlainText()
    assert "Lenalidomide causes selective degradation" in text
    assert "10.1126/science.1244851" in text
    assert not library.open_item("reference", "no-such-paper")


def test_open_item_clears_a_filter_that_hides_the_record(main_window, library, qtbot):
    qtbot.keyClicks(library.filter_edit, "Thalomid")
    assert main_window.open_item("document", "note-ito-2010")
    assert library.filter_edit.text() == ""
    assert library.current_item() == ("document", "note-ito-2010")


def test_reader_shows_mentioned_in_with_links(main_window, library):
    main_window.open_item("reference", "ito-2010-science")
    html = library.reader.toHtml()
    assert "Mentioned in" in library.reader.toPlainText()
    assert 'href="event:cereblon-found-2010"' in html
    assert 'href="doc:note-ito-2010"' in html


def test_copy_citation_and_doi(main_window, library, browser_calls):
    main_window.open_item("reference", "ito-2010-science")
    library.cite_button.click()
    clip = QGuiApplication.clipboard().text()
    assert clip.startswith("Ito T, Ando H, Suzuki T, Handa H. Identification")
    assert clip.endswith("doi:10.1126/science.1177319")
    library.cite_actions["vancouver"].trigger()
    assert QGuiApplication.clipboard().text().endswith("PMID: 20223979.")
    library.doi_button.click()
    assert QGuiApplication.clipboard().text() == "10.1126/science.1177319"
    assert browser_calls == []


def test_open_in_browser_only_on_click(main_window, library, browser_calls):
    for kind, item_id in (("reference", "ito-2010-science"), ("document", "note-ito-2010"),
                          ("reference", "fda-thalomid-1998")):
        main_window.open_item(kind, item_id)
    assert browser_calls == []  # showing records never touches the network
    library.browser_button.click()
    assert browser_calls == ["https://www.accessdata.fda.gov/"]
    main_window.open_item("reference", "ito-2010-science")
    library.browser_button.click()
    assert browser_calls[-1] == "https://doi.org/10.1126/science.1177319"


def test_links_in_the_reader_navigate_and_back_returns(main_window, library, app_ctx):
    main_window.open_item("reference", "ito-2010-science")
    library.reader.anchorClicked.emit(__import__("PySide6.QtCore").QtCore.QUrl(
        "doc:note-ito-2010"))
    assert library.current_item() == ("document", "note-ito-2010")
    assert main_window.back_action.isEnabled()
    main_window.go_back()
    assert library.current_item() == ("reference", "ito-2010-science")
    main_window.go_forward()
    assert library.current_item() == ("document", "note-ito-2010")


def test_browsing_the_table_updates_the_place_back_returns_to(main_window, library, qtbot):
    main_window.open_item("reference", "ito-2010-science")
    library.table.setFocus()
    library.filter_edit.setText("kronke")
    library.table.setCurrentIndex(library.proxy.index(0, TITLE))  # as a click or arrow would
    assert library.current_item() == ("reference", "kronke-2014-science")
    library.reader.anchorClicked.emit(__import__("PySide6.QtCore").QtCore.QUrl(
        "ref:fda-thalomid-1998"))
    main_window.go_back()
    assert library.current_item() == ("reference", "kronke-2014-science")


def test_theme_change_restyles_the_reader(main_window, library):
    main_window.open_item("reference", "ito-2010-science")
    main_window.set_theme("dark")
    css = library.reader.document().defaultStyleSheet()
    assert main_window.ctx.theme.colors.link in css
    main_window.set_theme("light")


# -- imports ---------------------------------------------------------------------------------

def run_import(library, qtbot, paths):
    """Start an import and wait for it (the done signal is queued to this thread, so it
    cannot be missed between start and wait)."""
    assert library.start_import(paths)
    with qtbot.waitSignal(library.import_thread.done, timeout=20000):
        pass
    return library.last_outcomes


def test_background_import_with_progress_and_results(library, qtbot, tmp_path, app_ctx):
    paths = [write(tmp_path, "a.txt", "My first paper on cereblon"),
             write(tmp_path, "b.pdf", text_pdf(["A PDF paper about SALL4 degradation (2018)"],
                                               title="SALL4 paper")),
             write(tmp_path, "scan.pdf", blank_pdf()),
             write(tmp_path, "c.txt", "My first paper on cereblon")]
    assert library.start_import(paths)
    thread = library.import_thread
    assert not library.import_button.isEnabled()
    assert library.cancel_button.isVisible()
    with qtbot.waitSignal(thread.done, timeout=20000):
        pass
    outcomes = library.last_outcomes
    assert [o.status for o in outcomes] == ["imported", "imported", "failed", "duplicate"]
    assert library.results_list.count() == 4
    assert "no text layer" in library.results_list.item(2).text()
    assert library.import_status.text() == \
        "Imported 2 document(s); 1 already in your library; 1 not imported."
    assert library.import_bar.isHidden() and library.import_button.isEnabled()
    mine = [k for k in keys(library) if k[0] == "import"]
    assert len(mine) == 2  # the view switched to My documents
    assert library.current_item()[0] == "import"
    assert library.import_thread is None


def test_cancel_stops_the_import_and_leaves_no_half_import(library, qtbot, tmp_path, app_ctx):
    paths = [write(tmp_path, f"doc{i}.txt", f"Document number {i} " * 200) for i in range(40)]
    assert library.start_import(paths)
    thread = library.import_thread
    with qtbot.waitSignal(thread.done, timeout=30000):
        library.cancel_button.click()
    outcomes = library.last_outcomes
    imported = [o for o in outcomes if o.status == "imported"]
    assert len(outcomes) == 40
    assert all(o.status in ("imported", "cancelled") for o in outcomes)
    rows = app_ctx.user.conn.execute("SELECT count(*) FROM imported_documents").fetchone()[0]
    files = list(app_ctx.atlas.paths.imports_dir.glob("*")) \
        if app_ctx.atlas.paths.imports_dir.exists() else []
    assert rows == len(imported) == len(files)


def test_window_stays_responsive_during_an_import(library, qtbot, tmp_path):
    paths = [write(tmp_path, f"p{i}.pdf", text_pdf([f"Paper {i} about thalidomide " * 3]))
             for i in range(15)]
    from PySide6.QtCore import QTimer

    # What the person sees, sampled by the GUI thread's own event loop while files import
    # (nothing connects to the worker thread, so it may finish before this test looks).
    seen_status = []
    timer = QTimer()
    timer.timeout.connect(lambda: seen_status.append(library.import_status.text()))
    timer.start(5)
    assert library.start_import(paths)
    qtbot.waitUntil(lambda: library.import_thread is None, timeout=30000)
    timer.stop()
    assert seen_status  # the event loop kept running during the import
    assert any(text.startswith(("Importing", "Imported")) for text in seen_status)
    assert library.import_bar.value() == 15


def test_imported_document_edit_and_remove(library, qtbot, tmp_path, monkeypatch, app_ctx):
    run_import(library, qtbot, [write(tmp_path, "n.md", "# Notes on REMS\n\nText")])
    doc_id = library.current_item()[1]
    assert library.edit_box.isVisible()
    assert not library.cite_button.isVisible()
    assert library.title_edit.text() == "Notes on REMS"
    library.title_edit.setText("Renamed notes")
    library.year_edit.setText("2021")
    library.save_button.click()
    assert library.edit_message.text() == "Saved."
    row = library.proxy.mapFromSource(library.model.index(library.model.row_of("import", doc_id),
                                                          TITLE))
    assert row.data() == "Renamed notes"
    assert library.proxy.index(row.row(), YEAR).data() == "2021"
    library.title_edit.setText("  ")
    library.save_button.click()
    assert "title cannot be empty" in library.edit_message.text()

    seen = []
    answer_next_message(qtbot, None, seen)  # Enter: the default button
    assert not library.remove_import(doc_id)
    assert seen[0]["default"] == "No"
    assert "Renamed notes" in seen[0]["text"]
    answer_next_message(qtbot, "Yes", seen)
    library.table.setFocus()
    qtbot.keyClick(library.table, Qt.Key.Key_Delete)
    assert library.model.row_of("import", doc_id) < 0
    assert app_ctx.user.conn.execute("SELECT count(*) FROM imported_documents").fetchone()[0] == 0


def answer_next_message(qtbot, button: str | None, seen: list) -> None:
    """Answer the next message box by clicking `button` (None: press Enter), noting its
    text and default button in `seen`."""

    def poll():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        default = box.defaultButton()
        seen.append({"text": box.text(),
                     "default": default.text().replace("&", "") if default else None})
        if button is None:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:
            box.button(QMessageBox.StandardButton.Yes if button == "Yes"
                       else QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, poll)


def test_imports_are_found_by_the_toolbar_search(main_window, library, qtbot, tmp_path):
    run_import(library, qtbot, [write(tmp_path, "z.txt", "Zebrafish fin notes")])
    main_window.focus_search()
    qtbot.keyClicks(main_window.search_field, "zebrafish fin")
    qtbot.waitUntil(lambda: main_window.search_popup.shows_results(), timeout=2000)
    hits = main_window.search_popup.results.hits
    assert ("import", library.current_item()[1]) in [(h.kind, h.item_id) for h in hits]
    main_window.open_item("reference", "ito-2010-science")
    assert main_window.open_item("import", hits[[h.kind for h in hits].index("import")].item_id)
    assert "Zebrafish fin notes" in library.reader.toPlainText()


def test_file_menu_import_asks_for_files(main_window, qtbot, tmp_path, monkeypatch):
    path = write(tmp_path, "menu.txt", "Imported from the File menu")
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(path)], ""))
    action = next(a for a in main_window.file_menu.actions() if "Import documents" in a.text())
    action.trigger()
    library = main_window.views["library"]
    assert main_window.current_key == "library"
    with qtbot.waitSignal(library.import_thread.done, timeout=20000):
        pass
    assert library.last_outcomes[0].status == "imported"


# -- citations export ------------------------------------------------------------------------

def test_export_selected_and_all_citations(main_window, library, tmp_path, qtbot):
    main_window.open_item("reference", "kronke-2014-science")
    index = library.proxy.mapFromSource(library.model.index(
        library.model.row_of("document", "note-ito-2010"), TITLE))
    from PySide6.QtCore import QItemSelectionModel

    library.table.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    out = tmp_path / "sel.bib"
    summary = library.export_to(out, "bibtex", selected=True)
    assert summary.startswith("Wrote 2 reference(s)")
    parsed = bibtexparser.parse_string(out.read_text("utf-8"))
    assert sorted(e.key for e in parsed.entries) == ["ito-2010-science", "kronke-2014-science"]
    everything = tmp_path / "all.ris"
    assert library.export_to(everything, "ris", selected=False).startswith("Wrote 3 ")
    assert main_window.statusBar().currentMessage().startswith("Wrote 3")


def test_export_menu_lists_citations(main_window):
    main_window._fill_export_menu()
    labels = [a.text() for a in main_window.export_menu.actions()]
    assert "Citations as BIBTEX…" in labels and "Citations as RIS…" in labels
