"""Moodle XML: the question bank with everything GIFT cannot carry.

Compared with GIFT it keeps ordering questions as Moodle's ordering type (standard since
Moodle 4.4; pass `ordering_as="matching"` for older sites), our ids as `idnumber`, tags for
topic, type and difficulty, HTML text, the sources and learning objective in the general
feedback, and the per-pair rationales of matching questions (Moodle has no per-pair
feedback, so they are listed in the general feedback too).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from db.content_format import QUESTION_TYPES, TOPICS
from desktop.core.interop.common import html_text, ordinal, plain_text, source_citations
from desktop.core.render import escape

CATEGORY_ROOT = "$course$/top/IMiD Atlas"


def _fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = text
    return el


def _general_feedback(q, content) -> str:
    parts = [html_text(q.explanation)] if q.explanation else []
    if q.type == "matching" and any(p.rationale for p in q.pairs):
        items = "".join(f"<li><strong>{escape(plain_text(p.left))}</strong> → "
                        f"{escape(plain_text(p.right))}: {escape(plain_text(p.rationale))}</li>"
                        for p in q.pairs if p.rationale)
        parts.append(f"<ul>{items}</ul>")
    if q.objective:
        parts.append(f"<p><em>Learning objective:</em> {escape(q.objective)}</p>")
    if q.sources:
        cites = "".join(f"<li>{escape(c)}</li>" for c in source_citations(content, q.sources))
        parts.append(f"<p><em>Sources:</em></p><ol>{cites}</ol>")
    return "".join(parts)


def _question(quiz: ET.Element, q, content, ordering_as: str) -> None:
    qtype = {"single": "multichoice", "multi": "multichoice", "true_false": "truefalse",
             "matching": "matching", "ordering": ordering_as}[q.type]
    el = ET.SubElement(quiz, "question", {"type": qtype})
    name = ET.SubElement(el, "name")
    ET.SubElement(name, "text").text = q.id
    _text(el, "questiontext", html_text(q.stem))
    _text(el, "generalfeedback", _general_feedback(q, content))
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = "1" if q.type == "true_false" else "0.3333333"
    ET.SubElement(el, "hidden").text = "0"
    ET.SubElement(el, "idnumber").text = q.id
    if q.type in ("single", "multi"):
        correct = [o for o in q.options if o.correct]
        wrong = [o for o in q.options if not o.correct]
        ET.SubElement(el, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "true" if q.shuffle else "false"
        ET.SubElement(el, "answernumbering").text = "abc"
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(el, tag, "")
        for o in q.options:
            if q.type == "single":
                fraction = 100 if o.correct else 0
            else:
                fraction = 100 / len(correct) if o.correct else -100 / max(len(wrong), 1)
            answer = _text(el, "answer", html_text(o.text))
            answer.set("fraction", _fraction(fraction))
            _text(answer, "feedback", html_text(o.rationale))
    elif q.type == "true_false":
        by_key = {o.key: o for o in q.options}
        for key in ("true", "false"):
            answer = _text(el, "answer", key, "moodle_auto_format")
            answer.set("fraction", "100" if q.answer == (key,) else "0")
            option = by_key.get(key)
            _text(answer, "feedback", html_text(option.rationale) if option else "")
    elif q.type == "matching" or ordering_as == "matching":
        ET.SubElement(el, "shuffleanswers").text = "true"
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(el, tag, "")
        if q.type == "matching":
            pairs = [(plain_text(p.left), plain_text(p.right)) for p in q.pairs]
        else:
            by_key = {o.key: o for o in q.options}
            pairs = [(ordinal(i), plain_text(by_key[k].text)) for i, k in enumerate(q.answer, 1)]
        for left, right in pairs:
            sub = _text(el, "subquestion", escape(left))
            ans = ET.SubElement(sub, "answer")
            ET.SubElement(ans, "text").text = right
    else:  # ordering
        ET.SubElement(el, "layouttype").text = "VERTICAL"
        ET.SubElement(el, "selecttype").text = "ALL"
        ET.SubElement(el, "selectcount").text = str(len(q.options))
        ET.SubElement(el, "gradingtype").text = "ABSOLUTE_POSITION"
        ET.SubElement(el, "showgrading").text = "SHOW"
        ET.SubElement(el, "numberingstyle").text = "none"
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(el, tag, "")
        by_key = {o.key: o for o in q.options}
        for position, key in enumerate(q.answer, 1):
            option = by_key[key]
            answer = _text(el, "answer", html_text(option.text))
            answer.set("fraction", str(position))
            _text(answer, "feedback", html_text(option.rationale))
    tags = ET.SubElement(el, "tags")
    for tag in ("imid-atlas", f"topic:{q.topic}", f"type:{q.type}",
                f"difficulty:{q.difficulty}", *([f"pack:{q.pack}"] if q.pack else [])):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag


def dumps(questions: Sequence, content=None, ordering_as: str = "ordering") -> bytes:
    """A Moodle XML document (UTF-8 bytes) holding `questions`, one category per topic."""
    if ordering_as not in ("ordering", "matching"):
        raise ValueError(f"ordering_as must be 'ordering' or 'matching', not {ordering_as!r}")
    quiz = ET.Element("quiz")
    by_topic: dict[str, list] = {}
    for q in questions:
        if q.type not in QUESTION_TYPES:
            raise ValueError(f"question {q.id}: unknown type {q.type!r}")
        by_topic.setdefault(q.topic, []).append(q)
    for topic in sorted(by_topic, key=lambda t: (list(TOPICS).index(t) if t in TOPICS else 99, t)):
        category = ET.SubElement(quiz, "question", {"type": "category"})
        cat = ET.SubElement(category, "category")
        ET.SubElement(cat, "text").text = f"{CATEGORY_ROOT}/{TOPICS.get(topic, topic)}"
        _text(category, "info", f"IMiD Atlas questions on {TOPICS.get(topic, topic).lower()}.",
              "plain_text")
        for q in by_topic[topic]:
            _question(quiz, q, content, ordering_as)
    ET.indent(quiz, space="  ")
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"
