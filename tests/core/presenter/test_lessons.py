"""Teachers' lessons: saved, listed, loaded, deleted, and surviving a restart."""

from __future__ import annotations

import pytest

from desktop.core.presenter import slides as p
from desktop.core.presenter.lessons import (
    LessonError,
    available_slides,
    delete_lesson,
    list_lessons,
    load_lesson,
    save_lesson,
)


def test_lessons_are_saved_listed_loaded_and_deleted(atlas):
    user = atlas.user
    slides = [p.SlideRef("event", "cereblon-found-2010"), p.SlideRef("question",
                                                                   "q-mechanism-001"),
              p.SlideRef("term", "ikzf1")]
    lesson_id = save_lesson(user, "  Cereblon   week ", slides)
    assert [lesson.name for lesson in list_lessons(user)] == ["Cereblon week"]
    loaded = load_lesson(user, lesson_id)
    assert list(loaded.slides) == slides
    save_lesson(user, "Cereblon week", slides[:1], lesson_id)
    assert len(load_lesson(user, lesson_id).slides) == 1
    with pytest.raises(LessonError, match="already a lesson"):
        save_lesson(user, "Cereblon week", slides)
    with pytest.raises(LessonError, match="needs a name"):
        save_lesson(user, "   ", slides)
    with pytest.raises(LessonError, match="at least one slide"):
        save_lesson(user, "Empty", [])
    delete_lesson(user, lesson_id)
    assert list_lessons(user) == []


def test_lessons_survive_reopening_and_skip_missing_records(atlas, data_dir):
    from db.user_db import UserDB

    save_lesson(atlas.user, "Kept", [p.SlideRef("term", "cereblon"),
                                     p.SlideRef("term", "removed-later")])
    atlas.user.close()
    reopened = UserDB.open(data_dir / "user.sqlite")
    lesson = list_lessons(reopened)[0]
    assert available_slides(atlas.content, list(lesson.slides)) == [
        p.SlideRef("term", "cereblon")]
    reopened.close()
    atlas.user = UserDB.open(data_dir / "user.sqlite")
