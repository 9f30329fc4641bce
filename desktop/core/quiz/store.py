"""Quiz data in the user database: sessions, attempts, review cards, flags and bookmarks.

Plain functions over `db.user_db.UserDB` (no Qt). `record_answer` writes the attempt, the
session's state and any scheduling change in one transaction the moment an answer is given,
so a crash loses at most the question on screen.

Tables (created by migrations m001 and m020): `quiz_sessions` (config JSON holds the session
config and the questions as shown; state JSON where the session is), `quiz_attempts` (one row
per question per session, updated if an exam answer is changed), `review_cards` (FSRS card JSON,
due time in UTC, a snapshot of the question), `review_log`, `question_flags`, `bookmarks`.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.records import Question
from db.user_db import UserDB
from desktop.core.quiz.model import SessionConfig, question_from_dict, question_to_dict
from desktop.core.quiz.scheduling import (
    iso,
    load_settings,
    new_card_json,
    review_card,
    suggested_rating,
    utc_now,
)
from desktop.core.quiz.scoring import Score
from desktop.core.quiz.session import QuizSession


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.localtime())


# -- sessions ------------------------------------------------------------------------------

def create_session(user: UserDB, session: QuizSession, config: SessionConfig | None = None
                   ) -> int:
    """Store a new session (its questions as shown) and return its id."""
    config = config or SessionConfig(mode=session.mode, count=len(session))
    payload = json.dumps({"config": config.to_dict(), "static": session.static()})
    with user.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO quiz_sessions (mode, started_at, finished_at, config, state, title) "
            "VALUES (?, ?, NULL, ?, ?, ?)",
            (session.mode, _now(), payload, json.dumps(session.state()), session.title),
        )
        return int(cursor.lastrowid)


def save_state(user: UserDB, session_id: int, session: QuizSession) -> None:
    user.execute("UPDATE quiz_sessions SET state = ? WHERE id = ?",
                 (json.dumps(session.state()), session_id))


def _write_attempt(conn, session_id: int, session: QuizSession, index: int) -> int:
    item = session.items[index]
    question = item.question
    values = (item.answered_at or _now(), int(bool(item.correct)), float(item.score or 0.0),
              json.dumps(item.response), int(item.elapsed_ms), session.mode, question.topic,
              question.type)
    row = conn.execute("SELECT id FROM quiz_attempts WHERE session_id = ? AND question_id = ?",
                       (session_id, question.id)).fetchone()
    if row:
        conn.execute(
            "UPDATE quiz_attempts SET answered_at = ?, correct = ?, score = ?, response = ?, "
            "duration_ms = ?, mode = ?, topic = ?, question_type = ? WHERE id = ?",
            (*values, row[0]))
        return int(row[0])
    cursor = conn.execute(
        "INSERT INTO quiz_attempts (answered_at, correct, score, response, duration_ms, mode, "
        "topic, question_type, session_id, question_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*values, session_id, question.id))
    return int(cursor.lastrowid)


def record_answer(user: UserDB, session_id: int, session: QuizSession, score: Score,
                  index: int | None = None, now: datetime | None = None) -> int | None:
    """Write the answer just given (attempt + session state + scheduling) in one transaction.

    Review mode updates the question's FSRS card with the grade suggested from `score` (the
    student may change it: `regrade`), and logs it; tutor mode puts a missed question into
    review; practice and exam leave the schedule alone (exam enrols its misses when it
    finishes). Returns the rating given in review mode, else None.
    """
    index = session.index if index is None else index
    item = session.items[index]
    rating = None
    with user.transaction() as conn:
        _write_attempt(conn, session_id, session, index)
        conn.execute("UPDATE quiz_sessions SET state = ? WHERE id = ?",
                     (json.dumps(session.state()), session_id))
        if session.mode == "review":
            rating = suggested_rating(item.question, score, item.elapsed_ms)
            _review(conn, item.question, rating, item.elapsed_ms, now, load_settings(user),
                    session_id)
        elif session.mode == "tutor" and not score.correct:
            _enrol(conn, item.question, now)
    return rating


def clear_answer(user: UserDB, session_id: int, session: QuizSession,
                 index: int | None = None) -> None:
    """An exam answer taken back: remove its attempt and save the session's state."""
    question = session.items[session.index if index is None else index].question
    with user.transaction() as conn:
        conn.execute("DELETE FROM quiz_attempts WHERE session_id = ? AND question_id = ?",
                     (session_id, question.id))
        conn.execute("UPDATE quiz_sessions SET state = ? WHERE id = ?",
                     (json.dumps(session.state()), session_id))


def save_changed_answer(user: UserDB, session_id: int, session: QuizSession,
                        index: int | None = None) -> None:
    """Rewrite the attempt of an answer changed after feedback (an overrule), with the
    session's state; the schedule is left to `regrade`."""
    index = session.index if index is None else index
    with user.transaction() as conn:
        _write_attempt(conn, session_id, session, index)
        conn.execute("UPDATE quiz_sessions SET state = ? WHERE id = ?",
                     (json.dumps(session.state()), session_id))


def withdraw_miss(user: UserDB, question_id: str) -> bool:
    """A miss overruled in tutor mode ("I was right"): the review card the miss made is
    removed again, unless it has been reviewed since. True if one was removed."""
    cursor = user.execute("DELETE FROM review_cards WHERE question_id = ? AND reps = 0 AND "
                          "origin = 'missed'", (question_id,))
    return cursor.rowcount > 0


def finish_session(user: UserDB, session_id: int, session: QuizSession,
                   now: datetime | None = None) -> None:
    """Mark the session finished; an exam enrols its missed and marked questions for review."""
    session.finish()
    with user.transaction() as conn:
        conn.execute("UPDATE quiz_sessions SET finished_at = ?, state = ? WHERE id = ?",
                     (_now(), json.dumps(session.state()), session_id))
        if session.mode == "exam":
            for item in session.items:
                if item.marked or (item.answered and not item.correct):
                    _enrol(conn, item.question, now)


def abandon_session(user: UserDB, session_id: int) -> None:
    """Close an unfinished session without offering it again (its attempts stay)."""
    row = user.execute("SELECT state FROM quiz_sessions WHERE id = ?", (session_id,)).fetchone()
    state = json.loads(row[0]) if row and row[0] else {}
    state["abandoned"] = True
    user.execute("UPDATE quiz_sessions SET finished_at = ?, state = ? WHERE id = ?",
                 (_now(), json.dumps(state), session_id))


@dataclass
class SavedSession:
    """An unfinished session as stored."""

    id: int
    mode: str
    title: str
    started_at: str
    answered: int
    total: int
    config: SessionConfig
    static: dict
    state: dict

    def restore(self, clock: Callable[[], float] = time.monotonic) -> QuizSession:
        """The session, rebuilt and paused at the question it was left on."""
        return QuizSession.restore(self.static, self.state, clock=clock)


def unfinished_session(user: UserDB) -> SavedSession | None:
    """The most recent session that was neither finished nor abandoned."""
    row = user.execute(
        "SELECT id, mode, title, started_at, config, state FROM quiz_sessions "
        "WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    try:
        payload = json.loads(row["config"])
        state = json.loads(row["state"] or "{}")
        static = payload["static"]
        total = len(static["questions"])
    except (KeyError, TypeError, ValueError):
        abandon_session(user, row["id"])  # unreadable: never offer it again
        return None
    answered = sum(1 for i in state.get("items", ()) if i.get("response") is not None)
    return SavedSession(row["id"], row["mode"], row["title"] or "", row["started_at"], answered,
                        total, SessionConfig.from_dict(payload.get("config")), static, state)


def session_attempts(user: UserDB, session_id: int) -> list[dict]:
    return [dict(r) for r in user.execute(
        "SELECT * FROM quiz_attempts WHERE session_id = ? ORDER BY id", (session_id,))]


# -- what the user has done ------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionStats:
    attempts: int
    missed: int
    last_correct: bool


def question_stats(user: UserDB) -> dict[str, QuestionStats]:
    """Per question id: attempts, misses, and whether the latest attempt was right."""
    rows = user.execute(
        "SELECT question_id, count(*) AS n, sum(correct = 0) AS missed, "
        "(SELECT a2.correct FROM quiz_attempts a2 WHERE a2.question_id = a.question_id "
        " ORDER BY a2.answered_at DESC, a2.id DESC LIMIT 1) AS last "
        "FROM quiz_attempts a GROUP BY question_id")
    return {r["question_id"]: QuestionStats(r["n"], r["missed"] or 0, bool(r["last"]))
            for r in rows}


def bookmarked_ids(user: UserDB) -> set[str]:
    return {item_id for _kind, item_id in user.bookmarks("question")}


def set_bookmark(user: UserDB, question: Question, on: bool) -> None:
    """Bookmark (or un-bookmark) a question; a bookmarked question also enters review."""
    user.set_bookmark("question", question.id, on)
    if on:
        with user.transaction() as conn:
            _enrol(conn, question, None)


def mark_for_review(user: UserDB, question: Question) -> None:
    with user.transaction() as conn:
        _enrol(conn, question, None)


def flag_question(user: UserDB, question_id: str, note: str) -> int:
    """Store an error report on a question, with the user's note, for the teacher."""
    cursor = user.execute(
        "INSERT INTO question_flags (question_id, note, created_at) VALUES (?, ?, ?)",
        (question_id, note.strip(), _now()))
    return int(cursor.lastrowid)


def flags(user: UserDB) -> list[dict]:
    return [dict(r) for r in user.execute("SELECT * FROM question_flags ORDER BY id")]


REPORT_COLUMNS = ("report_id", "reported_at", "question_id", "question", "note")


def export_flags_csv(user: UserDB, path: Path,
                     title: Callable[[str], str] | None = None) -> int:
    """Write every error report (File > Export > Question error reports) to `path` as CSV:
    when, which question (id and text), and the note. Returns the number of reports."""
    import io

    from desktop.core.files import write_atomically

    reports = flags(user)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REPORT_COLUMNS)
    for r in reports:
        writer.writerow([r["id"], r["created_at"], r["question_id"],
                         title(r["question_id"]) if title else "", r["note"] or ""])
    write_atomically(Path(path), buffer.getvalue())
    return len(reports)


# -- review cards ----------------------------------------------------------------------------

def _enrol(conn, question: Question, now: datetime | None, origin: str = "missed") -> bool:
    """Give `question` a review card due now, unless it has one. True if one was made.

    `origin` is "missed" (missed, marked or bookmarked: due at once) or "new" (added to the
    new pool: introduced at the new-cards-per-day rate)."""
    if conn.execute("SELECT 1 FROM review_cards WHERE question_id = ?",
                    (question.id,)).fetchone():
        return False
    card, due = new_card_json(question.id, now)
    conn.execute(
        "INSERT INTO review_cards (question_id, card, due, updated_at, question, origin, pool) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (question.id, card, due, iso(now or utc_now()), json.dumps(question_to_dict(question)),
         origin, int(in_recall_pool(question))))
    return True


def in_recall_pool(question: Question) -> bool:
    """Whether `question` is one of the bundled cloze or typed items (the new-card pool of
    "Study now"), not a glossary card or an imported question."""
    return (question.type in ("cloze", "typed") and bool(question.note)
            and not question.id.startswith("tc-"))


def _review(conn, question: Question, rating: int, duration_ms: int,
            now: datetime | None, settings=None, session_id: int | None = None) -> str:
    now = now or utc_now()
    row = conn.execute("SELECT card FROM review_cards WHERE question_id = ?",
                       (question.id,)).fetchone()
    before = row[0] if row else None
    card, due = review_card(before, question.id, rating, now, duration_ms, settings)
    # A card reviewed without one (a new cloze item, typed question or glossary card drawn
    # from the pool) enters the schedule as "new"; its first review counts against the
    # day's new cards.
    conn.execute(
        "INSERT INTO review_cards (question_id, card, due, updated_at, question, origin, reps, "
        "first_review) VALUES (?, ?, ?, ?, ?, 'new', 1, ?) ON CONFLICT(question_id) DO UPDATE "
        "SET card = excluded.card, due = excluded.due, updated_at = excluded.updated_at, "
        "question = excluded.question, reps = reps + 1, "
        "first_review = coalesce(first_review, excluded.first_review)",
        (question.id, card, due, iso(now), json.dumps(question_to_dict(question)), iso(now)))
    conn.execute(
        "INSERT INTO review_log (question_id, rating, reviewed_at, duration_ms, card_before, "
        "session_id) VALUES (?, ?, ?, ?, ?, ?)",
        (question.id, rating, iso(now), duration_ms, before, session_id))
    return due


def regrade(user: UserDB, question: Question, rating: int,
            session_id: int | None = None) -> str | None:
    """The student changed the grade of the review just given: replay it from the card as it
    was before, with `rating`, at the same moment. Returns the new due time (None when the
    question has no review to change)."""
    with user.transaction() as conn:
        row = conn.execute(
            "SELECT id, reviewed_at, duration_ms, card_before, rating FROM review_log "
            "WHERE question_id = ? AND (? IS NULL OR session_id = ?) ORDER BY id DESC LIMIT 1",
            (question.id, session_id, session_id)).fetchone()
        if row is None:
            return None
        log_id, reviewed_at, duration_ms, before, old = row
        when = datetime.fromisoformat(reviewed_at)
        card, due = review_card(before, question.id, rating, when, duration_ms,
                                load_settings(user))
        conn.execute("UPDATE review_cards SET card = ?, due = ? WHERE question_id = ?",
                     (card, due, question.id))
        conn.execute("UPDATE review_log SET rating = ? WHERE id = ?", (rating, log_id))
        return due


def add_to_reviews(user: UserDB, questions: list[Question],
                   now: datetime | None = None) -> int:
    """Put `questions` (glossary cards, recall items) into the new pool of the review
    schedule; returns how many were not there yet."""
    added = 0
    with user.transaction() as conn:
        for question in questions:
            added += _enrol(conn, question, now, origin="new")
    return added


def scheduled_ids(user: UserDB) -> set[str]:
    """Ids of every item with a review card."""
    return {r[0] for r in user.execute("SELECT question_id FROM review_cards")}


def card_due(user: UserDB, question_id: str) -> str | None:
    row = user.execute("SELECT due FROM review_cards WHERE question_id = ?",
                       (question_id,)).fetchone()
    return row[0] if row else None


def _card_questions(rows, resolve: Callable[[str], Question | None] | None) -> list[Question]:
    out = []
    for row in rows:
        question = resolve(row["question_id"]) if resolve else None
        if question is None and row["question"]:
            try:
                question = question_from_dict(json.loads(row["question"]))
            except (TypeError, ValueError, KeyError):
                question = None
        if question is not None:
            out.append(question)
    return out


#: Cards that are due when their time comes: all but new cards never reviewed (those wait in
#: the new pool, see `desktop.core.quiz.study_now`).
NOT_NEW = "NOT (origin = 'new' AND reps = 0)"


def due_questions(user: UserDB, now: datetime | None = None, limit: int = 50,
                  resolve: Callable[[str], Question | None] | None = None) -> list[Question]:
    """Questions whose review is due, most overdue first.

    `resolve(id)` returns the current version of a question (a corrected bank item); the
    card's snapshot is used when it returns None.
    """
    rows = user.execute(
        f"SELECT question_id, question FROM review_cards WHERE due <= ? AND {NOT_NEW} "
        "ORDER BY due, question_id LIMIT ?", (iso(now or utc_now()), limit)).fetchall()
    return _card_questions(rows, resolve)


def review_pool(user: UserDB, resolve: Callable[[str], Question | None] | None = None
                ) -> list[Question]:
    """Every question with a review card (missed, marked or bookmarked), soonest due first:
    the pool of a practice session, which never changes the schedule."""
    rows = user.execute("SELECT question_id, question FROM review_cards ORDER BY due, "
                        "question_id").fetchall()
    return _card_questions(rows, resolve)


def due_count(user: UserDB, now: datetime | None = None) -> int:
    return user.execute(f"SELECT count(*) FROM review_cards WHERE due <= ? AND {NOT_NEW}",
                        (iso(now or utc_now()),)).fetchone()[0]


# -- export and reset ------------------------------------------------------------------------

ATTEMPT_COLUMNS = ("attempt_id", "session_id", "mode", "answered_at", "question_id", "topic",
                   "question_type", "correct", "score", "duration_ms", "response", "question")


def export_attempts_csv(user: UserDB, path: Path,
                        title: Callable[[str], str] | None = None) -> int:
    """Write every attempt to `path` as CSV (UTF-8 with a header); returns the row count.

    `title(question_id)` may supply the question's text for the last column.
    """
    rows = user.execute(
        "SELECT id, session_id, mode, answered_at, question_id, topic, question_type, correct, "
        "score, duration_ms, response FROM quiz_attempts ORDER BY answered_at, id").fetchall()
    from desktop.core.files import atomic_target

    with atomic_target(Path(path)) as temporary, \
            temporary.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(ATTEMPT_COLUMNS)
        for r in rows:
            writer.writerow([*tuple(r), title(r["question_id"]) if title else ""])
    return len(rows)


PROGRESS_TABLES = ("review_log", "review_cards", "quiz_attempts", "quiz_sessions")


def reset_progress(user: UserDB, backup_dir: Path | None = None) -> Path:
    """Back up the whole user database, then delete sessions, attempts and review state.

    Bookmarks and error flags (notes for the teacher) are kept. Returns the backup's path.
    """
    folder = Path(backup_dir) if backup_dir else user.path.parent / "backups"
    backup = user.backup_to(folder / f"{user.path.stem}-before-reset-{_stamp()}"
                                     f"{user.path.suffix}")
    with user.transaction() as conn:
        for table in PROGRESS_TABLES:
            conn.execute(f"DELETE FROM {table}")
    return backup


def reports_exporter(atlas, out: Path, fmt: str, options: dict) -> str:
    """`imid-atlas export reports --format csv -o FILE` and File > Export: the error reports
    kept on this computer, for a teacher."""
    if atlas.user is None:
        return "No progress database is open."
    from desktop.core.quiz.sources import resolve_question

    def title(question_id: str) -> str:
        question = resolve_question(atlas, question_id)
        return " ".join(question.stem.split()) if question else ""

    n = export_flags_csv(atlas.user, out, title)
    return f"Wrote {n} error report{'s' if n != 1 else ''} to {out}."


def exporter(atlas, out: Path, fmt: str, options: dict) -> str:
    """`imid-atlas export attempts --format csv -o FILE` and File > Export."""
    if atlas.user is None:
        return "No progress database is open."
    from desktop.core.quiz.sources import question_title

    n = export_attempts_csv(atlas.user, out, lambda qid: question_title(atlas.content, qid))
    return f"Wrote {n} quiz attempt{'s' if n != 1 else ''} to {out}."
