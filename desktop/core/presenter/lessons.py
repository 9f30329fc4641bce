"""Teachers' lessons: named, ordered mixes of timeline slides, questions, terms and
mechanism steps.

Stored in the user database, so a lesson prepared at home is there in class; duplicated to
start a variant; written to and read from a plain lesson file (`lesson_file_text`,
`read_lesson_file`) to share with a colleague.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from desktop.core.presenter.slides import SlideRef

MAX_NAME = 120


@dataclass(frozen=True)
class Lesson:
    id: int
    name: str
    slides: tuple[SlideRef, ...]
    updated_at: str = ""


class LessonError(ValueError):
    """A lesson cannot be saved as asked (the message says why)."""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def save_lesson(user, name: str, slides: list[SlideRef], lesson_id: int | None = None) -> int:
    """Create or update a lesson; returns its id. Names are unique."""
    name = " ".join("".join(ch if ch.isprintable() else " " for ch in (name or "")).split())
    if not name:
        raise LessonError("A lesson needs a name.")
    if len(name) > MAX_NAME:
        raise LessonError(f"A lesson name can have at most {MAX_NAME} characters.")
    if not slides:
        raise LessonError("A lesson needs at least one slide.")
    payload = json.dumps([s.to_json() for s in slides])
    clash = user.execute("SELECT id FROM lessons WHERE name = ?", (name,)).fetchone()
    if clash and clash[0] != lesson_id:
        raise LessonError(f"There is already a lesson called {name!r}.")
    if lesson_id is None:
        return user.execute(
            "INSERT INTO lessons (name, created_at, updated_at, slides) VALUES (?, ?, ?, ?)",
            (name, _now(), _now(), payload)).lastrowid
    user.execute("UPDATE lessons SET name = ?, updated_at = ?, slides = ? WHERE id = ?",
                 (name, _now(), payload, lesson_id))
    return lesson_id


def list_lessons(user) -> list[Lesson]:
    """All lessons, most recently changed first."""
    return [_lesson(row) for row in user.execute(
        "SELECT id, name, slides, updated_at FROM lessons ORDER BY updated_at DESC, id DESC")]


def load_lesson(user, lesson_id: int) -> Lesson | None:
    row = user.execute("SELECT id, name, slides, updated_at FROM lessons WHERE id = ?",
                       (lesson_id,)).fetchone()
    return _lesson(row) if row else None


def delete_lesson(user, lesson_id: int) -> None:
    """Delete a lesson and the class results kept with it."""
    user.execute("DELETE FROM lesson_results WHERE lesson_id = ?", (lesson_id,))
    user.execute("DELETE FROM lessons WHERE id = ?", (lesson_id,))


def free_name(user, name: str) -> str:
    """`name`, or `name (2)`, `name (3)`... whichever no lesson has yet."""
    name = clean_name(name) or "Lesson"
    taken = {row[0].casefold() for row in user.execute("SELECT name FROM lessons")}
    if name.casefold() not in taken:
        return name
    stem = name[: MAX_NAME - 6]
    number = 2
    while f"{stem} ({number})".casefold() in taken:
        number += 1
    return f"{stem} ({number})"


def duplicate_lesson(user, lesson_id: int) -> int:
    """A copy of a lesson under a free name ("Week 3 (copy)"); returns the new id."""
    lesson = load_lesson(user, lesson_id)
    if lesson is None:
        raise LessonError("That lesson no longer exists.")
    return save_lesson(user, free_name(user, f"{lesson.name} (copy)"), list(lesson.slides))


def clean_name(name: str) -> str:
    """A lesson name as stored: printable characters, single spaces, at most MAX_NAME."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(name or ""))
    return " ".join(text.split())[:MAX_NAME]


def _lesson(row) -> Lesson:
    slides = []
    for item in json.loads(row[2]):
        try:
            slides.append(SlideRef.from_json(item))
        except (ValueError, TypeError):
            continue  # a slide kind this version does not know: skip it, keep the rest
    return Lesson(id=row[0], name=row[1], slides=tuple(slides), updated_at=row[3])


def available_slides(content, slides: list[SlideRef], resolve=None) -> list[SlideRef]:
    """The slides whose records still exist (content may change between lessons).

    `resolve(question_id)` also finds questions outside the bank (imported sets).
    """
    from desktop.core.presenter.slides import slide_content

    kept = []
    for slide in slides:
        try:
            slide_content(content, slide, resolve=resolve)
        except KeyError:
            continue
        kept.append(slide)
    return kept


# -- lesson files ------------------------------------------------------------------------------

LESSON_FILE_FORMAT = "imid-atlas-lesson"
LESSON_FILE_VERSION = 1
LESSON_FILE_SUFFIX = ".lesson.json"
#: A lesson file larger than this is not a lesson (a lesson of 500 slides is about 30 KB).
MAX_LESSON_FILE_BYTES = 1_000_000
MAX_LESSON_SLIDES = 1000


def lesson_file_text(name: str, slides: list[SlideRef]) -> str:
    """A lesson as a plain JSON file a colleague can import (names of records, not texts)."""
    return json.dumps({
        "format": LESSON_FILE_FORMAT, "version": LESSON_FILE_VERSION, "name": name,
        "slides": [{"kind": s.kind, "id": s.item_id} for s in slides],
    }, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class LessonFile:
    """What a lesson file holds, as read: its name and the slides this version knows."""

    name: str
    slides: tuple[SlideRef, ...]
    skipped: int = 0  # slides of a kind this version does not know, or malformed


def read_lesson_file(data: bytes) -> LessonFile:
    """Parse a lesson file (untrusted: size-limited, every field checked).

    Raises LessonError saying what is wrong with the file.
    """
    if len(data) > MAX_LESSON_FILE_BYTES:
        raise LessonError("This file is too large to be a lesson file.")
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise LessonError("This is not a lesson file: it is not JSON text.") from None
    if not isinstance(payload, dict) or payload.get("format") != LESSON_FILE_FORMAT:
        raise LessonError("This is not an IMiD Atlas lesson file.")
    version = payload.get("version")
    if not isinstance(version, int) or version > LESSON_FILE_VERSION:
        raise LessonError("This lesson file comes from a newer version of IMiD Atlas; "
                          "update the app to open it.")
    name = clean_name(payload.get("name") if isinstance(payload.get("name"), str) else "")
    raw = payload.get("slides")
    if not isinstance(raw, list):
        raise LessonError("This lesson file lists no slides.")
    slides, skipped = [], 0
    for item in raw[:MAX_LESSON_SLIDES]:
        try:
            if not isinstance(item, dict):
                raise ValueError(item)
            kind, item_id = item.get("kind"), item.get("id")
            if not isinstance(kind, str) or not isinstance(item_id, str) or \
                    len(item_id) > 200 or not item_id.isprintable():
                raise ValueError(item)
            slides.append(SlideRef.from_json((kind, item_id)))
        except (ValueError, TypeError):
            skipped += 1
    skipped += max(0, len(raw) - MAX_LESSON_SLIDES)
    return LessonFile(name or "Imported lesson", tuple(slides), skipped)


def import_lesson(user, content, lesson: LessonFile,
                  resolve=None) -> tuple[int, int]:
    """Save an imported lesson under a free name; slides whose records this content does
    not have are left out. Returns (lesson id, slides left out)."""
    kept = available_slides(content, list(lesson.slides), resolve)
    left_out = len(lesson.slides) - len(kept) + lesson.skipped
    if not kept:
        raise LessonError("None of this lesson's slides are in this app's content.")
    return save_lesson(user, free_name(user, lesson.name), kept), left_out
