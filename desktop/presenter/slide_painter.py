"""Draws one slide into any rectangle of any painter: the projector, the presenter view's
thumbnails and the PDF handout all use this, so what the class sees is what is printed.

Type is sized for the back row: every text a class reads is at least `min_px` pixels high
(a thirtieth of the screen height on a projector); within that, the slide's text takes the
largest size that fits. A slide may carry a drawing (`desktop.core.presenter.slides`): the
timeline strip, the step's part of the mechanism diagram (its names, captions and headings
at the class's size too, never cut) with a small map of the whole diagram where the step's
parts are lit and the rest dimmed (`desktop.core.presenter.overview_map`: boxes and lines, no
text), or an SVG; and a structure (`SlideContent.figure`, drawn inside the text by
`desktop.chemistry.text_objects`). All are drawn as vector graphics, so they stay sharp on a
projector and in a PDF.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
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

from desktop.core.mechanism.layout import LayoutMetrics
from desktop.core.presenter.overview_map import OverviewMap, overview_map
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
#: The mechanism diagram's text is at most this many times the smallest readable size.
MAX_DIAGRAM_FACTOR = 1.6
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
    #: the mechanism diagram's texts: (role, text, where it is drawn on the slide)
    figure_texts: list[tuple[str, str, QRectF]] = field(default_factory=list)
    #: a mechanism step's map of the whole diagram, and where it is drawn (no text in it)
    overview: OverviewMap | None = None
    overview_rect: QRectF | None = None
    #: the figure in words (the map's "Where this step sits in the whole diagram: ...")
    figure_description: str = ""

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



#: The text size of a step's picture as laid out (it is then scaled onto the slide, lines
#: and boxes with it, so a projector gets thick lines as well as large names).
LAYOUT_PX = 20.0
#: Spacing on a slide: tighter than in the explorer, so the step's parts take as much of
#: the slide as they can.
SLIDE_METRICS = LayoutMetrics(label_width=8.0, min_node_width=4.0, pad_x=0.45, pad_y=0.25,
                              gap_y=0.3, margin=0.15)
#: The extra room (in em) between two boxes of a column joined by an edge.
JOINED_GAP = 0.6
#: How much a step's picture shows, most first (see StepLayout.detail).
DETAILS = (2, 1, 0)
#: The room around a step's picture in its panel (in parts of the smallest readable size).
PANEL_PAD = 0.2
#: The map of the whole diagram on a step slide: its height at least and at most (in parts of
#: the smallest readable size), its room from the picture's parts, and the most of the
#: panel's height and width it takes.
OVERVIEW_MIN = 2.5
OVERVIEW_MAX = 6.0
#: A map lower than this (in readable sizes) makes the picture give up a strip for a map
#: this high, if the picture's text then stays OVERVIEW_KEEP readable sizes.
OVERVIEW_GOOD = 4.0
OVERVIEW_KEEP = 1.2
OVERVIEW_GAP = 0.4
OVERVIEW_SHARE = (0.34, 0.42)
#: How far (in em) a drug's ring round a part reaches beyond the picture's own bounds: a
#: slide with a drug selected keeps that much more room round the picture.
HALO = 0.25
#: The wrap width (in em) of the names in the column with the most boxes, when that column
#: is laid out wider than the others (its names on one line: the column grows less tall).
WIDE_WRAP = 12.0
#: Two group frames stand at least this far apart (in em).
FRAME_GAP = 0.3
#: The layouts tried for a step (name wrap width, column gap, both in em): narrow columns
#: suit a slide with the text beside the picture, wide ones a slide with the text under it.
SLIDE_SPACINGS = tuple((width, gap) for gap in (1.3, 2.4)
                       for width in (5.5, 7.0, 7.5, 8.0, 8.5, 10.0, 12.0))


@dataclass(frozen=True)
class StepLayout:
    """One way to lay out a step's picture, and its size at LAYOUT_PX text."""

    #: 2: names, captions and edge labels; 1: names and edge labels; 0: names only
    detail: int
    metrics: LayoutMetrics
    group_gap: float
    joined_gap: float
    width: float
    height: float
    #: (column, wrap width) for columns whose names wrap wider than the metrics say
    column_wraps: tuple[tuple[float, float], ...] = ()
    #: a column holding a whole group is as wide as the group's heading on one line
    one_line_headings: bool = False

    def scale(self, target: QRectF, max_scale: float) -> float:
        if self.width <= 0 or self.height <= 0:
            return 0.0
        return min(target.width() / self.width, target.height() / self.height, max_scale)


#: (step figure, app font) -> the step's clean layouts (see MechanismPicture.layouts)
_STEP_LAYOUTS: dict[tuple, list[StepLayout]] = {}


def _frames_touch(layout) -> bool:
    """True when two group frames of `layout` stand closer than FRAME_GAP."""
    frames = [g.box for g in layout.groups.values()]
    return any(a.intersects(b, FRAME_GAP * layout.em)
               for i, a in enumerate(frames) for b in frames[i + 1:])


class MechanismPicture:
    """The parts of the mechanism diagram a step is about (`desktop.core.presenter.
    step_diagram`), laid out in an off-screen canvas (`desktop.mechanism.diagram_canvas`)
    with every text the same size, and drawn whole: a step's picture is scaled to fit its
    place on the slide, never cut. Of the layouts that overlap nowhere, the one whose text
    comes out largest is drawn (with the parts' captions when they leave the text readable).
    """

    def __init__(self, content, colors: ThemeColors):
        from desktop.core.mechanism.diagram import load_diagram

        self.diagram = load_diagram(content)
        self.colors = colors
        self._canvases: dict[tuple, object] = {}
        self._overviews: dict[MechanismFigure, OverviewMap] = {}

    def overview(self, figure: MechanismFigure) -> OverviewMap:
        """The map of the whole diagram with the step's parts and edges highlighted."""
        found = self._overviews.get(figure)
        if found is None:
            found = self._overviews[figure] = overview_map(self.diagram, figure.nodes,
                                                           figure.edges)
        return found

    def layouts(self, figure: MechanismFigure) -> list[StepLayout]:
        """Every clean layout of the step (no overlaps: `layout_problems` finds none)."""
        from PySide6.QtWidgets import QApplication

        # The layouts depend on the text only (not on the colours): shared by the projector,
        # the presenter view and the handout.
        key = (figure, QApplication.font().toString())
        found = _STEP_LAYOUTS.get(key)
        if found is not None:
            return found
        from desktop.core.mechanism.layout import layout_diagram, layout_problems
        from desktop.core.presenter.step_diagram import step_diagram
        from desktop.mechanism.diagram_canvas import DiagramStyle

        found = []
        for detail, (label_width, gap_x), wide, headings in itertools.product(
                DETAILS, SLIDE_SPACINGS, (False, True), (False, True)):
            captions, edge_labels = detail >= 2, detail >= 1
            metrics = dataclasses.replace(SLIDE_METRICS, label_width=label_width, gap_x=gap_x)
            style = DiagramStyle.current(self.colors, metrics, LAYOUT_PX)
            wraps = None
            if wide:  # the column with the most boxes keeps its names on one line
                sub = step_diagram(self.diagram, figure.nodes, figure.edges)
                counts = Counter(n.x for n in sub.nodes)
                if len(counts) < 2 or label_width >= WIDE_WRAP:
                    continue
                wraps = {counts.most_common(1)[0][0]: WIDE_WRAP * style.em}

            def lay_out(gap: float, joined: float, captions=captions,
                        edge_labels=edge_labels, metrics=metrics, style=style, wraps=wraps,
                        headings=headings):
                sub = step_diagram(self.diagram, figure.nodes, figure.edges, captions,
                                   edge_labels, gap, joined)
                layout = layout_diagram(sub, style.measure, style.em, metrics, legend=False,
                                        fit_columns=True, column_wraps=wraps,
                                        one_line_headings=headings)
                return layout, not layout_problems(sub, layout) and not _frames_touch(layout)

            layout, clean = lay_out(1.0, 1.0)
            if not layout.nodes:
                break
            # An edge within a column gets room for its arrow.
            pitch = layout.node_size[1] + metrics.gap_y * style.em
            joined = 1.0 + JOINED_GAP * style.em / pitch
            # The least room between stacked groups (in quarter rows, up to 5 rows) that
            # leaves nothing overlapping.
            gaps = [1.0 + step * 0.25 for step in range(17)]
            layout, clean = lay_out(gaps[0], joined)
            best = (gaps[0], layout) if clean else None
            low, high = 1, len(gaps) - 1
            while best is None or best[0] > gaps[0]:
                if low > high:
                    break
                middle = (low + high) // 2
                layout, clean = lay_out(gaps[middle], joined)
                if clean:
                    best, high = (gaps[middle], layout), middle - 1
                else:
                    low = middle + 1
            if best is not None:
                gap, layout = best
                found.append(StepLayout(detail, metrics, gap, joined, layout.bounds.w,
                                        layout.bounds.h, tuple((wraps or {}).items()),
                                        headings))
        _STEP_LAYOUTS[key] = found
        return found

    def canvas_for(self, figure: MechanismFigure, layout: StepLayout):
        """The step's picture laid out as `layout` (its parts and edges only, highlighted)."""
        key = (figure, layout)
        canvas = self._canvases.get(key)
        if canvas is None:
            from desktop.core.presenter.step_diagram import step_diagram
            from desktop.mechanism.diagram_canvas import DiagramCanvas

            canvas = DiagramCanvas(self.colors)
            canvas.auto_fit = False
            canvas.text_pixels = LAYOUT_PX
            canvas.metrics = layout.metrics
            canvas.column_wraps = dict(layout.column_wraps) or None
            canvas.one_line_headings = layout.one_line_headings
            canvas.set_diagram(step_diagram(self.diagram, figure.nodes, figure.edges,
                                            layout.detail >= 2, layout.detail >= 1,
                                            layout.group_gap, layout.joined_gap), {})
            canvas.set_emphasis(set(canvas.items), set(canvas.edge_items))
            self._canvases[key] = canvas
        return canvas

    def choose(self, figure: MechanismFigure, target: QRectF, min_px: float,
               max_px: float) -> tuple[object, float]:
        """(canvas, scale): the layout with the most detail (captions, then edge labels)
        whose text is still at least `min_px` in `target`, the largest of that detail; else
        the largest of all. Never larger than `max_px`."""
        layouts = self.layouts(figure)
        if not layouts or target.isEmpty():
            return None, 0.0
        top = max_px / LAYOUT_PX
        pad = min_px * PANEL_PAD  # the picture stands clear of its panel's edges
        target = target.adjusted(pad, pad, -pad, -pad)

        def best(candidates):
            return max(candidates, key=lambda item: item.scale(target, float("inf")),
                       default=None)

        chosen = None
        for detail in DETAILS:
            chosen = best([item for item in layouts if item.detail == detail])
            if chosen is not None and LAYOUT_PX * chosen.scale(target, top) >= min_px - 1e-6:
                break
        else:
            chosen = best(layouts)
        return self.canvas_for(figure, chosen), chosen.scale(target, top)

    def label_px(self, figure: MechanismFigure, target: QRectF, min_px: float,
                 max_px: float) -> float:
        """The pixel size of the step's text drawn in `target`."""
        return LAYOUT_PX * self.choose(figure, target, min_px, max_px)[1]

    @staticmethod
    def placed(canvas, target: QRectF, scale: float) -> QRectF:
        """Where the picture goes: its whole scene at `scale`, centred in `target`."""
        bounds = canvas.scene().sceneRect()
        box = QRectF(0, 0, bounds.width() * scale, bounds.height() * scale)
        box.moveCenter(target.center())
        return box

    @staticmethod
    def texts(canvas, box: QRectF, scale: float) -> list[tuple[str, str, QRectF]]:
        """Every text of the picture drawn in `box`: (role, text, its measured rectangle)."""
        layout = canvas.layout_result
        if layout is None:
            return []
        bounds = canvas.scene().sceneRect()

        def place(b) -> QRectF:
            return QRectF(box.left() + (b.x - bounds.left()) * scale,
                          box.top() + (b.y - bounds.top()) * scale, b.w * scale, b.h * scale)

        diagram = canvas.diagram
        found = []
        for node in diagram.nodes:
            geometry = layout.nodes[node.id]
            found.append(("label", node.label, place(geometry.label_box)))
            if node.caption and geometry.caption_box is not None:
                found.append(("caption", node.caption, place(geometry.caption_box)))
        for group in diagram.groups:
            if group.id in layout.groups:
                found.append(("group", group.label, place(layout.groups[group.id].header_box)))
        for edge in diagram.edges:
            geometry = layout.edges.get(edge.id)
            if edge.label and geometry is not None and geometry.label_box is not None:
                found.append(("edge", edge.label, place(geometry.label_box)))
        return found

    @staticmethod
    def svg(canvas, source: QRectF) -> QByteArray:
        """The part `source` of a picture as SVG, at the screen's resolution."""
        from PySide6.QtCore import QBuffer, QIODevice, QSize
        from PySide6.QtSvg import QSvgGenerator

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setResolution(canvas.logicalDpiY())
        size = QSize(max(1, round(source.width())), max(1, round(source.height())))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        painter = QPainter(generator)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()),
                         QColor(canvas.colors.base))
        canvas.render_to(painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
        buffer.close()
        return QByteArray(flatten_group_opacity(bytes(buffer.data()).decode("utf-8"))
                          .encode("utf-8"))

    @staticmethod
    def obstacles(canvas, box: QRectF, scale: float) -> list[QRectF]:
        """Where the picture drawn in `box` has ink: its boxes, frames, edges and words."""
        layout = canvas.layout_result
        if layout is None:
            return [QRectF(box)]
        bounds = canvas.scene().sceneRect()

        def place(x: float, y: float, w: float, h: float) -> QRectF:
            return QRectF(box.left() + (x - bounds.left()) * scale,
                          box.top() + (y - bounds.top()) * scale, w * scale, h * scale)

        found = [place(b.x, b.y, b.w, b.h) for b in
                 [g.box for g in layout.nodes.values()] + [g.box for g in layout.groups.values()]]
        for edge in layout.edges.values():
            if edge.label_box is not None:
                b = edge.label_box
                found.append(place(b.x, b.y, b.w, b.h))
            for (x1, y1), (x2, y2) in zip(edge.points, edge.points[1:]):
                # the segment's bounds, with room for its line and arrow head
                found.append(place(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
                             .adjusted(-0.5 * layout.em * scale, -0.5 * layout.em * scale,
                                       0.5 * layout.em * scale, 0.5 * layout.em * scale))
        return found

    @staticmethod
    def overview_place(aspect: float, panel: QRectF, obstacles: list[QRectF], min_px: float,
                       spare: QRectF | None = None) -> QRectF | None:
        """The largest place for the map (width `aspect` times its height) in a corner of
        `panel` clear of `obstacles`, or at the foot of `spare` (room under the text); None
        when no place is OVERVIEW_MIN readable sizes high."""
        pad, gap = min_px * PANEL_PAD, min_px * OVERVIEW_GAP
        area = panel.adjusted(pad, pad, -pad, -pad)
        low = OVERVIEW_MIN * min_px
        blocked = [r.adjusted(-gap, -gap, gap, gap) for r in obstacles]
        regions = [(area, ("tl", "tr", "bl", "br"))]
        if spare is not None and not spare.isEmpty():
            regions.append((spare, ("bl",)))

        def at(region: QRectF, corner: str, height: float) -> QRectF:
            rect = QRectF(0, 0, height * aspect, height)
            x = region.left() if corner[1] == "l" else region.right() - rect.width()
            y = region.top() if corner[0] == "t" else region.bottom() - height
            rect.moveTo(x, y)
            return rect

        def free(rect: QRectF, region: QRectF) -> bool:
            return region.contains(rect) and not any(rect.intersects(b) for b in blocked)

        best: QRectF | None = None
        for region, corners in regions:
            high = min(OVERVIEW_MAX * min_px, area.height() * OVERVIEW_SHARE[0],
                       area.width() * OVERVIEW_SHARE[1] / aspect, region.height(),
                       region.width() / aspect)
            for corner in corners:
                if high < low or not free(at(region, corner, low), region):
                    continue
                fits, too_big = low, high
                if free(at(region, corner, high), region):
                    fits = high
                else:
                    for _ in range(12):
                        middle = (fits + too_big) / 2
                        if free(at(region, corner, middle), region):
                            fits = middle
                        else:
                            too_big = middle
                candidate = at(region, corner, fits)
                if best is None or candidate.height() > best.height() + 0.5:
                    best = candidate
        return best

    def arrange(self, figure: MechanismFigure, target: QRectF, min_px: float, max_px: float,
                spare: QRectF | None = None, halo: bool = False
                ) -> tuple[object, float, QRectF, QRectF | None]:
        """(canvas, scale, the picture's place, the map's place): the step's picture as
        `choose` says, the map in a free corner of `target` (or under the text, in `spare`);
        when no corner is free, the picture gives up a strip for the map, but only while its
        text stays `min_px`. `halo`: a drug's rings are drawn round parts (room kept)."""
        ring = HALO * max_px if halo else 0.0  # em * scale is less than the text's size

        def choose(rect: QRectF):
            return self.choose(figure, rect.adjusted(ring, ring, -ring, -ring), min_px,
                               max_px)

        def obstacles(canvas, box, scale):
            return [r.adjusted(-ring, -ring, ring, ring)
                    for r in self.obstacles(canvas, box, scale)]

        canvas, scale = choose(target)
        if canvas is None or scale <= 0:
            return canvas, scale, QRectF(), None
        aspect = self.overview(figure).aspect
        inner = target.adjusted(ring, ring, -ring, -ring)
        box = self.placed(canvas, inner, scale)
        place = self.overview_place(aspect, target, obstacles(canvas, box, scale), min_px,
                                    spare)
        if place is not None and place.height() >= OVERVIEW_GOOD * min_px - 0.5:
            return canvas, scale, box, place
        # A small map (or none): can the picture make room for a good one?
        keep = min_px if place is None else min_px * OVERVIEW_KEEP
        extra = min_px * (OVERVIEW_GAP + PANEL_PAD)
        height = (OVERVIEW_MIN if place is None else OVERVIEW_GOOD) * min_px
        tall, wide = height + extra, height * aspect + extra
        best = None
        for carved in (target.adjusted(0, 0, 0, -tall), target.adjusted(0, 0, -wide, 0),
                       target.adjusted(wide, 0, 0, 0), target.adjusted(0, tall, 0, 0)):
            other, other_scale = choose(carved)
            if other is None or LAYOUT_PX * other_scale < keep - 1e-6:
                continue
            other_box = self.placed(other, carved.adjusted(ring, ring, -ring, -ring),
                                    other_scale)
            other_place = self.overview_place(aspect, target,
                                              obstacles(other, other_box, other_scale),
                                              min_px, spare)
            if other_place is not None and (place is None or other_place.height()
                                            > place.height() + 0.5) \
                    and (best is None or other_scale > best[1]):
                best = (other, other_scale, other_box, other_place)
        return best if best is not None else (canvas, scale, box, place)

    def paint(self, painter: QPainter, target: QRectF, figure: MechanismFigure,
              view: SlideView, min_px: float, max_px: float, spare: QRectF | None = None
              ) -> tuple[float, list[tuple[str, str, QRectF]], QRectF | None]:
        """Draw the step's picture whole, as large as fits `target` (up to `max_px` text),
        centred, and the map of the whole diagram beside it; returns the text's pixel size,
        every text's place and the map's place."""
        halo = self.has_halo(figure, view)
        canvas, scale, box, place = self.arrange(figure, target, min_px, max_px, spare, halo)
        if canvas is None or scale <= 0:
            return 0.0, [], None
        canvas.set_drug_overlay(set(view.drug_nodes), view.drug_color)
        texts = self.texts(canvas, box, scale)
        source = canvas.scene().sceneRect()
        if halo and canvas.layout_result is not None:  # the rings round the drug's parts
            reach = HALO * canvas.layout_result.em
            source = source.adjusted(-reach, -reach, reach, reach)
            box = box.adjusted(-reach * scale, -reach * scale, reach * scale, reach * scale)
        painter.save()
        painter.fillRect(target, QColor(self.colors.base))
        # Pixel-sized text keeps its size against the boxes on any device; a PDF still gets
        # the picture through an SVG drawn at the screen's resolution (vector graphics), as
        # the explorer's own export does.
        device = painter.device()
        if device is not None and device.logicalDpiY() != canvas.logicalDpiY():
            from PySide6.QtSvg import QSvgRenderer

            QSvgRenderer(self.svg(canvas, source)).render(painter, box)
        else:
            canvas.render_to(painter, box, source)
        painter.restore()
        if place is not None:
            paint_overview(painter, place, self.overview(figure), self.colors, min_px)
        return LAYOUT_PX * scale, texts, place

    @staticmethod
    def has_halo(figure: MechanismFigure, view: SlideView) -> bool:
        """True when the selected drug rings some of the step's parts."""
        return bool(view.drug_color and set(view.drug_nodes) & set(figure.nodes))


def _mix(first: str, second: str, amount: float) -> QColor:
    """`first` moved `amount` of the way towards `second`."""
    a, b = QColor(first), QColor(second)
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in
                             zip(a.getRgbF()[:3], b.getRgbF()[:3])))


def overview_colors(colors: ThemeColors) -> tuple[QColor, QColor]:
    """(highlighted, dimmed): the map's colours in a theme."""
    return QColor(colors.accent), _mix(colors.base, colors.muted, 0.4)


def paint_overview(painter: QPainter, rect: QRectF, overview: OverviewMap,
                   colors: ThemeColors, min_px: float) -> None:
    """The map of the whole diagram in `rect`: a framed card, every part a box, every edge
    a thin line, the step's in the accent colour and the rest dimmed (vector shapes, no
    text)."""
    lit, dim = overview_colors(colors)

    def point(xy: tuple[float, float]) -> QPointF:
        return QPointF(rect.left() + xy[0] * rect.width(), rect.top() + xy[1] * rect.height())

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(0.6, rect.height() * 0.006)
    painter.setPen(QPen(QColor(colors.border), max(1.0, min_px * 0.05)))
    painter.setBrush(QColor(colors.base))
    corner = rect.height() * 0.05
    painter.drawRoundedRect(rect, corner, corner)
    for highlighted in (False, True):  # the lines under every box, the step's on top
        painter.setPen(QPen(lit if highlighted else dim, line * (2.6 if highlighted else 1.0)))
        for edge in overview.lines:
            if edge.highlighted == highlighted:
                painter.drawLine(point(edge.start), point(edge.end))
    painter.setPen(Qt.PenStyle.NoPen)
    for highlighted in (False, True):
        painter.setBrush(lit if highlighted else dim)
        for box in overview.boxes:
            if box.highlighted == highlighted:
                r = QRectF(point((box.x, box.y)), point((box.x + box.w, box.y + box.h)))
                painter.drawRoundedRect(r, r.height() * 0.2, r.height() * 0.2)
    painter.restore()


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
    def margins(rect: QRectF, narrow: bool = False) -> QRectF:
        """The slide less its margins (`narrow`: smaller at the sides, for a wide figure)."""
        mx = max(8.0, rect.width() * (0.03 if narrow else 0.045))
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
        area = self.margins(rect, narrow=isinstance(slide.drawing, MechanismFigure))
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
            result.sizes += self._paint_figure(None, figure_rect, slide, view, result)
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
            measured = self._paint_figure(painter, figure_rect, slide, view, painted)
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
        while the text stays readable. Beside, the text takes 40% of the width; a step whose
        parts would come out smaller than readable gives the picture more (down to 72%)."""
        picture = self.mechanism()
        figure = slide.drawing
        gap = min_px * 0.6
        max_label = min_px * MAX_DIAGRAM_FACTOR

        def beside(share: float) -> tuple[float, QRectF, QRectF]:
            text_w = area.width() * share
            text = QRectF(area.right() - text_w, area.top(), text_w, area.height())
            fig = QRectF(area.left(), area.top(), area.width() - text_w - gap, area.height())
            if not fit_text(slide, view, self.colors, text_w, area.height(), min_px,
                            scale)[3]:
                return 0.0, text, fig
            return picture.label_px(figure, fig, min_px, max_label), text, fig

        # Above: the text under the diagram at the smallest readable size.
        text_h = min(text_height(slide, view, self.colors, area.width(), min_px) + gap,
                     area.height() * 0.6)
        above_fig = QRectF(area.left(), area.top(), area.width(), area.height() - text_h - gap)
        above_text = QRectF(area.left(), above_fig.bottom() + gap, area.width(), text_h)
        choices = [beside(0.4), (picture.label_px(figure, above_fig, min_px, max_label),
                                 above_text, above_fig)]
        for share in (0.34, 0.28):
            if max(px for px, _, _ in choices) >= min_px - 1e-6:
                break
            choices.append(beside(share))
        _, text, fig = max(choices, key=lambda choice: choice[0])
        return text, fig

    @staticmethod
    def _under_text(painted: PaintedSlide) -> QRectF | None:
        """The room left under a mechanism step's text (drawn from the top of its place)."""
        if painted.document is None or painted.text_rect.isEmpty():
            return None
        rect = painted.text_rect
        top = rect.top() + painted.document.size().height() + painted.min_px * OVERVIEW_GAP
        return QRectF(rect.left(), top, rect.width(), rect.bottom() - top) \
            if top < rect.bottom() else None

    def _paint_figure(self, painter: QPainter | None, rect: QRectF, slide: SlideContent,
                      view: SlideView, painted: PaintedSlide) -> list[tuple[str, float]]:
        """Draw (or, without a painter, measure) the slide's figure in `rect`: the pixel
        size of its text; where the diagram's texts and its map go are noted in `painted`."""
        min_px = painted.min_px
        figure = slide.drawing
        sizes: list[tuple[str, float]] = []
        texts: list[tuple[str, str, QRectF]] = []
        if isinstance(figure, TimelineStrip):
            if painter is not None:
                sizes.append(("strip", paint_strip(painter, rect, figure, self.colors, min_px)))
            else:
                sizes.append(("strip", max(min_px, rect.height() * 0.26)))
        elif isinstance(figure, MechanismFigure):
            picture = self.mechanism()
            max_px = min_px * MAX_DIAGRAM_FACTOR
            spare = self._under_text(painted)
            if painter is not None:
                px, texts, place = picture.paint(painter, rect, figure, view, min_px, max_px,
                                                 spare)
            else:
                canvas, scale, box, place = picture.arrange(
                    figure, rect, min_px, max_px, spare, picture.has_halo(figure, view))
                px = LAYOUT_PX * scale
                texts = picture.texts(canvas, box, scale) if canvas is not None else []
            sizes.append(("diagram", px))
            overview = picture.overview(figure)
            painted.overview, painted.overview_rect = overview, place
            painted.figure_description = overview.description if place is not None else ""
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
        painted.figure_texts = texts
        return sizes
