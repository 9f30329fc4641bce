"""The full-screen presenter: one slide at a time, driven by a clicker or the keyboard.

Keys (clickers send these): Right, Down, PageDown, Space next; Left, Up, PageUp back; Home/End;
B or . blanks the screen (on a question slide B counts a vote, so use .); R reveals; A-J record
votes (type a number first to set a count); T starts or stops a countdown (digits first set
its length); Ctrl+= / Ctrl+- text size; Ctrl+T switches high-contrast, dark and light; S saves
the tallies as CSV; Esc leaves and returns to where the teacher was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.presenter.session import PresenterSession, tallies_csv
from desktop.core.presenter.slides import SlideContent, slide_content
from desktop.presenter.slide_widget import SlideWidget, slide_html
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


class PresenterWindow(QWidget):
    """A frameless full-screen window showing a `PresenterSession`.

    Signals:
        closed(): the presenter was left (Esc or closed); the main window takes over again.
        slide_changed(int): the index of the slide now shown.
    """

    closed = Signal()
    slide_changed = Signal(int)

    def __init__(self, ctx, session: PresenterSession, theme: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.session = session
        self.theme_name = theme or ctx.settings.presenter_theme
        self.colors = THEMES.get(self.theme_name, THEMES["high-contrast"])
        self.scale = 1.0
        self.countdown_left = 0
        self._contents: dict[int, SlideContent] = {}
        self._chart = None
        self.setWindowTitle(f"Presenting: {session.title}")
        self.setAccessibleName("Presenter")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.slide = SlideWidget(self)
        self.chart_area = QWidget(self)
        self.chart_area.setLayout(QVBoxLayout())
        self.chart_area.layout().setContentsMargins(0, 0, 24, 24)
        self.chart_area.hide()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.slide, 3)
        body.addWidget(self.chart_area, 2)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName("Slide progress")
        self.status = QLabel(self)
        self.status.setAccessibleName("Presenter status")
        footer = QHBoxLayout()
        footer.setContentsMargins(12, 2, 12, 4)
        footer.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(body, 1)
        layout.addWidget(self.progress)
        layout.addLayout(footer)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.elapsed = QElapsedTimer()
        self.refresh()

    # -- showing -----------------------------------------------------------------------------

    def content(self, index: int) -> SlideContent:
        if index not in self._contents:
            number = sum(1 for s in self.session.slides[: index + 1] if s.kind == "question")
            self._contents[index] = slide_content(self.ctx.content, self.session.slides[index],
                                                  number, question_resolver(self.ctx))
        return self._contents[index]

    def refresh(self) -> None:
        """Redraw the current slide, the progress bar, the status line and the chart."""
        session = self.session
        self._apply_palette()
        if not session.slides:
            self.slide.set_slide(lambda base: f"<p style='font-size:{base}px'>Nothing to "
                                 "present.</p>", self.colors)
            return
        content = self.content(session.index)
        revealed = session.is_revealed()
        tally = session.tallies.get(session.index)
        colors = self.colors
        self.slide.set_slide(lambda base: slide_html(content, revealed, tally, colors, base),
                             colors, blank=session.blanked, scale=self.scale)
        position, total = session.progress
        self.progress.setRange(0, total)
        self.progress.setValue(position)
        self.progress.setVisible(not session.blanked)
        self.status.setVisible(not session.blanked)
        self.status.setText(self._status_text(content, tally))
        self._update_chart(content, revealed, tally)
        self.slide_changed.emit(session.index)

    def _status_text(self, content: SlideContent, tally) -> str:
        position, total = self.session.progress
        parts = [f"{position} / {total}"]
        if content.kind == "question" and tally and tally.total:
            parts.append("votes " + " ".join(f"{k}:{n}" for k, n in tally.as_list() if n))
        if tally and tally.typed:
            parts.append(f"typed {tally.typed}")
        if self.countdown_left:
            parts.append(f"⏱ {self.countdown_left} s")
        return "   ·   ".join(parts)

    def _apply_palette(self) -> None:
        c = self.colors
        self.setStyleSheet(
            f"PresenterWindow, QWidget {{ background: {c.window}; color: {c.muted}; }}"
            f"QProgressBar {{ border: none; background: {c.alt_base}; }}"
            f"QProgressBar::chunk {{ background: {c.accent}; }}")

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
        self._chart.show_tally(tally.as_list(), set(content.correct), self.colors)
        self.chart_area.show()

    # -- keys --------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        modifiers = event.modifiers()
        session = self.session
        content = self.content(session.index) if session.slides else None
        is_question = content is not None and content.votable and not session.is_revealed()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in NEXT_KEYS:
            session.next()
        elif key in PREVIOUS_KEYS:
            session.previous()
        elif key == Qt.Key.Key_Home:
            session.first()
        elif key == Qt.Key.Key_End:
            session.last()
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
                return super().keyPressEvent(event)
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
        elif key == Qt.Key.Key_B:
            session.toggle_blank()
        else:
            return super().keyPressEvent(event)
        self.refresh()

    # -- countdown, theme, tallies -------------------------------------------------------------

    def toggle_countdown(self) -> None:
        if self.timer.isActive():
            self.stop_countdown()
            return
        seconds = DEFAULT_COUNTDOWN
        content = self.content(self.session.index) if self.session.slides else None
        if content is not None and content.kind == "question":
            tally = self.session.tally([letter for letter, _ in content.options])
            if tally.typed:
                seconds = max(1, min(int(tally.typed), 3600))
                tally.typed = ""
        self.countdown_left = seconds
        self.timer.start()

    def stop_countdown(self) -> None:
        self.timer.stop()
        self.countdown_left = 0

    def _tick(self) -> None:
        self.countdown_left -= 1
        if self.countdown_left <= 0:
            self.stop_countdown()
            QGuiApplication.beep()
        self.refresh()

    def cycle_theme(self) -> None:
        index = THEME_CYCLE.index(self.theme_name) if self.theme_name in THEME_CYCLE else -1
        self.theme_name = THEME_CYCLE[(index + 1) % len(THEME_CYCLE)]
        self.colors = THEMES[self.theme_name]
        self.ctx.settings.presenter_theme = self.theme_name

    def save_tallies(self, path: str | None = None) -> Path | None:
        """Write the class tallies as CSV (asks where unless `path` is given)."""
        if path is None:
            default = str(self.ctx.atlas.paths.exports_dir / "class-tallies.csv")
            path, _ = QFileDialog.getSaveFileName(self, "Save class tallies", default,
                                                  "CSV files (*.csv)")
            if not path:
                return None
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(tallies_csv(self.session, self.content), encoding="utf-8")
        return target

    # -- window ------------------------------------------------------------------------------

    def present_on(self, screen: QScreen | None) -> None:
        """Show full screen on `screen` (the primary one if None)."""
        screen = screen or QGuiApplication.primaryScreen()
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        self.closed.emit()
        super().closeEvent(event)
