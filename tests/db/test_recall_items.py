"""Cloze and typed records: gap syntax, the checker's messages, and the cards the build makes."""

from __future__ import annotations

from pathlib import Path

from db.content_build import build_content_db
from db.content_check import check_folder
from db.content_db import ContentDB
from db.content_hash import ContentSource
from db.recall_items import card_stem, cloze_problems, full_text, parse_gaps

RECALL = Path("recall") / "recall.toml"


def test_gaps_are_read_with_alternatives_and_hints():
    text = "A binds {{c1::cereblon|CRBN::a protein}} in {{c2::CRL4}} and {{c1::DDB1}}."
    gaps = parse_gaps(text)
    assert [(g.card, g.answers, g.hint) for g in gaps] == [
        (1, ("cereblon", "CRBN"), "a protein"), (2, ("CRL4",), ""), (1, ("DDB1",), "")]
    stem, asked = card_stem(text, 1)
    assert stem == "A binds {{1}} in CRL4 and {{2}}."
    assert [g.answers[0] for g in asked] == ["cereblon", "DDB1"]
    assert card_stem(text, 2)[0] == "A binds cereblon in {{1}} and DDB1."
    assert full_text(text) == "A binds cereblon in CRL4 and DDB1."


def test_bad_gaps_are_named():
    assert cloze_problems("no gap here") == [
        "a cloze text needs at least one gap written {{c1::answer}}"]
    assert any("without holes" in p for p in cloze_problems("{{c1::a}} and {{c3::b}}"))
    assert any("braces" in p for p in cloze_problems("{{c1::a}} and {{c2:b}}"))
    assert any("empty answer" in p for p in cloze_problems("{{c1::a|}}"))


def test_checker_reports_cloze_and_typed_problems_with_lines(content_copy):
    path = content_copy / RECALL
    text = path.read_text(encoding="utf-8")
    text = text.replace("{{c1::1998}}", "{{c2::1998}}")
    text = text.replace('answers = ["CK1α", "casein kinase 1 alpha"]',
                        'answers = ["CK1α", "ck1α"]\nthreshold = 30\ntolerance = 1')
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check_folder(content_copy)]
    assert any("recall.toml:" in p and "cz-history-001" in p and "c1, c2" in p
               and "c2" in p for p in problems), problems
    assert any("two accepted answers are the same" in p for p in problems), problems
    assert any("between 50 and 100" in p for p in problems), problems
    assert any("'tolerance' applies only when every answer is a number" in p
               for p in problems), problems


def test_build_makes_one_card_per_gap_number(content_copy, tmp_path):
    db = ContentDB(build_content_db([ContentSource(content_copy)], tmp_path / "c.sqlite"))
    ids = [q.id for q in db.recall_items()]
    assert ids == ["cz-history-001-c1", "cz-mechanism-001-c1", "cz-mechanism-001-c2",
                   "cz-mechanism-002-c1", "ty-mechanism-001"]
    first = db.recall_item("cz-mechanism-001-c1")
    assert first.type == "cloze" and first.note == "cz-mechanism-001"
    assert first.stem == "Thalidomide binds {{1}}, the substrate receptor of the CRL4 ligase."
    assert first.blanks[0].answers == ("cereblon", "CRBN")
    assert first.blanks[0].hint == "a protein"
    assert first.cloze.startswith("Thalidomide binds {{c1::cereblon|CRBN::a protein}}")
    both = db.recall_item("cz-mechanism-002-c1")
    assert [b.answers[0] for b in both.blanks] == ["Ikaros", "Aiolos"]
    year = db.recall_item("cz-history-001-c1")
    assert year.blanks[0].numeric and year.blanks[0].tolerance == 0
    typed = db.recall_item("ty-mechanism-001")
    assert typed.type == "typed" and typed.answer == ("CK1α",)
    assert typed.explanation == "Lenalidomide makes cereblon degrade CK1α."
    # bank questions are untouched: recall items live in their own table
    assert all(q.type not in ("cloze", "typed") for q in db.questions())
    assert db.counts()["recall_items"] == 5


def test_bundled_recall_items_cover_every_topic(bundled_atlas):
    from db.content_format import TOPICS
    from db.content_loader import load_content

    loaded = load_content(Path(__file__).resolve().parents[2] / "resources" / "content")
    clozes = loaded.of_kind("cloze")
    assert len(clozes) >= 120
    by_topic = {t: sum(1 for r in clozes if r.data["topic"] == t) for t in TOPICS}
    assert all(n >= 15 for n in by_topic.values()), by_topic
    assert all(r.data["sources"] for r in clozes)
    items = bundled_atlas.content.recall_items()
    assert {q.topic for q in items} == set(TOPICS)
    assert any(len(q.blanks) > 1 for q in items)  # several gaps on one card
    assert any(q.id.endswith("-c2") for q in items)  # and one card per gap number
