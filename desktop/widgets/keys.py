"""Qt bindings for the shortcut table (desktop/core/shortcuts.py): menu actions and view keys
take their keys from the table, so the menus, the help dialog and the footers agree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from desktop.core.shortcuts import key_sequences, shortcut

#: The Qt property naming the table row a menu action or QShortcut was bound from.
SHORTCUT_ID = "shortcut_id"


def sequences(shortcut_id: str) -> list[QKeySequence]:
    """The QKeySequences of a table row."""
    return [QKeySequence(k) for k in key_sequences(shortcut_id)]


def bind_action(action: QAction, shortcut_id: str) -> QAction:
    """Give a menu action the keys of table row `shortcut_id` (and remember which row)."""
    row = shortcut(shortcut_id)
    action.setShortcuts(sequences(shortcut_id))
    action.setProperty(SHORTCUT_ID, shortcut_id)
    label = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
    action.setToolTip(f"{label} ({row.text})")
    return action


def view_shortcut(parent: QWidget, shortcut_id: str, slot,
                  context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut
                  ) -> list[QShortcut]:
    """QShortcuts for every key of `shortcut_id`, on `parent`.

    With the default WindowShortcut context a key works whenever `parent` is visible in the
    active window (a view's keys work as soon as the view is shown, wherever focus is);
    pass WidgetWithChildrenShortcut for keys that must only work with focus inside `parent`.
    """
    made = []
    for sequence in sequences(shortcut_id):
        item = QShortcut(sequence, parent)
        item.setContext(context)
        item.setProperty(SHORTCUT_ID, shortcut_id)
        item.activated.connect(slot)
        made.append(item)
    return made
