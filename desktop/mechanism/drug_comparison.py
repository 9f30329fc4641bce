"""The drug comparison: the five drugs side by side, each field in full, sources one click away.

Columns are drugs, rows are the comparison fields, so five columns share the window's width
and every cell wraps to its whole text (nine fields across would leave each a sliver and cut
every cell with "…"). When even five columns do not fit (a narrow window, large text), the
table stacks: a heading per field, then a row per drug with its name and text. Fields can be
hidden (Fields menu or the field names' context menu),
drugs moved (Ctrl+Left / Ctrl+Right) or sorted by a field (click the field's name), and the
table copied (Ctrl+C) or exported as CSV (a drug per row, as spreadsheets expect). Selecting
a cell shows its text with every source and glossary term as a link; the cell's context menu
opens a source directly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.records import Drug
from desktop.core.mechanism import drug_table
from desktop.core.render import escape
from desktop.mechanism.html import sources_html
from desktop.widgets.flow_layout import FlowLayout
from desktop.widgets.keys import sequences
from desktop.widgets.rich_text import RichTextBrowser
from desktop.widgets.safe_text import warn
from desktop.widgets.stay_open_menu import StayOpenMenu

#: The comparison fields (the CSV's columns).
FIELDS: tuple[str, ...] = tuple(key for key, _ in drug_table.FIELDS)
#: The first row draws each drug's structure (its text alternative for screen readers).
STRUCTURE = "structure"
#: The rows, in their order.
ROWS: tuple[str, ...] = (STRUCTURE, *FIELDS)


def row_heading(key: str) -> str:
    return "Structure" if key == STRUCTURE else drug_table.field_heading(key)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
#: A drug's column keeps at least this many characters' width (then the table scrolls).
LEAST_CHARACTERS = 7


class DrugTableModel(QAbstractTableModel):
    """The comparison in one of two layouts, each cell its full text.

    `wide`: fields (rows) by drugs (columns, in a changeable order).
    `stacked` (a narrow window or large text): two columns, drug and text; for each field a
    heading row, then a row per drug.
    """

    def __init__(self, drugs: list[Drug], parent=None):
        super().__init__(parent)
        self.drugs = list(drugs)
        self.default_order = [d.id for d in drugs]
        self.stacked = False
        #: `fn(text) -> html` naming the glossary terms a text uses with their definitions
        #: (the cells' hover: a table cell holds no links).
        self.describe_terms = None
        #: drug id -> the text alternative of its structure drawing (set by the view; the
        #: drawings themselves are painted by drug_comparison_structures.StructureCells).
        self.structure_texts: dict[str, str] = {}
        # data() runs thousands of times while rows are measured: compute the texts once
        self._text = {(d.id, key): drug_table.cell_full_text(d.cells.get(key))
                      for d in self.drugs for key in FIELDS}

    def set_stacked(self, stacked: bool) -> None:
        if stacked != self.stacked:
            self.beginResetModel()
            self.stacked = stacked
            self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return len(ROWS) * (len(self.drugs) + 1) if self.stacked else len(ROWS)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return 2 if self.stacked else len(self.drugs)

    def cell(self, index: QModelIndex) -> tuple[Drug | None, str]:
        """(drug, field key) of a cell; the drug is None on a stacked field's heading row."""
        if not index.isValid():
            return None, ""
        if not self.stacked:
            return self.drug_at(index.column()), ROWS[index.row()]
        field, place = divmod(index.row(), len(self.drugs) + 1)
        return (self.drugs[place - 1] if place else None), ROWS[field]

    def index_of(self, drug_id: str, key: str) -> QModelIndex:
        """The cell holding `drug_id`'s `key` (in a stacked layout, its text)."""
        column, row = self.column_of(drug_id), self.row_of(key)
        if column < 0 or row < 0:
            return QModelIndex()
        if self.stacked:
            return self.index(row * (len(self.drugs) + 1) + column + 1, 1)
        return self.index(row, column)

    def rows_of(self, key: str) -> list[int]:
        """The table rows that show field `key`."""
        row = self.row_of(key)
        if not self.stacked:
            return [row]
        size = len(self.drugs) + 1
        return list(range(row * size, (row + 1) * size))

    def heading_rows(self) -> list[int]:
        """Rows that only name a field (stacked layout)."""
        size = len(self.drugs) + 1
        return [r * size for r in range(len(ROWS))] if self.stacked else []

    def drug_at(self, column: int) -> Drug | None:
        """The drug of a column (wide layout)."""
        return self.drugs[column] if 0 <= column < len(self.drugs) else None

    def column_of(self, drug_id: str) -> int:
        """The position of a drug in the current order."""
        return next((i for i, d in enumerate(self.drugs) if d.id == drug_id), -1)

    @staticmethod
    def row_of(key: str) -> int:
        """The row of `key` in the wide layout (its heading's place in the stacked one)."""
        return ROWS.index(key) if key in ROWS else -1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount() or \
                not 0 <= index.column() < self.columnCount():
            return None
        drug, key = self.cell(index)
        if drug is None:  # a stacked field's heading
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row_heading(key) if index.column() == 0 else ""
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Right-click to sort the drugs by this field or to hide it"
            return None
        if self.stacked and index.column() == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return drug.name
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            return None
        if key == STRUCTURE:
            return self._structure_data(drug, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text[(drug.id, key)] or "No entry."
        if role == Qt.ItemDataRole.ToolTipRole:
            cell = drug.cells.get(key)
            count = len(cell.sources) if cell else 0
            tip = (f"<p>{escape(drug.name)} · {escape(drug_table.field_heading(key))}: {count} "
                   f"source{'s' if count != 1 else ''}. Select the cell to open them.</p>")
            if self.describe_terms is not None:
                tip += self.describe_terms(self._text[(drug.id, key)])
            return tip
        if role == SORT_ROLE:
            return drug_table.sort_key(drug, key)
        if role == KEY_ROLE:
            return (drug.id, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _structure_data(self, drug: Drug, role: int):
        text = self.structure_texts.get(drug.id, "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return text or f"No structure drawing of {drug.name}"
        if role == Qt.ItemDataRole.ToolTipRole and text:
            return f"<p>{escape(text)}</p><p>Select it for the whole description.</p>"
        if role == SORT_ROLE:
            return drug_table.sort_key(drug, "name")
        if role == KEY_ROLE:
            return (drug.id, STRUCTURE)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if self.stacked:
            if orientation == Qt.Orientation.Horizontal and \
                    role == Qt.ItemDataRole.DisplayRole and section in (0, 1):
                return (drug_table.NAME_HEADING, "")[section]
            return None
        if orientation == Qt.Orientation.Horizontal:
            drug = self.drug_at(section)
            if drug is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return drug.name
            if role == Qt.ItemDataRole.ToolTipRole:
                codes = ", ".join(drug.codes)
                return f"{drug.name}{f' ({codes})' if codes else ''}"
            return None
        if not 0 <= section < len(ROWS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row_heading(ROWS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Click to sort the drugs by this field (again: the other way round)"
        if role == Qt.ItemDataRole.TextAlignmentRole:  # long field names wrap
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | \
                int(Qt.TextFlag.TextWordWrap)
        return None

    def sort_drugs(self, key: str, descending: bool = False) -> None:
        key = "name" if key == STRUCTURE else key
        self._reorder(drug_table.sort_drugs(self.drugs, key, descending))

    def reset_order(self) -> None:
        rank = {drug_id: i for i, drug_id in enumerate(self.default_order)}
        self._reorder(sorted(self.drugs, key=lambda d: rank.get(d.id, len(rank))))

    def _reorder(self, drugs: list[Drug]) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        places = [self.cell(p) for p in persistent]
        columns = [p.column() for p in persistent]
        self.drugs = drugs
        moved = []
        for index, (drug, key), column in zip(persistent, places, columns, strict=True):
            if drug is None:
                moved.append(index)  # heading rows do not move
            elif self.stacked:
                target = self.index_of(drug.id, key)
                moved.append(self.index(target.row(), column))
            else:
                moved.append(self.index_of(drug.id, key))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def move_drug(self, position: int, delta: int) -> bool:
        """Move the drug at `position` one place earlier (-1) or later (+1)."""
        target = position + delta
        if not (0 <= position < len(self.drugs) and 0 <= target < len(self.drugs)):
            return False
        order = list(self.drugs)
        order.insert(target, order.pop(position))
        self._reorder(order)
        return True


class DrugComparison(QWidget):
    """The comparison table with its fields menu, move/sort/copy/export and a detail pane.

    Signals:
        drug_selected(str): the drug whose column holds the current cell.
    """

    drug_selected = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("drug_comparison")
        self.model = DrugTableModel(ctx.content.drugs(), self)
        self.model.describe_terms = self._describe_terms
        self._term_notes: dict[str, str] = {}
        self._sort_key = ""
        self._descending = False
        self._fitting = False
        self.hidden: set[str] = set()

        bar = FlowLayout()  # wraps onto two lines when the window is narrow or text large
        self.fields_button = QToolButton()
        self.fields_button.setText("Fields")
        self.fields_button.setAccessibleName("Choose the fields to show")
        self.fields_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.fields_menu = StayOpenMenu(self.fields_button)
        self.field_actions: dict[str, QAction] = {}
        for key in ROWS:
            action = self.fields_menu.addAction(row_heading(key))
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(lambda on, k=key: self.set_field_visible(k, on))
            self.field_actions[key] = action
        self.fields_menu.addSeparator()
        self.fields_menu.addAction("Show all fields", self.show_all_fields)
        self.fields_button.setMenu(self.fields_menu)
        bar.addWidget(self.fields_button)

        self.left_button = self._button("Move left", "Move the selected drug left, or up "
                                        "when the table is stacked (Ctrl+Left)",
                                        lambda: self.move_selected(-1))
        self.right_button = self._button("Move right", "Move the selected drug right, or "
                                         "down when the table is stacked (Ctrl+Right)",
                                         lambda: self.move_selected(+1))
        self.reset_button = self._button("Original order", "Back to the original drug order",
                                         self.reset_order)
        self.copy_button = self._button("Copy", "Copy the selected cells, or the whole table "
                                        "when nothing is selected (Ctrl+C)", self.copy)
        self.export_button = self._button("Export CSV…", "Save the fields shown, a drug per "
                                          "row in this order, with full texts and sources",
                                          self.export_csv_dialog)
        self.structures_button = self._button(
            "Compare structures…", "Set two structures side by side with their differences "
            "marked", self.compare_structures)
        for button in (self.left_button, self.right_button, self.reset_button,
                       self.copy_button, self.export_button, self.structures_button):
            bar.addWidget(button)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.status.setAccessibleName("Comparison status")
        self.status.setWordWrap(True)
        bar.addWidget(self.status, stretch=1)

        self.table = QTableView()
        self.table.setObjectName("drug_table")
        self.table.setAccessibleName("Drug comparison table")
        self.table.setAccessibleDescription(
            "Columns are drugs, rows are comparison fields, each cell in full. Select a cell "
            "to read it with its sources; click a field's name to sort the drugs by it; "
            "Ctrl+Left and Ctrl+Right move a drug.")
        self.table.setModel(self.model)
        # the Structure row: each drug's drawing as large as its cell allows
        from desktop.mechanism.drug_comparison_structures import StructureCells

        self.cells = StructureCells(self.table, KEY_ROLE, STRUCTURE)
        self.table.setItemDelegate(self.cells)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._cell_menu)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # shared out by fit_columns
        columns.setStretchLastSection(False)
        columns.setHighlightSections(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setSectionsClickable(True)
        rows.setHighlightSections(False)
        rows.sectionClicked.connect(self._field_clicked)
        rows.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rows.customContextMenuRequested.connect(self._field_menu)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.table.clicked.connect(self._cell_clicked)
        self.table.viewport().installEventFilter(self)

        self.detail = RichTextBrowser(ctx, accessible_name="Cell text and sources")
        self.detail.setMinimumHeight(60)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        # the table's keys (desktop/core/shortcuts.py "comparison.*"; Ctrl+Up/Down do the
        # same as Ctrl+Left/Right, for the stacked layout)
        left, right = sequences("comparison.move")
        for sequence, handler in ((left, lambda: self.move_selected(-1)),
                                  (right, lambda: self.move_selected(+1)),
                                  (QKeySequence("Ctrl+Up"), lambda: self.move_selected(-1)),
                                  (QKeySequence("Ctrl+Down"), lambda: self.move_selected(+1)),
                                  *((copy, self.copy) for copy in sequences("comparison.copy"))):
            action = QAction(self)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.table.addAction(action)
        self._set_structures()
        ctx.theme.theme_changed.connect(self._set_structures)
        # the drawings grow with the text (once the new font has reached the table; when
        # hidden, at the next show)
        self._sizes_stale = False
        self._size_timer = QTimer(self)
        self._size_timer.setSingleShot(True)
        self._size_timer.setInterval(0)
        self._size_timer.timeout.connect(self._structures_for_font)
        self.table.installEventFilter(self)  # its font changes: the drawings follow
        ctx.theme.font_scale_changed.connect(self._font_changed)
        self.fit_columns()
        self._show_intro()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._sizes_stale:
            self._size_timer.start()
        if not self._sized:  # after the layout has run, when the splitter knows its height
            self._sized = True
            QTimer.singleShot(0, self._initial_sizes)

    def _initial_sizes(self) -> None:
        total = max(self.splitter.height(), 200)
        self.splitter.setSizes([int(total * 0.8), total - int(total * 0.8)])
        self.fit_columns()

    def _describe_terms(self, text: str) -> str:
        """The glossary terms `text` uses, each with its short definition (HTML)."""
        if text not in self._term_notes:
            from db.text import strip_markdown
            from desktop.glossary.services import glossary_index, glossary_linker

            try:
                found = sorted(glossary_linker(self.ctx).mentions(text))
                index = glossary_index(self.ctx)
            except Exception:  # no glossary (an empty content pack): say nothing
                found, index = [], None
            lines = []
            for term_id in found[:8]:
                term = index.term(term_id)
                if term is not None:
                    definition = " ".join(strip_markdown(term.short_definition).split())
                    lines.append(f"<b>{escape(term.term)}</b>: {escape(definition)}")
            more = f"<br>… and {len(found) - 8} more" if len(found) > 8 else ""
            self._term_notes[text] = (f"<p>{'<br>'.join(lines)}{more}</p>" if lines else "")
        return self._term_notes[text]

    def _button(self, text: str, tip: str, handler) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setAccessibleDescription(tip)
        button.clicked.connect(handler)
        return button

    # -- structures --------------------------------------------------------------------------

    def _set_structures(self, *_args) -> None:
        """Each drug's structure drawn in the first row, in the theme's colours (the drawings
        load now, when the comparison is first built, not at start-up); no drawings, no
        row."""
        from desktop.chemistry.structure_widget import scheme_of, structure_for_drug
        from desktop.core.chemistry import drawings

        scheme = scheme_of(self.ctx)
        svgs: dict[str, str] = {}
        self.model.structure_texts = {}
        for drug in self.model.drugs:
            structure = structure_for_drug(self.ctx.content, drug.id)
            svg = drawings.drawing_svg(structure.id) if structure is not None else None
            if svg is None:
                continue
            svgs[drug.id] = drawings.themed_svg(svg, scheme)
            self.model.structure_texts[drug.id] = drawings.alt_text_for(structure)
        self.cells.set_drawings(svgs)
        if not self.cells.renderers and STRUCTURE not in self.hidden:
            self.hidden.add(STRUCTURE)
            self.field_actions[STRUCTURE].setVisible(False)
            self._apply_hidden()
        self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(
            self.model.rowCount() - 1, self.model.columnCount() - 1))
        self.table.viewport().update()

    def _font_changed(self, _scale: float) -> None:
        self._sizes_stale = True
        if self.isVisible():
            self._size_timer.start()

    def _structures_for_font(self) -> None:
        if not self._sizes_stale or not self.isVisible():
            return
        self._sizes_stale = False
        self.fit_columns()  # the drawings' least width and height follow the text size

    def compare_structures(self):
        """Open "Compare two" with the selected drug first."""
        from desktop.chemistry.compare_dialog import open_compare_dialog

        first = self.current_drug() or "thalidomide"
        second = "lenalidomide" if first != "lenalidomide" else "thalidomide"
        return open_compare_dialog(self.ctx, self, first, second)

    # -- layout ------------------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        elif obj is self.table and event.type() == QEvent.Type.FontChange:
            self._font_changed(0.0)
        return super().eventFilter(obj, event)

    def fit_columns(self) -> None:
        """Choose the layout for the width and share the width out.

        Wide (the drugs side by side) when every drug's column can keep its name and about
        seven characters beside the field names (wrapped at their words); else stacked (a
        heading per field, a row per drug: name and text). Rows grow to their whole text."""
        from desktop.core.columns import ColumnNeed, fit_widths

        if self._fitting:
            return
        self._fitting = True
        try:
            em = self.table.fontMetrics().horizontalAdvance("M")
            names = self.table.horizontalHeader().fontMetrics()
            words = self.table.verticalHeader().fontMetrics()
            field_width = max(words.horizontalAdvance(word) for key in ROWS
                              for word in row_heading(key).split()) + em * 2
            drawing = self.cells.least_width() if STRUCTURE not in self.hidden else 0
            leasts = [max(names.horizontalAdvance(d.name) + em * 2.5, em * LEAST_CHARACTERS,
                          drawing) for d in self.model.drugs]
            scroll_bar = self.table.style().pixelMetric(
                QStyle.PixelMetric.PM_ScrollBarExtent, None, self.table)
            room = self.table.width() - 2 * self.table.frameWidth() - scroll_bar
            self._set_layout(stacked=field_width + sum(leasts) > room)
            if not self.model.stacked:  # before measuring: the field names' width is the
                self.table.verticalHeader().setFixedWidth(int(field_width))  # viewport's edge
                self.table.updateGeometries()
            available = self.table.viewport().width()
            if self.model.stacked:
                widest = max(names.horizontalAdvance(d.name) for d in self.model.drugs)
                needs = [ColumnNeed(widest + em * 2, widest + em),
                         ColumnNeed(0, max(em * 10, drawing), stretch=True)]
            else:
                header = self.table.horizontalHeader()
                needs = [ColumnNeed(0, max(header.sectionSizeHint(c), leasts[c]), stretch=True)
                         for c in range(self.model.columnCount())]
            widths = fit_widths(available, needs)
            for column, width in enumerate(widths):
                if self.table.columnWidth(column) != width:
                    self.table.setColumnWidth(column, width)
            self.table.resizeRowsToContents()
        finally:
            self._fitting = False

    def _set_layout(self, stacked: bool) -> None:
        if stacked == self.model.stacked:
            return
        current = self.model.cell(self.table.currentIndex())
        self.table.clearSpans()
        self.model.set_stacked(stacked)
        self.table.verticalHeader().setVisible(not stacked)
        self.table.horizontalHeader().setVisible(not stacked)
        for row in self.model.heading_rows():
            self.table.setSpan(row, 0, 1, 2)
        self._apply_hidden()
        drug, key = current
        if drug is not None:
            self.table.setCurrentIndex(self.model.index_of(drug.id, key))
        self.left_button.setText("Move up" if stacked else "Move left")
        self.right_button.setText("Move down" if stacked else "Move right")
        QTimer.singleShot(0, self.fit_columns)  # again once the headers have settled

    def _apply_hidden(self) -> None:
        for key in ROWS:
            for row in self.model.rows_of(key):
                self.table.setRowHidden(row, key in self.hidden)

    def visible_fields(self) -> list[str]:
        """The comparison fields shown (what Copy and Export CSV write)."""
        return [key for key in FIELDS if key not in self.hidden]

    def visible_rows(self) -> list[str]:
        return [key for key in ROWS if key not in self.hidden]

    def set_field_visible(self, key: str, visible: bool) -> None:
        action = self.field_actions[key]
        if not visible and self.visible_rows() == [key]:
            action.blockSignals(True)
            action.setChecked(True)
            action.blockSignals(False)
            self._say("At least one field stays visible.")
            return
        if visible:
            self.hidden.discard(key)
        else:
            self.hidden.add(key)
        self._apply_hidden()
        if key == STRUCTURE:  # without the drawings, the drugs may sit side by side again
            self.fit_columns()
        if action.isChecked() != visible:
            action.blockSignals(True)
            action.setChecked(visible)
            action.blockSignals(False)

    def show_all_fields(self) -> None:
        for key in ROWS:
            if self.field_actions[key].isVisible():
                self.set_field_visible(key, True)

    # -- drugs -------------------------------------------------------------------------------

    def ordered_drugs(self) -> list[Drug]:
        return list(self.model.drugs)

    def sort_by(self, key: str, descending: bool = False) -> None:
        """Order the drugs (columns) by field `key` ("name" for their names)."""
        self._sort_key, self._descending = key, descending
        self.model.sort_drugs(key, descending)
        self.table.resizeRowsToContents()
        heading = drug_table.NAME_HEADING if key == "name" else row_heading(key)
        self._say(f"Drugs sorted by {heading.lower()}{' (descending)' if descending else ''}.")

    def _field_clicked(self, row: int) -> None:
        key = ROWS[row]
        self.sort_by(key, descending=key == self._sort_key and not self._descending)

    def _cell_clicked(self, index: QModelIndex) -> None:
        drug, key = self.model.cell(index)
        if drug is None and key:  # a field's name, stacked: sort as the row heading does
            self._field_clicked(ROWS.index(key))

    def reset_order(self) -> None:
        self.model.reset_order()
        self._sort_key = ""
        self.table.resizeRowsToContents()
        self._say("Original order.")

    def move_selected(self, delta: int) -> bool:
        """Move the drug of the current cell one place earlier (-1) or later (+1)."""
        drug, key = self.model.cell(self.table.currentIndex())
        if drug is None:
            self._say("Select a drug first.")
            return False
        moved = self.model.move_drug(self.model.column_of(drug.id), delta)
        if moved:
            self._sort_key = ""
            self.table.setCurrentIndex(self.model.index_of(drug.id, key))
            self.fit_columns()
        return moved

    def select_drug(self, drug_id: str) -> bool:
        """Make the first shown field of `drug_id` the current cell."""
        if self.model.column_of(drug_id) < 0:
            return False
        index = self.model.index_of(drug_id, self.visible_rows()[0])
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def current_drug(self) -> str:
        drug, _key = self.model.cell(self.table.currentIndex())
        return drug.id if drug else ""

    # -- detail ------------------------------------------------------------------------------

    def _show_intro(self) -> None:
        as_of = drug_table.date_label(self.ctx.content.meta.get("content_as_of", ""))
        self.detail.set_content(
            "<p>Select a cell to read it with its sources and glossary terms as links. Click "
            "a field's name to sort the drugs by it (again: the other way round); right-click "
            "it to hide fields; Ctrl and the arrow keys move the selected drug. Regulatory "
            f"status as of {escape(as_of)}; not medical advice.</p>")

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        drug, key = self.model.cell(current)
        if drug is None:
            return
        self.detail.set_content(self.cell_html(drug, key))
        self.drug_selected.emit(drug.id)

    def cell_html(self, drug: Drug, key: str) -> str:
        cell = drug.cells.get(key)
        codes = f" ({', '.join(drug.codes)})" if drug.codes else ""
        if key == STRUCTURE:
            brands = f"<p class='muted'>Brands: {escape('; '.join(drug.brands))}</p>" \
                if drug.brands else ""
            text = self.model.structure_texts.get(drug.id, "")
            drawn = f"<p>{escape(text)}</p>" if text else "<p>No drawing.</p>"
            return (f"<h3>{escape(drug.name)}{escape(codes)}</h3>{brands}{drawn}"
                    "<p>Compare structures… sets two drugs side by side.</p>")
        if cell is None:
            return f"<h3>{escape(drug.name)}{escape(codes)}</h3><p>No entry.</p>"
        facts = []
        if cell.date:
            facts.append(f"<b>Date:</b> {escape(drug_table.date_label(cell.date))}")
        if cell.indication:
            facts.append(f"<b>Indication:</b> {escape(drug_table.plain(cell.indication))}")
        facts_html = f"<p>{'<br>'.join(facts)}</p>" if facts else ""
        return (f"<h3>{escape(drug.name)} · {escape(drug_table.field_heading(key))}</h3>"
                f"{facts_html}{self.ctx.render_markdown(cell.text)}"
                f"{sources_html(self.ctx.content, cell.sources)}")

    # -- menus -------------------------------------------------------------------------------

    def _field_menu(self, pos) -> None:
        header = self.table.verticalHeader()
        row = header.logicalIndexAt(pos)
        menu = QMenu(self)
        if 0 <= row < len(ROWS):
            key = ROWS[row]
            heading = row_heading(key)
            menu.addAction(f"Sort the drugs by “{heading}”", lambda: self.sort_by(key))
            menu.addAction(f"Hide “{heading}”", lambda: self.set_field_visible(key, False))
            menu.addSeparator()
        menu.addAction("Show all fields", self.show_all_fields)
        menu.addAction("Original drug order", self.reset_order)
        menu.exec(header.viewport().mapToGlobal(pos))

    def _cell_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        drug, key = self.model.cell(index)
        menu = QMenu(self)
        if self.model.stacked:
            menu.addAction(f"Sort the drugs by “{row_heading(key)}”",
                           lambda: self.sort_by(key))
        menu.addAction("Copy", self.copy)
        cell = drug.cells.get(key) if drug else None
        if cell is not None and cell.sources:
            sources = menu.addMenu("Open source")
            for ref_id in cell.sources:
                ref = self.ctx.content.reference(ref_id)
                label = f"{ref.short_label}: {ref.title}" if ref else ref_id
                sources.addAction(label[:90],
                                  lambda r=ref_id: self.ctx.navigator.open("reference", r))
        menu.addAction(f"Hide “{row_heading(key)}”",
                       lambda: self.set_field_visible(key, False))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- copy and export ---------------------------------------------------------------------

    def copy_text(self) -> str:
        """TSV of the selected cells (as on screen), or of the whole table shown (a drug per
        row, with the field names as headings, as spreadsheets expect)."""
        indexes = [i for i in self.table.selectionModel().selectedIndexes()
                   if not self.table.isRowHidden(i.row()) and self.model.cell(i)[0]
                   and self.model.cell(i)[1] != STRUCTURE]
        if len(indexes) <= 1:
            return drug_table.to_tsv(self.ordered_drugs(), self.visible_fields(), full=True)
        rows: dict[int, dict[int, str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), {})[index.column()] = index.data() or ""
        return "\n".join("\t".join(cols[c] for c in sorted(cols))
                         for _, cols in sorted(rows.items())) + "\n"

    def copy(self) -> str:
        text = self.copy_text()
        QGuiApplication.clipboard().setText(text)
        self._say("Copied.")
        return text

    def export_csv(self, path: str | Path) -> Path:
        """Write the fields shown, a drug per row in the current order (full texts, sources)."""
        written = drug_table.write_csv(Path(path), self.ordered_drugs(), self.visible_fields())
        self._say(f"Saved {Path(path).name}.")
        return written

    def export_csv_dialog(self) -> None:
        default = str(self.ctx.atlas.paths.data_dir / "imid-atlas-drugs.csv")
        path, _ = QFileDialog.getSaveFileName(self, "Export the drug comparison", default,
                                              "CSV files (*.csv)")
        if not path:
            return
        try:
            self.export_csv(path)
        except OSError as exc:
            warn(self, "Export failed", f"Could not write {path}: {exc.strerror or exc}")

    def _say(self, text: str) -> None:
        self.status.setText(text)
