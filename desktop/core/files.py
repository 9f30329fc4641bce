"""Writing files so that a failure never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _folder(path: Path, make_folder: bool) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise FileNotFoundError(2, "No such folder", str(folder))
    return folder


@contextmanager
def atomic_target(path: Path, make_folder: bool = False) -> Iterator[Path]:
    """A temporary path beside `path`; renamed over `path` only if the block succeeds."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=_folder(path, make_folder))
    os.close(fd)
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_atomically(path: Path, data: str | bytes, encoding: str = "utf-8",
                     make_folder: bool = False) -> Path:
    """Write `data` (text or bytes) to `path` through a temporary file renamed over it.

    A missing folder is an error unless `make_folder` is set.
    """
    with atomic_target(path, make_folder) as temporary:
        if isinstance(data, bytes):
            temporary.write_bytes(data)
        else:
            with temporary.open("w", encoding=encoding, newline="") as handle:
                handle.write(data)
    return Path(path)
