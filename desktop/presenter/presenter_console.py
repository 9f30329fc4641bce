"""The presenter view: the teacher's screen while the projector shows the slide.

The current slide and the next one as the class sees them, the speaker notes (the record's
full text, the question's explanation and rationales, the term's relevance, the sources), a
clock, the time since the start, the countdown, the class's votes and the keys. Every key
pressed here goes to the presenter (`PresenterWindow.handle_key`), so a clicker works whichever
window has focus; the buttons do what the keys do.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.presenter.slide_painter import PaintedSlide, SlideView
from desktop.widgets.fonts import set_relative_font


class SlideThumbnail(QWidget):
    """A slide drawn exactly as on the projector (`screen` size), scaled into the widget."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self.presenter = None
        self.index: int | None = None
        self.screen_size = QSize(1920, 1080)
        self.caption = ""
        self._painted: tuple | None = None

    def show_slide(self, presenter, index: int | None, screen_size: QSize,
                   caption: str = "") -> None:
        self.presenter, self.index, self.screen_size = presenter, index, screen_size
        self.caption = caption
        self._painted = None
        if index is not None and presenter is not None:
            self.setAccessibleDescription(presenter.content(index).title)
        else:
            self.setAccessibleDescription(caption)
        self.update()

    def slide_rect(self) -> QRectF:
        w, h = self.screen_size.width(), self.screen_size.height()
        scale = min(self.width() / w, self.height() / h) if w and h else 1.0
        rect = QRectF(0, 0, w * scale, h * scale)
        rect.moveCenter(QRectF(self.rect()).center())
        return rect

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        presenter = self.presenter
        target = self.slide_rect()
        colors = presenter.colors if presenter is not None else None
        if colors is None:
            return
        painter.fillRect(target, QColor(colors.window))
        if self.index is None:
            painter.setPen(QColor(colors.muted))
            font = QFont(self.font())
            font.setPixelSize(max(12, int(target.height() / 10)))
            painter.setFont(font)
            painter.drawText(target, int(Qt.AlignmentFlag.AlignCenter), self.caption)
            return
        full = QRectF(0, 0, self.screen_size.width(), self.screen_size.height())
        content = presenter.content(self.index)
        view: SlideView = presenter.view_of(self.index)
        key = (self.index, repr(view), self.screen_size.width(), self.screen_size.height(),
               presenter.scale, presenter.colors.name)
        if self._painted is None or self._painted[0] != key:
            painted: PaintedSlide = presenter.painter.layout(full, content, view,
                                                             full.height(), presenter.scale)
            self._painted = (key, painted)
        scale = target.width() / full.width()
        painter.translate(target.topLeft())
        painter.scale(scale, scale)
        presenter.painter.draw(painter, full, content, view, self._painted[1], background=False)


class PresenterConsole(QWidget):
    """The teacher's window beside a `PresenterWindow` (which owns the session and the keys)."""

    def __init__(self, presenter):
        super().__init__(None, Qt.WindowType.Window)
        self.presenter = presenter
        self.setWindowTitle(f"Presenter view: {presenter.session.title}")
        self.setAccessibleName("Presenter view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.clock = QLabel()
        self.clock.setAccessibleName("Clock")
        self.elapsed = QLabel()
        self.elapsed.setAccessibleName("Elapsed time")
        self.position = QLabel()
        self.position.setAccessibleName("Slide position")
        self.countdown = QLabel()
        self.countdown.setAccessibleName("Countdown")
        for label in (self.clock, self.elapsed, self.position, self.countdown):
            set_relative_font(label, 1.6, bold=True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # slide titles come from packs too
        header = QHBoxLayout()
        header.addWidget(self.position)
        header.addStretch(1)
        header.addWidget(self.countdown)
        header.addSpacing(24)
        header.addWidget(QLabel("Elapsed"))
        header.addWidget(self.elapsed)
        header.addSpacing(24)
        header.addWidget(QLabel("Clock"))
        header.addWidget(self.clock)

        self.current = SlideThumbnail("Current slide")
        self.next = SlideThumbnail("Next slide")
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName("Speaker notes")
        self.notes.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        set_relative_font(self.notes, 1.25)
        self.votes = QLabel()
        self.votes.setAccessibleName("Class votes")
        self.votes.setWordWrap(True)
        set_relative_font(self.votes, 1.3, bold=True)
        from desktop.core.shortcuts import footer

        self.keys = QLabel(footer("presenter"))  # the keys, from the shortcuts table
        self.keys.setWordWrap(True)
        self.keys.setAccessibleName("Presenter keys")
        self.keys.setProperty("role", "muted")

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, key in (
                ("previous", "◀ Previous", Qt.Key.Key_PageUp),
                ("next", "Next ▶", Qt.Key.Key_PageDown),
                ("reveal", "Reveal (R)", Qt.Key.Key_R),
                ("timer", "Timer (T)", Qt.Key.Key_T),
                ("blank", "Blank (.)", Qt.Key.Key_Period),
                ("end", "End (Esc)", Qt.Key.Key_Escape)):
            button = QPushButton(text)
            button.setAccessibleName(text.split(" (")[0].strip("◀▶ "))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the clicker
            button.clicked.connect(lambda _=False, k=key: self._send(k))
            self.buttons[name] = button
            row.addWidget(button)
        self.drug = QComboBox()
        self.drug.setAccessibleName("Drug highlighted on mechanism slides")
        self.drug.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.drug.addItem("All drugs (shared mechanism)", "")
        for drug in presenter.ctx.content.drugs():
            self.drug.addItem(drug.name, drug.id)
        self.drug.activated.connect(lambda _i: self._drug_chosen())
        self.drug_label = QLabel("&Drug:")
        self.drug_label.setBuddy(self.drug)
        row.addStretch(1)
        row.addWidget(self.drug_label)
        row.addWidget(self.drug)

        now_label = QLabel("Now")
        next_label = QLabel("Next")
        for label in (now_label, next_label):
            set_relative_font(label, 1.1, bold=True)
        grid = QGridLayout()
        grid.addWidget(now_label, 0, 0)
        grid.addWidget(self.current, 1, 0, 3, 1)
        grid.addWidget(next_label, 0, 1)
        grid.addWidget(self.next, 1, 1)
        notes_label = QLabel("Speaker notes")
        set_relative_font(notes_label, 1.1, bold=True)
        grid.addWidget(notes_label, 2, 1)
        grid.addWidget(self.notes, 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 2)
        grid.setRowStretch(3, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(grid, 1)
        layout.addWidget(self.votes)
        layout.addWidget(self.keys)
        layout.addLayout(row)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()
        presenter.state_changed.connect(self.refresh)
        self.refresh()

    # -- showing -----------------------------------------------------------------------------

    def projector_size(self) -> QSize:
        size = self.presenter.size()
        return size if size.width() > 100 and size.height() > 100 else QSize(1920, 1080)

    def refresh(self) -> None:
        presenter = self.presenter
        session = presenter.session
        if not session.slides:
            return
        index = session.index
        size = self.projector_size()
        self.current.show_slide(presenter, index, size)
        following = index + 1 if index + 1 < len(session.slides) else None
        self.next.show_slide(presenter, following, size, caption="End of the presentation")
        content = presenter.content(index)
        position, total = session.progress
        state = " · blank screen" if session.blanked else ""
        state += " · answer shown" if session.is_revealed() and content.hidden_until_reveal \
            else ""
        self.position.setText(f"Slide {position} of {total}{state}")
        notes = content.notes or "No notes for this slide."
        if self.notes.toPlainText() != notes:
            self.notes.setPlainText(notes)
        tally = session.tallies.get(index)
        if content.votable:
            counts = "  ".join(f"{k} {n}" for k, n in tally.as_list()) if tally else \
                "none yet"
            typed = f"   (typed {tally.typed}: press a letter)" if tally and tally.typed else ""
            self.votes.setText(f"Votes: {counts}{typed}")
        elif content.kind == "question":
            self.votes.setText("No show of hands for this question type: reveal with R.")
        else:
            self.votes.setText("")
        self.votes.setVisible(bool(self.votes.text()))
        is_step = content.kind == "step"
        self.drug.setVisible(is_step)
        self.drug_label.setVisible(is_step)
        index_of_drug = self.drug.findData(presenter.drug)
        if index_of_drug >= 0:
            self.drug.setCurrentIndex(index_of_drug)
        self._tick()

    def _tick(self) -> None:
        presenter = self.presenter
        self.clock.setText(QTime.currentTime().toString("HH:mm"))
        minutes, seconds = divmod(presenter.elapsed_seconds(), 60)
        hours, minutes = divmod(minutes, 60)
        self.elapsed.setText(f"{hours}:{minutes:02d}:{seconds:02d}" if hours
                             else f"{minutes:02d}:{seconds:02d}")
        if presenter.time_up:
            self.countdown.setText("Time is up")
        elif presenter.countdown_left:
            self.countdown.setText(f"Timer {presenter.countdown_left} s")
        else:
            self.countdown.setText("")

    # -- keys --------------------------------------------------------------------------------

    def _send(self, key: Qt.Key) -> None:
        text = {Qt.Key.Key_Period: ".", Qt.Key.Key_R: "r", Qt.Key.Key_T: "t"}.get(key, "")
        event = QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        self.presenter.handle_key(event)

    def _drug_chosen(self) -> None:
        self.presenter.set_drug(self.drug.currentData() or "")
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.presenter.handle_key(event):
            super().keyPressEvent(event)

    def show_on(self, screen) -> None:
        """Fill `screen` (the teacher's laptop) and take the keys."""
        self.setScreen(screen)
        self.setGeometry(screen.availableGeometry())
        self.showMaximized()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event) -> None:
        self.ticker.stop()
        presenter = self.presenter
        if presenter is not None and presenter.console is self and presenter.isVisible():
            presenter.close()  # closing the teacher's view ends the presentation
        super().closeEvent(event)
