"""Reading a teacher's question file safely, and checking the questions it holds.

A question file (GIFT or CSV) is untrusted input. It is read with stated limits, decoded as
UTF-8 and then, if that fails cleanly, as Windows-1252, and every question is checked with
the same rules whatever its format. Nothing here writes anything: a file with any problem is
reported in full and imported not at all (see `question_import`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from db.content_format import DIFFICULTIES, QUESTION_TYPES, RECALL_TYPES
from db.content_loader import Problem  # file, line, message: as check-content reports

#: Limits, stated in docs/question-files.md.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_QUESTIONS = 2000
MAX_FIELD_CHARS = 10_000
MIN_CHOICES, MAX_CHOICES = 2, 8
DEFAULT_DIFFICULTY = "understanding"
DEFAULT_TOPIC = "imported"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")


@dataclass
class ParsedQuestion:
    """A question read from a file: the record, where it starts, and its name in the file."""

    question: object  # db.records.Question (id = the name in the file, or q<N>)
    line: int
    source_id: str = ""


@dataclass
class ParsedFile:
    """Everything read from one question file."""

    path: Path
    format: str
    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    digest: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.questions)

    def problem(self, line: int | None, message: str, question: str = "") -> None:
        self.problems.append(Problem(self.path.name, line, message, question or None))

    def report(self) -> str:
        """Every problem, one per line, or a one-line summary when there are none."""
        if self.problems:
            return "\n".join(str(p) for p in self.problems)
        return f"{self.path.name}: {len(self.questions)} question(s), no problems"


def question_label(number: int, name: str = "", stem: str = "") -> str:
    """`question 3 ("q-intro")` or `question 3 ("Which protein...")` for reports."""
    shown = name or " ".join(stem.split())
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return f"question {number} ({shown!r})" if shown else f"question {number}"


# -- reading bytes ---------------------------------------------------------------------------


def read_limited(path: Path, parsed: ParsedFile) -> bytes | None:
    """The file's bytes, or None (with a problem recorded) when it is missing, not a regular
    file (a FIFO is never waited on) or too large."""
    from desktop.core.text_files import NotReadable, megabytes, read_regular

    try:
        return read_regular(path, MAX_FILE_BYTES)
    except NotReadable as exc:
        if exc.size is not None:
            parsed.problem(None, f"the file is {megabytes(exc.size)}; question files may be "
                                 f"at most {megabytes(MAX_FILE_BYTES)} (split it into several "
                                 "files)")
        else:
            parsed.problem(None, f"cannot read the file: {exc.message}")
        return None


def decode(data: bytes, parsed: ParsedFile) -> str | None:
    """Text from bytes: UTF-8 (with or without BOM, or UTF-16/32 with BOM), else Windows-1252.

    A file that is mostly valid UTF-8 with a few broken bytes is refused with their lines
    rather than silently turned into mojibake (`desktop.core.text_files.decode`, shared with
    the document importer). Returns None when the file cannot be read as text (the problems
    say where).
    """
    from desktop.core.text_files import decode as decode_bytes

    decoded = decode_bytes(data)
    parsed.encoding = decoded.encoding
    if decoded.text is None:
        if decoded.bad_lines:
            for line in decoded.bad_lines[:10]:
                parsed.problem(line, "bytes that are not valid UTF-8 in a file that is "
                                     "otherwise UTF-8; retype the characters on this line or "
                                     "save the file again as UTF-8")
            if len(decoded.bad_lines) > 10:
                parsed.problem(None, decoded.problem)
        else:
            parsed.problem(decoded.problem_line, decoded.problem)
        return None
    if decoded.first_non_utf8_line is not None:
        parsed.notices.append(
            f"line {decoded.first_non_utf8_line}: the file is not UTF-8; it was read as "
            "Windows-1252 (check accented letters and symbols)")
    return _check_control(decoded.text.removeprefix("\ufeff"), parsed)


def _check_control(text: str, parsed: ParsedFile) -> str | None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = 0
    for number, line in enumerate(text.split("\n"), 1):
        m = _CONTROL.search(line)
        if m:
            parsed.problem(number, f"control character U+{ord(m.group(0)):04X}: this does not "
                                   "look like a text file")
            found += 1
            if found >= 5:
                break
    return None if found else text


# -- checking questions ----------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Trim a field; text that holds HTML tags is sanitised (no scripts, images, frames)."""
    text = (text or "").strip()
    if _HTML_TAG.search(text):
        from desktop.core.render import sanitize

        text = sanitize(text).strip()
    return text


def check_question(q) -> list[str]:
    """What is wrong with an imported question (empty when it is usable)."""
    problems: list[str] = []
    if q.type in RECALL_TYPES:  # typed and cloze (GIFT short answer, missing word, numbers)
        if not q.stem.strip():
            return ["the question text is empty"]
        if not q.blanks or not all(b.answers and all(a.strip() for a in b.answers)
                                   for b in q.blanks):
            return ["no accepted answer: give at least one answer with ="]
        if q.type == "cloze" and q.stem.count("{{") != len(q.blanks):
            return ["the missing word does not match its answers"]
        if any(len(t) > MAX_FIELD_CHARS for t in (q.stem, q.explanation, q.objective)):
            return [f"a text is longer than {MAX_FIELD_CHARS:,} characters"]
        return []
    if q.type not in QUESTION_TYPES:
        return [f"unknown question type {q.type!r}; use one of {', '.join(QUESTION_TYPES)}"]
    if not q.stem.strip():
        problems.append("the question text is empty")
    if q.difficulty not in DIFFICULTIES:
        problems.append(f"difficulty {q.difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    texts = [q.stem, q.explanation, q.objective]
    texts += [t for o in q.options for t in (o.text, o.rationale)]
    texts += [t for p in q.pairs for t in (p.left, p.right, p.rationale)]
    if any(len(t) > MAX_FIELD_CHARS for t in texts):
        problems.append(f"a text is longer than {MAX_FIELD_CHARS:,} characters")
    if q.type in ("single", "multi", "ordering"):
        n = len(q.options)
        if not MIN_CHOICES <= n <= MAX_CHOICES:
            what = "items" if q.type == "ordering" else "choices"
            problems.append(f"needs {MIN_CHOICES} to {MAX_CHOICES} {what}, has {n}")
        for i, option in enumerate(q.options, 1):
            if not option.text.strip():
                problems.append(f"choice {i} is empty")
        texts_lower = [" ".join(o.text.lower().split()) for o in q.options]
        if len(set(texts_lower)) != len(texts_lower):
            problems.append("two choices have the same text")
        keys = [o.key for o in q.options]
        if len(set(keys)) != len(keys):
            problems.append("two choices have the same key")
        correct = [o.key for o in q.options if o.correct]
        if q.type == "single" and len(correct) != 1:
            problems.append("no correct answer: mark exactly one choice as correct" if not correct
                            else f"{len(correct)} choices are marked correct; a single-answer "
                                 "question has exactly one (use type multi for several)")
        if q.type == "multi" and not correct:
            problems.append("no correct answer: mark at least one choice as correct")
        if q.type == "ordering" and sorted(q.answer) != sorted(keys):
            problems.append("the correct order must list every item exactly once")
        elif q.type != "ordering" and sorted(q.answer) != sorted(correct):
            problems.append("the answer does not match the choices marked correct")
    elif q.type == "true_false":
        if tuple(q.answer) not in (("true",), ("false",)):
            problems.append("missing answer: say whether the statement is true or false")
    elif q.type == "matching":
        n = len(q.pairs)
        if not MIN_CHOICES <= n <= MAX_CHOICES:
            problems.append(f"needs {MIN_CHOICES} to {MAX_CHOICES} pairs, has {n}")
        for side in ("left", "right"):
            values = [" ".join(getattr(p, side).lower().split()) for p in q.pairs]
            if any(not v for v in values):
                problems.append(f"a pair has an empty {side} side")
            elif len(set(values)) != len(values):
                problems.append(f"two pairs have the same {side} side")
    return problems


def true_false_options(answer: bool, rationale_true: str, rationale_false: str) -> tuple:
    """The two options the content database stores for a true/false question."""
    from db.records import Option

    return (Option("true", "True", rationale_true, correct=answer),
            Option("false", "False", rationale_false, correct=not answer))


def with_id(q, new_id: str, pack: str = ""):
    """A copy of question `q` with another id (and pack name)."""
    return replace(q, id=new_id, pack=pack)


# -- storage form ----------------------------------------------------------------------------


def question_to_dict(q) -> dict:
    """A JSON-ready dict of every field of a question except its id and pack."""
    return {
        "type": q.type, "topic": q.topic, "difficulty": q.difficulty, "stem": q.stem,
        "explanation": q.explanation, "objective": q.objective,
        "options": [{"key": o.key, "text": o.text, "rationale": o.rationale,
                     "correct": bool(o.correct), "misconception": bool(o.misconception)}
                    for o in q.options],
        "pairs": [{"left": p.left, "right": p.right, "rationale": p.rationale} for p in q.pairs],
        "answer": list(q.answer), "sources": list(q.sources), "terms": list(q.terms),
        "events": list(q.events), "shuffle": bool(q.shuffle),
        "vignette": q.vignette, "excludes": list(q.excludes),
        "blanks": [{"answers": list(b.answers), "hint": b.hint, "threshold": b.threshold,
                    "tolerance": b.tolerance} for b in q.blanks],
    }


def question_from_dict(data: dict, question_id: str, pack: str = ""):
    """The `db.records.Question` stored as `data` (see `question_to_dict`)."""
    from db.records import Blank, Option, Pair, Question

    return Question(
        id=question_id, type=data["type"], topic=data["topic"],
        difficulty=data["difficulty"], stem=data["stem"], explanation=data["explanation"],
        objective=data["objective"],
        options=tuple(Option(o["key"], o["text"], o["rationale"], bool(o["correct"]),
                             bool(o["misconception"])) for o in data["options"]),
        pairs=tuple(Pair(p["left"], p["right"], p["rationale"]) for p in data["pairs"]),
        answer=tuple(data["answer"]), sources=tuple(data["sources"]),
        terms=tuple(data["terms"]), events=tuple(data["events"]),
        shuffle=bool(data["shuffle"]), pack=pack,
        vignette=data.get("vignette", ""), excludes=tuple(data.get("excludes", ())),
        blanks=tuple(Blank(tuple(b["answers"]), b.get("hint", ""), b.get("threshold", 85),
                           b.get("tolerance")) for b in data.get("blanks", ())),
    )
