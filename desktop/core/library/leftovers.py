"""Cleaning up after an import that was killed half-way (start-up calls this: it must be
cheap, so it lives apart from the importer and imports nothing heavy).

An import writes the copy of the original as `imports/.<name>.part`, then inserts the row and
renames the copy into place, then commits. A process killed in between leaves a `.part` file
or a copy that no row names; both are removed once they are old enough not to belong to an
import still running in another window.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

#: Leftovers younger than this may belong to an import running in another window.
LEFTOVER_GRACE_SECONDS = 600


def clean_import_leftovers(conn: sqlite3.Connection, imports_dir: Path,
                           grace: float = LEFTOVER_GRACE_SECONDS) -> list[Path]:
    """Remove what an interrupted import left in `imports_dir` (a `.part` file, or a copy no
    database row names), once it is older than `grace` seconds; returns what was removed.
    Cheap: one directory listing, and one query only when there is something to check."""
    try:
        entries = [e for e in os.scandir(imports_dir) if e.is_file(follow_symlinks=False)]
    except OSError:
        return []
    now = time.time()
    old = [e for e in entries if now - e.stat(follow_symlinks=False).st_mtime >= grace]
    if not old:
        return []
    try:
        known = {r[0] for r in conn.execute("SELECT stored_name FROM imported_documents")}
    except sqlite3.Error:
        return []
    removed = []
    for entry in old:
        leftover = entry.name.endswith(".part") and entry.name.startswith(".")
        if leftover or entry.name not in known:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed
