"""Importing question files into the user database: all or nothing, as named sets."""

from __future__ import annotations

from desktop.core.interop import gift, question_csv
from desktop.core.interop.question_import import import_question_files
from desktop.core.quiz import question_sets
from tests.core.interop.helpers import write


def count_rows(atlas) -> tuple[int, int]:
    sets = atlas.user.execute("SELECT count(*) FROM imported_question_sets").fetchone()[0]
    questions = atlas.user.execute("SELECT count(*) FROM imported_questions").fetchone()[0]
    return sets, questions


def test_a_gift_file_becomes_a_set_of_ordinary_questions(atlas, tmp_path):
    originals = {q.id: q for q in atlas.content.questions()}
    path = write(tmp_path / "my_bank.gift", gift.dumps(list(originals.values()))[0])
    [outcome] = import_question_files(atlas, [path], {})
    assert outcome.ok and outcome.set_name == "my bank"
    assert "Imported 5 question(s) from my_bank.gift as question set 1 'my bank'" in str(outcome)
    imported = question_sets.set_questions(atlas.user, outcome.set_id)
    assert [q.id for q in imported] == [f"set-1-{n}" for n in range(1, 6)]
    assert all(q.pack == "my bank" for q in imported)
    sources = dict(atlas.user.execute("SELECT position, source_id FROM imported_questions"))
    for q in imported:
        original = originals[sources[int(q.id.rsplit("-", 1)[1])]]
        assert q == question_sets.with_pack(original, q.id, "my bank")
    assert question_sets.get_question(atlas.user, "set-1-2") == imported[1]
    assert question_sets.get_question(atlas.user, "set-1-99") is None
    assert question_sets.get_question(atlas.user, "q-mechanism-001") is None


def test_a_file_with_any_problem_imports_nothing(atlas, tmp_path):
    good = "".join(f"::q{i}:: Question {i}? {{=yes ~no}}\n\n" for i in range(10))
    path = write(tmp_path / "mixed.gift", good + "::bad:: Broken {=yes ~no\n")
    [outcome] = import_question_files(atlas, [path], {})
    assert not outcome.ok and "nothing was saved" in outcome.message
    assert outcome.problems == ["mixed.gift:21: question 11 ('bad'): '{' opened here is never "
                                "closed; a blank line ends a question, so an answer block "
                                "cannot contain one"]
    assert count_rows(atlas) == (0, 0)


def test_several_files_under_one_name_are_one_set_or_nothing(atlas, tmp_path):
    a = write(tmp_path / "a.gift", "::a:: A? {=yes ~no}\n")
    b = write(tmp_path / "b.csv", "type,stem,answer,option_a,option_b\nsingle,B?,a,yes,no\n")
    bad = write(tmp_path / "c.csv", "type,stem,answer,option_a,option_b\nsingle,C?,,yes,no\n")
    [outcome] = import_question_files(atlas, [a, b, bad], {"set_name": "Week 3"})
    assert not outcome.ok and count_rows(atlas) == (0, 0)
    assert outcome.problems[0].startswith("c.csv:2: question 1 ('C?'): missing answer")
    [outcome] = import_question_files(atlas, [a, b], {"set_name": "Week 3"})
    assert outcome.ok and count_rows(atlas) == (1, 2)
    assert [q.stem for q in question_sets.set_questions(atlas.user)] == ["A?", "B?"]


def test_names_are_unique_and_the_same_file_is_not_imported_twice(atlas, tmp_path):
    path = write(tmp_path / "quiz.csv", question_csv.dumps(atlas.content.questions()))
    other = write(tmp_path / "other.gift", "::a:: A? {=yes ~no}\n")
    assert import_question_files(atlas, [path], {"set_name": "Class"})[0].ok
    [again] = import_question_files(atlas, [path], {})
    assert not again.ok and "already imported as question set 1 'Class'" in again.message
    [renamed] = import_question_files(atlas, [other], {"set_name": "class"})
    assert renamed.ok and renamed.set_name == "class (2)"
    assert "a set named 'class' already exists" in renamed.message


def test_files_that_are_not_question_files_are_refused(atlas, tmp_path):
    pdf = write(tmp_path / "paper.pdf", "%PDF-1.4")
    [outcome] = import_question_files(atlas, [pdf], {})
    assert not outcome.ok and "not a question file" in outcome.message
