"""Home: what IMiD Atlas covers, where to start, and what is due for review."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.views import AtlasView
from desktop.widgets.flow_layout import FlowLayout
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.scroll_page import scrolling_page

#: One click each on Home: a search a new student is likely to want.
POPULAR_TOPICS = ("Thalidomide disaster", "Cereblon", "Lenalidomide", "IKZF1", "Resistance",
                  "CELMoDs")

START_CARDS = (
    ("library", "Read the study notes",
     "Five core papers and reviews explained: what each argued and what has changed since."),
    ("timeline", "Walk the timeline",
     "From the 1950s sedative and the birth-defect disaster to cereblon and the CELMoDs."),
    ("quiz", "Test yourself",
     "Ten mixed questions with explanations; your progress is saved as you answer."),
    ("glossary", "Look up a term",
     "Cereblon, neosubstrate, IKZF1, VGPR: every term defined and linked (F2)."),
)


class HomeView(AtlasView):
    """The landing page. Cards are buttons, so the page works from the keyboard."""

    view_key = "home"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = scrolling_page(self, (32, 24), 14)

        title = QLabel("IMiD Atlas")
        title.setProperty("role", "heading")
        title.setAccessibleName("IMiD Atlas")
        self._scale(title, 2.0)
        layout.addWidget(title)

        intro = QLabel(
            "How the immunomodulatory drugs went from the thalidomide disaster to a cornerstone "
            "of multiple-myeloma treatment, and how they work: cereblon, the CRL4 ligase, "
            "neosubstrate degradation, immune effects and resistance. Everything here works "
            "offline."
        )
        intro.setWordWrap(True)
        self._scale(intro, 1.15)
        layout.addWidget(intro)

        # The counts and the review line are filled just after the first paint (`_fill`):
        # the window appears at once and they follow within a few milliseconds.
        self.summary = QLabel()
        self.summary.setAccessibleName("What the atlas holds")
        self.summary.setProperty("role", "muted")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setAccessibleName("Review status")
        layout.addWidget(self.due_label)
        # "Study now" and its counts are built just after the first paint (_fill), so
        # start-up never waits for them. Under what is due, above the search: at
        # large text it stays in view without scrolling.
        self.study_slot = QVBoxLayout()
        self.study_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.study_slot)
        self.study_now = None

        # Find a topic: the toolbar search, started from here (Enter shows the results under
        # the search field, where Up/Down and Enter choose one).
        find_row = FlowLayout(spacing=8)
        find_label = QLabel("&Find a topic:")
        self.find_field = QLineEdit()
        self.find_field.setObjectName("home_find")
        self.find_field.setAccessibleName("Find a topic")
        self.find_field.setAccessibleDescription(
            "Type a drug, a protein, a trial or a year and press Enter to see the notes, "
            "events, terms and questions about it")
        self.find_field.setPlaceholderText("a drug, a protein, a trial, a year… then Enter")
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.find_field.returnPressed.connect(self._find)
        find_label.setBuddy(self.find_field)
        find_button = QPushButton("Search")
        find_button.setAccessibleName("Search for the topic")
        find_button.clicked.connect(self._find)
        find_row.addWidget(find_label)
        find_row.addWidget(self.find_field, stretch=1)
        find_row.addWidget(find_button)
        layout.addLayout(find_row)
        topics = FlowLayout(spacing=6)
        topics_label = QLabel("Popular topics:")
        topics_label.setProperty("role", "muted")
        topics.addWidget(topics_label)
        self.topic_buttons: dict[str, QPushButton] = {}
        for topic in POPULAR_TOPICS:
            button = QPushButton(topic)
            button.setAccessibleName(f"Find {topic}")
            button.setToolTip(f"Search everything for {topic}")
            button.clicked.connect(lambda _=False, t=topic: self.ctx.navigator.search(t))
            topics.addWidget(button)
            self.topic_buttons[topic] = button
        layout.addLayout(topics)

        self.grid = QGridLayout()
        self.grid.setSpacing(12)

        self.card_buttons: dict[str, QPushButton] = {}
        self.cards = [self._card(target, heading, text)
                      for target, heading, text in START_CARDS]
        self._columns = 0
        self._place_cards(2)
        layout.addLayout(self.grid)

        notice = QLabel(
            "For education only. IMiD Atlas explains the science and history of these drugs; "
            "it is not medical advice and gives no dosing recommendations."
        )
        notice.setWordWrap(True)
        notice.setProperty("role", "muted")
        layout.addWidget(notice)
        layout.addStretch(1)
        self.setAccessibleName("Home")

    @staticmethod
    def _scale(label: QLabel, factor: float) -> None:
        set_relative_font(label, factor, bold=label.property("role") == "heading")

    def _card(self, target: str, heading: str, text: str) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 14, 16, 14)
        title = QLabel(heading)
        title.setProperty("role", "heading")
        self._scale(title, 1.2)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setProperty("role", "muted")
        button = QPushButton(heading)
        button.setAccessibleName(heading)
        button.setAccessibleDescription(text)
        button.clicked.connect(lambda _=False, t=target: self._go(t))
        layout.addWidget(title)
        layout.addWidget(body, 1)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.card_buttons[target] = button
        return card

    def _place_cards(self, columns: int) -> None:
        """Two columns of cards, or one when two would not fit (large text, small window)."""
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        widest = max(card.minimumSizeHint().width() for card in self.cards)
        room = self.width() - 2 * 32 - self.grid.spacing() - 24  # page margins, scroll bar
        self._place_cards(2 if room >= 2 * widest else 1)

    def _go(self, target: str) -> None:
        if target == "glossary":
            self.ctx.navigator.show_view("glossary")
        else:
            self.ctx.navigator.show_view(target)

    def on_activated(self) -> None:
        # The counts and the quiz's study statistics load after the window's first paint.
        self.ctx.navigator.after_first_paint(self, self._fill)

    def _fill(self) -> None:
        meta = self.ctx.content.meta
        counts = self.ctx.content.counts()
        self.summary.setText(
            f"{counts['documents']} study notes · {counts['references']} references · "
            f"{counts['events']} timeline events · {counts['terms']} glossary terms · "
            f"{counts['questions']} questions · content as of "
            f"{_month(meta.get('content_as_of', ''))}"
        )
        self.due_label.setText(self._due_text())
        if self.study_now is None:
            from desktop.quiz.study_now_panel import StudyNowPanel

            self.study_now = StudyNowPanel(self.ctx)
            self.study_slot.addWidget(self.study_now)
        self.study_now.refresh()

    def _due_text(self) -> str:
        user = self.ctx.user
        if user is None:
            return ""
        try:
            from desktop.core.quiz.review_status import due_summary
        except ImportError:
            return ""
        return due_summary(user)

    def focus_target(self):
        return self.find_field

    def _find(self) -> None:
        text = self.find_field.text().strip()
        if text:
            self.ctx.navigator.search(text)
        else:
            self.find_field.setFocus()


def _month(as_of: str) -> str:
    from db.dates import format_partial_date, parse_partial_date

    try:
        return format_partial_date(parse_partial_date(as_of))
    except ValueError:
        return as_of or "unknown"
