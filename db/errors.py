"""Database errors, split as qutebrowser does: the environment's fault or ours.

`KnownDbError` carries a message written for the user (disk full, file locked, corrupt, too
new); the UI shows it as it is. Anything else that escapes is a bug and goes to the crash
dialog with details.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


class KnownDbError(Exception):
    """A database problem caused by the environment, with a message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DatabaseTooNewError(KnownDbError):
    """The user database was written by a newer IMiD Atlas; it is left untouched."""


_ENVIRONMENTAL = {
    "database is locked": "The database is locked by another program. Close other copies of "
    "IMiD Atlas and try again.",
    "disk i/o error": "The disk reported an input/output error while writing data; check the "
    "disk (and that it is still connected) and try again.",
    "database or disk is full": "The disk is full. Free some space and try again.",
    "attempt to write a readonly database": "The data folder is read-only. Choose a writable "
    "folder with --data-dir.",
    "unable to open database file": "The database file cannot be opened. Check that the data "
    "folder exists and is writable.",
    "file is not a database": "The file is not an IMiD Atlas database (it may be damaged).",
    "database disk image is malformed": "The database file is damaged.",
}


def disk_full(folder) -> bool:
    """Less than a megabyte free in `folder` (SQLite often reports a full disk as an I/O
    error or a file it cannot open)."""
    import os

    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError, ValueError):
        return False
    return info.f_bavail * info.f_frsize < 1024 * 1024


def translate_sqlite_error(exc: sqlite3.Error, path: str = "") -> Exception:
    """Map an sqlite3 error to a KnownDbError when the environment is to blame."""
    text = str(exc).lower()
    if path and any(s in text for s in ("disk i/o error", "unable to open", "disk is full")):
        import os

        if disk_full(os.path.dirname(os.path.abspath(path))):
            return KnownDbError(_ENVIRONMENTAL["database or disk is full"] + f" ({path})")
    for needle, message in _ENVIRONMENTAL.items():
        if needle in text:
            where = f" ({path})" if path else ""
            return KnownDbError(message + where)
    return exc


class ContentError(Exception):
    """Content failed validation; `problems` lists every problem found (file, line, message)."""

    def __init__(self, problems: Sequence):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the content")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)
