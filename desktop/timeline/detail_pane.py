"""The detail pane beside the timeline chart: one event in full, with "Quiz me on this"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.widgets.flow_layout import FlowLayout
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.rich_text import RichTextBrowser


class EventDetailPane(QFrame):
    """Date, headline, text with linked terms, sources, related terms and the dispute note.

    Signals:
        quiz_requested(str): "Quiz me on this" for the event id shown.
        story_requested(str): "Story from here" for the event id shown.
        close_requested(): the pane's Close button (or Esc inside it).
    """

    quiz_requested = Signal(str)
    story_requested = Signal(str)
    close_requested = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline_detail")
        self.setAccessibleName("Event details")
        self.event_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        header = QHBoxLayout()
        self.title = QLabel("Event details")
        set_relative_font(self.title, 1.1, bold=True)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the event details")
        self.close_button.setToolTip("Close the details (Esc)")
        self.close_button.clicked.connect(self.close_requested)
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        layout.addLayout(header)
        self.browser = RichTextBrowser(ctx, accessible_name="Event text, sources and terms")
        self.browser.setObjectName("timeline_detail_text")
        # two lines at least (not Qt's 70 px): at 200% text on 1024x768 the chart above keeps
        # its lanes; the text scrolls
        self.browser.setMinimumHeight(self.browser.fontMetrics().lineSpacing() * 2 + 8)
        layout.addWidget(self.browser, 1)
        buttons = FlowLayout()  # wraps at large text instead of widening the window
        self.quiz_button = QPushButton("Quiz me on this")
        self.quiz_button.setObjectName("timeline_quiz_button")
        self.quiz_button.clicked.connect(lambda: self.event_id and
                                         self.quiz_requested.emit(self.event_id))
        self.story_button = QPushButton("Story from here")
        self.story_button.setAccessibleName("Start story mode at this event")
        self.story_button.clicked.connect(lambda: self.event_id and
                                          self.story_requested.emit(self.event_id))
        buttons.addWidget(self.quiz_button)
        buttons.addWidget(self.story_button)
        layout.addLayout(buttons)
        self.show_nothing()

    def show_event(self, event_id: str, html: str, question_count: int) -> None:
        """Show an event (`html` from `desktop.core.timeline.data.event_detail_html`)."""
        self.event_id = event_id
        self.browser.set_content(html)
        self.browser.verticalScrollBar().setValue(0)
        self.quiz_button.setEnabled(question_count > 0)
        if question_count:
            self.quiz_button.setText(f"Quiz me on this ({question_count})")
            self.quiz_button.setToolTip(
                f"Practise the {question_count} question{'s' if question_count != 1 else ''} "
                "that cite this event or its sources")
        else:
            self.quiz_button.setText("Quiz me on this")
            self.quiz_button.setToolTip("No question cites this event or its sources yet")
        self.quiz_button.setAccessibleName(self.quiz_button.text())
        self.story_button.setEnabled(True)

    def show_nothing(self) -> None:
        self.event_id = None
        self.browser.set_content(
            '<p class="muted">Click an event on the chart, or choose one in the list, to read '
            "about it here.</p>")
        self.quiz_button.setEnabled(False)
        self.story_button.setEnabled(False)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
