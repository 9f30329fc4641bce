"""Keys shared by the quiz pages: Enter and Return click the focused push button.

Outside dialogs Qt clicks a focused QPushButton with Space only; a person expects Enter to
work too ("Start 10 mixed questions", "Next question", "Retry the missed ones"). The filter
also wins over a page's own Enter shortcut (the question page submits with Enter), so Enter
on a focused "Previous" goes back instead of submitting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPushButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterClicksButton(QObject):
    """Event filter for push buttons: a plain Enter/Return clicks the button."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or \
                not isinstance(obj, QPushButton):
            return False
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() not in ENTER_KEYS or not plain:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the key goes to the button, not to a page shortcut
            return True
        if obj.isEnabled() and obj.isVisible():
            obj.click()
        return True


def enter_clicks_buttons(root: QWidget) -> None:
    """Make Enter/Return click every push button inside `root` (call again after adding
    buttons; installing twice is harmless)."""
    keys = root.findChild(EnterClicksButton, "enter_clicks_buttons")
    if keys is None:
        keys = EnterClicksButton(root)
        keys.setObjectName("enter_clicks_buttons")
    for button in root.findChildren(QPushButton):
        button.installEventFilter(keys)
