"""`imid-atlas export glossary`: CSV, tab-separated cards (Anki, Quizlet) and Anki headers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.glossary.export import card_front, glossary_text

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "content"


@pytest.fixture
def fixture_content(monkeypatch):
    monkeypatch.setenv("IMID_ATLAS_CONTENT_DIR", str(FIXTURE))


def test_csv_export_from_the_command_line(tmp_path, fixture_content, capsys):
    out = tmp_path / "glossary.csv"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "glossary", "--format", "csv",
                 "-o", str(out)]) == 0
    assert "3 glossary terms" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets then read CK1α correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3
    cereblon = next(r for r in rows if r["term"] == "Cereblon")
    assert cereblon["abbreviations"] == "CRBN"
    assert cereblon["category"] == "molecular-biology"
    assert cereblon["definition"].startswith("The substrate receptor")
    assert any(r["term"] == "CK1α" for r in rows)


def test_tsv_is_two_columns_without_header(tmp_path, fixture_content):
    out = tmp_path / "cards.tsv"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "glossary", "--format", "tsv",
                 "-o", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 3
    assert all(line.count("\t") == 1 for line in lines)
    front, back = next(line for line in lines if line.startswith("Cereblon")).split("\t")
    assert front == "Cereblon (CRBN)"
    assert back.startswith("The substrate receptor of the CRL4 ubiquitin ligase.")


def test_anki_headers_then_cards_with_tags(tmp_path, atlas):
    text = glossary_text(atlas.content.terms(), "anki")
    lines = text.splitlines()
    assert lines[:4] == ["#separator:tab", "#html:false", "#columns:Front\tBack\tTags",
                         "#tags column:3"]
    cards = [line.split("\t") for line in lines[4:]]
    assert len(cards) == 3 and all(len(c) == 3 for c in cards)
    assert {c[0]: c[2] for c in cards}["Cereblon (CRBN)"] == "imid-atlas molecular-biology"


def test_fields_never_break_the_line_or_the_columns():
    from db.records import Term

    term = Term(id="x", term="Odd\tname", category="history",
                definition="Line one.\n\nLine\ttwo.", short_definition="", relevance="r",
                abbreviations=("OD", "OD"))
    for fmt in ("tsv", "anki"):
        body = glossary_text([term], fmt).splitlines()[-1]
        assert body.split("\t")[:2] == ["Odd name (OD)", "Line one. Line two."]
    assert card_front(term) == "Odd name (OD)"


def test_bad_format_and_missing_folder_are_messages(tmp_path, fixture_content, capsys):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "export", "glossary", "--format", "xls",
                 "-o", str(tmp_path / "x")]) == 2
    assert "csv, tsv, anki" in capsys.readouterr().err
    missing = tmp_path / "no-such-folder" / "g.csv"
    assert main(["--data-dir", data, "export", "glossary", "--format", "csv",
                 "-o", str(missing)]) == 2
    assert "no-such-folder" in capsys.readouterr().err
    assert not missing.parent.exists()


def test_a_failed_write_leaves_the_old_file(tmp_path, atlas, monkeypatch):
    import os

    from desktop.core.glossary import export as glossary_export

    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "g.tsv"
    target.write_text("previous", "utf-8")

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        glossary_export.export_glossary(atlas, target, "tsv", {})
    assert target.read_text("utf-8") == "previous"
    assert [p.name for p in folder.iterdir()] == ["g.tsv"]  # no temporary file left
