"""Teachers' lessons: named, ordered mixes of timeline slides, questions and terms.

Stored in the user database, so a lesson prepared at home is there in class.
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
    name = " ".join((name or "").split())
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
    user.execute("DELETE FROM lessons WHERE id = ?", (lesson_id,))


def _lesson(row) -> Lesson:
    slides = []
    for item in json.loads(row[2]):
        try:
            slides.append(SlideRef.from_json(item))
        except (ValueError, TypeError):
            continue  # a slide kind this version does not know: skip it, keep the rest
    return Lesson(id=row[0], name=row[1], slides=tuple(slides), updated_at=row[3])


def available_slides(content, slides: list[SlideRef]) -> list[SlideRef]:
    """The slides whose records still exist (content may change between lessons)."""
    from desktop.core.presenter.slides import slide_content

    kept = []
    for slide in slides:
        try:
            slide_content(content, slide)
        except KeyError:
            continue
        kept.append(slide)
    return kept
