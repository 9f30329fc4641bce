"""The full-screen presenter: one slide at a time, driven by a clicker or the keyboard.

Keys (clickers send these): Right, Down, PageDown, Space next; Left, Up, PageUp back; Home/End;
B or . blanks the screen (on a question slide B counts a vote, so use .); R reveals; A-J record
votes (type a number first to set a count); T starts or stops a countdown (digits first set
its length); D highlights the next drug on a mechanism slide; N shows the speaker notes over
the slide (for rehearsing on one screen); Ctrl+= / Ctrl+- text size; Ctrl+T switches
high-contrast, dark and light; S saves the tallies as CSV; Esc leaves and returns to where the
teacher was.

Everything the class reads is at least a thirtieth of the screen height: the slide's text
(`desktop.presenter.slide_painter`), the slide counter, the votes, the countdown and the vote
chart's labels. Time-up is shown, silently unless the teacher turned the sound on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.presenter.session import PresenterSession, tallies_csv
from desktop.core.presenter.slides import SlideContent, question_numbers, slide_content
from desktop.presenter.slide_painter import CLASS_MIN_FRACTION, SlidePainter, SlideView
from desktop.presenter.slide_widget import SlideWidget
from desktop.theme import THEMES


def question_resolver(ctx):
    """Find a question in any quiz source: the bank, generated ones, a teacher's imported
    sets (see `desktop.core.quiz.sources`)."""
    from desktop.core.quiz import resolve_question

    return lambda question_id: resolve_question(ctx, question_id)


NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREVIOUS_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp}
THEME_CYCLE = ("high-contrast", "dark", "light")
DEFAULT_COUNTDOWN = 30
#: Free-form setting (`AppSettings.state_value`): a beep when a countdown ends.
SOUND_SETTING = "presenter/time_up_sound"


def key_help() -> str:
    """The keys a teacher needs while presenting, from the shortcuts table."""
    from desktop.core.shortcuts import footer

    return footer("presenter")


def class_pixels(height: float) -> int:
    """The smallest text size the class can read on a screen `height` pixels high."""
    return max(12, int(height * CLASS_MIN_FRACTION + 0.999))


class CountdownBadge(QWidget):
    """The countdown, big: a ring running down around the seconds left; "Time" when it is up.

    Its size follows the presenter's height (a fifth of it), so the class can read it.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Countdown")
        self.total = 0
        self.left = 0
        self.time_up = False
        self.colors = THEMES["high-contrast"]
        self.hide()

    def show_time(self, left: int, total: int, time_up: bool, colors) -> None:
        self.left, self.total, self.time_up, self.colors = left, total, time_up, colors
        running = left > 0 or time_up
        self.setVisible(running)
        self.setAccessibleDescription("Time is up" if time_up else f"{left} seconds left")
        self.update()

    def text(self) -> str:
        if self.time_up:
            return "Time"
        minutes, seconds = divmod(self.left, 60)
        return f"{minutes}:{seconds:02d}" if minutes else str(seconds)

    def number_pixels(self) -> int:
        """The seconds fill the ring: about a third of its size (less for "1:30", "Time")."""
        side = min(self.width(), self.height())
        return max(12, int(side * (0.42 if len(self.text()) <= 2 else 0.26)))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = self.colors
        side = min(self.width(), self.height())
        ring = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        pen_w = max(4.0, side * 0.07)
        ring = ring.adjusted(pen_w, pen_w, -pen_w, -pen_w)
        colour = QColor(c.bad if self.time_up or self.left <= 5 else c.accent)
        painter.setPen(QPen(QColor(c.border), pen_w * 0.4))
        painter.setBrush(QColor(c.base))
        painter.drawEllipse(ring)
        if not self.time_up and self.total:
            painter.setPen(QPen(colour, pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            span = int(360 * 16 * self.left / self.total)
            painter.drawArc(ring, 90 * 16, span)
        font = QFont(self.font())
        font.setPixelSize(self.number_pixels())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colour if self.time_up else QColor(c.text))
        painter.drawText(ring, int(Qt.AlignmentFlag.AlignCenter), self.text())


class NotesOverlay(QPlainTextEdit):
    """Speaker notes over the bottom of the slide (one screen: rehearsing)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName("Speaker notes")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()


class PresenterWindow(QWidget):
    """A frameless full-screen window showing a `PresenterSession`.

    Signals:
        closed(): the presenter was left (Esc or closed); the main window takes over again.
        slide_changed(int): the index of the slide now shown.
        state_changed(): anything shown changed (slide, reveal, votes, countdown, theme);
            the presenter view redraws.
    """

    closed = Signal()
    slide_changed = Signal(int)
    state_changed = Signal()

    def __init__(self, ctx, session: PresenterSession, theme: str | None = None,
                 parent: QWidget | None = None, lesson_id: int | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.session = session
        self.lesson_id = lesson_id
        self.theme_name = theme or ctx.settings.presenter_theme
        self.colors = THEMES.get(self.theme_name, THEMES["high-contrast"])
        self.painter = SlidePainter(ctx.content, self.colors)
        self.scale = 1.0
        self.countdown_left = 0
        self.countdown_total = 0
        self.time_up = False
        self.drug = ""
        self.console = None
        self.results_saved: int | None = None
        self._numbers = question_numbers(session.slides)
        self._contents: dict[int, SlideContent] = {}
        self._chart = None
        self.setWindowTitle(f"Presenting: {session.title}")
        self.setAccessibleName("Presenter")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.slide = SlideWidget(self, self.painter)
        self.chart_area = QWidget(self)
        self.chart_area.setLayout(QVBoxLayout())
        self.chart_area.hide()
        self.countdown = CountdownBadge(self)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.slide, 2)
        body.addWidget(self.chart_area, 1)
        body.addWidget(self.countdown)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Slide progress")
        self.counter = QLabel(self)
        self.counter.setAccessibleName("Slide counter")
        self.status = QLabel(self)
        self.status.setAccessibleName("Votes")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.footer = QWidget(self)
        footer = QHBoxLayout(self.footer)
        footer.setContentsMargins(16, 2, 16, 4)
        footer.addWidget(self.counter)
        footer.addStretch(1)
        footer.addWidget(self.status, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(body, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.footer)
        self.notes = NotesOverlay(self)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.elapsed = QElapsedTimer()
        self.elapsed.start()
        self._fit_class_type()
        self.refresh()

    # -- showing -----------------------------------------------------------------------------

    def content(self, index: int) -> SlideContent:
        if index not in self._contents:
            self._contents[index] = slide_content(
                self.ctx.content, self.session.slides[index], self._numbers.get(index),
                question_resolver(self.ctx))
        return self._contents[index]

    def view_of(self, index: int, for_class: bool = True) -> SlideView:
        """How slide `index` shows now (revealed, votes, the drug highlighted)."""
        session = self.session
        tally = session.tallies.get(index)
        view = SlideView(revealed=session.is_revealed(index),
                         tally=dict(tally.as_list()) if tally else {}, prompt=for_class)
        content = self.content(index)
        if content.kind == "step" and self.drug:
            view.drug = self.drug
            view.drug_name, view.drug_note, view.drug_nodes, view.drug_color = \
                self._drug_highlight(self.drug)
        return view

    def _drug_highlight(self, drug_id: str) -> tuple[str, str, tuple[str, ...], str]:
        from desktop.core.presenter.slides import lead_lines

        picture = self.painter.mechanism()
        highlight = picture.diagram.highlight_for(drug_id)
        drugs = [d.id for d in self.ctx.content.drugs()]
        names = {d.id: d.name for d in self.ctx.content.drugs()}
        colour = self.colors.drugs[min(drugs.index(drug_id), len(self.colors.drugs) - 1)] \
            if drug_id in drugs else self.colors.accent
        note = lead_lines(highlight.text, 16)[0] if highlight and lead_lines(highlight.text) else ""
        nodes = tuple(highlight.nodes) if highlight else ()
        return names.get(drug_id, drug_id), note, nodes, colour

    def refresh(self) -> None:
        """Redraw the current slide, the progress bar, the counter, the votes and the chart."""
        session = self.session
        self._apply_palette()
        if not session.slides:
            self.slide.set_slide(None, SlideView(), self.colors, self.painter,
                                 placeholder="Nothing to present.")
            return
        index = session.index
        content = self.content(index)
        view = self.view_of(index)
        tally = session.tallies.get(index)
        self.slide.set_slide(content, view, self.colors, self.painter, blank=session.blanked,
                             scale=self.scale, screen_height=self.class_height())
        position, total = session.progress
        self.progress.setRange(0, total)
        self.progress.setValue(position)
        for widget in (self.progress, self.footer):
            widget.setVisible(not session.blanked)
        self.counter.setText(f"{position} / {total}")
        self.status.setText(self._status_text(content, tally))
        self.countdown.show_time(self.countdown_left, self.countdown_total, self.time_up,
                                 self.colors)
        self.countdown.setVisible(self.countdown.isVisible() and not session.blanked)
        self._update_chart(content, session.is_revealed(), tally)
        if self.notes.isVisible():
            self._show_notes(content)
        self.slide_changed.emit(index)
        self.state_changed.emit()

    def class_height(self) -> float:
        """The height of the screen the class looks at."""
        return float(max(self.height(), 1))

    def _status_text(self, content: SlideContent, tally) -> str:
        parts = []
        if content.kind == "question" and tally and tally.total:
            parts.append("Votes  " + "  ".join(f"{k} {n}" for k, n in tally.as_list()))
        if tally and tally.typed:
            parts.append(f"typed {tally.typed}")
        return "   ·   ".join(parts)

    def _fit_class_type(self) -> None:
        """Counter, votes and countdown at class size for the window's height."""
        height = self.class_height()
        px = class_pixels(height)
        for label in (self.counter, self.status):
            font = QFont(label.font())
            font.setPixelSize(px)
            font.setBold(label is self.status)
            label.setFont(font)
        self.footer.setFixedHeight(int(px * 1.6) + 6)
        side = int(height * 0.25)
        self.countdown.setFixedWidth(side)
        self.chart_area.layout().setContentsMargins(0, int(height * 0.05),
                                                    int(self.width() * 0.025),
                                                    int(height * 0.03))
        self.notes.setGeometry(0, int(height * 0.55), self.width(), int(height * 0.45) - 6)
        font = QFont(self.notes.font())
        font.setPixelSize(max(14, int(height / 40)))
        self.notes.setFont(font)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_class_type()
        if self.session.slides:
            self.refresh()

    def _apply_palette(self) -> None:
        c = self.colors
        self.setStyleSheet(
            f"PresenterWindow, QWidget {{ background: {c.window}; color: {c.text}; }}"
            f"QProgressBar {{ border: none; background: {c.alt_base}; }}"
            f"QProgressBar::chunk {{ background: {c.accent}; }}"
            f"QPlainTextEdit {{ background: {c.alt_base}; color: {c.text}; "
            f"border-top: 3px solid {c.accent}; }}")

    def _update_chart(self, content: SlideContent, revealed: bool, tally) -> None:
        show = (content.votable and revealed and tally is not None
                and tally.total > 0 and not self.session.blanked)
        if not show:
            self.chart_area.hide()
            return
        if self._chart is None:
            from desktop.presenter.tally_chart import TallyChart

            self._chart = TallyChart(self.chart_area)
            self.chart_area.layout().addWidget(self._chart)
        self.chart_area.show()
        self._chart.show_tally(tally.as_list(), set(content.correct), self.colors,
                               class_pixels(self.class_height()))

    def _show_notes(self, content: SlideContent) -> None:
        self.notes.setPlainText(content.notes or "No notes for this slide.")

    # -- keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Apply a clicker or keyboard key (from this window or the presenter view);
        False when the key means nothing here."""
        key = event.key()
        text = event.text()
        modifiers = event.modifiers()
        session = self.session
        content = self.content(session.index) if session.slides else None
        is_question = content is not None and content.votable and not session.is_revealed()
        moved = False
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        if key in NEXT_KEYS:
            moved = session.next()
        elif key in PREVIOUS_KEYS:
            moved = session.previous()
        elif key == Qt.Key.Key_Home:
            moved = session.first()
        elif key == Qt.Key.Key_End:
            moved = session.last()
        elif modifiers & Qt.KeyboardModifier.ControlModifier:
            if event.matches(QKeySequence.StandardKey.ZoomIn) or key in (Qt.Key.Key_Equal,
                                                                         Qt.Key.Key_Plus):
                self.scale = min(self.scale * 1.15, 4.0)
            elif event.matches(QKeySequence.StandardKey.ZoomOut) or key == Qt.Key.Key_Minus:
                self.scale = max(self.scale / 1.15, 0.3)
            elif key == Qt.Key.Key_0:
                self.scale = 1.0
            elif key == Qt.Key.Key_T:
                self.cycle_theme()
            else:
                return False
        elif text == ".":
            session.toggle_blank()
        elif key == Qt.Key.Key_R:
            session.reveal()
            self.stop_countdown()
        elif text.isdigit() and content is not None and content.kind == "question" \
                and (content.votable or not session.is_revealed()):
            session.tally([letter for letter, _ in content.options]).press_digit(text)
        elif key == Qt.Key.Key_T:
            self.toggle_countdown()
        elif key == Qt.Key.Key_S and not is_question:
            self.save_tallies()
        elif is_question and text and text.upper() in {letter for letter, _ in content.options}:
            session.tally([letter for letter, _ in content.options]).press_letter(text)
        elif key == Qt.Key.Key_D and content is not None and content.kind == "step":
            self.cycle_drug()
        elif key == Qt.Key.Key_N:
            self.toggle_notes()
        elif key == Qt.Key.Key_B:
            session.toggle_blank()
        else:
            return False
        if moved and self.time_up:
            self.time_up = False
        self.refresh()
        return True

    # -- countdown, theme, drug, notes, tallies -----------------------------------------------

    def toggle_countdown(self) -> None:
        if self.timer.isActive() or self.time_up:
            self.stop_countdown()
            return
        seconds = DEFAULT_COUNTDOWN
        content = self.content(self.session.index) if self.session.slides else None
        if content is not None and content.kind == "question":
            tally = self.session.tally([letter for letter, _ in content.options])
            if tally.typed:
                seconds = max(1, min(int(tally.typed), 3600))
                tally.typed = ""
        self.countdown_left = self.countdown_total = seconds
        self.time_up = False
        self.timer.start()

    def stop_countdown(self) -> None:
        self.timer.stop()
        self.countdown_left = 0
        self.time_up = False

    def _tick(self) -> None:
        self.countdown_left -= 1
        if self.countdown_left <= 0:
            self.timer.stop()
            self.countdown_left = 0
            self.time_up = True  # shown until the teacher moves on, reveals or presses T
            if str(self.ctx.settings.state_value(SOUND_SETTING, "false")).lower() == "true":
                QApplication.beep()
        self.refresh()

    def cycle_theme(self) -> None:
        index = THEME_CYCLE.index(self.theme_name) if self.theme_name in THEME_CYCLE else -1
        self.theme_name = THEME_CYCLE[(index + 1) % len(THEME_CYCLE)]
        self.colors = THEMES[self.theme_name]
        self.painter.colors = self.colors
        self.ctx.settings.presenter_theme = self.theme_name

    def drug_ids(self) -> list[str]:
        return [d.id for d in self.ctx.content.drugs()]

    def cycle_drug(self) -> None:
        """No drug → each drug in turn → no drug (the shared mechanism)."""
        order = ["", *self.drug_ids()]
        index = order.index(self.drug) if self.drug in order else 0
        self.drug = order[(index + 1) % len(order)]

    def set_drug(self, drug_id: str) -> None:
        self.drug = drug_id if drug_id in self.drug_ids() else ""
        self.refresh()

    def toggle_notes(self) -> None:
        """N: the speaker notes over the slide (when there is no presenter view)."""
        if self.console is not None and self.console.isVisible():
            return
        if self.notes.isVisible():
            self.notes.hide()
        else:
            self._fit_class_type()
            if self.session.slides:
                self._show_notes(self.content(self.session.index))
            self.notes.show()
            self.notes.raise_()

    def save_tallies(self, path: str | None = None) -> Path | None:
        """Write the class tallies as CSV (asks where unless `path` is given)."""
        if path is None:
            default = str(self.ctx.atlas.paths.exports_dir / "class-tallies.csv")
            path, _ = QFileDialog.getSaveFileName(self, "Save class tallies", default,
                                                  "CSV files (*.csv)")
            if not path:
                return None
        from desktop.core.files import write_atomically

        try:
            return write_atomically(Path(path), tallies_csv(self.session, self.content),
                                    make_folder=True)
        except OSError as exc:
            QMessageBox.warning(self, "Save class tallies",
                                f"The tallies could not be saved: {exc.strerror or exc}. "
                                "Choose another folder.")
            return None

    def save_results(self) -> int | None:
        """Keep the tallies with the lesson (once, when the presentation ends)."""
        if self.results_saved is not None or self.ctx.user is None:
            return self.results_saved
        from desktop.core.presenter.results import save_run, session_results

        self.results_saved = save_run(self.ctx.user, self.lesson_id, self.session.title,
                                      len(self.session.slides),
                                      session_results(self.session, self.content))
        return self.results_saved

    def elapsed_seconds(self) -> int:
        return int(self.elapsed.elapsed() / 1000) if self.elapsed.isValid() else 0

    # -- window ------------------------------------------------------------------------------

    def present_on(self, screen, console_screen=None) -> None:
        """Show full screen on `screen` (the primary one if None); with `console_screen`,
        the presenter view (current and next slide, notes, clock) opens there."""
        screen = screen or QGuiApplication.primaryScreen()
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        if console_screen is not None:
            from desktop.presenter.presenter_console import PresenterConsole

            self.console = PresenterConsole(self)
            self.console.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.console.show_on(console_screen)
        else:
            self.activateWindow()
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        try:
            self.save_results()
        except Exception:  # noqa: BLE001 - results are a bonus; leaving must always work
            import logging

            logging.getLogger(__name__).exception("class results not saved")
        console, self.console = self.console, None
        if console is not None:
            console.close()
        self.closed.emit()
        super().closeEvent(event)
