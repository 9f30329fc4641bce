"""The drug comparison table without Qt: fields, short cell texts, sorting, CSV and TSV.

The fields are those of `db.content_format.DRUG_CELLS`. The Qt table shows each drug in a
column and each field in a row, every cell in full (`cell_full_text`), with its sources on
demand; the CSV export writes a drug per row with the full texts and a sources column per
field, so nothing is lost.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from db.content_format import DRUG_CELLS
from db.dates import format_partial_date, parse_partial_date
from db.records import Drug, DrugCell
from db.text import first_sentence, strip_markdown

#: (key, heading) of every column after the drug's name, in the default order.
FIELDS: tuple[tuple[str, str], ...] = tuple(DRUG_CELLS.items())
NAME_HEADING = "Drug"


def field_heading(key: str) -> str:
    return DRUG_CELLS.get(key, key)


def plain(text: str) -> str:
    """Markdown cell text as one plain line (links reduced to their words)."""
    return " ".join(strip_markdown(text or "").split())


def date_label(iso: str) -> str:
    """`2005-12` as `Dec 2005` (the precision the source supports)."""
    try:
        return format_partial_date(parse_partial_date(iso))
    except (ValueError, TypeError):
        return iso


SUMMARY_LIMIT = 90


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:(")
    return cut + "…"


def cell_summary(drug: Drug, key: str, limit: int = SUMMARY_LIMIT) -> str:
    """The short text shown in a table cell (at most `limit` characters).

    Approvals show the date and indication; other cells their first sentence (the whole text
    is one click away).
    """
    cell = drug.cells.get(key)
    if cell is None:
        return ""
    if key in ("fda_approval", "ema_approval") and cell.date:
        when = date_label(cell.date)
        return shorten(f"{when}: {plain(cell.indication)}" if cell.indication else when, limit)
    return shorten(first_sentence(plain(cell.text)), limit)


def cell_full_text(cell: DrugCell | None) -> str:
    """A cell's whole text in plain words, with the date and indication when present."""
    if cell is None:
        return ""
    parts = []
    if cell.date:
        parts.append(f"Date: {date_label(cell.date)}.")
    if cell.indication:
        parts.append(f"Indication: {plain(cell.indication)}.")
    parts.append(plain(cell.text))
    return " ".join(parts)


def sort_key(drug: Drug, key: str):
    """How a column sorts: approvals by date (not approved last), potency and class by the
    authored order (weakest first), neosubstrates by how many, text columns alphabetically."""
    if key == "name":
        return (0, drug.name.casefold())
    cell = drug.cells.get(key)
    if key in ("fda_approval", "ema_approval"):
        return (0, cell.date) if cell and cell.date else (1, drug.order)
    if key in ("potency", "class_notes"):
        return (0, drug.order)
    if key == "neosubstrates":
        return (0, len(drug.neosubstrate_terms), drug.order)
    return (0, cell_summary(drug, key).casefold())


def sort_drugs(drugs: Sequence[Drug], key: str, descending: bool = False) -> list[Drug]:
    return sorted(drugs, key=lambda d: sort_key(d, key), reverse=descending)


def table_rows(drugs: Sequence[Drug], fields: Sequence[str], full: bool = True,
               sources: bool = True) -> list[list[str]]:
    """Header and one row per drug, in the order given, for the chosen fields.

    `full` writes whole cell texts (else the short summaries); `sources` adds a
    "<field> sources" column after each field with the reference ids.
    """
    header = [NAME_HEADING]
    for key in fields:
        header.append(field_heading(key))
        if sources:
            header.append(f"{field_heading(key)} sources")
    rows = [header]
    for drug in drugs:
        row = [drug.name]
        for key in fields:
            cell = drug.cells.get(key)
            row.append(cell_full_text(cell) if full else cell_summary(drug, key))
            if sources:
                row.append("; ".join(cell.sources) if cell else "")
        rows.append(row)
    return rows


def to_csv(drugs: Sequence[Drug], fields: Sequence[str] | None = None, full: bool = True,
           sources: bool = True) -> str:
    """The table as CSV (RFC 4180 quoting, UTF-8 text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(table_rows(drugs, [k for k, _ in FIELDS] if fields is None else fields,
                                full, sources))
    return out.getvalue()


def to_tsv(drugs: Sequence[Drug], fields: Sequence[str] | None = None, full: bool = False,
           sources: bool = False) -> str:
    """Tab-separated text for the clipboard (spreadsheets paste it into cells)."""
    rows = table_rows(drugs, [k for k, _ in FIELDS] if fields is None else fields, full,
                      sources)
    return "\n".join("\t".join(v.replace("\t", " ").replace("\n", " ") for v in row)
                     for row in rows) + "\n"


def write_csv(path: Path, drugs: Sequence[Drug], fields: Sequence[str] | None = None) -> Path:
    """Write the CSV with a byte-order mark, so spreadsheet programs read the Greek letters."""
    from desktop.core.files import write_atomically

    return write_atomically(Path(path), to_csv(drugs, fields), "utf-8-sig")


def export_drug_table(atlas, out: Path, fmt: str, options: dict) -> str:
    """Exporter entry point (`imid-atlas export drugs --format csv -o FILE`)."""
    drugs = atlas.content.drugs()
    write_csv(out, drugs)
    return f"Wrote the comparison of {len(drugs)} drugs to {out}"
