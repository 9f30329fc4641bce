"""SQLite URIs for files whose folder names may hold `#`, `?` or `%` ("Class #3" is a folder,
not a URI fragment): built by pathlib, so every character is escaped."""

from __future__ import annotations

from pathlib import Path


def sqlite_uri(path: Path | str, query: str = "") -> str:
    """A `file:` URI for `path` (made absolute), with an optional query such as `mode=ro`."""
    return Path(path).resolve().as_uri() + (f"?{query}" if query else "")


def read_only_uri(path: Path | str) -> str:
    """A read-only SQLite URI for `path`."""
    return sqlite_uri(path, "mode=ro")
