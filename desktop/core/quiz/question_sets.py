"""Question sets imported from teachers' files, stored in the user database.

A set is saved all at once and removed as a whole. Its questions come back as ordinary
`db.records.Question` objects with ids `set-<set id>-<n>` (n counts from 1 in file order) and
`pack` set to the set's name, so the quiz, presenter and review code treat them like bundled
questions. Set ids are never reused, so an id always means the same question.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

SET_ID_PREFIX = "set-"
_SET_QUESTION_ID = re.compile(r"^set-(\d+)-(\d+)$")


@dataclass(frozen=True)
class QuestionSet:
    id: int
    name: str
    source_name: str
    format: str
    imported_at: str
    question_count: int


class QuestionSetError(ValueError):
    """A request about question sets that cannot be done (unknown set...)."""


def question_id(set_id: int, position: int) -> str:
    """The id of the `position`-th (from 1) question of set `set_id`."""
    return f"{SET_ID_PREFIX}{set_id}-{position}"


def parse_question_id(qid: str) -> tuple[int, int] | None:
    """(set id, position) for a set question's id, else None."""
    m = _SET_QUESTION_ID.match(qid or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def is_set_question(qid: str) -> bool:
    return parse_question_id(qid) is not None


def _set(row) -> QuestionSet:
    return QuestionSet(row["id"], row["name"], row["source_name"], row["format"],
                       row["imported_at"], row["question_count"])


def list_sets(user) -> list[QuestionSet]:
    """Every imported set, oldest first."""
    return [_set(r) for r in user.execute(
        "SELECT * FROM imported_question_sets ORDER BY id").fetchall()]


def get_set(user, set_id: int) -> QuestionSet | None:
    row = user.execute("SELECT * FROM imported_question_sets WHERE id = ?", (set_id,)).fetchone()
    return _set(row) if row else None


def find_by_digest(user, digest: str) -> QuestionSet | None:
    """The set imported from a file with these exact bytes, if any."""
    row = user.execute("SELECT * FROM imported_question_sets WHERE sha256 = ? ORDER BY id",
                       (digest,)).fetchone()
    return _set(row) if row else None


def unique_name(user, name: str) -> str:
    """`name`, or `name (2)`, `name (3)`... when a set already has that name."""
    name = " ".join((name or "").split()) or "Imported questions"
    taken = {r[0].casefold() for r in user.execute("SELECT name FROM imported_question_sets")}
    if name.casefold() not in taken:
        return name
    n = 2
    while f"{name} ({n})".casefold() in taken:
        n += 1
    return f"{name} ({n})"


def with_pack(question, new_id: str, pack: str):
    """A copy of `question` with another id and pack (what a set stores for a question)."""
    from dataclasses import replace

    return replace(question, id=new_id, pack=pack)


def set_questions(user, set_id: int | None = None) -> list:
    """The questions of one set (or of every set), as `db.records.Question` objects."""
    from desktop.core.interop.question_file import question_from_dict

    sql = ("SELECT q.set_id, q.position, q.data, s.name FROM imported_questions q "
           "JOIN imported_question_sets s ON s.id = q.set_id")
    params: tuple = ()
    if set_id is not None:
        sql += " WHERE q.set_id = ?"
        params = (set_id,)
    rows = user.execute(sql + " ORDER BY q.set_id, q.position", params).fetchall()
    return [question_from_dict(json.loads(r["data"]), question_id(r["set_id"], r["position"]),
                               r["name"]) for r in rows]


def get_question(user, qid: str):
    """One set question by id (`set-3-12`), or None."""
    from desktop.core.interop.question_file import question_from_dict

    parsed = parse_question_id(qid)
    if parsed is None:
        return None
    row = user.execute(
        "SELECT q.data, s.name FROM imported_questions q JOIN imported_question_sets s "
        "ON s.id = q.set_id WHERE q.set_id = ? AND q.position = ?", parsed).fetchone()
    return question_from_dict(json.loads(row["data"]), qid, row["name"]) if row else None


def save_set(user, name: str, source_name: str, fmt: str, questions: Sequence,
             digest: str = "") -> QuestionSet:
    """Store `questions` (ParsedQuestion objects) as a new set in one transaction."""
    from desktop.core.interop.question_file import question_to_dict

    if not questions:
        raise QuestionSetError("a question set needs at least one question")
    imported_at = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())
    with user.transaction() as conn:
        name = unique_name(user, name)
        cursor = conn.execute(
            "INSERT INTO imported_question_sets (name, source_name, format, sha256, imported_at,"
            " question_count) VALUES (?, ?, ?, ?, ?, ?)",
            (name, source_name, fmt, digest, imported_at, len(questions)))
        set_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO imported_questions (set_id, position, source_id, line, data) "
            "VALUES (?, ?, ?, ?, ?)",
            [(set_id, n, pq.source_id or "", pq.line,
              json.dumps(question_to_dict(pq.question), ensure_ascii=False))
             for n, pq in enumerate(questions, 1)])
    return QuestionSet(set_id, name, source_name, fmt, imported_at, len(questions))


def _progress_tables(conn) -> list[str]:
    """User tables with a `question_id` column (attempts, review cards, flags...)."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return [t for t in tables
            if any(c[1] == "question_id" for c in conn.execute(f'PRAGMA table_info("{t}")'))]


def remove_set(user, set_id: int) -> QuestionSet:
    """Remove a set, its questions and every progress record about them, in one transaction."""
    found = get_set(user, set_id)
    if found is None:
        raise QuestionSetError(f"there is no question set {set_id}")
    pattern = f"{SET_ID_PREFIX}{set_id}-%"
    with user.transaction() as conn:
        for table in _progress_tables(conn):
            conn.execute(f'DELETE FROM "{table}" WHERE question_id LIKE ?', (pattern,))
        conn.execute("DELETE FROM imported_questions WHERE set_id = ?", (set_id,))
        conn.execute("DELETE FROM imported_question_sets WHERE id = ?", (set_id,))
    return found


def all_set_questions(ctx) -> list:
    """Every imported question, for the quiz's source registry (`ctx` has `.user`)."""
    user = getattr(ctx, "user", None)
    return set_questions(user) if user is not None else []


def resolve_set_question(ctx, qid: str):
    """One imported question by id for the quiz's source registry, or None."""
    user = getattr(ctx, "user", None)
    return get_question(user, qid) if user is not None and is_set_question(qid) else None
