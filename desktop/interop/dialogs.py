"""Dialogs for question files and content packs: a full report, and the list of sets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop import APP_NAME
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.safe_text import ask, plain_label


class ReportDialog(QDialog):
    """A heading, a short explanation and a long, selectable report (every problem)."""

    def __init__(self, title: str, heading: str, report: str, parent=None,
                 explanation: str = ""):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: {title}")
        self.setAccessibleName(f"{title} dialog")
        layout = QVBoxLayout(self)
        self.heading = plain_label(heading)
        self.heading.setWordWrap(True)
        set_relative_font(self.heading, 1.15, bold=True)
        layout.addWidget(self.heading)
        if explanation:
            note = plain_label(explanation)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.report.setAccessibleName("Report")
        self.report.setAccessibleDescription("Every problem, with its file and line")
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.report, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 60, em * 30)
        self.report.setFocus()


class QuestionSetsDialog(QDialog):
    """File > Question sets: the imported sets, each removable as a whole.

    Signals:
        set_removed(int): the id of a set that was removed.
    """

    set_removed = Signal(int)

    def __init__(self, user, parent=None, confirm=None):
        super().__init__(parent)
        self.user = user
        #: `confirm(text) -> bool`; tests replace the question box.
        self.confirm = confirm or self._ask
        self.setWindowTitle(f"{APP_NAME}: question sets")
        self.setAccessibleName("Question sets dialog")
        layout = QVBoxLayout(self)
        intro = QLabel("Question sets imported from GIFT or CSV files (File > Import "
                       "questions…). In the Quiz, tick “Imported question sets” to practise "
                       "them. Removing a set also removes your progress on its questions.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Imported question sets")
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.remove_button = QPushButton("&Remove set…")
        self.remove_button.setAccessibleName("Remove the selected question set")
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(self._update_buttons)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 48, em * 24)
        self.refresh()

    def refresh(self) -> None:
        from desktop.core.quiz.question_sets import list_sets

        self.list.clear()
        sets = list_sets(self.user)
        for s in sets:
            item = QListWidgetItem(f"{s.name} — {s.question_count} question(s) from "
                                   f"{s.source_name}, imported {s.imported_at.replace('T', ' ')}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
        if not sets:
            item = QListWidgetItem("No question sets yet.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        else:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        item = self.list.currentItem()
        self.remove_button.setEnabled(bool(item and item.data(Qt.ItemDataRole.UserRole)))

    def _ask(self, text: str) -> bool:
        return ask(self, f"{APP_NAME}: remove question set", text)

    def remove_selected(self) -> bool:
        """Remove the selected set after confirmation; True when it was removed."""
        from desktop.core.quiz.question_sets import get_set, remove_set

        item = self.list.currentItem()
        set_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        found = get_set(self.user, set_id) if set_id else None
        if found is None:
            return False
        if not self.confirm(f"Remove the question set “{found.name}” ({found.question_count} "
                            "question(s)) and your progress on it?"):
            return False
        remove_set(self.user, found.id)
        self.refresh()
        self.set_removed.emit(found.id)
        return True
