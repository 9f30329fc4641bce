"""`import FILE...` for question files: check a GIFT or CSV file, then save it as a set.

A file is imported all or nothing: if any question has a problem, the report lists every
problem with its line and nothing is written. Each file becomes a named question set (named
after the file unless a name is given; with a name and several files, they form one set).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.interop.question_file import ParsedFile, decode, read_limited

QUESTION_SUFFIXES = (".gift", ".csv")
#: A question set's name is shown in lists and dialogs: one line of at most this many characters.
MAX_SET_NAME_CHARS = 120
#: .txt files are claimed only when they read as GIFT (otherwise they are documents).
SNIFFED_SUFFIXES = (".txt",)


def clean_set_name(name: str | None) -> str:
    """A set name as stored: control characters removed, spaces folded, at most
    `MAX_SET_NAME_CHARS` characters (cut at a word where possible)."""
    text = " ".join("".join(c if c.isprintable() else " " for c in (name or "")).split())
    if len(text) > MAX_SET_NAME_CHARS:
        cut = text[:MAX_SET_NAME_CHARS - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut[MAX_SET_NAME_CHARS // 2:] else cut) + "…"
    return text


def set_name_problem(name: str | None) -> str | None:
    """Why `name` cannot name a question set (None when it can)."""
    if name is None:
        return None
    if not clean_set_name(name):
        return "the question-set name is empty; give a name with letters in it"
    if len(" ".join(name.split())) > MAX_SET_NAME_CHARS:
        return (f"the question-set name is {len(name):,} characters long; use at most "
                f"{MAX_SET_NAME_CHARS}")
    return None


def file_format(path: Path, text: str | None = None) -> str:
    """`gift` or `csv` for a question file (by suffix, else by a look at its text)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".gift", ".txt"):
        return "gift"
    from desktop.core.interop.question_csv import looks_like_question_csv

    return "csv" if text is not None and looks_like_question_csv(text) else "gift"


def claims_question_file(path: Path) -> bool:
    """True for .gift and .csv files, and .txt files that hold GIFT questions."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in QUESTION_SUFFIXES:
        return True
    if suffix not in SNIFFED_SUFFIXES:
        return False
    from desktop.core.text_files import read_head

    head = read_head(path, 65536)  # never blocks on a FIFO named notes.txt
    if not head:
        return False
    from desktop.core.interop.gift import looks_like_gift

    return looks_like_gift(head.decode("utf-8", errors="replace"))


def read_question_file(path: Path) -> ParsedFile:
    """Read and check one question file; nothing is saved. See `ParsedFile.ok`."""
    path = Path(path)
    parsed = ParsedFile(path, file_format(path))
    data = read_limited(path, parsed)
    if data is None:
        return parsed
    parsed.digest = hashlib.sha256(data).hexdigest()
    text = decode(data, parsed)
    if text is None:
        return parsed
    parsed.format = file_format(path, text)
    if parsed.format == "csv":
        from desktop.core.interop import question_csv

        question_csv.parse(text, parsed)
    else:
        from desktop.core.interop import gift

        gift.parse(text, parsed)
    if not parsed.problems and not parsed.questions:
        parsed.problem(None, "no questions found (see docs/question-files.md for the formats)")
    return parsed


@dataclass
class QuestionImportOutcome:
    """What happened to one file (or one named group of files); `str()` is the report."""

    ok: bool
    paths: list[Path]
    message: str
    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    set_id: int | None = None
    set_name: str = ""

    def __str__(self) -> str:
        lines = [self.message, *(f"  {p}" for p in self.problems),
                 *(f"  note: {n}" for n in self.notices)]
        return "\n".join(lines)


def import_parsed(user, parsed: Sequence[ParsedFile], name: str | None = None
                  ) -> QuestionImportOutcome:
    """Save already-checked files as one set (all files must be `ok`)."""
    from desktop.core.quiz import question_sets

    paths = [p.path for p in parsed]
    notices = [f"{p.path.name}: {n}" for p in parsed for n in p.notices]
    bad = [p for p in parsed if not p.ok]
    if bad:
        problems = [str(x) for p in bad for x in p.problems]
        where = ", ".join(p.path.name for p in bad)
        return QuestionImportOutcome(
            False, paths, f"Not imported: {len(problems)} problem(s) in {where}; nothing was "
                          "saved. Fix them and import again.", problems, notices)
    questions = [q for p in parsed for q in p.questions]
    if len(parsed) == 1:
        existing = question_sets.find_by_digest(user, parsed[0].digest)
        if existing is not None:
            return QuestionImportOutcome(
                False, paths, f"Not imported: {paths[0].name} is already imported as question "
                              f"set {existing.id} {existing.name!r} (remove that set first to "
                              "import it again).", [], notices, existing.id, existing.name)
    source = ", ".join(p.name for p in paths)
    fmt = ",".join(sorted({p.format for p in parsed}))
    digest = parsed[0].digest if len(parsed) == 1 else hashlib.sha256(
        "".join(p.digest for p in parsed).encode()).hexdigest()
    requested = clean_set_name(name or paths[0].stem.replace("_", " ")) or "Imported questions"
    saved = question_sets.save_set(user, requested, source, fmt, questions, digest)
    renamed = f" (a set named {requested!r} already exists)" if saved.name != requested else ""
    return QuestionImportOutcome(
        True, paths, f"Imported {len(questions)} question(s) from {source} as question set "
                     f"{saved.id} {saved.name!r}{renamed}.", [], notices, saved.id, saved.name)


def import_question_files(atlas, paths: Sequence[Path], options: dict) -> list:
    """The `Importer.run` entry point: one outcome per file (one in all with `set_name`)."""
    if atlas.user is None:
        raise ValueError("question sets need the user database")
    name = (options or {}).get("set_name")
    parsed = []
    outcomes = []
    for path in map(Path, paths):
        if not claims_question_file(path) and path.suffix.lower() not in (".txt",):
            outcomes.append(QuestionImportOutcome(
                False, [path], f"Not imported: {path.name} is not a question file (GIFT .gift "
                               "or .txt, or CSV .csv)."))
            continue
        parsed.append(read_question_file(path))
    if name and parsed:
        outcomes.append(import_parsed(atlas.user, parsed, name))
    else:
        outcomes.extend(import_parsed(atlas.user, [p]) for p in parsed)
    return outcomes
