"""Class results: tallies of a presentation kept with the lesson, summarised, as CSV."""

from __future__ import annotations

import csv
import io

from desktop.core.presenter import slides as p
from desktop.core.presenter.lessons import delete_lesson, save_lesson
from desktop.core.presenter.results import (
    delete_run,
    list_runs,
    results_csv,
    save_run,
    session_results,
)
from desktop.core.presenter.session import PresenterSession

SLIDES = [p.SlideRef("event", "cereblon-found-2010"), p.SlideRef("question", "q-mechanism-001"),
          p.SlideRef("question", "q-mechanism-003")]


def _session(content):
    session = PresenterSession(list(SLIDES), title="Week 3")
    numbers = p.question_numbers(SLIDES)
    content_of = {i: p.slide_content(content, s, numbers.get(i)) for i, s in enumerate(SLIDES)}
    session.go(1)
    tally = session.tally([letter for letter, _ in content_of[1].options])
    for key in "AAB":
        tally.press_letter(key)
    tally.press_digit("1")
    tally.press_digit("0")
    tally.press_letter("C")
    session.go(2)
    session.tally([letter for letter, _ in content_of[2].options])  # opened, nobody voted
    return session, content_of.__getitem__


def test_a_presentation_is_summarised_per_question(atlas):
    session, content_of = _session(atlas.content)
    results = session_results(session, content_of)
    assert [r.question_id for r in results] == ["q-mechanism-001"]  # no votes: not kept
    first = results[0]
    assert first.slide == 2 and first.total == 13 and first.correct == ("B",)
    assert first.right == 1 and round(first.share_right, 3) == round(1 / 13, 3)
    assert first.top_wrong == ("C", 10)
    assert first.summary() == "13 votes · 8% right (B) · most chosen wrong: C (10)"


def test_runs_are_kept_with_their_lesson_and_exported(atlas):
    user = atlas.user
    lesson_id = save_lesson(user, "Week 3", SLIDES)
    session, content_of = _session(atlas.content)
    run_id = save_run(user, lesson_id, "Week 3", len(SLIDES), session_results(session,
                                                                              content_of),
                      when="2026-03-02T10:15:00")
    assert save_run(user, lesson_id, "Week 3", 3, []) is None  # nothing tallied
    save_run(user, None, "Loose slides", 3, session_results(session, content_of))
    runs = list_runs(user, lesson_id)
    assert [r.id for r in runs] == [run_id]
    run = runs[0]
    assert run.total_votes == 13 and run.summary().startswith("2026-03-02 10:15 · 1 question")
    assert [r.lesson for r in list_runs(user, lesson="Loose slides")] == ["Loose slides"]
    rows = list(csv.DictReader(io.StringIO(results_csv(runs))))
    assert len(rows) == 3  # one row per option
    by_option = {r["option"]: r for r in rows}
    assert by_option["C"]["votes"] == "10" and by_option["B"]["correct"] == "yes"
    assert by_option["A"]["share"] == "0.15" and rows[0]["presented_at"] == "2026-03-02T10:15:00"
    delete_run(user, run_id)
    assert list_runs(user, lesson_id) == []
    save_run(user, lesson_id, "Week 3", 3, session_results(session, content_of))
    delete_lesson(user, lesson_id)  # a lesson's results go with it
    assert list_runs(user, lesson_id) == []


def test_a_damaged_run_is_skipped(atlas):
    user = atlas.user
    user.execute("INSERT INTO lesson_results (lesson_id, lesson, presented_at, slides, results)"
                 " VALUES (1, 'x', '2026-01-01', 1, 'not json')")
    assert list_runs(user, 1) == []
