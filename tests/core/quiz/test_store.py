"""Persistence: every answer is in the database the moment it is given, sessions resume,
review state follows the rules of each mode, export and reset keep the user's data safe."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from db.user_db import UserDB
from desktop.core.quiz import store
from desktop.core.quiz.model import SessionConfig
from desktop.core.quiz.runner import QuizRunner
from desktop.core.quiz.session import Phase, QuizSession
from tests.core.quiz.factories import (
    matching,
    multi,
    ordering,
    right_response,
    single,
    true_false,
    wrong_response,
    year,
)


@pytest.fixture
def user(atlas) -> UserDB:
    return atlas.user


def other_connection(user: UserDB) -> sqlite3.Connection:
    """What another process (or the app after a crash) would read from the file."""
    conn = sqlite3.connect(user.path)
    conn.row_factory = sqlite3.Row
    return conn


def questions():
    return [single("s1"), multi("m1"), true_false("t1"), ordering("o1"), matching("x1"),
            year("y1")]


def test_migration_m020_adds_the_quiz_columns(user):
    columns = {r[1] for r in user.execute("PRAGMA table_info(quiz_attempts)")}
    assert {"topic", "question_type"} <= columns
    assert "question" in {r[1] for r in user.execute("PRAGMA table_info(review_cards)")}
    assert "title" in {r[1] for r in user.execute("PRAGMA table_info(quiz_sessions)")}


def test_each_answer_is_written_when_it_is_given(user, clock):
    runner = QuizRunner.start(QuizSession(questions(), "tutor", seed=1, clock=clock), user,
                              SessionConfig(mode="tutor", count=6))
    for n, item in enumerate(runner.session.items):
        clock.advance(5)
        runner.answer(right_response(item) if n != 1 else wrong_response(item))
        rows = other_connection(user).execute(
            "SELECT * FROM quiz_attempts WHERE session_id = ? ORDER BY id",
            (runner.session_id,)).fetchall()
        assert len(rows) == n + 1
        last = rows[-1]
        assert last["question_id"] == item.question.id
        assert json.loads(last["response"]) == item.response
        assert last["duration_ms"] == 5000
        assert last["mode"] == "tutor" and last["topic"] == item.question.topic
        assert last["question_type"] == item.question.type
        assert bool(last["correct"]) is (n != 1)
        runner.next()
    assert runner.session.finished
    row = other_connection(user).execute("SELECT finished_at FROM quiz_sessions").fetchone()
    assert row["finished_at"]
    assert store.unfinished_session(user) is None


def test_an_unfinished_session_is_offered_and_resumes_where_it_stopped(user, clock):
    runner = QuizRunner.start(QuizSession(questions(), "tutor", seed=4, title="Evening",
                                          clock=clock), user)
    first = runner.session.current
    runner.answer(right_response(first))
    runner.next()
    second = runner.session.current
    clock.advance(12)
    runner.answer(wrong_response(second))
    del runner  # the app crashes here, feedback on screen

    saved = store.unfinished_session(user)
    assert saved is not None
    assert (saved.mode, saved.title, saved.answered, saved.total) == ("tutor", "Evening", 2, 6)
    resumed = QuizRunner.resume(saved, user, clock=clock)
    assert resumed.session.phase is Phase.PAUSED
    resumed.resume_clock()
    assert resumed.session.phase is Phase.FEEDBACK and resumed.session.index == 1
    assert resumed.session.items[1].response == wrong_response(second)
    resumed.next()
    resumed.answer(right_response(resumed.session.current))
    attempts = store.session_attempts(user, saved.id)
    assert [a["question_id"] for a in attempts] == ["s1", "m1", "t1"]


def test_resumed_presentation_order_is_the_one_shown(user, clock):
    session = QuizSession(questions(), "exam", seed=8, clock=clock)
    runner = QuizRunner.start(session, user)
    runner.answer(right_response(session.current))
    saved = store.unfinished_session(user)
    again = saved.restore(clock)
    assert [i.order for i in again.items] == [i.order for i in session.items]


def test_discarded_sessions_are_not_offered_again(user, clock):
    runner = QuizRunner.start(QuizSession(questions(), "tutor", seed=4, clock=clock), user)
    runner.answer(right_response(runner.session.current))
    saved = store.unfinished_session(user)
    store.abandon_session(user, saved.id)
    assert store.unfinished_session(user) is None
    assert len(store.session_attempts(user, saved.id)) == 1  # its answers stay


def test_exam_changes_update_one_row_and_misses_enter_review_at_the_end(user, clock):
    session = QuizSession(questions(), "exam", seed=2, time_limit_s=600, clock=clock)
    runner = QuizRunner.start(session, user)
    runner.answer(wrong_response(session.current))
    runner.answer(right_response(session.current))
    runner.next()
    runner.answer(wrong_response(session.current))
    runner.next()
    runner.toggle_mark()
    assert user.execute("SELECT count(*) FROM review_cards").fetchone()[0] == 0
    attempts = store.session_attempts(user, runner.session_id)
    assert len(attempts) == 2 and attempts[0]["correct"] == 1
    runner.finish()
    cards = {r[0] for r in user.execute("SELECT question_id FROM review_cards")}
    assert cards == {session.items[1].question.id, session.items[2].question.id}


def test_tutor_misses_enter_review_now(user, clock):
    runner = QuizRunner.start(QuizSession([single("s1"), single("s2")], "tutor", seed=1,
                                          clock=clock), user)
    runner.answer(wrong_response(runner.session.current))
    due = store.due_questions(user)
    assert [q.id for q in due] == ["s1"]
    assert due[0] == single("s1")  # from the card's snapshot
    runner.next()
    runner.answer(right_response(runner.session.current))
    assert store.due_count(user) == 1


def test_review_mode_reschedules_from_correctness_and_time(user, clock):
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    runner = QuizRunner.start(QuizSession([single("s1"), single("s2")], "tutor", seed=1,
                                          clock=clock), user)
    for _ in range(2):
        runner.answer(wrong_response(runner.session.current), now=now)
        runner.next()
    assert store.due_count(user, now) == 2
    review = QuizRunner.start(QuizSession(store.due_questions(user, now), "review", seed=3,
                                          clock=clock), user)
    clock.advance(6)
    review.answer(right_response(review.session.current), now=now)
    assert review.last_rating == 3  # right, in a normal time: Good
    review.next()
    clock.advance(2)
    review.answer(wrong_response(review.session.current), now=now)
    assert review.last_rating == 1  # wrong: Again
    log = [tuple(r) for r in user.execute(
        "SELECT question_id, rating, duration_ms FROM review_log ORDER BY id")]
    assert [(q, r) for q, r, _ in log] == [(review.session.items[0].question.id, 3),
                                          (review.session.items[1].question.id, 1)]
    assert log[0][2] == 6000
    due_later = store.card_due(user, review.session.items[0].question.id)
    due_soon = store.card_due(user, review.session.items[1].question.id)
    assert due_later > due_soon
    assert store.due_count(user, now + timedelta(hours=1)) == 0
    assert store.due_count(user, now + timedelta(days=1, hours=1)) == 1  # the missed one


def test_practice_never_touches_the_schedule(user, clock):
    runner = QuizRunner.start(QuizSession([single("s1")], "tutor", seed=1, clock=clock), user)
    runner.answer(wrong_response(runner.session.current))
    before = [tuple(r) for r in user.execute("SELECT * FROM review_cards")]
    practice = QuizRunner.start(QuizSession(store.review_pool(user), "practice", seed=2,
                                            clock=clock), user)
    practice.answer(right_response(practice.session.current))
    practice.next()
    assert [tuple(r) for r in user.execute("SELECT * FROM review_cards")] == before
    assert user.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0
    assert user.execute("SELECT count(*) FROM quiz_attempts WHERE mode = 'practice'"
                        ).fetchone()[0] == 1


def test_bookmarks_and_flags(user, clock):
    runner = QuizRunner.start(QuizSession([single("s1")], "tutor", seed=1, clock=clock), user)
    runner.set_bookmark(True)
    assert runner.is_bookmarked() and store.bookmarked_ids(user) == {"s1"}
    assert store.due_count(user) == 1  # bookmarked questions come back in review
    runner.flag("Option C is also defensible.")
    flags = store.flags(user)
    assert [(f["question_id"], f["note"]) for f in flags] == [
        ("s1", "Option C is also defensible.")]
    runner.set_bookmark(False)
    assert not runner.is_bookmarked()


def test_question_stats(user, clock):
    for response in (wrong_response, right_response):
        runner = QuizRunner.start(QuizSession([single("s1")], "tutor", seed=1, clock=clock),
                                  user)
        runner.answer(response(runner.session.current))
        runner.next()
    stats = store.question_stats(user)
    assert stats["s1"].attempts == 2 and stats["s1"].missed == 1 and stats["s1"].last_correct


def test_export_attempts_csv(user, clock, tmp_path):
    runner = QuizRunner.start(QuizSession([single("s1"), year("y1")], "tutor", seed=1,
                                          clock=clock), user)
    runner.answer(right_response(runner.session.current))
    runner.next()
    runner.answer([1990])
    out = tmp_path / "attempts.csv"
    n = store.export_attempts_csv(user, out, title=lambda qid: f"Text of {qid}")
    assert n == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["question_id"] for r in rows] == ["s1", "y1"]
    assert rows[1]["response"] == "[1990]" and rows[1]["correct"] == "0"
    assert rows[0]["question"] == "Text of s1" and rows[0]["topic"] == "mechanism"


def test_reset_progress_keeps_a_backup_and_the_bookmarks(user, clock, tmp_path):
    runner = QuizRunner.start(QuizSession([single("s1")], "tutor", seed=1, clock=clock), user)
    runner.answer(wrong_response(runner.session.current))
    runner.set_bookmark(True)
    runner.flag("typo")
    backup = store.reset_progress(user, tmp_path / "backups")
    assert backup.exists()
    for table in store.PROGRESS_TABLES:
        assert user.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert store.bookmarked_ids(user) == {"s1"} and len(store.flags(user)) == 1
    old = sqlite3.connect(backup)
    assert old.execute("SELECT count(*) FROM quiz_attempts").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM review_cards").fetchone()[0] == 1


def test_a_damaged_saved_session_is_dropped_not_raised(user):
    user.execute("INSERT INTO quiz_sessions (mode, started_at, config, state) "
                 "VALUES ('tutor', '2026-11-01T10:00:00', 'not json', '{}')")
    assert store.unfinished_session(user) is None
    assert store.unfinished_session(user) is None  # and it is not offered again


def test_export_attempts_from_the_command_line(atlas, clock, tmp_path, capsys):
    from desktop.cli import main

    runner = QuizRunner.start(QuizSession([single("s1")], "tutor", seed=1, clock=clock),
                              atlas.user)
    runner.answer(right_response(runner.session.current))
    data_dir = atlas.paths.data_dir
    out = tmp_path / "attempts.csv"
    code = main(["--data-dir", str(data_dir), "export", "attempts", "--format", "csv",
                 "-o", str(out)])
    assert code == 0
    assert "Wrote 1 quiz attempt to" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["question_id"] == "s1"
    bad = tmp_path / "missing" / "attempts.csv"
    code = main(["--data-dir", str(data_dir), "export", "attempts", "--format", "csv",
                 "-o", str(bad)])
    assert code != 0
    printed = capsys.readouterr()
    assert str(bad) in printed.out + printed.err and not bad.exists()


def test_an_exam_answer_taken_back_is_no_longer_stored(user, clock):
    runner = QuizRunner.start(QuizSession([matching("x1"), single("s1")], "exam", seed=1,
                                          clock=clock), user)
    runner.answer([0, None, None, None])  # one pair chosen, not confirmed with Enter
    assert len(store.session_attempts(user, runner.session_id)) == 1
    runner.clear_answer()  # the choice set back to "— choose —"
    assert store.session_attempts(user, runner.session_id) == []
    saved = store.unfinished_session(user)
    assert saved.answered == 0 and saved.state["items"][0]["response"] is None


def test_error_reports_are_exported_as_csv_from_the_command_line(atlas, clock, tmp_path,
                                                                 capsys):
    from desktop.cli import main

    runner = QuizRunner.start(QuizSession([atlas.content.question("q-mechanism-001")],
                                          "tutor", seed=1, clock=clock), atlas.user)
    runner.flag('Option B, "DDB1", is named =wrongly; see p. 3.')
    out = tmp_path / "reports.csv"
    code = main(["--data-dir", str(atlas.paths.data_dir), "export", "reports", "--format",
                 "csv", "-o", str(out)])
    assert code == 0 and "Wrote 1 error report to" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["question_id"] for r in rows] == ["q-mechanism-001"]
    assert rows[0]["note"] == 'Option B, "DDB1", is named =wrongly; see p. 3.'
    assert rows[0]["question"].startswith("Which protein do")  # the question's text
    assert rows[0]["reported_at"][:4].isdigit()
