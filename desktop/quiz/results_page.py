"""End of a session: score, time, results per topic, and every question to review."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.session import SessionResult
from desktop.core.render import escape
from desktop.quiz.keys import enter_clicks_buttons
from desktop.widgets.flow_layout import flow_container
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.rich_text import RichTextBrowser
from desktop.widgets.safe_text import set_plain
from desktop.widgets.scroll_page import scrolling_page
from desktop.widgets.search_popup import ROLE_HTML, HtmlDelegate

#: Each result mark's colour class and its words (for screen readers).
MARK_CLASSES = {"✓": "good", "◐": "warn", "✗": "bad", "–": "muted"}
MARK_WORDS = {"✓": "right", "◐": "partly right", "✗": "wrong", "–": "not answered"}


@dataclass
class ResultsScreen:
    heading: str
    result: SessionResult
    topic_labels: dict[str, str]
    #: One line per question: (status mark, text), in session order.
    rows: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class ResultsPage(QWidget):
    """Signals:
        question_selected(int): show the review of question n (0-based).
        retry_requested(): a tutor session on the missed questions.
        new_session_requested(), progress_requested()
    """

    question_selected = Signal(int)
    retry_requested = Signal()
    new_session_requested = Signal()
    progress_requested = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quiz_results_page")
        layout = scrolling_page(self, (20, 14), 6)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        set_relative_font(self.heading, 1.5, bold=True)
        self.score_label = QLabel()
        self.score_label.setAccessibleName("Score")
        self.score_label.setWordWrap(True)
        set_relative_font(self.score_label, 1.25, bold=True)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setProperty("role", "muted")
        layout.addWidget(self.heading)
        layout.addWidget(self.score_label)
        layout.addWidget(self.note_label)

        self.retry_button = QPushButton("&Retry the missed ones")
        self.retry_button.setAccessibleName("Retry the missed questions")
        self.retry_button.clicked.connect(self.retry_requested)
        self.new_button = QPushButton("&New session")
        self.new_button.setAccessibleName("Back to the start screen")
        self.new_button.clicked.connect(self.new_session_requested)
        self.progress_button = QPushButton("&Progress")
        self.progress_button.setAccessibleName("Show progress and statistics")
        self.progress_button.clicked.connect(self.progress_requested)
        layout.addWidget(flow_container([self.retry_button, self.new_button,
                                         self.progress_button]))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.topics = QTableWidget(0, 4)
        self.topics.setObjectName("quiz_results_topics")
        self.topics.setAccessibleName("Results per topic")
        self.topics.setHorizontalHeaderLabels(["Topic", "Questions", "Correct", "Score"])
        self.topics.verticalHeader().hide()
        self.topics.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.topics.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.topics.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.questions = QListWidget()
        self.questions.setObjectName("quiz_results_questions")
        self.questions.setAccessibleName("Questions in this session")
        self.questions.setAccessibleDescription("Choose one to see its answer and explanation")
        self.questions.setWordWrap(True)
        # Each row's mark in the theme's colour as well as its symbol (✓ ◐ ✗ –).
        self.questions.setItemDelegate(HtmlDelegate(self.questions, self._marks_css))
        self.questions.currentRowChanged.connect(
            lambda row: row >= 0 and self.question_selected.emit(row))
        questions_label = QLabel("&Questions (choose one to review it)")
        questions_label.setBuddy(self.questions)
        left_layout.addWidget(self.topics)
        left_layout.addWidget(questions_label)
        left_layout.addWidget(self.questions, 1)
        self.review = RichTextBrowser(ctx, accessible_name="Question review")
        self.review.setObjectName("quiz_results_review")
        splitter.addWidget(left)
        splitter.addWidget(self.review)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        enter_clicks_buttons(self)

    def show_results(self, screen: ResultsScreen) -> None:
        result = screen.result
        set_plain(self.heading, screen.heading)
        self.score_label.setText(f"{result.score.text} · time {_duration(result.duration_s)}")
        set_plain(self.note_label, screen.note)
        self.note_label.setVisible(bool(screen.note))
        self.topics.setRowCount(len(result.per_topic))
        for row, topic in enumerate(result.per_topic):
            values = (screen.topic_labels.get(topic.topic, topic.topic), str(topic.questions),
                      str(topic.correct), f"{topic.percent}%")
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                self.topics.setItem(row, column, cell)
        header = self.topics.horizontalHeader().height()
        self.topics.setFixedHeight(header + sum(self.topics.rowHeight(r) for r in range(
            self.topics.rowCount())) + 2 * self.topics.frameWidth() + 2)
        self.questions.blockSignals(True)
        self.questions.clear()
        for n, (mark, text) in enumerate(screen.rows):
            entry = QListWidgetItem(f"{mark} {n + 1}. {text}")
            entry.setData(ROLE_HTML, f'<span class="{MARK_CLASSES.get(mark, "muted")}">'
                                     f"<b>{mark}</b></span> {n + 1}. {escape(text)}")
            entry.setData(Qt.ItemDataRole.AccessibleTextRole,
                          f"Question {n + 1}, {MARK_WORDS.get(mark, '')}: {text}")
            self.questions.addItem(entry)
        self.questions.blockSignals(False)
        self.retry_button.setEnabled(bool(result.missed))
        self.retry_button.setText(f"&Retry the missed ones ({len(result.missed)})")
        self.review.set_content("<p class='muted'>Choose a question on the left to see your "
                                "answer, every option's rationale and the explanation.</p>")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Side by side when there is room for both; the review below the list when the
        # window is narrow or the text large (no topic name cut to "Clinic…").
        em = self.fontMetrics().horizontalAdvance("M")
        wanted = Qt.Orientation.Horizontal if self.width() >= 62 * em else \
            Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
        # Stacked, the list and the review keep a readable height and the page scrolls.
        lines = self.fontMetrics().height()
        stacked = wanted == Qt.Orientation.Vertical
        self.questions.setMinimumHeight(lines * (8 if stacked else 5))
        self.review.setMinimumHeight(lines * (14 if stacked else 8))

    def _marks_css(self) -> str:
        c = self.ctx.theme.colors
        return (f".good {{ color: {c.good}; }} .bad {{ color: {c.bad}; }} "
                f".warn {{ color: {c.warn}; }} .muted {{ color: {c.muted}; }}")

    def show_review(self, row: int, html: str) -> None:
        if self.questions.currentRow() != row:
            self.questions.blockSignals(True)
            self.questions.setCurrentRow(row)
            self.questions.blockSignals(False)
        self.review.set_content(html)

    def focus_target(self) -> QWidget:
        return self.retry_button if self.retry_button.isEnabled() else self.new_button
