"""The user's own documents: import (text, Markdown, HTML, PDF), index, edit, remove.

Each file is read, checked and turned into text. The original is copied into the data folder
(`imports/`), and the text is stored and indexed in the user database in the same step: a file
that fails at any point leaves neither a row nor a copy behind. Every bad file gets one clear
message naming the file and what is wrong with it, and the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import html
import io
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


@dataclass(frozen=True)
class Extracted:
    """What was read out of a file, before it is stored."""

    text: str
    media_type: str
    title: str
    year: int | None = None
    authors: str = ""
    truncated: bool = False


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
    """The file's bytes, or `ImportProblem` saying why they cannot be had."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportProblem("the file does not exist") from None
    except PermissionError:
        raise ImportProblem("the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise ImportProblem(f"the file cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise ImportProblem("this is a folder, not a file")
    if not path.is_file():
        raise ImportProblem("this is not a regular file")
    if info.st_size > limit:
        raise ImportProblem(f"the file is {_megabytes(info.st_size)}; files larger than "
                            f"{_megabytes(limit)} are not imported")
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except PermissionError:
        raise ImportProblem("the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise ImportProblem(f"the file cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise ImportProblem(f"the file is larger than {_megabytes(limit)}; not imported")
    if not data.strip():
        raise ImportProblem("the file is empty")
    return data


def _megabytes(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(n / 1024, 1):.0f} KB"
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def media_type_of(path: Path, data: bytes) -> str:
    """The kind of document, from its content first and its name second."""
    suffix = path.suffix.lower()
    if b"%PDF-" in data[:1024]:
        return PDF
    if suffix == ".pdf":
        raise ImportProblem("the file is named .pdf but is not a PDF")
    if suffix in UNSUPPORTED_HINTS:
        raise ImportProblem(
            f"{UNSUPPORTED_HINTS[suffix]} files cannot be imported; save it as PDF, HTML, "
            "Markdown or plain text first")
    head = data[:2048].lstrip().lower()
    if suffix in SUFFIX_TYPES:
        return SUFFIX_TYPES[suffix]
    if head.startswith((b"<!doctype html", b"<html")):
        return HTML
    return TEXT


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16/32 by BOM, else Windows-1252.

    Binary data is refused rather than decoded into garbage.
    """
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                       (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return _check_textual(data.decode(codec))
            except UnicodeDecodeError:
                raise ImportProblem(f"the file starts like {codec.upper()} text but is not "
                                    "valid in that encoding") from None
    if b"\x00" in data[:65536]:
        raise ImportProblem("this is binary data, not a text, Markdown, HTML or PDF file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return _check_textual(text)


def _check_textual(text: str) -> str:
    sample = text[:20000]
    controls = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cs")
                   and c not in "\t\n\r\f\v")
    if sample and controls / len(sample) > 0.05:
        raise ImportProblem("this is binary data, not a text, Markdown, HTML or PDF file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract(path: Path, data: bytes) -> Extracted:
    """Read a document's text and guess its title, year and authors."""
    media_type = media_type_of(path, data)
    if media_type == PDF:
        text, title, authors, year = _pdf_text(data)
    elif media_type == HTML:
        text, title, authors, year = _html_text(decode_text(data))
    else:
        text = decode_text(data)
        title, authors, year = "", "", None
        if media_type == MARKDOWN:
            text, title = _markdown_front(text)
    text = text.strip()
    if not re.search(r"\w", text):
        raise ImportProblem("the file has no text in it")
    truncated = len(text) > MAX_TEXT_CHARS
    text = text[:MAX_TEXT_CHARS]
    title = _clean_title(title) or _first_line_title(text) or path.stem
    if year is None:
        year = guess_year(title + "\n" + text[:3000]) or guess_year(path.stem)
    return Extracted(text, media_type, title, year, authors.strip(), truncated)


def guess_year(text: str) -> int | None:
    """The first plausible publication year in `text` (1950 to next year)."""
    this_year = time.localtime().tm_year
    for match in _YEAR.finditer(text or ""):
        year = int(match.group(1))
        if year <= this_year + 1:
            return year
    return None


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    title = re.sub(r"^(Microsoft Word|Microsoft PowerPoint)\s*-\s*", "", title)
    if title.lower() in ("untitled", "untitled document", "document", "title"):
        return ""
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return title


def _first_line_title(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"^[#>*\-\s]+", "", line).strip()
        if re.search(r"\w", line):
            return _clean_title(line)
    return ""


def _markdown_front(text: str) -> tuple[str, str]:
    """(body, title): drop a YAML/TOML front-matter block; title from it or the first heading."""
    title = ""
    match = re.match(r"\A(---|\+\+\+)\n(.*?)\n\1\n", text, flags=re.DOTALL)
    if match:
        found = re.search(r"^title\s*[:=]\s*[\"']?(.+?)[\"']?\s*$", match.group(2),
                          flags=re.MULTILINE)
        title = found.group(1) if found else ""
        text = text[match.end():]
    if not title:
        heading = re.search(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", text, flags=re.MULTILINE)
        title = heading.group(1) if heading else ""
    return text, re.sub(r"[*_`]", "", title)


class _HtmlText(HTMLParser):
    """Visible text of an HTML page, with the title and citation metadata."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
             "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "hr", "figure",
             "figcaption", "header", "footer", "main", "aside", "nav"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "meta":
            name = (attributes.get("name") or attributes.get("property") or "").lower()
            if name:
                self.meta.setdefault(name, []).append(attributes.get("content", ""))
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
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)
            if self.in_h1:
                self.h1 += data


def _html_text(source: str) -> tuple[str, str, str, int | None]:
    parser = _HtmlText()
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - the stdlib parser is lenient; be safe anyway
        raise ImportProblem(f"the HTML cannot be read ({exc})") from None
    raw = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paragraphs if p)
    meta = parser.meta
    title = next((v for key in ("citation_title", "dc.title", "og:title")
                  for v in meta.get(key, []) if v.strip()), "")
    title = title or parser.title or parser.h1
    authors = "; ".join(v.strip() for v in meta.get("citation_author", []) if v.strip())
    date = next((v for key in ("citation_publication_date", "citation_date", "dc.date",
                               "citation_year") for v in meta.get(key, []) if v.strip()), "")
    return text, html.unescape(title), authors, guess_year(date)


def _pdf_text(data: bytes) -> tuple[str, str, str, int | None]:
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
                raise ImportProblem(
                    "the PDF is encrypted with a password; save an unprotected copy "
                    "(for example with Print to PDF) and import that")
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
        info = reader.metadata or {}
        title = str(info.get("/Title") or "")
        authors = str(info.get("/Author") or "")
        created = str(info.get("/CreationDate") or "")
    except ImportProblem:
        raise
    except PdfReadError as exc:
        raise ImportProblem(f"the PDF is damaged and cannot be read ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of errors on bad files
        raise ImportProblem(f"the PDF cannot be read ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if len(re.findall(r"\w{2,}", text)) < MIN_PDF_WORDS:
        raise ImportProblem(
            "the PDF has no text layer (a scan or images only); only PDFs with selectable "
            "text can be imported")
    year = guess_year(created[2:6] if created.startswith("D:") else created)
    text_year = guess_year(text[:3000])
    return text, title, authors, text_year or year


# -- the library of imported documents --------------------------------------------------------

def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())


def _aliases(title: str, text: str, authors: str, year: int | None) -> str:
    return " ".join([authors or "", str(year or ""), greek_variants(f"{title} {text}")])


class ImportLibrary:
    """Imported documents in one user database (any connection: the GUI's or a worker's)."""

    COLUMNS = ("id, title, year, authors, original_name, stored_name, sha256, size, "
               "media_type, text, imported_at")

    def __init__(self, conn: sqlite3.Connection, imports_dir: Path):
        self.conn = conn
        self.imports_dir = Path(imports_dir)

    # -- reading --

    def documents(self, with_text: bool = True) -> list[ImportedDocument]:
        """Every imported document, newest first (`text` left empty unless `with_text`)."""
        columns = self.COLUMNS if with_text else self.COLUMNS.replace("text,", "'',")
        rows = self.conn.execute(
            f"SELECT {columns} FROM imported_documents ORDER BY imported_at DESC, id DESC")
        return [ImportedDocument(*tuple(r)) for r in rows]

    def document(self, doc_id: int | str) -> ImportedDocument | None:
        try:
            key = int(doc_id)
        except (TypeError, ValueError):
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
        true the remaining files are reported as not imported.
        """
        paths = [Path(p) for p in paths]
        outcomes: list[ImportOutcome] = []
        for index, path in enumerate(paths):
            if cancelled and cancelled():
                outcomes.extend(ImportOutcome(p, "cancelled", "not imported: the import was "
                                              "cancelled") for p in paths[index:])
                break
            if progress:
                progress(index, len(paths), path)
            outcomes.append(self.import_file(path))
        if progress:
            progress(len(paths), len(paths), paths[-1] if paths else Path())
        return outcomes

    def import_file(self, path: Path | str) -> ImportOutcome:
        """Import one file; never raises for a bad file (the outcome says what went wrong)."""
        path = Path(path)
        try:
            data = read_bytes(path)
            digest = hashlib.sha256(data).hexdigest()
            existing = self.find_by_hash(digest)
            if existing:
                return self._duplicate(path, existing)
            extracted = extract(path, data)
            return self._store(path, data, digest, extracted)
        except ImportProblem as problem:
            return ImportOutcome(path, "failed", f"not imported: {problem.message}")
        except sqlite3.Error as exc:
            return ImportOutcome(path, "failed", "not imported: the user database could not "
                                 f"be written ({exc})")
        except OSError as exc:
            return ImportOutcome(path, "failed", "not imported: the copy could not be saved "
                                 f"in {self.imports_dir} ({exc.strerror or exc})")

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
        partial.write_bytes(data)
        placed = False
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            existing = self.find_by_hash(digest)  # another import may have won the race
            if existing:
                self.conn.execute("ROLLBACK")
                partial.unlink(missing_ok=True)
                return self._duplicate(path, existing)
            cursor = self.conn.execute(
                "INSERT INTO imported_documents (title, year, authors, original_name, "
                "stored_name, sha256, size, media_type, text, imported_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.title, doc.year, doc.authors, path.name, stored_name, digest, len(data),
                 doc.media_type, doc.text, _now()))
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
        note = f" (text cut at {MAX_TEXT_CHARS:,} characters)" if doc.truncated else ""
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
        with _transaction(self.conn):
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
        with _transaction(self.conn):
            self.conn.execute("DELETE FROM imported_search WHERE rowid = ?", (doc.id,))
            self.conn.execute("DELETE FROM imported_documents WHERE id = ?", (doc.id,))
        try:
            self.original_path(doc).unlink(missing_ok=True)
        except OSError:
            pass  # the row is gone; a stray copy in imports/ is harmless
        return True


class _transaction:
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
    """The user's imports as a source for `SearchEngine` (hits of kind `import`)."""

    WEIGHTS = "bm25(10.0, 1.0, 6.0)"

    def __init__(self, user_db):
        self.conn = user_db.conn if hasattr(user_db, "conn") else user_db

    def search(self, match_expression: str, limit: int) -> list[SearchHit]:
        """Hits for an FTS5 expression built by `desktop.core.library.search.match_expression`."""
        from desktop.core.library.search import (
            MARK_CLOSE,
            MARK_OPEN,
            highlight_snippet,
            tiered_score,
        )

        found: dict[str, SearchHit] = {}
        for tier, match in ((1, f"{{title}} : ({match_expression})"), (2, match_expression)):
            try:
                rows = self.conn.execute(
                    "SELECT rowid, title, "
                    f"snippet(imported_search, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 14), "
                    f"rank FROM imported_search WHERE imported_search MATCH ? "
                    f"AND rank MATCH '{self.WEIGHTS}' ORDER BY rank LIMIT ?",
                    (match, limit)).fetchall()
            except sqlite3.Error:
                return list(found.values())
            for rowid, title, snip, score in rows:
                key = str(rowid)
                if key not in found:
                    found[key] = SearchHit("import", key, title, highlight_snippet(snip or ""),
                                           tiered_score(score, tier, title, "import"))
        return list(found.values())

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
