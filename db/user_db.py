"""The user database: progress, review state, bookmarks, imports and settings.

It lives in the user's data folder, apart from the read-only content database, and evolves by
named migrations (sqlite-utils). Opening it:

- refuses a database written by a newer IMiD Atlas (unknown migrations or a higher
  `user_version`), leaving the file untouched;
- detects a damaged file (`PRAGMA quick_check`), moves it aside with a timestamp and starts a
  fresh one, telling the caller where the old one went;
- copies the database to `backups/` before any migration runs on existing data;
- uses WAL with foreign keys on, so a crash loses at most the write in progress.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import DatabaseTooNewError, KnownDbError, translate_sqlite_error
from db.user_migrations import MIGRATION_SET, migration_names, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
USER_DB_NAME = "user.sqlite"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.localtime())


@dataclass
class OpenReport:
    """What happened while opening: messages for the user (recovery, backups)."""

    notices: list[str] = field(default_factory=list)
    backup: Path | None = None
    moved_aside: Path | None = None
    migrated: list[str] = field(default_factory=list)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def _is_damaged(path: Path) -> str | None:
    """Why `path` is not a usable SQLite database, or None when it is fine."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot read it ({exc.strerror})"
    if size == 0:
        return None
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            return "it is not an SQLite database"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"SQLite reports: {exc}"
    return None if result == "ok" else f"integrity check failed: {result}"


def _applied(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,))]


def _move_aside(path: Path) -> Path:
    target = path.with_name(f"{path.stem}.damaged-{_stamp()}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.damaged-{_stamp()}-{n}{path.suffix}")
        n += 1
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.rename(Path(str(target) + suffix))
    return target


def backup_database(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database to `target` with SQLite's online backup (consistent under WAL)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


class UserDB:
    """An open user database. Use `UserDB.open(path)`; write methods commit at once."""

    def __init__(self, path: Path, conn: sqlite3.Connection, report: OpenReport):
        self.path = path
        self.conn = conn
        self.report = report

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> UserDB:
        """Open (creating, recovering or migrating as needed) the user database at `path`."""
        path = Path(path)
        report = OpenReport()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KnownDbError(
                f"The data folder {path.parent} cannot be created: {exc.strerror}. "
                "Choose another folder with --data-dir."
            ) from exc
        if path.exists():
            reason = _is_damaged(path)
            if reason:
                moved = _move_aside(path)
                report.moved_aside = moved
                report.notices.append(
                    f"Your progress database was damaged ({reason}). It was moved to {moved} "
                    "and a fresh database was started."
                )
        try:
            conn = _connect(path)
            applied = _applied(conn)
            known = migration_names()
            unknown = [name for name in applied if name not in known]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if unknown or version > len(known):
                conn.close()
                raise DatabaseTooNewError(
                    f"The progress database {path} was written by a newer version of IMiD Atlas "
                    f"(it has {'migrations ' + ', '.join(unknown) if unknown else f'schema {version}'}"
                    f", this version knows {len(known)} steps). It has been left untouched. "
                    "Update IMiD Atlas, or start with another data folder (--data-dir)."
                )
            pending = [name for name in known if name not in applied]
            if pending:
                if applied:
                    report.backup = backup_database(
                        conn, path.parent / "backups" /
                        f"{path.stem}-before-{pending[0]}-{_stamp()}{path.suffix}")
                    report.notices.append(
                        f"Your progress database was upgraded; a copy of the old one is at "
                        f"{report.backup}."
                    )
                cls._migrate(conn)
                report.migrated = pending
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(path)) from exc
        return cls(path, conn, report)

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        import sqlite_utils  # only when a migration is pending: it pulls in numpy

        db = sqlite_utils.Database(conn)
        migrations().apply(db)
        conn.execute(f"PRAGMA user_version = {len(migration_names())}")

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def connect(self) -> sqlite3.Connection:
        """A new connection to the same file, for a worker thread."""
        return _connect(self.path)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """`with user_db.transaction() as conn:` commits on success, rolls back on error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(self.path)) from exc

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the whole database at `target`."""
        return backup_database(self.conn, Path(target))

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    # -- settings ----------------------------------------------------------------------------

    def get_setting(self, key: str, default=None):
        row = self.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_setting(self, key: str, value) -> None:
        self.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    # -- bookmarks ---------------------------------------------------------------------------

    def set_bookmark(self, kind: str, item_id: str, on: bool = True) -> None:
        if on:
            self.execute(
                "INSERT OR IGNORE INTO bookmarks (kind, item_id, created_at) VALUES (?, ?, ?)",
                (kind, item_id, _now()),
            )
        else:
            self.execute("DELETE FROM bookmarks WHERE kind = ? AND item_id = ?", (kind, item_id))

    def is_bookmarked(self, kind: str, item_id: str) -> bool:
        return self.execute(
            "SELECT 1 FROM bookmarks WHERE kind = ? AND item_id = ?", (kind, item_id)
        ).fetchone() is not None

    def bookmarks(self, kind: str | None = None) -> list[tuple[str, str]]:
        sql = "SELECT kind, item_id FROM bookmarks"
        params: tuple = ()
        if kind:
            sql += " WHERE kind = ?"
            params = (kind,)
        return [(r[0], r[1]) for r in self.execute(sql + " ORDER BY created_at, rowid", params)]


def open_user_db(data_dir: Path) -> UserDB:
    """Open the user database inside `data_dir`."""
    return UserDB.open(Path(data_dir) / USER_DB_NAME)


Migration = Callable[[object], None]
