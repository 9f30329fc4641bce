"""A lesson as a PDF handout: 2, 4 or 6 slides per page with lines for notes, then the
answer key and the sources; the lesson title and page numbers on every page; A4 or Letter.

Slides are drawn by the same painter as the projector (`slide_painter`), laid out at a
projector's size and scaled onto the page, so the timeline strip, the mechanism diagram
and any SVG figure are vector graphics in the PDF. Questions and terms are printed without
their answers. Made with Qt's own PDF writer: no extra library, no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from desktop import APP_NAME
from desktop.core.presenter.handout import (
    FOOTER,
    MARGIN,
    PAPER_SIZES,
    Box,
    answer_key,
    handout_layout,
    source_list,
)
from desktop.core.presenter.slides import (
    SlideContent,
    SlideRef,
    question_numbers,
    slide_content,
)
from desktop.core.render import escape
from desktop.presenter.slide_painter import PRINT_COLORS, SlidePainter, SlideView

#: The projector a printed slide is laid out for (then scaled onto the page).
VIRTUAL_SCREEN = QSizeF(1600, 900)
PAGE_IDS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 600  # dots per inch of the PDF's drawing grid (text and shapes stay vector)


@dataclass(frozen=True)
class HandoutOptions:
    """What the teacher chose: slides per page, lines for notes, the paper."""

    per_page: int = 4
    lines: bool = True
    paper: str = "A4"


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.w, box.h)


def _font(points: float, bold: bool = False) -> QFont:
    """A font of `points` printed points for a painter scaled to draw in points (the PDF's
    own resolution would otherwise scale it a second time)."""
    font = QFont()
    font.setPointSizeF(points * 72 / RESOLUTION)
    font.setBold(bold)
    return font


def key_html(contents: list[tuple[int, SlideContent]], title: str) -> str:
    """The answer key and the sources as HTML (sizes in points)."""
    entries = answer_key(contents)
    parts = [f"<h2 style='font-size:15px'>Answer key: {escape(title)}</h2>"]
    if not entries:
        parts.append("<p style='font-size:10px'>This lesson has no questions or terms to "
                     "answer.</p>")
    for entry in entries:
        why = f"<br><span style='color:#444'>{escape(entry.why)}</span>" if entry.why else ""
        answer = "<br>".join(escape(line) for line in entry.answer.split("\n"))
        parts.append(
            f"<p style='font-size:10px; margin-top:6px'><b>Slide {entry.slide} · "
            f"{escape(entry.heading)}:</b> {escape(entry.title)}<br>"
            f"<b>{answer}</b>{why}</p>")
    sources = source_list(contents)
    if sources:
        parts.append("<h3 style='font-size:12px; margin-top:12px'>Sources</h3>")
        parts += [f"<p style='font-size:9px; color:#333'>{escape(s)}</p>" for s in sources]
    parts.append(f"<p style='font-size:8px; color:#555; margin-top:10px'>Prepared with "
                 f"{escape(APP_NAME)}. For education only; not medical advice.</p>")
    return "".join(parts)


class HandoutWriter:
    """Draws a lesson's handout into a PDF file."""

    def __init__(self, content, slides: list[SlideRef], title: str,
                 options: HandoutOptions = HandoutOptions(), resolve=None):
        self.content = content
        self.slides = list(slides)
        self.title = title
        self.options = options
        numbers = question_numbers(self.slides)
        self.contents: list[tuple[int, SlideContent]] = []
        for index, slide in enumerate(self.slides):
            try:
                self.contents.append((index, slide_content(content, slide, numbers.get(index),
                                                           resolve)))
            except KeyError:
                continue  # a record no longer in the content: left out
        self.painter = SlidePainter(content, PRINT_COLORS)

    def write(self, path: Path) -> int:
        """Write the PDF; returns its number of pages."""
        options = self.options
        layout = handout_layout(len(self.contents), options.per_page, options.paper,
                                options.lines)
        width, height = PAPER_SIZES[options.paper]
        writer = QPdfWriter(str(path))
        writer.setTitle(self.title)
        writer.setCreator(APP_NAME)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(PAGE_IDS[options.paper]),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
        key = QTextDocument()
        key.setDocumentMargin(0)
        font = QFont()
        font.setPixelSize(10)
        key.setDefaultFont(font)
        key.setHtml(key_html(self.contents, self.title))
        key_area = QRectF(MARGIN, MARGIN + 22, width - 2 * MARGIN,
                          height - 2 * MARGIN - 22 - FOOTER)
        key.setTextWidth(key_area.width())
        key.setPageSize(QSizeF(key_area.width(), key_area.height()))
        key_pages = key.pageCount()
        total = len(layout.pages) + key_pages
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"could not write {path}")
        try:
            painter.scale(RESOLUTION / 72, RESOLUTION / 72)  # draw in points
            number = 0
            for page in layout.pages:
                if number:
                    writer.newPage()
                number += 1
                self._frame(painter, number, total, width, height)
                for cell in page.cells:
                    self._cell(painter, cell)
            for key_page in range(key_pages):
                writer.newPage()
                number += 1
                self._frame(painter, number, total, width, height)
                painter.save()
                painter.translate(key_area.topLeft())
                painter.translate(0, -key_page * key_area.height())
                clip = QRectF(0, key_page * key_area.height(), key_area.width(),
                              key_area.height())
                key.drawContents(painter, clip)
                painter.restore()
        finally:
            painter.end()
        return total

    def _frame(self, painter: QPainter, number: int, total: int, width: float,
               height: float) -> None:
        """The lesson title at the top, the page number at the bottom."""
        painter.save()
        painter.setFont(_font(10, bold=True))
        painter.setPen(QColor("#111111"))
        top = QRectF(MARGIN, MARGIN - 6, width - 2 * MARGIN, 18)
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.title)
        painter.setFont(_font(8.5))
        painter.setPen(QColor("#555555"))
        painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         APP_NAME)
        painter.setPen(QPen(QColor("#999999"), 0.6))
        painter.drawLine(QPointF(MARGIN, MARGIN + 14), QPointF(width - MARGIN, MARGIN + 14))
        painter.setFont(_font(9))
        painter.setPen(QColor("#333333"))
        bottom = QRectF(MARGIN, height - MARGIN - 4, width - 2 * MARGIN, 16)
        painter.drawText(bottom, int(Qt.AlignmentFlag.AlignCenter),
                         f"Page {number} of {total}")
        painter.restore()

    def _cell(self, painter: QPainter, cell) -> None:
        index, slide = self.contents[cell.index]
        painter.save()
        painter.setFont(_font(8, bold=True))
        painter.setPen(QColor("#333333"))
        kind = {"question": "Question", "term": "Term", "step": "Mechanism",
                "event": "Event", "era": "Era"}.get(slide.kind, "")
        painter.drawText(_rect(cell.label), int(Qt.AlignmentFlag.AlignLeft
                                               | Qt.AlignmentFlag.AlignVCenter),
                         f"Slide {index + 1}" + (f" · {kind}" if kind else ""))
        target = _rect(cell.slide)
        full = QRectF(0, 0, VIRTUAL_SCREEN.width(), VIRTUAL_SCREEN.height())
        view = SlideView(prompt=False)
        painted = self.painter.layout(full, slide, view, full.height())
        painter.save()
        painter.translate(target.topLeft())
        scale = target.width() / full.width()
        painter.scale(scale, scale)
        painter.setClipRect(full)
        self.painter.draw(painter, full, slide, view, painted, background=True)
        painter.restore()
        painter.setPen(QPen(QColor("#777777"), 0.7))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target)
        if cell.lines:
            painter.setPen(QPen(QColor("#b0b0b0"), 0.5))
            for y in cell.lines:
                painter.drawLine(QPointF(cell.line_x[0], y), QPointF(cell.line_x[1], y))
        painter.restore()


def write_handout(content, slides: list[SlideRef], title: str, path: Path,
                  options: HandoutOptions = HandoutOptions(), resolve=None) -> Path:
    """Write the PDF handout to `path` (through a temporary file: a failure leaves no
    half-written PDF) and return it."""
    from desktop.core.files import atomic_target

    path = Path(path)
    with atomic_target(path) as temporary:
        HandoutWriter(content, slides, title, options, resolve).write(temporary)
        if not temporary.exists() or temporary.stat().st_size == 0:
            raise OSError(f"could not write {path}")
    return path
