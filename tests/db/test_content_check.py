"""check-content reports every problem with file, line and a message an author can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.content_check import check_folder
from db.content_format import parse_partial_date


def problems_for(root: Path) -> list[str]:
    return [str(p) for p in check_folder(root)]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_fixture_content_is_valid(content_copy):
    assert problems_for(content_copy) == []


def test_toml_syntax_error_reports_file_and_line(content_copy):
    path = content_copy / "glossary" / "terms.toml"
    replace_in(path, 'term = "IKZF1"', 'term = "IKZF1')
    problems = problems_for(content_copy)
    line = line_of(path, 'term = "IKZF1')
    assert any(p.startswith(f"{path}:{line}:") and "TOML syntax error" in p
               for p in problems), problems


def test_missing_and_unknown_fields_are_both_reported(content_copy):
    path = content_copy / "timeline" / "events.toml"
    replace_in(path, 'headline = "Cereblon identified as the thalidomide target"\n', "")
    replace_in(path, 'lane = "regulation"', 'lane = "regulation"\nheadlne = "typo"')
    problems = problems_for(content_copy)
    assert any("event 'cereblon-found-2010': missing required field 'headline'" in p
               for p in problems), problems
    typo_line = line_of(path, "headlne")
    assert any(f":{typo_line}: event 'thalomid-enl-1998': unknown field 'headlne'" in p
               for p in problems), problems


def test_duplicate_ids_name_the_first_occurrence(content_copy):
    path = content_copy / "glossary" / "terms.toml"
    replace_in(path, 'id = "ck1-alpha"', 'id = "cereblon"')
    problems = problems_for(content_copy)
    first_line = line_of(path, 'id = "cereblon"')
    assert any("duplicate id: already used at" in p and f"terms.toml:{first_line}" in p
               for p in problems), problems


def test_dangling_source_term_event_and_see_also(content_copy):
    events = content_copy / "timeline" / "events.toml"
    replace_in(events, 'sources = ["fda-thalomid-1998"]', 'sources = ["no-such-paper"]')
    terms = content_copy / "glossary" / "terms.toml"
    replace_in(terms, 'see_also = ["ikzf1"]', 'see_also = ["ikzf99"]')
    questions = content_copy / "questions" / "questions.toml"
    replace_in(questions, 'events = ["thalomid-enl-1998", "cereblon-found-2010"]',
               'events = ["thalomid-enl-1999"]')
    problems = "\n".join(problems_for(content_copy))
    assert f"events.toml:{line_of(events, 'no-such-paper')}: event 'thalomid-enl-1998': " \
           "field 'sources': no reference with id 'no-such-paper'" in problems
    assert "field 'see_also': no term with id 'ikzf99'" in problems
    assert "field 'events': no event with id 'thalomid-enl-1999'" in problems


@pytest.mark.parametrize("bad_date, message", [
    ("2014-02-30", "has day 30, but that month has 28 days"),
    ("2014-13", "has month 13, which does not exist"),
    ("14 March 2014", "is not a date"),
    ("2031-01", "is after the content date 2026-11"),
])
def test_impossible_dates(content_copy, bad_date, message):
    path = content_copy / "timeline" / "events.toml"
    replace_in(path, 'date = "2014-01"', f'date = "{bad_date}"')
    problems = problems_for(content_copy)
    line = line_of(path, f'date = "{bad_date}"')
    assert any(f"events.toml:{line}:" in p and message in p for p in problems), problems


def test_end_date_before_start(content_copy):
    path = content_copy / "timeline" / "events.toml"
    replace_in(path, 'date = "1998-07"', 'date = "1998-07"\nend_date = "1990"')
    assert any("field 'end_date': 1990 is before date 1998-07" in p
               for p in problems_for(content_copy))


def test_answer_not_among_options(content_copy):
    path = content_copy / "questions" / "questions.toml"
    replace_in(path, 'answer = "b"', 'answer = "e"')
    replace_in(path, 'answer = ["a", "b"]', 'answer = ["a", "z"]')
    problems = "\n".join(problems_for(content_copy))
    line = line_of(path, 'answer = "e"')
    assert f"questions.toml:{line}: question 'q-mechanism-001': " \
           "answer 'e' is not among the option keys ['a', 'b', 'c']" in problems
    assert "answer keys ['z'] are not among the option keys" in problems


def test_ordering_answer_must_be_a_permutation(content_copy):
    path = content_copy / "questions" / "questions.toml"
    replace_in(path, 'answer = ["a", "b", "c"]', 'answer = ["a", "b"]')
    assert any("must list every option key once" in p for p in problems_for(content_copy))


def test_disputed_event_needs_a_note(content_copy):
    path = content_copy / "timeline" / "events.toml"
    replace_in(path, 'dispute_note = "The two papers appeared online weeks apart; which came '
               'first depends on the date used."\n', "")
    assert any("a disputed event needs a 'dispute_note'" in p for p in problems_for(content_copy))


def test_dangling_internal_link_in_markdown_reports_its_line(content_copy):
    path = content_copy / "documents" / "note-ito.md"
    replace_in(path, "(term:cereblon)", "(term:cerebellum)")
    line = line_of(path, "term:cerebellum")
    problems = problems_for(content_copy)
    assert any(f"note-ito.md:{line}:" in p and "link term:cerebellum" in p for p in problems), \
        problems


def test_wrong_types_and_enums(content_copy):
    path = content_copy / "glossary" / "terms.toml"
    replace_in(path, 'category = "immunology"', 'category = "immunity"')
    replace_in(path, 'abbreviations = ["CRBN"]', 'abbreviations = "CRBN"')
    problems = "\n".join(problems_for(content_copy))
    assert "field 'category': 'immunity' is not one of:" in problems
    assert "field 'abbreviations': expected a list of non-empty strings" in problems


def test_not_utf8_is_reported_not_raised(content_copy):
    path = content_copy / "glossary" / "broken.toml"
    path.write_bytes(b'[[term]]\nid = "x"\nterm = "caf\xe9"\n')
    problems = problems_for(content_copy)
    assert any("broken.toml:3:" in p and "not valid UTF-8" in p for p in problems), problems


def test_unknown_section_and_misplaced_front_matter(content_copy):
    (content_copy / "glossary" / "odd.toml").write_text('[[terms]]\nid = "x"\n', "utf-8")
    (content_copy / "documents" / "no-front.md").write_text("# Just text\n", "utf-8")
    problems = "\n".join(problems_for(content_copy))
    assert "odd.toml:1: unknown section 'terms'" in problems
    assert "no-front.md:1: a document must start with TOML front matter" in problems


def test_all_problems_reported_in_one_run(content_copy):
    events = content_copy / "timeline" / "events.toml"
    replace_in(events, 'lane = "mechanism"', 'lane = "biology"')
    terms = content_copy / "glossary" / "terms.toml"
    replace_in(terms, 'sources = ["ito-2010-science"]', 'sources = []')
    problems = problems_for(content_copy)
    assert len(problems) >= 2
    assert any("'biology' is not one of" in p for p in problems)
    assert any("field 'sources': must not be empty" in p for p in problems)


def test_partial_dates_keep_their_precision():
    assert parse_partial_date("1961").precision == "year"
    assert parse_partial_date("1961-11").precision == "month"
    assert parse_partial_date("1961-11-18").precision == "day"
    assert parse_partial_date("2024-02-29").day == 29
    with pytest.raises(ValueError, match="has day 29"):
        parse_partial_date("2023-02-29")


def test_excludes_must_name_other_existing_questions(content_copy):
    path = content_copy / "questions" / "questions.toml"
    replace_in(path, 'terms = ["cereblon"]\n',
               'terms = ["cereblon"]\nexcludes = ["q-mechanism-001", "q-mechanism-999"]\n')
    problems = problems_for(content_copy)
    line = line_of(path, "excludes = ")
    assert f"{path}:{line}: question 'q-mechanism-001': field 'excludes': a question cannot " \
           "exclude itself" in problems, problems
    assert f"{path}:{line}: question 'q-mechanism-001': field 'excludes': no question with " \
           "id 'q-mechanism-999'" in problems, problems


def test_vignette_kind_is_checked(content_copy):
    path = content_copy / "questions" / "questions.toml"
    replace_in(path, 'terms = ["cereblon"]\n', 'terms = ["cereblon"]\nvignette = "patient"\n')
    problems = problems_for(content_copy)
    line = line_of(path, 'vignette = "patient"')
    assert f"{path}:{line}: question 'q-mechanism-001': field 'vignette': 'patient' is not one " \
           "of: clinical, laboratory, trial" in problems, problems
