"""The drug comparison without Qt: summaries, sorting, CSV/TSV and the export command."""

from __future__ import annotations

import csv
import io

import pytest

from desktop.core.mechanism import drug_table

FIVE = ["Thalidomide", "Lenalidomide", "Pomalidomide", "Iberdomide", "Mezigdomide"]


@pytest.fixture(scope="module")
def drugs(bundled_atlas):
    return bundled_atlas.content.drugs()


def test_bundled_table_has_five_drugs_and_every_field(drugs):
    assert [d.name for d in drugs] == FIVE
    keys = [k for k, _ in drug_table.FIELDS]
    assert keys[:3] == ["class_notes", "fda_approval", "ema_approval"]
    for drug in drugs:
        assert set(drug.cells) == set(keys), drug.id
        for key in keys:
            assert drug.cells[key].sources, (drug.id, key)
            summary = drug_table.cell_summary(drug, key)
            assert summary and len(summary) <= drug_table.SUMMARY_LIMIT + 1, (drug.id, key)
            assert "](" not in summary  # Markdown links reduced to words
        # the quiz generator ("which drug ...") needs the neosubstrates as terms
        assert drug.neosubstrate_terms


def test_approval_cells_show_date_and_indication(drugs):
    lenalidomide = next(d for d in drugs if d.id == "lenalidomide")
    assert drug_table.cell_summary(lenalidomide, "fda_approval").startswith("Dec 2005: ")
    assert drug_table.date_label("2013-02-08") == "8 Feb 2013"
    assert drug_table.date_label("not a date") == "not a date"


def test_shorten_cuts_at_a_word():
    assert drug_table.shorten("short text") == "short text"
    cut = drug_table.shorten("alpha beta gamma delta", limit=12)
    assert cut == "alpha beta…"


def test_sorting_by_approval_date_puts_unapproved_drugs_last(drugs):
    by_fda = [d.id for d in drug_table.sort_drugs(drugs, "fda_approval")]
    assert by_fda[:3] == ["thalidomide", "lenalidomide", "pomalidomide"]
    assert set(by_fda[3:]) == {"iberdomide", "mezigdomide"}
    by_name = [d.name for d in drug_table.sort_drugs(drugs, "name", descending=True)]
    assert by_name == sorted(FIVE, reverse=True)
    by_potency = [d.id for d in drug_table.sort_drugs(drugs, "potency", descending=True)]
    assert by_potency[0] == "mezigdomide" and by_potency[-1] == "thalidomide"


def test_csv_has_full_texts_and_sources_in_row_order(drugs):
    order = list(reversed(drugs))
    rows = list(csv.reader(io.StringIO(drug_table.to_csv(order, ["potency", "status"]))))
    assert rows[0] == ["Drug", "Relative potency", "Relative potency sources", "Status",
                       "Status sources"]
    assert [r[0] for r in rows[1:]] == list(reversed(FIVE))
    thalidomide = rows[-1]
    assert thalidomide[1].startswith("Lowest of the five.")
    assert "corral-1999-jimmunol" in thalidomide[2].split("; ")


def test_tsv_for_the_clipboard(drugs):
    text = drug_table.to_tsv(drugs, ["fda_approval"])
    lines = text.splitlines()
    assert lines[0] == "Drug\tFirst FDA approval"
    assert len(lines) == 6 and all(line.count("\t") == 1 for line in lines)


def test_write_csv_is_readable_by_spreadsheets(drugs, tmp_path):
    path = drug_table.write_csv(tmp_path / "drugs.csv", drugs)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 (CK1α) correctly
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 6 and len(rows[0]) == 1 + 2 * len(drug_table.FIELDS)


def test_export_command_writes_the_comparison(tmp_path, capsys):
    from desktop.cli import main

    out = tmp_path / "drugs.csv"
    assert main(["--data-dir", str(tmp_path / "data"), "export", "drugs", "--format", "csv",
                 "-o", str(out)]) == 0
    assert "comparison of 5 drugs" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == FIVE
