""""Study now": a button with today's due and new counts, on Home and the quiz start page.

One click starts the review session (`ctx.navigator.open("study", "now")`, which the Quiz
view handles). The counts are computed by `desktop.core.quiz.study_now` when `refresh()` is
called: Home calls it after its first paint, so start-up never waits for them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.widgets.fonts import set_relative_font


class StudyNowPanel(QWidget):
    """The "Study now" button and its counts."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("study_now_panel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton("Study now")
        self.button.setObjectName("study_now_button")
        self.button.setAccessibleName("Study now")
        self.button.setToolTip("Review what is due and today's new cards in one session")
        set_relative_font(self.button, 1.1, bold=True)
        self.button.clicked.connect(self.study)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("study_now_counts")
        self.counts_label.setAccessibleName("Study now counts")
        self.counts_label.setWordWrap(True)
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.button)
        layout.addWidget(self.counts_label, 1)
        self.counts = None

    def refresh(self) -> None:
        """Count what is due and new now (a few indexed queries)."""
        user = self.ctx.user
        if user is None:
            self.counts_label.setText("Reviews need a progress database.")
            self.button.setEnabled(False)
            return
        from desktop.core.quiz.study_now import study_counts

        try:
            self.counts = study_counts(user, self.ctx.content)
        except Exception as exc:  # a damaged database must not take Home down
            self.counts_label.setText(f"Reviews could not be counted: {exc}")
            self.button.setEnabled(False)
            return
        c = self.counts
        if c.total:
            text = (f"{c.due} due for review · {c.new} new card{'s' if c.new != 1 else ''} "
                    "today")
        elif c.new_waiting:
            text = (f"Nothing due; today's {c.new_per_day} new cards are done "
                    f"({c.new_waiting} waiting for the coming days).")
        else:
            text = "Nothing due: cards you miss, add or learn come back here."
        self.counts_label.setText(text)
        self.button.setEnabled(bool(c.total))
        self.button.setAccessibleDescription(text)

    def study(self) -> None:
        self.ctx.navigator.open("study", "now")
