"""File menu: import question files, manage sets, open and remove content packs (real widgets)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.interop import gift
from desktop.core.quiz import question_sets

SAMPLE_PACK = Path(__file__).resolve().parents[2] / "fixtures" / "sample_pack"
TITLE = "Proteasome inhibitors (sample pack)"


def library_text(library) -> str:
    from desktop.widgets.rich_text import RichTextBrowser

    return "\n".join(b.toPlainText() for b in library.findChildren(RichTextBrowser))


@pytest.fixture
def actions(main_window):
    acts = main_window.install_file_actions()
    acts.reports, acts.messages, acts.names = [], [], []
    acts.show_report = lambda title, heading, report, explanation="": acts.reports.append(
        (title, heading, report))
    acts.inform = acts.messages.append
    acts.ask_name = lambda parsed: acts.names.pop(0) if acts.names else parsed.path.stem
    return acts


def test_the_file_menu_offers_the_actions(main_window, qtbot):
    qtbot.waitUntil(lambda: getattr(main_window, "file_actions", None) is not None)
    texts = [a.text() for a in main_window.file_menu.actions()]
    assert texts.index("&Import documents…") < texts.index("Import q&uestions (GIFT, CSV)…") \
        < texts.index("Open content &pack…") < texts.index("&Export")
    assert main_window.file_actions.import_action.shortcut().toString() == "Ctrl+Shift+I"
    main_window._fill_export_menu()
    labels = [a.text() for a in main_window.export_menu.actions()]
    for fmt in ("APKG", "GIFT", "MOODLE-XML", "CSV"):
        assert f"Quiz questions as {fmt}…" in labels


def test_importing_a_good_and_a_bad_file(actions, app_ctx, main_window, tmp_path):
    good = tmp_path / "week_1.gift"
    good.write_text(gift.dumps(app_ctx.content.questions())[0], encoding="utf-8")
    bad = tmp_path / "broken.gift"
    bad.write_text("::a:: Fine {=x ~y}\n\n::b:: No right answer {~x ~y}\n", encoding="utf-8")
    actions.names = ["Week 1"]
    outcomes = actions.import_question_files([good, bad])
    assert [o.ok for o in outcomes] == [True]
    assert [s.name for s in question_sets.list_sets(app_ctx.user)] == ["Week 1"]
    assert "Imported 5 question(s) from week_1.gift as question set 1 'Week 1'" \
        in actions.messages[0]
    assert main_window.open_item("question", "set-1-1")  # the quiz opens imported questions
    assert "from Week 1" in main_window.views["quiz"].question_page.meta_label.text()
    [(title, heading, report)] = actions.reports
    assert heading.startswith("broken.gift was not imported: 1 problem(s)")
    assert report == "broken.gift:3: question 2 ('b'): missing answer: no choice is marked " \
                     "right (use = for the right choice, or weights such as ~%50% for several)"


def test_cancelling_the_name_imports_nothing(actions, app_ctx, tmp_path):
    path = tmp_path / "q.gift"
    path.write_text("::a:: Q {=x ~y}\n", encoding="utf-8")
    actions.ask_name = lambda parsed: None
    assert actions.import_question_files([path]) == []
    assert question_sets.list_sets(app_ctx.user) == []


def test_the_question_sets_dialog_removes_a_set(actions, app_ctx, tmp_path, qtbot):
    from desktop.interop.dialogs import QuestionSetsDialog

    path = tmp_path / "q.gift"
    path.write_text("::a:: Q {=x ~y}\n", encoding="utf-8")
    actions.import_question_files([path])
    dialog = QuestionSetsDialog(app_ctx.user, confirm=lambda text: "“q”" in text)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and dialog.remove_button.isEnabled()
    assert dialog.list.accessibleName() == "Imported question sets"
    with qtbot.waitSignal(dialog.set_removed):
        assert dialog.remove_selected()
    assert question_sets.list_sets(app_ctx.user) == []
    assert not dialog.remove_button.isEnabled()


def test_a_pack_opens_shows_everywhere_and_is_removed(main_window, actions, app_ctx):
    assert actions.open_pack(SAMPLE_PACK)
    assert app_ctx.settings.content_packs == [str(SAMPLE_PACK.resolve())]
    assert actions.reports == []
    assert "Opened content pack" in main_window.statusBar().currentMessage()
    content = app_ctx.content
    assert content.question("q-pack-pi-001").pack == TITLE
    # Library
    library = main_window.show_view("library")
    library.reload() if hasattr(library, "reload") else None
    row = library.model.row_of("reference", "pi-adams-2004-natrevcancer")
    assert library.model.entry(row).kind_label == f"Review · {TITLE}"
    assert library.model.row_of("document", "note-pi-summit-2003") >= 0
    assert library.open_item("document", "note-pi-summit-2003")
    assert f"From the content pack {TITLE}" in library_text(library)
    # Glossary
    main_window.show_glossary()
    main_window.glossary.ensure_loaded()
    assert "ixazomib" in main_window.glossary.result_ids()
    assert main_window.glossary.show_term("ixazomib")
    assert f"From the content pack: {TITLE}" in main_window.glossary.entry.toPlainText()
    # Quiz
    from desktop.core.quiz.sources import load_pool

    pool, _ = load_pool(app_ctx, ("bank",))
    assert {q.id for q in pool if q.pack == TITLE} == {f"q-pack-pi-00{n}" for n in range(1, 5)}
    assert main_window.open_item("question", "q-pack-pi-001")
    meta = main_window.views["quiz"].question_page.meta_label.text()
    assert f"from {TITLE}" in meta
    # Timeline
    assert main_window.open_item("event", "pi-summit-2003")
    detail = main_window.views["timeline"].detail.browser.toPlainText()
    assert "SUMMIT: bortezomib controls relapsed, refractory myeloma" in detail
    assert f"content pack: {TITLE}" in detail
    # The packs menu lists it; removing it takes everything away again.
    actions.fill_packs_menu()
    [remove] = actions.packs_menu.actions()
    assert remove.text() == f"Remove “{TITLE}”"
    remove.trigger()
    assert app_ctx.settings.content_packs == []
    assert app_ctx.content.question("q-pack-pi-001") is None
    library = main_window.show_view("library")
    assert library.model.row_of("reference", "pi-adams-2004-natrevcancer") == -1
    main_window.glossary.ensure_loaded()
    assert "ixazomib" not in main_window.glossary.result_ids()
    actions.fill_packs_menu()
    assert [a.text() for a in actions.packs_menu.actions()] == ["No content packs open"]


def test_a_pack_with_problems_is_refused_with_the_full_report(actions, app_ctx, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE_PACK, pack)
    events = pack / "timeline" / "events.toml"
    events.write_text(events.read_text().replace('lane = "clinical"', 'lane = "trials"', 2))
    (pack / "references" / "proteasome-inhibitors.toml").write_text(
        (pack / "references" / "proteasome-inhibitors.toml").read_text()
        .replace('year = 2003', 'year = "2003"'))
    assert not actions.open_pack(pack)
    [(title, heading, report)] = actions.reports
    assert title == "content pack refused" and "3 problem(s)" in heading
    assert report.count("\n") == 3 and "events.toml:6" in report and "'trials'" in report
    assert app_ctx.settings.content_packs == [] and app_ctx.atlas.packs == ()


def test_a_saved_pack_that_broke_is_dropped_at_start_with_a_notice(app_ctx, tmp_path, qapp):
    from desktop.app import build_without_broken_packs

    app_ctx.settings.content_packs = [str(SAMPLE_PACK), str(tmp_path / "gone")]
    ctx = build_without_broken_packs(app_ctx.atlas.paths, [SAMPLE_PACK, tmp_path / "gone"],
                                     app_ctx.settings, "light")
    try:
        assert ctx.content.term("ixazomib").pack == TITLE
        assert app_ctx.settings.content_packs == [str(SAMPLE_PACK.resolve())]
        assert "was not loaded and has been removed" in ctx.atlas.notices[-1]
        assert "does not exist" in ctx.atlas.notices[-1]
    finally:
        ctx.atlas.close()
    QApplication.processEvents()


def test_the_presenter_can_show_an_imported_set(actions, main_window, app_ctx, tmp_path, qtbot):
    from desktop.presenter.present_dialog import PresentDialog

    path = tmp_path / "class.gift"
    path.write_text("::a:: Which protein do IMiDs bind? {=Cereblon ~DDB1 ~CUL4A}\n\n"
                    "::b:: Thalidomide binds cereblon. {TRUE}\n", encoding="utf-8")
    actions.import_question_files([path])
    dialog = PresentDialog(app_ctx, main_window, "quiz")
    qtbot.addWidget(dialog)
    index = dialog.question_source.findData("set:1")
    assert dialog.question_source.itemText(index) == "Imported set: class"
    dialog.question_source.setCurrentIndex(index)
    slides = dialog.slides()
    assert sorted(s.item_id for s in slides) == ["set-1-1", "set-1-2"]
    main_window.present("Class", slides)
    presenter = main_window.presenter
    shown = presenter.content(0)
    assert shown.title in ("Which protein do IMiDs bind?", "Thalidomide binds cereblon.")
    presenter.close()
