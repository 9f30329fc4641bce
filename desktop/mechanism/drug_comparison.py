"""The drug comparison: five drugs across the comparison fields, sources one click away.

Rows are drugs, columns are fields. Columns can be hidden (Columns menu or the header's
context menu), rows moved (Ctrl+Up / Ctrl+Down) or sorted (click a header), and the table
copied (Ctrl+C) or exported as CSV. Selecting a cell shows its full text with every source
as a link; the cell's context menu opens a source directly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
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
from desktop.widgets.rich_text import RichTextBrowser

COLUMNS: tuple[str, ...] = ("name",) + tuple(key for key, _ in drug_table.FIELDS)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class DrugTableModel(QAbstractTableModel):
    """Drugs (rows, in a changeable order) by comparison fields (columns)."""

    def __init__(self, drugs: list[Drug], parent=None):
        super().__init__(parent)
        self.drugs = list(drugs)
        self.default_order = [d.id for d in drugs]
        # data() runs thousands of times while rows are measured: compute the texts once
        self._text = {(d.id, key): d.name if key == "name" else drug_table.cell_summary(d, key)
                      for d in self.drugs for key in COLUMNS}
        #: drug id -> QIcon of its structure, drawn in the name column (set by the view).
        self.structure_icons: dict = {}

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.drugs)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def drug_at(self, row: int) -> Drug | None:
        return self.drugs[row] if 0 <= row < len(self.drugs) else None

    def row_of(self, drug_id: str) -> int:
        return next((i for i, d in enumerate(self.drugs) if d.id == drug_id), -1)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        drug = self.drugs[index.row()]
        key = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text[(drug.id, key)]
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name":
                codes = ", ".join(drug.codes)
                return f"{drug.name}{f' ({codes})' if codes else ''}"
            cell = drug.cells.get(key)
            count = len(cell.sources) if cell else 0
            return (f"{drug.name} · {drug_table.field_heading(key)}: "
                    f"{count} source{'s' if count != 1 else ''}. Select the cell to read it all "
                    "and open its sources.")
        if role == SORT_ROLE:
            return drug_table.sort_key(drug, key)
        if role == KEY_ROLE:
            return (drug.id, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.DecorationRole and key == "name":
            return self.structure_icons.get(drug.id)
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            key = COLUMNS[section]
            return drug_table.NAME_HEADING if key == "name" else drug_table.field_heading(key)
        return str(section + 1)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._reorder(drug_table.sort_drugs(self.drugs, COLUMNS[column], descending))

    def reset_order(self) -> None:
        rank = {drug_id: i for i, drug_id in enumerate(self.default_order)}
        self._reorder(sorted(self.drugs, key=lambda d: rank.get(d.id, len(rank))))

    def _reorder(self, drugs: list[Drug]) -> None:
        self.layoutAboutToBeChanged.emit()
        old = {d.id: i for i, d in enumerate(self.drugs)}
        persistent = self.persistentIndexList()
        self.drugs = drugs
        new = {d.id: i for i, d in enumerate(self.drugs)}
        by_old_row = {old[d.id]: new[d.id] for d in drugs}
        self.changePersistentIndexList(
            persistent,
            [self.index(by_old_row[p.row()], p.column()) for p in persistent])
        self.layoutChanged.emit()

    def move_row(self, row: int, delta: int) -> bool:
        """Move one drug up (-1) or down (+1); False at the ends."""
        target = row + delta
        if not (0 <= row < len(self.drugs) and 0 <= target < len(self.drugs)):
            return False
        destination = target + 1 if delta > 0 else target
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination):
            return False
        self.drugs.insert(target, self.drugs.pop(row))
        self.endMoveRows()
        return True


class DrugComparison(QWidget):
    """The comparison table with its column menu, move/sort/copy/export and a detail pane.

    Signals:
        drug_selected(str): the drug whose row holds the current cell.
    """

    drug_selected = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("drug_comparison")
        self.model = DrugTableModel(ctx.content.drugs(), self)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

        bar = FlowLayout()  # wraps at large text instead of widening the window
        self.columns_button = QToolButton()
        self.columns_button.setText("Columns")
        self.columns_button.setAccessibleName("Choose the columns to show")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self.columns_button)
        self.column_actions: dict[str, QAction] = {}
        for column, key in enumerate(COLUMNS):
            if key == "name":
                continue
            action = self.columns_menu.addAction(drug_table.field_heading(key))
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(lambda on, c=column: self.set_column_visible(c, on))
            self.column_actions[key] = action
        self.columns_menu.addSeparator()
        self.columns_menu.addAction("Show all columns", self.show_all_columns)
        self.columns_button.setMenu(self.columns_menu)
        bar.addWidget(self.columns_button)

        self.up_button = self._button("Move up", "Move the selected drug up (Ctrl+Up)",
                                      lambda: self.move_selected(-1))
        self.down_button = self._button("Move down", "Move the selected drug down (Ctrl+Down)",
                                        lambda: self.move_selected(+1))
        self.reset_button = self._button("Original order", "Back to the original row order",
                                         self.reset_order)
        self.copy_button = self._button("Copy", "Copy the selected cells, or the whole table "
                                        "when nothing is selected (Ctrl+C)", self.copy)
        self.export_button = self._button("Export CSV…", "Save the visible columns, in this "
                                          "row order, with full texts and sources",
                                          self.export_csv_dialog)
        self.structures_button = self._button(
            "Compare structures…", "Set two structures side by side with their differences "
            "marked", self.compare_structures)
        for button in (self.up_button, self.down_button, self.reset_button, self.copy_button,
                       self.export_button, self.structures_button):
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
            "Rows are drugs, columns are comparison fields. Select a cell to read it with its "
            "sources; click a column heading to sort; Ctrl+Up and Ctrl+Down move a row.")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._cell_menu)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._header_clicked)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentChanged.connect(self._current_changed)

        self.detail = RichTextBrowser(ctx, accessible_name="Cell text and sources")
        self.detail.setMinimumHeight(80)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self._sized = False
        self.table.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        for sequence, handler in ((QKeySequence("Ctrl+Up"), lambda: self.move_selected(-1)),
                                  (QKeySequence("Ctrl+Down"), lambda: self.move_selected(+1)),
                                  (QKeySequence.StandardKey.Copy, self.copy)):
            action = QAction(self)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.table.addAction(action)
        self._set_structure_icons()
        ctx.theme.theme_changed.connect(self._set_structure_icons)
        self.fit_columns()
        self._show_intro()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # after the layout has run, when the splitter knows its height
            self._sized = True
            QTimer.singleShot(0, self._initial_sizes)

    def _initial_sizes(self) -> None:
        total = max(self.splitter.height(), 200)
        self.splitter.setSizes([int(total * 0.8), total - int(total * 0.8)])

    def _button(self, text: str, tip: str, handler) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setAccessibleDescription(tip)
        button.clicked.connect(handler)
        return button

    # -- structures --------------------------------------------------------------------------

    def _set_structure_icons(self, *_args) -> None:
        """Each drug's structure drawn beside its name (the drawings load now, when the
        comparison is first built, not at start-up)."""
        from desktop.chemistry.structure_widget import structure_icons

        height = round(self.table.fontMetrics().height() * 4)
        self.model.structure_icons = structure_icons(self.ctx, [d.id for d in self.model.drugs],
                                                     height)
        if self.model.structure_icons:
            self.table.setIconSize(QSize(round(height * 2.6), height))
        self.model.dataChanged.emit(self.model.index(0, 0),
                                    self.model.index(self.model.rowCount() - 1, 0))

    def compare_structures(self):
        """Open "Compare two" with the selected drug first."""
        from desktop.chemistry.compare_dialog import open_compare_dialog

        first = self.current_drug() or "thalidomide"
        second = "lenalidomide" if first != "lenalidomide" else "thalidomide"
        return open_compare_dialog(self.ctx, self, first, second)

    # -- layout ------------------------------------------------------------------------------

    def fit_columns(self) -> None:
        em = self.table.fontMetrics().horizontalAdvance("M")
        for column in range(len(COLUMNS)):
            self.table.setColumnWidth(column, int(em * 14))
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, self.table.columnWidth(0) + em)
        self.table.resizeRowsToContents()

    def visible_fields(self) -> list[str]:
        return [key for column, key in enumerate(COLUMNS)
                if key != "name" and not self.table.isColumnHidden(column)]

    def set_column_visible(self, column: int, visible: bool) -> None:
        key = COLUMNS[column]
        if not visible and len(self.visible_fields()) <= 1 and key in self.visible_fields():
            self.column_actions[key].blockSignals(True)
            self.column_actions[key].setChecked(True)
            self.column_actions[key].blockSignals(False)
            self._say("At least one column stays visible.")
            return
        self.table.setColumnHidden(column, not visible)
        if key in self.column_actions and self.column_actions[key].isChecked() != visible:
            self.column_actions[key].blockSignals(True)
            self.column_actions[key].setChecked(visible)
            self.column_actions[key].blockSignals(False)
        self.table.resizeRowsToContents()

    def show_all_columns(self) -> None:
        for column, key in enumerate(COLUMNS):
            if key != "name":
                self.set_column_visible(column, True)

    # -- rows --------------------------------------------------------------------------------

    def ordered_drugs(self) -> list[Drug]:
        return list(self.model.drugs)

    def sort_by(self, key: str, descending: bool = False) -> None:
        column = COLUMNS.index(key)
        self._sort_column = column
        self._sort_order = (Qt.SortOrder.DescendingOrder if descending
                            else Qt.SortOrder.AscendingOrder)
        self.model.sort(column, self._sort_order)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, self._sort_order)
        self.table.resizeRowsToContents()
        heading = drug_table.NAME_HEADING if key == "name" else drug_table.field_heading(key)
        self._say(f"Sorted by {heading.lower()}{' (descending)' if descending else ''}.")

    def _header_clicked(self, column: int) -> None:
        descending = (column == self._sort_column
                      and self._sort_order == Qt.SortOrder.AscendingOrder)
        self.sort_by(COLUMNS[column], descending)

    def reset_order(self) -> None:
        self.model.reset_order()
        self._sort_column = -1
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.resizeRowsToContents()
        self._say("Original order.")

    def move_selected(self, delta: int) -> bool:
        index = self.table.currentIndex()
        if not index.isValid():
            self._say("Select a drug first.")
            return False
        moved = self.model.move_row(index.row(), delta)
        if moved:
            self._sort_column = -1
            self.table.horizontalHeader().setSortIndicatorShown(False)
            self.table.setCurrentIndex(self.model.index(index.row() + delta, index.column()))
            self.table.resizeRowsToContents()
        return moved

    def select_drug(self, drug_id: str) -> bool:
        row = self.model.row_of(drug_id)
        if row < 0:
            return False
        column = next((c for c, k in enumerate(COLUMNS)
                       if k != "name" and not self.table.isColumnHidden(c)), 0)
        self.table.setCurrentIndex(self.model.index(row, column))
        self.table.scrollTo(self.model.index(row, column))
        return True

    def current_drug(self) -> str:
        drug = self.model.drug_at(self.table.currentIndex().row())
        return drug.id if drug and self.table.currentIndex().isValid() else ""

    # -- detail ------------------------------------------------------------------------------

    def _show_intro(self) -> None:
        as_of = drug_table.date_label(self.ctx.content.meta.get("content_as_of", ""))
        self.detail.set_content(
            "<p>Select a cell to read it in full with its sources. Click a column heading to "
            "sort; right-click a heading to hide columns; Ctrl+Up and Ctrl+Down move the "
            f"selected drug. Regulatory status as of {escape(as_of)}; not medical advice.</p>")

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        if not current.isValid():
            return
        drug = self.model.drug_at(current.row())
        key = COLUMNS[current.column()]
        if drug is None:
            return
        self.detail.set_content(self.cell_html(drug, key))
        self.drug_selected.emit(drug.id)

    def cell_html(self, drug: Drug, key: str) -> str:
        if key == "name":
            codes = f" ({', '.join(drug.codes)})" if drug.codes else ""
            brands = f"<p class='muted'>Brands: {escape('; '.join(drug.brands))}</p>" \
                if drug.brands else ""
            from desktop.chemistry.structure_widget import structure_for_drug
            from desktop.core.chemistry.drawings import alt_text_for

            structure = structure_for_drug(self.ctx.content, drug.id)
            drawn = (f"<p>{escape(alt_text_for(structure))}</p>" if structure else "")
            return (f"<h3>{escape(drug.name)}{escape(codes)}</h3>{brands}{drawn}"
                    "<p>Select another cell of this row to read that field.</p>")
        cell = drug.cells.get(key)
        if cell is None:
            return f"<h3>{escape(drug.name)}</h3><p>No entry.</p>"
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

    def _header_menu(self, pos) -> None:
        self.columns_menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _cell_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        drug = self.model.drug_at(index.row())
        key = COLUMNS[index.column()]
        menu = QMenu(self)
        menu.addAction("Copy", self.copy)
        cell = drug.cells.get(key) if drug else None
        if cell is not None and cell.sources:
            sources = menu.addMenu("Open source")
            for ref_id in cell.sources:
                ref = self.ctx.content.reference(ref_id)
                label = f"{ref.short_label}: {ref.title}" if ref else ref_id
                sources.addAction(label[:90],
                                  lambda r=ref_id: self.ctx.navigator.open("reference", r))
        if key != "name":
            column = index.column()
            menu.addAction(f"Hide “{drug_table.field_heading(key)}”",
                           lambda: self.set_column_visible(column, False))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- copy and export ---------------------------------------------------------------------

    def copy_text(self) -> str:
        """TSV of the selected cells (full texts), or of the whole visible table."""
        indexes = [i for i in self.table.selectionModel().selectedIndexes()
                   if not self.table.isColumnHidden(i.column())]
        if len(indexes) <= 1:
            return drug_table.to_tsv(self.ordered_drugs(), self.visible_fields(), full=True)
        rows: dict[int, dict[int, str]] = {}
        for index in indexes:
            drug = self.model.drug_at(index.row())
            key = COLUMNS[index.column()]
            text = drug.name if key == "name" else drug_table.cell_full_text(drug.cells.get(key))
            rows.setdefault(index.row(), {})[index.column()] = text
        return "\n".join("\t".join(cols[c] for c in sorted(cols))
                         for _, cols in sorted(rows.items())) + "\n"

    def copy(self) -> str:
        text = self.copy_text()
        QGuiApplication.clipboard().setText(text)
        self._say("Copied.")
        return text

    def export_csv(self, path: str | Path) -> Path:
        """Write the visible columns in the current row order (full texts and sources)."""
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
            QMessageBox.warning(self, "Export failed",
                                f"Could not write {path}: {exc.strerror or exc}")

    def _say(self, text: str) -> None:
        self.status.setText(text)
