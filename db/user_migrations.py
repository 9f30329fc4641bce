"""Named migrations of the user database, applied in the order they are defined.

Append-only: never edit or rename a migration that has shipped; add a new one. Each runs in a
transaction with the record of it (sqlite-utils `Migrations`). The list is kept as plain
functions so that checking for pending migrations at start-up does not import sqlite-utils
(which imports numpy).
"""

from __future__ import annotations

from collections.abc import Callable

MIGRATION_SET = "imid-atlas-user"

_STEPS: list[tuple[str, Callable]] = []


def migration(fn: Callable) -> Callable:
    """Register `fn` as the next migration, named after the function."""
    if any(name == fn.__name__ for name, _ in _STEPS):
        raise ValueError(f"migration {fn.__name__} is defined twice")
    _STEPS.append((fn.__name__, fn))
    return fn


def migration_names() -> list[str]:
    """The names of every migration this version knows, in order."""
    return [name for name, _ in _STEPS]


def migrations():
    """The sqlite-utils `Migrations` set holding every step."""
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for name, fn in _STEPS:
        steps(name=name)(fn)
    return steps


@migration
def m001_initial(db) -> None:
    """Settings, bookmarks, quiz sessions and attempts, review state, flags, imports."""
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["bookmarks"].create(
        {"kind": str, "item_id": str, "created_at": str}, pk=("kind", "item_id")
    )
    db["quiz_sessions"].create(
        {"id": int, "mode": str, "started_at": str, "finished_at": str, "config": str,
         "state": str},
        pk="id",
    )
    db["quiz_attempts"].create(
        {"id": int, "session_id": int, "question_id": str, "answered_at": str, "correct": int,
         "score": float, "response": str, "duration_ms": int, "mode": str},
        pk="id",
        foreign_keys=[("session_id", "quiz_sessions", "id")],
    )
    db["quiz_attempts"].create_index(["question_id"])
    db["quiz_attempts"].create_index(["session_id"])
    db["review_cards"].create(
        {"question_id": str, "card": str, "due": str, "updated_at": str}, pk="question_id"
    )
    db["review_cards"].create_index(["due"])
    db["review_log"].create(
        {"id": int, "question_id": str, "rating": int, "reviewed_at": str, "duration_ms": int},
        pk="id",
    )
    db["question_flags"].create(
        {"id": int, "question_id": str, "note": str, "created_at": str}, pk="id"
    )
    db["imported_documents"].create(
        {"id": int, "title": str, "year": int, "authors": str, "original_name": str,
         "stored_name": str, "sha256": str, "size": int, "media_type": str, "text": str,
         "imported_at": str},
        pk="id",
    )
    db["imported_documents"].create_index(["sha256"], unique=True)


@migration
def m050_presenter_lessons(db) -> None:
    """Teachers' saved lessons: an ordered list of slides (kind, id) under a name."""
    db["lessons"].create(
        {"id": int, "name": str, "created_at": str, "updated_at": str, "slides": str},
        pk="id",
    )
    db["lessons"].create_index(["name"], unique=True)


@migration
def m010_import_search(db) -> None:
    """Full-text index of imported documents (same tokenizer as the content search)."""
    db.execute(
        "CREATE VIRTUAL TABLE imported_search USING fts5("
        "title, body, aliases, "
        "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )
    from db.text import greek_variants

    for row in db.execute(
            "SELECT id, title, text, authors, year FROM imported_documents").fetchall():
        doc_id, title, text, authors, year = row
        db.execute(
            "INSERT INTO imported_search (rowid, title, body, aliases) VALUES (?, ?, ?, ?)",
            (doc_id, title or "", text or "",
             " ".join([authors or "", str(year or ""), greek_variants(f"{title} {text}")])),
        )


@migration
def m040_question_sets(db) -> None:
    """Question sets imported from GIFT or CSV files, each removable as a whole."""
    # AUTOINCREMENT: a removed set's id is never reused, so `set-<id>-<n>` question ids
    # never point at another set's questions.
    db.execute(
        "CREATE TABLE imported_question_sets ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
        " source_name TEXT NOT NULL, format TEXT NOT NULL, sha256 TEXT NOT NULL,"
        " imported_at TEXT NOT NULL, question_count INTEGER NOT NULL)"
    )
    db.execute(
        "CREATE TABLE imported_questions ("
        " set_id INTEGER NOT NULL REFERENCES imported_question_sets(id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL, source_id TEXT NOT NULL, line INTEGER, data TEXT NOT NULL,"
        " PRIMARY KEY (set_id, position))"
    )


@migration
def m030_label_practice(db) -> None:
    """Mechanism diagram: "Hide the labels" practice attempts (score and each answer)."""
    db["label_practice_attempts"].create(
        {"id": int, "started_at": str, "finished_at": str, "scope": str, "drug": str,
         "total": int, "correct": int, "score": float, "items": str},
        pk="id",
    )
    db["label_practice_attempts"].create_index(["finished_at"])


@migration
def m020_quiz_details(db) -> None:
    """Quiz: topic and type on each attempt (imported and generated questions are not in the
    content DB), a session title, and a snapshot of each review card's question."""
    db["quiz_attempts"].add_column("topic", str)
    db["quiz_attempts"].add_column("question_type", str)
    db["quiz_sessions"].add_column("title", str)
    db["review_cards"].add_column("question", str)
    db["quiz_sessions"].create_index(["finished_at"])
    db["quiz_attempts"].create_index(["answered_at"])


@migration
def m180_recall_reviews(db) -> None:
    """Self-graded reviews and new cards: each review remembers the card as it was before
    (so a grade can be changed), each card where it came from ('missed': a question missed,
    marked or bookmarked; 'new': a cloze item, typed question or glossary card taken from
    the new pool or added by the student), how often it was reviewed and when first, and
    whether it is one of the bundled recall items (so "Study now" counts the pool left
    without reading every card)."""
    db["review_log"].add_column("card_before", str)
    db["review_log"].add_column("session_id", int)
    db["review_cards"].add_column("origin", str, not_null_default="missed")
    db["review_cards"].add_column("reps", int, not_null_default=0)
    db["review_cards"].add_column("first_review", str)
    db["review_cards"].add_column("pool", int, not_null_default=0)
    db.execute(
        "UPDATE review_cards SET reps = (SELECT count(*) FROM review_log l WHERE "
        "l.question_id = review_cards.question_id), first_review = (SELECT min(reviewed_at) "
        "FROM review_log l WHERE l.question_id = review_cards.question_id)")
    db["review_cards"].create_index(["origin", "reps"])
    db["review_cards"].create_index(["origin", "first_review"])
    db["review_cards"].create_index(["pool"])
    db["review_log"].create_index(["question_id"])
    db["review_log"].create_index(["reviewed_at"])


@migration
def m160_lesson_results(db) -> None:
    """Class results: the show-of-hands tallies of one presentation, kept with its lesson
    (`lesson_id` is empty for slides presented without a saved lesson)."""
    db["lesson_results"].create(
        {"id": int, "lesson_id": int, "lesson": str, "presented_at": str, "slides": int,
         "results": str},
        pk="id",
    )
    db["lesson_results"].create_index(["lesson_id", "presented_at"])


@migration
def m150_import_structure(db) -> None:
    """Imported documents keep their headings and paragraphs (sanitised HTML) for reading;
    `text` stays the plain text that is searched."""
    db.execute("ALTER TABLE imported_documents ADD COLUMN html TEXT NOT NULL DEFAULT ''")
