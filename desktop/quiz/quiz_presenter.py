"""Wires the passive quiz pages to the Qt-free engine and the user database.

The presenter owns the running `QuizRunner`, turns its state into screens for the pages, and
turns the pages' signals into engine actions. All logic lives in `desktop.core.quiz`; all
writes go through `desktop.core.quiz.store` (via the runner).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from db.errors import KnownDbError
from db.records import Question
from desktop.core.quiz import store
from desktop.core.quiz.feedback import content_titles, feedback_html, stem_html
from desktop.core.quiz.model import (
    DIFFICULTIES,
    ITEM_TYPES,
    MODES,
    TOPICS,
    SessionConfig,
)
from desktop.core.quiz.recall_text import display_stem
from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.scoring import ResponseError
from desktop.core.quiz.selection import matching, select_questions, without_exclusions
from desktop.core.quiz.session import Phase, QuizSession, SessionError
from desktop.core.quiz.sources import (
    QUESTION_SOURCES,
    load_pool,
    resolve_question,
    resolve_questions,
)
from desktop.quiz.question_page import QuestionScreen
from desktop.quiz.results_page import ResultsScreen

log = logging.getLogger(__name__)
SAVE_EVERY_TICKS = 20  # the clock is saved every ~10 s while a session runs


def _plain(markdown: str, limit: int = 110) -> str:
    text = re.sub(r"[*_`>#]", "", markdown or "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _clock_text(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class QuizPresenter(QObject):
    """Drives one QuizView (see `desktop.quiz.quiz_view`)."""

    def __init__(self, ctx, view):
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.runner: QuizRunner | None = None
        self._pools: dict[str, list[Question]] = {}
        self._pool_day = ""
        self._stats: dict | None = None
        self._bookmarks: set[str] | None = None
        self._titles = content_titles(ctx.content)
        self._ticks = 0
        self._stem_cache: tuple | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(500)
        self.timer.timeout.connect(self._tick)
        start = view.start_page
        start.start_requested.connect(self.start)
        start.config_changed.connect(self.update_match_count)
        start.resume_requested.connect(self.resume_saved)
        start.discard_requested.connect(self.discard_saved)
        start.progress_requested.connect(self.show_progress)
        page = view.question_page
        page.answer_submitted.connect(self.answer)
        page.answer_changed.connect(self.answer_changed)
        page.next_requested.connect(self.next)
        page.previous_requested.connect(self.previous)
        page.skip_requested.connect(self.skip)
        page.go_to_requested.connect(self.go_to)
        page.mark_toggled.connect(self.toggle_mark)
        page.bookmark_toggled.connect(self.set_bookmark)
        page.flag_submitted.connect(self.flag)
        page.pause_toggled.connect(self.toggle_pause)
        page.finish_requested.connect(self.finish_exam)
        page.end_requested.connect(self.end_session)
        from desktop.quiz.recall_presenter import RecallActions

        self.recall = RecallActions(self)
        # While an exam runs, the toolbar search shows no questions (their explanations and
        # options would give the answers away): see desktop.widgets.search_popup.
        ctx.services.setdefault("search_restrictions", []).append(self.search_restriction)

    def exam_running(self) -> bool:
        runner = self.runner
        return runner is not None and runner.session.mode == "exam" and \
            not runner.session.finished

    def search_restriction(self) -> tuple[tuple[str, ...], str] | None:
        """What the search hides just now: questions while an exam runs."""
        if self.exam_running():
            return ("question",), "Questions are hidden from search while an exam runs."
        return None

    @property
    def user(self):
        return self.ctx.user

    # -- start screen --------------------------------------------------------------------------

    def activate(self) -> None:
        """The view was shown: continue the running session, or refresh the start screen."""
        if self.runner is not None and not self.runner.session.finished:
            self._show_question()
            return
        if self.view.current_page() in ("results", "progress"):
            return
        self.show_start()

    def show_start(self, message: str = "") -> None:
        self._stats = None
        self._bookmarks = None
        start = self.view.start_page
        if not start.source_boxes:
            start.set_sources([(s.key, s.label, s.default) for s in QUESTION_SOURCES])
        bank = self._pool(("bank",))
        counts: dict[str, int] = {}
        for q in bank:
            counts[q.topic] = counts.get(q.topic, 0) + 1
        start.set_topic_counts(counts)
        if self.user is not None:
            cards = self.user.execute("SELECT count(*) FROM review_cards").fetchone()[0]
            start.set_due(store.due_count(self.user), cards)
            saved = store.unfinished_session(self.user)
            start.offer_resume(self._resume_text(saved) if saved else None)
        else:
            start.offer_resume(None)
            message = message or "Your progress is not being saved (no progress database)."
        start.show_message(message)
        self.update_match_count(start.config())
        self.view.show_page("start")

    @staticmethod
    def _resume_text(saved: store.SavedSession) -> str:
        title = f" “{saved.title}”" if saved.title else ""
        return (f"You have an unfinished {MODES.get(saved.mode, saved.mode).lower()} session"
                f"{title} from {saved.started_at.replace('T', ' ')[:16]}: "
                f"{saved.answered} of {saved.total} answered.")

    def _pool(self, keys) -> list[Question]:
        day = time.strftime("%Y-%m-%d")
        if day != self._pool_day:  # the generated set changes daily
            self._pools.clear()
            self._pool_day = day
        out: dict[str, Question] = {}
        for key in keys:
            if key not in self._pools:
                questions, problems = load_pool(self.ctx, (key,))
                for problem in problems:
                    self.view.start_page.show_message(problem)
                self._pools[key] = questions
            for q in self._pools[key]:
                out.setdefault(q.id, q)
        return list(out.values())

    def _history(self):
        if self.user is None:
            return {}, set()
        if self._stats is None:
            self._stats = store.question_stats(self.user)
            self._bookmarks = store.bookmarked_ids(self.user)
        return self._stats, self._bookmarks

    def _candidates(self, config: SessionConfig) -> list[Question]:
        stats, bookmarks = self._history()
        if config.mode == "review":
            if self.user is None:
                return []
            pool = store.due_questions(self.user, limit=1000, resolve=self._resolve_current)
            scoped = SessionConfig(topics=config.topics, difficulties=config.difficulties,
                                   types=config.types)
            return matching(pool, scoped)
        if config.mode == "practice":
            if self.user is None:
                return []
            pool = store.review_pool(self.user, resolve=self._resolve_current)
            scoped = SessionConfig(topics=config.topics, difficulties=config.difficulties,
                                   types=config.types)
            return matching(pool, scoped)
        return matching(self._pool(config.sources), config, stats, bookmarks)

    def _resolve_current(self, question_id: str) -> Question | None:
        """The current version of a reviewed question (a corrected bank item, an edited
        imported set); the review card's snapshot is used when no source has it any more."""
        return resolve_question(self.ctx, question_id)

    def update_match_count(self, config: SessionConfig) -> None:
        try:
            n = len(self._candidates(config))
        except (sqlite3.Error, KnownDbError) as exc:  # called from a timer: never raise
            log.warning("could not count matching questions: %s", exc)
            return
        note = ""
        if config.mode == "review" and n == 0:
            note = "nothing is due"
        elif config.mode == "practice" and n == 0:
            note = "nothing missed, marked or bookmarked yet"
        self.view.start_page.set_match_count(n, note)

    def start(self, config: SessionConfig) -> bool:
        """Start a session as the start screen asked."""
        candidates = self._candidates(config)
        if not candidates:
            self.view.start_page.show_message({
                "review": "Nothing is due for review. Practice missed questions instead, "
                          "which does not change the schedule.",
                "practice": "Nothing to practise yet: questions you miss, mark or bookmark "
                            "come here.",
            }.get(config.mode, "No questions match these choices. Tick more topics, types or "
                               "sources, or choose another filter."))
            return False
        if config.mode in ("review", "practice"):
            # Due or missed cards in their order; one of two that answer each other waits.
            questions = without_exclusions(candidates, config.count)
        else:
            questions = select_questions(candidates, config, *self._history())
        title = config.title or {
            "review": "Spaced review", "practice": "Practice (schedule unchanged)"}.get(
                config.mode, "")
        session = QuizSession(questions, config.mode, seed=config.seed,
                              time_limit_s=config.time_limit_min * 60, title=title)
        return self._begin(session, config)

    def start_questions(self, questions: list[Question], mode: str = "practice",
                        title: str = "") -> bool:
        """A session over exactly `questions` (retry, open_item, other features)."""
        if not questions:
            return False
        from desktop.core.quiz.session import build_session

        session = build_session(questions, mode, title=title)
        return self._begin(session, SessionConfig(mode=mode, count=len(session), title=title))

    def open_questions(self, ids_text: str) -> bool:
        """`open_item("question", "id[,id...]")`: a practice session on those questions."""
        ids = [i.strip() for i in ids_text.split(",") if i.strip()]
        if self.exam_running():  # never replace a running exam by a practice question
            self._show_question()
            self.view.question_page.set_status(
                "An exam is under way: finish it (Ctrl+Enter) before practising other "
                "questions.")
            return True
        found, missing = resolve_questions(self.ctx, ids)
        if not found:
            return False
        title = "Practice" if len(found) > 1 else "Practice this question"
        ok = self.start_questions(found, "practice", title)
        if ok and missing:
            self.view.question_page.set_status(
                f"Not found: {', '.join(missing)}.")
        return ok

    def _begin(self, session: QuizSession, config: SessionConfig) -> bool:
        try:
            self.runner = QuizRunner.start(session, self.user, config)
        except KnownDbError as exc:
            self.view.start_page.show_message(f"The session could not be saved: {exc}")
            self.view.show_page("start")
            return False
        self._stats = None
        self._ticks = 0
        self.timer.start()
        self._show_question()
        return True

    def resume_saved(self) -> None:
        if self.user is None:
            return
        saved = store.unfinished_session(self.user)
        if saved is None:
            self.show_start("That session is no longer there.")
            return
        try:
            self.runner = QuizRunner.resume(saved, self.user)
        except (KeyError, TypeError, ValueError, SessionError) as exc:
            store.abandon_session(self.user, saved.id)
            self.show_start(f"That session could not be restored ({exc}); it was discarded.")
            return
        self.runner.resume_clock()
        self.timer.start()
        self._show_question()

    def discard_saved(self) -> None:
        if self.user is None:
            return
        saved = store.unfinished_session(self.user)
        if saved is not None:
            store.abandon_session(self.user, saved.id)
        self.show_start("The unfinished session was discarded (its answers stay in your "
                        "progress).")

    # -- a running session ---------------------------------------------------------------------

    def _guard(self, action, *args):
        """Run an engine action; illegal moves and database trouble become messages."""
        if self.runner is None:
            return None
        try:
            return action(*args)
        except SessionError as exc:
            self.view.question_page.set_status(str(exc).capitalize() + ".")
        except KnownDbError as exc:
            log.warning("quiz write failed: %s", exc)
            self.view.question_page.set_status(f"Your progress could not be saved: {exc}")
        except ResponseError as exc:  # an answer that does not fit the question: a bug
            log.error("quiz answer rejected: %s", exc)
            self.view.question_page.set_status(
                f"That answer could not be taken ({exc}). Choose again, or skip the question.")
        return None

    def answer(self, response: list) -> None:
        runner = self.runner
        if runner is None or runner.session.phase is not Phase.ANSWERING:
            return
        score = self._guard(runner.answer, response)
        if score is None and runner.session.current.response is None:
            return
        session = runner.session
        if session.gives_feedback:
            self._show_question()
            return
        # Exam: the answer is saved; go on to the next question.
        if session.index + 1 < len(session):
            self._guard(runner.next)
            self._show_question()
        else:
            self._show_question()
            left = len(session.unanswered())
            self.view.question_page.set_status(
                "Answer saved. That was the last question: "
                + (f"{left} still unanswered; " if left else "")
                + "check any marked ones, then finish with Ctrl+Enter.")

    def answer_changed(self, response: list | None) -> None:
        """Exam: the answer on screen changed. It is saved at once (to the user database),
        so what the person sees is what counts when the exam ends, Enter or not."""
        runner = self.runner
        if runner is None or runner.session.mode != "exam" or \
                runner.session.phase is not Phase.ANSWERING:
            return
        if response is None:
            self._guard(runner.clear_answer)
        else:
            self._guard(runner.answer, response)
        self.view.question_page.update_navigation(self._nav())

    def _nav(self) -> list[str]:
        """Exam: per question "answered", "marked", both or ""."""
        session = self.runner.session if self.runner else None
        if session is None or session.mode != "exam":
            return []
        return [" ".join(filter(None, ("answered" if i.answered else "",
                                       "marked" if i.marked else "")))
                for i in session.items]

    def next(self) -> None:
        runner = self.runner
        if runner is None:
            return
        session = runner.session
        if session.gives_feedback and session.phase is Phase.ANSWERING:
            return  # Enter without an answer is handled by the page
        self._guard(runner.next)
        if session.finished:
            self._show_results()
        else:
            self._show_question()

    def skip(self) -> None:
        if self.runner is None:
            return
        self._guard(self.runner.skip)
        if self.runner.session.finished:
            self._show_results()
        else:
            self._show_question()

    def previous(self) -> None:
        self._guard(self.runner.previous if self.runner else None)
        self._show_question()

    def go_to(self, index: int) -> None:
        if self.runner is None:
            return
        self._guard(self.runner.go_to, index)
        self._show_question()

    def toggle_mark(self) -> None:
        if self.runner is None:
            return
        marked = self._guard(self.runner.toggle_mark)
        self._show_question()
        if marked is not None:
            self.view.question_page.set_status(
                "Marked for review." if marked else "Mark removed.")

    def set_bookmark(self, on: bool) -> None:
        if self.runner is None:
            return
        self._guard(self.runner.set_bookmark, on)
        self._bookmarks = None
        self.view.question_page.set_status(
            "Bookmarked: it will also come back in spaced review." if on
            else "Bookmark removed.")

    def flag(self, note: str) -> None:
        if self.runner is None:
            return
        self._guard(self.runner.flag, note)
        self.view.question_page.set_status(
            "Thank you: your report is kept on this computer (nothing is sent). To give your "
            "reports to a teacher: File > Export > Question error reports as CSV.")

    def toggle_pause(self) -> None:
        runner = self.runner
        if runner is None or runner.session.finished:
            return
        if runner.session.phase is Phase.PAUSED:
            self._guard(runner.resume_clock)
        else:
            self._guard(runner.pause)
        self._show_question()

    def finish_exam(self) -> None:
        runner = self.runner
        if runner is None or runner.session.mode != "exam" or runner.session.finished:
            return
        left = len(runner.session.unanswered())
        if left and not self.view.ask_confirm(
                "Finish the exam?",
                f"{left} question{'s are' if left != 1 else ' is'} still unanswered and will "
                "count as wrong. Finish anyway?"):
            return
        self._guard(runner.finish)
        self._show_results()

    def end_session(self) -> None:
        runner = self.runner
        if runner is None or runner.session.finished:
            return
        self._guard(runner.finish)
        self._show_results()

    def _tick(self) -> None:
        runner = self.runner
        if runner is None or runner.session.finished:
            self.timer.stop()
            return
        session = runner.session
        remaining = session.remaining_s()
        if remaining is not None:
            self.view.question_page.set_timer_text(f"Time left {_clock_text(remaining)}")
            if remaining <= 0:
                self._guard(runner.finish)
                self._show_results("Time is up: the exam was finished automatically.")
                return
        else:
            self.view.question_page.set_timer_text(f"Time {_clock_text(session.elapsed_s())}")
        self._ticks += 1
        if self._ticks % SAVE_EVERY_TICKS == 0 and session.phase is not Phase.PAUSED:
            try:
                runner.save()
            except Exception:  # a background save must never raise into the event loop
                log.exception("could not save the quiz clock")
                self.timer.stop()

    # -- screens -------------------------------------------------------------------------------

    def _stem_linker(self, question):
        """Link terms in a stem without any that could hint at the answer (their tooltips
        show definitions): the question's terms, those named in options, pairs or the answer,
        and those whose short definition names one of these."""
        try:
            from desktop.core.glossary.linker import spoiler_terms
            from desktop.glossary.services import glossary_linker

            spoilers = spoiler_terms(question, glossary_linker(self.ctx))
        except Exception:  # no glossary (an empty pack): link nothing rather than fail
            return lambda html, _skip=(): html
        return lambda html, skip=(): self.ctx.link_terms(html, tuple(skip) + spoilers)

    def _stem_html(self, item) -> str:
        """The stem of the question on screen, rendered once per question shown (feedback
        and every exam change redraw the page without rendering it again)."""
        cached = self._stem_cache
        if cached is None or cached[0] is not item:
            cached = self._stem_cache = (item, stem_html(item.question, self._render,
                                                         self._stem_linker(item.question)))
        return cached[1]

    def _render(self, text: str) -> str:
        return self.ctx.render_markdown(text, link_terms=False)

    def _show_question(self) -> None:
        runner = self.runner
        if runner is None:
            return
        session = runner.session
        item = session.current
        q = item.question
        phase = session.phase.value
        score = session.score_of() if phase == "feedback" else None
        feedback = ""
        if phase == "feedback":
            feedback = feedback_html(
                item, self._render, self.ctx.link_terms, self._titles, score)
        meta = " · ".join(filter(None, (
            TOPICS.get(q.topic, q.topic), DIFFICULTIES.get(q.difficulty, q.difficulty),
            ITEM_TYPES.get(q.type, q.type), "generated" if q.generated else "",
            f"from {q.pack}" if q.pack else "")))  # a content pack or an imported set
        nav = self._nav()
        screen = QuestionScreen(
            index=session.index, total=len(session), mode=session.mode,
            mode_label=MODES.get(session.mode, session.mode), item=item,
            stem_html=self._stem_html(item), meta=meta,
            phase=phase, feedback_html=feedback, score=score,
            bookmarked=runner.is_bookmarked(), nav=nav, title=session.title,
            **self.recall.screen_extras())
        self.view.show_question(screen)
        remaining = session.remaining_s()
        self.view.question_page.set_timer_text(
            f"Time left {_clock_text(remaining)}" if remaining is not None
            else f"Time {_clock_text(session.elapsed_s())}")

    def _show_results(self, note: str = "") -> None:
        runner = self.runner
        if runner is None:
            return
        self.timer.stop()
        session = runner.session
        result = session.result()
        rows = []
        for item in session.items:
            if not item.answered:
                mark = "–"
            elif item.correct:
                mark = "✓"
            elif (item.score or 0) > 0:
                mark = "◐"
            else:
                mark = "✗"
            rows.append((mark, _plain(display_stem(item.question))))
        heading = {"exam": "Exam results", "review": "Review finished",
                   "practice": "Practice finished"}.get(session.mode, "Session finished")
        if session.mode == "exam" and any(i.marked for i in session.items):
            note = (note + " " if note else "") + "Questions you marked are now in spaced review."
        self._stats = None
        self.view.show_results(ResultsScreen(heading, result, dict(TOPICS), rows, note))

    def review_item(self, row: int) -> None:
        """Results page: show question `row` with the user's answer and the explanation."""
        if self.runner is None or not 0 <= row < len(self.runner.session):
            return
        item = self.runner.session.items[row]
        html = feedback_html(item, self._render, self.ctx.link_terms, self._titles,
                             with_stem=True)
        self.view.results_page.show_review(row, html)

    def retry_missed(self) -> None:
        if self.runner is None:
            return
        session = self.runner.session
        missed = [session.items[i].question for i in session.result().missed]
        if missed:
            self.start_questions(missed, "tutor", "Retry: the missed questions")

    # -- progress ------------------------------------------------------------------------------

    def show_progress(self) -> None:
        from datetime import date

        from desktop.core.quiz import progress
        from desktop.quiz.progress_view import ProgressData

        page = self.view.progress_page()
        if self.user is None:
            page.show_progress(ProgressData())
            page.show_message("No progress database is open.")
        else:
            days = progress.study_days(self.user)
            page.show_progress(ProgressData(
                sessions=progress.session_accuracy(self.user),
                mastery=progress.topic_mastery(self.user),
                forecast=progress.review_forecast(self.user),
                days=days, streak=progress.streaks([d for d, _n in days]),
                totals=progress.totals(self.user), today=date.today()))
            page.show_message("")
        self.view.show_page("progress")

    def export_attempts(self) -> None:
        if self.user is None:
            return
        from desktop.core.quiz.sources import question_title

        folder = self.ctx.atlas.paths.exports_dir
        default = folder / f"quiz-attempts-{time.strftime('%Y%m%d')}.csv"
        path = self.view.ask_save_path("Export quiz attempts", str(default),
                                       "CSV files (*.csv)")
        if not path:
            return
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            n = store.export_attempts_csv(
                self.user, Path(path), lambda qid: question_title(self.ctx.content, qid))
        except OSError as exc:
            self.view.progress_page().show_message(
                f"Could not write {path}: {exc.strerror or exc}")
            return
        self.view.progress_page().show_message(
            f"Wrote {n} attempt{'s' if n != 1 else ''} to {path}.")

    def reset_progress(self) -> None:
        if self.user is None:
            return
        if not self.view.ask_confirm(
                "Reset progress?",
                "This deletes every quiz session, answer and review schedule. Bookmarks and "
                "error reports stay. A backup copy of your progress is kept first. Reset?"):
            return
        try:
            backup = store.reset_progress(self.user)
        except (OSError, KnownDbError) as exc:
            self.view.progress_page().show_message(f"Progress was not reset: {exc}")
            return
        self.runner = None
        self.timer.stop()
        self._stats = None
        self.show_progress()
        self.view.progress_page().show_message(
            f"Progress was reset. A backup of the old progress is at {backup}.")
