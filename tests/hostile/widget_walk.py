"""Find every place a widget would parse untrusted text as Qt rich text.

Walks every widget of the application (labels, tooltips of widgets, actions, items and model
indexes, text documents, graphics items) looking for the raw `CANARY` markup where Qt would
parse it: a label in rich or auto-detected rich text, a tooltip Qt takes for rich text, a text
document holding the canary image, an item delegate's HTML. Escaped or plain text passes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsTextItem,
    QGraphicsView,
    QHeaderView,
    QItemDelegate,
    QLabel,
    QStyledItemDelegate,
    QTextEdit,
    QTreeView,
    QWidget,
)

from tests.hostile.hostile_data import CANARY_IMAGE

RAW = f'<img src="{CANARY_IMAGE}"'
#: Item roles a delegate may render as HTML (the search popup's title and snippet).
_EXTRA_ROLES = tuple(int(Qt.ItemDataRole.UserRole) + n for n in range(8))


def _rich_tooltip(text) -> bool:
    return isinstance(text, str) and RAW in text and GuiQt.mightBeRichText(text)


def _where(widget: QWidget) -> str:
    names = []
    while widget is not None and len(names) < 4:
        names.append(f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})")
        widget = widget.parentWidget()
    return " < ".join(names)


def _model_problems(view: QAbstractItemView, where: str) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found: list[str] = []
    tree = isinstance(view, QTreeView)
    # Only a delegate of our own draws an item's data as HTML (the search popup's).
    custom_delegate = type(view.itemDelegate()) not in (QStyledItemDelegate, QItemDelegate)

    def walk(parent: QModelIndex, depth: int) -> None:
        try:
            columns = model.columnCount(parent)
        except TypeError:  # list models keep columnCount private in PySide6
            columns = 1
        for row in range(min(model.rowCount(parent), 2000)):
            for column in range(columns):
                index = model.index(row, column, parent)
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if _rich_tooltip(tip):
                    found.append(f"{where}: tooltip of row {row}: {tip!r}")
                for role in _EXTRA_ROLES if custom_delegate else ():
                    value = index.data(role)
                    if isinstance(value, str) and RAW in value:
                        found.append(f"{where}: role {role} of row {row} holds raw markup: "
                                     f"{value[:120]!r}")
            child = model.index(row, 0, parent)
            if tree and depth < 3 and model.rowCount(child):
                walk(child, depth + 1)

    walk(QModelIndex(), 0)
    return found


def rich_text_problems() -> list[str]:
    """Every widget of the app that would parse the canary as rich text, described."""
    problems: list[str] = []
    for widget in QApplication.allWidgets():
        where = _where(widget)
        if _rich_tooltip(widget.toolTip()):
            problems.append(f"{where}: tooltip {widget.toolTip()!r}")
        if _rich_tooltip(widget.whatsThis()):
            problems.append(f"{where}: what's this {widget.whatsThis()!r}")
        for action in widget.actions():
            if _rich_tooltip(action.toolTip()):
                problems.append(f"{where}: action tooltip {action.toolTip()!r}")
        if isinstance(widget, QLabel) and RAW in widget.text():
            fmt = widget.textFormat()
            if fmt == Qt.TextFormat.RichText or (
                    fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(widget.text())):
                problems.append(f"{where}: label parses {widget.text()[:160]!r}")
        if isinstance(widget, QTextEdit):
            html = widget.document().toHtml()
            if CANARY_IMAGE in html and "<img" in html:
                problems.append(f"{where}: text document holds the canary image")
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            problems += _model_problems(widget, where)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                if _rich_tooltip(item.toolTip()):
                    problems.append(f"{where}: graphics item tooltip {item.toolTip()!r}")
                if isinstance(item, QGraphicsTextItem) and CANARY_IMAGE in item.toHtml() \
                        and "<img" in item.toHtml():
                    problems.append(f"{where}: graphics text holds the canary image")
    return sorted(set(problems))
