"""The main window: navigation, menus, toolbar search, the glossary dock and the status bar.

Views are created the first time they are shown (see `desktop.views`). The window routes
every request to open a record to the view that owns that kind of record and keeps the
Back/Forward history.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.context import AppContext, Location
from desktop.core.importers import route_paths
from desktop.core.recent import add as add_recent
from desktop.core.recent import label as recent_label
from desktop.core.recent import parse_all as parse_recent
from desktop.core.shortcuts import shortcut, with_keys
from desktop.views import VIEW_SPECS, AtlasView, spec, spec_for_kind
from desktop.widgets.fonts import rescale_fonts, set_relative_font
from desktop.widgets.keys import bind_action
from desktop.widgets.page_stack import PageStack

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
        ctx.navigator.search_requested.connect(self.search_for)
        ctx.navigator.item_shown.connect(self.note_recent)
        self.glossary.term_shown.connect(lambda term_id: self.note_recent("term", term_id))
        self.recent = parse_recent(ctx.settings.recent_items)
        # Files dropped on the window are imported as File > Import would (see dropEvent).
        self.setAcceptDrops(True)
        ctx.theme.font_scale_changed.connect(self._font_scale_changed)
        # Changing the style resets explicitly set fonts: re-apply the relative ones.
        ctx.theme.theme_changed.connect(self._theme_changed)
        self.fit_to_screen()

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
        # Sized by the view on show, so a wide view that is not shown never widens the window.
        self.stack = PageStack()
        self.stack.setAccessibleName("Current view")
        splitter = QSplitter()
        splitter.setObjectName("main_splitter")
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.splitter = splitter
        self._fit_navigation()
        # The welcome tour (desktop.widgets.tour_panel) goes above the views when it is shown.
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(splitter, 1)
        self.tour = None
        self.setCentralWidget(central)

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

            self._search_popup = SearchPopup(self.search_field, self._search_sources, self,
                                             lambda: self.ctx.theme.colors)
            self._search_popup.result_activated.connect(self._search_result_opened)
        return self._search_popup

    def _search_result_opened(self, kind: str, item_id: str) -> None:
        # The field starts empty for the next search: the result is on screen now.
        self.search_field.clear()
        self.open_item(kind, item_id)

    def _first_search_edit(self, _text: str) -> None:
        self.search_field.textEdited.disconnect(self._first_search_edit)
        self.search_popup.timer.start()

    def _search_sources(self):
        """What the toolbar search reads now: the content (with its packs) and the imports.
        The popup searches them on a worker thread with connections of its own."""
        from desktop.core.library.background_search import SearchSources

        user = self.ctx.user
        return SearchSources(self.ctx.content.path, user.path if user else None)

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
        self.recent_menu = self.file_menu.addMenu("&Recent")
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        preferences = self.file_menu.addAction("Prefere&nces…")
        bind_action(preferences, "file.preferences")
        preferences.triggered.connect(self.open_preferences)
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
        guide = self.help_menu.addAction("&Guide")
        bind_action(guide, "help.guide")
        guide.triggered.connect(lambda: self.show_guide())
        keys = self.help_menu.addAction("&Keyboard shortcuts")
        bind_action(keys, "help.shortcuts")
        keys.triggered.connect(self.show_shortcuts)
        tour = self.help_menu.addAction("&Welcome tour")
        tour.triggered.connect(self.start_tour)
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

    def search_for(self, text: str) -> None:
        """Put `text` in the toolbar search and show its results (Home's Find a topic)."""
        self.search_field.setText(text)
        self.focus_search()
        if text.strip():
            self.search_popup.run_search()

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

    def open_present_dialog(self, mode: str | None = None) -> None:
        """View > Present… (F5): choose slides, screen and theme, then present."""
        from desktop.presenter.present_dialog import PresentDialog

        dialog = PresentDialog(self.ctx, self, mode)
        if dialog.exec() != PresentDialog.DialogCode.Accepted:
            return
        self.present(dialog.title(), dialog.slides(), dialog.selected_theme(),
                     dialog.selected_screen(), lesson_id=dialog.selected_lesson(),
                     presenter_view=dialog.presenter_view())

    def start_presenter(self, mode: str = "timeline") -> None:
        """Start presenting straight away (`--present MODE`) with that mode's defaults."""
        from desktop.presenter.present_dialog import mode_slides

        title, slides = mode_slides(self.ctx, mode)
        self.present(title, slides)

    def present(self, title: str, slides: list, theme: str | None = None,
                screen=None, lesson_id: int | None = None,
                presenter_view: bool = True) -> None:
        """Show `slides` full screen (on the projector when there is one, with the presenter
        view on this window's screen); Esc comes back here."""
        from desktop.core.presenter.session import PresenterSession
        from desktop.presenter.presenter_window import PresenterWindow
        from desktop.presenter.screens import console_screen, projector_screen

        if not slides:
            self.statusBar().showMessage("Nothing to present with those choices.", 5000)
            return
        session = PresenterSession(list(slides), title=title)
        window = PresenterWindow(self.ctx, session, theme, lesson_id=lesson_id)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.closed.connect(self._presenter_closed)
        self.presenter = window
        projector = screen or projector_screen(self.screen())
        console = console_screen(projector, self.screen()) if presenter_view else None
        window.present_on(projector, console)

    def _presenter_closed(self) -> None:
        self.presenter = None
        self.activateWindow()
        self.raise_()

    def open_lessons(self) -> None:
        """View > Lessons…: compose, save, export and present lessons."""
        from desktop.presenter.lesson_dialog import LessonDialog

        dialog = LessonDialog(self.ctx, self)
        requested = []
        dialog.present_requested.connect(lambda *args: requested.append(args))
        dialog.exec()
        if requested:  # once the dialog is gone, so the presenter keeps the keys
            title, slides, lesson_id = requested[-1]
            self.present(title, slides, lesson_id=lesson_id)

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
            from desktop.widgets.safe_text import warn

            warn(self, "Export failed", f"Could not write {path}: {exc.strerror or exc}")
            return
        self.statusBar().showMessage(summary, 6000)

    def show_shortcuts(self) -> None:
        from desktop.widgets.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from desktop.widgets.about_dialog import AboutDialog

        AboutDialog(self.ctx, self).exec()

    def show_guide(self, section: str = "") -> None:
        """Help > Guide (F1): each view's purpose and keys, for students and teachers."""
        from desktop.theme import document_css
        from desktop.widgets.guide_dialog import GuideDialog

        if not section and self.current_key:
            section = self.current_key
        GuideDialog(document_css(self.ctx.theme.colors), self, section).exec()

    def open_preferences(self) -> None:
        """File > Preferences (Ctrl+,): applied on OK, as View > Theme and Ctrl+= apply."""
        from desktop.widgets.preferences_dialog import PreferencesDialog

        settings = self.ctx.settings
        dialog = PreferencesDialog(settings, self.ctx.atlas.paths.data_dir,
                                   self.ctx.theme.theme_name, self.ctx.theme.font_scale, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        dialog.save_quiz_defaults(settings)
        if dialog.theme() != self.ctx.theme.theme_name:
            self.set_theme(dialog.theme())
        if abs(dialog.font_scale() - self.ctx.theme.font_scale) > 0.001:
            settings.font_scale = self.ctx.theme.set_font_scale(dialog.font_scale())
        settings.sync()
        self.statusBar().showMessage("Preferences saved.", 4000)
        if dialog.show_tour_requested:
            self.start_tour()

    # -- the welcome tour ----------------------------------------------------------------------

    def maybe_start_tour(self) -> None:
        """At start: the welcome tour, unless it was dismissed for good."""
        if not self.ctx.settings.tour_dismissed:
            self.start_tour(show_views=False)

    def start_tour(self, show_views: bool = True) -> None:
        """Help > Welcome tour: the band above the views, from its first step."""
        from desktop.widgets.tour_panel import TourPanel

        if self.tour is None:
            self.tour = TourPanel(self)
            self.tour.view_requested.connect(self._tour_view)
            self.tour.closed.connect(self._tour_closed)
            self.central_layout.insertWidget(0, self.tour)
        self._tour_shows_views = show_views
        self.tour.start()
        self._tour_shows_views = True

    def _tour_view(self, key: str) -> None:
        if not getattr(self, "_tour_shows_views", True):
            return  # the first step at start-up: stay on the view the user left
        if key == "glossary":
            self.show_glossary()
        else:
            self.show_view(key, focus=False)

    def _tour_closed(self, forever: bool) -> None:
        if forever:
            self.ctx.settings.tour_dismissed = True
            self.ctx.settings.sync()
            self.statusBar().showMessage(
                "The tour will not come back; Help > Welcome tour shows it again.", 6000)
        self.focus_view()

    # -- File > Recent -------------------------------------------------------------------------

    def note_recent(self, kind: str, item_id: str) -> None:
        """Remember that (kind, item_id) was opened, for File > Recent."""
        if getattr(self, "_restoring", False):
            return
        updated = add_recent(self.recent, kind, item_id)
        if updated != self.recent:
            self.recent = updated
            self.ctx.settings.recent_items = [item.stored() for item in updated]

    def _recent_title(self, kind: str, item_id: str) -> str | None:
        """The title of a recent record, or None when it is gone (a pack closed)."""
        if kind == "import":
            try:
                from desktop.core.library.imports import ImportLibrary

                doc = ImportLibrary(self.ctx.user).document(item_id) if self.ctx.user else None
            except (ImportError, ValueError):
                doc = None
            return doc.title if doc is not None else None
        title = self.ctx.content.title_of(kind, item_id)
        return None if title == item_id else title

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        shown = 0
        for item in self.recent:
            title = self._recent_title(item.kind, item.item_id)
            if title is None:
                continue
            shown += 1
            action = self.recent_menu.addAction(recent_label(title, item.kind, shown))
            action.triggered.connect(
                lambda _=False, k=item.kind, i=item.item_id: self.open_item(k, i))
        if not shown:
            self.recent_menu.addAction("Nothing opened yet").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("&Clear the list", self.clear_recent)

    def clear_recent(self) -> None:
        self.recent = []
        self.ctx.settings.recent_items = []

    # -- drag and drop -------------------------------------------------------------------------

    @staticmethod
    def _dropped_paths(event) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
            self.statusBar().showMessage("Drop to import: documents go to the library, "
                                         "question files become question sets, a folder "
                                         "opens as a content pack.", 4000)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        paths = self._dropped_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # After the drop has finished (a file manager waits for it): the imports may ask
        # questions in dialogs.
        QTimer.singleShot(0, lambda: self.import_paths(paths))

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders as File > Import does: documents into the library,
        question files as question sets, folders as content packs."""
        plan = route_paths(paths)
        if plan.missing:
            from desktop.widgets.safe_text import warn

            warn(  # file names are shown as they are, never as rich text
                self, "Not imported",
                "These could not be read, so nothing was imported from them:\n"
                + "\n".join(str(p) for p in plan.missing)
                + "\n\nCheck that they still exist and that you may read them.")
        actions = self.install_file_actions() if plan.questions or plan.packs else None
        for folder in plan.packs:
            actions.open_pack(folder)
        if plan.questions:
            actions.import_question_files(plan.questions)
        if plan.documents:
            view = self.show_view("library")
            if view is not None:
                view.start_import(plan.documents)

    # -- state -------------------------------------------------------------------------------

    def fit_to_screen(self, screen=None) -> None:
        """Size and centre the window for the free area of `screen` (default: the one it is
        on), leaving room for the title bar, panels and frame."""
        screen = screen or self.screen() or QApplication.primaryScreen()
        self.setGeometry(first_geometry(screen.availableGeometry()))

    def restore_state(self) -> None:
        """Geometry, docks, last view and glossary place from the settings. A saved geometry
        is used only if it still fits one of the screens (a projector may be gone)."""
        settings = self.ctx.settings
        if not settings.geometry.isEmpty():
            self.restoreGeometry(settings.geometry)
            if not fits_a_screen(self.geometry(), self.isMaximized() or self.isFullScreen()):
                self.setWindowState(Qt.WindowState.WindowNoState)
                self.fit_to_screen()
        if not settings.window_state.isEmpty():
            self.restoreState(settings.window_state)
        self.glossary.setVisible(settings.glossary_visible)
        if settings.glossary_term:
            QTimer.singleShot(0, lambda: self._restore_term(settings.glossary_term))
        self.show_view(settings.last_view if spec(settings.last_view) else "home")

    def _restore_term(self, term_id: str) -> None:
        # The last session's term comes back as it was: not a new entry in File > Recent.
        self._restoring = True
        try:
            self.glossary.show_term(term_id)
        finally:
            self._restoring = False

    def save_state(self) -> None:
        settings = self.ctx.settings
        settings.geometry = QByteArray(self.saveGeometry())
        settings.window_state = QByteArray(self.saveState())
        settings.last_view = self.current_key or "home"
        settings.glossary_visible = self.glossary.isVisible()
        settings.glossary_term = self.glossary.current_term
        settings.sync()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.ctx.navigator.window_painted()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self._search_popup is not None:
            self._search_popup.shutdown()  # the search worker stops before the window goes
        super().closeEvent(event)


#: Room kept for the window manager's title bar and frame around the window's own area (px).
FRAME_ALLOWANCE = QSize(16, 40)


def first_geometry(available: QRect) -> QRect:
    """The window's own area on first start, for a screen whose free area is `available`:
    most of the screen (at most 1600x1000), centred, with room for the title bar and frame,
    so the title-bar buttons and the status bar are on screen at 1024x768 and 1280x800."""
    room = available.size() - FRAME_ALLOWANCE
    width = min(int(available.width() * 0.94), room.width(), 1600)
    height = min(int(available.height() * 0.92), room.height(), 1000)
    left = available.x() + (available.width() - width) // 2
    top = available.y() + max(FRAME_ALLOWANCE.height() - 8,
                               (available.height() - height) // 2)
    return QRect(left, top, width, height)


def fits_a_screen(geometry: QRect, maximized: bool = False) -> bool:
    """Whether a window's own area lies within the free area of one of the screens (with
    room for its frame), so a restored window never hangs off the edge."""
    for screen in QApplication.screens():
        available = screen.availableGeometry()
        if maximized and available.intersects(geometry):
            return True
        frame = geometry.adjusted(-FRAME_ALLOWANCE.width() // 2,
                                  -(FRAME_ALLOWANCE.height() - 8),
                                  FRAME_ALLOWANCE.width() // 2, 8)
        if available.contains(frame):
            return True
    return False


def version_text() -> str:
    return f"{APP_NAME} {__version__}"
