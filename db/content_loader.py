"""Read a content folder (TOML records and Markdown documents) into records with locations.

Reading never stops at the first problem: syntax errors and misplaced tables become
`Problem`s, and everything readable is still returned, so that `check-content` can report
every problem in one run.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from db.content_format import SPECS
from db.content_hash import content_files

FRONT_MATTER = "+++"
#: A content file larger than this is refused (the whole bundled content is a few MB).
MAX_FILE_BYTES = 20 * 1024 * 1024
TOO_DEEP = ("TOML nested too deeply to be read (arrays or tables inside each other hundreds "
            "of levels deep); write the records as flat tables")
_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_][\w.-]*)\s*\]\]\s*(?:#.*)?$")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z_][\w.-]*)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located by file and line where possible."""

    path: str
    line: int | None
    message: str
    record: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        who = f" {self.record}:" if self.record else ""
        return f"{where}:{who} {self.message}"


@dataclass
class Record:
    """A record as authored: its kind, raw fields, and where each field stands in its file."""

    kind: str
    data: dict
    path: str
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)
    sub_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str | None = None
    pack: str = ""

    @property
    def id(self) -> str | None:
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id!r}" if self.id else f"{self.kind} (no id)"

    def line_of(self, field_name: str) -> int:
        """The line where `field_name` is set, else the record's own line."""
        return self.field_lines.get(field_name, self.line)


@dataclass
class LoadedContent:
    """Everything read from one content folder."""

    root: Path
    pack_name: str = ""
    records: list[Record] = field(default_factory=list)
    pack: dict = field(default_factory=dict)
    pack_line: int = 1
    pack_path: str = ""
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records if r.kind == kind]


def load_content(root: Path, pack_name: str = "") -> LoadedContent:
    """Read every record under `root`; problems are collected, not raised."""
    root = Path(root)
    loaded = LoadedContent(root=root, pack_name=pack_name)
    if not root.is_dir():
        loaded.problems.append(Problem(str(root), None, "content folder does not exist"))
        return loaded
    loaded.files = content_files(root)
    for path in loaded.files:
        rel = _display_path(path, root)
        if not _regular(path):
            loaded.problems.append(Problem(rel, None, "not a regular file (a pipe, device or "
                                                      "broken link); remove it from the folder"))
            continue
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                loaded.problems.append(Problem(rel, None, "the file is larger than "
                                                          f"{MAX_FILE_BYTES // 1024 // 1024} MB; "
                                                          "split it into several files"))
                continue
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            loaded.problems.append(Problem(rel, line, f"file is not valid UTF-8 ({exc.reason})"))
            continue
        except OSError as exc:
            loaded.problems.append(Problem(rel, None, f"cannot read file: {exc.strerror}"))
            continue
        if path.suffix == ".md":
            _load_markdown(loaded, rel, text, pack_name)
        else:
            _load_toml(loaded, rel, text, pack_name)
    return loaded


def _regular(path: Path) -> bool:
    """A regular file (never opened: a FIFO would block the reader forever)."""
    import stat

    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _display_path(path: Path, root: Path) -> str:
    """The path as a user would type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def _toml_problem(rel: str, exc: tomllib.TOMLDecodeError, line_offset: int = 0) -> Problem:
    message = str(exc)
    m = _TOML_ERROR_AT.search(message)
    line = int(m.group(1)) + line_offset if m else None
    message = _TOML_ERROR_AT.sub("", message).strip()
    return Problem(rel, line, f"TOML syntax error: {message}")


def _load_toml(loaded: LoadedContent, rel: str, text: str, pack_name: str) -> None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        loaded.problems.append(_toml_problem(rel, exc))
        return
    except RecursionError:
        loaded.problems.append(Problem(rel, None, TOO_DEEP))
        return
    lines = text.splitlines()
    headers = _array_headers(lines)
    for key, value in data.items():
        if key == "pack":
            if rel.endswith("content.toml") and isinstance(value, dict):
                loaded.pack = value
                loaded.pack_path = rel
                loaded.pack_line = _first_table_line(lines, "pack")
            else:
                loaded.problems.append(
                    Problem(rel, _first_table_line(lines, "pack"),
                            "[pack] belongs in content.toml at the top of the content folder")
                )
            continue
        if key not in SPECS:
            line = _first_key_line(lines, key, headers)
            known = ", ".join(f"[[{k}]]" for k in SPECS)
            loaded.problems.append(
                Problem(rel, line, f"unknown section {key!r}; expected one of {known}")
            )
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            line = _first_key_line(lines, key, headers)
            loaded.problems.append(
                Problem(rel, line, f"{key!r} must be written as [[{key}]] tables")
            )
            continue
        spans = headers.get(key, [])
        for index, item in enumerate(value):
            start, end = spans[index] if index < len(spans) else (1, len(lines))
            record = Record(key, item, rel, start, pack=pack_name)
            _locate_fields(record, lines, start, end)
            loaded.records.append(record)


def _array_headers(lines: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Map each top-level array name to the (first, last) line span of each of its tables."""
    starts: list[tuple[str, int]] = []
    for number, line in enumerate(lines, 1):
        m = _HEADER.match(line)
        if m and "." not in m.group(1):
            starts.append((m.group(1), number))
    spans: dict[str, list[tuple[int, int]]] = {}
    for i, (name, number) in enumerate(starts):
        end = starts[i + 1][1] - 1 if i + 1 < len(starts) else len(lines)
        spans.setdefault(name, []).append((number, end))
    return spans


def _locate_fields(record: Record, lines: list[str], start: int, end: int) -> None:
    """Record the line of each field, and of each nested table, within the record's span."""
    current_sub: str | None = None
    for number in range(start, end + 1):
        line = lines[number - 1]
        m = _HEADER.match(line)
        if m and "." in m.group(1):
            current_sub = m.group(1).split(".", 1)[1]
            record.sub_lines.setdefault(current_sub, []).append(number)
            continue
        m = _TABLE.match(line)
        if m and "." in m.group(1):
            current_sub = m.group(1).split(".", 1)[1]
            record.sub_lines.setdefault(current_sub, []).append(number)
            record.field_lines.setdefault(current_sub, number)
            continue
        m = _KEY.match(line)
        if m and current_sub is None:
            record.field_lines.setdefault(m.group(1), number)


def _first_table_line(lines: list[str], name: str) -> int:
    for number, line in enumerate(lines, 1):
        m = _TABLE.match(line)
        if m and m.group(1) == name:
            return number
    return 1


def _first_key_line(lines: list[str], key: str, headers: dict) -> int:
    if key in headers:
        return headers[key][0][0]
    for number, line in enumerate(lines, 1):
        m = _KEY.match(line) or _TABLE.match(line)
        if m and m.group(1) == key:
            return number
    return 1


def _load_markdown(loaded: LoadedContent, rel: str, text: str, pack_name: str) -> None:
    lines = text.splitlines()
    if not lines or lines[0].strip() != FRONT_MATTER:
        loaded.problems.append(
            Problem(rel, 1, "a document must start with TOML front matter between +++ lines")
        )
        return
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER)
    except StopIteration:
        loaded.problems.append(Problem(rel, 1, "front matter is not closed by a +++ line"))
        return
    front = "\n".join(lines[1:close])
    try:
        data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        loaded.problems.append(_toml_problem(rel, exc, line_offset=1))
        return
    except RecursionError:
        loaded.problems.append(Problem(rel, 1, TOO_DEEP))
        return
    rest = lines[close + 1 :]
    skipped = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest[skipped:]).rstrip("\n")
    record = Record("document", data, rel, 1, body=body, pack=pack_name)
    for number in range(2, close + 1):
        m = _KEY.match(lines[number - 1])
        if m:
            record.field_lines.setdefault(m.group(1), number)
    record.field_lines["body"] = close + 2 + skipped
    loaded.records.append(record)
