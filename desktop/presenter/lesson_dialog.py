"""View > Lessons…: compose a lesson from timeline slides, questions and terms.

Left, the saved lessons; right, the lesson being edited (its name and slides, reordered with
Ctrl+Up/Ctrl+Down or by dragging) and a picker to add events, eras, questions and terms.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.text import fold
from desktop.core.presenter.lessons import LessonError, delete_lesson, list_lessons, save_lesson
from desktop.core.presenter.slides import SlideRef, slide_content

ROLE = Qt.ItemDataRole.UserRole
KIND_LABELS = {"event": "Event", "era": "Era", "question": "Question", "term": "Term",
               "step": "Mechanism step"}


def slide_label(content, slide: SlideRef) -> str:
    try:
        item = slide_content(content, slide)
    except KeyError:
        return f"{KIND_LABELS.get(slide.kind, slide.kind)}: (missing) {slide.item_id}"
    prefix = f"{item.kicker} · " if slide.kind == "event" and item.kicker else ""
    return f"{KIND_LABELS.get(slide.kind, slide.kind)}: {prefix}{item.title}"


class LessonDialog(QDialog):
    """Create, edit, delete, export and start lessons.

    Signals:
        present_requested(str, list): (title, slides) to present now.
    """

    present_requested = Signal(str, list)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        self.setWindowTitle("Lessons")
        self.setAccessibleName("Lessons")
        self.resize(1000, 640)

        self.lessons = QListWidget()
        self.lessons.setAccessibleName("Saved lessons")
        new = QPushButton("&New lesson")
        delete = QPushButton("&Delete")
        left = QVBoxLayout()
        left.addWidget(QLabel("Saved lessons"))
        left.addWidget(self.lessons, 1)
        row = QHBoxLayout()
        row.addWidget(new)
        row.addWidget(delete)
        left.addLayout(row)

        self.name = QLineEdit()
        self.name.setPlaceholderText("Lesson name")
        self.name.setAccessibleName("Lesson name")
        self.slides = QListWidget()
        self.slides.setAccessibleName("Slides of the lesson")
        self.slides.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        up = QPushButton("Move &up")
        down = QPushButton("Move d&own")
        remove = QPushButton("&Remove")
        middle = QVBoxLayout()
        middle.addWidget(self.name)
        middle.addWidget(self.slides, 1)
        row = QHBoxLayout()
        for button in (up, down, remove):
            row.addWidget(button)
        middle.addLayout(row)
        save = QPushButton("&Save")
        handout = QPushButton("Export PDF &handout…")
        present = QPushButton("&Present")
        row = QHBoxLayout()
        for button in (save, handout, present):
            row.addWidget(button)
        middle.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Lesson status")
        middle.addWidget(self.message)

        self.picker_filter = QLineEdit()
        self.picker_filter.setPlaceholderText("Filter…")
        self.picker_filter.setAccessibleName("Filter items to add")
        self.tabs = QTabWidget()
        self.pickers: dict[str, QListWidget] = {}
        content = ctx.content
        sources = {
            "event": [SlideRef("event", e.id) for e in content.events()],
            "era": [SlideRef("era", e.id) for e in content.eras()],
            "question": [SlideRef("question", q.id) for q in content.questions()],
            "term": [SlideRef("term", t.id) for t in content.terms()],
        }
        for kind, refs in sources.items():
            picker = QListWidget()
            picker.setAccessibleName(f"{KIND_LABELS[kind]}s to add")
            for ref in refs:
                item = QListWidgetItem(slide_label(content, ref).split(": ", 1)[1])
                item.setData(ROLE, ref)
                picker.addItem(item)
            picker.itemActivated.connect(self._add_item)
            self.pickers[kind] = picker
            self.tabs.addTab(picker, f"{KIND_LABELS[kind]}s")
        add = QPushButton("&Add to lesson")
        right = QVBoxLayout()
        right.addWidget(self.picker_filter)
        right.addWidget(self.tabs, 1)
        right.addWidget(add)

        splitter = QSplitter()
        for part in (left, middle, right):
            holder = QWidget()
            holder.setLayout(part)
            splitter.addWidget(holder)
        splitter.setSizes([220, 420, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        new.clicked.connect(self.new_lesson)
        delete.clicked.connect(self.delete_current)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        remove.clicked.connect(self.remove_selected)
        save.clicked.connect(self.save)
        handout.clicked.connect(self.export_handout)
        present.clicked.connect(self.present)
        add.clicked.connect(lambda: self._add_item(self.tabs.currentWidget().currentItem()))
        self.lessons.currentItemChanged.connect(self._lesson_chosen)
        self.picker_filter.textChanged.connect(self._filter)
        self.slides.installEventFilter(self)
        self.reload()

    def eventFilter(self, obj, event) -> bool:
        """Ctrl+Up / Ctrl+Down move the selected slide; Delete removes it."""
        if obj is self.slides and event.type() == QEvent.Type.KeyPress:
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_selected()
                return True
        return super().eventFilter(obj, event)

    # -- lessons -----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self.lessons.blockSignals(True)
        self.lessons.clear()
        for lesson in list_lessons(self.ctx.user):
            item = QListWidgetItem(f"{lesson.name} ({len(lesson.slides)})")
            item.setData(ROLE, lesson)
            self.lessons.addItem(item)
            if lesson.id == select:
                self.lessons.setCurrentItem(item)
        self.lessons.blockSignals(False)

    def _lesson_chosen(self, item, _previous=None) -> None:
        if item is None:
            return
        lesson = item.data(ROLE)
        self.current_id = lesson.id
        self.name.setText(lesson.name)
        self.set_slides(list(lesson.slides))

    def new_lesson(self) -> None:
        self.current_id = None
        self.name.clear()
        self.slides.clear()
        self.lessons.clearSelection()
        self.name.setFocus()

    def delete_current(self) -> None:
        if self.current_id is None:
            return
        answer = QMessageBox.question(self, "Delete lesson",
                                      f"Delete the lesson {self.name.text()!r}?")
        if answer == QMessageBox.StandardButton.Yes:
            delete_lesson(self.ctx.user, self.current_id)
            self.new_lesson()
            self.reload()

    # -- slides ------------------------------------------------------------------------------

    def set_slides(self, slides: list[SlideRef]) -> None:
        self.slides.clear()
        for slide in slides:
            self._append(slide)

    def _append(self, slide: SlideRef) -> None:
        item = QListWidgetItem(slide_label(self.ctx.content, slide))
        item.setData(ROLE, slide)
        self.slides.addItem(item)

    def current_slides(self) -> list[SlideRef]:
        return [self.slides.item(i).data(ROLE) for i in range(self.slides.count())]

    def _add_item(self, item) -> None:
        if item is not None:
            self._append(item.data(ROLE))
            self.slides.setCurrentRow(self.slides.count() - 1)

    def move(self, step: int) -> None:
        row = self.slides.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.slides.count():
            return
        item = self.slides.takeItem(row)
        self.slides.insertItem(target, item)
        self.slides.setCurrentRow(target)

    def remove_selected(self) -> None:
        row = self.slides.currentRow()
        if row >= 0:
            self.slides.takeItem(row)

    def _filter(self, text: str) -> None:
        needle = fold(text.strip())
        for picker in self.pickers.values():
            for row in range(picker.count()):
                item = picker.item(row)
                item.setHidden(bool(needle) and needle not in fold(item.text()))

    # -- actions -----------------------------------------------------------------------------

    def save(self) -> bool:
        try:
            self.current_id = save_lesson(self.ctx.user, self.name.text(),
                                          self.current_slides(), self.current_id)
        except LessonError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(f"Saved {self.name.text()!r}.")
        self.reload(select=self.current_id)
        return True

    def export_handout(self, path: str | None = None) -> Path | None:
        slides = self.current_slides()
        if not slides:
            self.message.setText("Add slides before exporting a handout.")
            return None
        title = self.name.text().strip() or "Lesson"
        if path is None:
            default = str(self.ctx.atlas.paths.exports_dir / f"{title}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, "Export PDF handout", default,
                                                  "PDF files (*.pdf)")
            if not path:
                return None
        from desktop.presenter.handout import write_handout

        written = write_handout(self.ctx.content, slides, title, Path(path))
        self.message.setText(f"Handout written to {written}.")
        return written

    def present(self) -> None:
        slides = self.current_slides()
        if slides:
            self.present_requested.emit(self.name.text().strip() or "Lesson", slides)
            self.accept()
