"""The quiz start screen: one click for ten mixed questions, or a session set up in detail.

Passive: the presenter fills it (`set_sources`, `set_topic_counts`, `set_due`, `offer_resume`,
`set_match_count`) and listens to its signals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.model import DIFFICULTIES, QUESTION_TYPES, TOPICS, SessionConfig
from desktop.core.quiz.selection import FILTERS
from desktop.quiz.keys import enter_clicks_buttons
from desktop.widgets.flow_layout import flow_container
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.scroll_page import scrolling_page

MODE_CHOICES = (
    ("tutor", "&Tutor", "Feedback, rationales and sources after every answer"),
    ("exam", "E&xam", "No feedback until the end; optional countdown; mark and move freely"),
    ("review", "Spaced &review", "Questions you missed, marked or bookmarked, when they are due "
                                 "(FSRS schedule)"),
    ("practice", "Practice &missed", "The same questions at any time, without changing the "
                                     "schedule"),
)
DEFAULT_COUNT = 10


def _pair(label: QLabel, field: QWidget) -> QWidget:
    """A label and its field, kept together on one line of a wrapping row."""
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 12, 0)
    line.addWidget(label)
    line.addWidget(field)
    return holder


class StartPage(QWidget):
    """Signals:
        start_requested(object): a SessionConfig.
        config_changed(object): the SessionConfig being set up (to count matches).
        resume_requested(), discard_requested(), progress_requested()
    """

    start_requested = Signal(object)
    config_changed = Signal(object)
    resume_requested = Signal()
    discard_requested = Signal()
    progress_requested = Signal()
    insights_requested = Signal()
    settings_requested = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quiz_start_page")
        layout = scrolling_page(self, (28, 20), 12)

        title = QLabel("Quiz")
        title.setProperty("role", "heading")
        set_relative_font(title, 1.8, bold=True)
        layout.addWidget(title)
        intro = QLabel("Test yourself on the history, mechanism and clinical use of the IMiDs. "
                       "Every answer is saved as you give it; questions you miss come back "
                       "for spaced review.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.resume_box = QFrame()
        self.resume_box.setProperty("role", "card")
        resume_layout = QHBoxLayout(self.resume_box)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_button = QPushButton("Res&ume")
        self.resume_button.setAccessibleName("Resume the unfinished session")
        self.resume_button.clicked.connect(self.resume_requested)
        self.discard_button = QPushButton("&Discard")
        self.discard_button.setAccessibleName("Discard the unfinished session")
        self.discard_button.clicked.connect(self.discard_requested)
        resume_layout.addWidget(self.resume_label, 1)
        resume_layout.addWidget(self.resume_button)
        resume_layout.addWidget(self.discard_button)
        self.resume_box.hide()
        layout.addWidget(self.resume_box)

        self.quick_button = QPushButton(f"Start {DEFAULT_COUNT} mixed questions")
        self.quick_button.setObjectName("quiz_quick_start")
        self.quick_button.setAccessibleName(f"Start {DEFAULT_COUNT} mixed questions")
        self.quick_button.setAccessibleDescription(
            "A tutor session over every topic, type and difficulty")
        set_relative_font(self.quick_button, 1.2, bold=True)
        self.quick_button.clicked.connect(self._quick_start)
        self.due_label = QLabel()
        self.due_label.setAccessibleName("Reviews due")
        self.due_label.setWordWrap(True)
        self.progress_button = QPushButton("&Progress and statistics")
        self.progress_button.setAccessibleName("Show progress and statistics")
        self.progress_button.clicked.connect(self.progress_requested)
        # Rows wrap (flow layouts) so nothing runs off the right edge at large text.
        quick = flow_container([self.quick_button, self.due_label, self.progress_button])
        layout.addWidget(quick)

        from desktop.quiz.study_now_panel import StudyNowPanel

        self.study_now = StudyNowPanel(ctx)
        self.insights_button = QPushButton("Stat&istics and study plan")
        self.insights_button.setAccessibleName("Statistics and study plan")
        self.insights_button.setToolTip("Your items, weak areas with what to read, and this "
                                        "week's plan")
        self.insights_button.clicked.connect(self.insights_requested)
        self.settings_button = QPushButton("Review settings…")
        self.settings_button.setAccessibleName("Review settings")
        self.settings_button.clicked.connect(self.settings_requested)
        layout.addWidget(flow_container([self.study_now, self.insights_button,
                                         self.settings_button]))

        setup = QGroupBox("Or set up a session")
        grid = QGridLayout(setup)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout.addWidget(setup)

        mode_box = QVBoxLayout()
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for n, (key, label, help_text) in enumerate(MODE_CHOICES):
            button = QRadioButton(label)
            button.setToolTip(help_text)
            button.setAccessibleDescription(help_text)
            self.mode_group.addButton(button, n)
            self.mode_buttons[key] = button
            row = QHBoxLayout()
            row.addWidget(button)
            hint = QLabel(help_text)
            hint.setProperty("role", "muted")
            hint.setWordWrap(True)
            row.addWidget(hint, 1)
            mode_box.addLayout(row)
        self.mode_buttons["tutor"].setChecked(True)
        self.mode_group.idToggled.connect(lambda _id, on: on and self._changed())
        grid.addWidget(self._heading("Mode"), 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(mode_box, 0, 1, 1, 3)

        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(DEFAULT_COUNT)
        self.count.setAccessibleName("Number of questions")
        self.count.valueChanged.connect(self._changed)
        self.time_limit = QSpinBox()
        self.time_limit.setRange(0, 300)
        self.time_limit.setSpecialValueText("no countdown")
        self.time_limit.setSuffix(" min")
        self.time_limit.setAccessibleName("Exam countdown in minutes")
        self.time_limit.valueChanged.connect(self._changed)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Which questions")
        for key, label in FILTERS.items():
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(self._changed)
        count_label = QLabel("&Questions:")
        count_label.setBuddy(self.count)
        limit_label = QLabel("Exam &countdown:")
        limit_label.setBuddy(self.time_limit)
        filter_label = QLabel("F&ilter:")
        filter_label.setBuddy(self.filter)
        row = flow_container([_pair(count_label, self.count),
                              _pair(limit_label, self.time_limit),
                              _pair(filter_label, self.filter)])
        grid.addWidget(self._heading("Session"), 1, 0)
        grid.addWidget(row, 1, 1, 1, 3)

        self.topic_boxes = self._checks(grid, 2, "Topics", TOPICS)
        self.difficulty_boxes = self._checks(grid, 3, "Difficulty", DIFFICULTIES)
        self.type_boxes = self._checks(grid, 4, "Types", QUESTION_TYPES)
        self.source_boxes: dict[str, QCheckBox] = {}
        sources = flow_container([])
        self.sources_row = sources.layout()
        grid.addWidget(self._heading("Sources"), 5, 0)
        grid.addWidget(sources, 5, 1, 1, 3)

        start_row = QHBoxLayout()
        self.match_label = QLabel()
        self.match_label.setAccessibleName("Matching questions")
        self.match_label.setWordWrap(True)
        self.start_button = QPushButton("&Start session")
        self.start_button.setObjectName("quiz_start")
        self.start_button.setAccessibleName("Start the session set up above")
        self.start_button.clicked.connect(lambda: self.start_requested.emit(self.config()))
        start_row.addWidget(self.match_label, 1)
        start_row.addWidget(self.start_button)
        grid.addLayout(start_row, 6, 0, 1, 4)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Quiz message")
        layout.addWidget(self.message_label)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(lambda: self.config_changed.emit(self.config()))
        self._defaults: tuple | None = None
        self._apply_defaults()
        self._sync_enabled()
        enter_clicks_buttons(self)

    def _apply_defaults(self) -> None:
        """The session set-up starts from File > Preferences' quiz defaults (again whenever
        they have changed there since; the person's own changes here are kept otherwise)."""
        settings = self.ctx.settings
        defaults = (settings.quiz_mode, settings.quiz_question_count,
                    settings.quiz_exam_minutes)
        if defaults == self._defaults:
            return
        self._defaults = defaults
        mode, count, minutes = defaults
        if mode in self.mode_buttons:
            self.mode_buttons[mode].setChecked(True)
        self.count.setValue(count)
        self.time_limit.setValue(minutes)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._apply_defaults()

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "heading")
        return label

    def _checks(self, grid: QGridLayout, row: int, heading: str,
                labels: dict[str, str]) -> dict[str, QCheckBox]:
        boxes = {}
        for key, label in labels.items():
            box = QCheckBox(label)
            box.setChecked(True)
            box.setAccessibleName(f"{heading}: {label}")
            box.toggled.connect(self._changed)
            boxes[key] = box
        grid.addWidget(self._heading(heading), row, 0)
        grid.addWidget(flow_container(list(boxes.values())), row, 1, 1, 3)
        return boxes

    # -- filled by the presenter ------------------------------------------------------------

    def set_sources(self, sources: list[tuple[str, str, bool]]) -> None:
        """(key, label, ticked) for every registered question source."""
        for box in self.source_boxes.values():
            box.setParent(None)
            box.deleteLater()
        self.source_boxes = {}
        for key, label, ticked in sources:
            box = QCheckBox(label)
            box.setChecked(ticked)
            box.setProperty("default", ticked)
            box.setAccessibleName(f"Source: {label}")
            box.toggled.connect(self._changed)
            self.sources_row.addWidget(box)
            box.show()
            self.source_boxes[key] = box
        self.sources_row.invalidate()

    def set_topic_counts(self, counts: dict[str, int]) -> None:
        for key, box in self.topic_boxes.items():
            box.setText(f"{TOPICS[key]} ({counts.get(key, 0)})")

    def set_due(self, due: int, cards: int) -> None:
        if due:
            text = f"{due} question{'s' if due != 1 else ''} due for review"
        elif cards:
            text = "Nothing due for review right now"
        else:
            text = "Missed questions will come back here for review"
        self.due_label.setText(f"  {text}")
        self.mode_buttons["review"].setText(f"Spaced &review ({due} due)")

    def offer_resume(self, text: str | None) -> None:
        self.resume_box.setVisible(bool(text))
        self.resume_label.setText(text or "")

    def set_match_count(self, n: int, note: str = "") -> None:
        self.match_label.setText(f"{n} question{'s' if n != 1 else ''} match" +
                                 (f" · {note}" if note else ""))
        self.start_button.setEnabled(n > 0)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    # -- reading it -------------------------------------------------------------------------

    def mode(self) -> str:
        return next(k for k, b in self.mode_buttons.items() if b.isChecked())

    def config(self) -> SessionConfig:
        """The session set up on the screen."""
        def ticked(boxes: dict[str, QCheckBox]) -> tuple[str, ...]:
            return tuple(k for k, b in boxes.items() if b.isChecked())

        return SessionConfig(
            mode=self.mode(), count=self.count.value(), topics=ticked(self.topic_boxes),
            difficulties=ticked(self.difficulty_boxes), types=ticked(self.type_boxes),
            filter=self.filter.currentData(), sources=ticked(self.source_boxes),
            time_limit_min=self.time_limit.value() if self.mode() == "exam" else 0)

    def default_config(self) -> SessionConfig:
        """The one-click session: tutor, ten questions, everything mixed."""
        return SessionConfig(mode="tutor", count=DEFAULT_COUNT,
                             sources=tuple(k for k, b in self.source_boxes.items()
                                           if b.property("default")))

    def _quick_start(self) -> None:
        self.start_requested.emit(self.default_config())

    def _changed(self, *_args) -> None:
        self._sync_enabled()
        self._timer.start()

    def _sync_enabled(self) -> None:
        mode = self.mode()
        self.time_limit.setEnabled(mode == "exam")
        self.filter.setEnabled(mode in ("tutor", "exam"))

    def focus_target(self) -> QWidget:
        return self.resume_button if self.resume_box.isVisible() else self.quick_button
