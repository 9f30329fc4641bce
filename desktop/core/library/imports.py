"""The user's own documents: import (text, Markdown, HTML, PDF), index, edit, remove.

Each file is read, checked and turned into text. The original is copied into the data folder
(`imports/`), and the text is stored and indexed in the user database in the same step: a file
that fails at any point leaves neither a row nor a copy behind. Every bad file gets one clear
message naming the file and what is wrong with it, and the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from db.records import SearchHit
from db.text import greek_variants

#: Larger files are refused (a 25 MB PDF is several thousand pages of text).
MAX_FILE_BYTES = 25 * 1024 * 1024
#: Text beyond this is cut (and the cut is said in the outcome message).
MAX_TEXT_CHARS = 3_000_000
MIN_PDF_WORDS = 5
MAX_TITLE_CHARS = 200
#: A PDF may take this long to read; then the pages read so far are kept (a worker process
#: reads it and is stopped).
PDF_SECONDS = 60.0
#: HTML nested deeper than this keeps its paragraphs but not its structure.
MAX_HTML_DEPTH = 256

TEXT, MARKDOWN, HTML, PDF = "text/plain", "text/markdown", "text/html", "application/pdf"
MEDIA_LABELS = {TEXT: "Text", MARKDOWN: "Markdown", HTML: "HTML", PDF: "PDF"}
SUFFIX_TYPES = {
    ".txt": TEXT, ".text": TEXT, ".md": MARKDOWN, ".markdown": MARKDOWN, ".mdown": MARKDOWN,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".pdf": PDF,
}
#: Formats people often try; each gets a hint rather than a generic "binary" message.
UNSUPPORTED_HINTS = {
    ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".rtf": "RTF", ".epub": "EPUB",
    ".pages": "Pages", ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".xls": "Excel",
    ".xlsx": "Excel", ".zip": "ZIP", ".png": "image", ".jpg": "image", ".jpeg": "image",
    ".gif": "image", ".tif": "image", ".tiff": "image",
}
FILE_FILTER = "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf);;All files (*)"

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")


class ImportProblem(Exception):
    """A file cannot be imported; `message` says why, in words for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ImportCancelled(Exception):
    """The user cancelled while this file was being read."""


@dataclass(frozen=True)
class Extracted:
    """What was read out of a file, before it is stored."""

    text: str
    media_type: str
    title: str
    year: int | None = None
    authors: str = ""
    truncated: bool = False
    #: The document's structure (headings, paragraphs, emphasis) as sanitised HTML.
    html: str = ""
    #: Why only part of the document was read (besides the character limit), if it was.
    partial: str = ""


@dataclass(frozen=True)
class ImportedDocument:
    id: int
    title: str
    year: int | None
    authors: str
    original_name: str
    stored_name: str
    sha256: str
    size: int
    media_type: str
    text: str
    imported_at: str
    #: Headings and paragraphs as sanitised HTML ("" for documents imported before it was
    #: kept, and for plain text, shown as paragraphs).
    html: str = ""

    @property
    def media_label(self) -> str:
        return MEDIA_LABELS.get(self.media_type, self.media_type)


@dataclass(frozen=True)
class ImportOutcome:
    """The result for one file: `status` is imported, duplicate, failed or cancelled."""

    path: Path
    status: str
    message: str
    doc_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "duplicate")

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# -- reading and extracting -----------------------------------------------------------------

def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, or `ImportProblem` saying why they cannot be had (regular files
    only: a FIFO or device is refused, never waited on)."""
    from desktop.core.text_files import NotReadable, read_regular

    try:
        data = read_regular(path, MAX_FILE_BYTES if limit is None else limit)
    except NotReadable as exc:
        raise ImportProblem(exc.message) from None
    if not data.strip():
        raise ImportProblem("the file is empty")
    return data


#: Files that are data rather than documents, by suffix: what they are.
DATA_SUFFIXES = {
    ".json": "a JSON data file", ".xml": "an XML data file", ".csv": "a CSV spreadsheet",
    ".tsv": "a tab-separated spreadsheet", ".yaml": "a YAML data file",
    ".yml": "a YAML data file", ".toml": "a TOML data file", ".ini": "a settings file",
    ".sqlite": "an SQLite database", ".sqlite3": "an SQLite database", ".db": "a database",
    ".apkg": "an Anki deck",
}
_READ_AS_DOCUMENTS = "import papers and notes as PDF, HTML, Markdown or plain text"
_QUESTIONS_HINT = ("import it with File > Import questions (Ctrl+Shift+I) or "
                   "`imid-atlas import FILE`, which sends question files there")


def _head_text(data: bytes) -> str:
    return data[:65536].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")


def _looks_like_json(data: bytes) -> bool:
    head = _head_text(data)
    if not head.startswith(("{", "[")):
        return False
    tail = data[-4096:].decode("utf-8", errors="replace").rstrip()
    return tail.endswith(("}", "]"))


def not_a_document(path: Path, data: bytes) -> str | None:
    """Why the file is data, a question file or an archive rather than a document (with what
    to do instead), or None when it may be a document."""
    suffix = path.suffix.lower()
    head = _head_text(data)
    if data.startswith(b"SQLite format 3\x00"):
        return "this is an SQLite database, not a document"
    if data.startswith(b"PK\x03\x04") and suffix not in UNSUPPORTED_HINTS:
        return ("this is a ZIP archive (Word, EPUB and Anki files are ZIP archives too), not a "
                f"document; {_READ_AS_DOCUMENTS}")
    lowered = head[:4096].lower()
    if lowered.startswith("<?xml") or suffix == ".xml":
        if "<quiz" in lowered:
            return ("this is a Moodle XML question file, not a document; IMiD Atlas imports "
                    "questions from GIFT or CSV files: export the questions from Moodle as "
                    "GIFT, then " + _QUESTIONS_HINT.replace("import it", "import that file"))
        if "<html" not in lowered:
            return f"this is an XML data file, not a document; {_READ_AS_DOCUMENTS}"
    if suffix in (".gift", ".csv", ".txt", ".text", "") or suffix not in SUFFIX_TYPES:
        from desktop.core.interop.gift import looks_like_gift
        from desktop.core.interop.question_csv import looks_like_question_csv

        if suffix == ".gift" or (suffix != ".csv" and looks_like_gift(head)):
            return f"this is a GIFT question file, not a document; {_QUESTIONS_HINT}"
        if looks_like_question_csv(head):
            return f"this is a CSV question file, not a document; {_QUESTIONS_HINT}"
    if suffix in DATA_SUFFIXES:
        return f"this is {DATA_SUFFIXES[suffix]}, not a document; {_READ_AS_DOCUMENTS}"
    if suffix not in SUFFIX_TYPES and _looks_like_json(data):
        return f"this is a JSON data file, not a document; {_READ_AS_DOCUMENTS}"
    return None


def media_type_of(path: Path, data: bytes) -> str:
    """The kind of document, from its content and its name; `ImportProblem` (saying what to
    do instead) for anything that is not a document."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if b"%PDF-" in data[:1024]:
            return PDF
        raise ImportProblem("the file is named .pdf but is not a PDF")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-":
        return PDF
    if suffix in UNSUPPORTED_HINTS:
        raise ImportProblem(
            f"{UNSUPPORTED_HINTS[suffix]} files cannot be imported; save it as PDF, HTML, "
            "Markdown or plain text first")
    reason = not_a_document(path, data)
    if reason:
        raise ImportProblem(reason)
    if suffix in SUFFIX_TYPES:
        return SUFFIX_TYPES[suffix]
    head = _head_text(data)[:2048].lower()
    if head.startswith(("<!doctype html", "<html")) or (head.startswith("<?xml")
                                                          and "<html" in head):
        return HTML
    return TEXT


def decode_text(data: bytes) -> str:
    """Text from bytes (`desktop.core.text_files.decode`: UTF-8, BOMs, Windows-1252 for
    files with no UTF-8 at all; damaged UTF-8 is refused with its lines). Binary data is
    refused rather than decoded into garbage."""
    from desktop.core.text_files import decode, looks_binary

    bom = data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    if not bom and (b"\x00" in data[:65536] or looks_binary(data)):
        raise ImportProblem("this is binary data, not a text, Markdown, HTML or PDF file")
    decoded = decode(data, latin1=True)
    if decoded.text is None:
        raise ImportProblem(decoded.problem)
    return _check_textual(decoded.text.removeprefix("\ufeff"))


def _check_textual(text: str) -> str:
    sample = text[:20000]
    controls = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cs")
                   and c not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.05:
        raise ImportProblem("this is binary data, not a text, Markdown, HTML or PDF file")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


@dataclass(frozen=True)
class ImportLimits:
    """How much work one document may cost: its size, the characters kept, and the seconds
    a PDF may take to read (a worker process is stopped after that)."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    pdf_seconds: float = PDF_SECONDS


def extract(path: Path, data: bytes, limits: ImportLimits | None = None, pdf_reader=None,
            cancelled: Callable[[], bool] | None = None) -> Extracted:
    """Read a document's text (and its structure as sanitised HTML) and find its title, year
    and authors. A year is taken from the file's metadata, its title or its name, never from
    its body (a paper about 1957 is not from 1957); without one it is left empty."""
    limits = limits or ImportLimits()
    media_type = media_type_of(path, data)
    body_html = ""
    note = ""
    if media_type == PDF:
        text, body_html, title, authors, year, note = _pdf_text(data, limits, pdf_reader,
                                                               cancelled)
    elif media_type == HTML:
        text, body_html, title, authors, year = _html_text(decode_text(data),
                                                           limits.max_text_chars)
    else:
        text = decode_text(data)
        title, authors, year = "", "", None
        if media_type == MARKDOWN:
            text, title, year = _markdown_front(text)
    text = text.strip()
    if not re.search(r"\w", text):
        raise ImportProblem("the file has no text in it")
    truncated = len(text) > limits.max_text_chars or note == "characters"
    text = text[:limits.max_text_chars]
    title = _clean_title(title) or _first_line_title(text) or _clean_title(path.stem) \
        or "Untitled document"
    if year is None:
        year = guess_year(title) or guess_year(path.stem)
    return Extracted(text, media_type, title, year, one_line(authors)[:MAX_TITLE_CHARS],
                     truncated, body_html, note if note != "characters" else "")


def guess_year(text: str) -> int | None:
    """The first plausible publication year in `text` (1950 to next year)."""
    this_year = time.localtime().tm_year
    for match in _YEAR.finditer(text or ""):
        year = int(match.group(1))
        if year <= this_year + 1:
            return year
    return None


def one_line(text: str) -> str:
    """`text` as one line: control and format characters (NUL, bidi overrides) dropped,
    white space folded."""
    return " ".join("".join(c if c.isprintable() else " " for c in (text or "")).split())


def _clean_title(title: str) -> str:
    title = one_line(title)
    title = re.sub(r"^(Microsoft Word|Microsoft PowerPoint)\s*-\s*", "", title)
    if title.lower() in ("untitled", "untitled document", "document", "title"):
        return ""
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return title


def _first_line_title(text: str) -> str:
    for line in text[:20000].splitlines():
        line = re.sub(r"^[#>*\-\s]+", "", line).strip()
        if re.search(r"\w", line):
            return _clean_title(line)
    return ""


_FRONT = re.compile(r"\A(---|\+\+\+)\n(.{0,20000}?)\n\1\n", flags=re.DOTALL)


def _markdown_front(text: str) -> tuple[str, str, int | None]:
    """(body, title, year): drop a YAML/TOML front-matter block; the title from it or the
    first heading, the year from its `date` or `year`."""
    title, year = "", None
    match = _FRONT.match(text)
    if match:
        front = match.group(2)
        found = re.search(r"^title\s*[:=]\s*[\"']?(.+?)[\"']?\s*$", front, flags=re.MULTILINE)
        title = found.group(1) if found else ""
        dated = re.search(r"^(?:date|year)\s*[:=]\s*[\"']?(.+?)[\"']?\s*$", front,
                          flags=re.MULTILINE)
        year = guess_year(dated.group(1)) if dated else None
        text = text[match.end():]
    if not title:
        heading = re.search(r"^ {0,3}#[ \t]+(.+?)[ \t]*#*[ \t]*$", text[:200000],
                            flags=re.MULTILINE)
        title = heading.group(1) if heading else ""
    return text, re.sub(r"[*_`]", "", title), year


class _HtmlText(HTMLParser):
    """Visible text of an HTML page, with the title and citation metadata."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
             "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "hr", "figure",
             "figcaption", "header", "footer", "main", "aside", "nav"}

    #: Tags without an end, or whose end is often left out (they do not nest deeper).
    FLAT = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "br", "hr", "img", "input",
            "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "param"}

    def __init__(self, max_chars: int):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.deepest = 0
        self.parts: list[str] = []
        self.size = 0
        self.max_chars = max_chars
        self.skip_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag not in self.FLAT:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
        attributes = {k: v or "" for k, v in attrs}
        if tag == "meta":
            name = (attributes.get("name") or attributes.get("property") or "").lower()
            if name and len(self.meta) < 200:
                self.meta.setdefault(name, []).append(attributes.get("content", "")[:2000])
            return
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "h1":
            self.in_h1 = True
        if tag in self.BLOCK:
            self.parts.append("\n\n" if tag not in ("br", "li", "tr", "dt", "dd") else "\n")

    def handle_endtag(self, tag):
        if tag not in self.FLAT:
            self.depth = max(0, self.depth - 1)
        if tag == "title":
            self.in_title = False
        elif tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "h1":
            self.in_h1 = False
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            if len(self.title) < 2000:
                self.title += data
        elif not self.skip_depth and self.size <= self.max_chars:
            self.parts.append(data)
            self.size += len(data)
            if self.in_h1 and len(self.h1) < 2000:
                self.h1 += data


def _html_text(source: str, max_chars: int = MAX_TEXT_CHARS
               ) -> tuple[str, str, str, str, int | None]:
    """(text, sanitised body HTML, title, authors, year) of an HTML page."""
    parser = _HtmlText(max_chars)
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - the stdlib parser is lenient; be safe anyway
        raise ImportProblem(f"the HTML cannot be read ({type(exc).__name__})") from None
    raw = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paragraphs if p)
    meta = parser.meta
    title = next((v for key in ("citation_title", "dc.title", "og:title")
                  for v in meta.get(key, []) if v.strip()), "")
    title = title or parser.title or parser.h1
    authors = "; ".join(v.strip() for v in meta.get("citation_author", [])[:50] if v.strip())
    date = next((v for key in ("citation_publication_date", "citation_date", "dc.date",
                               "citation_year") for v in meta.get(key, []) if v.strip()), "")
    # The parser has decoded entities once (in text and attributes): decoding again would
    # turn a title that reads "&lt;b&gt;" into markup.
    # A page nested hundreds of levels deep (or left with thousands of open tags) is kept as
    # paragraphs: rebuilding its structure would take the sanitiser minutes.
    structure = html_structure(source, max_chars) if parser.deepest <= MAX_HTML_DEPTH else ""
    return text, structure, title, authors, guess_year(date)


def html_structure(source: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """The page's body as sanitised HTML: headings, paragraphs, emphasis, lists, quotes and
    tables kept; scripts, styles, images, forms and everything active dropped."""
    from desktop.core.render import sanitize

    body = re.search(r"<body\b[^>]*>(.*)", source[:max_chars * 3], flags=re.DOTALL | re.I)
    fragment = body.group(1) if body else source[:max_chars * 3]
    return sanitize(fragment, drop_content=_HtmlText.SKIP | {"title", "nav"}).strip()


def _blocks_html(blocks: list[tuple[str, str]]) -> str:
    from desktop.core.render import escape

    return "".join(f"<h2>{escape(t)}</h2>" if kind == "h" else f"<p>{escape(t)}</p>"
                   for kind, t in blocks)


def _pdf_text(data: bytes, limits: ImportLimits, reader=None,
              cancelled: Callable[[], bool] | None = None
              ) -> tuple[str, str, str, str, int | None, str]:
    """(text, HTML of headings and paragraphs, title, authors, year, how it stopped early)."""
    from desktop.core.library.pdf_text import PdfProblem, PdfWorker

    own = reader is None
    reader = reader or PdfWorker()
    try:
        result = reader.read(data, limits.max_text_chars, limits.pdf_seconds, cancelled)
    except PdfProblem as problem:
        raise ImportProblem(problem.message) from None
    finally:
        if own:
            reader.stop()
    if result.warnings:
        from desktop.core.logs import logger

        logger("imports").info("pypdf while reading a PDF: %s", "; ".join(result.warnings))
    if result.stopped == "cancelled":
        raise ImportCancelled()
    blocks = [(k, t) for k, t in result.blocks if not re.fullmatch(r"\d{1,4}", t)]
    text = "\n\n".join(t for _k, t in blocks)
    if result.stopped == "time" and not result.pages_read:
        raise ImportProblem(
            f"reading the PDF took longer than {limits.pdf_seconds:.0f} s before its first "
            "page was read (it may be damaged or built to be slow); print it to a new PDF "
            "and import that")
    if len(re.findall(r"\w{2,}", text)) < MIN_PDF_WORDS:
        raise ImportProblem(
            "the PDF has no text layer (a scan or images only); only PDFs with selectable "
            "text can be imported")
    title = result.title or next((t for k, t in blocks[:6] if k == "h"), "")
    created = result.created
    year = guess_year(title) or guess_year(created[2:6] if created.startswith("D:")
                                           else created)
    note = result.stopped
    if note == "time":
        note = (f"only the first {result.pages_read} of {result.pages} pages: reading took "
                f"longer than {limits.pdf_seconds:.0f} s")
    return text, _blocks_html(blocks), title, result.authors, year, note


def _cancelled(path: Path) -> ImportOutcome:
    return ImportOutcome(path, "cancelled", "not imported: the import was cancelled")


# -- the library of imported documents --------------------------------------------------------

def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


def _aliases(title: str, text: str, authors: str, year: int | None) -> str:
    return " ".join([authors or "", str(year or ""), greek_variants(f"{title} {text}")])


def display_name(path: Path) -> str:
    """The file's name as text that can be stored and printed (bytes that are not valid in
    the file system's encoding become U+FFFD)."""
    name = Path(path).name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class ImportLibrary:
    """Imported documents in one user database (any connection: the GUI's or a worker's)."""

    COLUMNS = ("id, title, year, authors, original_name, stored_name, sha256, size, "
               "media_type, text, imported_at, html")

    def __init__(self, conn: sqlite3.Connection, imports_dir: Path,
                 limits: ImportLimits | None = None):
        self.conn = conn
        self.imports_dir = Path(imports_dir)
        self.limits = limits or ImportLimits()

    # -- reading --

    def documents(self, with_text: bool = True) -> list[ImportedDocument]:
        """Every imported document, newest first (`text` and `html` left empty unless
        `with_text`)."""
        columns = self.COLUMNS if with_text else \
            self.COLUMNS.replace("text,", "'',").replace(", html", ", ''")
        rows = self.conn.execute(
            f"SELECT {columns} FROM imported_documents ORDER BY imported_at DESC, id DESC")
        return [ImportedDocument(*tuple(r)) for r in rows]

    def document(self, doc_id: int | str) -> ImportedDocument | None:
        try:
            key = int(doc_id)
        except (TypeError, ValueError):
            return None
        if not -2**63 <= key < 2**63:
            return None
        row = self.conn.execute(
            f"SELECT {self.COLUMNS} FROM imported_documents WHERE id = ?", (key,)).fetchone()
        return ImportedDocument(*tuple(row)) if row else None

    def find_by_hash(self, digest: str) -> ImportedDocument | None:
        row = self.conn.execute(f"SELECT {self.COLUMNS} FROM imported_documents "
                                "WHERE sha256 = ?", (digest,)).fetchone()
        return ImportedDocument(*tuple(row)) if row else None

    def original_path(self, doc: ImportedDocument) -> Path:
        """Where the copy of the original file is kept."""
        return self.imports_dir / doc.stored_name

    # -- importing --

    def import_files(self, paths: Sequence[Path | str],
                     progress: Callable[[int, int, Path], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[ImportOutcome]:
        """Import each file in turn; one outcome per file, in order.

        `progress(done, total, path)` is called before each file; when `cancelled()` turns
        true, the file being read is abandoned (a PDF's reader is stopped) and it and the
        remaining files are reported as not imported.
        """
        from desktop.core.library.pdf_text import PdfWorker

        paths = [Path(p) for p in paths]
        outcomes: list[ImportOutcome] = []
        reader = PdfWorker()
        try:
            for index, path in enumerate(paths):
                if cancelled and cancelled():
                    outcomes.extend(_cancelled(p) for p in paths[index:])
                    break
                if progress:
                    progress(index, len(paths), path)
                outcome = self.import_file(path, cancelled, reader)
                outcomes.append(outcome)
                if outcome.status == "cancelled":
                    outcomes.extend(_cancelled(p) for p in paths[index + 1:])
                    break
        finally:
            reader.stop()
        if progress:
            progress(len(paths), len(paths), paths[-1] if paths else Path())
        return outcomes

    def import_file(self, path: Path | str, cancelled: Callable[[], bool] | None = None,
                    pdf_reader=None) -> ImportOutcome:
        """Import one file; never raises for a bad file (the outcome says what went wrong)."""
        path = Path(path)
        try:
            data = read_bytes(path, self.limits.max_file_bytes)
            digest = hashlib.sha256(data).hexdigest()
            existing = self.find_by_hash(digest)
            if existing:
                return self._duplicate(path, existing)
            extracted = extract(path, data, self.limits, pdf_reader, cancelled)
            if cancelled and cancelled():
                return _cancelled(path)
            return self._store(path, data, digest, extracted)
        except ImportCancelled:
            return _cancelled(path)
        except ImportProblem as problem:
            return ImportOutcome(path, "failed", f"not imported: {problem.message}")
        except sqlite3.Error as exc:
            from db.errors import translate_sqlite_error

            known = translate_sqlite_error(exc, str(self.imports_dir.parent / "user.sqlite"))
            reason = getattr(known, "message", None) or f"the user database could not be " \
                f"written ({exc})"
            return ImportOutcome(path, "failed", f"not imported: {reason}")
        except OSError as exc:
            from desktop.core.files import describe_os_error

            return ImportOutcome(path, "failed", "not imported: the copy could not be saved "
                                 f"in {self.imports_dir}: {describe_os_error(exc)}")
        except (RecursionError, MemoryError, ValueError, UnicodeError) as exc:
            return ImportOutcome(path, "failed", "not imported: the file could not be read "
                                 f"({type(exc).__name__}); it may be damaged or built to "
                                 "break readers")

    def _duplicate(self, path: Path, existing: ImportedDocument) -> ImportOutcome:
        return ImportOutcome(path, "duplicate", f"already in your library as "
                             f"\u201c{existing.title}\u201d (same content); not added again",
                             existing.id)

    def _store(self, path: Path, data: bytes, digest: str, doc: Extracted) -> ImportOutcome:
        suffix = path.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,10}", path.suffix.lower()) \
            else {PDF: ".pdf", HTML: ".html", MARKDOWN: ".md"}.get(doc.media_type, ".txt")
        stored_name = f"{digest[:20]}{suffix}"
        final = self.imports_dir / stored_name
        partial = self.imports_dir / f".{stored_name}.part"
        self.imports_dir.mkdir(parents=True, exist_ok=True)
        try:
            partial.write_bytes(data)
        except BaseException:
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass
            raise
        placed = False
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            existing = self.find_by_hash(digest)  # another import may have won the race
            if existing:
                self.conn.execute("ROLLBACK")
                partial.unlink(missing_ok=True)
                return self._duplicate(path, existing)
            cursor = self.conn.execute(
                "INSERT INTO imported_documents (title, year, authors, original_name, "
                "stored_name, sha256, size, media_type, text, imported_at, html) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.title, doc.year, doc.authors, display_name(path), stored_name, digest,
                 len(data), doc.media_type, doc.text, _now(), doc.html))
            doc_id = cursor.lastrowid
            self.conn.execute(
                "INSERT INTO imported_search (rowid, title, body, aliases) VALUES (?, ?, ?, ?)",
                (doc_id, doc.title, doc.text, _aliases(doc.title, doc.text, doc.authors,
                                                       doc.year)))
            os.replace(partial, final)
            placed = True
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            partial.unlink(missing_ok=True)
            if placed:
                final.unlink(missing_ok=True)
            raise
        words = len(doc.text.split())
        note = f" (text cut at {self.limits.max_text_chars:,} characters)" if doc.truncated \
            else ""
        if doc.partial:
            note += f" ({doc.partial})"
        year = f", {doc.year}" if doc.year else ""
        return ImportOutcome(path, "imported", f"imported as \u201c{doc.title}\u201d{year} "
                             f"({MEDIA_LABELS[doc.media_type]}, {words:,} words){note}", doc_id)

    # -- editing and removing --

    def update(self, doc_id: int, title: str | None = None, year: int | None | str = "",
               authors: str | None = None) -> ImportedDocument:
        """Change the title, year (None clears it) or authors; returns the updated document.

        Raises `ValueError` with a message for an empty title or an impossible year.
        """
        doc = self.document(doc_id)
        if doc is None:
            raise ValueError(f"there is no imported document {doc_id}")
        new_title = doc.title if title is None else " ".join(title.split())
        if not new_title:
            raise ValueError("the title cannot be empty")
        new_year = doc.year if year == "" else year
        if new_year is not None:
            try:
                new_year = int(new_year)
            except (TypeError, ValueError):
                raise ValueError(f"the year must be a number, not {year!r}") from None
            if not 1000 <= new_year <= time.localtime().tm_year + 1:
                raise ValueError(f"{new_year} is not a plausible year")
        new_authors = doc.authors if authors is None else " ".join(authors.split())
        with _Transaction(self.conn):
            self.conn.execute("UPDATE imported_documents SET title = ?, year = ?, authors = ? "
                              "WHERE id = ?", (new_title, new_year, new_authors, doc.id))
            self.conn.execute("DELETE FROM imported_search WHERE rowid = ?", (doc.id,))
            self.conn.execute(
                "INSERT INTO imported_search (rowid, title, body, aliases) VALUES (?, ?, ?, ?)",
                (doc.id, new_title, doc.text, _aliases(new_title, doc.text, new_authors,
                                                       new_year)))
        return self.document(doc.id)

    def remove(self, doc_id: int) -> bool:
        """Delete a document, its index entry and its copy; False when it does not exist."""
        doc = self.document(doc_id)
        if doc is None:
            return False
        with _Transaction(self.conn):
            self.conn.execute("DELETE FROM imported_search WHERE rowid = ?", (doc.id,))
            self.conn.execute("DELETE FROM imported_documents WHERE id = ?", (doc.id,))
        try:
            self.original_path(doc).unlink(missing_ok=True)
        except OSError:
            pass  # the row is gone; a stray copy in imports/ is harmless
        return True


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, *_):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


# -- search -------------------------------------------------------------------------------

class ImportSearchSource:
    """The user's imports as a source for `SearchEngine` (hits of kind `import`).

    Bounded for long documents: FTS5 ranks the hits, and each hit's snippet is found in
    Python in the first `SNIPPET_SCAN_BYTES` of its text, read from the database in pieces
    (never FTS5's snippet(), which re-tokenises the whole document: seconds for a common
    word in a 3-million-character import).
    """

    WEIGHTS = "bm25(10.0, 1.0, 6.0)"
    SNIPPET_SCAN_BYTES = 512 * 1024
    _CHUNK = 64 * 1024
    _OVERLAP = 512

    def __init__(self, user_db):
        self.conn = user_db.conn if hasattr(user_db, "conn") else user_db

    def search(self, match_expression: str, limit: int) -> list[SearchHit]:
        """Hits for an FTS5 expression built by `desktop.core.library.search.match_expression`."""
        from desktop.core.library.search import highlight_snippet, passage_pattern, tiered_score

        found: dict[str, tuple[str, float]] = {}
        for tier, match in ((1, f"{{title}} : ({match_expression})"), (2, match_expression)):
            try:
                rows = self.conn.execute(
                    f"SELECT rowid, title, rank FROM imported_search WHERE imported_search "
                    f"MATCH ? AND rank MATCH '{self.WEIGHTS}' ORDER BY rank LIMIT ?",
                    (match, limit)).fetchall()
            except sqlite3.Error:
                break
            for rowid, title, score in rows:
                found.setdefault(str(rowid), (title, tiered_score(score, tier, title, "import")))
        pattern = passage_pattern(re.findall(r'"([^"]*)"', match_expression))
        return [SearchHit("import", key, title, highlight_snippet(self.snippet(int(key), pattern)),
                          score) for key, (title, score) in found.items()]

    def snippet(self, doc_id: int, pattern) -> str:
        """About fourteen words around the first match in the start of the document's text
        (its opening words when the match lies further in)."""
        from desktop.core.library.search import accent_folded, passage

        try:
            blob = self.conn.blobopen("imported_documents", "text", doc_id, readonly=True)
        except (sqlite3.Error, AttributeError):
            return ""
        opening = ""
        try:
            with blob:
                size = len(blob)
                offset = 0
                while offset < min(size, self.SNIPPET_SCAN_BYTES):
                    blob.seek(offset)
                    chunk = blob.read(self._CHUNK).decode("utf-8", errors="ignore")
                    if not opening:
                        opening = chunk[:400]
                    found = passage(chunk, pattern)
                    if found is None and pattern is not None and not chunk.isascii():
                        found = passage(chunk, pattern, folded=accent_folded(chunk))
                    if found is not None:
                        return found if offset == 0 or found.startswith("…") else "…" + found
                    offset += self._CHUNK - self._OVERLAP
        except sqlite3.Error:
            return opening[:160]
        words = opening[:160].rsplit(" ", 1)[0] if len(opening) > 160 else opening
        return words + ("…" if len(opening) > 160 else "")

    def names(self) -> list[tuple[str, str, str, str]]:
        """(kind, id, title, name) of every import, for the typo-tolerant fallback."""
        try:
            return [("import", str(r[0]), r[1], r[1])
                    for r in self.conn.execute("SELECT id, title FROM imported_documents")]
        except sqlite3.Error:
            return []


# -- the import registry (`imid-atlas import`, File > Import documents) ---------------------

def claims_document(path: Path) -> bool:
    """The document importer takes any file the question importers before it did not."""
    return True


def import_documents(atlas, paths: Iterable[Path], options: dict | None = None
                     ) -> list[ImportOutcome]:
    """Import `paths` into the atlas's user database (the `import` command's handler)."""
    library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)
    return library.import_files(list(paths))
