"""The quiz presenter's recall part (it works on the presenter's own state, as a part of it):
grades after a review answer, "I was right", "Study now", the statistics and study plan page,
and the review settings.

`QuizPresenter` owns one `RecallActions` (`presenter.recall`); it adds `screen_extras()` to
every question screen and routes `open_item("study", ...)` here:

    "now"                     the Study now session (due + today's new cards)
    "glossary:<category>"     a practice session over a category's glossary cards
                              ("glossary:all" for every term)
"""

from __future__ import annotations

import logging

from db.errors import KnownDbError
from desktop.core.quiz.model import TYPED_TYPES, SessionConfig
from desktop.core.quiz.session import Phase, SessionError

log = logging.getLogger(__name__)


class RecallActions:
    """See the module docstring."""

    def __init__(self, presenter):
        self.presenter = presenter
        self.ctx = presenter.ctx
        self.view = presenter.view
        self._insights = None
        page = self.view.question_page
        page.grade_selected.connect(self.grade)
        page.overrule_requested.connect(self.overrule)
        start = self.view.start_page
        start.insights_requested.connect(self.show_insights)
        start.settings_requested.connect(self.open_settings)

    # -- the question screen -------------------------------------------------------------------

    def screen_extras(self) -> dict:
        """Fields of `QuestionScreen` for the current item: the grade and the intervals
        (spaced review), whether "I was right" is offered."""
        runner = self.presenter.runner
        if runner is None:
            return {}
        session = runner.session
        item = session.current
        if session.phase is not Phase.FEEDBACK or not item.answered:
            return {}
        from desktop.core.quiz.recall_text import overruled

        ruled = overruled(item) is True
        extras = {"can_overrule": item.question.type in TYPED_TYPES and not item.correct,
                  "overruled": ruled}
        if session.mode == "review" and runner.last_rating is not None and \
                self.ctx.user is not None:
            extras["grade"] = runner.last_rating
            extras["intervals"] = self._intervals(item.question.id, runner.session_id)
        return extras

    def _intervals(self, question_id: str, session_id) -> dict[int, str]:
        from datetime import datetime

        from desktop.core.quiz.scheduling import interval_text, load_settings, preview_intervals

        row = self.ctx.user.execute(
            "SELECT card_before, reviewed_at FROM review_log WHERE question_id = ? "
            "AND (? IS NULL OR session_id = ?) ORDER BY id DESC LIMIT 1",
            (question_id, session_id, session_id)).fetchone()
        if row is None:
            return {}
        days = preview_intervals(row[0], question_id, datetime.fromisoformat(row[1]),
                                 load_settings(self.ctx.user))
        return {rating: interval_text(d) for rating, d in days.items()}

    def grade(self, rating: int) -> None:
        runner = self.presenter.runner
        if runner is None or runner.session.mode != "review" or \
                runner.session.phase is not Phase.FEEDBACK:
            return
        self.presenter._guard(runner.grade, rating)
        self.presenter._show_question()
        interval = self.screen_extras().get("intervals", {}).get(rating, "later")
        self.view.question_page.set_status(
            f"Graded {_NAMES[rating]}: next review in {interval}. Enter goes on.")

    def overrule(self, right: bool) -> None:
        runner = self.presenter.runner
        if runner is None or runner.session.phase is not Phase.FEEDBACK:
            return
        self.presenter._guard(runner.overrule, right)
        self.presenter._show_question()
        self.view.question_page.set_status(
            "Counted as right." if right else "Counted as wrong again.")

    # -- Study now -----------------------------------------------------------------------------

    def open_study(self, item_id: str) -> bool:
        """`open_item("study", item_id)` (see the module docstring)."""
        if item_id == "now":
            return self.study_now()
        if item_id.startswith("glossary:"):
            return self.study_glossary(item_id.split(":", 1)[1])
        return False

    def study_now(self) -> bool:
        presenter = self.presenter
        if self.ctx.user is None:
            return False
        from desktop.core.quiz.session import build_session
        from desktop.core.quiz.study_now import review_questions

        try:
            questions = review_questions(self.ctx)
        except KnownDbError as exc:
            presenter.show_start(f"Your reviews could not be read: {exc}")
            self.view.show_page("start")
            return True
        if not questions:
            presenter.show_start("Nothing to study now: nothing is due and today's new cards "
                                 "are done. Come back tomorrow, or practise instead.")
            self.view.show_page("start")
            return True
        session = build_session(questions, "review", title="Study now")
        return presenter._begin(session, SessionConfig(mode="review", count=len(session),
                                                       title="Study now"))

    def study_glossary(self, category: str) -> bool:
        from desktop.core.quiz.term_cards import all_cards

        cards = all_cards(self.ctx.content, None if category in ("", "all") else category)
        if not cards:
            return False
        from db.content_format import TERM_CATEGORIES

        label = TERM_CATEGORIES.get(category, "all terms")
        return self.presenter.start_questions(cards, "practice", f"Glossary cards: {label}")

    # -- statistics, study plan, settings ------------------------------------------------------

    def insights_page(self):
        if self._insights is None:
            from desktop.quiz.insights_page import InsightsPage

            page = InsightsPage(self.ctx)
            page.back_requested.connect(lambda: self.presenter.show_start())
            page.practise_requested.connect(self._practise)
            page.topic_requested.connect(self._start_topic)
            page.settings_requested.connect(self.open_settings)
            self.view.pages["insights"] = page
            self.view.stack.addWidget(page)
            self._insights = page
        return self._insights

    def show_insights(self) -> None:
        page = self.insights_page()
        try:
            page.refresh()
        except KnownDbError as exc:
            self.view.start_page.show_message(f"Your statistics could not be read: {exc}")
            return
        self.view.show_page("insights")

    def _practise(self, ids: list, title: str) -> None:
        from desktop.core.quiz.sources import resolve_questions

        found, _missing = resolve_questions(self.ctx, ids)
        if found:
            self.presenter.start_questions(found, "practice", title)

    def _start_topic(self, topic: str) -> None:
        if topic:
            self.presenter.start(SessionConfig(mode="tutor", count=10, topics=(topic,)))

    def open_settings(self) -> None:
        if self.ctx.user is None:
            return
        from desktop.quiz.review_settings_dialog import ReviewSettingsDialog

        dialog = ReviewSettingsDialog(self.ctx, self.view)
        try:
            dialog.exec()
        except (KnownDbError, SessionError) as exc:
            log.warning("review settings: %s", exc)
        self.view.start_page.study_now.refresh()
        if self._insights is not None and self.view.current_page() == "insights":
            self._insights.refresh()


_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
