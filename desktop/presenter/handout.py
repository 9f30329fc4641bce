"""A lesson as a PDF handout: one page per slide, then the answers and sources.

Made with Qt's own PDF writer (QPdfWriter), so no extra library and no network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop import APP_NAME
from desktop.core.presenter.slides import SlideContent, SlideRef, slide_content
from desktop.core.render import escape

PAGE_BREAK = "<p style='page-break-before: always'></p>"


def handout_html(content, slides: list[SlideRef], title: str) -> str:
    """The handout as HTML with a page break before each slide and before the answers."""
    pages = [f"<h1>{escape(title)}</h1><p>{len(slides)} slides · prepared with {APP_NAME}. "
             "For education only; not medical advice.</p>"]
    answers = []
    number = 0
    for index, slide in enumerate(slides, 1):
        if slide.kind == "question":
            number += 1
        item: SlideContent = slide_content(content, slide, number if slide.kind == "question"
                                           else None)
        page = [f"<p style='color:#555'>Slide {index}"
                + (f" · {escape(item.kicker)}" if item.kicker else "") + "</p>",
                f"<h2>{escape(item.title)}</h2>"]
        if item.body:
            page += [f"<p>{escape(p).replace(chr(10), '<br>')}</p>"
                     for p in item.body.split("\n\n")]
        if item.options:
            page.append("<ol type='A'>" + "".join(f"<li>{escape(text)}</li>"
                                                  for _, text in item.options) + "</ol>")
        if item.figure:  # the structure, drawn as a vector in the PDF (write_handout)
            from desktop.chemistry.text_objects import structure_img

            page.append(f"<p align='center'>{structure_img(item.figure, 420, 'light')}</p>")
        if item.kind == "term":
            page.append("<p><i>Define this term, then check the answers at the end.</i></p>")
        pages.append(PAGE_BREAK + "".join(page))
        lines = []
        if item.answer_text:
            lines.append(f"<p><b>{escape(item.answer_text)}</b></p>")
        if item.explanation:
            lines.append(f"<p>{escape(item.explanation)}</p>")
        if item.sources:
            lines.append("<p style='color:#444'>Sources: "
                         + "; ".join(escape(s) for s in item.sources) + "</p>")
        if lines:
            answers.append(f"<h3>Slide {index}: {escape(item.title[:120])}</h3>" + "".join(lines))
    pages.append(PAGE_BREAK + "<h1>Answers and sources</h1>" + "".join(answers))
    return "".join(pages)


def write_handout(content, slides: list[SlideRef], title: str, path: Path) -> Path:
    """Write the PDF handout to `path` and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setHtml(handout_html(content, slides, title))
    from desktop.chemistry.text_objects import embed_structures

    embed_structures(document, "light")
    document.print_(writer)  # paginates a copy to the writer's page size
    return path
