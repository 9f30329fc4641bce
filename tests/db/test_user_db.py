"""The user database: migrations, backups, refusal of newer files, recovery, crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from db import user_migrations
from db.errors import DatabaseTooNewError
from db.user_db import UserDB

ROOT = Path(__file__).resolve().parents[2]


def test_fresh_database_is_migrated_with_wal_and_foreign_keys(tmp_path):
    db = UserDB.open(tmp_path / "user.sqlite")
    names = [r[0] for r in db.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == user_migrations.migration_names()
    assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(names)
    assert db.report.backup is None  # nothing to back up on a new database
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("INSERT INTO quiz_attempts (session_id, question_id) VALUES (999, 'q')")
    db.close()


def test_reopen_runs_no_migration_and_keeps_data(tmp_path):
    path = tmp_path / "user.sqlite"
    db = UserDB.open(path)
    db.set_setting("quiz.default_count", 10)
    db.set_bookmark("question", "q-mechanism-001")
    db.close()
    again = UserDB.open(path)
    assert again.report.migrated == []
    assert again.get_setting("quiz.default_count") == 10
    assert again.bookmarks() == [("question", "q-mechanism-001")]
    again.close()


def test_pending_migration_backs_up_first(tmp_path, monkeypatch):
    path = tmp_path / "user.sqlite"
    db = UserDB.open(path)
    db.set_setting("kept", "yes")
    db.close()

    def m999_add_notes(database):
        database["notes"].create({"id": int, "text": str}, pk="id")

    monkeypatch.setattr(user_migrations, "_STEPS",
                        [*user_migrations._STEPS, ("m999_add_notes", m999_add_notes)])
    migrated = UserDB.open(path)
    assert migrated.report.migrated == ["m999_add_notes"]
    backup = migrated.report.backup
    assert backup is not None and backup.parent.name == "backups"
    assert "before-m999_add_notes" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("SELECT value FROM settings WHERE key = 'kept'").fetchone()[0] == '"yes"'
    assert not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'notes'").fetchone()
    old.close()
    assert migrated.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'notes'").fetchone()
    assert any("upgraded" in n for n in migrated.report.notices)
    migrated.close()


def test_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "user.sqlite"
    UserDB.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('imid-atlas-user', 'm042_from_the_future', 'later')")
    conn.commit()
    conn.close()
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as info:
        UserDB.open(path)
    assert "newer version of IMiD Atlas" in info.value.message
    assert "m042_from_the_future" in info.value.message
    assert path.read_bytes() == before


def test_higher_user_version_is_refused(tmp_path):
    path = tmp_path / "user.sqlite"
    UserDB.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(DatabaseTooNewError, match="schema 999"):
        UserDB.open(path)


@pytest.mark.parametrize("garbage", [b"this is not a database at all" * 100,
                                     b"SQLite format 3\x00" + b"\xff" * 5000])
def test_corrupt_file_is_moved_aside_and_replaced(tmp_path, garbage):
    path = tmp_path / "user.sqlite"
    path.write_bytes(garbage)
    db = UserDB.open(path)
    moved = db.report.moved_aside
    assert moved is not None and moved.exists() and moved.read_bytes() == garbage
    assert "damaged" in moved.name
    assert str(moved) in db.report.notices[0]
    assert db.integrity_ok()
    db.set_setting("works", True)
    assert db.get_setting("works") is True
    db.close()


def test_unwritable_data_folder_gives_a_clear_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    from db.errors import KnownDbError

    with pytest.raises(KnownDbError, match="cannot be created"):
        UserDB.open(blocker / "sub" / "user.sqlite")


WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from db.user_db import UserDB
    db = UserDB.open({path!r})
    session = db.execute(
        "INSERT INTO quiz_sessions (mode, started_at, config, state) "
        "VALUES ('tutor', 'now', '{{}}', '{{}}')"
    ).lastrowid
    for i in range(100000):
        cur = db.execute(
            "INSERT INTO quiz_attempts (session_id, question_id, answered_at, correct, score, "
            "response, duration_ms, mode) VALUES (?, ?, 'now', 1, 1.0, ?, 5, 'tutor')",
            (session, f"q-{{i}}", "x" * 200))
        print(cur.lastrowid, flush=True)
""")


def test_sigkill_during_writes_loses_no_committed_row(tmp_path):
    path = tmp_path / "user.sqlite"
    UserDB.open(path).close()
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT), path=str(path)))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    committed: list[int] = []
    deadline = time.monotonic() + 60
    while len(committed) < 300 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert len(committed) >= 300, "the writer did not get going"
    db = UserDB.open(path)
    assert db.report.moved_aside is None
    assert db.integrity_ok()
    stored = {r[0] for r in db.conn.execute("SELECT id FROM quiz_attempts")}
    missing = set(committed) - stored
    assert not missing, f"{len(missing)} committed rows lost"
    db.close()
