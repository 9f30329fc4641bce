"""The answer area of each question type. Passive: they show an `Item` and report a response.

Every widget has the same small interface used by the question page:

- `set_item(item)` shows the question's options in the item's display order and restores a
  stored response (exam navigation, resumed sessions);
- `response()` returns the response in the engine's shape (see `desktop.core.quiz.model`),
  or None when nothing has been chosen yet;
- `choose(n)` is the keyboard's 1-9 / A-I: pick (or toggle) the n-th choice;
  `choose_letter(n)` is the n-th letter key (the same as `choose` except in ordering, where
  letters put the items in order); `choice_count()` says how many there are (the page's key
  hints name them);
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

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
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
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.feedback import RIGHT, WRONG, letter
from desktop.core.quiz.model import Item
from desktop.core.quiz.scoring import Score
from desktop.core.shortcuts import keys_text
from desktop.widgets.safe_text import tooltip


class AnswerWidget(QWidget):
    """Base of the answer widgets (see the module docstring)."""

    changed = Signal()

    def set_item(self, item: Item) -> None:
        raise NotImplementedError

    def response(self) -> list | None:
        raise NotImplementedError

    def choose(self, n: int) -> bool:
        return False

    def choose_letter(self, n: int) -> bool:
        """The n-th letter key (A is 0): the same as the n-th digit unless overridden."""
        return self.choose(n)

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


def reveal(widget: QWidget, area: QRect | None = None) -> None:
    """Scroll the page a widget sits in so that the widget (or `area` of it) is in view:
    a choice made by key moves the focus on, maybe below the fold at large text."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is None or parent.widget() is None:
        return
    rect = area if area is not None else widget.rect()
    centre = widget.mapTo(parent.widget(), rect.center())
    margin = widget.fontMetrics().height()
    parent.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + margin,
                         rect.height() // 2 + margin)


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
    """Put the options in order. Each item keeps its letter (A, B, ...) wherever it moves.

    Keyboard: type the letters in order, first to last: each letter moves its item to the
    next place from the top (C, A, D, B puts C first); a letter already placed, or one typed
    after every place is filled, starts again from the top. Or select an item (1-9 pick the
    item at that place, or the arrow keys) and move it with Ctrl+Up / Ctrl+Down (Alt+Up /
    Alt+Down also work). Mouse: drag the items, or the Move up / Move down buttons.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.list = _OrderList()
        self.list.setObjectName("quiz_ordering")
        self.list.setAccessibleName("Items to put in order")
        self.list.setAccessibleDescription(
            "Type the items' letters in order, first to last; or select an item with the "
            f"arrow keys and move it with {keys_text('quiz.order_move')}")
        self.list.setWordWrap(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.moved.connect(self._moved_by_hand)
        #: What the letters typed so far did ("Placed C, A: the next letter goes to place 3").
        self.typed_label = QLabel()
        self.typed_label.setObjectName("quiz_ordering_typed")
        self.typed_label.setAccessibleName("Letters typed")
        self.typed_label.setWordWrap(True)
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
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addWidget(self.typed_label)
        layout.addLayout(buttons)
        self.texts: dict[str, str] = {}
        #: Each item's letter, fixed by the question's display order (it moves with the item).
        self.letters: dict[str, str] = {}
        self.order: list[str] = []
        #: The items placed by letters typed since the last restart, top to bottom.
        self.placed: list[str] = []
        #: "hit"/"wrong" -> the theme's colour (set by the page with the style sheet).
        self.colors: dict[str, str] = {}

    def set_item(self, item: Item) -> None:
        self.list.clear()
        self.texts = {o.key: o.text for o in item.question.options}
        self.order = list(item.order)
        self.letters = {key: letter(n) for n, key in enumerate(self.order)}
        order = item.response if item.response else list(item.order)
        for key in order:
            entry = QListWidgetItem(self.texts[key])
            entry.setData(Qt.ItemDataRole.UserRole, key)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self.placed = []
        n = len(self.order)
        last = letter(min(n, 9) - 1) if n else "A"
        self.hint.setText(
            "Earliest or first at the top. Type the letters in order, first to last "
            f"(A-{last}): each letter moves its item to the next place from the top. Or "
            f"select an item (1-{min(n, 9)} or click) and move it with "
            f"{keys_text('quiz.order_move')}, or drag it.")
        self._renumber()
        self._show_typed()
        self.set_locked(False)

    def _renumber(self, outcome: dict | None = None) -> None:
        """Number the items; after the answer (`outcome`: key -> "hit"/"wrong") mark each
        one right or wrong with a symbol and the theme's colour."""
        for row in range(self.list.count()):
            entry = self.list.item(row)
            key = entry.data(Qt.ItemDataRole.UserRole)
            state = (outcome or {}).get(key, "")
            symbol = {"hit": RIGHT, "wrong": WRONG}.get(state, "≡")
            mark = self.letters.get(key, "?")
            entry.setText(f"{symbol}  {row + 1}.  ({mark}) {self.texts.get(key, key)}")
            words = {"hit": ", in the right place", "wrong": ", in the wrong place"}
            entry.setData(Qt.ItemDataRole.AccessibleTextRole,
                          f"Position {row + 1}: {mark}, {self.texts.get(key, key)}"
                          f"{words.get(state, '')}")
            colour = self.colors.get(state)
            entry.setData(Qt.ItemDataRole.ForegroundRole, QColor(colour) if colour else None)
        self._fit()

    def _show_typed(self) -> None:
        """Say what the typed letters did and where the next one goes."""
        if self.list.locked or not self.placed:
            self.typed_label.hide()
            return
        placed = ", ".join(self.letters[k] for k in self.placed)
        count = self.list.count()
        if len(self.placed) >= count:
            text = (f"Placed {placed}: every item is in place; another letter starts again "
                    "at the top.")
        elif len(self.placed) == count - 1:
            last = self.letters.get(self.list.item(count - 1).data(Qt.ItemDataRole.UserRole))
            text = f"Placed {placed}, so {last} is last: every item is in place."
        else:
            text = f"Placed {placed}: the next letter goes to place {len(self.placed) + 1}."
        self.typed_label.setText(text)
        self.typed_label.show()

    def _moved_by_hand(self) -> None:
        """A drag or Ctrl+Up/Down: the order typed by letters starts again at the top."""
        self.placed = []
        self._renumber()
        self._show_typed()
        self.changed.emit()

    def show_outcome(self, score: Score | None) -> None:
        self._renumber(score.detail if score else None)

    def apply_theme(self, colors) -> None:
        super().apply_theme(colors)
        self.colors = {"hit": colors.good, "wrong": colors.bad}

    def _fit(self) -> None:
        """Every item as wide as the list and as tall as its wrapped text; the list as tall
        as its items (the page scrolls, never the list, and no item runs past its right
        edge)."""
        listing = self.list
        width = max(40, listing.viewport().width() - 2 * listing.spacing())
        # The item's border and padding (the style sheet) and the text margins, with room
        # to spare: a narrower estimate can only give a row a few pixels too many.
        text_width = max(20, width - 28)
        metrics = listing.fontMetrics()
        total = 0
        for row in range(listing.count()):
            entry = listing.item(row)
            lines = metrics.boundingRect(QRect(0, 0, text_width, 1_000_000),
                                         Qt.TextFlag.TextWordWrap, entry.text())
            size = QSize(width, lines.height() + 18)
            if entry.sizeHint() != size:
                entry.setSizeHint(size)
            total += size.height() + 2 * listing.spacing()
        height = total + 2 * listing.frameWidth() + 6
        if listing.height() != height or listing.minimumHeight() != height:
            listing.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # wrapped lines change the rows' heights

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()  # a larger text wraps onto more lines

    def response(self) -> list | None:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(self.list.count())]

    def choose(self, n: int) -> bool:
        """1-9: select the item at place n + 1 (then Ctrl+Up/Down moves it)."""
        if not 0 <= n < self.list.count():
            return False
        self.list.setCurrentRow(n)
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def choose_letter(self, n: int) -> bool:
        """A-I: move the item lettered n to the next place from the top (see the class)."""
        if self.list.locked or not 0 <= n < len(self.order) or \
                self.list.count() != len(self.order):
            return False
        key = self.order[n]
        if key in self.placed or len(self.placed) >= self.list.count():
            self.placed = []
        target = len(self.placed)
        row = self.response().index(key)
        if row != target:
            self.list.insertItem(target, self.list.takeItem(row))
        self.placed.append(key)
        self.list.setCurrentRow(target)
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._renumber()
        self._show_typed()
        reveal(self.list.viewport(), self.list.visualItemRect(self.list.item(target)))
        if row != target:
            self.changed.emit()
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
        self._show_typed()

    def focus_widget(self) -> QWidget:
        return self.list


class MatchingAnswer(AnswerWidget):
    """Match each left-hand item to a right-hand choice (lettered A, B, ...).

    The choices are listed once, in full and word-wrapped, above the rows; each row has a
    drop-down of the letters and shows the chosen match's text in full beside it. No text is
    ever cut, whatever the text size and window width (a drop-down cannot wrap its text, and
    the longest choices run past the width of a small screen at large text).

    Keyboard: Tab (or Up/Down between rows when no list is open) moves between rows; 1-9 or
    A-I picks a choice for the current row and moves on to the next.
    """

    NOT_CHOSEN = "not matched yet"

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.choices_heading = QLabel("Choices")
        self.choices_heading.setProperty("role", "muted")
        self.choices_grid = QGridLayout()
        self.choices_grid.setColumnStretch(1, 1)
        self.choices_grid.setVerticalSpacing(2)
        self.rows_heading = QLabel("Pick the letter of each item's match:")
        self.rows_heading.setProperty("role", "muted")
        self.rows_heading.setWordWrap(True)
        self.grid = QGridLayout()
        # The items as wide as their text needs (wrapped when short of room), the drop-down
        # beside them, the chosen match taking the rest.
        self.grid.setColumnStretch(0, 0)
        self.grid.setColumnStretch(2, 1)
        outer.addWidget(self.choices_heading)
        outer.addLayout(self.choices_grid)
        outer.addSpacing(6)
        outer.addWidget(self.rows_heading)
        outer.addLayout(self.grid)
        self.combos: list[QComboBox] = []
        self.labels: list[QLabel] = []
        #: Beside each drop-down: the chosen match's text, in full.
        self.chosen_labels: list[QLabel] = []
        self.choice_labels: list[QLabel] = []
        self.choice_pairs: list[int] = []
        self.choice_texts: list[str] = []

    def set_item(self, item: Item) -> None:
        for widget in (*self.combos, *self.labels, *self.chosen_labels, *self.choice_labels):
            widget.setParent(None)
            widget.deleteLater()
        self.combos, self.labels, self.chosen_labels, self.choice_labels = [], [], [], []
        question = item.question
        self.choice_pairs = list(item.order)
        self.choice_texts = [question.pairs[p].right for p in self.choice_pairs]
        for n, text in enumerate(self.choice_texts):
            mark = QLabel(f"{letter(n)}.")
            mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            choice = QLabel(text)
            choice.setTextFormat(Qt.TextFormat.PlainText)
            choice.setWordWrap(True)
            choice.setAccessibleName(f"Choice {letter(n)}: {text}")
            self.choices_grid.addWidget(mark, n, 0)
            self.choices_grid.addWidget(choice, n, 1)
            for widget in (mark, choice):
                widget.show()
                self.choice_labels.append(widget)
        chosen = item.response or [None] * len(question.pairs)
        for row, pair in enumerate(question.pairs):
            label = QLabel(pair.left)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setProperty("left_text", pair.left)
            label.setWordWrap(True)
            combo = QComboBox()
            combo.setObjectName("quiz_match")
            combo.setAccessibleName(f"Match for {pair.left}")
            combo.setToolTip("The letter of the matching choice (listed above)")
            combo.addItem("—", None)
            combo.setItemData(0, "Not matched yet", Qt.ItemDataRole.AccessibleTextRole)
            for n, pair_index in enumerate(self.choice_pairs):
                combo.addItem(letter(n), pair_index)
                # A choice may come from a pack or an imported set: never rich text.
                combo.setItemData(n + 1, tooltip(f"{letter(n)}. {self.choice_texts[n]}"),
                                  Qt.ItemDataRole.ToolTipRole)
                combo.setItemData(n + 1, f"{letter(n)}. {self.choice_texts[n]}",
                                  Qt.ItemDataRole.AccessibleTextRole)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            if chosen[row] is not None and chosen[row] in self.choice_pairs:
                combo.setCurrentIndex(self.choice_pairs.index(chosen[row]) + 1)
            shown = QLabel()
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setWordWrap(True)
            shown.setObjectName("quiz_match_chosen")
            combo.currentIndexChanged.connect(lambda _i, r=row: self._combo_changed(r))
            label.setBuddy(combo)
            self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(shown, row, 2, Qt.AlignmentFlag.AlignTop)
            for widget in (label, combo, shown):
                widget.show()  # at once, not on the next event loop turn: focus can go there
            self.combos.append(combo)
            self.labels.append(label)
            self.chosen_labels.append(shown)
            self._show_chosen(row)
        self._fit_items_column()
        self.set_locked(False)

    def _fit_items_column(self) -> None:
        """The items' column as wide as the widest item on one line (and its mark after the
        answer), up to two fifths of the width: wrapped beyond that."""
        if not self.labels:
            return
        metrics = self.labels[0].fontMetrics()
        widest = max(metrics.horizontalAdvance(f"{WRONG} {label.property('left_text')}")
                     for label in self.labels) + 4
        width = min(widest, self.width() * 2 // 5)
        if self.grid.columnMinimumWidth(0) != width:
            self.grid.setColumnMinimumWidth(0, width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_items_column()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_items_column()

    def _combo_changed(self, row: int) -> None:
        self._show_chosen(row)
        self.changed.emit()

    def _show_chosen(self, row: int) -> None:
        """Beside the drop-down: the chosen match in full, or "not matched yet"."""
        combo, shown = self.combos[row], self.chosen_labels[row]
        n = combo.currentIndex() - 1
        text = f"{letter(n)}. {self.choice_texts[n]}" if n >= 0 else self.NOT_CHOSEN
        shown.setText(text)
        shown.setProperty("role", "" if n >= 0 else "muted")
        shown.style().unpolish(shown)
        shown.style().polish(shown)
        combo.setAccessibleDescription(f"Matched with {text}" if n >= 0 else "Not matched yet")

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
        label = self.chosen_labels[row]
        reveal(label)  # the match just made, in full...
        reveal(following)  # ...and the row the next key fills
        # The match's full text may wrap onto more lines and push the rows down once the
        # layout catches up: look again after that.
        QTimer.singleShot(0, following, lambda: (reveal(label), reveal(following)))
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
