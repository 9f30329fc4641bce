"""The library table: a model of `LibraryEntry` rows and a sorting, filtering proxy."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from db.text import fold
from desktop.core.library.entries import LibraryEntry
from desktop.widgets.safe_text import tooltip

COLUMNS = ("Title", "First author", "Year", "Journal / source", "Kind")
TITLE, AUTHOR, YEAR, SOURCE, KIND = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2
#: Kind column order: study notes, then your documents, then references.
GROUP_ORDER = {"notes": 0, "mine": 1, "references": 2}


class LibraryModel(QAbstractTableModel):
    """Rows of study notes, references and imports (read-only)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[LibraryEntry] = []

    def set_entries(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(COLUMNS)

    def entry(self, row: int) -> LibraryEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def row_of(self, kind: str, item_id: str) -> int:
        return next((i for i, e in enumerate(self.entries) if e.key == (kind, item_id)), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        entry = self.entry(index.row())
        if entry is None or not 0 <= index.column() < len(COLUMNS):
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(entry.title) if column == TITLE else None
        if role == SORT_ROLE:
            if column == YEAR:
                return entry.year or 0
            if column == KIND:
                # Kind, then title: a deterministic order within each kind.
                return (f"{GROUP_ORDER.get(entry.group, 9)} {entry.kind_label.casefold()}\x00"
                        f"{fold(entry.title)}")
            return fold(self._text(entry, column))
        if role == KEY_ROLE:
            return f"{entry.kind}:{entry.item_id}"
        if role == GROUP_ROLE:
            return entry.group
        if role == Qt.ItemDataRole.TextAlignmentRole and column == YEAR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(entry: LibraryEntry, column: int) -> str:
        return (entry.title, entry.first_author, str(entry.year or ""), entry.source,
                entry.kind_label)[column]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LibraryFilterProxy(QSortFilterProxyModel):
    """Filters by group (notes, references, mine) and by words, ignoring case and accents."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.group = "all"
        self.words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_group(self, group: str) -> None:
        self._refilter(group=group)

    def set_text(self, text: str) -> None:
        self._refilter(words=fold(text or "").split())

    def _refilter(self, **changes) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.__dict__.update(changes)
            self.endFilterChange()
        else:
            self.__dict__.update(changes)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        entry = model.entry(source_row) if isinstance(model, LibraryModel) else None
        if entry is None:
            return False
        if self.group != "all" and entry.group != self.group:
            return False
        return all(word in entry.haystack for word in self.words)
