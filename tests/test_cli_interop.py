"""The command line for question files and packs: export quiz, import, question-sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "content"
SAMPLE_PACK = ROOT / "tests" / "fixtures" / "sample_pack"


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IMID_ATLAS_CONTENT_DIR", str(FIXTURE))

    def run(*args):
        code = main(["--data-dir", str(tmp_path / "data"), *map(str, args)])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


def test_export_quiz_in_every_format(cli, tmp_path):
    for fmt, name in (("apkg", "q.apkg"), ("gift", "q.gift"), ("moodle-xml", "q.xml"),
                      ("csv", "q.csv")):
        code, out = cli("export", "quiz", "--format", fmt, "-o", tmp_path / name)
        assert code == 0 and out.startswith("Wrote 5 question(s)"), out
        assert (tmp_path / name).stat().st_size > 500
    code, out = cli("export", "quiz", "--format", "gift", "--topic", "mechanism", "--type",
                    "single", "--type", "multi", "-o", tmp_path / "some.gift")
    assert code == 0 and out.startswith("Wrote 2 question(s)")
    code, out = cli("export", "quiz", "--format", "gift", "--topic", "pharmacy", "-o",
                    tmp_path / "x.gift")
    assert code == 2 and "unknown topic 'pharmacy'" in out and "Traceback" not in out
    code, out = cli("export", "quiz", "--format", "docx", "-o", tmp_path / "x.docx")
    assert code == 2 and "apkg, gift, moodle-xml, csv" in out


def test_import_list_and_remove_question_sets(cli, tmp_path):
    cli("export", "quiz", "--format", "gift", "-o", tmp_path / "bank.gift")
    bad = tmp_path / "bad.csv"
    bad.write_text("type,stem,answer,option_a,option_b\nsingle,Fine?,a,x,y\n"
                   "single,Broken?,c,x,y\n", encoding="utf-8")
    code, out = cli("import", tmp_path / "bank.gift", bad)
    assert code == 1
    assert "Imported 5 question(s) from bank.gift as question set 1 'bank'" in out
    assert "bad.csv:3: question 2 ('Broken?'): answer c is not among the filled options" in out
    code, out = cli("question-sets", "--json")
    assert code == 0
    assert [(s["id"], s["name"], s["question_count"]) for s in json.loads(out)["sets"]] == \
        [(1, "bank", 5)]
    code, out = cli("question-sets")
    assert "bank  (5 question(s), gift, from bank.gift" in out
    code, out = cli("question-sets", "--remove", "1")
    assert code == 0 and "Removed question set 1 'bank'" in out
    code, out = cli("question-sets", "--remove", "1")
    assert code == 2 and "no question set 1" in out
    code, out = cli("question-sets")
    assert out.startswith("No question sets.")


def test_question_files_go_to_the_question_importer(tmp_path):
    from desktop.core.importers import IMPORTERS, importer_for

    assert IMPORTERS[0].name == "questions"
    assert importer_for(tmp_path / "x.csv").name == "questions"
    assert importer_for(tmp_path / "x.gift").name == "questions"
    assert [i.name for i in IMPORTERS].count("questions") == 1


def test_a_content_pack_on_the_command_line(cli, tmp_path):
    code, out = cli("check-content", SAMPLE_PACK)
    assert code == 0 and "Content OK" in out
    code, out = cli("--content-pack", SAMPLE_PACK, "stats", "--json")
    assert code == 0 and json.loads(out)["questions"] == 9
    code, out = cli("--content-pack", SAMPLE_PACK, "export", "quiz", "--format", "gift", "-o",
                    tmp_path / "with-pack.gift")
    assert code == 0 and out.startswith("Wrote 9 question(s)")
    code, out = cli("--content-pack", FIXTURE, "stats")
    assert code == 1 and "duplicate id" in out and "Traceback" not in out
