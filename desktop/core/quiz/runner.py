"""A session being played and saved as it goes: the engine plus the user database.

The Qt presenter drives a `QuizRunner` and only shows what it returns; tests drive it the
same way without a display. Without a user database (`user=None`) nothing is stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from db.user_db import UserDB
from desktop.core.quiz import store
from desktop.core.quiz.model import SessionConfig
from desktop.core.quiz.scoring import Score
from desktop.core.quiz.session import Phase, QuizSession


class QuizRunner:
    """Runs one `QuizSession`, writing every answer and move to the user database."""

    def __init__(self, session: QuizSession, user: UserDB | None, session_id: int | None,
                 config: SessionConfig | None = None):
        self.session = session
        self.user = user
        self.session_id = session_id
        self.config = config or SessionConfig(mode=session.mode, count=len(session))
        self.last_rating: int | None = None

    @classmethod
    def start(cls, session: QuizSession, user: UserDB | None,
              config: SessionConfig | None = None) -> QuizRunner:
        session_id = store.create_session(user, session, config) if user else None
        return cls(session, user, session_id, config)

    @classmethod
    def resume(cls, saved: store.SavedSession, user: UserDB,
               clock: Callable[[], float] = time.monotonic) -> QuizRunner:
        """Continue a stored unfinished session (it starts paused; call `resume_clock`)."""
        return cls(saved.restore(clock), user, saved.id, saved.config)

    # -- actions -------------------------------------------------------------------------------

    def answer(self, response: list, now: datetime | None = None) -> Score:
        score = self.session.answer(response)
        if self.user is not None:
            self.last_rating = store.record_answer(self.user, self.session_id, self.session,
                                                   score, now=now)
        return score

    def clear_answer(self) -> None:
        """Exam: the current question's answer was taken back on screen."""
        if self.session.clear_answer() and self.user is not None:
            store.clear_answer(self.user, self.session_id, self.session)

    def overrule(self, right: bool) -> Score:
        """"I was right" (or wrong after all) on the recall item just answered: the attempt
        is rewritten and, in spaced review, the grade follows (Good or Again)."""
        from desktop.core.quiz.scheduling import AGAIN, GOOD

        score = self.session.overrule(right)
        if self.user is not None:
            store.save_changed_answer(self.user, self.session_id, self.session)
            question = self.session.current.question
            if self.session.mode == "review":
                self.grade(GOOD if right else AGAIN, _from_overrule=True)
            elif self.session.mode == "tutor":
                if right:  # the miss no longer sends it to review
                    store.withdraw_miss(self.user, question.id)
                else:
                    store.mark_for_review(self.user, question)
        return score

    def grade(self, rating: int, _from_overrule: bool = False) -> None:
        """Spaced review: the student's own grade (1 Again, 2 Hard, 3 Good, 4 Easy) replaces
        the suggested one. For a glossary card Again also counts the answer as wrong."""
        from desktop.core.quiz.scheduling import AGAIN

        item = self.session.current
        if self.session.mode != "review" or not item.answered:
            return
        if item.question.type == "flashcard" and not _from_overrule and \
                bool(item.correct) != (rating != AGAIN):
            self.session.overrule(rating != AGAIN)
            if self.user is not None:
                store.save_changed_answer(self.user, self.session_id, self.session)
        if self.user is not None:
            store.regrade(self.user, item.question, rating, self.session_id)
        self.last_rating = rating

    def next(self) -> Phase:
        phase = self.session.next()
        self._after_move()
        return phase

    def skip(self) -> Phase:
        phase = self.session.skip()
        self._after_move()
        return phase

    def previous(self) -> Phase:
        phase = self.session.previous()
        self.save()
        return phase

    def go_to(self, index: int) -> Phase:
        phase = self.session.go_to(index)
        self.save()
        return phase

    def toggle_mark(self) -> bool:
        marked = self.session.toggle_mark()
        if self.user is not None:
            if marked and self.session.mode in ("tutor", "review"):
                store.mark_for_review(self.user, self.session.current.question)
            self.save()
        return marked

    def pause(self) -> None:
        self.session.pause()
        self.save()

    def resume_clock(self) -> None:
        self.session.resume()
        self.save()

    def finish(self, now: datetime | None = None) -> None:
        if self.user is not None and self.session_id is not None:
            store.finish_session(self.user, self.session_id, self.session, now=now)
        else:
            self.session.finish()

    def abandon(self) -> None:
        if self.user is not None and self.session_id is not None:
            self.save()
            store.abandon_session(self.user, self.session_id)

    # -- side actions on the current question -----------------------------------------------

    def set_bookmark(self, on: bool) -> None:
        if self.user is not None:
            store.set_bookmark(self.user, self.session.current.question, on)

    def is_bookmarked(self) -> bool:
        return bool(self.user and self.user.is_bookmarked(
            "question", self.session.current.question.id))

    def flag(self, note: str) -> None:
        if self.user is not None:
            store.flag_question(self.user, self.session.current.question.id, note)

    def _after_move(self) -> None:
        if self.session.finished:
            self.finish()
        else:
            self.save()

    def save(self) -> None:
        """Write where the session is (its clock included)."""
        if self.user is not None and self.session_id is not None:
            store.save_state(self.user, self.session_id, self.session)
