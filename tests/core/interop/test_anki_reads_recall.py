"""The exported deck opened by Anki's own library: cloze items import as Anki cloze notes with
one card per gap number, and typed items as cards with a type-in box, rendered by Anki."""

from __future__ import annotations

import re

import pytest

from desktop.core.interop import anki as anki_export
from desktop.core.interop.quiz_export import export_quiz

collection = pytest.importorskip("anki.collection")
import_export = pytest.importorskip("anki.import_export_pb2")


def open_in_anki(apkg, tmp_path):
    col = collection.Collection(str(tmp_path / "collection.anki2"))
    col.import_anki_package(collection.ImportAnkiPackageRequest(
        package_path=str(apkg), options=import_export.ImportAnkiPackageOptions()))
    return col


def shown(html: str) -> str:
    """The text a person reads on an Anki card (tags and the style block removed)."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_anki_imports_cloze_and_typed_cards_and_renders_them(atlas, tmp_path):
    out = tmp_path / "recall.apkg"
    export_quiz(atlas, out, "apkg", {"types": ["cloze", "typed"]})
    col = open_in_anki(out, tmp_path)
    try:
        items = {q.id: q for q in atlas.content.recall_items()}
        notes_expected = {q.id.rsplit("-c", 1)[0] if q.type == "cloze" else q.id
                          for q in items.values()}
        assert col.note_count() == len(notes_expected)
        assert col.card_count() == len(items)  # one Anki card per app card (gap number)

        by_guid = {n.guid: n for n in (col.get_note(i) for i in col.find_notes(""))}
        # a cloze note with two gap numbers: two cards, each asking one gap
        note = by_guid[anki_export.note_guid("cloze", "cz-mechanism-001")]
        assert note.note_type()["type"] == 1  # Anki's cloze kind
        cards = sorted(note.cards(), key=lambda c: c.ord)
        assert [c.ord for c in cards] == [0, 1]
        first_q, second_q = shown(cards[0].question()), shown(cards[1].question())
        assert "[a protein]" in first_q and "CRL4" in first_q  # gap 1 asked with its hint
        assert "[...]" in second_q and "cereblon" in second_q  # gap 2 asked, gap 1 shown
        assert "cereblon" in shown(cards[0].answer())
        assert "[[type:cloze:Text]]" in cards[0].question()  # Anki's type-in box

        # a typed question: the type-in box on the front, the answer on the back
        typed = by_guid[anki_export.note_guid("typed", "ty-mechanism-001")]
        card = typed.cards()[0]
        assert "[[type:Answer]]" in card.question()
        assert "CK1α" in shown(card.answer())
    finally:
        col.close()
