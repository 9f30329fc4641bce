"""Question sets in the user database: removal as a whole, stable ids, the quiz's source."""

from __future__ import annotations

from desktop.core.interop.question_import import import_question_files
from desktop.core.quiz import question_sets
from desktop.core.render import render_markdown
from tests.core.interop.helpers import write

GIFT = "::a:: First? {=yes ~no}\n\n::b:: Second? {TRUE}\n"


def test_removing_a_set_removes_its_questions_and_progress_only(atlas, tmp_path):
    first = import_question_files(atlas, [write(tmp_path / "one.gift", GIFT)], {})[0]
    second = import_question_files(atlas, [write(tmp_path / "two.gift", GIFT + "\n")], {})[0]
    user = atlas.user
    user.execute("INSERT INTO quiz_sessions (id, mode, started_at) VALUES (1, 'tutor', 'now')")
    for qid in ("set-1-1", "set-1-2", "set-2-1", "q-mechanism-001"):
        user.execute("INSERT INTO quiz_attempts (session_id, question_id, correct) "
                     "VALUES (1, ?, 1)", (qid,))
        user.execute("INSERT INTO review_cards (question_id, card, due) VALUES (?, '{}', 'x')",
                     (qid,))
        user.execute("INSERT INTO question_flags (question_id, note) VALUES (?, 'typo')", (qid,))
    removed = question_sets.remove_set(user, first.set_id)
    assert removed.name == "one"
    assert [s.id for s in question_sets.list_sets(user)] == [second.set_id]
    for table in ("quiz_attempts", "review_cards", "question_flags"):
        left = [r[0] for r in user.execute(f"SELECT question_id FROM {table} ORDER BY 1")]
        assert left == ["q-mechanism-001", "set-2-1"], table
    assert question_sets.get_question(user, "set-1-1") is None
    third = import_question_files(atlas, [write(tmp_path / "three.gift", GIFT + "\n\n")], {})[0]
    assert third.set_id == 3  # a removed set's id is never reused
    try:
        question_sets.remove_set(user, 1)
    except question_sets.QuestionSetError as exc:
        assert "no question set 1" in str(exc)
    else:
        raise AssertionError("removing a missing set must fail")


def test_question_ids_parse_back():
    assert question_sets.question_id(3, 12) == "set-3-12"
    assert question_sets.parse_question_id("set-3-12") == (3, 12)
    assert question_sets.parse_question_id("q-mechanism-001") is None
    assert not question_sets.is_set_question("set-x-1")


def test_the_quiz_offers_imported_sets_as_a_question_source(atlas, tmp_path):
    from desktop.core.quiz.sources import load_pool, resolve_question, source

    import_question_files(atlas, [write(tmp_path / "class.gift", GIFT)], {})
    imported = source("imported")
    assert imported is not None and imported.default is False
    pool, problems = load_pool(atlas, ("imported",))
    assert problems == [] and [q.id for q in pool] == ["set-1-1", "set-1-2"]
    assert {q.pack for q in pool} == {"class"}
    everything, _ = load_pool(atlas)
    assert {"set-1-1", "q-mechanism-001"} <= {q.id for q in everything}
    assert resolve_question(atlas, "set-1-2").stem == "Second?"


def test_imported_text_cannot_load_remote_resources_or_run_scripts(atlas, tmp_path):
    text = ("::x::[html]<p onclick=\"steal()\">Look</p><script>alert(1)</script>"
            "<img src=\"http://example.org/t.png\"><iframe src=\"http://example.org\"></iframe>"
            " ![pixel](http://example.org/p.png) [link](javascript:alert(1))? {=yes ~no}\n")
    [outcome] = import_question_files(atlas, [write(tmp_path / "evil.gift", text)], {})
    assert outcome.ok, str(outcome)
    stem = question_sets.set_questions(atlas.user)[0].stem
    html = render_markdown(stem)
    for bad in ("<script", "<img", "<iframe", "onclick"):
        assert bad not in stem, bad  # HTML is sanitised when the file is imported
    for bad in ("<script", "<img", "<iframe", "onclick", "javascript:", "src=", "example.org/p"):
        assert bad not in html, bad  # Markdown is sanitised when it is shown
    assert "Look" in html


def test_a_stored_set_keeps_what_typed_answers_accept(atlas, tmp_path):
    from desktop.core.quiz.scoring import score_response as score

    gift = ("::t:: Who kept thalidomide off the US market? {=Frances Kelsey =Kelsey}\n\n"
            "::c:: Thalidomide binds {=cereblon =CRBN} in the ligase.\n\n"
            "::n:: Approved in which year? {#1998:1}\n")
    import_question_files(atlas, [write(tmp_path / "typed.gift", gift)], {})
    typed, cloze, number = (question_sets.get_question(atlas.user, f"set-1-{n}")
                            for n in (1, 2, 3))
    assert [b.answers for b in typed.blanks] == [("Frances Kelsey", "Kelsey")]
    assert [b.answers for b in cloze.blanks] == [("cereblon", "CRBN")]
    assert number.blanks[0].tolerance == 1
    assert score(typed, ["kelsey"]).correct and score(cloze, ["crbn"]).correct
    assert score(number, ["1999"]).correct and not score(number, ["2000"]).correct
