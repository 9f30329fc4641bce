"""The answer area of each question type. Passive: they show an `Item` and report a response.

Every widget has the same small interface used by the question page:

- `set_item(item)` shows the question's options in the item's display order and restores a
  stored response (exam navigation, resumed sessions);
- `response()` returns the response in the engine's shape (see `desktop.core.quiz.model`),
  or None when nothing has been chosen yet;
- `choose(n)` is the keyboard's 1-9 / A-I: pick (or toggle) the n-th choice;
  `choice_count()` says how many there are (the page's key hints name them);
- `set_locked(True)` freezes it after the answer is submitted; `show_outcome(score)` colours
  each choice by what happened;
- `focus_widget()` is where the keys go when the question is shown (`focus_first()` puts
  the focus there); `focus_chain()` lists its widgets in Tab order (the page puts them
  first);
- signal `changed()` whenever the response changes.

`response()` is the one "current answer of the widget": the page submits it on Enter and, in an
exam, saves it as it changes, so what is on screen is always the answer that counts. A new
answer type (typed or cloze answers) implements the same methods and emits `changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.feedback import RIGHT, WRONG, letter
from desktop.core.quiz.model import Item
from desktop.core.quiz.scoring import Score
from desktop.core.shortcuts import keys_text


class AnswerWidget(QWidget):
    """Base of the answer widgets (see the module docstring)."""

    changed = Signal()

    def set_item(self, item: Item) -> None:
        raise NotImplementedError

    def response(self) -> list | None:
        raise NotImplementedError

    def choose(self, n: int) -> bool:
        return False

    def choice_count(self) -> int:
        """How many choices the 1-9 / A-I keys can pick (0: the answer is typed)."""
        return 0

    def set_locked(self, locked: bool) -> None:
        self.setEnabled(not locked)

    def show_outcome(self, score: Score | None) -> None:
        """Colour choices after the answer (default: nothing to colour)."""

    def focus_widget(self) -> QWidget:
        """Where the keys go when the question is shown: the chosen option, the first row
        still to match, the list, the field."""
        return self

    def focus_first(self) -> None:
        self.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_chain(self) -> list[QWidget]:
        """Its focusable widgets in Tab order."""
        return [self]

    def apply_theme(self, colors) -> None:
        """Follow the theme (`desktop.theme.ThemeColors`)."""
        self.setStyleSheet(answer_stylesheet(colors))


OUTCOME_MARKS = {"hit": f"{RIGHT} correct · your choice", "missed": f"{RIGHT} correct answer",
                 "wrong": f"{WRONG} your choice"}


class _OptionRow(QFrame):
    """One option: a radio button or check box labelled with its letter, and the text
    (word-wrapped, clickable)."""

    def __init__(self, button, text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("quiz_option")
        self.button = button
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(button)
        #: After the answer: "✓ correct answer", "✗ your choice" (symbol and colour).
        self.mark = QLabel()
        self.mark.setObjectName("quiz_option_mark")
        self.mark.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        self.label.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.label and event.type() == QEvent.Type.MouseButtonRelease \
                and self.button.isEnabled():
            self.button.click()
            return True
        return super().eventFilter(obj, event)

    def set_state(self, state: str) -> None:
        """"hit" (chosen, right), "missed" (right, not chosen), "wrong" (chosen, wrong),
        or "" / "ok": the frame's colour and a mark in words (never colour alone)."""
        if (self.property("state") or "") == state:
            return  # re-polishing costs a millisecond a row; nothing changed
        text = OUTCOME_MARKS.get(state, "")
        self.mark.setText(text)
        self.mark.setVisible(bool(text))
        for widget in (self, self.mark):
            widget.setProperty("state", state)
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class ChoiceAnswer(AnswerWidget):
    """Single best answer, true/false (radio buttons) or multi-select (check boxes)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        self.rows: list[_OptionRow] = []
        self.keys: list[str] = []
        self.multi = False
        self.group: QButtonGroup | None = None

    def set_item(self, item: Item) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows, self.keys = [], []
        question = item.question
        self.multi = question.type == "multi"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multi)
        texts = {o.key: o.text for o in question.options}
        chosen = set(item.response or ())
        for index, key in enumerate(item.order):
            button = QCheckBox(letter(index)) if self.multi else QRadioButton(letter(index))
            button.setAccessibleName(f"{letter(index)}. {texts[key]}")
            button.setAccessibleDescription(
                "Tick or untick with Space" if self.multi else "Choose this answer")
            button.setChecked(key in chosen)
            button.toggled.connect(lambda _on: self.changed.emit())
            self.group.addButton(button, index)
            row = _OptionRow(button, texts[key], self)
            self.layout_.addWidget(row)
            row.show()
            self.rows.append(row)
            self.keys.append(key)
        self.set_locked(False)

    def response(self) -> list | None:
        chosen = [key for key, row in zip(self.keys, self.rows, strict=True)
                  if row.button.isChecked()]
        if not chosen:
            return None
        return chosen if self.multi else chosen[:1]

    def choose(self, n: int) -> bool:
        if not 0 <= n < len(self.rows) or not self.rows[n].button.isEnabled():
            return False
        button = self.rows[n].button
        button.setChecked(not button.isChecked() if self.multi else True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def choice_count(self) -> int:
        return len(self.rows)

    def focus_chain(self) -> list[QWidget]:
        return [row.button for row in self.rows]

    def set_locked(self, locked: bool) -> None:
        for row in self.rows:
            row.button.setEnabled(not locked)
            if not locked:
                row.set_state("")

    def show_outcome(self, score: Score | None) -> None:
        for key, row in zip(self.keys, self.rows, strict=True):
            row.set_state(score.detail.get(key, "") if score else "")

    def focus_widget(self) -> QWidget:
        checked = next((r.button for r in self.rows if r.button.isChecked()), None)
        return checked or (self.rows[0].button if self.rows else self)


class _OrderList(QListWidget):
    """A list whose current item moves with Ctrl+Up/Down or Alt+Up/Down (and by drag)."""

    moved = Signal()
    locked = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def move_current(self, step: int) -> bool:
        row = self.currentRow()
        target = row + step
        if self.locked or row < 0 or not 0 <= target < self.count():
            return False
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.moved.emit()
        return True

    def dropEvent(self, event) -> None:
        super().dropEvent(event)
        self.moved.emit()


class OrderingAnswer(AnswerWidget):
    """Put the options in order: drag them, or select one (arrows or 1-9) and move it with
    Ctrl+Up / Ctrl+Down (Alt+Up / Alt+Down also work)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Earliest or first at the top. Drag the items, or select one and move "
                      f"it with {keys_text('quiz.order_move')}.")
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.list = _OrderList()
        self.list.setObjectName("quiz_ordering")
        self.list.setAccessibleName("Items to put in order")
        self.list.setAccessibleDescription(
            f"Select an item with the arrow keys, move it with {keys_text('quiz.order_move')}")
        self.list.setWordWrap(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.moved.connect(self._renumber)
        self.list.moved.connect(self.changed)
        buttons = QHBoxLayout()
        self.up = QPushButton("Move &up")
        self.up.setAccessibleName("Move the selected item up")
        self.up.clicked.connect(lambda: self.list.move_current(-1))
        self.down = QPushButton("Move do&wn")
        self.down.setAccessibleName("Move the selected item down")
        self.down.clicked.connect(lambda: self.list.move_current(1))
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.texts: dict[str, str] = {}
        #: "hit"/"wrong" -> the theme's colour (set by the page with the style sheet).
        self.colors: dict[str, str] = {}

    def set_item(self, item: Item) -> None:
        self.list.clear()
        self.texts = {o.key: o.text for o in item.question.options}
        order = item.response if item.response else list(item.order)
        for key in order:
            entry = QListWidgetItem(self.texts[key])
            entry.setData(Qt.ItemDataRole.UserRole, key)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self._renumber()
        self.set_locked(False)

    def _renumber(self, outcome: dict | None = None) -> None:
        """Number the items; after the answer (`outcome`: key -> "hit"/"wrong") mark each
        one right or wrong with a symbol and the theme's colour."""
        for row in range(self.list.count()):
            entry = self.list.item(row)
            key = entry.data(Qt.ItemDataRole.UserRole)
            state = (outcome or {}).get(key, "")
            symbol = {"hit": RIGHT, "wrong": WRONG}.get(state, "≡")
            entry.setText(f"{symbol}  {row + 1}. {self.texts.get(key, key)}")
            words = {"hit": ", in the right place", "wrong": ", in the wrong place"}
            entry.setData(Qt.ItemDataRole.AccessibleTextRole,
                          f"Position {row + 1}: {self.texts.get(key, key)}"
                          f"{words.get(state, '')}")
            colour = self.colors.get(state)
            entry.setData(Qt.ItemDataRole.ForegroundRole, QColor(colour) if colour else None)
        self._fit()

    def show_outcome(self, score: Score | None) -> None:
        self._renumber(score.detail if score else None)

    def apply_theme(self, colors) -> None:
        super().apply_theme(colors)
        self.colors = {"hit": colors.good, "wrong": colors.bad}

    def _fit(self) -> None:
        spacing = 2 * self.list.spacing()
        height = sum(self.list.sizeHintForRow(r) + spacing for r in range(self.list.count()))
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 6)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # wrapped lines change the rows' heights

    def response(self) -> list | None:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(self.list.count())]

    def choose(self, n: int) -> bool:
        if not 0 <= n < self.list.count():
            return False
        self.list.setCurrentRow(n)
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def choice_count(self) -> int:
        return self.list.count()

    def focus_chain(self) -> list[QWidget]:
        return [self.list, self.up, self.down]

    def set_locked(self, locked: bool) -> None:
        self.list.locked = locked
        self.up.setEnabled(not locked)
        self.down.setEnabled(not locked)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop if locked
                                  else QAbstractItemView.DragDropMode.InternalMove)

    def focus_widget(self) -> QWidget:
        return self.list


class MatchingAnswer(AnswerWidget):
    """Match each left-hand item to a right-hand choice (lettered A, B, ...).

    Keyboard: Tab (or Up/Down between rows when no list is open) moves between rows; 1-9 or
    A-E picks a choice for the current row and moves on to the next.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 3)
        self.combos: list[QComboBox] = []
        self.labels: list[QLabel] = []
        self.choice_pairs: list[int] = []

    def set_item(self, item: Item) -> None:
        for widget in (*self.combos, *self.labels):
            widget.setParent(None)
            widget.deleteLater()
        self.combos, self.labels = [], []
        question = item.question
        self.choice_pairs = list(item.order)
        chosen = item.response or [None] * len(question.pairs)
        for row, pair in enumerate(question.pairs):
            label = QLabel(pair.left)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setProperty("left_text", pair.left)
            label.setWordWrap(True)
            combo = QComboBox()
            combo.setAccessibleName(f"Match for {pair.left}")
            combo.addItem("— choose —", None)
            for n, pair_index in enumerate(self.choice_pairs):
                combo.addItem(f"{letter(n)}. {question.pairs[pair_index].right}", pair_index)
            if chosen[row] is not None and chosen[row] in self.choice_pairs:
                combo.setCurrentIndex(self.choice_pairs.index(chosen[row]) + 1)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
            label.setBuddy(combo)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(combo, row, 1)
            label.show()  # at once, not on the next event loop turn: focus can go there now
            combo.show()
            self.combos.append(combo)
            self.labels.append(label)
        self.set_locked(False)

    def response(self) -> list | None:
        chosen = [combo.currentData() for combo in self.combos]
        if all(c is None for c in chosen):
            return None
        return chosen

    def _current_row(self) -> int:
        for row, combo in enumerate(self.combos):
            if combo.hasFocus():
                return row
        return next((r for r, c in enumerate(self.combos) if c.currentData() is None), 0)

    def choose(self, n: int) -> bool:
        if not self.combos or not 0 <= n < len(self.choice_pairs):
            return False
        row = self._current_row()
        self.combos[row].setCurrentIndex(n + 1)
        following = self.combos[min(row + 1, len(self.combos) - 1)]
        following.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def choice_count(self) -> int:
        return len(self.choice_pairs)

    def focus_chain(self) -> list[QWidget]:
        return list(self.combos)

    def set_locked(self, locked: bool) -> None:
        for combo in self.combos:
            combo.setEnabled(not locked)

    def show_outcome(self, score: Score | None) -> None:
        for row, label in enumerate(self.labels):
            state = score.detail.get(str(row), "") if score else ""
            symbol = {"hit": RIGHT, "wrong": WRONG}.get(state)
            left = label.property("left_text") or ""
            label.setText(f"{symbol} {left}" if symbol else left)
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)

    def focus_widget(self) -> QWidget:
        return self.combos[self._current_row()] if self.combos else self


class _YearEdit(QLineEdit):
    """A year field that lets letter keys through to the page's shortcuts (M, P, R...)."""

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.text() \
                and not event.text().isdigit() and event.text().isprintable() \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.ignore()
            return True
        return super().event(event)


class YearAnswer(AnswerWidget):
    """Type a year (scored by closeness)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = _YearEdit()
        self.edit.setObjectName("quiz_year")
        self.edit.setValidator(QIntValidator(1000, 2999, self))
        self.edit.setMaxLength(4)
        self.edit.setPlaceholderText("e.g. 1998")
        self.edit.setAccessibleName("Year")
        self.edit.setAccessibleDescription("Type a four-digit year, then Enter")
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0") * 10 + 24)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        label = QLabel("&Year:")
        label.setBuddy(self.edit)
        hint = QLabel("A year or two off still earns part of the credit.")
        hint.setProperty("role", "muted")
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(hint, 1)

    def set_item(self, item: Item) -> None:
        self.edit.setText(str(item.response[0]) if item.response else "")
        self.set_locked(False)

    def response(self) -> list | None:
        text = self.edit.text().strip()
        if len(text) != 4 or not text.isdigit():
            return None
        return [int(text)]

    def choose(self, n: int) -> bool:
        return False  # digits are typed into the field

    def set_locked(self, locked: bool) -> None:
        self.edit.setReadOnly(locked)

    def focus_widget(self) -> QWidget:
        return self.edit

    def focus_chain(self) -> list[QWidget]:
        return [self.edit]


def answer_widget_for(question_type: str, parent=None) -> AnswerWidget:
    if question_type in ("single", "multi", "true_false"):
        return ChoiceAnswer(parent)
    if question_type == "ordering":
        return OrderingAnswer(parent)
    if question_type == "matching":
        return MatchingAnswer(parent)
    return YearAnswer(parent)


ANSWER_STYLE = """
QFrame#quiz_option {{ border: 1px solid {border}; border-radius: 4px; background: {base}; }}
QFrame#quiz_option[state="hit"] {{ border: 2px solid {good}; }}
QFrame#quiz_option[state="missed"] {{ border: 2px dashed {good}; }}
QFrame#quiz_option[state="wrong"] {{ border: 2px solid {bad}; }}
QFrame#quiz_option QRadioButton::indicator, QFrame#quiz_option QCheckBox::indicator {{
    width: 0.9em; height: 0.9em; border: 1px solid {text}; background: {base}; }}
QFrame#quiz_option QRadioButton::indicator {{ border-radius: 0.5em; }}
QFrame#quiz_option QCheckBox::indicator {{ border-radius: 2px; }}
QFrame#quiz_option QRadioButton::indicator:checked,
QFrame#quiz_option QCheckBox::indicator:checked {{ background: {accent};
    border: 2px solid {text}; }}
QFrame#quiz_option QRadioButton::indicator:disabled,
QFrame#quiz_option QCheckBox::indicator:disabled {{ border-color: {border}; }}
QFrame#quiz_option QRadioButton::indicator:checked:disabled,
QFrame#quiz_option QCheckBox::indicator:checked:disabled {{ background: {muted}; }}
QListWidget#quiz_ordering {{ border: none; background: transparent; }}
QListWidget#quiz_ordering::item {{ border: 1px solid {border}; border-radius: 4px;
    background: {base}; padding: 7px 6px; }}
QListWidget#quiz_ordering::item:selected {{ background: {accent}; color: {accent_text};
    border: 1px solid {accent}; }}
QLabel[state="hit"], QLabel[state="missed"] {{ color: {good}; }}
QLabel[state="wrong"] {{ color: {bad}; }}
QLabel#quiz_option_mark {{ font-weight: bold; }}
"""


def answer_stylesheet(colors) -> str:
    """The answer widgets' styles from the theme's colours (never hard-coded)."""
    return ANSWER_STYLE.format(border=colors.border, base=colors.base, good=colors.good,
                               bad=colors.bad, text=colors.text, accent=colors.accent,
                               accent_text=colors.accent_text, muted=colors.muted)
