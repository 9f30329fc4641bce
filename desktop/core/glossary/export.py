"""`imid-atlas export glossary --format csv|tsv|anki -o FILE` (and File > Export).

- `csv`: a header row, then term, definition, abbreviations, synonyms, category, why it
  matters (UTF-8 with a byte-order mark, so spreadsheet programs read Greek letters right);
- `tsv`: one card per line, `term<TAB>definition`, no header: what Quizlet's import and Anki's
  text import both read as front and back (the term carries its abbreviations, "Cereblon
  (CRBN)"; tabs and line breaks inside a field become spaces);
- `anki`: the same cards with Anki's file headers (`#separator:tab`, `#html:false`,
  `#columns:`, `#tags column:`), so Anki needs no questions; the third column holds tags
  (`imid-atlas`, the category).

Registered in `desktop.commands.export_command`. The file is written to a temporary file
beside the target and renamed over it: a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.core.files import write_atomically
from desktop.core.glossary.entry import missing_abbreviations

FORMATS = ("csv", "tsv", "anki")
CSV_COLUMNS = ("term", "definition", "abbreviations", "synonyms", "category", "why_it_matters")


def _flat(text: str) -> str:
    """One line: tabs, line breaks and runs of spaces become single spaces."""
    return " ".join((text or "").split())


def card_front(term) -> str:
    """`Cereblon (CRBN)`: the headword with the abbreviations it does not already show."""
    extra = missing_abbreviations(term)
    return _flat(term.term + (f" ({', '.join(extra)})" if extra else ""))


def glossary_text(terms, fmt: str) -> str:
    """The export of `terms` in `fmt` (one of `FORMATS`) as text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown glossary format {fmt!r}")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for term in terms:
            writer.writerow([_flat(term.term), _flat(term.definition),
                             "; ".join(term.abbreviations), "; ".join(term.synonyms),
                             term.category, _flat(term.relevance)])
        return buffer.getvalue()
    lines = []
    if fmt == "anki":
        lines += ["#separator:tab", "#html:false", "#columns:Front\tBack\tTags",
                  "#tags column:3"]
    for term in terms:
        row = [card_front(term), _flat(term.definition)]
        if fmt == "anki":
            row.append(f"imid-atlas {term.category}")
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def export_glossary(atlas, out: Path, fmt: str, options: dict) -> str:
    """Exporter entry point: write the glossary to `out`; returns a one-line summary."""
    terms = atlas.content.terms()
    text = glossary_text(terms, fmt)
    write_atomically(out, text, "utf-8-sig" if fmt == "csv" else "utf-8")
    what = {"csv": "CSV", "tsv": "tab-separated cards (Anki, Quizlet)",
            "anki": "Anki cards"}[fmt]
    return f"Wrote {len(terms)} glossary terms as {what} to {out}"
