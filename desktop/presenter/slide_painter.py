"""Draws one slide into any rectangle of any painter: the projector, the presenter view's
thumbnails and the PDF handout all use this, so what the class sees is what is printed.

Type is sized for the back row: every text a class reads is at least `min_px` pixels high
(a thirtieth of the screen height on a projector); within that, the slide's text takes the
largest size that fits. A slide may carry a drawing (`desktop.core.presenter.slides`): the
timeline strip, the mechanism diagram with the step's parts highlighted, or an SVG; and a
structure (`SlideContent.figure`, drawn inside the text by `desktop.chemistry.text_objects`).
All are drawn as vector graphics, so they stay sharp on a projector and in a PDF.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPolygonF,
    QTextDocument,
    QTextOption,
)

from desktop.core.presenter.slides import (
    MechanismFigure,
    SlideContent,
    SvgFigure,
    TimelineStrip,
    fit_font_size,
)
from desktop.core.render import escape
from desktop.theme import LIGHT, ThemeColors

#: The smallest text a class reads, as a fraction of the screen height.
CLASS_MIN_FRACTION = 1 / 30
#: Text sizes relative to the slide's base size (the fit chooses the base size).
FACTORS = {
    "date": 1.45, "title": 1.2, "question": 1.0, "kicker": 0.72, "lines": 0.85,
    "items": 0.8, "option": 0.9, "answer": 0.85, "explanation": 0.72, "prompt": 0.72,
    "source": 0.72, "drug": 0.8,
}
SMALLEST_FACTOR = min(FACTORS.values())
#: Without Ctrl+=, the base text is at most a ninth of the slide's height.
CAP_FRACTION = 1 / 9
#: Print colours: the light theme on white paper.
PRINT_COLORS = dataclasses.replace(LIGHT, name="print", window="#ffffff", base="#ffffff")


@dataclass
class SlideView:
    """How a slide is shown: revealed or not, the class's votes, the drug highlighted."""

    revealed: bool = False
    tally: dict[str, int] = field(default_factory=dict)
    drug: str = ""
    drug_name: str = ""
    drug_note: str = ""
    drug_nodes: tuple[str, ...] = ()
    drug_color: str = ""
    #: the projector says "Press R to reveal"; thumbnails and handouts do not
    prompt: bool = True


@dataclass
class PaintedSlide:
    """What was drawn: the base size, every text element's pixel size, the parts' places."""

    base: float = 0.0
    sizes: list[tuple[str, float]] = field(default_factory=list)
    text_rect: QRectF = field(default_factory=QRectF)
    figure_rect: QRectF | None = None
    document: QTextDocument | None = None
    fits: bool = True
    dropped: int = 0
    min_px: float = 0.0

    @property
    def smallest(self) -> float:
        return min((px for _, px in self.sizes), default=0.0)


# -- text --------------------------------------------------------------------------------------


def _lines_html(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def slide_parts(slide: SlideContent, view: SlideView, colors: ThemeColors
                ) -> list[tuple[str, str, int]]:
    """The slide's text as (role, html with {px} for the role's size, drop rank) parts.

    Rank 0 parts always show; higher ranks are left out first (3, then 2, then 1) when the
    slide would otherwise need type smaller than the class can read.
    """
    parts: list[tuple[str, str, int]] = []

    def add(role: str, html: str, rank: int = 0, tag: str = "p", style: str = "") -> None:
        parts.append((role, f"<{tag} style='font-size:{{px}}px; {style}'>{html}</{tag}>", rank))

    kind = slide.kind
    if slide.kicker:
        add("kicker", escape(slide.kicker), 2, style=f"color:{colors.muted}")
    if slide.date and kind == "event":
        add("date", escape(slide.date), style=f"color:{colors.accent}; font-weight:700")
    title_role = "question" if kind == "question" else "title"
    add(title_role, escape(slide.title), style="font-weight:600")
    if slide.figure:  # a structure, drawn as a vector by layout_document
        parts.append(("structure", "{structure}", 0))
    if slide.date and kind == "era":
        add("lines", escape(slide.date), style=f"color:{colors.accent}; font-weight:700")
    # A revealed matching question shows its pairs in the answer: the lists go.
    pairs_shown = view.revealed and kind == "question" and slide.options and \
        not slide.correct and bool(slide.answer_text)
    if kind in ("event", "era", "step"):
        for line in slide.lines:
            add("lines", escape(line))
    elif slide.body and not pairs_shown:
        for paragraph in slide.body.split("\n\n"):
            add("lines", _lines_html(paragraph))
    if slide.items:
        rows = "".join(
            f"<tr><td style='color:{colors.accent}; padding-right:0.6em; white-space:nowrap'>"
            f"{escape(date)}</td><td>{escape(text)}</td></tr>" for date, text in slide.items)
        parts.append(("items", f"<table style='font-size:{{px}}px' cellspacing='0' "
                      f"cellpadding='2'>{rows}</table>", 1))
    if kind == "step" and view.drug_name:
        add("drug", f"<b>{escape(view.drug_name)}</b>"
            + (f": {escape(view.drug_note)}" if view.drug_note else ""), 1,
            style=f"color:{view.drug_color or colors.accent}")
    revealed = view.revealed
    for letter, text in (() if pairs_shown else slide.options):
        right = revealed and letter in slide.correct
        colour = colors.good if right else colors.text
        mark = " ✔" if right else ""
        votes = view.tally.get(letter, 0)
        count = f" <span style='color:{colors.muted}'>({votes})</span>" if votes else ""
        add("option", f"<b>{letter}.</b> {escape(text)}{mark}{count}", style=f"color:{colour}")
    if revealed and slide.answer_text:
        # With lettered options the right ones are marked ✔: the answer line repeats them
        # and is the first to go when space is short.
        marked = bool(slide.options) and bool(slide.correct) and kind == "question" \
            and not slide.answer_text.startswith("Correct order")
        add("answer", f"<b>{_lines_html(slide.answer_text)}</b>", 1 if marked else 0,
            style=f"color:{colors.good}")
        if slide.explanation and kind == "question":
            add("explanation", escape(slide.explanation), 3)
    elif slide.hidden_until_reveal and view.prompt:
        add("prompt", "Press R to reveal", 2, style=f"color:{colors.muted}")
    if slide.source_label and (revealed or not slide.hidden_until_reveal):
        add("source", f"Source: {escape(slide.source_label)}", 2,
            style=f"color:{colors.muted}")
    return parts


def slide_html(slide: SlideContent, revealed: bool, tally, colors: ThemeColors,
               base: float = 32.0, view: SlideView | None = None, dropped: int = 0) -> str:
    """The slide's text as HTML at base size `base` (every size in pixels: Qt's rich text
    ignores percentages). `dropped` leaves out that many drop ranks (3, 2, 1)."""
    if view is None:
        view = SlideView(revealed=revealed, tally=dict(tally.as_list()) if tally else {})
    limit = 3 - dropped
    html = []
    for role, part, rank in slide_parts(slide, view, colors):
        if rank and rank > limit:
            continue
        if role == "structure":
            from desktop.chemistry.text_objects import structure_img
            from desktop.core.chemistry.drawings import scheme_for

            scheme = scheme_for(colors.name, colors.dark)
            html.append(f"<p align='center'>{structure_img(slide.figure, base * 7, scheme)}</p>")
            continue
        html.append(part.replace("{px}", str(max(1, round(base * FACTORS[role])))))
    return f"<div style='color:{colors.text}'>{''.join(html)}</div>"


def layout_document(html: str, width: float, font: QFont | None = None) -> QTextDocument:
    document = QTextDocument()
    if font is not None:
        document.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    document.setHtml(html)
    if "structure:" in html:  # structure drawings as vectors (desktop.chemistry.text_objects)
        from desktop.chemistry.text_objects import embed_structures

        embed_structures(document)
    document.setTextWidth(width)
    return document


def document_pixel_sizes(document: QTextDocument) -> list[float]:
    """The pixel size of every run of text in a laid-out document (what the class reads)."""
    sizes = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid() and fragment.text().replace("\ufffc", "").strip():
                font = fragment.charFormat().font()
                px = font.pixelSize()
                if px <= 0:
                    px = font.pointSizeF() * 96 / 72
                sizes.append(float(px))
            iterator += 1
        block = block.next()
    return sizes


def smallest_factor(slide: SlideContent, view: SlideView, dropped: int = 0) -> float:
    """The factor of the smallest text the slide shows once `dropped` ranks are left out."""
    limit = 3 - dropped
    factors = [FACTORS[role] for role, _, rank in slide_parts(slide, view, PRINT_COLORS)
               if (not rank or rank <= limit) and role in FACTORS]
    return min(factors, default=SMALLEST_FACTOR)


def fit_text(slide: SlideContent, view: SlideView, colors: ThemeColors, width: float,
             height: float, min_px: float, scale: float = 1.0,
             cap_px: float | None = None) -> tuple[QTextDocument, float, int, bool]:
    """(document, base, parts dropped, fits): the largest base size whose text fits
    width x height with no text smaller than `min_px`, leaving out optional parts (sources,
    explanations, the reveal prompt) only when the slide cannot fit otherwise."""
    for dropped in range(4):
        smallest_base = min_px / smallest_factor(slide, view, dropped)
        cap = max(smallest_base, (cap_px if cap_px is not None else height * CAP_FRACTION)
                  * max(scale, 1.0))

        def fits(size: float, dropped=dropped) -> bool:
            doc = layout_document(slide_html(slide, False, None, colors, size, view, dropped),
                                  width)
            return doc.size().height() <= height and doc.idealWidth() <= width + 1

        if fits(smallest_base):
            best = fit_font_size(fits, smallest_base, cap, precision=1.0)
            if scale < 1.0:  # Ctrl+-: smaller than what fits, never below readable
                best = max(smallest_base, best * scale)
            html = slide_html(slide, False, None, colors, best, view, dropped)
            return layout_document(html, width), best, dropped, True
    smallest_base = min_px / smallest_factor(slide, view, 3)
    html = slide_html(slide, False, None, colors, smallest_base, view, 3)
    return layout_document(html, width), smallest_base, 3, False


def text_height(slide: SlideContent, view: SlideView, colors: ThemeColors, width: float,
                min_px: float) -> float:
    """The height the slide's text needs at the smallest readable size (optional parts
    kept when the text still takes less than half of a 16:9 slide of that width)."""
    for dropped in range(4):
        base = min_px / smallest_factor(slide, view, dropped)
        doc = layout_document(slide_html(slide, False, None, colors, base, view, dropped),
                              width)
        if doc.size().height() <= width * 9 / 16 * 0.45 or dropped == 3:
            return doc.size().height()
    return 0.0


# -- the timeline strip ------------------------------------------------------------------------


def strip_height(min_px: float, height: float) -> float:
    return max(min_px * 3.2, height * 0.15)


def paint_strip(painter: QPainter, rect: QRectF, strip: TimelineStrip, colors: ThemeColors,
                min_px: float, base_font: QFont | None = None) -> float:
    """The whole timeline as a bar with era bands and event ticks, the slide's event (or
    era) marked, and years at both ends and under the mark. Returns the label pixel size."""
    px = max(min_px, rect.height() * 0.26)
    font = QFont(base_font) if base_font is not None else QFont()
    font.setPixelSize(round(px))
    metrics = QFontMetricsF(font)
    bar_h = max(4.0, rect.height() * 0.2)
    top = rect.top() + max(px * 0.9, rect.height() * 0.22)
    left, width = rect.left(), rect.width()
    bar = QRectF(left, top, width, bar_h)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fills = colors.era_fill or (colors.alt_base, colors.base)
    for i, (_name, start, end) in enumerate(strip.eras):
        x0 = left + strip.position(start) * width
        x1 = left + strip.position(end) * width
        painter.fillRect(QRectF(x0, top, max(1.0, x1 - x0), bar_h), QColor(fills[i % len(fills)]))
    painter.setPen(QPen(QColor(colors.border), max(1.0, bar_h * 0.08)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(bar)
    tick_pen = QPen(QColor(colors.muted), max(1.0, width / 900))
    painter.setPen(tick_pen)
    for year in strip.ticks:
        x = left + strip.position(year) * width
        painter.drawLine(QPointF(x, top + bar_h * 0.25), QPointF(x, top + bar_h * 0.75))
    painter.setPen(QPen(QColor(colors.text), max(1.5, width / 500)))
    for year in strip.neighbours:
        x = left + strip.position(year) * width
        painter.drawLine(QPointF(x, top), QPointF(x, top + bar_h))
    accent = QColor(colors.accent)
    start_x = left + strip.position(strip.here[0]) * width
    end_x = left + strip.position(strip.here[1]) * width
    if end_x - start_x > width * 0.01:  # a span (an era): outlined on the bar
        painter.setPen(QPen(accent, max(2.0, bar_h * 0.25)))
        highlight = QColor(accent)
        highlight.setAlphaF(0.35)
        painter.setBrush(highlight)
        painter.drawRect(QRectF(start_x, top - bar_h * 0.2, end_x - start_x, bar_h * 1.4))
        mark_x = (start_x + end_x) / 2
    else:
        mark_x = start_x
        painter.setPen(QPen(accent, max(3.0, width / 300)))
        painter.drawLine(QPointF(mark_x, top - bar_h * 0.3), QPointF(mark_x, top + bar_h * 1.3))
        size = bar_h * 0.9
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawPolygon(QPolygonF([QPointF(mark_x - size, top - bar_h * 0.3 - size * 1.2),
                                       QPointF(mark_x + size, top - bar_h * 0.3 - size * 1.2),
                                       QPointF(mark_x, top - bar_h * 0.3)]))
    painter.setFont(font)
    baseline = top + bar_h + metrics.ascent() + bar_h * 0.3
    label_w = metrics.horizontalAdvance(strip.label)
    label_x = min(max(mark_x - label_w / 2, left), left + width - label_w)
    ends = [(strip.start_label, left), (strip.end_label,
                                        left + width - metrics.horizontalAdvance(strip.end_label))]
    painter.setPen(QColor(colors.muted))
    for text, x in ends:
        w = metrics.horizontalAdvance(text)
        if x + w + px * 0.5 < label_x or x > label_x + label_w + px * 0.5:
            painter.drawText(QPointF(x, baseline), text)
    painter.setPen(accent if colors.name == "high-contrast" else QColor(colors.text))
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.drawText(QPointF(label_x, baseline), strip.label)
    painter.restore()
    return px


# -- the mechanism diagram ---------------------------------------------------------------------

_GROUP_OPACITY = re.compile(r'(<g\b[^>]*?)\s+opacity="([0-9.]+)"\s*>(.*?)</g>', re.DOTALL)
_PART_OPACITY = re.compile(r'((?:fill|stroke)-opacity)="([0-9.]+)"')


def flatten_group_opacity(svg: str) -> str:
    """Qt's SVG writer dims a group with `opacity`, which a PDF can only draw as a picture;
    the same dimming as fill and stroke opacity keeps the group vector graphics (Qt writes
    flat groups, so the dimmed parts never overlap within one)."""

    def group(match: re.Match) -> str:
        factor = float(match.group(2))

        def part(inner: re.Match) -> str:
            return f'{inner.group(1)}="{float(inner.group(2)) * factor:.3g}"'

        head = _PART_OPACITY.sub(part, match.group(1))
        if "fill-opacity" not in head:
            head += f' fill-opacity="{factor:.3g}"'
        if "stroke-opacity" not in head:
            head += f' stroke-opacity="{factor:.3g}"'
        return f"{head} >{_PART_OPACITY.sub(part, match.group(3))}</g>"

    return _GROUP_OPACITY.sub(group, svg)



class MechanismPicture:
    """The mechanism diagram, built once per theme in an off-screen canvas
    (`desktop.mechanism.diagram_canvas`), drawn for a step with its parts highlighted."""

    def __init__(self, content, colors: ThemeColors):
        from desktop.core.mechanism.diagram import load_diagram
        from desktop.mechanism.diagram_canvas import DiagramCanvas

        self.diagram = load_diagram(content)
        self.colors = colors
        self.canvas = DiagramCanvas(colors)
        self.canvas.auto_fit = False
        self.canvas.set_diagram(self.diagram, {})

    def label_pixel_size(self) -> float:
        from PySide6.QtGui import QFontInfo

        style = self.canvas.style
        return float(QFontInfo(style.fonts["label"]).pixelSize()) if style else 12.0

    def region(self, figure: MechanismFigure, extra_nodes=()) -> QRectF:
        """The part of the diagram a step is about: its parts and edges, with a margin."""
        canvas = self.canvas
        area = QRectF()
        for node_id in (*figure.nodes, *extra_nodes):
            item = canvas.items.get(node_id)
            if item is not None:
                area = area.united(item.sceneBoundingRect())
        for edge_id in figure.edges:
            item = canvas.edge_items.get(edge_id)
            if item is not None:
                area = area.united(item.path.boundingRect())
        scene = canvas.scene().sceneRect()
        if area.isEmpty():
            return scene
        em = canvas.style.em if canvas.style else 12.0
        return area.adjusted(-em, -em, em, em).intersected(scene.adjusted(-em, -em, em, em))

    def svg(self, source: QRectF) -> QByteArray:
        """The part `source` of the diagram as SVG, at the screen's resolution."""
        from PySide6.QtCore import QBuffer, QIODevice, QSize
        from PySide6.QtSvg import QSvgGenerator

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setResolution(self.canvas.logicalDpiY())
        size = QSize(max(1, round(source.width())), max(1, round(source.height())))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        painter = QPainter(generator)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(self.colors.base))
        self.canvas.render_to(painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
        buffer.close()
        return QByteArray(flatten_group_opacity(bytes(buffer.data()).decode("utf-8"))
                          .encode("utf-8"))

    def scale_for(self, figure: MechanismFigure, target: QRectF, max_label_px: float,
                  extra_nodes=()) -> float:
        region = self.region(figure, extra_nodes)
        if region.isEmpty() or target.isEmpty():
            return 0.0
        scale = min(target.width() / region.width(), target.height() / region.height())
        return min(scale, max_label_px / self.label_pixel_size())

    def paint(self, painter: QPainter, target: QRectF, figure: MechanismFigure,
              view: SlideView, max_label_px: float) -> float:
        """Draw the step (zoomed onto its parts, the rest dimmed around them) filling
        `target`; returns the pixel size of the labels as drawn."""
        canvas = self.canvas
        canvas.set_emphasis(set(figure.nodes), set(figure.edges))
        canvas.set_drug_overlay(set(view.drug_nodes), view.drug_color)
        scale = self.scale_for(figure, target, max_label_px)
        if scale <= 0:
            return 0.0
        center = self.region(figure).center()
        source = QRectF(0, 0, target.width() / scale, target.height() / scale)
        source.moveCenter(center)
        scene = canvas.scene().sceneRect()
        # Keep the picture on the diagram: slide the window back inside where it can.
        if source.width() <= scene.width():
            source.moveLeft(min(max(source.left(), scene.left()), scene.right() - source.width()))
        if source.height() <= scene.height():
            source.moveTop(min(max(source.top(), scene.top()), scene.bottom() - source.height()))
        painter.save()
        painter.setClipRect(target)
        painter.fillRect(target, QColor(self.colors.base))
        # The diagram's fonts are in points: on a device of another resolution (a PDF at
        # 600 dpi) they would grow against the boxes, so the part shown goes through an SVG
        # drawn at the screen's resolution, then onto the device (still vector graphics).
        device = painter.device()
        if device is not None and device.logicalDpiY() != canvas.logicalDpiY():
            from PySide6.QtSvg import QSvgRenderer

            QSvgRenderer(self.svg(source)).render(painter, target)
            painter.restore()
            return self.label_pixel_size() * scale
        canvas.render_to(painter, target, source)
        painter.restore()
        return self.label_pixel_size() * scale


# -- SVG drawings ------------------------------------------------------------------------------


def paint_svg(painter: QPainter, target: QRectF, figure: SvgFigure, colors: ThemeColors,
              min_px: float) -> float:
    """An SVG drawing fitted into `target` (aspect kept), its caption under it."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(figure.svg.encode("utf-8")))
    caption_h = min_px * 1.6 if figure.caption else 0.0
    area = target.adjusted(0, 0, 0, -caption_h)
    if renderer.isValid():
        size = renderer.defaultSize()
        if size.width() > 0 and size.height() > 0:
            scale = min(area.width() / size.width(), area.height() / size.height())
            box = QRectF(0, 0, size.width() * scale, size.height() * scale)
            box.moveCenter(area.center())
            renderer.render(painter, box)
    if figure.caption:
        font = QFont()
        font.setPixelSize(round(min_px))
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(colors.muted))
        painter.drawText(QRectF(target.left(), target.bottom() - caption_h, target.width(),
                                caption_h), int(Qt.AlignmentFlag.AlignCenter), figure.caption)
        painter.restore()
    return min_px if figure.caption else 0.0


# -- the whole slide ---------------------------------------------------------------------------


class SlidePainter:
    """Lays out and draws slides for one content database and one set of colours."""

    def __init__(self, content, colors: ThemeColors):
        self.content = content
        self.colors = colors
        self._mechanism: MechanismPicture | None = None

    def mechanism(self) -> MechanismPicture:
        if self._mechanism is None or self._mechanism.colors is not self.colors:
            self._mechanism = MechanismPicture(self.content, self.colors)
        return self._mechanism

    @staticmethod
    def margins(rect: QRectF) -> QRectF:
        mx = max(8.0, rect.width() * 0.045)
        my = max(6.0, rect.height() * 0.05)
        return rect.adjusted(mx, my, -mx, -my)

    def layout(self, rect: QRectF, slide: SlideContent, view: SlideView,
               screen_height: float | None = None, scale: float = 1.0) -> PaintedSlide:
        """Where the text and the figure of `slide` go in `rect`, and at which sizes.

        `screen_height` is the height of the screen the class looks at (the slide's own
        height when it fills the screen); no text is smaller than a thirtieth of it.
        """
        colors = self.colors
        screen_height = screen_height or rect.height()
        min_px = screen_height * CLASS_MIN_FRACTION
        result = PaintedSlide(min_px=min_px)
        area = self.margins(rect)
        figure = slide.drawing
        text_rect = QRectF(area)
        figure_rect: QRectF | None = None
        cap_px = None
        if isinstance(figure, TimelineStrip):
            strip_h = strip_height(min_px, area.height())
            text_rect = QRectF(area.left(), area.top(), area.width(),
                               area.height() - strip_h - min_px)
            figure_rect = QRectF(area.left(), area.bottom() - strip_h, area.width(), strip_h)
        elif isinstance(figure, MechanismFigure):
            text_rect, figure_rect = self._mechanism_layout(slide, view, area, min_px, scale)
            cap_px = min_px / SMALLEST_FACTOR * 1.35
        elif isinstance(figure, SvgFigure):
            gap = area.width() * 0.03
            text_rect = QRectF(area.left(), area.top(), area.width() * 0.58, area.height())
            figure_rect = QRectF(text_rect.right() + gap, area.top(),
                                 area.width() - text_rect.width() - gap, area.height())
        document, base, dropped, fits = fit_text(slide, view, colors, text_rect.width(),
                                                 text_rect.height(), min_px, scale, cap_px)
        result.base, result.document, result.dropped, result.fits = base, document, dropped, fits
        result.sizes += [("text", px) for px in document_pixel_sizes(document)]
        result.text_rect, result.figure_rect = text_rect, figure_rect
        if figure_rect is not None:
            result.sizes += self._paint_figure(None, figure_rect, slide, view, min_px)
        return result

    def draw(self, painter: QPainter, rect: QRectF, slide: SlideContent, view: SlideView,
             painted: PaintedSlide, background: bool = True) -> PaintedSlide:
        """Draw `slide` as laid out by `layout` (the figure's sizes are measured again)."""
        if background:
            painter.fillRect(rect, QColor(self.colors.window))
        document, text_rect, figure_rect = painted.document, painted.text_rect, \
            painted.figure_rect
        figure = slide.drawing
        height = document.size().height()
        top = text_rect.top()
        if figure_rect is None or isinstance(figure, SvgFigure):
            top += max(0.0, (text_rect.height() - height) / 2)
        painter.save()
        painter.translate(text_rect.left(), top)
        document.drawContents(painter, QRectF(0, 0, text_rect.width(), height + 1))
        painter.restore()
        if figure_rect is not None:
            measured = self._paint_figure(painter, figure_rect, slide, view, painted.min_px)
            painted.sizes = [s for s in painted.sizes if s[0] == "text"] + measured
        return painted

    def paint(self, painter: QPainter, rect: QRectF, slide: SlideContent, view: SlideView,
              screen_height: float | None = None, scale: float = 1.0,
              background: bool = True) -> PaintedSlide:
        """Lay out and draw `slide` in `rect`."""
        painted = self.layout(rect, slide, view, screen_height, scale)
        return self.draw(painter, rect, slide, view, painted, background)

    def _mechanism_layout(self, slide: SlideContent, view: SlideView, area: QRectF,
                          min_px: float, scale: float) -> tuple[QRectF, QRectF]:
        """Diagram above the text or beside it: whichever shows the step's parts larger
        while the text stays readable."""
        picture = self.mechanism()
        figure = slide.drawing
        gap = min_px
        max_label = min_px * 1.6
        # Beside: the text in the right 40%, at the size that fits.
        text_w = area.width() * 0.4
        beside_text = QRectF(area.right() - text_w, area.top(), text_w, area.height())
        beside_fig = QRectF(area.left(), area.top(), area.width() - text_w - gap, area.height())
        beside_ok = fit_text(slide, view, self.colors, text_w, area.height(), min_px, scale)[3]
        beside_scale = picture.scale_for(figure, beside_fig, max_label) \
            if beside_ok else 0.0
        # Above: the text under the diagram at the smallest readable size.
        text_h = min(text_height(slide, view, self.colors, area.width(), min_px) + gap,
                     area.height() * 0.6)
        above_fig = QRectF(area.left(), area.top(), area.width(), area.height() - text_h - gap)
        above_text = QRectF(area.left(), above_fig.bottom() + gap, area.width(), text_h)
        above_scale = picture.scale_for(figure, above_fig, max_label)
        if beside_scale > above_scale:
            return beside_text, beside_fig
        return above_text, above_fig

    def _paint_figure(self, painter: QPainter | None, rect: QRectF, slide: SlideContent,
                      view: SlideView, min_px: float) -> list[tuple[str, float]]:
        figure = slide.drawing
        sizes: list[tuple[str, float]] = []
        if isinstance(figure, TimelineStrip):
            if painter is not None:
                sizes.append(("strip", paint_strip(painter, rect, figure, self.colors, min_px)))
            else:
                sizes.append(("strip", max(min_px, rect.height() * 0.26)))
        elif isinstance(figure, MechanismFigure):
            picture = self.mechanism()
            if painter is not None:
                sizes.append(("diagram", picture.paint(painter, rect, figure, view,
                                                       min_px * 1.6)))
            else:
                scale = picture.scale_for(figure, rect, min_px * 1.6)
                sizes.append(("diagram", picture.label_pixel_size() * scale))
        else:
            figures = [figure] if figure is not None else []
            if figures and painter is not None:
                each = rect.height() / len(figures)
                for i, item in enumerate(figures):
                    part = QRectF(rect.left(), rect.top() + i * each, rect.width(), each)
                    if isinstance(item, SvgFigure):
                        px = paint_svg(painter, part, item, self.colors, min_px)
                        if px:
                            sizes.append(("caption", px))
        return sizes
