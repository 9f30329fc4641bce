"""Dropped or chosen paths go where File > Import would send them."""

from __future__ import annotations

from desktop.core.importers import route_paths


def test_folders_question_files_and_documents_are_told_apart(tmp_path):
    pack = tmp_path / "my pack"
    pack.mkdir()
    (pack / "content.toml").write_text('[pack]\ntitle = "Mine"\n', encoding="utf-8")
    gift = tmp_path / "week 1.gift"
    gift.write_text("::q1:: Which protein does thalidomide bind? {=cereblon ~tubulin}\n",
                    encoding="utf-8")
    note = tmp_path / "notes.md"
    note.write_text("# Lenalidomide\n\nNotes.\n", encoding="utf-8")
    gone = tmp_path / "deleted.pdf"
    plan = route_paths([pack, gift, note, gone])
    assert plan.packs == [pack]
    assert plan.questions == [gift]
    assert plan.documents == [note]
    assert plan.missing == [gone]
