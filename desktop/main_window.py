"""The main window: navigation, menus, toolbar search, the glossary dock and the status bar.

Views are created the first time they are shown (see `desktop.views`). The window routes
every request to open a record to the view that owns that kind of record and keeps the
Back/Forward history.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.context import AppContext, Location
from desktop.core.shortcuts import shortcut, with_keys
from desktop.views import VIEW_SPECS, AtlasView, spec, spec_for_kind
from desktop.widgets.fonts import rescale_fonts, set_relative_font
from desktop.widgets.keys import bind_action

THEME_LABELS = {"system": "Follow &system", "light": "&Light", "dark": "&Dark",
                "high-contrast": "&High contrast (projector)"}


class MainWindow(QMainWindow):
    """The application window.

    Signals:
        view_changed(str): the key of the view now shown.
    """

    view_changed = Signal(str)

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self.views: dict[str, AtlasView] = {}
        self.current_key = ""
        self.presenter = None
        self._build_navigation()
        self._build_dock()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        ctx.navigator.open_requested.connect(self.open_item)
        ctx.navigator.view_requested.connect(self.show_view)
        ctx.navigator.history_changed.connect(self._update_history_actions)
        ctx.theme.font_scale_changed.connect(self._font_scale_changed)
        # Changing the style resets explicitly set fonts: re-apply the relative ones.
        ctx.theme.theme_changed.connect(self._theme_changed)
        self.resize(1200, 800)

    # -- construction ------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Views")
        self.nav.setAccessibleDescription("Choose a view with the arrow keys")
        self.nav.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.nav.setSpacing(2)
        # An explicit relative font: rescale_fonts() then updates it before _fit_navigation()
        # measures, so the longest title ("Mechanism") is never cut off at a larger text size.
        set_relative_font(self.nav, 1.0)
        for view_spec in VIEW_SPECS:
            item = QListWidgetItem(view_spec.title)
            item.setData(Qt.ItemDataRole.UserRole, view_spec.key)
            item.setToolTip(with_keys(view_spec.description, f"view.{view_spec.key}"))
            self.nav.addItem(item)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(self._nav_chosen)
        self.nav.itemActivated.connect(self._nav_chosen)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Current view")
        splitter = QSplitter()
        splitter.setObjectName("main_splitter")
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.splitter = splitter
        self._fit_navigation()
        self.setCentralWidget(splitter)

    def _fit_navigation(self) -> None:
        metrics = self.nav.fontMetrics()
        em = metrics.horizontalAdvance("M")
        widest = max(metrics.horizontalAdvance(s.title) for s in VIEW_SPECS)
        width = widest + em * 3
        for row in range(self.nav.count()):
            self.nav.item(row).setSizeHint(QSize(width, int(metrics.height() * 2.1)))
        self.nav.setFixedWidth(width + em)
        # A fixed-width first pane still gets a share of the splitter's width, drawn as a
        # blank strip beside the list: give all the rest to the views.
        self.splitter.setSizes([width + em, 100_000])

    def _build_dock(self) -> None:
        from desktop.glossary import services
        from desktop.glossary.glossary_panel import GlossaryPanel

        services.install(self.ctx)  # ctx.link_terms links glossary terms (built on first use)
        self.glossary = GlossaryPanel(self.ctx, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.glossary)
        self.glossary.hide()

    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(16, 16))
        bar.setAccessibleName("Toolbar")
        self.addToolBar(bar)
        self.back_action = QAction("Bac&k", self)
        bind_action(self.back_action, "go.back")
        self.back_action.triggered.connect(self.go_back)
        self.forward_action = QAction("For&ward", self)
        bind_action(self.forward_action, "go.forward")
        self.forward_action.triggered.connect(self.go_forward)
        bar.addAction(self.back_action)
        bar.addAction(self.forward_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("search_field")
        self.search_field.setPlaceholderText(
            f"Search everything ({shortcut('go.search').keys[0]})")
        self.search_field.setAccessibleName("Search")
        self.search_field.setAccessibleDescription(
            "Type to search notes, references, events, terms and questions; "
            "Down to choose a result, Enter to open it")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        bar.addWidget(self.search_field)
        self._search_popup = None
        # The results popup is built on the first keystroke: start-up does not pay for it.
        self.search_field.textEdited.connect(self._first_search_edit)
        self._update_history_actions()

    @property
    def search_popup(self):
        """The search results popup, created on first use."""
        if self._search_popup is None:
            from desktop.widgets.search_popup import SearchPopup

            self._search_popup = SearchPopup(self.search_field, self._search, self,
                                             lambda: self.ctx.theme.colors)
            self._search_popup.result_activated.connect(self.open_item)
        return self._search_popup

    def _first_search_edit(self, _text: str) -> None:
        self.search_field.textEdited.disconnect(self._first_search_edit)
        self.search_popup.timer.start()

    def _search(self, text: str):
        from desktop.core.library.search import SearchEngine

        def make():
            extra = []
            try:
                from desktop.core.library.imports import ImportSearchSource

                if self.ctx.user:
                    extra.append(ImportSearchSource(self.ctx.user))
            except ImportError:
                pass
            return SearchEngine(self.ctx.content.conn, extra_sources=extra)

        return self.ctx.service("search", make).search(text, limit=40)

    def open_compare_structures(self, first: str = "thalidomide", second: str = "lenalidomide"):
        """Compare two drug structures side by side (the drawings load now, not at start-up)."""
        from desktop.chemistry.compare_dialog import open_compare_dialog

        return open_compare_dialog(self.ctx, self, first, second)

    def _build_menus(self) -> None:
        # Every key comes from the shortcut table (desktop/core/shortcuts.py); every mnemonic
        # (&) is unique within its menu (tests/desktop/test_shortcuts.py checks both).
        menu = self.menuBar()
        self.file_menu = menu.addMenu("&File")
        import_documents = self.file_menu.addAction("&Import documents…")
        bind_action(import_documents, "file.import_documents")
        import_documents.triggered.connect(self.import_documents)
        self.export_menu = self.file_menu.addMenu("&Export")
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        # Question files, question sets and content packs (desktop.interop.file_menu): added
        # a moment after the window is up, so the first paint does not wait for them.
        QTimer.singleShot(250, self, self.install_file_actions)
        self.file_menu.addSeparator()
        quit_action = self.file_menu.addAction("&Quit")
        bind_action(quit_action, "file.quit")
        quit_action.triggered.connect(self.close)

        self.view_menu = menu.addMenu("&View")
        self.view_actions: dict[str, QAction] = {}
        for view_spec in VIEW_SPECS:
            action = self.view_menu.addAction(view_spec.menu_text)
            bind_action(action, f"view.{view_spec.key}")
            action.triggered.connect(lambda _=False, k=view_spec.key: self.show_view(k))
            self.view_actions[view_spec.key] = action
        self.view_menu.addSeparator()
        self.glossary_action = QAction("&Glossary panel", self)
        self.glossary_action.setCheckable(True)
        bind_action(self.glossary_action, "view.glossary")
        self.glossary_action.triggered.connect(self.toggle_glossary)
        self.glossary.visibilityChanged.connect(self.glossary_action.setChecked)
        self.view_menu.addAction(self.glossary_action)
        self.view_menu.addSeparator()
        theme_menu = self.view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in THEME_LABELS.items():
            action = theme_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(name == self.ctx.theme.theme_name)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_group.addAction(action)
            self.theme_actions[name] = action
        zoom_in = self.view_menu.addAction("&Larger text")
        bind_action(zoom_in, "view.larger_text")
        zoom_in.triggered.connect(lambda: self.step_font(1))
        zoom_out = self.view_menu.addAction("&Smaller text")
        bind_action(zoom_out, "view.smaller_text")
        zoom_out.triggered.connect(lambda: self.step_font(-1))
        zoom_reset = self.view_menu.addAction("&Normal text size")
        bind_action(zoom_reset, "view.normal_text")
        zoom_reset.triggered.connect(lambda: self.step_font(0))
        self.view_menu.addSeparator()
        present = self.view_menu.addAction("&Present…")
        bind_action(present, "view.present")
        present.triggered.connect(lambda: self.open_present_dialog())
        lessons = self.view_menu.addAction("Less&ons…")
        lessons.triggered.connect(self.open_lessons)
        compare = self.view_menu.addAction("Compare str&uctures…")
        compare.triggered.connect(lambda: self.open_compare_structures())
        self.view_menu.addSeparator()
        full = self.view_menu.addAction("&Full screen")
        bind_action(full, "view.full_screen")
        full.triggered.connect(self.toggle_full_screen)

        self.go_menu = menu.addMenu("&Go")
        self.go_menu.addAction(self.back_action)
        self.go_menu.addAction(self.forward_action)
        self.go_menu.addSeparator()
        find = self.go_menu.addAction("&Search…")
        bind_action(find, "go.search")
        find.triggered.connect(self.focus_search)
        lookup = self.go_menu.addAction("Look up a &term…")
        bind_action(lookup, "go.find_term")
        lookup.triggered.connect(self.focus_glossary)
        library_filter = self.go_menu.addAction("Filter the &library…")
        bind_action(library_filter, "go.library_filter")
        library_filter.triggered.connect(self.focus_library_filter)
        self.go_menu.addSeparator()
        for view_spec in VIEW_SPECS:
            self.go_menu.addAction(self.view_actions[view_spec.key])

        self.help_menu = menu.addMenu("&Help")
        keys = self.help_menu.addAction("&Keyboard shortcuts")
        bind_action(keys, "help.shortcuts")
        keys.triggered.connect(self.show_shortcuts)
        about = self.help_menu.addAction(f"&About {APP_NAME}")
        about.triggered.connect(self.show_about)

    def _build_status_bar(self) -> None:
        meta = self.ctx.content.meta
        self.status_label = QLabel(f"Content as of {meta.get('content_as_of', '?')} · offline")
        self.status_label.setAccessibleName("Status")
        self.statusBar().addPermanentWidget(self.status_label)

    # -- views -------------------------------------------------------------------------------

    def view(self, key: str) -> AtlasView | None:
        """The view for `key`, created on first use."""
        if key not in self.views:
            view_spec = spec(key)
            if view_spec is None:
                return None
            view = view_spec.create(self.ctx)
            view.setAccessibleName(view.accessibleName() or view_spec.title)
            self.views[key] = view
            self.stack.addWidget(view)
        return self.views[key]

    def show_view(self, key: str, record: bool = True, focus: bool = True
                  ) -> AtlasView | None:
        """Show view `key`. With `focus` the keyboard focus moves into it (its
        `focus_target`), so the keys the view advertises work at once; arrowing through the
        navigation list passes False to leave focus in the list."""
        if key == "glossary":
            self.focus_glossary()
            return None
        view = self.view(key)
        if view is None:
            return None
        self.stack.setCurrentWidget(view)
        self.current_key = key
        row = next(i for i, s in enumerate(VIEW_SPECS) if s.key == key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        view.on_activated()
        if focus:
            self.focus_view(view)
        if record:
            item = view.current_item()
            self.ctx.navigator.record(Location(key, *(item or ("", ""))))
        self.statusBar().showMessage(spec(key).description, 3000)
        self.view_changed.emit(key)
        return view

    def focus_view(self, view: AtlasView | None = None) -> None:
        """Put the keyboard focus in `view` (default: the current one) where its keys work."""
        view = view or self.stack.currentWidget()
        if view is None:
            return
        target = view.focus_target() or view
        if target.focusPolicy() == Qt.FocusPolicy.NoFocus:
            target = view
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _nav_changed(self, current, _previous) -> None:
        if current is not None:
            # Arrowing through the list keeps focus there; a click or Enter moves it into
            # the view (_nav_chosen).
            self.show_view(current.data(Qt.ItemDataRole.UserRole),
                           focus=not self.nav.hasFocus())

    def _nav_chosen(self, item) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == self.current_key:
            self.focus_view()

    def open_item(self, kind: str, item_id: str, record: bool = True) -> bool:
        """Show record (`kind`, `item_id`) in the view that owns it."""
        if kind == "term":
            self.show_glossary()
            return self.glossary.show_term(item_id)
        view_spec = spec_for_kind(kind)
        if view_spec is None:
            self.statusBar().showMessage(f"Nothing can show a {kind} yet.", 4000)
            return False
        view = self.show_view(view_spec.key, record=False)
        ok = bool(view and view.open_item(kind, item_id))
        if not ok:
            self.statusBar().showMessage(f"Could not find {kind} {item_id!r}.", 4000)
        if record:
            self.ctx.navigator.record(Location(view_spec.key, kind, item_id if ok else ""))
        return ok

    def go_back(self) -> None:
        self._replay(self.ctx.navigator.back())

    def go_forward(self) -> None:
        self._replay(self.ctx.navigator.forward())

    def _replay(self, location: Location | None) -> None:
        if location is None:
            return
        with self.ctx.navigator.replaying():
            if location.kind and location.item_id:
                self.open_item(location.kind, location.item_id, record=False)
            else:
                self.show_view(location.view, record=False)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.ctx.navigator.can_go_back())
        self.forward_action.setEnabled(self.ctx.navigator.can_go_forward())

    # -- glossary, search, theme, fonts -------------------------------------------------------

    def show_glossary(self) -> None:
        self.glossary.show()
        self.glossary.raise_()

    def focus_glossary(self) -> None:
        self.show_glossary()
        self.glossary.focus_filter()

    def toggle_glossary(self) -> None:
        """F2: show the glossary panel with the cursor in its find box; when the panel
        already has the focus, hide it and give the focus back to the view."""
        inside = self.glossary.isAncestorOf(QApplication.focusWidget())
        if self.glossary.isVisible() and inside:
            self.glossary.hide()
            self.focus_view()
        else:
            self.focus_glossary()
        self.glossary_action.setChecked(self.glossary.isVisible())

    def focus_library_filter(self) -> None:
        """Ctrl+L from anywhere: show the library with the cursor in its filter."""
        view = self.show_view("library", focus=False)
        if view is not None:
            view.focus_filter()

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def set_theme(self, name: str) -> None:
        self.ctx.theme.apply(name)
        self.ctx.settings.theme = name
        self.theme_actions[name].setChecked(True)

    def step_font(self, direction: int) -> None:
        scale = self.ctx.theme.step_font(direction)
        self.ctx.settings.font_scale = scale
        self.statusBar().showMessage(f"Text size {scale * 100:.0f}%", 2000)

    def _font_scale_changed(self, _scale: float) -> None:
        rescale_fonts(self)
        self._fit_navigation()

    def _theme_changed(self, _colors) -> None:
        rescale_fonts(self)
        self._fit_navigation()

    # -- presenter ---------------------------------------------------------------------------

    def open_present_dialog(self, mode: str = "timeline") -> None:
        """View > Present… (F5): choose slides, screen and theme, then present."""
        from desktop.presenter.present_dialog import PresentDialog

        dialog = PresentDialog(self.ctx, self, mode)
        if dialog.exec() != PresentDialog.DialogCode.Accepted:
            return
        self.present(dialog.title(), dialog.slides(), dialog.selected_theme(),
                     dialog.selected_screen())

    def start_presenter(self, mode: str = "timeline") -> None:
        """Start presenting straight away (`--present MODE`) with that mode's defaults."""
        from desktop.presenter.present_dialog import mode_slides

        title, slides = mode_slides(self.ctx, mode)
        self.present(title, slides)

    def present(self, title: str, slides: list, theme: str | None = None,
                screen=None) -> None:
        """Show `slides` full screen; Esc comes back here."""
        from desktop.core.presenter.session import PresenterSession
        from desktop.presenter.presenter_window import PresenterWindow

        if not slides:
            self.statusBar().showMessage("Nothing to present with those choices.", 5000)
            return
        session = PresenterSession(list(slides), title=title)
        window = PresenterWindow(self.ctx, session, theme)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.closed.connect(self._presenter_closed)
        self.presenter = window
        window.present_on(screen or self.screen())

    def _presenter_closed(self) -> None:
        self.presenter = None
        self.activateWindow()
        self.raise_()

    def open_lessons(self) -> None:
        """View > Lessons…: compose, save, export and present lessons."""
        from desktop.presenter.lesson_dialog import LessonDialog

        dialog = LessonDialog(self.ctx, self)
        dialog.present_requested.connect(lambda title, slides: self.present(title, slides))
        dialog.exec()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._search_popup is not None and self._search_popup.isVisible():
            self._search_popup.reposition()

    # -- menus -------------------------------------------------------------------------------

    def _fill_export_menu(self) -> None:
        from desktop.core.exports import EXPORTERS

        self.export_menu.clear()
        if not EXPORTERS:
            self.export_menu.addAction("Nothing to export yet").setEnabled(False)
        for exporter in sorted(EXPORTERS.values(), key=lambda e: e.label):
            for fmt in exporter.formats:
                action = self.export_menu.addAction(f"{exporter.label} as {fmt.upper()}…")
                action.triggered.connect(
                    lambda _=False, e=exporter, f=fmt: self.export_to_file(e, f))

    def install_file_actions(self):
        """The File menu's question-file and content-pack actions (`self.file_actions`)."""
        if getattr(self, "file_actions", None) is None:
            from desktop.interop import file_menu

            file_menu.install(self)
        return self.file_actions

    def import_documents(self) -> None:
        """File > Import documents: the library asks for the files and imports them."""
        view = self.show_view("library")
        if view is not None:
            view.choose_import_files()

    def export_to_file(self, exporter, fmt: str) -> None:
        from desktop.core.exports import suffix_for

        default = str(self.ctx.atlas.paths.data_dir
                      / f"imid-atlas-{exporter.what}.{suffix_for(fmt)}")
        path, _ = QFileDialog.getSaveFileName(self, f"Export {exporter.label}", default)
        if not path:
            return
        try:
            summary = exporter.run(self.ctx.atlas, path, fmt, {})
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}: {exc.strerror}")
            return
        self.statusBar().showMessage(summary, 6000)

    def show_shortcuts(self) -> None:
        from desktop.widgets.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from desktop.widgets.about_dialog import AboutDialog

        AboutDialog(self.ctx, self).exec()

    # -- state -------------------------------------------------------------------------------

    def restore_state(self) -> None:
        """Geometry, docks, last view and glossary place from the settings."""
        settings = self.ctx.settings
        if not settings.geometry.isEmpty():
            self.restoreGeometry(settings.geometry)
        if not settings.window_state.isEmpty():
            self.restoreState(settings.window_state)
        self.glossary.setVisible(settings.glossary_visible)
        if settings.glossary_term:
            QTimer.singleShot(0, lambda: self.glossary.show_term(settings.glossary_term))
        self.show_view(settings.last_view if spec(settings.last_view) else "home")

    def save_state(self) -> None:
        settings = self.ctx.settings
        settings.geometry = QByteArray(self.saveGeometry())
        settings.window_state = QByteArray(self.saveState())
        settings.last_view = self.current_key or "home"
        settings.glossary_visible = self.glossary.isVisible()
        settings.glossary_term = self.glossary.current_term
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


def version_text() -> str:
    return f"{APP_NAME} {__version__}"
