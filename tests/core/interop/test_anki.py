"""Anki decks: a valid package whose notes match the export, with ids stable across exports."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from desktop.core.atlas import Atlas
from desktop.core.interop import anki
from desktop.core.interop.common import InteropError, export_order
from desktop.core.interop.quiz_export import export_quiz


def open_collection(apkg: Path, tmp_path: Path) -> sqlite3.Connection:
    """The SQLite collection inside an .apkg (a zip), opened read-only."""
    assert zipfile.is_zipfile(apkg)
    with zipfile.ZipFile(apkg) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        assert json.loads(z.read("media")) == {}
        target = tmp_path / f"{apkg.stem}.anki2"
        target.write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return conn


def notes(conn) -> dict[str, dict]:
    """guid -> {id, mid, fields, tags} for every note."""
    return {guid: {"id": nid, "mid": mid, "fields": flds.split("\x1f"), "tags": tags.split()}
            for nid, guid, mid, flds, tags in conn.execute(
                "SELECT id, guid, mid, flds, tags FROM notes")}


def test_the_package_holds_exactly_the_exported_notes(atlas, tmp_path):
    out = tmp_path / "deck.apkg"
    summary = export_quiz(atlas, out, "apkg", {})
    questions, terms = atlas.content.questions(), atlas.content.terms()
    recall = atlas.content.recall_items()
    recall_notes = {q.note for q in recall}
    assert summary.startswith(f"Wrote {len(questions)} question(s), {len(recall_notes)} cloze "
                              f"and typed-answer note(s) and {len(terms)} glossary")
    conn = open_collection(out, tmp_path)
    found = notes(conn)
    assert len(found) == len(questions) + len(recall_notes) + len(terms)
    for q in questions:
        note = found[anki.note_guid("question", q.id)]
        assert note["fields"] == anki.question_fields(q, atlas.content)
        assert note["fields"][0] == q.id
        assert f"imid-atlas::topic::{q.topic}" in note["tags"]
        assert f"imid-atlas::type::{q.type}" in note["tags"]
    for t in terms:
        note = found[anki.note_guid("term", t.id)]
        assert note["fields"][:2] == [t.id, t.term]
        assert "imid-atlas::glossary" in note["tags"]
    cards = conn.execute("SELECT count(*), count(DISTINCT nid) FROM cards").fetchone()
    assert cards == (len(questions) + len(recall) + len(terms), len(found))  # a card per gap
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    names = {m["name"]: int(mid) for mid, m in models.items()}
    assert set(names) == {anki.QUESTION_MODEL_NAME, anki.TERM_MODEL_NAME,
                          anki.CLOZE_MODEL_NAME, anki.TYPED_MODEL_NAME}
    assert [f["name"] for f in models[str(names[anki.QUESTION_MODEL_NAME])]["flds"]] \
        == list(anki.QUESTION_FIELDS)
    decks = {d["name"] for d in json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
             .values()}
    assert {"IMiD Atlas::Questions::Mechanism", "IMiD Atlas::Questions::History",
            "IMiD Atlas::Glossary"} <= decks


def test_explanations_answers_and_sources_are_in_their_fields(atlas):
    q = atlas.content.question("q-mechanism-001")
    fields = dict(zip(anki.QUESTION_FIELDS, anki.question_fields(q, atlas.content), strict=True))
    assert "Cereblon" in fields["Answer"] and "DDB1" not in fields["Answer"]
    shown = [o.text for o in export_order(q).options]
    assert f"{'ABC'[shown.index('Cereblon')]}. Cereblon" in fields["Choices"]
    assert "substrate receptor" in fields["Explanation"]
    assert "Science" in fields["Sources"] and "doi:10.1126/science.1177319" in fields["Sources"]
    ordering = atlas.content.question("q-history-001")
    fields = dict(zip(anki.QUESTION_FIELDS, anki.question_fields(ordering, atlas.content),
                      strict=True))
    assert fields["Answer"].startswith("<ol>") and "Put these in order." in fields["Question"]


def test_a_second_export_of_changed_content_keeps_every_id(content_copy, tmp_path):
    first_atlas = Atlas.open(tmp_path / "data1", content_dir=content_copy)
    first = tmp_path / "first.apkg"
    export_quiz(first_atlas, first, "apkg", {})
    first_atlas.close()
    questions = content_copy / "questions" / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    text = text.replace('stem = "Which protein do the IMiDs bind directly?"',
                        'stem = "Which protein do the IMiDs bind directly (updated)?"')
    text += '''
[[question]]
id = "q-mechanism-009"
type = "true_false"
topic = "mechanism"
difficulty = "recall"
stem = "Pomalidomide binds cereblon."
answer = true
rationale_true = "Yes."
rationale_false = "It does."
explanation = "All three IMiDs bind cereblon."
objective = "Recall that pomalidomide binds cereblon."
sources = ["ito-2010-science"]
'''
    questions.write_text(text, encoding="utf-8")
    second_atlas = Atlas.open(tmp_path / "data2", content_dir=content_copy)
    second = tmp_path / "second.apkg"
    export_quiz(second_atlas, second, "apkg", {})
    second_atlas.close()
    before = notes(open_collection(first, tmp_path))
    after = notes(open_collection(second, tmp_path))
    assert set(before) < set(after)
    assert len(after) == len(before) + 1
    for guid, note in before.items():
        assert after[guid]["id"] == note["id"]
        assert after[guid]["mid"] == note["mid"]
    changed = after[anki.note_guid("question", "q-mechanism-001")]
    assert "(updated)" in changed["fields"][1]
    cards = {}
    for path in (first, second):
        conn = open_collection(path, tmp_path)
        cards[path] = dict(conn.execute("SELECT nid, id FROM cards"))
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        cards[path, "decks"] = {d["name"]: d["id"] for d in decks.values()}
    assert all(cards[second][nid] == cid for nid, cid in cards[first].items())
    assert cards[second, "decks"] == cards[first, "decks"]


def test_filters_by_topic_and_type(atlas, tmp_path):
    out = tmp_path / "history.apkg"
    summary = export_quiz(atlas, out, "apkg", {"topics": ["history"], "types": None})
    found = notes(open_collection(out, tmp_path))
    assert summary.startswith("Wrote 1 question(s), 1 cloze and typed-answer note(s) and 0 "
                              "glossary card(s)")
    assert set(found) == {anki.note_guid("question", "q-history-001"),
                          anki.note_guid("cloze", "cz-history-001")}
    export_quiz(atlas, out, "apkg", {"topics": ["mechanism"], "types": ["single", "glossary"]})
    found = notes(open_collection(out, tmp_path))
    assert anki.note_guid("question", "q-mechanism-001") in found
    assert anki.note_guid("term", "cereblon") in found  # used by the chosen question
    assert anki.note_guid("term", "ck1-alpha") not in found
    assert len(found) == 2
    export_quiz(atlas, out, "apkg", {"types": ["glossary"]})
    assert len(notes(open_collection(out, tmp_path))) == len(atlas.content.terms())
    with pytest.raises(InteropError, match="unknown topic 'pharmacy'"):
        export_quiz(atlas, out, "apkg", {"topics": ["pharmacy"]})
    with pytest.raises(InteropError, match="unknown question type 'essay'"):
        export_quiz(atlas, out, "gift", {"types": ["essay"]})
    with pytest.raises(InteropError, match="nothing to export"):
        export_quiz(atlas, out, "gift", {"topics": ["safety"]})


def test_a_failed_export_leaves_no_half_file(atlas, tmp_path, monkeypatch):
    out = tmp_path / "exports" / "deck.apkg"

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("genanki.Package.write_to_file", boom)
    with pytest.raises(OSError):
        export_quiz(atlas, out, "apkg", {})
    assert list(out.parent.iterdir()) == []  # neither the deck nor its temporary file


def test_ids_are_deterministic_and_in_anki_ranges():
    assert anki.stable_id("a", "b") == anki.stable_id("a", "b") != anki.stable_id("a", "c")
    assert (1 << 30) <= anki.stable_id("x") < (1 << 31)
    guid = anki.note_guid("question", "q-history-001")
    assert guid == anki.note_guid("question", "q-history-001")
    assert guid != anki.note_guid("term", "q-history-001")
    assert 1_500_000_000_000 <= anki.note_id(guid) < 2**53


def test_cloze_items_are_anki_cloze_notes_and_typed_items_type_cards(atlas, tmp_path):
    out = tmp_path / "recall.apkg"
    summary = export_quiz(atlas, out, "apkg", {"types": ["cloze", "typed"]})
    assert summary.startswith("Wrote 0 question(s), 4 cloze and typed-answer note(s)")
    conn = open_collection(out, tmp_path)
    found = notes(conn)
    models = {int(mid): m for mid, m in json.loads(
        conn.execute("SELECT models FROM col").fetchone()[0]).items()}
    cloze = found[anki.note_guid("cloze", "cz-mechanism-001")]
    model = models[cloze["mid"]]
    assert model["type"] == 1  # Anki's cloze note type
    assert "{{cloze:Text}}" in model["tmpls"][0]["qfmt"]
    assert "{{type:cloze:Text}}" in model["tmpls"][0]["qfmt"]
    assert cloze["fields"][0] == ("Thalidomide binds {{c1::cereblon::a protein}}, the substrate "
                                  "receptor of the {{c2::CRL4}} ligase.")
    ords = sorted(r[0] for r in conn.execute("SELECT ord FROM cards WHERE nid = ?",
                                              (cloze["id"],)))
    assert ords == [0, 1]  # one card per gap number, as in the app
    both = found[anki.note_guid("cloze", "cz-mechanism-002")]
    assert both["fields"][0].count("{{c1::") == 2
    typed = found[anki.note_guid("typed", "ty-mechanism-001")]
    assert "{{type:Answer}}" in models[typed["mid"]]["tmpls"][0]["qfmt"]
    assert typed["fields"][2] == "CK1α" and typed["fields"][3] == "casein kinase 1 alpha"
