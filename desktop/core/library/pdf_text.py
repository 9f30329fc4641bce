"""Text out of a PDF, with its headings and paragraphs, bounded in time and size.

A PDF is untrusted: a 14 KB file whose pages share one content stream that inflates to
megabytes takes seconds per page to read. So PDFs are read in a worker process (`PdfWorker`),
page by page: the importer keeps what arrives, and after its deadline, or when the user
cancels, the process is killed. pypdf's warnings about damaged files go to the app's log
with the result, never to the console.

Each page becomes blocks, `("h", text)` for a heading (a line set clearly larger than the
body text) and `("p", text)` for a paragraph (lines close together in the same size), so an
imported paper keeps its title, section headings and paragraphs instead of one run of text.
"""

from __future__ import annotations

import io
import logging
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

#: A line this much larger than the body text is a heading.
HEADING_RATIO = 1.15
#: A gap between lines larger than this many times the usual line spacing starts a paragraph.
PARAGRAPH_GAP = 1.5
MAX_HEADING_CHARS = 200


class PdfProblem(Exception):
    """The PDF cannot be read; `message` says why, in words for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class PdfText:
    """What was read: metadata, blocks in reading order, and whether the reading stopped early
    (`stopped` says why: "characters", "time" or "cancelled")."""

    title: str = ""
    authors: str = ""
    created: str = ""
    pages: int = 0
    pages_read: int = 0
    blocks: list[tuple[str, str]] = field(default_factory=list)
    chars: int = 0
    stopped: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    y: float | None
    size: float


def _lines(page) -> list[_Line]:
    """The page's lines with the position and font size of their text."""
    lines: list[_Line] = []
    current = {"text": "", "y": None, "size": 0.0}

    def flush() -> None:
        lines.append(_Line(current["text"], current["y"], current["size"]))
        current.update(text="", y=None, size=0.0)

    def visit(text, cm, tm, _font, size) -> None:
        if not text:
            return
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        effective = (size or 0.0) * scale
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if n:
                flush()
            if part.strip():
                if current["y"] is None:
                    current["y"] = y
                current["size"] = max(current["size"], effective)
            current["text"] += part

    page.extract_text(visitor_text=visit)
    flush()
    return [line for line in lines if line.text.strip() or line.y is None]


def page_blocks(page) -> list[tuple[str, str]]:
    """(kind, text) blocks of one page: "h" headings and "p" paragraphs."""
    lines = _lines(page)
    sizes = Counter()
    for line in lines:
        if line.text.strip() and line.size:
            sizes[round(line.size, 1)] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    gaps = [abs(a.y - b.y) for a, b in zip(lines, lines[1:], strict=False)
            if a.y is not None and b.y is not None and a.text.strip() and b.text.strip()
            and abs(a.y - b.y) > 0.1]
    # The line spacing of the body: the small, common gap (headings and paragraph breaks
    # make the larger ones).
    usual = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    blocks: list[tuple[str, str]] = []
    kind, words, last = "", [], None

    def close() -> None:
        text = " ".join(" ".join(words).split())
        text = re.sub(r"(\w)- (\w)", r"\1\2", text) if kind == "p" else text
        if text:
            blocks.append(("h" if kind == "h" and len(text) <= MAX_HEADING_CHARS else "p",
                           text))

    for line in lines:
        text = line.text.strip()
        if not text:
            close()
            kind, words, last = "", [], None
            continue
        line_kind = "h" if body and line.size >= body * HEADING_RATIO else "p"
        new_block = (
            not words or line_kind != kind
            or (last is not None and line.y is not None and usual
                and abs(last.y - line.y) > usual * PARAGRAPH_GAP)
            or (last is not None and abs(last.size - line.size) > 0.15 * max(line.size, 1)))
        if new_block:
            if words:
                close()
            kind, words = line_kind, []
        words.append(text)
        last = line if line.y is not None else last
    if words:
        close()
    return blocks


def read_pdf(data: bytes, max_chars: int,
             deadline: float | None = None) -> Iterator[tuple[str, object]]:
    """Read `data`, yielding ("meta", (title, authors, created, pages)), then ("page",
    blocks) for each page until `max_chars` characters (or `deadline`, a `time.monotonic()`
    value) are reached, then ("stopped", reason) if it stopped early.

    Raises `PdfProblem` for a damaged or password-protected PDF.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - e.g. AES without a crypto library
                opened = 0
            if not opened:
                raise PdfProblem(
                    "the PDF is encrypted with a password; save an unprotected copy "
                    "(for example with Print to PDF) and import that")
        info = reader.metadata or {}
        meta = (str(info.get("/Title") or ""), str(info.get("/Author") or ""),
                str(info.get("/CreationDate") or ""), len(reader.pages))
    except PdfProblem:
        raise
    except PdfReadError as exc:
        raise PdfProblem(f"the PDF is damaged and cannot be read ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors on bad files
        raise PdfProblem(f"the PDF cannot be read ({type(exc).__name__}: {exc})") from None
    yield "meta", meta
    chars = 0
    for number in range(meta[3]):
        if deadline is not None and time.monotonic() > deadline:
            yield "stopped", "time"
            return
        try:
            blocks = page_blocks(reader.pages[number])
        except RecursionError:
            blocks = []
        except Exception:  # noqa: BLE001 - a damaged page is skipped, the rest is read
            blocks = []
        yield "page", blocks
        chars += sum(len(text) + 2 for _kind, text in blocks)
        if chars > max_chars:
            yield "stopped", "characters"
            return


class _Collect(logging.Handler):
    def __init__(self, into: list[str]):
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.into) < 50:
            self.into.append(record.getMessage()[:300])


def _quiet(into: list[str]):
    """Send pypdf's log records and Python warnings to `into` instead of the console."""
    log = logging.getLogger("pypdf")
    log.addHandler(_Collect(into))
    log.propagate = False
    warnings.simplefilter("ignore")


def worker_main(conn) -> None:
    """The worker process: read each PDF sent, send its parts back as they are read."""
    collected: list[str] = []
    _quiet(collected)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        data, max_chars = request
        collected.clear()
        try:
            for kind, value in read_pdf(data, max_chars):
                conn.send((kind, value))
            conn.send(("done", list(collected)))
        except PdfProblem as problem:
            conn.send(("problem", problem.message))
        except Exception as exc:  # noqa: BLE001 - the parent turns it into a message
            conn.send(("problem", f"the PDF cannot be read ({type(exc).__name__})"))


class PdfWorker:
    """A worker process that reads PDFs, started on first use and killed on a deadline or a
    cancel (then started again for the next PDF). Falls back to reading in this process, with
    the deadline checked between pages, where a process cannot be started."""

    def __init__(self):
        self._process = None
        self._conn = None

    def _start(self) -> bool:
        import multiprocessing

        try:
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            process = context.Process(target=worker_main, args=(child,), daemon=True,
                                      name="imid-atlas-pdf")
            process.start()
            child.close()
        except (OSError, RuntimeError, ValueError):
            return False
        self._process, self._conn = process, parent
        return True

    def stop(self) -> None:
        """Kill the worker (the PDF being read is abandoned)."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            process.kill()
            process.join(5)

    close = stop

    def read(self, data: bytes, max_chars: int, seconds: float,
             cancelled: Callable[[], bool] | None = None) -> PdfText:
        """Read `data` for at most `seconds`; `cancelled()` stops it at once."""
        result = PdfText()
        deadline = time.monotonic() + seconds
        if (self._process is None or not self._process.is_alive()) and not self._start():
            return self._read_here(data, max_chars, deadline, result)
        try:
            self._conn.send((data, max_chars))
        except (OSError, ValueError):
            self.stop()
            return self._read_here(data, max_chars, deadline, result)
        heard = False
        while True:
            if cancelled and cancelled():
                self.stop()
                result.stopped = "cancelled"
                return result
            if time.monotonic() > deadline:
                self.stop()
                result.stopped = "time"
                return result
            try:
                ready = self._conn.poll(0.05)
                message = self._conn.recv() if ready else None
            except (EOFError, OSError):
                self.stop()
                if not heard:  # the process could not run at all: read it here instead
                    return self._read_here(data, max_chars, deadline, result)
                raise PdfProblem("the PDF reader stopped unexpectedly (the file may be "
                                 "damaged)") from None
            if message is None:
                continue
            heard = True
            kind, value = message
            if kind == "problem":
                raise PdfProblem(value)
            if kind == "done":
                result.warnings = value
                return result
            self._take(result, kind, value)

    @staticmethod
    def _take(result: PdfText, kind: str, value) -> None:
        if kind == "meta":
            result.title, result.authors, result.created, result.pages = value
        elif kind == "page":
            result.pages_read += 1
            result.blocks.extend(value)
            result.chars += sum(len(text) + 2 for _k, text in value)
        elif kind == "stopped":
            result.stopped = value

    def _read_here(self, data: bytes, max_chars: int, deadline: float,
                   result: PdfText) -> PdfText:
        collected: list[str] = []
        log = logging.getLogger("pypdf")
        handler = _Collect(collected)
        log.addHandler(handler)
        propagate, log.propagate = log.propagate, False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for kind, value in read_pdf(data, max_chars, deadline):
                    self._take(result, kind, value)
        finally:
            log.removeHandler(handler)
            log.propagate = propagate
        result.warnings = collected
        return result
