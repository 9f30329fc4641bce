"""The quiz as an HTML page, read back with an HTML parser (and each drawing with an XML
parser): every question and its answer, drug answers drawn, structure questions with their
drawings under neutral names, orders that do not give the answer away, untrusted text inert."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

from db.records import Option
from desktop.core.chemistry.drawings import alt_text_for, structure_for_answer
from desktop.core.exports import EXPORTERS
from desktop.core.interop import quiz_html

SVG = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """Sections by id: their text, their list items, their captions and their SVG blocks."""

    def __init__(self, text: str):
        super().__init__()
        self.sections: dict[str, dict] = {}
        self.ids: list[str] = []
        self.scripts = 0
        self._section = None
        self._in = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self._section = {"text": "", "items": [], "captions": [], "html": ""}
            self.sections[attrs["id"]] = self._section
        if tag in ("li", "figcaption"):
            self._in = ""

    def handle_data(self, data):
        if self._section is not None:
            self._section["text"] += data
        if self._in is not None:
            self._in += data

    def handle_endtag(self, tag):
        if tag == "li" and self._in is not None:
            self._section["items"].append(self._in.strip())
            self._in = None
        if tag == "figcaption" and self._in is not None:
            self._section["captions"].append(self._in.strip())
            self._in = None
        if tag == "section":
            self._section = None


def _export(atlas, tmp_path, options=None) -> tuple[str, Page]:
    out = tmp_path / "quiz.html"
    summary = EXPORTERS["quiz"].run(atlas, out, "html", options or {})
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    for sid, section in page.sections.items():  # each drawing read by the XML parser
        kind = "question" if sid[0] == "q" else "answer"
        start = text.index(f'<section class="{kind}" id="{sid}">')
        section["html"] = text[start:text.index("</section>", start)]
        section["svgs"] = [ET.fromstring(("<svg " + block.split("</svg>", 1)[0]
                                          + "</svg>").encode("utf-8"))
                           for block in section["html"].split("<svg ")[1:]]
    return summary, page


def test_every_question_and_answer_with_drug_answers_drawn(bundled_atlas, tmp_path):
    summary, page = _export(bundled_atlas, tmp_path)
    content = bundled_atlas.content
    questions = content.questions()
    from desktop.core.quiz.structure_questions import generate_structure_questions

    generated = generate_structure_questions(content)
    total = len(questions) + len(generated)
    assert summary.startswith(f"Wrote {total} question(s) to ")
    assert sum(1 for s in page.sections if s.startswith("q")) == total
    assert sum(1 for s in page.sections if s.startswith("a")) == total
    assert len(page.ids) == len(set(page.ids)), "ids repeat across the inline drawings"
    drawn = 0
    for number, question in enumerate(questions, start=1):
        structure = structure_for_answer(content, question)
        answer = page.sections[f"a{number}"]
        if structure is None:
            continue
        drawn += 1
        (svg,) = answer["svgs"]
        assert svg.get("data-structure") == structure.id
        assert alt_text_for(structure) in answer["captions"]
        assert [g for g in svg.iter(f"{SVG}g") if g.get("class") == "part"]
    assert drawn  # questions whose answer is a drug


def test_structure_questions_show_drawings_that_do_not_name_the_molecule(bundled_atlas,
                                                                         tmp_path):
    summary, page = _export(bundled_atlas, tmp_path, {"types": ["structure"]})
    names = [s.name for s in bundled_atlas.content.structures()]
    questions = [s for s in page.sections.values() if s["html"].startswith(
        '<section class="question"')]
    assert questions and summary.startswith(f"Wrote {len(questions)} question(s)")
    which = [q for q in questions if "Which" in q["text"] and len(q["svgs"]) == 4]
    assert which, "no 'which structure is ...?' question with four drawings"
    for question in which:
        assert [c for c in question["captions"]] == [f"Structure {x}" for x in "ABCD"]
        for svg in question["svgs"]:
            assert svg.get("data-structure") is None
            spoken = svg.find(f"{SVG}title").text + " " + svg.find(f"{SVG}desc").text
            assert not any(name in spoken for name in names), spoken
    part = [q for q in questions if "highlighted" in q["text"] and len(q["svgs"]) == 1]
    assert part
    for question in part:
        groups = [g for g in question["svgs"][0].iter(f"{SVG}g") if g.get("class") == "part"]
        assert len(groups) == 1  # only the group the question asks about


def test_orders_do_not_give_the_answer_away_and_the_key_matches(bundled_atlas, tmp_path):
    _summary, page = _export(bundled_atlas, tmp_path, {"types": ["ordering", "matching"]})
    content = bundled_atlas.content
    chosen = [q for q in content.questions() if q.type in ("ordering", "matching")]
    assert chosen
    for number, question in enumerate(chosen, start=1):
        shown = page.sections[f"q{number}"]["items"]
        answer = page.sections[f"a{number}"]["items"]
        if question.type == "ordering":
            listed = shown[-len(question.options):]
            letters = [row.partition(". ")[0] for row in answer]
            assert sorted(letters) == list("ABCDEFGH"[:len(listed)])
            assert letters != sorted(letters), "the worksheet lists the items in order"
            for row in answer:  # "C. text": the letter points at that text on the worksheet
                letter, _, text = row.partition(". ")
                assert listed["ABCDEFGH".index(letter)] == text
            by_key = {o.key: o for o in question.options}
            assert len(answer) == len([k for k in question.answer if k in by_key])
        else:
            rights = shown[len(question.pairs):]
            letters = []
            for row in answer:
                letter, _, text = row.split(" → ", 1)[1].partition(". ")
                assert rights["ABCDEFGH".index(letter)] == text
                letters.append(letter)
            assert len(letters) == len(question.pairs) and letters != sorted(letters)


def test_untrusted_question_text_is_inert(bundled_atlas):
    question = next(q for q in bundled_atlas.content.questions() if q.type == "single")
    hostile = replace(question, stem="<script>alert(1)</script> Which **one**?",
                      options=(Option("a", '<img src=x onerror="alert(2)">Yes', "", True),
                               Option("b", "No", "")), answer=())
    text = quiz_html.dumps([hostile], None)
    page = Page(text)
    assert page.scripts == 0 and "onerror" not in text
    assert "<strong>one</strong>" in text
