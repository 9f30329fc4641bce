"""A teacher exports the quiz as an HTML page (File > Export > Quiz questions as HTML), to print
as a worksheet: the drug-structure questions show their drawings, and where an answer is a
drug, its structure is drawn with the answer, each drawing with its text alternative."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def test_teacher_exports_the_quiz_as_an_html_worksheet(person, tmp_path):
    out = tmp_path / "worksheet for year 3.html"
    person.answer_file_dialog(out)
    person.menu("File", "Export", "Quiz questions as HTML")
    person.check_dialogs()
    person.wait_until(out.exists, what="the exported page")
    person.wait_until(lambda: "(HTML)" in person.window.statusBar().currentMessage(),
                      what="the status message")
    text = out.read_text(encoding="utf-8")
    shown = re.search(r"Wrote (\d+) question", person.window.statusBar().currentMessage())
    assert text.count('<section class="question"') == int(shown.group(1))
    drawings = [ET.fromstring(("<svg " + b.split("</svg>", 1)[0] + "</svg>").encode("utf-8"))
                for b in text.split("<svg ")[1:]]
    assert drawings
    for svg in drawings:  # every drawing says what it shows, for a screen reader
        assert svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
    questions, answers = text.split('<div class="answers">', 1)
    # The questions' drawings never name the molecule; the answers' drugs are named.
    assert "Structure A" in questions and "Structure D" in questions
    assert "data-structure=" not in questions
    assert re.search(r'data-structure="[a-z-]+"', answers)
    assert re.search(r"<figcaption>Structure of [A-Z][a-z]+\. ", answers)
