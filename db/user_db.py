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
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import DatabaseTooNewError, KnownDbError, disk_full, translate_sqlite_error
from db.sqlite_uri import sqlite_uri
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


def _uri(path: Path, **params: str) -> str:
    """An SQLite URI for `path`, escaped (see `db.sqlite_uri`)."""
    return sqlite_uri(path, "&".join(f"{k}={v}" for k, v in params.items()))


def _connect(path: Path, read_only: bool = False, immutable: bool = False
             ) -> sqlite3.Connection:
    if read_only:
        params = {"mode": "ro", **({"immutable": "1"} if immutable else {})}
        conn = sqlite3.connect(_uri(path, **params), uri=True, timeout=10,
                               check_same_thread=False, isolation_level=None)
    else:
        conn = sqlite3.connect(_uri(path), uri=True, timeout=10, check_same_thread=False,
                               isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


#: SQLite's own verdicts that a file is damaged (primary result codes).
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26


def _sqlite_says_damaged(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)
    text = str(exc).lower()
    return "file is not a database" in text or "malformed" in text


def _environment_error(path: Path, exc: BaseException) -> KnownDbError:
    """A database problem that is not damage (locked, full disk, permissions), as a message
    saying what to do; the file is left alone."""
    if disk_full(path.parent):  # SQLite often says "I/O error" or "unable to open" for it
        return KnownDbError(f"The disk holding your progress ({path.parent}) is full. Free "
                            "some space and try again. Your progress database was left as it "
                            "is.")
    if isinstance(exc, sqlite3.Error):
        known = translate_sqlite_error(exc, str(path))
        if isinstance(known, KnownDbError):
            return KnownDbError(f"{known.message} Your progress database was left as it is.")
        return KnownDbError(f"The progress database {path} cannot be opened ({exc}). It was "
                            "left as it is; close other programs using it and try again.")
    reason = getattr(exc, "strerror", None) or str(exc)
    return KnownDbError(f"The progress database {path} cannot be read ({reason}). It was left "
                        "as it is; check the file's permissions or choose another data folder "
                        "with --data-dir.")


def _is_damaged(path: Path) -> str | None:
    """Why SQLite itself says `path` is damaged, or None when it is not.

    Only SQLite's verdict counts (quick_check fails, "file is not a database", "malformed"):
    a locked, busy, unreadable or read-only file, or a full disk, raise `KnownDbError`
    instead, and the file is left alone.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise _environment_error(path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise KnownDbError(f"{path} is a folder, not a progress database. Move it away (or "
                           "choose another data folder with --data-dir) and start again.")
    if not stat.S_ISREG(info.st_mode):
        raise KnownDbError(f"{path} is not a regular file. Move it away (or choose another "
                           "data folder with --data-dir) and start again.")
    if info.st_size == 0:
        return None
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise _environment_error(path, exc) from None
    if len(header) == 16 and header != SQLITE_HEADER:
        return "it is not an SQLite database"
    try:
        conn = sqlite3.connect(_uri(path, mode="ro"), uri=True, timeout=10)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if _sqlite_says_damaged(exc):
            return f"SQLite reports: {exc}"
        if not _writable_folder(path.parent) and "unable to open" in str(exc).lower():
            return None  # a WAL database in a read-only folder: opened read-only below
        raise _environment_error(path, exc) from None
    return None if result == "ok" else f"integrity check failed: {result}"


def _marked_writable(path: Path) -> bool:
    """Write permission for this process, and a mode that allows writing at all: a file or
    folder someone made read-only stays read-only even for an administrator."""
    try:
        return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)
    except OSError:
        return False


def _writable_folder(folder: Path) -> bool:
    return _marked_writable(folder) and os.access(folder, os.X_OK)


def _writable(path: Path) -> bool:
    """Whether the app can write `path` and its folder (a read-only mount counts)."""
    if not _writable_folder(path.parent):
        return False
    return not path.exists() or _marked_writable(path)


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
        #: Opened from a read-only folder or file: nothing can be saved.
        self.read_only = False

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> UserDB:
        """Open (creating, recovering or migrating as needed) the user database at `path`.

        Raises `KnownDbError` with a message for the user for what is not damage (a lock
        held by another program, a full disk, a file that cannot be read); the file is then
        left as it is. In a read-only folder (or for a read-only file) the database is
        opened read-only: reading and searching work, and `read_only` is set.
        """
        path = Path(path)
        report = OpenReport()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KnownDbError(
                f"The data folder {path.parent} cannot be created: {exc.strerror}. "
                "Choose another folder with --data-dir."
            ) from exc
        writable = _writable(path)
        if path.exists() or path.is_symlink():
            reason = _is_damaged(path)
            if reason:
                if not writable:
                    raise KnownDbError(
                        f"Your progress database {path} is damaged ({reason}), and it cannot "
                        "be moved aside because the folder is read-only. Copy the data folder "
                        "somewhere writable and start IMiD Atlas with --data-dir.")
                try:
                    moved = _move_aside(path)
                except OSError as exc:
                    raise KnownDbError(
                        f"Your progress database {path} is damaged ({reason}), and it could "
                        f"not be moved aside ({exc.strerror or exc}). Move it away yourself "
                        "and start again.") from exc
                report.moved_aside = moved
                report.notices.append(
                    f"Your progress database was damaged ({reason}). It was moved to {moved} "
                    "and a fresh database was started."
                )
        elif not writable:
            raise KnownDbError(
                f"The data folder {path.parent} is read-only, so a progress database cannot "
                "be created in it. Make it writable or choose another folder with --data-dir.")
        if not writable:
            return cls._open_read_only(path, report)
        try:
            conn = _connect(path)
            cls._check_version(conn, path)
            applied = _applied(conn)
            pending = [name for name in migration_names() if name not in applied]
            if pending:
                if applied:
                    report.backup = cls._backup_before(conn, path, pending[0])
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
            raise _environment_error(path, exc) from exc
        return cls(path, conn, report)

    @staticmethod
    def _check_version(conn: sqlite3.Connection, path: Path) -> None:
        applied = _applied(conn)
        known = migration_names()
        unknown = [name for name in applied if name not in known]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if unknown or version > len(known):
            conn.close()
            steps = "migrations " + ", ".join(unknown) if unknown else f"schema {version}"
            raise DatabaseTooNewError(
                f"The progress database {path} was written by a newer version of IMiD Atlas "
                f"(it has {steps}, this version knows {len(known)} steps). It has been left "
                "untouched. Update IMiD Atlas, or start with another data folder (--data-dir)."
            )

    @staticmethod
    def _backup_before(conn: sqlite3.Connection, path: Path, step: str) -> Path:
        target = path.parent / "backups" / f"{path.stem}-before-{step}-{_stamp()}{path.suffix}"
        try:
            return backup_database(conn, target)
        except (OSError, sqlite3.Error) as exc:
            try:
                target.unlink(missing_ok=True)
            except OSError:
                pass
            conn.close()
            reason = getattr(exc, "strerror", None) or str(exc)
            raise KnownDbError(
                f"Your progress database {path} needs an upgrade, and a copy of it must be "
                f"saved first in {target.parent}, which failed ({reason}). Nothing was "
                "changed. Free some disk space (or make the folder writable) and start again."
            ) from exc

    @classmethod
    def _open_read_only(cls, path: Path, report: OpenReport) -> UserDB:
        """Open an existing database that cannot be written: reading and searching work."""
        conn = None
        for immutable in (False, True):
            try:
                conn = _connect(path, read_only=True, immutable=immutable)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                break
            except sqlite3.Error as exc:
                if conn is not None:
                    conn.close()
                    conn = None
                if immutable:
                    raise _environment_error(path, exc) from exc
        cls._check_version(conn, path)
        pending = [name for name in migration_names() if name not in _applied(conn)]
        if pending:
            conn.close()
            raise KnownDbError(
                f"Your progress database {path} needs an upgrade for this version of IMiD "
                "Atlas, but it is read-only. Make the data folder and the file writable, or "
                "copy the folder somewhere writable and use --data-dir.")
        report.notices.append(
            f"Your data folder {path.parent} is read-only: you can read and search, but your "
            "progress will not be saved. To save it, make the folder writable or choose "
            "another with --data-dir.")
        db = cls(path, conn, report)
        db.read_only = True
        return db

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
        return _connect(self.path, read_only=self.read_only)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """`with user_db.transaction() as conn:` commits on success, rolls back on error."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, str(self.path)) from exc
        try:
            yield self.conn
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise translate_sqlite_error(exc, str(self.path)) from exc
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise translate_sqlite_error(exc, str(self.path)) from exc

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
