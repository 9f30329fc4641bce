"""The Quiz view: start screen, questions (tutor, exam, review, practice), results, progress.

The view is passive (Mnemosyne's pattern): its pages show what `QuizPresenter` gives them and
emit signals; the engine is `desktop.core.quiz` (Qt-free, see its docstring).

Other views open questions through the navigator: `ctx.navigator.open("question", "<id>")`
starts a practice session (no effect on the review schedule) on that question, and
`"<id>,<id>,..."` on several. Any `db.records.Question` list can be played with
`view.presenter.start_questions(questions, mode, title)`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from desktop.quiz.question_page import QuestionPage, QuestionScreen
from desktop.quiz.quiz_presenter import QuizPresenter
from desktop.quiz.results_page import ResultsPage, ResultsScreen
from desktop.quiz.start_page import StartPage
from desktop.views import AtlasView
from desktop.widgets.page_stack import PageStack
from desktop.widgets.safe_text import ask


class QuizView(AtlasView):
    view_key = "quiz"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setAccessibleName("Quiz")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = PageStack()  # sized by the page on show (a wide page never widens it)
        layout.addWidget(self.stack)
        self.start_page = StartPage(ctx)
        self.question_page = QuestionPage(ctx)
        self.results_page = ResultsPage(ctx)
        self._progress_page = None
        self.pages: dict[str, QWidget] = {
            "start": self.start_page, "question": self.question_page,
            "results": self.results_page}
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.presenter = QuizPresenter(ctx, self)
        self.results_page.question_selected.connect(self.presenter.review_item)
        self.results_page.retry_requested.connect(self.presenter.retry_missed)
        self.results_page.new_session_requested.connect(lambda: self.presenter.show_start())
        self.results_page.progress_requested.connect(self.presenter.show_progress)

    # -- pages -------------------------------------------------------------------------------

    def progress_page(self):
        """The progress page (imports pyqtgraph, so it is built on first use)."""
        if self._progress_page is None:
            from desktop.quiz.progress_view import ProgressPage

            page = ProgressPage(self.ctx)
            page.back_requested.connect(lambda: self.presenter.show_start())
            page.export_requested.connect(self.presenter.export_attempts)
            page.reset_requested.connect(self.presenter.reset_progress)
            page.start_requested.connect(
                lambda: self.presenter.start(self.start_page.default_config()))
            self._progress_page = page
            self.pages["progress"] = page
            self.stack.addWidget(page)
        return self._progress_page

    def show_page(self, name: str) -> None:
        page = self.pages[name] if name != "progress" else self.progress_page()
        if name == "start":
            self.start_page.study_now.refresh()
        self.stack.setCurrentWidget(page)
        if self.isVisible():
            page.focus_target().setFocus()

    def current_page(self) -> str:
        current = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is current), "")

    def show_question(self, screen: QuestionScreen) -> None:
        if self.stack.currentWidget() is not self.question_page:
            self.stack.setCurrentWidget(self.question_page)
        self.question_page.show_question(screen)

    def show_results(self, screen: ResultsScreen) -> None:
        self.results_page.show_results(screen)
        self.show_page("results")

    # -- questions to the user (tests replace these) -------------------------------------------

    def ask_confirm(self, title: str, text: str) -> bool:
        return ask(self, title, text)

    def ask_save_path(self, title: str, default: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, default, filters)
        return path or None

    # -- AtlasView ---------------------------------------------------------------------------

    def on_activated(self) -> None:
        self.presenter.activate()  # the main window then focuses `focus_target`

    def open_item(self, kind: str, item_id: str) -> bool:
        if kind == "study":  # "Study now", a glossary deck (desktop.quiz.recall_presenter)
            return self.presenter.recall.open_study(item_id)
        if kind != "question":
            return False
        return self.presenter.open_questions(item_id)

    def focus_target(self) -> QWidget:
        page = self.stack.currentWidget()
        return page.focus_target() if hasattr(page, "focus_target") else self
