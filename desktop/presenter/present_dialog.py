"""View > Present… (F5): choose what to present, on which screen, in which theme."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.content_format import LANES, TERM_CATEGORIES, TOPICS
from desktop.core.presenter import slides as core
from desktop.core.presenter.lessons import available_slides, list_lessons

MODES = (
    ("timeline", "Timeline story: one event per slide"),
    ("quiz", "Quiz: predict, then reveal"),
    ("glossary", "Term spotlight: define it, then reveal"),
    ("mechanism", "Mechanism: step by step"),
    ("lesson", "A saved lesson"),
)


class PresentDialog(QDialog):
    """Collects the presenter's choices; `slides()` builds the sequence from them."""

    def __init__(self, ctx, parent: QWidget | None = None, mode: str = "timeline"):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Present")
        self.setAccessibleName("Present")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.mode = QComboBox()
        self.mode.setAccessibleName("What to present")
        for key, label in MODES:
            self.mode.addItem(label, key)
        form.addRow("&Present:", self.mode)
        layout.addLayout(form)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._timeline_page())
        self.pages.addWidget(self._quiz_page())
        self.pages.addWidget(self._glossary_page())
        self.pages.addWidget(self._mechanism_page())
        self.pages.addWidget(self._lesson_page())
        layout.addWidget(self.pages)
        screen_form = QFormLayout()
        self.screen = QComboBox()
        self.screen.setAccessibleName("Screen")
        for index, screen in enumerate(QGuiApplication.screens()):
            size = screen.geometry().size()
            self.screen.addItem(f"{index + 1}: {screen.name()} ({size.width()}×{size.height()})",
                                index)
        primary = QGuiApplication.screens().index(QGuiApplication.primaryScreen())
        self.screen.setCurrentIndex(primary)
        self.screen_label = QLabel("&Screen:")
        self.screen_label.setBuddy(self.screen)
        screen_form.addRow(self.screen_label, self.screen)
        several = len(QGuiApplication.screens()) > 1
        self.screen.setVisible(several)
        self.screen_label.setVisible(several)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Presenter theme")
        for key, label in (("high-contrast", "High contrast (projectors)"), ("dark", "Dark"),
                           ("light", "Light")):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(ctx.settings.presenter_theme)))
        screen_form.addRow("&Theme:", self.theme)
        layout.addLayout(screen_form)
        keys = QLabel("Clicker keys: → ↓ PageDown Space next · ← ↑ PageUp back · . or B blank · "
                      "R reveal · A–E votes (type a number first for a count) · T timer · "
                      "S save the votes as CSV · Ctrl+= / Ctrl+- text size · Ctrl+T theme · "
                      "Esc leave")
        keys.setWordWrap(True)
        keys.setProperty("role", "muted")
        layout.addWidget(keys)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start = buttons.addButton("Start presenting", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.mode.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))
        self.pages.setCurrentIndex(self.mode.currentIndex())

    # -- pages -------------------------------------------------------------------------------

    def _timeline_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.lane = QComboBox()
        self.lane.setAccessibleName("Lane")
        self.lane.addItem("All lanes", None)
        for key, label in LANES.items():
            self.lane.addItem(label, key)
        self.era = QComboBox()
        self.era.setAccessibleName("Era")
        self.era.addItem("All eras", None)
        for era in self.ctx.content.eras():
            self.era.addItem(era.name, era.id)
        self.overviews = QCheckBox("Open each era with an overview slide")
        self.overviews.setChecked(True)
        form.addRow("&Lane:", self.lane)
        form.addRow("&Era:", self.era)
        form.addRow(self.overviews)
        return page

    def _quiz_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.topic = QComboBox()
        self.topic.setAccessibleName("Topic")
        self.topic.addItem("All topics", None)
        for key, label in TOPICS.items():
            self.topic.addItem(label, key)
        self.count = QSpinBox()
        self.count.setRange(1, 100)
        self.count.setValue(10)
        self.count.setAccessibleName("Number of questions")
        self.question_source = QComboBox()
        self.question_source.setAccessibleName("Questions from")
        self.question_source.addItem("The question bank", "bank")
        self.question_source.addItem("Generated from the timeline (which came first, order, "
                                     "year)", "generated")
        if self.ctx.user is not None:  # teachers' GIFT/CSV question sets (File > Import)
            from desktop.core.quiz.question_sets import list_sets

            for qset in list_sets(self.ctx.user):
                self.question_source.addItem(f"Imported set: {qset.name}", f"set:{qset.id}")
        form.addRow("&Topic:", self.topic)
        form.addRow("&Questions:", self.count)
        form.addRow("&From:", self.question_source)
        return page

    def _glossary_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.category.addItem("All categories", None)
        for key, label in TERM_CATEGORIES.items():
            self.category.addItem(label, key)
        self.term_count = QSpinBox()
        self.term_count.setRange(1, 100)
        self.term_count.setValue(10)
        self.term_count.setAccessibleName("Number of terms")
        form.addRow("&Category:", self.category)
        form.addRow("&Terms:", self.term_count)
        return page

    def _mechanism_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        steps = len(self.ctx.content.diagram("step"))
        label = QLabel(f"The mechanism narration: {steps} steps." if steps else
                       "The mechanism narration is not in this content.")
        label.setWordWrap(True)
        layout.addWidget(label)
        return page

    def _lesson_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.lesson = QComboBox()
        self.lesson.setAccessibleName("Lesson")
        user = self.ctx.user
        for lesson in (list_lessons(user) if user else []):
            self.lesson.addItem(f"{lesson.name} ({len(lesson.slides)} slides)", lesson.id)
        if not self.lesson.count():
            self.lesson.addItem("No saved lessons yet (View > Lessons…)", None)
        form.addRow("&Lesson:", self.lesson)
        return page

    # -- result ------------------------------------------------------------------------------

    def selected_mode(self) -> str:
        return self.mode.currentData()

    def selected_screen(self):
        screens = QGuiApplication.screens()
        index = self.screen.currentData()
        return screens[index] if index is not None and index < len(screens) else None

    def selected_theme(self) -> str:
        return self.theme.currentData()

    def title(self) -> str:
        mode = self.selected_mode()
        if mode == "lesson":
            return self.lesson.currentText().rsplit(" (", 1)[0]
        return dict(MODES)[mode].split(":")[0]

    def slides(self) -> list[core.SlideRef]:
        """The slide sequence for the current choices."""
        content = self.ctx.content
        mode = self.selected_mode()
        if mode == "timeline":
            return core.timeline_story(content, self.lane.currentData(), self.era.currentData(),
                                       self.overviews.isChecked())
        if mode == "quiz":
            if self.question_source.currentData() == "generated":
                return core.generated_timeline_set(content, self.count.value(), seed=_seed())
            if str(self.question_source.currentData()).startswith("set:"):
                from desktop.core.quiz.question_sets import set_questions

                set_id = int(self.question_source.currentData().split(":", 1)[1])
                return core.question_set(set_questions(self.ctx.user, set_id),
                                         self.topic.currentData(), self.count.value(),
                                         seed=_seed())
            return core.question_set(content.questions(), self.topic.currentData(),
                                     self.count.value(), seed=_seed())
        if mode == "glossary":
            return core.term_spotlight(content.terms(), self.category.currentData(),
                                       count=self.term_count.value(), seed=_seed())
        if mode == "mechanism":
            steps = sorted(content.diagram("step"), key=lambda s: s.get("order", 0))
            return [core.SlideRef("step", s["id"]) for s in steps]
        lesson_id = self.lesson.currentData()
        if lesson_id is None or self.ctx.user is None:
            return []
        from desktop.core.presenter.lessons import load_lesson

        lesson = load_lesson(self.ctx.user, lesson_id)
        return available_slides(content, list(lesson.slides)) if lesson else []


def _seed() -> int:
    import time

    return int(time.time())


def mode_slides(ctx, mode: str) -> tuple[str, list[core.SlideRef]]:
    """Defaults for `--present MODE`: the whole timeline story, 10 questions, 10 terms."""
    content = ctx.content
    if mode == "quiz":
        return "Quiz", core.question_set(content.questions(), None, 10, seed=_seed())
    if mode == "glossary":
        return "Term spotlight", core.term_spotlight(content.terms(), None, count=10,
                                                     seed=_seed())
    if mode == "mechanism":
        steps = sorted(content.diagram("step"), key=lambda s: s.get("order", 0))
        return "Mechanism", [core.SlideRef("step", s["id"]) for s in steps]
    return "Timeline story", core.timeline_story(content)

