"""The content build: tables, search index, metadata, determinism and refusal of bad content."""

from __future__ import annotations

import sqlite3

import pytest

from db.content_build import build_content_db
from db.content_db import ContentDB, ensure_content_db
from db.content_hash import CONTENT_SCHEMA_VERSION, ContentSource, content_hash
from db.errors import ContentError


def build(content, out):
    return build_content_db([ContentSource(content)], out)


def test_vignette_and_excludes_are_stored(content_copy, tmp_path):
    path = content_copy / "questions" / "questions.toml"
    text = path.read_text(encoding="utf-8")
    old = 'terms = ["cereblon"]\n'
    assert old in text
    path.write_text(text.replace(
        old, old + 'vignette = "laboratory"\nexcludes = ["q-mechanism-003"]\n', 1),
        encoding="utf-8")
    db = ContentDB(build(content_copy, tmp_path / "c.sqlite"))
    single = db.question("q-mechanism-001")
    assert single.vignette == "laboratory"
    assert single.excludes == ("q-mechanism-003",)
    other = db.question("q-mechanism-003")
    assert other.vignette == "" and other.excludes == ()


def test_build_writes_every_kind_and_meta(content_copy, tmp_path):
    db = ContentDB(build(content_copy, tmp_path / "c.sqlite"))
    counts = db.counts()
    assert counts["references"] == 3
    assert counts["documents"] == 1
    assert counts["events"] == 3
    assert counts["eras"] == 1
    assert counts["terms"] == 3
    assert counts["questions"] == 5
    assert counts["drugs"] == 2
    assert db.meta["schema_version"] == str(CONTENT_SCHEMA_VERSION)
    assert db.meta["content_as_of"] == "2026-11"
    assert len(db.meta["content_hash"]) == 64
    assert db.meta["built_at"].endswith("Z")


def test_records_round_trip(content_copy, tmp_path):
    db = ContentDB(build(content_copy, tmp_path / "c.sqlite"))
    event = db.event("ikaros-degradation-2014")
    assert event.precision == "month" and event.approximate and event.disputed
    assert event.display_date == "c. Jan 2014"
    assert event.sources == ("kronke-2014-science",)
    cereblon_event = db.event("cereblon-found-2010")
    assert cereblon_event.display_date == "12 Mar 2010"
    assert 2010.19 < cereblon_event.start_year < 2010.2
    tf = db.question("q-mechanism-002")
    assert [o.key for o in tf.options] == ["true", "false"]
    assert [o.correct for o in tf.options] == [False, True]
    single = db.question("q-mechanism-001")
    assert single.answer == ("b",)
    assert [o.misconception for o in single.options] == [True, False, True]
    matching = db.question("q-mechanism-004")
    assert [p.left for p in matching.pairs] == ["IKZF1", "IKZF3", "CRBN"]
    term = db.term("cereblon")
    assert term.short_definition == "The substrate receptor of the CRL4 ubiquitin ligase."
    assert term.abbreviations == ("CRBN",)
    ref = db.reference("kronke-2014-science")
    assert ref.first_author == "Krönke" and ref.short_label == "Krönke et al. 2014"
    assert ref.link_url == "https://doi.org/10.1126/science.1244851"
    drug = db.drugs()[0]
    assert drug.id == "thalidomide" and drug.cells["fda_approval"].date == "1998-07"


def test_backlinks_cover_citations_concerns_and_inline_links(content_copy, tmp_path):
    db = ContentDB(build(content_copy, tmp_path / "c.sqlite"))
    citing = {(link.source_kind, link.source_id) for link in db.links_to("reference",
                                                                         "kronke-2014-science")}
    assert ("event", "ikaros-degradation-2014") in citing
    assert ("question", "q-mechanism-003") in citing
    assert ("document", "note-ito-2010") in citing  # via an inline [..](ref:...) link
    assert ("drug", "lenalidomide") in citing  # via a comparison cell's sources
    about_cereblon = {(link.source_kind, link.source_id) for link in db.links_to("term",
                                                                                "cereblon")}
    assert {("event", "cereblon-found-2010"), ("question", "q-mechanism-001"),
            ("document", "note-ito-2010"), ("term", "ikzf1")} <= about_cereblon


def test_search_index_covers_all_kinds(content_copy, tmp_path):
    db = ContentDB(build(content_copy, tmp_path / "c.sqlite"))
    kinds = {row[0] for row in db.conn.execute("SELECT DISTINCT kind FROM search")}
    assert kinds == {"document", "reference", "event", "term", "question"}
    hits = [r[0] for r in db.conn.execute(
        "SELECT item_id FROM search WHERE search MATCH 'ck1alpha'")]
    assert "ck1-alpha" in hits


def test_build_is_deterministic(content_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(content_copy, tmp_path / "a.sqlite").read_bytes()
    second = build(content_copy, tmp_path / "b.sqlite").read_bytes()
    assert first == second


def test_build_without_fixed_time_differs_only_in_built_at(content_copy, tmp_path):
    def dump(path):
        conn = sqlite3.connect(path)
        lines = [line for line in conn.iterdump() if "built_at" not in line]
        conn.close()
        return lines

    a = build(content_copy, tmp_path / "a.sqlite")
    b = build(content_copy, tmp_path / "b.sqlite")
    assert dump(a) == dump(b)


def test_invalid_content_is_refused_and_existing_db_kept(content_copy, tmp_path):
    out = build(content_copy, tmp_path / "c.sqlite")
    before = out.read_bytes()
    events = content_copy / "timeline" / "events.toml"
    events.write_text(events.read_text("utf-8").replace('lane = "mechanism"', 'lane = "x"', 1),
                      "utf-8")
    with pytest.raises(ContentError) as info:
        build(content_copy, out)
    assert "events.toml" in info.value.report() and "'x' is not one of" in info.value.report()
    assert out.read_bytes() == before
    assert not list(tmp_path.glob(".content-*"))


def test_ensure_rebuilds_only_when_content_changes(content_copy, tmp_path):
    sources = [ContentSource(content_copy)]
    out = tmp_path / "cache" / "content.sqlite"
    _, rebuilt = ensure_content_db(sources, out)
    assert rebuilt
    _, rebuilt = ensure_content_db(sources, out)
    assert not rebuilt
    old_hash = content_hash(sources)
    terms = content_copy / "glossary" / "terms.toml"
    terms.write_text(terms.read_text("utf-8") + "\n# a comment changes the hash\n", "utf-8")
    assert content_hash(sources) != old_hash
    _, rebuilt = ensure_content_db(sources, out)
    assert rebuilt


def test_content_db_is_opened_read_only(content_copy, tmp_path):
    db = ContentDB(build(content_copy, tmp_path / "c.sqlite"))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.conn.execute("DELETE FROM terms")
