"""Stored "Hide the labels" attempts and their summary (real SQLite files)."""

from __future__ import annotations

import pytest

from db import user_migrations
from db.label_practice import (
    PracticeAnswer,
    practice_summary,
    recent_attempts,
    record_attempt,
)
from db.user_db import UserDB


@pytest.fixture
def user_db(tmp_path):
    db = UserDB.open(tmp_path / "user.sqlite")
    yield db
    db.close()


def test_migration_creates_the_table(user_db):
    assert "m030_label_practice" in user_migrations.migration_names()
    columns = {r[1] for r in user_db.conn.execute("PRAGMA table_info(label_practice_attempts)")}
    assert {"started_at", "finished_at", "scope", "drug", "total", "correct", "score",
            "items"} <= columns


def test_attempts_are_stored_and_summarised(user_db, tmp_path):
    assert practice_summary(user_db).attempts == 0
    first = record_attempt(user_db, [
        PracticeAnswer("ikzf1", "ikaros", True), PracticeAnswer("ikzf3", "IKZF1", False),
        PracticeAnswer("ck1a", "", False, "skipped"), PracticeAnswer("p63", "p63", True, "picked"),
    ], scope="neosubstrates", drug="lenalidomide")
    second = record_attempt(user_db, [PracticeAnswer("ikzf3", "aiolos", True),
                                      PracticeAnswer("ck1a", "CK1a", True)], scope="all")
    assert second > first
    user_db.close()
    reopened = UserDB.open(tmp_path / "user.sqlite")  # survives closing the file
    attempts = recent_attempts(reopened)
    assert [a.id for a in attempts] == [second, first]
    old = attempts[1]
    assert (old.total, old.correct, old.score, old.scope, old.drug) == (
        4, 2, 0.5, "neosubstrates", "lenalidomide")
    assert old.answers[2] == PracticeAnswer("ck1a", "", False, "skipped")
    summary = practice_summary(reopened)
    assert summary.attempts == 2
    assert summary.best_score == 1.0 and summary.last_score == 1.0
    assert summary.mean_score == 0.75
    assert summary.per_node["ikzf3"] == (1, 2) and summary.per_node["p63"] == (1, 1)
    assert summary.weakest() == ["ck1a", "ikzf3"]
    reopened.close()


def test_an_empty_attempt_is_refused(user_db):
    with pytest.raises(ValueError):
        record_attempt(user_db, [])
    assert recent_attempts(user_db) == []
