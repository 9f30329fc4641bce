"""Which content a content database was built from: a digest of every content file.

Light on purpose: start-up checks the digest without importing the content builder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from db.sqlite_uri import read_only_uri

#: Bump when the tables the builder writes change; a content DB with another version is rebuilt.
CONTENT_SCHEMA_VERSION = 5


@dataclass(frozen=True)
class ContentSource:
    """A content folder to build from; `pack` is empty for the bundled content."""

    root: Path
    pack: str = ""


def content_files(root: Path) -> list[Path]:
    """Every content file under `root` (TOML records, Markdown documents), in a stable order."""
    files = [
        p
        for p in root.rglob("*")
        if p.is_file()
        and (p.suffix == ".toml" or (p.suffix == ".md" and p.name.lower() != "readme.md"))
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def content_hash(sources: Iterable[ContentSource]) -> str:
    """A digest of the builder version and every content file's path and bytes."""
    import hashlib  # not at import time: the start-up path only compares stamps

    digest = hashlib.sha256(f"schema:{CONTENT_SCHEMA_VERSION}\n".encode())
    for source in sources:
        digest.update(f"pack:{source.pack}\n".encode())
        root = Path(source.root)
        if not root.is_dir():
            digest.update(b"missing\n")
            continue
        for path in content_files(root):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def content_stamp(sources: Iterable[ContentSource]) -> str:
    """A cheap fingerprint from file names, sizes and modification times (no file is read).

    When it matches the stamp stored in the content DB, the full digest need not be computed.
    It is a plain string, compared exactly (no hashing at start-up).
    """
    parts = [f"schema:{CONTENT_SCHEMA_VERSION}"]
    for source in sources:
        parts.append(f"pack:{source.pack}:{source.root}")
        root = Path(source.root)
        if not root.is_dir():
            parts.append("missing")
            continue
        for path in content_files(root):
            stat = path.stat()
            parts.append(f"{path.relative_to(root).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def stored_fingerprint(path: Path) -> tuple[str | None, str | None]:
    """(content hash, file stamp) recorded in an existing content DB; Nones if unreadable."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != CONTENT_SCHEMA_VERSION:
                return None, None
            meta = dict(conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('content_hash', 'content_stamp')"))
            return meta.get("content_hash"), meta.get("content_stamp")
        finally:
            conn.close()
    except sqlite3.Error:
        return None, None
