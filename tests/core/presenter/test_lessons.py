"""Teachers' lessons: saved, listed, loaded, deleted, and surviving a restart."""

from __future__ import annotations

import pytest

from desktop.core.presenter import slides as p
from desktop.core.presenter.lessons import (
    MAX_LESSON_FILE_BYTES,
    LessonError,
    available_slides,
    delete_lesson,
    duplicate_lesson,
    import_lesson,
    lesson_file_text,
    list_lessons,
    load_lesson,
    read_lesson_file,
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


def test_a_lesson_is_duplicated_under_a_free_name(atlas):
    user = atlas.user
    slides = [p.SlideRef("term", "cereblon"), p.SlideRef("term", "ikzf1")]
    first = save_lesson(user, "Week 3", slides)
    copy = duplicate_lesson(user, first)
    again = duplicate_lesson(user, first)
    names = {lesson.name for lesson in list_lessons(user)}
    assert names == {"Week 3", "Week 3 (copy)", "Week 3 (copy) (2)"}
    assert load_lesson(user, copy).slides == load_lesson(user, again).slides == tuple(slides)
    with pytest.raises(LessonError):
        duplicate_lesson(user, 999)


def test_a_lesson_file_round_trips_to_a_colleague(atlas):
    slides = [p.SlideRef("event", "cereblon-found-2010"), p.SlideRef("question",
                                                                   "q-mechanism-001"),
              p.SlideRef("term", "ikzf1"), p.SlideRef("term", "removed-later")]
    text = lesson_file_text("Week 3: cereblon", slides)
    assert '"format": "imid-atlas-lesson"' in text
    lesson = read_lesson_file(text.encode("utf-8"))
    assert lesson.name == "Week 3: cereblon" and list(lesson.slides) == slides
    save_lesson(atlas.user, "Week 3: cereblon", slides[:1])  # the colleague has one already
    lesson_id, left_out = import_lesson(atlas.user, atlas.content, lesson)
    imported = load_lesson(atlas.user, lesson_id)
    assert imported.name == "Week 3: cereblon (2)" and left_out == 1
    assert list(imported.slides) == slides[:3]


@pytest.mark.parametrize("data, message", [
    (b"\x00\xff not text", "not JSON"),
    (b"[1, 2]", "not an IMiD Atlas lesson"),
    (b'{"format": "imid-atlas-lesson", "version": 99, "slides": []}', "newer version"),
    (b'{"format": "imid-atlas-lesson", "version": 1, "name": "x"}', "no slides"),
    (b"x" * (MAX_LESSON_FILE_BYTES + 1), "too large"),
])
def test_a_broken_lesson_file_says_what_is_wrong(data, message):
    with pytest.raises(LessonError, match=message):
        read_lesson_file(data)


def test_hostile_lesson_files_are_cleaned(atlas):
    data = (b'{"format": "imid-atlas-lesson", "version": 1, '
            b'"name": "<b>Week</b>\\u0000\\n  3", '
            b'"slides": [{"kind": "term", "id": "cereblon"}, {"kind": "script", "id": "x"}, '
            b'{"kind": "term"}, "junk", {"kind": "term", "id": 5}]}')
    lesson = read_lesson_file(data)
    assert lesson.name == "<b>Week</b> 3"  # plain text: shown as typed, never as markup
    assert list(lesson.slides) == [p.SlideRef("term", "cereblon")] and lesson.skipped == 4
    empty = read_lesson_file(b'{"format": "imid-atlas-lesson", "version": 1, '
                             b'"slides": [{"kind": "term", "id": "gone"}]}')
    with pytest.raises(LessonError, match="None of this lesson"):
        import_lesson(atlas.user, atlas.content, empty)
