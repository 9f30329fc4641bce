"""Reading files the user hands us (documents, question files): regular files only, bounded,
decoded without guessing wrong.

- `read_regular(path, limit)` opens without blocking (a FIFO or device named `notes.txt` is
  refused, never waited on) and reads at most `limit` bytes;
- `decode(data)` reads text as UTF-8 (BOMs for UTF-8/16/32 honoured), falls back to
  Windows-1252 only for text that holds no valid multi-byte UTF-8 at all, and refuses a UTF-8
  file with stray bytes by line number instead of turning "Café" into "CafÃ©".
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


class NotReadable(Exception):
    """A file cannot be read as asked; `message` says why, in words for the user."""

    def __init__(self, message: str, size: int | None = None):
        super().__init__(message)
        self.message = message
        #: The file's size when it was refused for being too large.
        self.size = size


def megabytes(n: int) -> str:
    """`340 KB`, `2.5 MB`: a size for a message."""
    if n < 1024 * 1024:
        return f"{max(n / 1024, 1):.0f} KB"
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "the file does not exist"
    if isinstance(exc, PermissionError):
        return "the file cannot be read (permission denied)"
    if isinstance(exc, IsADirectoryError):
        return "this is a folder, not a file"
    return f"the file cannot be read ({exc.strerror or exc})"


def is_regular_file(path: Path) -> bool:
    """True for a regular file (or a link to one); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file (b"" for anything else or on any error)."""
    try:
        return read_regular(path, size, whole=False)
    except NotReadable:
        return b""


def read_regular(path: Path, limit: int, whole: bool = True) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises `NotReadable` for a missing or unreadable file, a folder, anything that is not a
    regular file (FIFO, socket, device) and (when `whole`) a file larger than `limit`;
    otherwise only its first `limit` bytes are read.
    """
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except (OSError, ValueError) as exc:
        if isinstance(exc, OSError) and exc.errno == 6:  # ENXIO: a FIFO with no writer
            raise NotReadable("this is not a regular file (a pipe or a device)") from None
        if isinstance(exc, ValueError):  # a NUL byte in the name
            raise NotReadable("the file name cannot be used") from None
        if os.path.isdir(path):
            raise NotReadable("this is a folder, not a file") from None
        raise NotReadable(_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotReadable("this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("this is not a regular file (a pipe or a device)")
        if whole and info.st_size > limit:
            raise NotReadable(f"the file is {megabytes(info.st_size)}; files larger than "
                              f"{megabytes(limit)} are not imported", info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, total = [], 0
        want = limit + 1 if whole else limit
        while total < want:
            chunk = os.read(fd, min(1 << 20, want - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise NotReadable(_reason(exc)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if whole and len(data) > limit:
        raise NotReadable(f"the file is larger than {megabytes(limit)}; not imported",
                          len(data))
    return data


@dataclass
class Decoded:
    """Text read from bytes: `text` (None when unreadable), the `encoding` used, and
    `bad_lines`, the lines of a UTF-8 file that hold invalid bytes."""

    text: str | None
    encoding: str = "utf-8"
    bad_lines: list[int] = field(default_factory=list)
    problem: str = ""
    #: The line `problem` is about, when it is about one.
    problem_line: int | None = None
    #: Line of the first byte that is not UTF-8 (when read as Windows-1252).
    first_non_utf8_line: int | None = None


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def looks_binary(data: bytes) -> bool:
    """More than one byte in twenty of the start is a control character: not text."""
    sample = data[:65536]
    if not sample:
        return False
    controls = sum(sample.count(bytes([b])) for b in (*range(0, 9), *range(14, 32), 127))
    return controls / len(sample) > 0.05


def decode(data: bytes, latin1: bool = False) -> Decoded:
    """Text from bytes: a BOM's encoding, else UTF-8, else Windows-1252 (see the module);
    with `latin1`, bytes Windows-1252 leaves undefined are read as Latin-1 instead of being
    refused."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                return Decoded(None, codec, problem=f"the file starts as {codec.upper()} text "
                               f"but is not valid {codec.upper()} ({exc.reason})")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    lossy = data.decode("utf-8", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in lossy):
        # Valid multi-byte UTF-8 next to broken bytes: a damaged UTF-8 file, not another code.
        bad = [n for n, line in enumerate(lossy.split("\n"), 1) if "\ufffd" in line]
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        return Decoded(None, "utf-8", bad, f"the file is UTF-8 text with bytes that are not "
                       f"valid UTF-8 on line{'s' if len(bad) > 1 else ''} {shown}; retype "
                       "those characters or save the file again as UTF-8")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        if latin1:
            return Decoded(data.decode("latin-1"), "latin-1",
                           first_non_utf8_line=data[:first_bad].count(b"\n") + 1)
        line = data[:exc.start].count(b"\n") + 1
        return Decoded(None, "cp1252", problem=f"the file is neither UTF-8 nor Windows-1252 "
                       f"text (line {line}, byte 0x{data[exc.start]:02x}); save it as UTF-8",
                       problem_line=line)
    return Decoded(text, "cp1252", first_non_utf8_line=data[:first_bad].count(b"\n") + 1)
