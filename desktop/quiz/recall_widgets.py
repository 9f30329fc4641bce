"""Recall answers: typed fields for cloze and typed-answer items, the glossary card's "Show
answer", and the bar under the feedback with "I was right" and the four grades.

Passive like the other answer widgets (`desktop.quiz.answer_widgets`): they show an item and
report what the student did through signals. Keys: typing goes to the focused field (digits
and letters are text there, not option keys), Tab moves between gaps, Enter submits; after
the answer, 1-4 grade (Again, Hard, Good, Easy) in spaced review.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.model import Item
from desktop.core.quiz.scoring import Score
from desktop.quiz.answer_widgets import AnswerWidget

GRADES = ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy"))
RECALL_STYLE = """
QLineEdit[state="hit"] {{ border: 2px solid {good}; }}
QLineEdit[state="near"] {{ border: 2px dashed {warn}; }}
QLineEdit[state="wrong"] {{ border: 2px solid {bad}; }}
"""
GRADE_STYLE = """
QPushButton:checked {{ background: {accent}; color: {accent_text}; border: 2px solid {text}; }}
"""
GRADE_HELP = {1: "you did not know it", 2: "you knew it with real effort",
              3: "you knew it", 4: "you knew it at once, without effort"}


class TypedAnswer(AnswerWidget):
    """One text field per gap of a cloze card, or one for a typed question."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.fields: list[QLineEdit] = []
        self.labels: list[QLabel] = []
        self.hint = QLabel("Type the answer; spelling need not be perfect. Tab moves to the "
                           "next gap, Enter checks.")
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)

    def set_item(self, item: Item) -> None:
        question = item.question
        while self.fields:
            self.fields.pop().deleteLater()
        while self.labels:
            self.labels.pop().deleteLater()
        self.grid.removeWidget(self.hint)
        typed = [r for r in (item.response or []) if isinstance(r, str)]
        count = max(1, len(question.blanks))
        for index in range(count):
            blank = question.blanks[index] if index < len(question.blanks) else None
            if question.type == "cloze" and count > 1:
                name = f"Gap {index + 1}"
            elif question.type == "cloze":
                name = "The gap"
            else:
                name = "Your answer"
            label = QLabel(f"&{name}:" if index < 9 else f"{name}:")
            field = QLineEdit()
            field.setObjectName(f"quiz_gap_{index + 1}")
            field.setAccessibleName(name)
            if blank is not None and blank.hint:
                field.setPlaceholderText(blank.hint)
                field.setAccessibleDescription(f"Hint: {blank.hint}")
            elif blank is not None and blank.numeric:
                field.setPlaceholderText("a number")
            field.setText(typed[index] if index < len(typed) else "")
            field.textChanged.connect(lambda _t: self.changed.emit())
            label.setBuddy(field)
            self.grid.addWidget(label, index, 0)
            self.grid.addWidget(field, index, 1)
            self.labels.append(label)
            self.fields.append(field)
        for first, second in zip(self.fields, self.fields[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.grid.addWidget(self.hint, count, 0, 1, 2)
        self.setFocusProxy(self.fields[0])  # the page focusing the answer lands in gap 1
        self.set_locked(False)
        self.show_outcome(None)

    def response(self) -> list | None:
        texts = [f.text() for f in self.fields]
        if not any(t.strip() for t in texts):
            return None
        return texts

    def set_locked(self, locked: bool) -> None:
        for field in self.fields:
            field.setReadOnly(locked)
        self.hint.setVisible(not locked)

    def show_outcome(self, score: Score | None) -> None:
        for index, field in enumerate(self.fields):
            verdict = score.detail.get(str(index), "") if score is not None else ""
            state = {"exact": "hit", "accepted": "hit", "near": "near",
                     "wrong": "wrong"}.get(verdict, "")
            field.setProperty("state", state)
            field.style().unpolish(field)
            field.style().polish(field)

    def focus_widget(self) -> QWidget:
        return self.fields[0] if self.fields else self

    def apply_theme(self, colors) -> None:
        from desktop.quiz.answer_widgets import answer_stylesheet

        self.setStyleSheet(answer_stylesheet(colors) + RECALL_STYLE.format(
            good=colors.good, warn=colors.warn, bad=colors.bad))

    def focus_chain(self) -> list[QWidget]:
        return list(self.fields)

    def focus_first(self) -> None:
        if not self.fields:
            return
        field = self.fields[0]
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if not field.isVisible():  # the page is being shown: focus it once it is
            QTimer.singleShot(0, lambda: field.isVisible() and field.setFocus(
                Qt.FocusReason.OtherFocusReason))


class FlashcardAnswer(AnswerWidget):
    """A glossary card: think of the answer, then show it (Enter or the button)."""

    show_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prompt = QLabel("Say or think the answer, then show it and grade how well you "
                             "knew it.")
        self.prompt.setProperty("role", "muted")
        self.prompt.setWordWrap(True)
        self.button = QPushButton("Show answer")
        self.button.setAccessibleName("Show answer")
        self.button.setToolTip("Show the answer (Enter)")
        self.button.clicked.connect(self.show_requested)
        self.setFocusProxy(self.button)
        layout.addWidget(self.prompt)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_item(self, item: Item) -> None:
        self.set_locked(item.answered)

    def response(self) -> list | None:
        return ["shown"]

    def set_locked(self, locked: bool) -> None:
        self.button.setVisible(not locked)
        self.prompt.setVisible(not locked)

    def focus_widget(self) -> QWidget:
        return self.button

    def focus_chain(self) -> list[QWidget]:
        return [self.button]

    def focus_first(self) -> None:
        self.button.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.button.isVisible():
            QTimer.singleShot(0, lambda: self.button.isVisible() and self.button.setFocus(
                Qt.FocusReason.OtherFocusReason))


class RecallBar(QWidget):
    """Under the feedback of a recall item: "I was right" (a typed answer counted wrong) and,
    in spaced review, the four grades with the suggestion preselected.

    Signals: overrule_requested(bool) (True: "I was right"), grade_selected(int) (1-4).
    """

    overrule_requested = Signal(bool)
    grade_selected = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("quiz_recall_bar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.overrule_button = QPushButton("I was right")
        self.overrule_button.setAccessibleName("I was right")
        self.overrule_button.setToolTip(
            "Count this answer as right: you meant the answer and only typed it differently")
        self.overrule_button.clicked.connect(self._overrule_clicked)
        layout.addWidget(self.overrule_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.grade_label = QLabel("How well did you know it? Press 1-4 or click. Your answer "
                                  "suggests the highlighted grade; time taken never changes "
                                  "it.")
        self.grade_label.setWordWrap(True)
        layout.addWidget(self.grade_label)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.grade_buttons: dict[int, QPushButton] = {}
        for rating, name in GRADES:
            button = QPushButton(f"{rating} {name}")
            button.setCheckable(True)
            button.setObjectName(f"quiz_grade_{name.lower()}")
            button.setAccessibleName(f"Grade {name}")
            button.setToolTip(f"{name} ({rating}): {GRADE_HELP[rating]}")
            button.clicked.connect(lambda _on, r=rating: self.grade_selected.emit(r))
            self.group.addButton(button, rating)
            self.grade_buttons[rating] = button
        from desktop.widgets.flow_layout import flow_container

        layout.addWidget(flow_container(list(self.grade_buttons.values())))  # wraps if narrow
        self._overruled = False

    def apply_theme(self, colors) -> None:
        """The chosen grade stands out in every theme (high contrast included)."""
        self.setStyleSheet(GRADE_STYLE.format(accent=colors.accent,
                                              accent_text=colors.accent_text, text=colors.text))

    def show_state(self, *, can_overrule: bool, overruled: bool, grade: int | None,
                   intervals: dict[int, str] | None = None) -> None:
        """What to show: the overrule button (and whether it was used), the grades (None: not
        a review), each grade's next interval."""
        self._overruled = overruled
        self.overrule_button.setVisible(can_overrule or overruled)
        self.overrule_button.setText("Counted as right: undo" if overruled else "I was right")
        self.overrule_button.setAccessibleName(self.overrule_button.text())
        reviewing = grade is not None
        self.grade_label.setVisible(reviewing)
        for rating, button in self.grade_buttons.items():
            button.setVisible(reviewing)
            name = dict(GRADES)[rating]
            interval = (intervals or {}).get(rating, "")
            chosen = rating == grade
            button.setText(("✓ " if chosen else "") + f"{rating} {name}"
                           + (f" · {interval}" if interval else ""))
            button.setChecked(chosen)
        self.setVisible(self.overrule_button.isVisible() or reviewing)

    def focus_chain(self) -> list[QWidget]:
        """Its buttons in Tab order ("I was right", then the grades)."""
        return [self.overrule_button, *self.grade_buttons.values()]

    def _overrule_clicked(self) -> None:
        self.overrule_requested.emit(not self._overruled)
