"""Questions as CSV: one question a row, for teachers who write in a spreadsheet.

The columns are described in docs/question-files.md. In short: `type`, `stem` and (except
for matching) `answer` are required; choices go in `option_a` ... `option_h` with their
feedback in `feedback_a` ... `feedback_h`; a matching pair is written `left -> right` in an
option column; lists (answer keys, sources, terms, events, misconceptions) are separated by
semicolons. Commas, semicolons or tabs may separate the columns (the header decides).

Spreadsheets and the tools that read such files do not shuffle, so choices are written in a
per-question shuffled order and lettered a, b, c... in that order (`export_order`; a question
with `shuffle = false` keeps its order and letters): reading the file back gives the same
questions with their choices in the written order.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from db.content_format import DIFFICULTIES, QUESTION_TYPES, TOPICS, VIGNETTES
from desktop.core.interop.common import export_order, plain_text
from desktop.core.interop.question_file import (
    DEFAULT_DIFFICULTY,
    DEFAULT_TOPIC,
    MAX_CHOICES,
    MAX_FIELD_CHARS,
    MAX_QUESTIONS,
    ParsedFile,
    ParsedQuestion,
    check_question,
    clean_text,
    question_label,
    true_false_options,
)

LETTERS = "abcdefgh"[:MAX_CHOICES]
COLUMNS: tuple[str, ...] = (
    "id", "type", "topic", "difficulty", "stem", "answer",
    *[c for k in LETTERS for c in (f"option_{k}", f"feedback_{k}")],
    "feedback_true", "feedback_false", "misconceptions", "explanation", "objective",
    "sources", "terms", "events", "shuffle", "vignette", "excludes",
)
REQUIRED = ("type", "stem")
#: Other names teachers use for a column.
ALIASES = {"question": "stem", "question_text": "stem", "text": "stem", "correct": "answer",
           "correct_answer": "answer", "key": "answer", "general_feedback": "explanation",
           "category": "topic", **{k: f"option_{k}" for k in LETTERS},
           **{f"choice_{k}": f"option_{k}" for k in LETTERS},
           **{f"rationale_{k}": f"feedback_{k}" for k in LETTERS}}
PAIR_SEPARATOR = " -> "
_KEY_SPLIT = re.compile(r"[;,\s]+")
_TRUE = {"true", "t", "yes", "y", "1", "vrai", "wahr"}
_FALSE = {"false", "f", "no", "n", "0", "faux", "falsch"}


# -- writing ---------------------------------------------------------------------------------


def _join(values: Sequence[str]) -> str:
    return "; ".join(values)


def row_of(q) -> dict[str, str]:
    """The CSV row (column -> text) for one question."""
    row = {c: "" for c in COLUMNS}
    row.update(id=q.id, type=q.type, topic=q.topic, difficulty=q.difficulty,
               stem=plain_text(q.stem), explanation=plain_text(q.explanation),
               objective=q.objective, sources=_join(q.sources), terms=_join(q.terms),
               events=_join(q.events), shuffle="true" if q.shuffle else "false",
               vignette=q.vignette, excludes=_join(q.excludes))
    if q.type == "true_false":
        by_key = {o.key: o.rationale for o in q.options}
        row["answer"] = q.answer[0] if q.answer else ""
        row["feedback_true"] = plain_text(by_key.get("true", ""))
        row["feedback_false"] = plain_text(by_key.get("false", ""))
    elif q.type == "matching":
        for letter, pair in zip(LETTERS, q.pairs, strict=False):
            row[f"option_{letter}"] = (f"{plain_text(pair.left)}{PAIR_SEPARATOR}"
                                       f"{plain_text(pair.right)}")
            row[f"feedback_{letter}"] = plain_text(pair.rationale)
    else:
        shown = export_order(q)
        keys = [o.key for o in shown.options]
        kept = shown.options == q.options  # `shuffle = false`: the authored order and letters
        letters = keys if kept and all(k in LETTERS for k in keys) and len(set(keys)) == len(keys) \
            else list(LETTERS[:len(keys)])
        letter_of = dict(zip(keys, letters, strict=False))
        for option in shown.options:
            letter = letter_of[option.key]
            row[f"option_{letter}"] = plain_text(option.text)
            row[f"feedback_{letter}"] = plain_text(option.rationale)
        row["answer"] = _join([letter_of[k] for k in q.answer if k in letter_of])
        row["misconceptions"] = _join([letter_of[o.key] for o in shown.options
                                       if o.misconception])
    return row


def dumps(questions: Sequence) -> str:
    """CSV text (with a header row) for `questions`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for q in questions:
        writer.writerow(row_of(q))
    return buffer.getvalue()


# -- reading ---------------------------------------------------------------------------------


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return ALIASES.get(key, key)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def looks_like_question_csv(text: str) -> bool:
    """True when the first line is a header naming at least the `type` and `stem` columns."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        header = next(csv.reader([first], delimiter=_delimiter(first)))
    except (csv.Error, StopIteration):
        return False
    names = {_column(h) for h in header}
    return all(r in names for r in REQUIRED)


def _records(text: str, delimiter: str):
    """(first line, cells) for each CSV record, or (line, csv.Error) where reading failed."""
    lines = text.split("\n")
    source = iter(line + "\n" for line in lines)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, exc
            return
        yield start, cells
        start = reader.line_num + 1


def parse(text: str, parsed: ParsedFile) -> None:
    """Read CSV `text` into `parsed` (questions, problems with line numbers, notices)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        parsed.problem(1, "the file is empty")
        return
    delimiter = _delimiter(text.split("\n", 1)[0])
    records = _records(text, delimiter)
    header_line, header = next(records)
    if isinstance(header, csv.Error):
        parsed.problem(header_line, f"the header row cannot be read: {header}")
        return
    columns = [_column(h) for h in header]
    unknown = [h for h, c in zip(header, columns, strict=True) if c not in COLUMNS and h.strip()]
    if unknown:
        parsed.problem(header_line, f"unknown column(s) {', '.join(map(repr, unknown))}; the "
                                    f"columns are: {', '.join(COLUMNS)}")
    missing = [r for r in REQUIRED if r not in columns]
    if missing:
        parsed.problem(header_line, f"missing column(s) {', '.join(missing)}: the first row must "
                                    "name the columns (see docs/question-files.md)")
    dupes = sorted({c for c in columns if c and columns.count(c) > 1})
    if dupes:
        parsed.problem(header_line, f"column(s) {', '.join(dupes)} appear more than once")
    if parsed.problems:
        return
    number = 0
    for line, cells in records:
        if isinstance(cells, csv.Error):
            message = str(cells)
            if "unexpected end of data" in message or "EOF" in message:
                message = "a quoted cell starts here and is never closed with a '\"'"
            parsed.problem(line, f"cannot read this row: {message}")
            return
        if not any(c.strip() for c in cells):
            continue
        number += 1
        if number > MAX_QUESTIONS:
            parsed.problem(line, f"more than {MAX_QUESTIONS:,} questions in one file; split it "
                                 "into several files")
            return
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
            parsed.problem(line, f"this row has {len(cells)} cells but the header names "
                                 f"{len(columns)} columns", question_label(number))
            continue
        row = {c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns) if c}
        _parse_row(row, line, number, parsed)


def _split(value: str) -> list[str]:
    """A semicolon-separated list (sources, terms, events)."""
    return [v.strip() for v in value.split(";") if v.strip()]


def _keys(value: str) -> list[str]:
    """Option letters separated by semicolons, commas or spaces (`a;c`, `a, c`, `a c`)."""
    return [v for v in _KEY_SPLIT.split(value.strip().lower()) if v]


def _parse_row(row: dict[str, str], line: int, number: int, parsed: ParsedFile) -> None:
    from db.records import Option, Pair, Question

    name = row.get("id", "").strip()
    label = question_label(number, name, row.get("stem", ""))
    problems: list[str] = []
    if any(len(v) > MAX_FIELD_CHARS for v in row.values()):
        problems.append(f"a cell is longer than {MAX_FIELD_CHARS:,} characters")
    qtype = row.get("type", "").strip().lower().replace("-", "_").replace(" ", "_")
    qtype = {"truefalse": "true_false", "tf": "true_false", "multiple": "multi",
             "multichoice": "multi", "match": "matching", "order": "ordering"}.get(qtype, qtype)
    if qtype not in QUESTION_TYPES:
        problems.append(f"type {row.get('type', '')!r} is not one of {', '.join(QUESTION_TYPES)}"
                        if row.get("type", "").strip() else "missing type")
    topic = row.get("topic", "").strip()
    for slug, title in TOPICS.items():
        if topic.lower() in (slug, title.lower()):
            topic = slug
    difficulty = row.get("difficulty", "").strip().lower() or DEFAULT_DIFFICULTY
    if difficulty not in DIFFICULTIES:
        problems.append(f"difficulty {difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    shuffle_text = row.get("shuffle", "").strip().lower()
    if shuffle_text and shuffle_text not in _TRUE | _FALSE:
        problems.append(f"shuffle {shuffle_text!r} should be true or false")
    vignette = row.get("vignette", "").strip().lower()
    if vignette and vignette not in VIGNETTES:
        problems.append(f"vignette {vignette!r} is not one of {', '.join(VIGNETTES)}")
    filled = [k for k in LETTERS if row.get(f"option_{k}", "").strip()]
    options: tuple = ()
    pairs: tuple = ()
    answer: tuple = ()
    raw_answer = row.get("answer", "").strip()
    if qtype == "true_false":
        value = raw_answer.lower()
        if not value:
            problems.append("missing answer: write true or false in the answer column")
        elif value not in _TRUE | _FALSE:
            problems.append(f"answer {raw_answer!r} should be true or false")
        else:
            options = true_false_options(value in _TRUE, clean_text(row.get("feedback_true", "")),
                                         clean_text(row.get("feedback_false", "")))
            answer = ("true",) if value in _TRUE else ("false",)
        if filled:
            problems.append("a true/false question has no options (use feedback_true and "
                            "feedback_false for the feedback)")
    elif qtype == "matching":
        items = []
        for k in filled:
            cell = row[f"option_{k}"]
            if "->" not in cell:
                problems.append(f"option_{k} should be a pair written 'left -> right'")
                continue
            left, right = cell.split("->", 1)
            items.append(Pair(clean_text(left), clean_text(right),
                              clean_text(row.get(f"feedback_{k}", ""))))
        pairs = tuple(items)
        if raw_answer:
            problems.append("a matching question has no answer column: each option is a pair "
                            "'left -> right' and the pairs are the answer")
    elif qtype in ("single", "multi", "ordering"):
        keys = _keys(raw_answer)
        misconceptions = set(_keys(row.get("misconceptions", "")))
        wrong_keys = [k for k in keys if k not in filled]
        if not keys:
            problems.append("missing answer: the answer column must name the right choice(s) "
                            f"by letter ({', '.join(filled) or 'a, b, ...'})"
                            if qtype != "ordering" else
                            "missing answer: list the option letters in the right order")
        elif wrong_keys:
            problems.append(f"answer {', '.join(wrong_keys)} is not among the filled options "
                            f"({', '.join(filled) or 'none'})")
        if len(set(keys)) != len(keys):
            problems.append("the answer names a choice more than once")
        if qtype == "single" and len(keys) > 1:
            problems.append(f"a single-answer question has one right choice, not {len(keys)} "
                            "(use type multi for several)")
        if qtype == "ordering" and keys and not wrong_keys and sorted(keys) != sorted(filled):
            problems.append("the answer must list every filled option once, in the right order")
        bad_misconceptions = sorted(misconceptions - set(filled))
        if bad_misconceptions:
            problems.append(f"misconceptions {', '.join(bad_misconceptions)} are not filled "
                            "options")
        options = tuple(
            Option(k, clean_text(row[f"option_{k}"]), clean_text(row.get(f"feedback_{k}", "")),
                   correct=qtype != "ordering" and k in keys, misconception=k in misconceptions)
            for k in filled)
        answer = tuple(keys)
    stem = clean_text(row.get("stem", ""))
    if problems:
        for problem in problems:
            parsed.problem(line, problem, label)
        return
    question = Question(
        id=name or f"q{number}", type=qtype, topic=topic or DEFAULT_TOPIC,
        difficulty=difficulty, stem=stem, explanation=clean_text(row.get("explanation", "")),
        objective=clean_text(row.get("objective", "")), options=options, pairs=pairs,
        answer=answer, sources=tuple(_split(row.get("sources", ""))),
        terms=tuple(_split(row.get("terms", ""))), events=tuple(_split(row.get("events", ""))),
        shuffle=shuffle_text not in _FALSE, vignette=vignette,
        excludes=tuple(_split(row.get("excludes", ""))),
    )
    problems = check_question(question)
    for problem in problems:
        parsed.problem(line, problem, label)
    if not problems:
        parsed.questions.append(ParsedQuestion(question, line, name))
