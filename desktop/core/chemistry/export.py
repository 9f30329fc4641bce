"""`imid-atlas export structures --format html -o FILE` (and File > Export): one HTML page with
every drug structure drawn inline as SVG (vector, prints sharply), its text alternative as the
caption, its formula, molar mass and InChIKey, and the sources that identify it."""

from __future__ import annotations

from pathlib import Path

from desktop.core.chemistry.drawings import alt_text_for, drawing_svg
from desktop.core.chemistry.parts import PARTS
from desktop.core.files import write_atomically
from desktop.core.render import escape

FORMATS = ("html",)
STYLE = """
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; color: #1b1f24; }
figure { margin: 2em 0; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.95em; }
.facts, .sources { font-size: 0.85em; color: #5a6472; }
"""


def _inline(svg: str) -> str:
    """The drawing without its XML declaration, ready to sit inside HTML."""
    return svg.split("?>", 1)[1].strip() if svg.startswith("<?xml") else svg


def structures_html(content) -> str:
    """The whole page."""
    as_of = content.meta.get("content_as_of", "")
    figures = []
    for structure in content.structures():
        svg = drawing_svg(structure.id)
        if svg is None:
            continue
        refs = [content.reference(r) for r in structure.sources]
        sources = "; ".join(escape(f"{r.short_label}: {r.title}") if r else escape(i)
                            for r, i in zip(refs, structure.sources, strict=True))
        ids = [f"InChIKey {structure.inchikey}"]
        if structure.pubchem_cid:
            ids.append(f"PubChem CID {structure.pubchem_cid}")
        if structure.chebi:
            ids.append(structure.chebi)
        legend = "".join(f"<li>{escape(PARTS[p].name.capitalize())}: {escape(PARTS[p].role)}</li>"
                         for p in structure.parts if p in PARTS)
        figures.append(
            f'<figure id="{escape(structure.id)}"><h2>{escape(structure.name)}</h2>'
            f"{_inline(svg)}<figcaption>{escape(alt_text_for(structure))}</figcaption>"
            f"<ul>{legend}</ul>"
            f'<p class="facts">{escape(" · ".join(ids))}</p>'
            f'<p class="sources">Sources: {sources}</p></figure>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>IMiD Atlas: drug structures</title>"
            f"<style>{STYLE}</style></head><body><h1>Drug structures</h1>"
            f"<p>Drawn from IMiD Atlas content as of {escape(as_of)}, each aligned on its "
            "glutarimide ring. For study; not medical advice.</p>"
            + "".join(figures) + "</body></html>\n")


def export_structures(atlas, out: Path, fmt: str, options: dict) -> str:
    """Exporter entry point."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    content = atlas.content
    write_atomically(Path(out), structures_html(content))
    return f"Wrote {len(content.structures())} drug structures to {out}"
