"""Story mode: the timeline one large card at a time, for reading or for class.

The keys are the table's "story.*" rows (desktop/core/shortcuts.py): next with Right, Down,
PageDown, Space (what presentation clickers send) or the Next button; previous with Left, Up,
PageUp, Shift+Space; Home/End first/last; Esc back to the timeline.
The order of cards comes from `desktop.core.timeline.story`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.shortcuts import with_keys
from desktop.core.timeline.data import TimelineData
from desktop.core.timeline.story import (
    StoryCursor,
    StoryScope,
    card_for,
    story_scopes,
    story_sequence,
    story_steps,
)
from desktop.timeline.story_card import StoryCardWidget
from desktop.widgets.flow_layout import FlowLayout
from desktop.widgets.keys import SHORTCUT_ID, sequences, view_shortcut


class StoryPanel(QWidget):
    """Scope chooser, the card, Previous/Next.

    Signals:
        event_shown(str): the card now shows this event id.
        closed(): the user left story mode (Esc or "Back to the timeline").
    """

    event_shown = Signal(str)
    closed = Signal()

    def __init__(self, ctx, data: TimelineData, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.data = data
        self.visible: tuple[str, ...] | None = None
        self.known_by: int | None = None
        self.cursor = StoryCursor([])
        self.setObjectName("timeline_story")
        self.setAccessibleName("Story mode")
        layout = QVBoxLayout(self)
        top = FlowLayout()  # wraps at large text instead of widening the window
        label = QLabel("&Story through:")
        self.scope = QComboBox()
        self.scope.setObjectName("story_scope")
        self.scope.setAccessibleName("Story through")
        self.scope.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(14)
        label.setBuddy(self.scope)
        self.scopes = story_scopes(data)
        for scope in self.scopes:
            self.scope.addItem(scope.label)
        self.scope.activated.connect(self._scope_chosen)
        self.back = QPushButton("Back to the timeline")
        self.back.setToolTip(with_keys("Leave story mode", "story.leave"))
        self.back.clicked.connect(self.closed)
        top.addWidget(label)
        top.addWidget(self.scope, stretch=1)
        top.addWidget(self.back)
        layout.addLayout(top)
        self.card = StoryCardWidget(ctx)
        # The card scrolls as a whole when its large type does not fit (200% text on a small
        # screen) instead of cutting the headline.
        card_scroll = QScrollArea()
        card_scroll.setWidgetResizable(True)
        card_scroll.setFrameShape(QFrame.Shape.NoFrame)
        card_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        card_scroll.setWidget(self.card)
        layout.addWidget(card_scroll, 1)
        bottom = QHBoxLayout()
        self.previous_button = QPushButton("← Previous")
        self.previous_button.setAccessibleName("Previous event")
        self.previous_button.setToolTip(with_keys("Previous", "story.previous"))
        self.previous_button.clicked.connect(self.previous)
        self.position = QLabel()
        self.position.setObjectName("story_position")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = QPushButton("Next →")
        self.next_button.setAccessibleName("Next event")
        self.next_button.setToolTip(with_keys("Next", "story.next"))
        self.next_button.clicked.connect(self.next)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.position, 1)
        bottom.addWidget(self.next_button)
        layout.addLayout(bottom)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence, slot in zip(sequences("story.ends"), (self.first, self.last),
                                  strict=True):  # Home, End
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(context)
            shortcut.setProperty(SHORTCUT_ID, "story.ends")
            shortcut.activated.connect(slot)
        for shortcut_id, slot in (("story.next", self.next), ("story.previous", self.previous),
                                  ("story.leave", self.closed.emit)):
            view_shortcut(self, shortcut_id, slot, context)

    # -- control ---------------------------------------------------------------------------

    def set_filtered(self, visible: tuple[str, ...] | None, description: str = "",
                     known_by: int | None = None) -> None:
        """Offer (or stop offering) a story through the currently filtered events; with
        `known_by`, every story leaves out what came after that year."""
        self.visible = visible
        self.known_by = known_by
        has = self.scopes and self.scopes[-1].kind == "filtered"
        if has:
            self.scopes.pop()
            self.scope.removeItem(self.scope.count() - 1)
        if visible is not None:
            count = len(story_sequence(self.data, StoryScope("filtered"), visible, known_by))
            scope = StoryScope("filtered", "", f"Filtered events ({count}"
                               + (f": {description}" if description else "") + ")")
            self.scopes.append(scope)
            self.scope.addItem(scope.label)

    def start(self, scope: StoryScope | None = None, at: str | None = None) -> None:
        """Start a story through `scope` (default: the one chosen), at event `at` if given."""
        scope = scope or self.current_scope()
        index = next((i for i, s in enumerate(self.scopes)
                      if (s.kind, s.key) == (scope.kind, scope.key)), 0)
        self.scope.setCurrentIndex(index)
        self.cursor = StoryCursor(story_steps(self.data, self.scopes[index],
                                              visible=self.visible, known_by=self.known_by))
        if at is not None:
            self.cursor.go_to(at)
        self._show()

    def current_scope(self) -> StoryScope:
        index = self.scope.currentIndex()
        return self.scopes[index] if 0 <= index < len(self.scopes) else self.scopes[0]

    def move(self, delta: int) -> None:
        """Move `delta` cards (clamped at both ends) and show the card."""
        if self.cursor.move(delta):
            self._show()

    def next(self) -> None:
        self.move(1)

    def previous(self) -> None:
        self.move(-1)

    def first(self) -> None:
        self.move(-len(self.cursor.steps))

    def last(self) -> None:
        self.move(len(self.cursor.steps))

    def current_event(self) -> str | None:
        step = self.cursor.current
        return step.item_id if step and step.kind == "event" else None

    def focus_target(self) -> QWidget:
        return self.card

    def _scope_chosen(self, _index: int) -> None:
        self.start(self.current_scope(), at=self.current_event())

    def _show(self) -> None:
        step = self.cursor.current
        card = card_for(self.data, step, self.ctx.content.reference) if step else None
        if card is None:
            self.position.setText("No events in this story")
            self.card.headline.setText("Nothing to show")
            self.card.body.set_content("")
            self.previous_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        position = self.cursor.position()
        scope = self.current_scope()
        label = scope.label
        if self.known_by is not None and scope.kind != "filtered":
            label += f", known by {self.known_by}"
        self.card.set_card(card, f"{label} · {position}")
        self.position.setText(position)
        self.position.setAccessibleName(f"Card {position}")
        for button, at_end in ((self.previous_button, self.cursor.at_start),
                               (self.next_button, self.cursor.at_end)):
            if at_end and button.hasFocus():  # keep focus (and the keys) in story mode
                self.card.setFocus()
            button.setEnabled(not at_end)
        if step.kind == "event":
            self.event_shown.emit(step.item_id)
