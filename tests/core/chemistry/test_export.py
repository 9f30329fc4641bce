"""The structures HTML export: every drawing inline as SVG with its caption, read back with an
HTML parser and each SVG with an XML parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from desktop.core.chemistry.drawings import alt_text_for
from desktop.core.exports import EXPORTERS

SVG = "{http://www.w3.org/2000/svg}"


class _Figures(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures, self.captions, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self.figures.append(dict(attrs)["id"])
        if tag == "figcaption":
            self._in = ""

    def handle_data(self, data):
        if self._in is not None:
            self._in += data

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.captions.append(self._in)
            self._in = None


def test_html_export_draws_every_structure_with_its_text_alternative(bundled_atlas, tmp_path):
    out = tmp_path / "structures.html"
    summary = EXPORTERS["structures"].run(bundled_atlas, out, "html", {})
    structures = bundled_atlas.content.structures()
    assert summary == f"Wrote {len(structures)} drug structures to {out}"
    text = out.read_text(encoding="utf-8")
    parser = _Figures()
    parser.feed(text)
    assert parser.figures == [s.id for s in structures]
    assert parser.captions == [alt_text_for(s) for s in structures]
    blocks = text.split("<svg ")[1:]
    assert len(blocks) == len(structures)
    for block in blocks:
        root = ET.fromstring(("<svg " + block.split("</svg>", 1)[0] + "</svg>").encode())
        assert [g for g in root.iter(f"{SVG}g") if g.get("class") == "part"]
    assert "InChIKey UEJJHQNACJXSKW-UHFFFAOYSA-N" in text
