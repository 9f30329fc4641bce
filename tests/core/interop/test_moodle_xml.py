"""Moodle XML: well-formed, one category per topic, ordering kept, what GIFT cannot carry."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from desktop.core.interop import moodle_xml
from desktop.core.interop.quiz_export import export_quiz


def questions_by_name(root):
    return {q.findtext("name/text"): q for q in root.iter("question")
            if q.get("type") != "category"}


def test_every_type_is_written_as_moodle_expects(atlas, tmp_path):
    out = tmp_path / "bank.xml"
    assert "Moodle XML" in export_quiz(atlas, out, "moodle-xml", {})
    root = ET.parse(out).getroot()
    assert root.tag == "quiz"
    categories = [q.findtext("category/text") for q in root.iter("question")
                  if q.get("type") == "category"]
    assert categories == ["$course$/top/IMiD Atlas/History", "$course$/top/IMiD Atlas/Mechanism"]
    found = questions_by_name(root)
    assert {k: v.get("type") for k, v in found.items()} == {
        "q-history-001": "ordering", "q-mechanism-001": "multichoice",
        "q-mechanism-002": "truefalse", "q-mechanism-003": "multichoice",
        "q-mechanism-004": "matching"}
    single = found["q-mechanism-001"]
    assert single.findtext("single") == "true" and single.findtext("idnumber") == "q-mechanism-001"
    fractions = {a.findtext("text"): a.get("fraction") for a in single.findall("answer")}
    assert fractions == {"<p>DDB1</p>": "0", "<p>Cereblon</p>": "100",
                         "<p>The 26S proteasome</p>": "0"}
    multi = found["q-mechanism-003"]
    weights = [float(a.get("fraction")) for a in multi.findall("answer")]
    assert multi.findtext("single") == "false" and weights == [50, 50, -100]
    tf = found["q-mechanism-002"]
    assert {a.findtext("text"): a.get("fraction") for a in tf.findall("answer")} == \
        {"true": "0", "false": "100"}
    ordering = found["q-history-001"]
    items = [a.findtext("text") for a in ordering.findall("answer")]
    assert items == ["<p>US approval for ENL</p>", "<p>Cereblon identified</p>",
                     "<p>Ikaros degradation shown</p>"]
    assert ordering.findtext("gradingtype") == "ABSOLUTE_POSITION"
    assert ordering.find("answer/feedback/text").text == "<p>1998</p>"
    matching = found["q-mechanism-004"]
    assert [s.findtext("answer/text") for s in matching.findall("subquestion")] == \
        ["Ikaros", "Aiolos", "Cereblon"]
    general = matching.findtext("generalfeedback/text")
    assert "Named after the Greek myth." in general  # per-pair rationales GIFT cannot carry
    assert "Learning objective:" in general and "Krönke J" in general
    tags = [t.text for t in matching.iter("text") if t.text and t.text.startswith("topic:")]
    assert tags == ["topic:mechanism"]


def test_ordering_can_be_written_as_matching_for_older_moodle(atlas):
    root = ET.fromstring(moodle_xml.dumps(atlas.content.questions(), atlas.content,
                                          ordering_as="matching"))
    ordering = questions_by_name(root)["q-history-001"]
    assert ordering.get("type") == "matching"
    assert [s.findtext("text") for s in ordering.findall("subquestion")] == ["1st", "2nd", "3rd"]


def test_the_fast_path_for_plain_lines_renders_exactly_as_markdown(bundled_atlas):
    from desktop.core.interop.common import _INTERNAL_HTML_LINK, html_text, plain_text
    from desktop.core.render import render_markdown

    content = bundled_atlas.content
    texts = ["1. first", "# heading", "- item", "a & b", "x < y", "2020. A year", "a\tb",
             "He said \"hi\" 'x'", "a -- b", "50% of", "&amp;", "* star", "10) ten", "a # b"]
    for q in content.questions():
        texts += [q.stem, q.explanation, q.objective, *(o.text for o in q.options),
                  *(o.rationale for o in q.options), *(p.rationale for p in q.pairs)]
    texts += [t for term in content.terms() for t in (term.definition, term.relevance)]
    for text in texts:
        slow = _INTERNAL_HTML_LINK.sub(r"\1", render_markdown(plain_text(text).strip()))
        assert html_text(text) == slow, text
