"""CSV question files: round trips, a teacher's spreadsheet, and broken files by line."""

from __future__ import annotations

import pytest

from desktop.core.interop import question_csv
from desktop.core.interop.question_file import MAX_FILE_BYTES, MAX_QUESTIONS
from desktop.core.interop.question_import import read_question_file
from tests.core.interop.helpers import by_id, choices_by_text, write


def test_round_trip_of_every_question_type(atlas, tmp_path):
    """Lossless but for the order and letters of the choices, which the export shuffles."""
    originals = atlas.content.questions()
    path = tmp_path / "bank.csv"
    path.write_bytes(question_csv.dumps(originals).encode("utf-8-sig"))
    parsed = read_question_file(path)
    assert parsed.ok, parsed.report()
    got = by_id(pq.question for pq in parsed.questions)
    for q in originals:
        assert choices_by_text(got[q.id]) == choices_by_text(q), q.id


def test_round_trip_of_the_whole_bundled_bank(bundled_atlas, tmp_path):
    originals = bundled_atlas.content.questions()
    path = write(tmp_path / "bank.csv", question_csv.dumps(originals))
    parsed = read_question_file(path)
    assert parsed.ok, parsed.report()[:2000]
    got = by_id(pq.question for pq in parsed.questions)
    assert [q.id for q in originals if choices_by_text(got[q.id]) != choices_by_text(q)] == []


TEACHER_CSV = (
    "Question;Type;A;B;C;D;Correct;Feedback_B;Explanation;Topic\n"
    "Which protein do IMiDs bind?;single;DDB1;Cereblon;CUL4A;;b;Right;\"Cereblon is the\n"
    "substrate receptor.\";Mechanism\n"
    "Pick the neosubstrates;multi;IKZF1;IKZF3;IRF4;;a, b;;;\n"
    "Put in order;ordering;1998;2010;2014;;a b c;;;history\n"
    "Match;matching;IKZF1 -> Ikaros;IKZF3 -> Aiolos;CRBN -> Cereblon;;;;;\n"
)


def test_a_teachers_spreadsheet_with_semicolons_and_other_column_names(tmp_path):
    path = write(tmp_path / "teacher.csv", TEACHER_CSV)
    parsed = read_question_file(path)
    assert parsed.ok, parsed.report()
    single, multi, order, match = (pq.question for pq in parsed.questions)
    assert single.answer == ("b",) and single.options[1].rationale == "Right"
    assert single.explanation == "Cereblon is the\nsubstrate receptor."
    assert single.topic == "mechanism" and single.difficulty == "understanding"
    assert multi.type == "multi" and multi.answer == ("a", "b")
    assert order.answer == ("a", "b", "c") and order.topic == "history"
    assert [p.right for p in match.pairs] == ["Ikaros", "Aiolos", "Cereblon"]
    # The second row spans two lines, so the third question starts on line 4.
    assert [pq.line for pq in parsed.questions] == [2, 4, 5, 6]


HEADER = "id,type,stem,answer,option_a,option_b,option_c,feedback_true,difficulty\n"


@pytest.mark.parametrize(("rows", "line", "needle"), [
    ("q1,single,Fine?,a,x,y,,,\nq2,single,No answer?,,x,y,,,\n", 3, "missing answer"),
    ("q1,single,Which?,d,x,y,z,,\n", 2, "answer d is not among the filled options"),
    ("q1,essay,Write,,,,,,\n", 2, "type 'essay' is not one of"),
    ("q1,true_false,True?,,,,,,\n", 2, "missing answer: write true or false"),
    ("q1,true_false,True?,maybe,,,,,\n", 2, "should be true or false"),
    ("q1,single,Which?,\"a,x,y,z,,\n", 2, "never closed"),
    ("q1,single,Which?,a,x,y,z,,,extra\n", 2, "this row has 10 cells"),
    ("q1,single,Which?,\"a,b\",x,y,z,,\n", 2, "one right choice"),
    ("q1,matching,Match,,left -> right,no arrow,,,\n", 2, "option_b should be a pair"),
    ("q1,single,Which?,a,x,y,,,expert\n", 2, "difficulty 'expert'"),
    ("q1,ordering,Order,a b,x,y,z,,\n", 2, "every filled option once"),
], ids=["missing-answer", "unknown-key", "unknown-type", "tf-no-answer", "tf-bad-answer",
        "unclosed-quote", "extra-cells", "single-two-keys", "matching-arrow", "difficulty",
        "ordering-incomplete"])
def test_malformed_csv_is_reported_by_line(tmp_path, rows, line, needle):
    parsed = read_question_file(write(tmp_path / "bad.csv", HEADER + rows))
    assert not parsed.ok
    hits = [p for p in parsed.problems if needle in p.message]
    assert hits, parsed.report()
    assert hits[0].line == line and str(hits[0]).startswith(f"bad.csv:{line}:")


def test_header_problems_are_reported_on_line_one(tmp_path):
    parsed = read_question_file(write(tmp_path / "bad.csv", "type,stem,optoin_a\nsingle,Q,x\n"))
    assert [p.line for p in parsed.problems] == [1]
    assert "unknown column(s) 'optoin_a'" in parsed.problems[0].message
    parsed = read_question_file(write(tmp_path / "bad2.csv", "question_id,answer\n1,a\n"))
    assert any("missing column(s) type, stem" in p.message for p in parsed.problems)


def test_a_file_with_one_bad_row_yields_no_questions_to_import(tmp_path):
    rows = "".join(f"q{i},single,Question {i}?,a,x,y,,,\n" for i in range(5))
    parsed = read_question_file(write(tmp_path / "mixed.csv", HEADER + rows
                                      + "q9,single,Broken?,z,x,y,,,\n"))
    assert len(parsed.questions) == 5 and not parsed.ok
    assert [p.line for p in parsed.problems] == [7]


def test_encodings_and_size_limits(tmp_path):
    latin = write(tmp_path / "latin.csv", HEADER + "q1,single,Protéine ?,a,oui,non,,,\n",
                  encoding="cp1252")
    parsed = read_question_file(latin)
    assert parsed.ok and parsed.questions[0].question.stem == "Protéine ?"
    assert any("Windows-1252" in n for n in parsed.notices)
    broken = tmp_path / "broken.csv"
    broken.write_bytes(HEADER.encode() + "q1,single,Protéine,a,x,y,,,\n".encode()
                       + b"q2,single,caf\xe9,a,x,y,,,\n")
    parsed = read_question_file(broken)
    assert not parsed.ok and [p.line for p in parsed.problems] == [3]
    huge = tmp_path / "huge.csv"
    huge.write_text(HEADER + "q,single,Q?,a,x,y,,,\n" * (MAX_FILE_BYTES // 20))
    parsed = read_question_file(huge)
    assert not parsed.ok and "at most 5 MB" in parsed.problems[0].message
    many = write(tmp_path / "many.csv", HEADER + "".join(
        f"q{i},single,Q{i}?,a,x,y,,,\n" for i in range(MAX_QUESTIONS + 3)))
    parsed = read_question_file(many)
    assert parsed.problems[-1].line == MAX_QUESTIONS + 2
    assert f"more than {MAX_QUESTIONS:,} questions" in parsed.problems[-1].message


def test_html_in_cells_is_sanitised_and_plain_less_than_is_kept(tmp_path):
    row = ('q1,single,"Is p < 0.05 <script>alert(1)</script><img src=""http://x/y.png""> '
           'significant?",a,yes,no,,,\n')
    parsed = read_question_file(write(tmp_path / "html.csv", HEADER + row))
    assert parsed.ok, parsed.report()
    stem = parsed.questions[0].question.stem
    assert "<script" not in stem and "<img" not in stem and "http://x" not in stem
    plain = read_question_file(write(tmp_path / "plain.csv",
                                     HEADER + "q1,single,Is p < 0.05?,a,yes,no,,,\n"))
    assert plain.questions[0].question.stem == "Is p < 0.05?"
