"""View > Present… (F5): choose what to present, on which screen, in which theme.

The dialog remembers the last choices (what, which lane, era, topic, how many, which lesson,
which screen) and opens with them the next time.
"""

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

    def __init__(self, ctx, parent: QWidget | None = None, mode: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        remembered = self._remembered()
        mode = mode or remembered.get("mode") or "timeline"
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
        self.screen.setAccessibleName("Screen for the slides")
        screens = QGuiApplication.screens()
        for index, screen in enumerate(screens):
            size = screen.geometry().size()
            self.screen.addItem(f"{index + 1}: {screen.name()} ({size.width()}×{size.height()})",
                                index)
        from desktop.presenter.screens import projector_screen

        teacher = parent.screen() if parent is not None else None
        default = screens.index(projector_screen(teacher)) if screens else 0
        names = [s.name() for s in screens]
        if remembered.get("screen") in names:
            default = names.index(remembered["screen"])
        self.screen.setCurrentIndex(default)
        self.screen_label = QLabel("&Slides on:")
        self.screen_label.setBuddy(self.screen)
        screen_form.addRow(self.screen_label, self.screen)
        several = len(screens) > 1
        self.screen.setVisible(several)
        self.screen_label.setVisible(several)
        self.console = QCheckBox("Presenter view on the other screen (notes, next slide, clock)")
        self.console.setChecked(remembered.get("console", "true") != "false")
        self.console.setVisible(several)
        screen_form.addRow(self.console)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Presenter theme")
        for key, label in (("high-contrast", "High contrast (projectors)"), ("dark", "Dark"),
                           ("light", "Light")):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(ctx.settings.presenter_theme)))
        screen_form.addRow("&Theme:", self.theme)
        from desktop.presenter.presenter_window import SOUND_SETTING, key_help

        self.sound = QCheckBox("Beep when the timer runs out (off: shown only)")
        self.sound.setChecked(str(ctx.settings.state_value(SOUND_SETTING, "false")).lower()
                              == "true")
        screen_form.addRow(self.sound)
        layout.addLayout(screen_form)
        keys = QLabel("Clicker " + key_help()[0].lower() + key_help()[1:])
        keys.setWordWrap(True)
        keys.setProperty("role", "muted")
        layout.addWidget(keys)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start = buttons.addButton("Start presenting", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.mode.currentIndexChanged.connect(self.pages.setCurrentIndex)
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))
        self.pages.setCurrentIndex(self.mode.currentIndex())
        self._restore(remembered)

    # -- memory ------------------------------------------------------------------------------

    MEMORY = ("mode", "lane", "era", "overviews", "topic", "count", "source", "category",
              "terms", "lesson", "screen", "console")

    def _remembered(self) -> dict[str, str]:
        settings = self.ctx.settings
        out = {}
        for key in self.MEMORY:
            value = settings.state_value(f"present/{key}")
            if value is not None:
                out[key] = str(value)
        return out

    def _choices(self) -> dict[str, str]:
        screen = self.selected_screen()
        return {
            "mode": self.selected_mode(), "lane": str(self.lane.currentData() or ""),
            "era": str(self.era.currentData() or ""),
            "overviews": "true" if self.overviews.isChecked() else "false",
            "topic": str(self.topic.currentData() or ""), "count": str(self.count.value()),
            "source": str(self.question_source.currentData() or ""),
            "category": str(self.category.currentData() or ""),
            "terms": str(self.term_count.value()),
            "lesson": str(self.lesson.currentData() or ""),
            "screen": screen.name() if screen is not None else "",
            "console": "true" if self.console.isChecked() else "false",
        }

    def _restore(self, memory: dict[str, str]) -> None:
        def pick(combo: QComboBox, value: str | None) -> None:
            if value is None:
                return
            for i in range(combo.count()):
                if str(combo.itemData(i) or "") == value:
                    combo.setCurrentIndex(i)
                    return

        pick(self.lane, memory.get("lane"))
        pick(self.era, memory.get("era"))
        pick(self.topic, memory.get("topic"))
        pick(self.question_source, memory.get("source"))
        pick(self.category, memory.get("category"))
        pick(self.lesson, memory.get("lesson"))
        if "overviews" in memory:
            self.overviews.setChecked(memory["overviews"] != "false")
        for spin, key in ((self.count, "count"), (self.term_count, "terms")):
            if memory.get(key, "").isdigit():
                spin.setValue(int(memory[key]))

    def _accept(self) -> None:
        from desktop.presenter.presenter_window import SOUND_SETTING

        settings = self.ctx.settings
        for key, value in self._choices().items():
            settings.set_state_value(f"present/{key}", value)
        settings.set_state_value(SOUND_SETTING, "true" if self.sound.isChecked() else "false")
        self.accept()

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

    def selected_lesson(self) -> int | None:
        """The saved lesson presented (its class results are kept with it), if any."""
        return self.lesson.currentData() if self.selected_mode() == "lesson" else None

    def presenter_view(self) -> bool:
        return self.console.isChecked() or not self.console.isVisibleTo(self)

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
            return core.mechanism_steps(content)
        lesson_id = self.lesson.currentData()
        if lesson_id is None or self.ctx.user is None:
            return []
        from desktop.core.presenter.lessons import load_lesson
        from desktop.presenter.presenter_window import question_resolver

        lesson = load_lesson(self.ctx.user, lesson_id)
        return available_slides(content, list(lesson.slides),
                                question_resolver(self.ctx)) if lesson else []


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
        return "Mechanism", core.mechanism_steps(content)
    return "Timeline story", core.timeline_story(content)

