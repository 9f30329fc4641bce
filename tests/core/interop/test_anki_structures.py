"""Structure drawings in Anki decks: the deck carries the SVG files its cards show, read back
from the .apkg (a zip holding Anki's SQLite collection and the media files)."""

from __future__ import annotations

import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile

from desktop.core.chemistry.drawings import media_name
from desktop.core.interop import anki
from desktop.core.quiz.generate import question_for_id
from desktop.core.quiz.structure_questions import PREFIX
from desktop.core.quiz.structure_questions import question_for_id as structure_question

SVG = "{http://www.w3.org/2000/svg}"


def read_deck(apkg, tmp_path):
    with zipfile.ZipFile(apkg) as z:
        media = json.loads(z.read("media"))
        files = {name: z.read(number).decode("utf-8") for number, name in media.items()}
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(f"file:{tmp_path / 'c.anki2'}?mode=ro", uri=True)
    fields = {guid: flds.split("\x1f") for guid, flds in conn.execute(
        "SELECT guid, flds FROM notes")}
    conn.close()
    return files, fields


def test_drug_answers_terms_and_structure_questions_carry_their_drawings(bundled_atlas,
                                                                         tmp_path):
    content = bundled_atlas.content
    code_question = question_for_id(content, "gen-drug-code:lenalidomide:iberdomide,"
                                             "mezigdomide,thalidomide")
    assert code_question is not None
    which = structure_question(
        content, f"{PREFIX}which:pomalidomide:cc-885+pomalidomide+thalidomide+iberdomide")
    term = content.term("isoindolinone")
    out = anki.write_apkg(tmp_path / "deck.apkg", [code_question, which], [term], content)
    files, fields = read_deck(out, tmp_path)
    expected = {media_name(s) for s in ("lenalidomide", "cc-885", "pomalidomide",
                                        "thalidomide", "iberdomide")}
    assert set(files) == expected
    for text in files.values():  # each media file is the drawing, parsed back
        root = ET.fromstring(text.encode("utf-8"))
        assert root.find(f"{SVG}desc").text.startswith("Structure of ")
        assert [g for g in root.iter(f"{SVG}g") if g.get("class") == "part"]
    code_fields = fields[anki.note_guid("question", code_question.id)]
    assert f'<img src="{media_name("lenalidomide")}"' in code_fields[3]  # with the answer
    assert "<img" not in code_fields[1]  # never on the front: it would give the answer away
    which_fields = fields[anki.note_guid("question", which.id)]
    assert which_fields[1].count("<img") == 4 and "Structure D" in which_fields[1]
    assert "Pomalidomide" not in which_fields[1].split("</div>", 1)[1]  # drawings unnamed
    term_fields = fields[anki.note_guid("term", "isoindolinone")]
    assert f'<img src="{media_name("lenalidomide")}"' in term_fields[3]


def test_decks_without_drawn_drugs_have_no_media(atlas, tmp_path):
    term = atlas.content.term("cereblon")
    out = anki.write_apkg(tmp_path / "deck.apkg", [], [term], atlas.content)
    files, _ = read_deck(out, tmp_path)
    assert files == {}


def test_the_structure_questions_export_as_a_deck_of_their_own(bundled_atlas, tmp_path):
    """`export quiz --format apkg --type structure`: the drug-structure questions, each with
    the drawings it shows as media; without the type they stay out of the deck."""
    from desktop.core.interop.quiz_export import export_quiz
    from desktop.core.quiz.structure_questions import generate_structure_questions

    content = bundled_atlas.content
    generated = generate_structure_questions(content)
    out = tmp_path / "structures.apkg"
    summary = export_quiz(bundled_atlas, out, "apkg", {"types": ["structure"]})
    assert summary.startswith(f"Wrote {len(generated)} question(s) and 0 glossary card(s)")
    files, fields = read_deck(out, tmp_path)
    assert set(fields) == {anki.note_guid("question", q.id) for q in generated}
    which = [q for q in generated if q.id.startswith(f"{PREFIX}which:")]
    for q in which:
        front = fields[anki.note_guid("question", q.id)][1]
        assert front.count("<img") == 4
        for name in re.findall(r'<img src="([^"]+)"', front):
            assert name in files
    plain = tmp_path / "plain.apkg"
    export_quiz(bundled_atlas, plain, "apkg", {"types": ["single"]})
    _files, plain_fields = read_deck(plain, tmp_path)
    assert not set(plain_fields) & set(fields)
