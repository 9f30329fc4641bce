"""The page that shows one question: stem, answer area, feedback, and the session's controls.

Passive: `show_question(screen)` shows what the presenter computed; every user action is a
signal. Keys (active while the page has focus):

    1-9, A-I     choose an option (toggle in multi-select; pick a match). Ordering: the
                 letters put the items in order (typed first to last), 1-9 select the item
                 at that place to move. Option letters always win: F is option F.
    Ctrl+Up/Down move the selected item (ordering)
    Space        tick or untick the focused option in multi-select
    Enter        submit; after feedback, go on (in an exam: save and go to the next);
                 on a focused button, that button
    Ctrl+B       bookmark (plain B too once the answer is shown, since B is also option B)
    R            report an error in the question (kept on this computer; File > Export)
    M            mark for review      P  pause / resume
    PgUp / PgDn  previous / next question (exam)      Ctrl+Enter  finish the exam

In an exam the answer on screen is the answer: every change is saved at once
(`answer_changed`), so a choice never confirmed with Enter still counts when the exam ends.
Tab goes through the answers first, then Previous, Next, Save and Finish.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.quiz.model import Item
from desktop.core.quiz.scoring import Score
from desktop.core.shortcuts import key_sequences, keys_text, with_keys
from desktop.quiz.answer_widgets import AnswerWidget, answer_widget_for
from desktop.quiz.keys import enter_clicks_buttons
from desktop.widgets.flow_layout import flow_container
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.keys import SHORTCUT_ID
from desktop.widgets.rich_text import RichTextBrowser
from desktop.widgets.safe_text import set_plain

#: The option letters the keyboard picks with (1-9 pick the same options by number).
OPTION_LETTERS = "ABCDEFGHI"
FLAG_PROMPT = ("What is wrong with this question? Your note is kept on this computer only, "
               "in your progress file; nothing is sent anywhere.\nTo pass your reports to a "
               "teacher, use File > Export > Question error reports as CSV.")


class AutoHeightBrowser(RichTextBrowser):
    """A RichTextBrowser as tall as its text (the page scrolls, not the browser)."""

    def __init__(self, ctx, parent=None, accessible_name: str = ""):
        super().__init__(ctx, parent, accessible_name)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 6
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


class QuestionStrip(QListWidget):
    """The exam's row of question numbers ("6 ●", "7 ○ ⚑"), wrapped onto as many lines as
    the width needs, up to two (one when the page is short of room); beyond that it scrolls
    (never a line cut off), keeping the current question in view."""

    def __init__(self, parent=None):
        super().__init__(parent)
        #: Lines shown before the strip scrolls (one when the page is short of room).
        self.max_lines = 2
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def cell(self) -> QSize:
        metrics = self.fontMetrics()
        digits = "8" * len(str(max(self.count(), 1)))
        return QSize(metrics.horizontalAdvance(f"{digits} ● ⚑") + metrics.averageCharWidth() * 2,
                     metrics.height() + 10)

    def lines_needed(self, width: int) -> int:
        per_line = max(1, width // self.cell().width())
        return max(1, -(-self.count() // per_line))

    def fit(self) -> None:
        """Height for the lines the numbers need at the current width (up to `max_lines`)."""
        cell = self.cell()
        if self.gridSize() != cell:
            self.setGridSize(cell)
        frame = 2 * self.frameWidth()
        width = max(cell.width(), self.width() - frame)
        # Past max_lines a scroll bar shows the rest.
        height = self.height_for(min(self.lines_needed(width), self.max_lines))
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)
        if self.currentItem() is not None:
            self.scrollToItem(self.currentItem())

    def height_for(self, lines: int) -> int:
        """The strip's height showing `lines` whole lines of numbers."""
        return lines * self.cell().height() + 2 * self.frameWidth() + 2

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit()


@dataclass
class QuestionScreen:
    """Everything the page needs to show one question."""

    index: int
    total: int
    mode: str
    mode_label: str
    item: Item
    stem_html: str
    meta: str
    phase: str  # "answering", "feedback" or "paused"
    feedback_html: str = ""
    score: Score | None = None
    bookmarked: bool = False
    #: Exam: per question "answered", "marked", "answered marked" or "".
    nav: list[str] = field(default_factory=list)
    title: str = ""
    #: Spaced review after an answer: the grade given (the suggestion until the student
    #: changes it) and the next interval each grade would give; None outside review.
    grade: int | None = None
    intervals: dict = field(default_factory=dict)
    #: A typed answer counted wrong may be overruled ("I was right"); `overruled` once it was.
    can_overrule: bool = False
    overruled: bool = False

    @property
    def exam(self) -> bool:
        return self.mode == "exam"


class QuestionPage(QWidget):
    """Signals:
        answer_submitted(object): the response (a list, see desktop.core.quiz.model).
        answer_changed(object): exam only: the response on screen changed (None when
            nothing is chosen any more); the presenter saves it at once.
        next_requested(), previous_requested(), skip_requested(), go_to_requested(int)
        mark_toggled(), bookmark_toggled(bool), flag_submitted(str), pause_toggled()
        finish_requested(): finish the exam.    end_requested(): end the session early.
    """

    answer_submitted = Signal(object)
    answer_changed = Signal(object)
    next_requested = Signal()
    previous_requested = Signal()
    skip_requested = Signal()
    go_to_requested = Signal(int)
    mark_toggled = Signal()
    bookmark_toggled = Signal(bool)
    flag_submitted = Signal(str)
    pause_toggled = Signal()
    finish_requested = Signal()
    end_requested = Signal()
    grade_selected = Signal(int)
    overrule_requested = Signal(bool)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quiz_question_page")
        self.screen_: QuestionScreen | None = None
        self.answer_widgets: dict[str, AnswerWidget] = {}
        self.answer: AnswerWidget | None = None
        self._loading = False  # True while a question's stored answer is being shown
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 10)

        self.header = QWidget()
        self.header.setObjectName("quiz_question_header")
        top = QHBoxLayout(self.header)
        top.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel()
        self.progress_label.setProperty("role", "heading")
        self.progress_label.setAccessibleName("Question number")
        set_relative_font(self.progress_label, 1.1, bold=True)
        self.meta_label = QLabel()
        self.meta_label.setProperty("role", "muted")
        self.meta_label.setWordWrap(True)  # long topic lines wrap at large text
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName("Time")
        self.bookmark_button = QPushButton("Bookmark")
        self.bookmark_button.setCheckable(True)
        self.bookmark_button.setToolTip(with_keys("Bookmark this question", "quiz.bookmark"))
        self.bookmark_button.setAccessibleName("Bookmark this question")
        self.bookmark_button.clicked.connect(lambda on: self.bookmark_toggled.emit(on))
        self.mark_button = QPushButton("Mark for review")
        self.mark_button.setCheckable(True)
        self.mark_button.setToolTip(with_keys("Mark this question to come back to it",
                                               "quiz.mark"))
        self.mark_button.setAccessibleName("Mark for review")
        self.mark_button.clicked.connect(lambda _on: self.mark_toggled.emit())
        self.flag_button = QPushButton("Report error…")
        self.flag_button.setToolTip(
            with_keys("Report an error in this question, with a note", "quiz.flag") +
            ". Reports stay on this computer; File > Export > Question error reports "
            "writes them to a CSV file.")
        self.flag_button.setAccessibleName("Report an error in this question")
        self.flag_button.setAccessibleDescription(f"Shortcut {keys_text('quiz.flag')}")
        self.flag_button.clicked.connect(self.request_flag)
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip(with_keys("Pause or resume", "quiz.pause"))
        self.pause_button.setAccessibleName("Pause")
        self.pause_button.clicked.connect(self.pause_toggled)
        # The question number over its topic, type and mode (wrapped when narrow); the
        # buttons take the larger share and wrap onto lines of their own.
        title = QVBoxLayout()
        title.setSpacing(2)
        self.meta_label.setWordWrap(True)
        title.addWidget(self.progress_label)
        title.addWidget(self.meta_label)
        title.addStretch(1)
        top.addLayout(title, 2)
        top.addWidget(flow_container([self.timer_label, self.bookmark_button,
                                      self.mark_button, self.flag_button,
                                      self.pause_button], align_right=True), 3)
        outer.addWidget(self.header)
        outer.addSpacing(4)

        self.navigator = QuestionStrip()
        self.navigator.setObjectName("quiz_navigator")
        self.navigator.setAccessibleName("Exam questions")
        self.navigator.setAccessibleDescription(
            "Arrow keys go to another question; ● answered, ⚑ marked for review")
        self.navigator.setFlow(QListWidget.Flow.LeftToRight)
        self.navigator.setWrapping(True)
        self.navigator.setViewMode(QListWidget.ViewMode.IconMode)
        self.navigator.setMovement(QListWidget.Movement.Static)
        self.navigator.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.navigator.setUniformItemSizes(True)
        self.navigator.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.navigator.currentRowChanged.connect(self._navigator_moved)
        outer.addWidget(self.navigator)

        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 6, 8, 6)
        self.stem = AutoHeightBrowser(ctx, accessible_name="Question")
        self.stem.setObjectName("quiz_stem")
        set_relative_font(self.stem, 1.15)
        self.body_layout.addWidget(self.stem)
        # Drawings of a structure question ("Structure A" ...), built on the first such item.
        self.figures = None
        self.figures_holder = QVBoxLayout()
        self.body_layout.addLayout(self.figures_holder)
        self.answer_holder = QVBoxLayout()
        self.body_layout.addLayout(self.answer_holder)
        from desktop.quiz.recall_widgets import RecallBar

        self.recall_bar = RecallBar()
        self.recall_bar.apply_theme(ctx.theme.colors)
        self.recall_bar.grade_selected.connect(self.grade_selected)
        self.recall_bar.overrule_requested.connect(self.overrule_requested)
        self.recall_bar.hide()
        self.body_layout.addWidget(self.recall_bar)
        self.feedback = AutoHeightBrowser(ctx, accessible_name="Feedback")
        self.feedback.setObjectName("quiz_feedback")
        self.body_layout.addWidget(self.feedback)
        self.body_layout.addStretch(1)
        self.stack.addWidget(scroll)
        self.scroll = scroll

        paused = QWidget()
        paused_layout = QVBoxLayout(paused)
        paused_layout.addStretch(1)
        self.paused_label = QLabel("Paused. The clock is stopped and the question is hidden.")
        self.paused_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_label.setWordWrap(True)
        set_relative_font(self.paused_label, 1.3, bold=True)
        self.resume_button = QPushButton(f"Resume ({keys_text('quiz.pause')})")
        self.resume_button.setAccessibleName("Resume the session")
        self.resume_button.clicked.connect(self.pause_toggled)
        paused_layout.addWidget(self.paused_label)
        paused_layout.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignCenter)
        paused_layout.addStretch(2)
        self.stack.addWidget(paused)
        self.paused_panel = paused

        bottom = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setProperty("role", "muted")
        self.status_label.setAccessibleName("Quiz status")
        self.status_label.setWordWrap(True)
        self.previous_button = QPushButton("Previous")
        self.previous_button.setToolTip(
            f"Previous question ({key_sequences('quiz.exam_move')[0]})")
        self.previous_button.setAccessibleName("Previous question")
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button = QPushButton("Next")
        self.next_button.setToolTip(
            f"Next question ({key_sequences('quiz.exam_move')[1]})")
        self.next_button.setAccessibleName("Next question")
        self.next_button.clicked.connect(self.next_requested)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Leave this question unanswered and go on")
        self.skip_button.setAccessibleName("Skip this question")
        self.skip_button.clicked.connect(self.skip_requested)
        self.primary_button = QPushButton("Submit")
        self.primary_button.setAccessibleName("Submit answer")
        self.primary_button.clicked.connect(self.primary_action)
        self.finish_button = QPushButton("Finish exam")
        self.finish_button.setToolTip(with_keys("Finish and see the results",
                                                 "quiz.exam_finish"))
        self.finish_button.setAccessibleName("Finish the exam")
        self.finish_button.clicked.connect(self.finish_requested)
        self.end_button = QPushButton("End session")
        self.end_button.setToolTip("Stop here and see the results so far")
        self.end_button.setAccessibleName("End the session")
        self.end_button.clicked.connect(self.end_requested)
        bottom.addWidget(self.status_label, 1)
        outer.addLayout(bottom)
        # Visual order = Tab order after the answers: Previous, Next, Save, Finish (exam);
        # Submit, Skip, End session (the other modes).
        self.bottom_buttons = [self.previous_button, self.next_button, self.primary_button,
                               self.finish_button, self.skip_button, self.end_button]
        self.bottom_bar = flow_container(self.bottom_buttons, align_right=True)
        outer.addWidget(self.bottom_bar)
        self.keys_label = QLabel()
        self.keys_label.setProperty("role", "muted")
        self.keys_label.setWordWrap(True)
        outer.addWidget(self.keys_label)

        self._pin_timer = QTimer(self, singleShot=True, interval=0, timeout=self._pin_heights)
        self._reveal_timer = QTimer(self, singleShot=True, interval=0,
                                    timeout=self._reveal_feedback)
        self._build_shortcuts()
        enter_clicks_buttons(self)
        ctx.theme.theme_changed.connect(self._restyle)
        self._restyle()

    # -- keys ----------------------------------------------------------------------------------

    def _shortcut(self, key: str, slot) -> None:
        """One key on the page (focus inside it); Enter also answers to Return."""
        keys = [key]
        if key.endswith("Enter"):
            keys.append(key[:-len("Enter")] + "Return")
        for sequence in keys:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setProperty(SHORTCUT_ID, "")
            shortcut.activated.connect(slot)

    def _table_keys(self, shortcut_id: str, slot) -> None:
        """Every key of a row of the shortcut table (desktop/core/shortcuts.py)."""
        for key in key_sequences(shortcut_id):
            self._shortcut(key, slot)

    def _build_shortcuts(self) -> None:
        # Keys from the shortcut table: what Help > Keyboard shortcuts and the footer say.
        for key in key_sequences("quiz.choose"):
            index = int(key) - 1 if key.isdigit() else OPTION_LETTERS.index(key)
            # B is option B while answering, else the bookmark (see _key_b).
            self._shortcut(key, self._key_b if key == "B" else
                           (lambda i=index: self._key_digit(i)) if key.isdigit() else
                           lambda i=index: self.choose_letter(i))
        self._table_keys("quiz.bookmark", self.toggle_bookmark)
        self._table_keys("quiz.flag", self.request_flag)
        self._table_keys("quiz.mark", self._key_m)
        self._table_keys("quiz.pause", self.pause_toggled)
        self._table_keys("quiz.submit", self.primary_action)
        self._table_keys("quiz.exam_finish", self._key_finish)
        next_key, previous_key = key_sequences("quiz.exam_move")[::-1]
        self._shortcut(next_key, self._key_next)
        self._shortcut(previous_key, self._key_previous)

    def _key_digit(self, n: int) -> bool:
        """1-9: choose an option; after a spaced-review answer, 1-4 grade it (Again, Hard,
        Good, Easy: the table's quiz.grade)."""
        screen = self.screen_
        if screen is not None and screen.phase == "feedback" and screen.grade is not None:
            if 0 <= n < 4:
                self.grade_selected.emit(n + 1)
                return True
            return False
        return self.choose(n)

    def _answering(self) -> bool:
        return bool(self.screen_ and self.screen_.phase == "answering")

    def choose(self, n: int) -> bool:
        """The 1-9 / A-I keys: choose the n-th option (0-based) while answering."""
        if not self._answering() or self.answer is None:
            return False
        return self.answer.choose(n)

    def choose_letter(self, n: int) -> bool:
        """The A-I keys: the n-th letter (0-based) while answering; in ordering, letters put
        the items in order (see OrderingAnswer)."""
        if not self._answering() or self.answer is None:
            return False
        return self.answer.choose_letter(n)

    def _key_b(self) -> None:
        if self._answering() and self.answer is not None and self.answer.choose_letter(1):
            return
        self.toggle_bookmark()

    def _key_m(self) -> None:
        if self.screen_ and self.screen_.phase != "paused":
            self.mark_toggled.emit()

    def _key_finish(self) -> None:
        if self.screen_ and self.screen_.exam:
            self.finish_requested.emit()

    def _key_next(self) -> None:
        if self.screen_ and self.screen_.exam and self._answering():
            self.next_requested.emit()

    def _key_previous(self) -> None:
        if self.screen_ and self.screen_.exam and self._answering():
            self.previous_requested.emit()

    def toggle_bookmark(self) -> None:
        if self.screen_ is None:
            return
        self.bookmark_button.setChecked(not self.bookmark_button.isChecked())
        self.bookmark_toggled.emit(self.bookmark_button.isChecked())

    def primary_action(self) -> None:
        """Enter: submit the answer, or go on after the feedback."""
        screen = self.screen_
        if screen is None:
            return
        if screen.phase == "paused":
            self.pause_toggled.emit()
            return
        if screen.phase == "feedback":
            self.next_requested.emit()
            return
        response = self.answer.response() if self.answer else None
        if response is None:
            if screen.exam:
                self.next_requested.emit()
            else:
                self.set_status(f"Choose an answer first ({self._choose_keys()}), then "
                                "press Enter.")
            return
        self.answer_submitted.emit(response)

    def request_flag(self) -> None:
        if self.screen_ is None:
            return
        note = self.ask_flag_note()
        if note is not None:
            self.flag_submitted.emit(note)

    def ask_flag_note(self) -> str | None:
        """Ask what is wrong (a dialog); None when cancelled."""
        text, ok = QInputDialog.getMultiLineText(
            self, "Report an error in this question", FLAG_PROMPT)
        return text if ok else None

    # -- showing -------------------------------------------------------------------------------

    def show_question(self, screen: QuestionScreen) -> None:
        """Show `screen` (a new question, the same one after feedback, or paused)."""
        previous = self.screen_
        self.screen_ = screen
        item = screen.item
        same = previous is not None and previous.item is item and previous.index == screen.index
        self.progress_label.setText(f"Question {screen.index + 1} of {screen.total}")
        set_plain(self.meta_label, f"{screen.meta} · {screen.mode_label}"
                  + (f" · {screen.title}" if screen.title else ""))
        self.bookmark_button.setChecked(screen.bookmarked)
        self.mark_button.setChecked(item.marked)
        self.mark_button.setText("Marked ⚑" if item.marked else "Mark for review")
        self.pause_button.setText("Resume" if screen.phase == "paused" else "Pause")
        self.pause_button.setAccessibleName(self.pause_button.text())
        self._set_navigator(screen)
        self.stack.setCurrentWidget(self.paused_panel if screen.phase == "paused"
                                    else self.scroll)
        if not same or self.answer is None:
            self.stem.set_content(screen.stem_html)
            self._set_figures(item)
            self._loading = True
            try:
                self._set_answer_widget(item)
            finally:
                self._loading = False
            self.scroll.verticalScrollBar().setValue(0)
            self.set_status("")
        locked = screen.phase == "feedback"
        self.answer.set_locked(locked)
        self.answer.show_outcome(screen.score if locked else None)
        if screen.phase == "feedback":
            self.recall_bar.show_state(can_overrule=screen.can_overrule,
                                       overruled=screen.overruled, grade=screen.grade,
                                       intervals=screen.intervals)
        else:
            self.recall_bar.hide()
        if screen.feedback_html:
            self.feedback.set_content(screen.feedback_html)
            self.feedback.show()
        else:
            self.feedback.set_content("")
            self.feedback.hide()
        exam = screen.exam
        self.navigator.setVisible(exam)
        self.previous_button.setVisible(exam)
        self.next_button.setVisible(exam)
        self.finish_button.setVisible(exam)
        self.skip_button.setVisible(not exam and screen.phase == "answering")
        self.end_button.setVisible(not exam)
        self.previous_button.setEnabled(screen.index > 0)
        self.next_button.setEnabled(screen.index + 1 < screen.total)
        if screen.phase == "feedback":
            last = screen.index + 1 >= screen.total
            self.primary_button.setText("See results" if last else "Next question")
        elif exam:
            self.primary_button.setText("Save answer and go on")
        elif item.question.type == "flashcard":
            self.primary_button.setText("Show answer")
        else:
            self.primary_button.setText("Submit")
        self.primary_button.setAccessibleName(self.primary_button.text())
        self.keys_label.setText(self._keys_text(screen))
        self._chain_tab_order()
        self._pin_heights()
        if screen.phase == "feedback":
            self.primary_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self._reveal_feedback()
            self._reveal_timer.start()  # again once the feedback has its height
        elif screen.phase == "paused":
            self.resume_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not same:
            self.answer.focus_first()

    def _set_figures(self, item: Item) -> None:
        """Show the drawings a structure question asks about (and hide them otherwise)."""
        from desktop.core.quiz.structure_questions import PREFIX, figures_for

        figures = figures_for(self.ctx.content, item.question.id) \
            if item.question.id.startswith(PREFIX) else []
        if not figures and self.figures is None:
            return
        if self.figures is None:
            from desktop.chemistry.quiz_figures import QuizFigures

            self.figures = QuizFigures(self.ctx)
            self.figures_holder.addWidget(self.figures)
        self.figures.set_figures(figures)

    def _set_answer_widget(self, item: Item) -> None:
        qtype = item.question.type
        kind = {"single": "choice", "multi": "choice", "true_false": "choice",
                "cloze": "typed"}.get(qtype, qtype)
        widget = self.answer_widgets.get(kind)
        if widget is None:
            widget = self._recall_widget(qtype) or answer_widget_for(qtype, self)
            widget.setObjectName(f"quiz_answer_{kind}")
            widget.apply_theme(self.ctx.theme.colors)
            widget.changed.connect(self._answer_widget_changed)
            self.answer_widgets[kind] = widget
            self.answer_holder.addWidget(widget)
            enter_clicks_buttons(widget)
        for other in self.answer_widgets.values():
            other.setVisible(other is widget)
        widget.set_item(item)
        self.answer = widget

    def current_response(self) -> list | None:
        """The answer on screen now, in the engine's shape (None: nothing chosen)."""
        return self.answer.response() if self.answer is not None else None

    def _answer_widget_changed(self) -> None:
        """Exam: what is on screen is the answer, saved as it changes."""
        widget = self.sender()
        if self._loading or widget is not self.answer or not self._answering() or \
                not self.screen_.exam:
            return
        self.answer_changed.emit(self.current_response())

    def update_navigation(self, nav: list[str]) -> None:
        """Exam: refresh the question strip (answered / marked) without redrawing the page."""
        if self.screen_ is not None:
            self.screen_.nav = nav
            self._set_navigator(self.screen_)

    def _chain_tab_order(self) -> None:
        """Tab: the answers first, then the bottom buttons in their visual order, then the
        top bar, the exam's question strip and the question text."""
        chain = []
        if self.answer is not None and self.stack.currentWidget() is self.scroll:
            chain += [w for w in self.answer.focus_chain() if w.isEnabled()]
        chain += [b for b in self.recall_bar.focus_chain() if not b.isHidden()]
        chain += [b for b in self.bottom_buttons if not b.isHidden()]
        chain += [self.bookmark_button, self.mark_button, self.flag_button, self.pause_button]
        if not self.navigator.isHidden():
            chain.append(self.navigator)
        chain.append(self.stem)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _recall_widget(self, qtype: str) -> AnswerWidget | None:
        """The typed fields (cloze, typed) or the glossary card's "Show answer"."""
        from desktop.quiz.recall_widgets import FlashcardAnswer, TypedAnswer

        if qtype in ("cloze", "typed"):
            return TypedAnswer(self)
        if qtype == "flashcard":
            widget = FlashcardAnswer(self)
            widget.show_requested.connect(self.primary_action)
            return widget
        return None

    def _set_navigator(self, screen: QuestionScreen) -> None:
        self.navigator.blockSignals(True)
        if self.navigator.count() != len(screen.nav):
            self.navigator.clear()
            for n in range(len(screen.nav)):
                entry = QListWidgetItem(str(n + 1))
                entry.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.navigator.addItem(entry)
        for n, state in enumerate(screen.nav):
            entry = self.navigator.item(n)
            marks = ("●" if "answered" in state else "○") + (" ⚑" if "marked" in state else "")
            entry.setText(f"{n + 1} {marks}")
            description = ("answered" if "answered" in state else "not answered") + (
                ", marked for review" if "marked" in state else "")
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, f"Question {n + 1}, {description}")
        if screen.nav:
            self.navigator.setCurrentRow(screen.index)
            self.navigator.fit()
            self.navigator.scrollToItem(self.navigator.currentItem())
        self.navigator.blockSignals(False)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._pin_heights()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_pin_timer"):
            self._pin_timer.start()  # once the rows have the new font

    def event(self, event) -> bool:
        # A row's content changed its size (a button's text or style, a label's lines, a
        # theme's borders): pin the rows' heights again once the layouts have settled, or a
        # row keeps the height it needed before and its last line of buttons is cut off.
        if event.type() == QEvent.Type.LayoutRequest and hasattr(self, "_pin_timer"):
            self._pin_timer.start()
        return super().event(event)

    def _pin_heights(self) -> None:
        """The rows above and below the question keep the height their wrapped lines need
        (large text, narrow window); the question's scroll area gives up the room instead
        of a row of buttons being cut off."""
        self._place_keys()
        # No status: no row for it (its empty line would sit between the question and the
        # buttons).
        self.status_label.setMaximumHeight(16777215 if self.status_label.text() else 0)
        for widget in (self.header, self.bottom_bar, self.keys_label, self.status_label):
            if not widget.hasHeightForWidth():
                continue
            if isinstance(widget, QLabel) and widget.minimumHeight():
                # A label's height for a width is never less than its minimum height: the
                # lines it needed at a larger text size would stay pinned after it shrinks.
                widget.setMinimumHeight(0)
            needed = widget.heightForWidth(widget.width())
            if needed >= 0 and widget.minimumHeight() != needed:
                widget.setMinimumHeight(needed)

    def _reveal_feedback(self) -> None:
        """Scroll the question so the feedback's verdict is in view: all of the feedback when
        it fits, else its first lines at the top. The grades (and "I was right") just above
        it come into view with it when they and the verdict's first lines fit together."""
        if self.feedback.isHidden() or self.stack.currentWidget() is not self.scroll:
            return
        bar = self.scroll.verticalScrollBar()
        page = self.scroll.widget()
        top = self.feedback.mapTo(page, QPoint(0, 0)).y()
        bottom = top + self.feedback.height()
        room = self.scroll.viewport().height()
        if not self.recall_bar.isHidden():
            # From the top of the bar, else from its row of grades (their hint, above them,
            # may go when the page is short of room: the keys line names the grade keys too).
            verdict = 4 * self.feedback.fontMetrics().lineSpacing()
            grades = [b for b in self.recall_bar.grade_buttons.values() if not b.isHidden()]
            for widget in (self.recall_bar, *grades[:1]):
                widget_top = widget.mapTo(page, QPoint(0, 0)).y()
                if top - widget_top + verdict + 8 <= room:
                    top = widget_top
                    break
        if bottom - top + 8 > room:
            bar.setValue(top - 4)
        elif bottom + 4 > bar.value() + room:
            bar.setValue(bottom + 4 - room)
        elif top - 4 < bar.value():
            bar.setValue(top - 4)

    def _place_keys(self) -> None:
        """The keys line under the buttons, or, when the question would keep fewer than
        about twelve lines of room (large text on a small screen), at the end of the
        question's own scrolling area, with the exam strip down to one line."""
        outer = self.layout()
        spacing = max(outer.spacing(), 0)
        pinned = self.keys_label.parentWidget() is self
        # The room the question, the keys line and the strip's extra lines share: the same
        # whichever way they are placed, so the choice does not flip back and forth.
        room = self.stack.height() + (self.keys_label.height() + spacing if pinned else 0)
        strip = self.navigator
        second_line = 0
        if not strip.isHidden():
            room += strip.height() - strip.height_for(1)
            frame = 2 * strip.frameWidth()
            if strip.lines_needed(max(1, strip.width() - frame)) > 1:
                second_line = strip.height_for(2) - strip.height_for(1)
        if self.keys_label.minimumHeight():
            self.keys_label.setMinimumHeight(0)
        keys = self.keys_label.heightForWidth(max(self.stack.width(), 1))
        line = self.fontMetrics().height()
        want_pinned = room - keys - spacing - second_line >= 12 * line
        lines = 2 if want_pinned else 1
        if strip.max_lines != lines:
            strip.max_lines = lines
            strip.fit()
        if want_pinned == pinned:
            return
        if want_pinned:
            self.body_layout.removeWidget(self.keys_label)
            outer.addWidget(self.keys_label)
        else:
            outer.removeWidget(self.keys_label)
            self.body_layout.addWidget(self.keys_label)
        self.keys_label.show()

    def _navigator_moved(self, row: int) -> None:
        if self.screen_ and self.screen_.exam and row >= 0 and row != self.screen_.index:
            self.go_to_requested.emit(row)

    def set_timer_text(self, text: str) -> None:
        self.timer_label.setText(text)

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self._pin_heights()

    def _choose_keys(self) -> str:
        """"1-4 or A-D" for a question with four choices."""
        n = min(self.answer.choice_count() if self.answer else 0, len(OPTION_LETTERS))
        if n <= 0:
            return "type the answer"
        if n == 1:
            return "1 or A"
        return f"1-{n} or A-{OPTION_LETTERS[n - 1]}"

    def _keys_text(self, screen: QuestionScreen) -> str:
        qtype = screen.item.question.type
        keys = self._choose_keys()
        choose = {
            "multi": f"{keys} tick options, Space ticks the focused one",
            "ordering": f"{keys.split(' or ')[-1]} put the items in order (type their "
                        f"letters first to last), {keys.split(' or ')[0]} select an item, "
                        f"{keys_text('quiz.order_move')} move it",
            "matching": f"Tab to a row, then {keys} choose its match",
            "year": "type the year",
            "cloze": "type each gap, Tab to the next",
            "typed": "type the answer",
            "flashcard": "think of the answer",
        }.get(qtype, f"{keys} choose")
        if screen.phase == "feedback" and screen.grade is not None:
            choose = f"{keys_text('quiz.grade')} grade (Again, Hard, Good, Easy)"
        if screen.exam and screen.phase == "answering":
            enter = f"{keys_text('quiz.submit')} goes on (answers are saved as you choose)"
        elif screen.phase == "answering":
            enter = f"{keys_text('quiz.submit')} submits"
        else:
            enter = f"{keys_text('quiz.submit')} goes on"
        # A key and what it does stay on one line (a no-break space between them).
        parts = [choose, enter, f"{keys_text('quiz.bookmark')}\u00a0bookmark",
                 f"{keys_text('quiz.flag')}\u00a0report an error",
                 f"{keys_text('quiz.mark')}\u00a0mark", f"{keys_text('quiz.pause')}\u00a0pause"]
        if screen.exam:
            parts += [f"{'/'.join(key_sequences('quiz.exam_move'))}\u00a0move",
                      f"{keys_text('quiz.exam_finish')}\u00a0finish"]
        return "Keys: " + " · ".join(parts)

    def _restyle(self, *_args) -> None:
        for widget in self.answer_widgets.values():
            widget.apply_theme(self.ctx.theme.colors)
        self.recall_bar.apply_theme(self.ctx.theme.colors)

    def focus_target(self) -> QWidget:
        if self.screen_ and self.screen_.phase == "answering" and self.answer is not None:
            return self.answer.focus_widget()
        if self.screen_ and self.screen_.phase == "paused":
            return self.resume_button
        return self.primary_button
