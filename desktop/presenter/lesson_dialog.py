"""View > Lessons…: build a lesson quickly, present it, print it, see how the class did.

Left, the saved lessons (new, duplicate, delete, a suggested lesson per era and per topic to
start from, lesson files to share with a colleague, the class results). Middle, the lesson
being edited: its name and slides, reordered by dragging or with Ctrl+Up / Ctrl+Down.
Right, everything a lesson can hold, searched and filtered by kind, topic, era and drug,
with a preview of the whole record before it is added (Enter or "Add to lesson").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.content_format import TOPICS
from desktop.core.presenter.builder import (
    CANDIDATE_KINDS,
    CANDIDATE_NAMES,
    DRUGS,
    filter_candidates,
    lesson_candidates,
    preview_text,
    suggested_lessons,
)
from desktop.core.presenter.lessons import (
    LESSON_FILE_SUFFIX,
    LessonError,
    delete_lesson,
    duplicate_lesson,
    import_lesson,
    lesson_file_text,
    list_lessons,
    load_lesson,
    read_lesson_file,
    save_lesson,
)
from desktop.core.presenter.slides import KIND_LABELS, SlideRef, slide_content
from desktop.presenter.reorder_list import ReorderList

ROLE = Qt.ItemDataRole.UserRole


def slide_label(content, slide: SlideRef, resolve=None) -> str:
    try:
        item = slide_content(content, slide, resolve=resolve)
    except KeyError:
        return f"{KIND_LABELS.get(slide.kind, slide.kind)}: (missing) {slide.item_id}"
    prefix = f"{item.date} · " if slide.kind == "event" and item.date else ""
    return f"{KIND_LABELS.get(slide.kind, slide.kind)}: {prefix}{item.title}"


def _wrapping_list(name: str, kind: type[QListWidget] = QListWidget) -> QListWidget:
    """A list whose long entries wrap onto more lines instead of being cut off."""
    widget = kind()
    widget.setAccessibleName(name)
    widget.setWordWrap(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideNone)
    widget.setUniformItemSizes(False)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.setResizeMode(QListWidget.ResizeMode.Adjust)
    return widget


def _empty_note(listing: QListWidget, text: str) -> QLabel:
    """A muted note inside an empty list saying how to fill it (shown while it is empty)."""
    note = QLabel(text)
    note.setWordWrap(True)
    note.setProperty("role", "muted")
    note.setTextFormat(Qt.TextFormat.PlainText)
    layout = QVBoxLayout(listing.viewport())
    layout.addWidget(note)
    layout.addStretch(1)
    return note


class HandoutDialog(QDialog):
    """Handout options: 2, 4 or 6 slides per page, lines for notes, the paper size."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        from desktop.core.presenter.handout import PAPER_LABELS, PER_PAGE

        self.ctx = ctx
        self.setWindowTitle("Handout")
        self.setAccessibleName("Handout options")
        settings = ctx.settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.per_page = QButtonGroup(self)
        remembered = str(settings.state_value("handout/per_page", "4"))
        for count in PER_PAGE:
            button = QRadioButton(f"&{count} per page")
            button.setAccessibleName(f"{count} slides per page")
            button.setChecked(str(count) == remembered)
            self.per_page.addButton(button, count)
            row.addWidget(button)
        if self.per_page.checkedId() < 0:
            self.per_page.button(4).setChecked(True)
        form.addRow("Slides:", row)
        self.lines = QCheckBox("&Lines for notes under each slide")
        self.lines.setChecked(str(settings.state_value("handout/lines", "true")) != "false")
        form.addRow(self.lines)
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        for key, label in PAPER_LABELS.items():
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(
            str(settings.state_value("handout/paper", "A4")))))
        form.addRow("&Paper:", self.paper)
        layout.addLayout(form)
        note = QLabel("Questions and terms are printed without answers; the answer key and "
                      "the sources follow on the last pages.")
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        export = buttons.addButton("Export PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        export.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self):
        from desktop.presenter.handout import HandoutOptions

        return HandoutOptions(self.per_page.checkedId(), self.lines.isChecked(),
                              self.paper.currentData())

    def _accept(self) -> None:
        settings = self.ctx.settings
        options = self.options()
        settings.set_state_value("handout/per_page", str(options.per_page))
        settings.set_state_value("handout/lines", "true" if options.lines else "false")
        settings.set_state_value("handout/paper", options.paper)
        self.accept()


class ResultsDialog(QDialog):
    """How the class did: each presentation of a lesson, each question's tally; CSV."""

    def __init__(self, ctx, lesson_id: int | None, lesson_name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        from desktop.core.presenter.results import list_runs

        self.ctx = ctx
        self.lesson_name = lesson_name
        self.setWindowTitle(f"Class results: {lesson_name}")
        self.setAccessibleName("Class results")
        self.resize(900, 520)
        self.runs = list_runs(ctx.user, lesson_id, None if lesson_id else lesson_name)
        layout = QVBoxLayout(self)
        self.run_list = _wrapping_list("Presentations")
        for run in self.runs:
            item = QListWidgetItem(run.summary())
            item.setData(ROLE, run.id)
            self.run_list.addItem(item)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("Questions and votes")
        self.table.setHorizontalHeaderLabels(["Slide", "Question", "Votes", "Right",
                                              "Most chosen wrong"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel("No class results yet: present this lesson, record the show of "
                            "hands with the letter keys, and the votes are kept here when "
                            "the presentation ends.")
        self.empty.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.run_list)
        splitter.addWidget(self.table)
        splitter.setSizes([140, 360])
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export = buttons.addButton("Export CSV…", QDialogButtonBox.ButtonRole.ActionRole)
        self.export.clicked.connect(lambda: self.export_csv())
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.empty.setVisible(not self.runs)
        splitter.setVisible(bool(self.runs))
        self.export.setEnabled(bool(self.runs))
        self.run_list.currentRowChanged.connect(self._show_run)
        if self.runs:
            self.run_list.setCurrentRow(0)

    def _show_run(self, row: int) -> None:
        self.table.setRowCount(0)
        if not 0 <= row < len(self.runs):
            return
        run = self.runs[row]
        self.table.setRowCount(len(run.questions))
        for r, q in enumerate(run.questions):
            wrong = q.top_wrong
            values = [str(q.slide), q.question, str(q.total),
                      f"{q.share_right:.0%} ({', '.join(q.correct) or '-'})",
                      f"{wrong[0]} ({wrong[1]})" if wrong else "none"]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()

    def export_csv(self, path: str | None = None) -> Path | None:
        from desktop.core.files import write_atomically
        from desktop.core.presenter.results import results_csv

        if path is None:
            default = str(self.ctx.atlas.paths.exports_dir
                          / f"{_safe_file_name(self.lesson_name)} results.csv")
            path, _ = QFileDialog.getSaveFileName(self, "Export class results", default,
                                                  "CSV files (*.csv)")
            if not path:
                return None
        try:
            return write_atomically(Path(path), results_csv(self.runs), make_folder=True)
        except OSError as exc:
            QMessageBox.warning(self, "Export class results",
                                f"The results could not be saved: {exc.strerror or exc}. "
                                "Choose another folder.")
            return None


def _safe_file_name(name: str) -> str:
    kept = "".join(ch if ch.isalnum() or ch in " -_()" else " " for ch in name)
    return " ".join(kept.split())[:80] or "lesson"


class LessonDialog(QDialog):
    """Create, edit, delete, duplicate, share, print and present lessons.

    Signals:
        present_requested(str, list, object): (title, slides, lesson id or None).
    """

    present_requested = Signal(str, list, object)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        from desktop.presenter.presenter_window import question_resolver

        self.ctx = ctx
        self.resolve = question_resolver(ctx)
        self.current_id: int | None = None
        self.setWindowTitle("Lessons")
        self.setAccessibleName("Lessons")
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1240, screen.width() - 40), min(760, screen.height() - 60))
        content = ctx.content
        self.candidates = lesson_candidates(content)
        self.suggestions = suggested_lessons(content)

        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        for part in (self._lessons_pane(), self._lesson_pane(), self._candidates_pane()):
            splitter.addWidget(part)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([230, 380, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Lesson status")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # file and lesson names: untrusted
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Find, self,
                  lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        # No default button: Enter adds the chosen record; it must never press "New".
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.reload()
        self._filter()

    # -- panes -------------------------------------------------------------------------------

    def _lessons_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 4, 0)
        title = QLabel("Sa&ved lessons")
        self.lessons = _wrapping_list("Saved lessons")
        self.no_lessons = _empty_note(self.lessons, "No saved lessons yet: add slides or start "
                                      "from a suggestion, name the lesson and Save.")
        title.setBuddy(self.lessons)
        layout.addWidget(title)
        layout.addWidget(self.lessons, 1)
        grid = QGridLayout()
        buttons = {}
        for i, (key, text, handler) in enumerate((
                ("new", "&New", self.new_lesson),
                ("duplicate", "Dup&licate", self.duplicate_current),
                ("delete", "&Delete", self.delete_current),
                ("results", "&Class results…", self.show_results),
                ("import", "Imp&ort…", self.import_file),
                ("export", "E&xport…", self.export_file))):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, h=handler: h())
            grid.addWidget(button, i // 2, i % 2)
            buttons[key] = button
        buttons["import"].setToolTip("Import a lesson file from a colleague")
        buttons["export"].setToolTip("Save this lesson as a file to share")
        buttons["import"].setAccessibleName("Import a lesson file")
        buttons["export"].setAccessibleName("Export the lesson as a file")
        layout.addLayout(grid)
        suggestion_label = QLabel("Start &from a suggestion:")
        self.suggestion = QComboBox()
        self.suggestion.setAccessibleName("Suggested lessons")
        self.suggestion.addItem("Choose an era or a topic…", None)
        for suggestion in self.suggestions:
            self.suggestion.addItem(f"{suggestion.name} ({len(suggestion.slides)} slides)",
                                    suggestion.key)
        suggestion_label.setBuddy(self.suggestion)
        self.suggestion.activated.connect(lambda _i: self.use_suggestion())
        self.suggestion.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.suggestion.setMinimumContentsLength(12)
        layout.addWidget(suggestion_label)
        layout.addWidget(self.suggestion)
        self.lessons.currentItemChanged.connect(self._lesson_chosen)
        return pane

    def _lesson_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(4, 0, 4, 0)
        name_label = QLabel("Lesson na&me:")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Lesson name")
        self.name.setAccessibleName("Lesson name")
        self.name.setMaxLength(120)
        name_label.setBuddy(self.name)
        layout.addWidget(name_label)
        layout.addWidget(self.name)
        slides_label = QLabel("Sl&ides (drag, or Ctrl+Up / Ctrl+Down to move):")
        # Rows move by mouse drag without the platform's drag-and-drop (see ReorderList).
        self.slides = _wrapping_list("Slides of the lesson", ReorderList)
        self.no_slides = _empty_note(self.slides, "No slides yet: search on the right and "
                                     "press Enter to add, or start from a suggestion.")
        slides_label.setBuddy(self.slides)
        layout.addWidget(slides_label)
        layout.addWidget(self.slides, 1)
        self.count = QLabel()
        self.count.setAccessibleName("Slide count")
        layout.addWidget(self.count)
        row = QHBoxLayout()
        for text, tip, handler in (("Move up", "Ctrl+Up", lambda: self.move(-1)),
                                   ("Move down", "Ctrl+Down", lambda: self.move(1)),
                                   ("&Remove", "Delete", self.remove_selected)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, h=handler: h())
            row.addWidget(button)
        layout.addLayout(row)
        row = QHBoxLayout()
        for text, handler in (("&Save", self.save), ("&Handout…", self.export_handout),
                              ("&Present", self.present)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, h=handler: h())
            row.addWidget(button)
        self.handout_button = row.itemAt(1).widget()
        self.handout_button.setAccessibleName("Export a PDF handout")
        self.handout_button.setToolTip("Export a PDF handout: 2, 4 or 6 slides per page")
        layout.addLayout(row)
        self.slides.installEventFilter(self)
        self.slides.moved.connect(lambda *_: self._count_slides())
        return pane

    def _candidates_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(4, 0, 0, 0)
        search_label = QLabel("Add slides: search (Ctrl+F)")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Words from a title or text (Ctrl+F)")
        self.search.setAccessibleName("Search slides to add")
        self.search.setClearButtonEnabled(True)
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        filters = QGridLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        self.kind.addItem("All kinds", None)
        for key, label in CANDIDATE_KINDS.items():
            self.kind.addItem(label, key)
        self.topic = QComboBox()
        self.topic.setAccessibleName("Topic")
        self.topic.addItem("All topics", None)
        for key, label in TOPICS.items():
            self.topic.addItem(label, key)
        self.era = QComboBox()
        self.era.setAccessibleName("Era")
        self.era.addItem("All eras", None)
        for era in self.ctx.content.eras():  # "1998–2004 Return to the clinic…": type a year
            self.era.addItem(f"{era.start[:4]}–{era.end[:4] if era.end else 'today'} "
                             f"{era.name}", era.id)
        self.drug = QComboBox()
        self.drug.setAccessibleName("Drug")
        self.drug.addItem("All drugs", None)
        for drug_id in DRUGS:
            self.drug.addItem(drug_id.capitalize(), drug_id)
        for i, (text, combo) in enumerate((("&Kind:", self.kind), ("&Topic:", self.topic),
                                           ("&Era:", self.era), ("Dr&ug:", self.drug))):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label, i // 2, (i % 2) * 2)
            filters.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            combo.currentIndexChanged.connect(lambda _i: self._filter())
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        layout.addLayout(filters)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.candidate_list = _wrapping_list("Slides to add")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview of the record")
        splitter.addWidget(self.candidate_list)
        splitter.addWidget(self.preview)
        splitter.setSizes([330, 200])
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.found = QLabel()
        self.found.setAccessibleName("Matches")
        add = QPushButton("&Add to lesson")
        add.setToolTip("Add the chosen record (Enter in the list)")
        add.clicked.connect(lambda: self.add_current())
        row.addWidget(self.found, 1)
        row.addWidget(add)
        layout.addLayout(row)
        for index, candidate in enumerate(self.candidates):
            item = QListWidgetItem(f"{CANDIDATE_NAMES[candidate.kind]}: {candidate.label}")
            item.setData(ROLE, index)
            item.setToolTip(candidate.label)
            self.candidate_list.addItem(item)
        self.search.textChanged.connect(lambda _t: self._filter())
        self.search.installEventFilter(self)
        self.candidate_list.currentItemChanged.connect(self._preview)
        self.candidate_list.itemDoubleClicked.connect(lambda _item: self.add_current())
        self.candidate_list.installEventFilter(self)
        return pane

    # -- keys --------------------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:
        """Slides: Ctrl+Up / Ctrl+Down move the selected slide, Delete removes it.
        Search: Down goes to the matches, Enter adds the chosen (or first) match."""
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if obj is self.slides:
                ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
                if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                    self.move(-1 if key == Qt.Key.Key_Up else 1)
                    return True
                if key == Qt.Key.Key_Delete:
                    self.remove_selected()
                    return True
            elif obj is self.candidate_list and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.add_current()
                return True
            elif obj is self.search:
                if key == Qt.Key.Key_Down:
                    self._focus_matches()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.add_current()
                    return True
        return super().eventFilter(obj, event)

    def _focus_matches(self) -> None:
        current = self.candidate_list.currentItem()
        if current is None or current.isHidden():
            first = self._visible_rows()
            if first:
                self.candidate_list.setCurrentRow(first[0])
        self.candidate_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _visible_rows(self) -> list[int]:
        return [r for r in range(self.candidate_list.count())
                if not self.candidate_list.item(r).isHidden()]

    # -- candidates --------------------------------------------------------------------------

    def _filter(self) -> None:
        shown = {c.key for c in filter_candidates(
            self.candidates, self.search.text(), self.kind.currentData(),
            self.topic.currentData(), self.era.currentData(), self.drug.currentData())}
        listing = self.candidate_list
        listing.setUpdatesEnabled(False)
        for row in range(listing.count()):
            item = listing.item(row)
            item.setHidden(self.candidates[item.data(ROLE)].key not in shown)
        listing.setUpdatesEnabled(True)
        self.found.setText(f"{len(shown)} match{'es' if len(shown) != 1 else ''}")
        current = listing.currentItem()
        if current is None or current.isHidden():
            rows = self._visible_rows()
            listing.setCurrentRow(rows[0] if rows else -1)

    def current_candidate(self):
        item = self.candidate_list.currentItem()
        if item is None or item.isHidden():
            return None
        return self.candidates[item.data(ROLE)]

    def _preview(self, *_args) -> None:
        candidate = self.current_candidate()
        self.preview.setPlainText(
            preview_text(self.ctx.content, candidate, self.resolve) if candidate else "")

    def add_current(self) -> None:
        candidate = self.current_candidate()
        if candidate is None:
            self.message.setText("Nothing matches: change the search or the filters.")
            return
        for slide in candidate.slides:
            self._append(slide)
        self.slides.setCurrentRow(self.slides.count() - 1)
        self.slides.scrollToItem(self.slides.currentItem())
        added = len(candidate.slides)
        self.message.setText(f"Added {added} slide{'s' if added != 1 else ''}: "
                             f"{candidate.title}.")

    # -- lessons -----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self.lessons.blockSignals(True)
        self.lessons.clear()
        for lesson in list_lessons(self.ctx.user):
            item = QListWidgetItem(f"{lesson.name} ({len(lesson.slides)} slides)")
            item.setData(ROLE, lesson.id)
            self.lessons.addItem(item)
            if lesson.id == select:
                self.lessons.setCurrentItem(item)
        self.lessons.blockSignals(False)
        self.no_lessons.setVisible(self.lessons.count() == 0)

    def _lesson_chosen(self, item, _previous=None) -> None:
        if item is None:
            return
        lesson = load_lesson(self.ctx.user, item.data(ROLE))
        if lesson is None:
            self.reload()
            return
        self.current_id = lesson.id
        self.name.setText(lesson.name)
        self.set_slides(list(lesson.slides))

    def new_lesson(self) -> None:
        self.current_id = None
        self.name.clear()
        self.slides.clear()
        self._count_slides()
        self.lessons.clearSelection()
        self.lessons.setCurrentItem(None)
        self.name.setFocus()

    def duplicate_current(self) -> None:
        if self.current_id is None:
            self.message.setText("Save the lesson before duplicating it.")
            return
        try:
            new_id = duplicate_lesson(self.ctx.user, self.current_id)
        except LessonError as exc:
            self.message.setText(str(exc))
            return
        self.reload(select=new_id)
        self._lesson_chosen(self.lessons.currentItem())
        self.message.setText(f"Duplicated as {self.name.text()!r}: change it freely.")

    def delete_current(self) -> None:
        if self.current_id is None:
            return
        from desktop.widgets.safe_text import ask  # a lesson's name may come from a file

        if ask(self, "Delete lesson", f"Delete the lesson {self.name.text()!r} and its class "
               "results?"):
            delete_lesson(self.ctx.user, self.current_id)
            self.new_lesson()
            self.reload()

    def use_suggestion(self) -> None:
        key = self.suggestion.currentData()
        suggestion = next((s for s in self.suggestions if s.key == key), None)
        if suggestion is None:
            return
        self.new_lesson()
        self.name.setText(suggestion.name)
        self.set_slides(list(suggestion.slides))
        self.suggestion.setCurrentIndex(0)
        self.message.setText(f"Started from the suggested lesson {suggestion.name!r}: change "
                             "it as you like, then Save.")
        self.slides.setFocus()

    # -- slides ------------------------------------------------------------------------------

    def set_slides(self, slides: list[SlideRef]) -> None:
        self.slides.clear()
        for slide in slides:
            self._append(slide)
        self._count_slides()

    def _append(self, slide: SlideRef) -> None:
        item = QListWidgetItem(slide_label(self.ctx.content, slide, self.resolve))
        item.setData(ROLE, slide)
        self.slides.addItem(item)
        self._count_slides()

    def _count_slides(self) -> None:
        slides = self.current_slides()
        questions = sum(1 for s in slides if s.kind == "question")
        self.count.setText(f"{len(slides)} slide{'s' if len(slides) != 1 else ''}, "
                           f"{questions} question{'s' if questions != 1 else ''}")
        self.no_slides.setVisible(not slides)

    def current_slides(self) -> list[SlideRef]:
        return [self.slides.item(i).data(ROLE) for i in range(self.slides.count())]

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
            self._count_slides()

    # -- actions -----------------------------------------------------------------------------

    def save(self) -> bool:
        try:
            self.current_id = save_lesson(self.ctx.user, self.name.text(),
                                          self.current_slides(), self.current_id)
        except LessonError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(f"Saved {self.name.text().strip()!r}.")
        self.reload(select=self.current_id)
        return True

    def title(self) -> str:
        return " ".join(self.name.text().split()) or "Lesson"

    def export_handout(self, path: str | None = None, options=None) -> Path | None:
        """Choose the handout's layout, then where to write the PDF, and write it."""
        slides = self.current_slides()
        if not slides:
            self.message.setText("Add slides before exporting a handout.")
            return None
        if options is None:
            dialog = HandoutDialog(self.ctx, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            options = dialog.options()
        if path is None:
            default = str(self.ctx.atlas.paths.exports_dir
                          / f"{_safe_file_name(self.title())} handout.pdf")
            path, _ = QFileDialog.getSaveFileName(self, "Export PDF handout", default,
                                                  "PDF files (*.pdf)")
            if not path:
                return None
        from desktop.presenter.handout import write_handout

        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            written = write_handout(self.ctx.content, slides, self.title(), target, options,
                                    self.resolve)
        except OSError as exc:
            self.message.setText(f"The handout could not be written: {exc.strerror or exc}. "
                                 "Choose another folder.")
            return None
        self.message.setText(f"Handout written to {written}.")
        return written

    def export_file(self, path: str | None = None) -> Path | None:
        """Save the lesson as a plain lesson file to share."""
        slides = self.current_slides()
        if not slides:
            self.message.setText("Add slides before exporting the lesson.")
            return None
        if path is None:
            default = str(self.ctx.atlas.paths.exports_dir
                          / f"{_safe_file_name(self.title())}{LESSON_FILE_SUFFIX}")
            path, _ = QFileDialog.getSaveFileName(self, "Export lesson", default,
                                                  "Lesson files (*.json)")
            if not path:
                return None
        from desktop.core.files import write_atomically

        try:
            written = write_atomically(Path(path), lesson_file_text(self.title(), slides))
        except OSError as exc:
            self.message.setText(f"The lesson could not be saved: {exc.strerror or exc}. "
                                 "Choose another folder.")
            return None
        self.message.setText(f"Lesson saved as {written}: send this file to a colleague, who "
                             "opens it with Import.")
        return written

    def import_file(self, path: str | None = None) -> int | None:
        """Read a colleague's lesson file and save it as a new lesson."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, "Import lesson", str(self.ctx.atlas.paths.exports_dir),
                "Lesson files (*.json);;All files (*)")
            if not path:
                return None
        try:
            data = Path(path).read_bytes()
            lesson = read_lesson_file(data)
            lesson_id, left_out = import_lesson(self.ctx.user, self.ctx.content, lesson,
                                                self.resolve)
        except LessonError as exc:
            self.message.setText(f"{Path(path).name}: {exc}")
            return None
        except OSError as exc:
            self.message.setText(f"{Path(path).name} could not be read: "
                                 f"{exc.strerror or exc}.")
            return None
        self.reload(select=lesson_id)
        self._lesson_chosen(self.lessons.currentItem())
        note = (f" {left_out} slide{'s were' if left_out != 1 else ' was'} left out: not in "
                "this app's content.") if left_out else ""
        self.message.setText(f"Imported {self.name.text()!r}.{note}")
        return lesson_id

    def show_results(self) -> None:
        if self.current_id is None and not self.name.text().strip():
            self.message.setText("Choose a lesson to see its class results.")
            return
        dialog = ResultsDialog(self.ctx, self.current_id, self.title(), self)
        dialog.exec()

    def present(self) -> None:
        slides = self.current_slides()
        if not slides:
            self.message.setText("Add slides before presenting.")
            return
        if self.name.text().strip():
            self.save()  # results are kept with the saved lesson
        self.present_requested.emit(self.title(), slides, self.current_id)
        self.accept()
