"""File menu: import question files, manage question sets, open and remove content packs.

`install(window)` adds the actions to the main window's File menu (above Export). Each action
is a method here that can also be called directly (the tests do), with the dialogs it would
show replaceable: `ask_name`, `show_report`, `inform` and `confirm`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

# QFileDialog, QInputDialog and QMessageBox are imported where they are used: PySide6 builds
# each class on first use, and the File menu is created at start-up.
from desktop import APP_NAME
from desktop.widgets.keys import bind_action

QUESTION_FILTER = "Question files (*.gift *.txt *.csv);;GIFT (*.gift *.txt);;CSV (*.csv);;" \
                  "All files (*)"


class FileActions(QObject):
    """The question-file and content-pack actions of one main window.

    Signals:
        question_sets_changed(): a set was imported or removed.
        content_reloaded(): the content database was reopened with other packs.
    """

    question_sets_changed = Signal()
    content_reloaded = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        menu = window.file_menu
        before = window.export_menu.menuAction()
        self.import_action = QAction("Import q&uestions (GIFT, CSV)…", window)
        bind_action(self.import_action, "file.import_questions")
        self.import_action.setStatusTip("Import a teacher's GIFT or CSV file as a question set")
        self.import_action.triggered.connect(self.choose_question_files)
        self.sets_action = QAction("Question &sets…", window)
        self.sets_action.setStatusTip("See and remove imported question sets")
        self.sets_action.triggered.connect(self.show_question_sets)
        self.open_pack_action = QAction("Open content &pack…", window)
        self.open_pack_action.setStatusTip("Show a folder of your own events, terms and "
                                           "questions beside the bundled content")
        self.open_pack_action.triggered.connect(self.choose_pack_folder)
        self.packs_menu = QMenu("Content pac&ks", menu)
        self.packs_menu.setObjectName("content_packs_menu")
        self.packs_menu.aboutToShow.connect(self.fill_packs_menu)
        for action in (self.import_action, self.sets_action):
            menu.insertAction(before, action)
        menu.insertSeparator(before)
        menu.insertAction(before, self.open_pack_action)
        menu.insertMenu(before, self.packs_menu)
        menu.insertSeparator(before)
        # Replaceable for tests (and scripting): the dialogs this object would show.
        self.ask_name = self._ask_name
        self.show_report = self._show_report
        self.inform = self._inform
        self.confirm = self._confirm

    # -- dialogs -------------------------------------------------------------------------------

    def _ask_name(self, parsed) -> str | None:
        from desktop.core.interop.question_import import MAX_SET_NAME_CHARS, clean_set_name
        from desktop.widgets.safe_text import ask_text

        default = clean_set_name(parsed.path.stem.replace("_", " "))
        text = (f"{len(parsed.questions)} question(s) read from {parsed.path.name}, no problems."
                + "".join(f"\nNote: {n}" for n in parsed.notices[:5])
                + "\n\nName of the new question set:")
        name = ask_text(self.window, f"{APP_NAME}: import questions", text, default,
                        MAX_SET_NAME_CHARS)
        return None if name is None else (clean_set_name(name) or default)

    def _show_report(self, title: str, heading: str, report: str, explanation: str = "") -> None:
        from desktop.interop.dialogs import ReportDialog

        ReportDialog(title, heading, report, self.window, explanation).exec()

    def _inform(self, text: str) -> None:
        from desktop.widgets.safe_text import inform

        inform(self.window, APP_NAME, text)

    def _confirm(self, text: str) -> bool:
        from desktop.widgets.safe_text import ask

        return ask(self.window, APP_NAME, text)

    # -- question files ------------------------------------------------------------------------

    def choose_question_files(self) -> list:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self.window, "Import questions", "",
                                                QUESTION_FILTER)
        return self.import_question_files([Path(p) for p in paths]) if paths else []

    def import_question_files(self, paths) -> list:
        """Check each file; import the good ones as sets (asking a name), report the others."""
        from desktop.core.interop.question_import import import_parsed, read_question_file

        outcomes = []
        for path in map(Path, paths):
            parsed = read_question_file(path)
            if not parsed.ok:
                self.show_report(
                    "questions not imported",
                    f"{path.name} was not imported: {len(parsed.problems)} problem(s). "
                    "Nothing was saved.",
                    parsed.report(),
                    "Fix these lines in the file and import it again. The formats are "
                    "described in docs/question-files.md.")
                continue
            name = self.ask_name(parsed)
            if name is None:
                continue
            outcome = import_parsed(self.ctx.user, [parsed], name)
            outcomes.append(outcome)
            if outcome.ok:
                self.window.statusBar().showMessage(outcome.message, 8000)
                self.inform(f"{outcome.message}\n\nIn the Quiz, tick “Imported question sets” "
                            "to practise them; File > Question sets… lists and removes sets."
                            + "".join(f"\nNote: {n}" for n in outcome.notices[:5]))
            else:
                self.inform(str(outcome))
        if any(o.ok for o in outcomes):
            self.question_sets_changed.emit()
        return outcomes

    def show_question_sets(self):
        from desktop.interop.dialogs import QuestionSetsDialog

        dialog = QuestionSetsDialog(self.ctx.user, self.window)
        dialog.set_removed.connect(lambda _id: self.question_sets_changed.emit())
        dialog.exec()
        return dialog

    # -- content packs -------------------------------------------------------------------------

    def open_packs(self) -> list[Path]:
        return list(self.ctx.atlas.packs)

    def choose_pack_folder(self) -> bool:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self.window, "Open content pack")
        return self.open_pack(Path(folder)) if folder else False

    def open_pack(self, folder: Path) -> bool:
        """Check `folder` and show it beside the content; a pack with problems is refused
        with the full report. Returns True when the pack was opened."""
        from desktop.core.packs import check_pack

        folder = Path(folder).expanduser().resolve()
        current = self.open_packs()
        if folder in current:
            self.window.statusBar().showMessage("That content pack is already open.", 5000)
            return False
        check = check_pack(folder, self.ctx.atlas.paths, current)
        if not check.ok:
            self.show_report(
                "content pack refused", f"The content pack {check.title!r} was not opened: "
                f"{check.count} problem(s).", check.report(),
                "A pack uses the format of the bundled content (docs/content-format.md) and may "
                "not reuse its ids. `imid-atlas check-content FOLDER` gives the same report.")
            return False
        if not self.reload_content([*current, folder]):
            return False
        self._save_packs()
        from desktop.core.packs import pack_records

        counts = pack_records(self.ctx.content, check.title)
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "no records"
        self.window.statusBar().showMessage(
            f"Opened content pack {check.title!r}: {summary}.", 8000)
        return True

    def remove_pack(self, root: Path) -> bool:
        """Stop showing the pack at `root` (its files are left alone)."""
        root = Path(root).resolve()
        current = self.open_packs()
        if root not in current:
            return False
        if not self.reload_content([p for p in current if p != root]):
            return False
        self._save_packs()
        self.window.statusBar().showMessage(f"Removed the content pack at {root}.", 6000)
        return True

    def _save_packs(self) -> None:
        self.ctx.settings.content_packs = [str(p) for p in self.ctx.atlas.packs]
        self.ctx.settings.sync()

    def fill_packs_menu(self) -> None:
        from desktop.core.atlas import pack_name
        from desktop.widgets.safe_text import menu_text, tooltip

        self.packs_menu.clear()
        packs = self.open_packs()
        if not packs:
            self.packs_menu.addAction("No content packs open").setEnabled(False)
        for root in packs:
            action = self.packs_menu.addAction(menu_text(f"Remove “{pack_name(root)}”"))
            action.setToolTip(tooltip(str(root)))
            action.triggered.connect(lambda _=False, r=root: self.remove_pack(r))

    def reload_content(self, packs) -> bool:
        """Reopen the content with `packs` and rebuild what shows it. False on failure (the
        content stays as it was and the report is shown)."""
        from db.errors import ContentError
        from desktop.core.packs import switch_packs

        try:
            switch_packs(self.ctx.atlas, packs)
        except ContentError as exc:
            self.show_report("content pack refused", "The content could not be rebuilt with "
                             "this pack.", exc.report())
            return False
        refresh_window(self.window)
        self.content_reloaded.emit()
        return True


def refresh_window(window) -> None:
    """After the content changed: drop the services and views built from the old content
    (views are created again on their next show) and refill the glossary panel."""
    ctx = window.ctx
    ctx.services.clear()
    from desktop.glossary import services

    services.install(ctx)
    current = window.current_key or "home"
    for view in list(window.views.values()):
        shutdown = getattr(view, "shutdown", None)  # e.g. the library's running import
        if callable(shutdown):
            shutdown()
        window.stack.removeWidget(view)
        view.deleteLater()
    window.views.clear()
    _reload_glossary(window.glossary)
    window.show_view(current, record=False)


def _reload_glossary(panel) -> None:
    reload = getattr(panel, "reload_content", None)
    if callable(reload):
        reload()
        return
    # The panel fills its list once; empty it so the next show reads the new terms.
    if getattr(panel, "_loaded", False):
        panel._loaded = False
        if getattr(panel, "_built", False):
            panel.category.blockSignals(True)
            panel.category.clear()
            panel.category.blockSignals(False)
            panel.list.clear()
        if panel.isVisible():
            panel.ensure_loaded()


def install(window) -> FileActions:
    """Add the actions to `window`'s File menu; returns the `FileActions` (kept on the window)."""
    actions = FileActions(window)
    window.file_actions = actions
    return actions
