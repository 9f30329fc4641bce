"""GIFT: escaping, lossless round trips, teachers' files, and every kind of broken file."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.records import Option, Question
from desktop.core.interop import gift
from desktop.core.interop.question_file import MAX_FILE_BYTES, MAX_QUESTIONS, ParsedFile
from desktop.core.interop.question_import import claims_question_file, read_question_file
from tests.core.interop.helpers import by_id, differences, write


def export_and_read(tmp_path, questions, name="bank.gift"):
    text, notes = gift.dumps(questions)
    path = write(tmp_path / name, text)
    return read_question_file(path), text, notes


def test_escape_covers_every_special_character():
    assert gift.escape("a~b=c#d{e}f:g") == r"a\~b\=c\#d\{e\}f\:g"
    assert gift.escape("back\\slash") == r"back\\slash"
    assert gift.escape("two\nlines\r\nthree") == r"two\nlines\nthree"
    assert gift.unmask(gift._mask(gift.escape("x~=#{}:\\\ny"))) == "x~=#{}:\\\ny"


def test_round_trip_of_every_question_type(atlas, tmp_path):
    originals = atlas.content.questions()
    assert {q.type for q in originals} == {"single", "multi", "true_false", "ordering",
                                           "matching"}
    parsed, text, notes = export_and_read(tmp_path, originals)
    assert parsed.ok, parsed.report()
    assert "$CATEGORY: $course$/top/IMiD Atlas/Mechanism" in text
    assert any("ordering" in n for n in notes)
    got = by_id(pq.question for pq in parsed.questions)
    assert set(got) == {q.id for q in originals}
    for q in originals:
        assert got[q.id] == q, differences(got[q.id], q)


def test_round_trip_of_the_whole_bundled_bank(bundled_atlas, tmp_path):
    originals = bundled_atlas.content.questions()
    parsed, _, _ = export_and_read(tmp_path, originals)
    assert parsed.ok, parsed.report()[:2000]
    got = by_id(pq.question for pq in parsed.questions)
    assert len(got) == len(originals) >= 300
    mismatched = [q.id for q in originals if got[q.id] != q]
    assert mismatched == []


def test_plain_gift_without_our_comments_keeps_what_gift_carries(atlas, tmp_path):
    """What Moodle (which ignores comments) sees: text, choices, feedback, answers."""
    text, _ = gift.dumps(atlas.content.questions())
    plain = "\n".join(line for line in text.split("\n") if not line.startswith(gift.META))
    parsed = read_question_file(write(tmp_path / "plain.gift", plain))
    assert parsed.ok, parsed.report()
    got = by_id(pq.question for pq in parsed.questions)
    single = got["q-mechanism-001"]  # choices in the written (shuffled) order
    assert single.type == "single"
    assert sorted(o.text for o in single.options) == ["Cereblon", "DDB1", "The 26S proteasome"]
    assert [o.text for o in single.options if o.correct] == ["Cereblon"]
    ddb1 = next(o for o in single.options if o.text == "DDB1")
    assert ddb1.rationale.startswith("DDB1 is the adaptor")
    assert single.explanation.startswith("Cereblon is the substrate receptor")
    assert single.topic == "mechanism"  # from the $CATEGORY line
    multi = got["q-mechanism-003"]
    original = atlas.content.question("q-mechanism-003")
    assert multi.type == "multi"
    assert sorted(o.text for o in multi.options if o.correct) \
        == sorted(o.text for o in original.options if o.correct)
    tf = got["q-mechanism-002"]
    assert tf.answer == ("false",)
    assert tf.options[1].rationale.startswith("Right: it redirects")
    assert got["q-history-001"].type == "matching"  # ordering travels as position -> item
    assert [p.left for p in got["q-history-001"].pairs] == ["1st", "2nd", "3rd"]


TEXT = st.text(alphabet=string.ascii_letters + " ~=#{}:\\\n-é()", min_size=1, max_size=40) \
    .map(str.strip).filter(lambda t: t and not t.startswith(("%", "[")) and "->" not in t)


@settings(max_examples=60, deadline=None)
@given(stem=TEXT, texts=st.lists(TEXT, min_size=3, max_size=5, unique_by=str.lower),
       feedback=TEXT, explanation=TEXT)
def test_any_text_survives_escaping(stem, texts, feedback, explanation):
    options = tuple(Option(chr(97 + i), t, feedback, correct=i == 1) for i, t in enumerate(texts))
    question = Question(id="q-x", type="single", topic="mechanism", difficulty="recall",
                        stem=stem, explanation=explanation, objective="o", options=options,
                        answer=("b",))
    parsed = ParsedFile(Path("x.gift"), "gift")
    gift.parse(gift.write_question(question, []), parsed)
    assert parsed.problems == []
    assert parsed.questions[0].question == question


TEACHER_FILE = """\
// A teacher's file, written by hand for Moodle.
$CATEGORY: $course$/top/Pharmacology basics

::Target::Which protein do the IMiDs bind? {
  =Cereblon#Yes.
  ~DDB1#No, that is the adaptor.
  ~CUL4A
}

::Colon test:: Ratio 1\\:2 and a \\{brace\\} {~wrong ~%50%right one ~%50%right two ~%-100%bad}

Thalidomide was first sold in {~Britain =West Germany ~the USA} in 1957.

::TF:: Lenalidomide is a proteasome inhibitor.{FALSE#It is an IMiD.#Correct, it is not.\
####IMiDs act on cereblon.}

::Match:: Match the drug to its brand. {
  =Thalidomide -> Contergan
  =Lenalidomide -> Revlimid
  =Pomalidomide -> Pomalyst
}

$CATEGORY: $course$/top/IMiD Atlas/Safety

::Order::[html]Order these <b>events</b>.{>3 ALL VERTICAL ABSOLUTE_POSITION SHOW
US approval for ENL
Cereblon identified
Ikaros degradation shown
}
"""


def test_a_teachers_file_reads_as_moodle_would(tmp_path):
    parsed = read_question_file(write(tmp_path / "teacher.txt", TEACHER_FILE))
    assert parsed.ok, parsed.report()
    qs = [pq.question for pq in parsed.questions]
    assert [q.type for q in qs] == ["single", "multi", "single", "true_false", "matching",
                                    "ordering"]
    target, colon, missing, tf, match, order = qs
    assert target.id == "Target" and target.topic == "pharmacology-basics"
    assert [o.text for o in target.options] == ["Cereblon", "DDB1", "CUL4A"]
    assert target.options[0].correct and target.options[1].rationale == "No, that is the adaptor."
    assert colon.stem == "Ratio 1:2 and a {brace}"
    assert [o.correct for o in colon.options] == [False, True, True, False]
    assert missing.stem == "Thalidomide was first sold in _____ in 1957."
    assert missing.answer == ("b",) and missing.id == "q3"
    assert tf.answer == ("false",) and tf.explanation == "IMiDs act on cereblon."
    assert tf.options[0].rationale == "It is an IMiD."  # shown to someone answering True
    assert tf.options[1].rationale == "Correct, it is not."
    assert [(p.left, p.right) for p in match.pairs][1] == ("Lenalidomide", "Revlimid")
    assert order.topic == "safety" and order.answer == ("a", "b", "c")
    assert order.stem == "Order these <b>events</b>."
    assert [pq.line for pq in parsed.questions] == [4, 10, 12, 14, 16, 24]
    assert claims_question_file(tmp_path / "teacher.txt")


@pytest.mark.parametrize(("text", "line", "needle"), [
    ("::a:: Q one {=x ~y}\n\n::b:: Q two {\n=x\n~y\n", 3, "never closed"),
    ("::a:: Q one } {=x ~y}\n", 1, "'}' without an opening '{'"),
    ("Q {=x ~y} and {=z ~w}\n", 1, "a second '{'"),
    ("::a:: Fine {=x ~y}\n\n::b::\nQ {\n=x\n\n~y\n}\n", 4, "never closed"),
    ("::a:: Q {~x ~y ~z}\n", 1, "missing answer"),
    ("::a:: Q {=x =y ~z}\n", 1, "2 choices are marked right"),
    ("::a:: Q {}\n", 1, "essay"),
    ("::a:: Q {#about 1822}\n", 1, "cannot read the number"),
    ("::a:: Q {=%50%half}\n", 1, "no answer has full credit"),
    ("::a Q {=x ~y}\n", 1, "not closed with '::'"),
    ("Just a sentence without answers.\n", 1, "no answer block"),
    ("::a:: Q {=x ~}\n", 1, "choice 2 is empty"),
    ("::a:: Match {=a -> 1 =b 2}\n", 1, "has no '->'"),
    ("::a:: Q {=x ~%abc% y}\n", 1, "should look like %50%"),
], ids=["unclosed", "stray-close", "two-blocks", "blank-line-inside", "no-right-choice",
        "two-equals", "essay", "numerical", "short-answer", "unclosed-name", "no-answers",
        "empty-choice", "matching-arrow", "bad-weight"])
def test_malformed_gift_is_reported_by_line(tmp_path, text, line, needle):
    parsed = read_question_file(write(tmp_path / "bad.gift", "// header\n\n" + text))
    assert not parsed.ok
    hits = [p for p in parsed.problems if needle in p.message]
    assert hits, parsed.report()
    assert hits[0].line == line + 2
    assert str(hits[0]).startswith(f"bad.gift:{line + 2}: question")


def test_every_problem_is_reported_in_one_pass(tmp_path):
    text = "::a:: Q {~x ~y}\n\n::b:: Fine {=x ~y}\n\n::c:: Q {}\n\n::d:: Q } oops\n"
    parsed = read_question_file(write(tmp_path / "bad.gift", text))
    assert [p.line for p in parsed.problems] == [1, 5, 7]
    assert len(parsed.questions) == 1 and not parsed.ok


def test_windows_1252_files_are_read_with_a_notice(tmp_path):
    path = write(tmp_path / "latin.gift", "::a:: Qu'est-ce que la thalidomide ? "
                 "{=Un médicament ~Une protéine}\n", encoding="cp1252")
    parsed = read_question_file(path)
    assert parsed.ok and parsed.encoding == "cp1252"
    assert parsed.questions[0].question.options[0].text == "Un médicament"
    assert "Windows-1252" in parsed.notices[0] and parsed.notices[0].startswith("line 1")


def test_undecodable_and_damaged_files_give_line_numbers(tmp_path):
    undecodable = tmp_path / "bad.gift"
    undecodable.write_bytes(b"::a:: Q {=x ~y}\n\n::b:: Q {=\x81\x8d ~y}\n")
    parsed = read_question_file(undecodable)
    assert not parsed.ok and parsed.problems[0].line == 3
    assert "neither UTF-8 nor Windows-1252" in parsed.problems[0].message
    damaged = tmp_path / "damaged.gift"
    damaged.write_bytes("::a:: Protéine {=x ~y}\n\n".encode() + b"::b:: Q {=caf\xe9 ~y}\n")
    parsed = read_question_file(damaged)
    assert not parsed.ok and [p.line for p in parsed.problems] == [3]
    assert "not valid UTF-8" in parsed.problems[0].message
    binary = tmp_path / "binary.gift"
    binary.write_bytes(b"::a:: Q {=x ~y}\n\x00\x01\x02PK\x03\x04")
    parsed = read_question_file(binary)
    assert not parsed.ok and parsed.problems[0].line == 2
    assert "control character" in parsed.problems[0].message


def test_utf16_with_a_bom_is_read(tmp_path):
    path = write(tmp_path / "u16.gift", "\ufeff::a:: Q ≥ 2? {=x ~y}\n", encoding="utf-16-le")
    parsed = read_question_file(path)
    assert parsed.ok and parsed.questions[0].question.stem == "Q ≥ 2?"


def test_huge_files_are_refused_before_reading(tmp_path):
    path = tmp_path / "huge.gift"
    block = "::a:: Q {=x ~y}\n\n"
    path.write_text(block * (MAX_FILE_BYTES // len(block) + 10))
    parsed = read_question_file(path)
    assert not parsed.ok and not parsed.questions
    assert "at most 5 MB" in parsed.problems[0].message


def test_too_many_questions_are_refused_at_the_line_that_passes_the_limit(tmp_path):
    path = write(tmp_path / "many.gift", "".join(f"::q{i}:: Q {{=x ~y}}\n\n"
                                                   for i in range(MAX_QUESTIONS + 5)))
    parsed = read_question_file(path)
    assert not parsed.ok
    assert parsed.problems[-1].line == MAX_QUESTIONS * 2 + 1
    assert f"more than {MAX_QUESTIONS:,} questions" in parsed.problems[-1].message


def test_which_text_files_are_question_files(tmp_path):
    prose = write(tmp_path / "notes.txt", "Cereblon {see chapter 2} is a protein.\n\n"
                  "It binds thalidomide.\n\nMore prose here.\n")
    assert not claims_question_file(prose)
    assert claims_question_file(write(tmp_path / "quiz.gift", "anything"))
    assert claims_question_file(write(tmp_path / "quiz.csv", "type,stem\n"))
    assert not claims_question_file(write(tmp_path / "paper.pdf", "%PDF-1.4"))
    assert claims_question_file(write(tmp_path / "moodle.txt", "::a:: Q {=x ~y}\n"))


def test_short_answer_missing_word_and_numbers_become_typed_and_cloze_items(tmp_path):
    from desktop.core.quiz.scoring import score_response

    text = ("::kelsey::Who kept thalidomide off the US market?"
            "{=Frances Kelsey =Kelsey =%50%the FDA####She asked for more data.}\n\n"
            "::bind::Thalidomide binds {=cereblon =CRBN} in the CRL4 ligase.\n\n"
            "::year::In which year was Thalomid approved?{#1998}\n\n"
            "::range::What share responded?{#39..43}\n\n"
            "::tol::How many patients?{#1623:25}\n")
    parsed = read_question_file(write(tmp_path / "recall.gift", text))
    assert parsed.ok, parsed.problems
    kelsey, bind, year, share, count = (pq.question for pq in parsed.questions)
    assert kelsey.type == "typed" and kelsey.blanks[0].answers == ("Frances Kelsey", "Kelsey")
    assert kelsey.explanation == "She asked for more data."
    assert any("partial credit" in n for n in parsed.notices)
    assert score_response(kelsey, ["frances kelsy"]).correct
    assert bind.type == "cloze" and bind.stem == "Thalidomide binds {{1}} in the CRL4 ligase."
    assert score_response(bind, ["crbn"]).correct
    assert year.blanks[0].tolerance == 0 and score_response(year, ["1998"]).correct
    assert not score_response(year, ["1997"]).correct
    assert share.blanks[0].answers == ("41",) and share.blanks[0].tolerance == 2
    assert score_response(count, ["1,600"]).correct
    # written back as GIFT and read again: the same items
    out, _notes = gift.dumps([kelsey, bind, year, share, count])
    again = read_question_file(write(tmp_path / "again.gift", out))
    assert [(q.question.type, q.question.stem, q.question.blanks, q.question.explanation)
            for q in again.questions] == [(q.type, q.stem, q.blanks, q.explanation)
                                          for q in (kelsey, bind, year, share, count)]
