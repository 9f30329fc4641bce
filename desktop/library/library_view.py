"""Library: every study note, reference and imported document, with a reader beside them.

The table (sortable, filterable) lists the records; the reader shows the chosen one: a study
note or summary, its bibliographic block with Copy citation / Copy DOI / Open in browser (the
app's only network action, taken only on a click) and "Mentioned in". Imports run on a worker
thread with a progress bar and a Cancel button; imported documents can be edited and removed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QGuiApplication,
    QIntValidator,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import Location
from desktop.core.library.citations import STYLES, format_citation
from desktop.core.library.entries import (
    GROUPS,
    document_html,
    import_html,
    library_entries,
    reference_html,
)
from desktop.core.library.imports import FILE_FILTER, ImportLibrary, display_name
from desktop.core.shortcuts import with_keys
from desktop.library.library_model import (
    AUTHOR,
    KEY_ROLE,
    KIND,
    SOURCE,
    TITLE,
    YEAR,
    LibraryFilterProxy,
    LibraryModel,
)
from desktop.views import AtlasView
from desktop.widgets.flow_layout import FlowLayout
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.rich_text import RichTextBrowser
from desktop.widgets.safe_text import ask, set_plain, warn

EXPORT_FORMATS = (("bibtex", "BibTeX", "bib"), ("ris", "RIS", "ris"))


class LibraryView(AtlasView):
    """The Library view (kinds: reference, document, import)."""

    view_key = "library"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setAccessibleName("Library")
        self.imports = (ImportLibrary(ctx.user.conn, ctx.atlas.paths.imports_dir)
                        if ctx.user else None)
        self._current: tuple[str, str] | None = None
        self._programmatic = False
        self.import_thread = None
        self.last_outcomes: list = []
        self.model = LibraryModel(self)
        self.proxy = LibraryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._fitting = False
        self._title_lines = 1
        self._build()
        self.reload()
        self.table.sortByColumn(KIND, Qt.SortOrder.AscendingOrder)
        self._sized = False
        ctx.theme.font_scale_changed.connect(self._fit_rows)
        ctx.theme.font_scale_changed.connect(self._fit_columns)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.setSpacing(8)

        # Wraps onto more lines when the window is narrow or the text large (200% on 1024 px).
        top = FlowLayout()
        heading = QLabel("Library")
        heading.setProperty("role", "heading")
        set_relative_font(heading, 1.35, bold=True)
        top.addWidget(heading)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("library_filter")
        self.filter_edit.setPlaceholderText(
            with_keys("Filter by title, author, year, journal…", "go.library_filter"))
        self.filter_edit.setAccessibleName("Filter the library")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.filter_edit.returnPressed.connect(self._focus_first_row)
        self.filter_edit.installEventFilter(self)
        self.filter_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        top.addWidget(self.filter_edit, stretch=1)
        self.group_combo = QComboBox()
        self.group_combo.setAccessibleName("Show")
        for key, label in GROUPS.items():
            self.group_combo.addItem(label, key)
        self.group_combo.currentIndexChanged.connect(self._group_changed)
        top.addWidget(self.group_combo)
        self.import_button = QPushButton("Import documents…")
        self.import_button.setAccessibleName("Import documents")
        self.import_button.setToolTip("Add your own papers: PDF, HTML, Markdown or text")
        self.import_button.clicked.connect(self.choose_import_files)
        top.addWidget(self.import_button)
        self.export_button = QToolButton()
        self.export_button.setText("Export citations")
        self.export_button.setAccessibleName("Export citations")
        self.export_button.setToolTip("Export citations: the selected records or all of "
                                      "them, as BibTeX or RIS")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        for selected in (True, False):
            for fmt, label, _suffix in EXPORT_FORMATS:
                which = "Selected" if selected else "All references"
                action = export_menu.addAction(f"{which} as {label}…")
                action.triggered.connect(
                    lambda _=False, f=fmt, s=selected: self.choose_export_file(f, s))
        self.export_button.setMenu(export_menu)
        top.addWidget(self.export_button)
        outer.addLayout(top)

        self.table = QTableView()
        self.table.setObjectName("library_table")
        self.table.setAccessibleName("Library table")
        self.table.setAccessibleDescription(
            "Arrows choose a record and show it in the reader; Tab moves to the reader")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Widths are shared out by _fit_columns (the title takes what the others leave, and
        # never collapses): a Stretch title went down to "…" beside a side panel.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.count_label.setProperty("role", "muted")
        self.count_label.setWordWrap(True)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.count_label)
        # a wrapped label's height is not part of a splitter's minimum: keep it asked for
        # (else the count is drawn over the table's last row when the splitter is stacked)
        table_box.installEventFilter(self)
        self.table_box = table_box

        reader_box = QWidget()
        reader_layout = QVBoxLayout(reader_box)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.addLayout(self._build_reader_bar())
        reader_layout.addWidget(self._build_edit_box())
        self.reader = RichTextBrowser(self.ctx, accessible_name="Reader")
        self.reader.setObjectName("library_reader")
        reader_layout.addWidget(self.reader, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("library_splitter")
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(reader_box)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter, 1)
        outer.addWidget(self._build_import_panel())

        # Ctrl+L (focus the filter) is the main window's Go > Filter the library: it works
        # from anywhere (desktop/core/shortcuts.py, row go.library_filter).
        self._fit_rows()
        self._fit_columns()

    def _build_reader_bar(self) -> FlowLayout:
        bar = FlowLayout()
        self.cite_button = QToolButton()
        self.cite_button.setAccessibleName("Copy citation")
        self.cite_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.cite_actions: dict[str, QAction] = {}
        menu = QMenu(self.cite_button)
        for style, label in STYLES.items():
            action = menu.addAction(f"Copy citation ({label})")
            action.triggered.connect(lambda _=False, s=style: self.copy_citation(s))
            self.cite_actions[style] = action
        self.cite_button.setMenu(menu)
        self.cite_button.setDefaultAction(self.cite_actions["ama"])
        self.cite_button.setToolTip("Copy the citation, AMA style (Ctrl+Shift+C); "
                                    "the arrow offers Vancouver")
        cite_shortcut = QShortcut(QKeySequence("Ctrl+Shift+C"), self)
        cite_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cite_shortcut.activated.connect(lambda: self.copy_citation("ama"))
        self.doi_button = QPushButton("Copy DOI")
        self.doi_button.setAccessibleName("Copy DOI")
        self.doi_button.clicked.connect(self.copy_doi)
        self.browser_button = QPushButton("Open in browser")
        self.browser_button.setAccessibleName("Open in browser")
        self.browser_button.setToolTip("Open the paper's page in your web browser "
                                       "(the only thing IMiD Atlas does online)")
        self.browser_button.clicked.connect(self.open_in_browser)
        for widget in (self.cite_button, self.doi_button, self.browser_button):
            bar.addWidget(widget)
        return bar

    def _build_edit_box(self) -> QWidget:
        box = QWidget()
        box.setObjectName("import_details")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title of the imported document")
        self.year_edit = QLineEdit()
        self.year_edit.setAccessibleName("Year")
        self.year_edit.setValidator(QIntValidator(0, 9999, self.year_edit))
        self.year_edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 5)
        self.authors_edit = QLineEdit()
        self.authors_edit.setAccessibleName("Authors")
        self.authors_edit.setPlaceholderText("Authors (optional)")
        for edit in (self.title_edit, self.year_edit, self.authors_edit):
            edit.returnPressed.connect(self.save_import_details)
        self.save_button = QPushButton("Save details")
        self.save_button.setAccessibleName("Save details")
        self.save_button.clicked.connect(self.save_import_details)
        self.original_button = QPushButton("Open original")
        self.original_button.setAccessibleName("Open the original file")
        self.original_button.clicked.connect(self.open_original)
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setAccessibleName("Remove from the library")
        self.remove_button.setToolTip("Remove this document and its copy (Delete)")
        self.remove_button.clicked.connect(lambda: self.remove_import(self._import_id()))
        self.edit_message = QLabel()
        self.edit_message.setProperty("role", "muted")
        grid.addWidget(QLabel("Title"), 0, 0)
        grid.addWidget(self.title_edit, 0, 1, 1, 3)
        grid.addWidget(QLabel("Year"), 1, 0)
        grid.addWidget(self.year_edit, 1, 1)
        grid.addWidget(QLabel("Authors"), 1, 2)
        grid.addWidget(self.authors_edit, 1, 3)
        buttons = FlowLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.original_button)
        buttons.addWidget(self.remove_button)
        self.edit_message.setWordWrap(True)
        buttons.addWidget(self.edit_message, stretch=1)
        grid.addLayout(buttons, 2, 0, 1, 4)
        grid.setColumnStretch(3, 1)
        self.edit_box = box
        box.hide()
        return box

    def _build_import_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("import_panel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        row = FlowLayout()
        self.import_status = QLabel()
        self.import_status.setWordWrap(True)
        self.import_bar = QProgressBar()
        self.import_bar.setAccessibleName("Import progress")
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setAccessibleName("Cancel import")
        self.cancel_button.clicked.connect(self.cancel_import)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss import results")
        self.dismiss_button.clicked.connect(self._dismiss_results)
        row.addWidget(self.import_status, stretch=1)
        row.addWidget(self.import_bar, stretch=1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.dismiss_button)
        layout.addLayout(row)
        self.results_list = QListWidget()
        self.results_list.setAccessibleName("Import results")
        self.results_list.setMaximumHeight(self.fontMetrics().height() * 7)
        layout.addWidget(self.results_list)
        self.import_panel = panel
        panel.hide()
        return panel

    def _fit_rows(self, *_args) -> None:
        """Rows one line high, or two when the title column is narrow and titles wrap."""
        height = self.table.fontMetrics().height()
        lines = self._title_lines
        self.table.verticalHeader().setDefaultSectionSize(
            int(height * (1.7 if lines == 1 else lines + 0.7)))

    #: Below this many average characters, titles wrap onto a second line (the row grows)
    #: rather than ending in "…" after a few words.
    TITLE_WRAP_CHARACTERS = 40

    def _wrap_titles(self, title_width: int) -> None:
        metrics = self.table.fontMetrics()
        lines = 2 if title_width < metrics.averageCharWidth() * self.TITLE_WRAP_CHARACTERS \
            else 1
        if lines != self._title_lines:
            self._title_lines = lines
            self.table.setWordWrap(lines > 1)
            self._fit_rows()

    #: Below this width (in "M" widths of the view's font) the reader goes under the table:
    #: side by side each would be a sliver (the glossary panel open on a 1024-pixel screen at
    #: 200% text left the table about 120 pixels and cut every title after a word).
    SIDE_BY_SIDE_EM = 50

    def _choose_orientation(self) -> None:
        em = self.fontMetrics().horizontalAdvance("M")
        wanted = Qt.Orientation.Horizontal if self.width() >= self.SIDE_BY_SIDE_EM * em \
            else Qt.Orientation.Vertical
        self._compact(wanted == Qt.Orientation.Vertical)
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self._share_splitter()

    def _compact(self, narrow: bool) -> None:
        """Narrow, the buttons take shorter names (their tooltips and accessible names keep
        the long ones) so the bars above the table and the reader take two lines, not four."""
        texts = ((self.import_button, "Import…" if narrow else "Import documents…"),
                 (self.export_button, "Export…" if narrow else "Export citations"))
        for button, text in texts:
            if button.text() != text:
                button.setText(text)
        for style, action in self.cite_actions.items():
            text = f"Cite ({STYLES[style]})" if narrow else action.text()
            if action.iconText() != text:
                action.setIconText(text)
        # stacked, the table keeps room for its heading and two rows of two lines
        lines = self.table.fontMetrics().height()
        least = round(lines * 7) + 2 * self.table.frameWidth() if narrow else 0
        if self.table.minimumHeight() != least:
            self.table.setMinimumHeight(least)

    def _share_splitter(self) -> None:
        """Side by side: the table a little wider than the reader; stacked: the table about
        two fifths of the height, the reader the rest."""
        horizontal = self.splitter.orientation() == Qt.Orientation.Horizontal
        total = self.splitter.width() if horizontal else self.splitter.height()
        total = max(total, 600 if horizontal else 300)
        first = int(total * (0.54 if horizontal else 0.42))
        self.splitter.setSizes([first, total - first])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._choose_orientation()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._choose_orientation()

    #: When not every column fits beside a readable title, these go first (the reader
    #: shows the journal and the authors of the record chosen).
    DROP_ORDER = (SOURCE, AUTHOR, KIND, YEAR)

    def _fit_columns(self, *_args) -> None:
        """Author, year, journal and kind as wide as their texts (long authors and journals
        capped), the title all the rest; when the table is narrow (the glossary open, large
        text) the others give up width down to their headings before the title goes below
        about 18 characters; when even that does not fit, the journal, then the author
        column are hidden (the reader shows them) rather than scroll sideways."""
        from desktop.core.columns import ColumnNeed, fit_widths

        if self._fitting:
            return
        self._fitting = True
        try:
            self._share_columns(ColumnNeed, fit_widths)
        finally:
            self._fitting = False

    def _heading_width(self, column: int) -> int:
        """The width a column's heading needs (measured while shown: Qt gives a hidden
        section no size hint)."""
        header = self.table.horizontalHeader()
        if header.isSectionHidden(column):
            header.setSectionHidden(column, False)
            width = header.sectionSizeHint(column)
            header.setSectionHidden(column, True)
            return width
        return header.sectionSizeHint(column)

    def _share_columns(self, ColumnNeed, fit_widths) -> None:  # noqa: N803
        metrics = self.table.fontMetrics()
        em = metrics.horizontalAdvance("M")
        pad = em  # the cell's margins, both sides
        caps = {AUTHOR: em * 11, YEAR: em * 4, SOURCE: em * 13, KIND: em * 9}
        widest = dict.fromkeys(caps, 0)
        for row in range(self.model.rowCount()):
            for column in caps:
                text = self.model.index(row, column).data() or ""
                widest[column] = max(widest[column], metrics.horizontalAdvance(text))
        available = self.table.viewport().width()
        # about 18 characters, or the whole width when even that is wider (the title then
        # wraps onto two lines rather than the table scrolling sideways)
        needs = {TITLE: ColumnNeed(0, max(self._heading_width(TITLE),
                                          min(em * 18, available)), stretch=True)}
        needs.update({column: ColumnNeed(min(widest[column], caps[column]) + pad,
                                         self._heading_width(column)) for column in caps})
        shown = [TITLE, AUTHOR, YEAR, SOURCE, KIND]
        for column in self.DROP_ORDER:
            if sum(needs[c].least for c in shown) <= available:
                break
            shown.remove(column)
        for column in needs:
            if self.table.isColumnHidden(column) == (column in shown):
                self.table.setColumnHidden(column, column not in shown)
        widths = fit_widths(available, [needs[c] for c in shown])
        for column, width in zip(shown, widths, strict=True):
            if self.table.columnWidth(column) != width:
                self.table.setColumnWidth(column, width)
        self._wrap_titles(widths[0])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # the first time: side by side or stacked, as the width allows
            self._sized = True
            self._choose_orientation()
            self._share_splitter()

    # -- the list ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the records (after an import, an edit or a removal)."""
        current = self._current
        self.model.set_entries(library_entries(self.ctx.content, self.imports))
        self._fit_columns()
        if current and self.model.row_of(*current) >= 0:
            self._select(*current)
        elif current:
            self._current = None
            self._show_nothing()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        mine = sum(1 for e in self.model.entries if e.group == "mine")
        text = f"{shown} of {total} shown" if shown != total else f"{total} items"
        self.count_label.setText(f"{text} · {mine} of your own documents")

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _group_changed(self, _index: int) -> None:
        self.proxy.set_group(self.group_combo.currentData())
        self._update_count()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _focus_first_row(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, TITLE))

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize and obj is self.table.viewport():
            self._fit_columns()
            return False
        if event.type() == QEvent.Type.Resize and obj is getattr(self, "table_box", None):
            label = self.count_label
            least = label.heightForWidth(obj.width())
            if least > 0 and label.minimumHeight() != least:
                label.setMinimumHeight(least)
            return False
        if event.type() == QEvent.Type.KeyPress:
            if obj is self.filter_edit and event.key() == Qt.Key.Key_Down:
                self._focus_first_row()
                return True
            if obj is self.table and event.key() == Qt.Key.Key_Delete and self._import_id():
                self.remove_import(self._import_id())
                return True
        return super().eventFilter(obj, event)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        kind, _, item_id = str(current.siblingAtColumn(TITLE).data(KEY_ROLE)).partition(":")
        self._show(kind, item_id)
        if not self._programmatic:
            # Browsing the table moves the current place without adding history entries;
            # links (and search) add them, so Back returns to the record you were reading.
            # (Navigator.shown; a record read for a moment counts for File > Recent.)
            self.ctx.navigator.shown(Location(self.view_key, kind, item_id))

    def _select(self, kind: str, item_id: str) -> bool:
        row = self.model.row_of(kind, item_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, TITLE))
        if not index.isValid():  # hidden by the filter: show everything
            self.filter_edit.clear()
            self.group_combo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, TITLE))
        self._programmatic = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._programmatic = False
        self.table.scrollTo(index)
        if self._current != (kind, item_id):
            self._show(kind, item_id)
        return True

    def selected_keys(self) -> list[tuple[str, str]]:
        """(kind, id) of every selected row, in table order."""
        rows = sorted(self.table.selectionModel().selectedRows(TITLE), key=lambda i: i.row())
        keys = []
        for index in rows:
            kind, _, item_id = str(index.data(KEY_ROLE)).partition(":")
            keys.append((kind, item_id))
        return keys

    # -- the reader --------------------------------------------------------------------------

    def _show(self, kind: str, item_id: str) -> bool:
        content = self.ctx.content
        ref = None
        if kind == "reference":
            ref = content.reference(item_id)
            if ref is None:
                return False
            html = reference_html(content, ref, self.ctx.render_markdown)
        elif kind == "document":
            doc = content.document(item_id)
            if doc is None:
                return False
            ref = content.reference(doc.reference_id) if doc.reference_id else None
            html = document_html(content, doc, self.ctx.render_markdown)
        elif kind == "import" and self.imports is not None:
            doc = self.imports.document(item_id)
            if doc is None:
                return False
            html = import_html(doc, self.ctx.render_markdown, self.ctx.link_terms)
            self._fill_edit_box(doc)
        else:
            return False
        self._current = (kind, item_id)
        self.current_reference = ref
        self.reader.set_content(html)
        self.reader.verticalScrollBar().setValue(0)
        self.edit_box.setVisible(kind == "import")
        for widget in (self.cite_button, self.doi_button, self.browser_button):
            widget.setVisible(kind != "import")
        self.cite_button.setEnabled(ref is not None)
        self.doi_button.setEnabled(bool(ref and ref.doi))
        self.browser_button.setEnabled(bool(ref and ref.link_url))
        self.browser_button.setToolTip(
            f"Open {ref.link_url} in your web browser (the only thing IMiD Atlas does online)"
            if ref and ref.link_url else "This reference has no web address")
        return True

    def _show_nothing(self) -> None:
        self.current_reference = None
        self.reader.set_content("<p class='muted'>Choose a study note, reference or document "
                                "on the left.</p>")
        self.edit_box.hide()
        for widget in (self.cite_button, self.doi_button, self.browser_button):
            widget.setEnabled(False)

    def copy_citation(self, style: str = "ama") -> str:
        """Copy the shown reference's citation; returns the text copied."""
        ref = getattr(self, "current_reference", None)
        if ref is None:
            return ""
        text = format_citation(ref, style)
        QGuiApplication.clipboard().setText(text)
        self._status(f"Copied the {STYLES.get(style, style)} citation: {ref.short_label}")
        return text

    def copy_doi(self) -> str:
        ref = getattr(self, "current_reference", None)
        if ref is None or not ref.doi:
            return ""
        QGuiApplication.clipboard().setText(ref.doi)
        self._status(f"Copied DOI {ref.doi}")
        return ref.doi

    def open_in_browser(self) -> bool:
        """The app's only network action: open the reference's web page, on request."""
        ref = getattr(self, "current_reference", None)
        if ref is None or not ref.link_url:
            return False
        QDesktopServices.openUrl(QUrl(ref.link_url))
        self._status(f"Opened {ref.link_url} in your browser")
        return True

    def _status(self, message: str, ms: int = 5000) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(message, ms)

    # -- AtlasView ---------------------------------------------------------------------------

    def open_item(self, kind: str, item_id: str) -> bool:
        if kind not in ("reference", "document", "import"):
            return False
        if self.model.row_of(kind, item_id) < 0 and kind == "import":
            self.reload()  # imported since the list was read (e.g. from the command line)
        return self._select(kind, item_id)

    def current_item(self) -> tuple[str, str] | None:
        return self._current

    def focus_target(self) -> QWidget:
        return self.filter_edit

    def on_activated(self) -> None:
        if self._current is None and self.proxy.rowCount():
            self._select(*self._key_at(0))

    def _key_at(self, proxy_row: int) -> tuple[str, str]:
        kind, _, item_id = str(self.proxy.index(proxy_row, TITLE).data(KEY_ROLE)).partition(":")
        return kind, item_id

    # -- imported documents ------------------------------------------------------------------

    def _import_id(self) -> str:
        return self._current[1] if self._current and self._current[0] == "import" else ""

    def _fill_edit_box(self, doc) -> None:
        self.title_edit.setText(doc.title)
        self.year_edit.setText(str(doc.year or ""))
        self.authors_edit.setText(doc.authors)
        self.edit_message.clear()

    def save_import_details(self) -> bool:
        """Save the edited title, year and authors of the shown import."""
        doc_id = self._import_id()
        if not doc_id or self.imports is None:
            return False
        year = self.year_edit.text().strip() or None
        try:
            self.imports.update(int(doc_id), self.title_edit.text(), year,
                                self.authors_edit.text())
        except ValueError as exc:
            set_plain(self.edit_message, f"Not saved: {exc}.")
            return False
        self.reload()
        self._show("import", doc_id)
        self.edit_message.setText("Saved.")
        return True

    def open_original(self) -> bool:
        doc = self.imports.document(self._import_id()) if self.imports else None
        if doc is None:
            return False
        path = self.imports.original_path(doc)
        if not path.exists():
            set_plain(self.edit_message, f"The copy of the original is missing ({path}).")
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_import(self, doc_id: str, confirm: bool = True) -> bool:
        """Remove an imported document (after asking, unless `confirm` is False)."""
        doc = self.imports.document(doc_id) if (self.imports and doc_id) else None
        if doc is None:
            return False
        if confirm and not ask(
                self, "Remove document",
                f"Remove \u201c{doc.title}\u201d from your library? Its copy in the data "
                "folder is deleted too; the file you imported it from is not touched."):
            return False
        row = self.table.currentIndex().row()
        self.imports.remove(doc.id)
        self._current = None
        self.reload()
        if self.proxy.rowCount():
            self._select(*self._key_at(min(max(row, 0), self.proxy.rowCount() - 1)))
        else:
            self._show_nothing()
        self._status(f"Removed \u201c{doc.title}\u201d from your library")
        return True

    def choose_import_files(self) -> None:
        """Ask for files, then import them in the background."""
        if self.import_running():
            self._status("An import is already running.")
            return
        paths, _ = QFileDialog.getOpenFileNames(self, "Import documents", str(Path.home()),
                                                FILE_FILTER)
        if paths:
            self.start_import([Path(p) for p in paths])

    def import_running(self) -> bool:
        return self.import_thread is not None

    def start_import(self, paths: list[Path]) -> bool:
        """Import `paths` on a worker thread; False when there is nothing to do or one runs."""
        from desktop.library.import_worker import ImportThread

        if self.import_running() or not paths or self.ctx.user is None:
            return False
        thread = ImportThread(self.ctx.user, self.ctx.atlas.paths.imports_dir, paths, self)
        thread.file_started.connect(self._import_progress)
        thread.done.connect(self._import_done)
        self.import_thread = thread
        self.results_list.clear()
        self.results_list.hide()
        self.dismiss_button.hide()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.import_bar.show()
        self.import_bar.setRange(0, len(paths))
        self.import_bar.setValue(0)
        self.import_status.setText(f"Importing {len(paths)} file(s)…")
        self.import_panel.show()
        self.import_button.setEnabled(False)
        thread.start()
        return True

    def cancel_import(self) -> None:
        if self.import_thread is not None:
            self.import_thread.cancel()
            self.cancel_button.setEnabled(False)
            self.import_status.setText("Cancelling…")

    def _import_progress(self, done: int, total: int, name: str) -> None:
        self.import_bar.setRange(0, total)
        self.import_bar.setValue(done)
        if done < total and not (self.import_thread and self.import_thread.cancelled):
            set_plain(self.import_status, f"Importing {done + 1} of {total}: {name}")

    def _import_done(self, outcomes: list) -> None:
        thread, self.import_thread = self.import_thread, None
        if thread is not None:
            thread.wait(5000)
            thread.deleteLater()
        self.last_outcomes = outcomes
        counts = {s: sum(1 for o in outcomes if o.status == s)
                  for s in ("imported", "duplicate", "failed", "cancelled")}
        parts = [f"Imported {counts['imported']} document(s)"]
        if counts["duplicate"]:
            parts.append(f"{counts['duplicate']} already in your library")
        if counts["failed"]:
            parts.append(f"{counts['failed']} not imported")
        if counts["cancelled"]:
            parts.append(f"{counts['cancelled']} skipped (cancelled)")
        self.import_status.setText("; ".join(parts) + ".")
        self.import_bar.hide()
        self.cancel_button.hide()
        self.dismiss_button.show()
        self.results_list.clear()
        for outcome in outcomes:
            self.results_list.addItem(f"{display_name(outcome.path)}: {outcome.message}")
        self.results_list.setVisible(bool(outcomes))
        self.import_button.setEnabled(True)
        self.reload()
        new = [o for o in outcomes if o.status in ("imported", "duplicate") and o.doc_id]
        if new:
            self.group_combo.setCurrentIndex(list(GROUPS).index("mine"))
            self._select("import", str(new[0].doc_id))
        self._status("; ".join(parts) + ".", 8000)

    def _dismiss_results(self) -> None:
        self.import_panel.hide()
        self.results_list.clear()

    def shutdown(self) -> None:
        """Stop a running import before the application quits."""
        if self.import_thread is not None:
            self.import_thread.cancel()
            self.import_thread.wait(10000)

    # -- citations export --------------------------------------------------------------------

    def export_ids(self, selected: bool) -> list[str]:
        """`kind:id` of the selected references and study notes (empty: everything)."""
        if not selected:
            return []
        return [f"{k}:{i}" for k, i in self.selected_keys() if k in ("reference", "document")]

    def choose_export_file(self, fmt: str, selected: bool) -> None:
        ids = self.export_ids(selected)
        if selected and not ids:
            self._status("Select one or more references or study notes first "
                         "(Ctrl+click or Shift+arrows).")
            return
        suffix = dict((f, s) for f, _l, s in EXPORT_FORMATS)[fmt]
        name = "imid-atlas-selected" if selected else "imid-atlas-citations"
        default = str(self.ctx.atlas.paths.data_dir / f"{name}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "Export citations", default)
        if path:
            self.export_to(Path(path), fmt, selected)

    def export_to(self, path: Path, fmt: str, selected: bool) -> str:
        """Write the citations file; returns the summary shown in the status bar."""
        from desktop.core.library.citations import export_citations

        try:
            summary = export_citations(self.ctx.atlas, path, fmt,
                                       {"ids": self.export_ids(selected)})
        except OSError as exc:
            summary = f"Could not write {path}: {exc.strerror or exc}"
            warn(self, "Export failed", summary)
            return summary
        self._status(summary, 8000)
        return summary

