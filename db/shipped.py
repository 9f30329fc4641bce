"""Databases compiled when the package is built, which an installed app copies instead.

Building the package (a wheel, and so pipx and the bundle) writes two files into the
`resources` folder it ships (setup.py's build step):

- `content.sqlite`: the `resources/content` beside it, compiled. A first start, or the first
  start after an upgrade, copies it into the data folder once its digest matches the content
  files installed beside it; a content pack or a content folder of one's own
  (`IMID_ATLAS_CONTENT_DIR`) is compiled as before.
- `user-empty.sqlite`: an empty user database with every migration applied. A new data folder
  starts from a copy of it, so the first start does not load sqlite-utils (and numpy) to run
  the migrations. It is used only when its migrations are exactly the ones this version knows.

A development checkout has neither until `python -m db.shipped` writes them (they are ignored by
git, and ignored by the app once stale).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from db.content_hash import ContentSource, content_hash, content_stamp, stored_fingerprint
from db.sqlite_uri import read_only_uri
from db.user_migrations import MIGRATION_SET, migration_names

CONTENT_NAME = "content.sqlite"
EMPTY_USER_NAME = "user-empty.sqlite"


def shipped_content_path(resources_dir: Path) -> Path:
    """Where the shipped content database lives inside a `resources` folder."""
    return Path(resources_dir) / CONTENT_NAME


def empty_user_path(resources_dir: Path) -> Path:
    """Where the shipped empty user database lives inside a `resources` folder."""
    return Path(resources_dir) / EMPTY_USER_NAME


def build_shipped(resources_dir: Path) -> list[Path]:
    """Write both shipped databases into `resources_dir` (the package build step).

    Raises `db.errors.ContentError` when the content is invalid: nothing broken ships.
    """
    from db.content_build import build_content_db

    resources_dir = Path(resources_dir)
    content = build_content_db([ContentSource(resources_dir / "content")],
                               shipped_content_path(resources_dir))
    return [content, build_empty_user_db(empty_user_path(resources_dir))]


def build_empty_user_db(out: Path) -> Path:
    """A new user database with every migration applied, as one file (atomically replaced)."""
    from db.user_db import UserDB

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".user-empty-", dir=out.parent))
    try:
        UserDB.open(work / "user.sqlite").close()
        conn = sqlite3.connect(work / "user.sqlite")
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.replace(work / "user.sqlite", out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def content_is_current(shipped: Path, resources_dir: Path) -> bool:
    """True when `shipped` was compiled from exactly the content now in `resources_dir`."""
    digest = stored_fingerprint(Path(shipped))[0] if Path(shipped).is_file() else None
    return digest is not None and digest == content_hash(
        [ContentSource(Path(resources_dir) / "content")])


def empty_user_is_current(template: Path) -> bool:
    """True when `template` has exactly the migrations this version knows, all applied."""
    if not Path(template).is_file():
        return False
    try:
        conn = sqlite3.connect(read_only_uri(template), uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            applied = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,))]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    known = migration_names()
    return version == len(known) and sorted(applied) == sorted(known)


def install_shipped_content(shipped: Path, sources: Sequence[ContentSource], path: Path,
                            digest: str | None = None) -> bool:
    """Copy the shipped content database to `path` if it was compiled from `sources`.

    Only the bundled content alone qualifies (no content pack). `digest` is the content hash of
    `sources` when the caller already has it. The copy records this machine's file stamp and
    content folder, so later starts recognise it without reading the content files. Returns
    True when copied.
    """
    if len(sources) != 1 or sources[0].pack or not Path(shipped).is_file():
        return False
    stored = stored_fingerprint(Path(shipped))[0]
    if stored is None or stored != (digest or content_hash(sources)):
        return False

    def restamp(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'content_stamp'",
                     (content_stamp(sources),))
        conn.execute("UPDATE packs SET root = ? WHERE name = ''", (str(sources[0].root),))

    return _copy_into_place(Path(shipped), Path(path), restamp)


def install_empty_user_db(template: Path | None, path: Path) -> bool:
    """Start a new user database at `path` as a copy of the shipped empty one.

    Does nothing (returns False) when `path` exists or the template is missing or does not
    match this version's migrations; `UserDB.open` then creates the database as usual.
    """
    path = Path(path)
    if template is None or path.exists() or not empty_user_is_current(template):
        return False
    return _copy_into_place(Path(template), path)


def _copy_into_place(source: Path, path: Path, adjust=None) -> bool:
    """Copy `source` to `path` through a temporary file beside it, then rename.

    False when the copy cannot be made (a read-only or full data folder): the caller then
    builds the file as it would have without a shipped one, and that reports the problem.
    """
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".sqlite",
                                        dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        shutil.copyfile(source, tmp)
        if adjust is not None:
            conn = sqlite3.connect(tmp)
            try:
                with conn:
                    adjust(conn)
            finally:
                conn.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        return False
    finally:
        if tmp is not None and tmp.exists():
            tmp.unlink()


def stale(resources_dir: Path) -> list[str]:
    """What is missing or stale among the shipped databases in `resources_dir`."""
    resources_dir = Path(resources_dir)
    problems = []
    content = shipped_content_path(resources_dir)
    if not content_is_current(content, resources_dir):
        problems.append(f"{content}: {'stale' if content.exists() else 'missing'}")
    user = empty_user_path(resources_dir)
    if not empty_user_is_current(user):
        problems.append(f"{user}: {'stale' if user.exists() else 'missing'}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m db.shipped [--check] [RESOURCES]`: write or check the shipped databases."""
    parser = argparse.ArgumentParser(
        prog="python -m db.shipped",
        description="Compile resources/content into resources/content.sqlite and write the "
        "empty user database beside it, as building the package does (or, with --check, say "
        "whether both are current).")
    parser.add_argument("resources", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent.parent / "resources",
                        help="the resources folder (default: this checkout's)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a shipped database is missing or stale, 0 if current")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale(args.resources)
        for problem in problems:
            print(f"{problem}; regenerate with: python -m db.shipped", file=sys.stderr)
        if not problems:
            print(f"{args.resources}: the shipped databases are current")
        return 1 if problems else 0
    from db.errors import ContentError

    try:
        written = build_shipped(args.resources)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
