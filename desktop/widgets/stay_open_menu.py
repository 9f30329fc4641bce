"""A menu of check boxes that stays open while the person ticks them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu


class StayOpenMenu(QMenu):
    """A menu of check boxes that stays open while the person ticks them (a click or Space
    toggles the item under the pointer or the highlighted one); Esc, Enter or a click
    outside closes it."""

    def mouseReleaseEvent(self, event) -> None:
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isEnabled() and action.isCheckable() \
                and action.menu() is None:
            action.trigger()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        action = self.activeAction()
        if event.key() == Qt.Key.Key_Space and action is not None and action.isEnabled() \
                and action.isCheckable():
            action.trigger()
            event.accept()
            return
        super().keyPressEvent(event)
