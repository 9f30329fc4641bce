"""Citations: AMA and Vancouver strings; BibTeX and RIS files that parse back."""

from __future__ import annotations

import bibtexparser
import pytest
import rispy

from db.records import Reference
from desktop.core.library.citations import (
    ama_citation,
    export_citations,
    to_bibtex,
    to_ris,
    vancouver_citation,
)

MANY = Reference(
    id="zhu-2011-blood", kind="primary-research",
    authors=("Zhu YX", "Braggio E", "Shi CX", "Bruins LA", "Schmidt JE", "Van Wier S",
             "Chang XB"),
    title="Cereblon levels and the response of myeloma cells to immunomodulatory drugs",
    year=2011, summary="", journal="Blood", volume="118", issue="18",
    pages="4771-4779", doi="10.1182/blood-2011-05-356063", pmid="21860026")
AWKWARD = Reference(
    id="odd_{key}", kind="web", authors=("R&D Group {Tokyo}", "Müller Ä", "et al."),
    title="50% of {braces} & under_scores: #1 ~ ^ \\ cost $5", year=2020, summary="",
    publisher="Publisher & Co", url="https://example.org/a_b?x=1&y=%20{z}")


def test_ama_article(atlas):
    ref = atlas.content.reference("ito-2010-science")
    assert ama_citation(ref) == (
        "Ito T, Ando H, Suzuki T, Handa H. Identification of a primary target of thalidomide "
        "teratogenicity. Science. 2010;327(5971):1345-1350. doi:10.1126/science.1177319")


def test_vancouver_article_shortens_pages_and_adds_pmid(atlas):
    ref = atlas.content.reference("ito-2010-science")
    assert vancouver_citation(ref) == (
        "Ito T, Ando H, Suzuki T, Handa H. Identification of a primary target of thalidomide "
        "teratogenicity. Science. 2010;327(5971):1345-50. doi: 10.1126/science.1177319. "
        "PMID: 20223979.")


def test_author_lists_are_cut_as_each_style_says():
    assert ama_citation(MANY).startswith("Zhu YX, Braggio E, Shi CX, et al. Cereblon")
    assert vancouver_citation(MANY).startswith(
        "Zhu YX, Braggio E, Shi CX, Bruins LA, Schmidt JE, Van Wier S, et al. Cereblon")
    assert "4771-9." in vancouver_citation(MANY)


def test_group_author_web_page(atlas):
    ref = atlas.content.reference("fda-thalomid-1998")
    assert ama_citation(ref) == (
        "US Food and Drug Administration. Thalomid approval for erythema nodosum leprosum. "
        "FDA. Published 1998. https://www.accessdata.fda.gov/")
    assert vancouver_citation(ref) == (
        "US Food and Drug Administration. Thalomid approval for erythema nodosum leprosum "
        "[Internet]. FDA; 1998. Available from: https://www.accessdata.fda.gov/")


def _bib(refs):
    library = bibtexparser.parse_string(to_bibtex(refs))
    assert not library.failed_blocks
    return library


def test_bibtex_parses_back_with_every_field(atlas):
    library = _bib(atlas.content.references())
    entries = {e.key: e for e in library.entries}
    assert set(entries) == {r.id for r in atlas.content.references()}
    ito = entries["ito-2010-science"]
    assert ito.entry_type == "article"
    assert ito["author"] == "Ito, T. and Ando, H. and Suzuki, T. and Handa, H."
    assert ito["title"] == "{Identification of a primary target of thalidomide teratogenicity}"
    assert (ito["journal"], ito["year"], ito["volume"], ito["number"], ito["pages"]) == (
        "Science", "2010", "327", "5971", "1345--1350")
    assert ito["doi"] == "10.1126/science.1177319"
    assert entries["kronke-2014-science"]["author"].startswith("Krönke, J. and")
    fda = entries["fda-thalomid-1998"]
    assert fda.entry_type == "misc"
    assert fda["author"] == "{US Food and Drug Administration}"
    assert fda["url"] == "https://www.accessdata.fda.gov/"


def test_bibtex_escapes_special_characters_and_keeps_keys_unique():
    library = _bib([AWKWARD, AWKWARD, MANY])
    keys = [e.key for e in library.entries]
    assert keys == ["odd_key", "odd_key-2", "zhu-2011-blood"]
    entry = library.entries[0]
    assert entry["title"] == (r"{50\% of \{braces\} \& under\_scores: \#1 \textasciitilde{} "
                              r"\textasciicircum{} \textbackslash{} cost \$5}")
    assert entry["author"] == r"{R\&D Group \{Tokyo\}} and Müller, Ä. and others"
    assert "{" not in entry["url"] and "}" not in entry["url"]
    from bibtexparser.middlewares import LatexDecodingMiddleware

    decoded = bibtexparser.parse_string(to_bibtex([AWKWARD]),
                                        append_middleware=[LatexDecodingMiddleware()])
    assert "50% of {braces} & under_scores" in decoded.entries[0]["title"]


def test_ris_parses_back(atlas):
    text = to_ris(atlas.content.references())
    assert "\r\n" in text
    records = {r["id"]: r for r in rispy.loads(text)}
    assert set(records) == {r.id for r in atlas.content.references()}
    ito = records["ito-2010-science"]
    assert ito["type_of_reference"] == "JOUR"
    assert ito["authors"] == ["Ito, T.", "Ando, H.", "Suzuki, T.", "Handa, H."]
    assert ito["title"] == "Identification of a primary target of thalidomide teratogenicity"
    assert (ito["journal_name"], ito["year"], ito["volume"], ito["number"]) == (
        "Science", "2010", "327", "5971")
    assert (ito["start_page"], ito["end_page"], ito["doi"]) == (
        "1345", "1350", "10.1126/science.1177319")
    fda = records["fda-thalomid-1998"]
    assert fda["type_of_reference"] == "GOVDOC"
    assert fda["urls"] == ["https://www.accessdata.fda.gov/"]


def test_ris_keeps_awkward_text_on_one_line():
    record = rispy.loads(to_ris([AWKWARD]))[0]
    assert record["title"] == AWKWARD.title
    assert record["authors"] == ["R&D Group {Tokyo}", "Müller, Ä."]


@pytest.mark.parametrize("fmt", ["bibtex", "ris"])
def test_export_of_the_bundled_references_parses_back(bundled_atlas, tmp_path, fmt):
    out = tmp_path / f"refs.{fmt}"
    summary = export_citations(bundled_atlas, out, fmt, {})
    count = len(bundled_atlas.content.references())
    assert summary.startswith(f"Wrote {count} reference(s)")
    text = out.read_text(encoding="utf-8")
    if fmt == "bibtex":
        parsed = bibtexparser.parse_string(text)
        assert not parsed.failed_blocks
        assert len(parsed.entries) == count
    else:
        assert len(rispy.loads(text)) == count


def test_export_selected_references_and_notes(atlas, tmp_path):
    out = tmp_path / "sel.bib"
    export_citations(atlas, out, "bibtex", {"ids": ["document:note-ito-2010", "nonsense:x",
                                                    "reference:kronke-2014-science",
                                                    "ito-2010-science"]})
    keys = [e.key for e in bibtexparser.parse_string(out.read_text("utf-8")).entries]
    assert keys == ["ito-2010-science", "kronke-2014-science"]


def test_export_command(tmp_path, capsys, data_dir, monkeypatch):
    from desktop.cli import main
    from tests.conftest import FIXTURE_CONTENT

    monkeypatch.setenv("IMID_ATLAS_CONTENT_DIR", str(FIXTURE_CONTENT))
    out = tmp_path / "c.ris"
    assert main(["--data-dir", str(data_dir), "export", "citations", "--format", "ris",
                 "-o", str(out)]) == 0
    assert "Wrote 3 reference(s)" in capsys.readouterr().out
    assert len(rispy.loads(out.read_text("utf-8"))) == 3
    assert main(["--data-dir", str(data_dir), "export", "citations", "--format", "csv",
                 "-o", str(out)]) == 2
    assert "bibtex, ris" in capsys.readouterr().err
