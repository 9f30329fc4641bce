"""The accessible, sortable list of timeline events shown under the chart.

`EventTableModel` adapts `TimelineData` to Qt. It keeps the rows the current filter shows,
in the order the user sorted them, itself: sorting 10,000 rows through a
QSortFilterProxyModel calls back into Python for every comparison, while sorting a list of
keys is instant.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.core.timeline.data import DRUG_LABELS, FilterResult, TimelineData, date_label
from desktop.widgets.safe_text import tooltip

COLUMNS = ("Date", "Headline", "Lane", "Drugs")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class EventTableModel(QAbstractTableModel):
    """The shown events, one per row, sorted by a column (date order to begin with)."""

    def __init__(self, data: TimelineData, parent=None):
        super().__init__(parent)
        self.timeline = data
        self.rows: list[int] = list(range(len(data.events)))
        self.row_of_event: dict[str, int] = {e.id: i for i, e in enumerate(data.events)}
        self.dimmed: frozenset[str] = frozenset()
        self.known_by: int | None = None
        self.muted = QColor("gray")
        self.sort_column, self.sort_order = 0, Qt.SortOrder.AscendingOrder
        self._visible: frozenset[str] | None = None

    # -- state -------------------------------------------------------------------------------

    def set_result(self, result: FilterResult, known_by: int | None = None) -> None:
        """Show the events of `result`; fade its dimmed ones."""
        self.beginResetModel()
        self._visible = result.visible_set
        self.dimmed, self.known_by = result.dimmed, known_by
        self._arrange()
        self.endResetModel()

    def set_muted_color(self, color: QColor) -> None:
        self.muted = color

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old_rows = self.rows
        self.sort_column, self.sort_order = column, order
        self._arrange()
        where = {event_row: r for r, event_row in enumerate(self.rows)}
        before = self.persistentIndexList()
        after = [self.index(where[old_rows[p.row()]], p.column())
                 if 0 <= p.row() < len(old_rows) else QModelIndex() for p in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        events = self.timeline.events
        rows = [i for i, e in enumerate(events)
                if self._visible is None or e.id in self._visible]
        key = self._sort_key(self.sort_column)
        rows.sort(key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self.rows = rows

    def _sort_key(self, column: int):
        events = self.timeline.events
        if column == 0:
            return lambda i: (events[i].start_year, events[i].end_year, i)
        return lambda i: (self._text(events[i], column).casefold(), events[i].start_year, i)

    def _text(self, event, column: int) -> str:
        if column == 0:
            return date_label(event)
        if column == 1:
            return event.headline
        if column == 2:
            return self.timeline.lane_label(event.lane)
        return ", ".join(DRUG_LABELS.get(d, d) for d in event.drugs)

    # -- lookups -----------------------------------------------------------------------------

    def event_at(self, row: int) -> str | None:
        return self.timeline.events[self.rows[row]].id if 0 <= row < len(self.rows) else None

    def row_of(self, event_id: str) -> int:
        """Row showing `event_id`, or -1 when it is filtered out."""
        source = self.row_of_event.get(event_id)
        try:
            return self.rows.index(source) if source is not None else -1
        except ValueError:
            return -1

    def event_ids(self) -> list[str]:
        return [self.timeline.events[i].id for i in self.rows]

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        event = self.timeline.events[self.rows[index.row()]]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(event, column)
        if role == ID_ROLE:
            return event.id
        if event.id in self.dimmed:
            if role == Qt.ItemDataRole.ForegroundRole:
                return self.muted
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
                return f"Not yet known by the end of {self.known_by}"
        elif role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return tooltip(event.headline)
        return None


class EventTable(QTableView):
    """The table view: sortable by any column, one row selected at a time, Enter opens it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline_table")
        self.setAccessibleName("Timeline events")
        self.setAccessibleDescription(
            "Every event shown on the timeline. Sort by a column header; selecting a row "
            "selects the event on the chart; Enter opens its details.")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setTabKeyNavigation(False)

    def setModel(self, model) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        # Sorting the model only when asked: the rows start in date order already.
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(model.sort)

    def fit_columns(self) -> None:
        """Date, lane and drugs as wide as their longest texts, the headline the rest; in a
        narrow table (large text, the tabs under the chart, a side panel) the others give way
        first, down to a short date and their headings, while the headline keeps half the
        width (12 to 24 characters); when even that does not fit, the drugs, then the lane
        column are hidden rather than scroll sideways (the chart shows both)."""
        from desktop.core.columns import ColumnNeed, fit_widths

        fm = self.fontMetrics()
        em = fm.horizontalAdvance("M")
        available = self.viewport().width()
        if available < 50:  # not laid out yet: the widths a wide table would get
            available = em * 80
        needs = {0: ColumnNeed(fm.horizontalAdvance("27 May 1968 – 18 Dec 1970") + em,
                               max(fm.horizontalAdvance("18 Dec 1970") + em,
                                   self._heading_width(0))),
                 1: ColumnNeed(0, max(em * 12, min(em * 24, available // 2)), stretch=True),
                 2: ColumnNeed(fm.horizontalAdvance("Regulation and safety") + em * 2,
                               self._heading_width(2)),
                 3: ColumnNeed(min(self._widest(3), em * 16) + em, self._heading_width(3))}
        shown = [0, 1, 2, 3]
        for column in (3, 2):  # drugs, then lane
            if sum(needs[c].least for c in shown) <= available:
                break
            shown.remove(column)
        for column in needs:
            if self.isColumnHidden(column) == (column in shown):
                self.setColumnHidden(column, column not in shown)
        widths = fit_widths(available, [needs[c] for c in shown])
        for column, width in zip(shown, widths, strict=True):
            if self.columnWidth(column) != width:
                self.setColumnWidth(column, width)
        self.verticalHeader().setDefaultSectionSize(int(fm.height() * 1.5))

    def _heading_width(self, column: int) -> int:
        """The width a column's heading needs (Qt gives a hidden section no size hint)."""
        header = self.horizontalHeader()
        if header.isSectionHidden(column):
            header.setSectionHidden(column, False)
            width = header.sectionSizeHint(column)
            header.setSectionHidden(column, True)
            return width
        return header.sectionSizeHint(column)

    def _widest(self, column: int) -> int:
        model, fm = self.model(), self.fontMetrics()
        if model is None:
            return 0
        return max((fm.horizontalAdvance(model.index(row, column).data() or "")
                    for row in range(model.rowCount())), default=0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()
