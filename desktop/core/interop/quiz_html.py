"""Quiz questions as one HTML page: a worksheet to print or share, then its answers.

`imid-atlas export quiz --format html -o FILE` and File > Export > Quiz questions as HTML. Each
question shows its stem and options, in the order the other exports use (`export_order`: an
ordering question's items never in the right order, a key never where it was authored); the
answers follow, with the explanation. Where the answer is a drug, its structure is drawn beside
the answer, and the drug-structure questions show their drawings with the stem. Drawings are
inline SVG (vector, print sharply) with a text alternative; a drawing a question asks about
carries a neutral one ("Structure A: ..."), never the molecule's name.
"""

from __future__ import annotations

import re

from db.content_format import QUESTION_TYPES, TOPICS
from desktop.core.render import escape, render_markdown

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STYLE = """
body { font-family: sans-serif; max-width: 50em; margin: 2em auto; padding: 0 1em;
       color: #1b1f24; line-height: 1.45; }
section { margin: 1.6em 0; page-break-inside: avoid; }
h2 { font-size: 1.05em; margin-bottom: 0.3em; }
.meta { color: #5a6472; font-size: 0.85em; }
figure { display: inline-block; margin: 0.5em 1em 0.5em 0; vertical-align: top; }
figure svg { max-width: 22em; height: auto; }
figcaption { font-size: 0.85em; max-width: 26em; }
.answers { page-break-before: always; }
"""


def _inline(svg: str, prefix: str) -> str:
    """An SVG drawing ready to sit in the page: no XML declaration, its ids made unique."""
    svg = svg.split("?>", 1)[1].strip() if svg.startswith("<?xml") else svg
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    return svg.replace('aria-labelledby="title desc"',
                       f'aria-labelledby="{prefix}-title {prefix}-desc"', 1)


def _neutral(svg: str, label: str, alt: str) -> str:
    """`svg` with a title and description that do not name the molecule."""
    svg = re.sub(r' data-structure="[^"]*"', "", svg, count=1)
    svg = re.sub(r'<title id="title">.*?</title>', f'<title id="title">{escape(label)}</title>',
                 svg, count=1, flags=re.S)
    return re.sub(r'<desc id="desc">.*?</desc>', f'<desc id="desc">{escape(alt)}</desc>', svg,
                  count=1, flags=re.S)


def _inline_markdown(text: str) -> str:
    """Markdown of an option or pair (sanitised), without the paragraph around it."""
    html = render_markdown(text or "").strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def _question_figures(content, question, number: int) -> str:
    from desktop.core.chemistry.drawings import drawing_svg, neutral_alt_text, only_part
    from desktop.core.quiz.structure_questions import PREFIX, figures_for

    if not question.id.startswith(PREFIX):
        return ""
    shown = []
    for n, figure in enumerate(figures_for(content, question.id)):
        structure = content.structure(figure.structure_id)
        svg = drawing_svg(figure.structure_id) if structure is not None else None
        if svg is None:
            continue
        if figure.part:
            svg = only_part(svg, figure.part)
        alt = neutral_alt_text(structure, figure.label, figure.part)
        svg = _inline(_neutral(svg, figure.label, alt), f"q{number}-figure{n + 1}")
        shown.append(f"<figure>{svg}<figcaption><strong>{escape(figure.label)}</strong>"
                     f"</figcaption></figure>")
    return f'<div class="figures">{"".join(shown)}</div>' if shown else ""


def _answer_figure(content, question, number: int) -> str:
    from desktop.core.chemistry.drawings import alt_text_for, drawing_svg, structure_for_answer

    structure = structure_for_answer(content, question) if hasattr(content, "structures") \
        else None
    svg = drawing_svg(structure.id) if structure is not None else None
    if svg is None:
        return ""
    return (f'<figure class="answer-structure">{_inline(svg, f"a{number}-structure")}'
            f"<figcaption>{escape(alt_text_for(structure))}</figcaption></figure>")


def _rights(question) -> list[str]:
    """A matching question's right-hand items in the order the page lists them."""
    from desktop.core.interop.common import matching_choice_order

    return [question.pairs[i].right for i in matching_choice_order(question)]


def _body(question) -> str:
    """The options as the person sees them, without marking the answer."""
    if question.type == "matching":
        left = "".join(f"<li>{_inline_markdown(p.left)}</li>" for p in question.pairs)
        right = "".join(f"<li>{_inline_markdown(r)}</li>" for r in _rights(question))
        return (f'<p>Match each item on the left with one on the right.</p>'
                f'<ol class="left">{left}</ol><ol type="A" class="right">{right}</ol>')
    if question.type == "ordering":
        intro = "<p>Put these in order.</p>"
    else:
        intro = "<p>Choose all that apply.</p>" if question.type == "multi" else ""
    items = "".join(f"<li>{_inline_markdown(o.text)}</li>" for o in question.options)
    return f'{intro}<ol type="A" class="options">{items}</ol>'


def _answer(question) -> str:
    """The answer in words: letters and texts as the worksheet showed them."""
    if question.type == "matching":
        rights = _rights(question)
        rows = "".join(f"<li>{_inline_markdown(p.left)} → {LETTERS[rights.index(p.right)]}. "
                       f"{_inline_markdown(p.right)}</li>" for p in question.pairs)
        return f"<ol>{rows}</ol>"
    letter = {o.key: LETTERS[n] for n, o in enumerate(question.options)}
    if question.type == "ordering":
        by_key = {o.key: o for o in question.options}
        rows = "".join(f"<li>{letter[k]}. {_inline_markdown(by_key[k].text)}</li>"
                       for k in question.answer if k in by_key)
        return f"<ol>{rows}</ol>"
    from desktop.core.quiz.scoring import correct_keys

    keys = correct_keys(question)
    return "<p>" + "; ".join(f"<strong>{letter[o.key]}.</strong> {_inline_markdown(o.text)}"
                             for o in question.options if o.key in keys) + "</p>"


def dumps(questions, content) -> str:
    """The whole page for `questions` (records of `content`)."""
    as_of = content.meta.get("content_as_of", "") if content is not None else ""
    from desktop.core.interop.common import export_order

    asked, answered = [], []
    for number, q in enumerate((export_order(q) for q in questions), start=1):
        kind = QUESTION_TYPES.get(q.type, q.type)
        topic = TOPICS.get(q.topic, q.topic)
        figures = _question_figures(content, q, number) if content is not None else ""
        asked.append(
            f'<section class="question" id="q{number}"><h2>Question {number}</h2>'
            f'<p class="meta">{escape(topic)} · {escape(kind)}</p>{figures}'
            f"{render_markdown(q.stem)}{_body(q)}</section>")
        figure = _answer_figure(content, q, number) if content is not None else ""
        explanation = render_markdown(q.explanation) if q.explanation else ""
        answered.append(
            f'<section class="answer" id="a{number}"><h2>Answer {number}</h2>'
            f"{_answer(q)}{figure}{explanation}</section>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>IMiD Atlas: quiz questions</title>"
            f"<style>{STYLE}</style></head><body><h1>Quiz questions</h1>"
            f"<p class=\"meta\">{len(questions)} question(s) from IMiD Atlas content as of "
            f"{escape(as_of)}. The answers follow the questions. For study; not medical "
            "advice.</p>" + "".join(asked)
            + '<div class="answers"><h1>Answers</h1>' + "".join(answered)
            + "</div></body></html>\n")
