"""The first-start tour: a band above the views that walks a new user through them.

Each step is a section of the guide (desktop/core/guide.py) and shows the view it describes
below the band, so the user sees what the text talks about. The band never takes the keyboard
focus by itself (the views' keys keep working); it is dismissed for the session ("Close the
tour") or for good ("Don't show again", or finishing the last step), which the main window
remembers in the settings.

Signals:
    view_requested(str): show this view (a main-window view key, or "glossary").
    closed(bool): the tour was closed; True when it should not come back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QPushButton, QVBoxLayout, QWidget

from desktop.core.guide import SECTIONS, GuideSection
from desktop.widgets.flow_layout import FlowLayout
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.wrap_label import WrapLabel

#: The tour's steps: every guide section that describes a part of the main window.
TOUR: tuple[GuideSection, ...] = tuple(s for s in SECTIONS if s.view) + tuple(
    s for s in SECTIONS if not s.view and s.key == "data")


class TourPanel(QFrame):
    view_requested = Signal(str)
    closed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tour_panel")
        self.setProperty("role", "card")
        self.setAccessibleName("Welcome tour")
        self.step = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(4)
        self.heading = WrapLabel()
        self.heading.setObjectName("tour_heading")
        self.heading.setProperty("role", "heading")
        self.heading.setAccessibleName("Tour step")
        set_relative_font(self.heading, 1.05, bold=True)
        self.text = WrapLabel()
        self.text.setObjectName("tour_text")
        self.text.setAccessibleName("Tour text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = QPushButton("‹ Previous tip")
        self.back_button.setAccessibleName("Previous tip")
        self.back_button.clicked.connect(lambda: self.go(self.step - 1))
        self.next_button = QPushButton("Next tip ›")
        self.next_button.setAccessibleName("Next tip")
        self.next_button.clicked.connect(self._next)
        self.close_button = QPushButton("Close the tour")
        self.close_button.setAccessibleName("Close the tour")
        self.close_button.setToolTip("Hide the tour until the next start "
                                     "(Help > Welcome tour shows it again)")
        self.close_button.clicked.connect(lambda: self._close(False))
        self.never_button = QPushButton("Don't show it again")
        self.never_button.setAccessibleName("Don't show the tour again")
        self.never_button.setToolTip("Hide the tour for good (Help > Welcome tour shows it "
                                     "again)")
        self.never_button.clicked.connect(lambda: self._close(True))
        buttons = FlowLayout()
        for button in (self.back_button, self.next_button, self.close_button,
                       self.never_button):
            buttons.addWidget(button)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addLayout(buttons)

    def start(self) -> None:
        """Show the first step (and its view)."""
        self.show()
        self.go(0)

    def go(self, step: int) -> None:
        """Show step `step` (clamped to the tour) and ask for its view."""
        self.step = max(0, min(step, len(TOUR) - 1))
        part = TOUR[self.step]
        self.heading.setText(f"Welcome to IMiD Atlas · {self.step + 1} of {len(TOUR)}: "
                             f"{part.title}")
        keys = " · ".join(f"{row.text} {row.does}" for row in part.keys()[:2])
        # Short: the band must leave the view below it room at 200% text (Help > Guide has
        # the whole text).
        self.text.setText(part.purpose + (f"\nKeys: {keys}" if keys else ""))
        self.back_button.setEnabled(self.step > 0)
        last = self.step == len(TOUR) - 1
        self.next_button.setText("Finish the tour" if last else "Next tip ›")
        self.next_button.setAccessibleName("Finish the tour" if last else "Next tip")
        self.setAccessibleDescription(self.heading.text())
        if part.view:
            self.view_requested.emit(part.view)

    def _next(self) -> None:
        if self.step == len(TOUR) - 1:
            self._close(True)  # finished: it has been seen
        else:
            self.go(self.step + 1)

    def _close(self, forever: bool) -> None:
        self.hide()
        self.closed.emit(forever or False)  # the main window puts the focus in the view
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus) and self.parentWidget() is not None:
            self.parentWidget().setFocus()  # never left on a hidden button
