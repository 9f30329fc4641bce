"""One slide, drawn as large as the screen allows.

The slide is laid out as a QTextDocument and its base font size is the largest at which the
whole text fits the slide's area (`desktop.core.presenter.slides.fit_font_size`), so a short
headline fills a projector and a long explanation still fits without clipping.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter, QTextDocument, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.presenter.session import Tally
from desktop.core.presenter.slides import SlideContent, fit_font_size
from desktop.core.render import escape
from desktop.theme import ThemeColors

MIN_PIXEL_SIZE = 12.0
#: Without Ctrl+=/Ctrl+-, the base text is at most a ninth of the slide's height.
DEFAULT_CAP_FRACTION = 1 / 9


def slide_html(slide: SlideContent, revealed: bool, tally: Tally | None,
               colors: ThemeColors, base: float = 32.0) -> str:
    """The slide as HTML with pixel sizes derived from `base` (the fit chooses `base`).

    Qt's rich text ignores percentage font sizes, so every size is computed here.
    """

    def px(factor: float) -> str:
        return f"font-size:{max(8, round(base * factor))}px"

    parts = []
    if slide.kicker:
        parts.append(f"<p style='color:{colors.muted}; {px(0.6)}'>{escape(slide.kicker)}</p>")
    title_factor = 1.35 if slide.kind in ("event", "era", "term", "step") else 1.0
    parts.append(f"<p style='{px(title_factor)}; font-weight:600'>{escape(slide.title)}</p>")
    if slide.figure:  # drawn as a vector by layout_document
        from desktop.chemistry.text_objects import structure_img
        from desktop.core.chemistry.drawings import scheme_for

        scheme = scheme_for(colors.name, colors.dark)
        parts.append(f"<p align='center'>{structure_img(slide.figure, base * 9, scheme)}</p>")
    if slide.body:
        for paragraph in slide.body.split("\n\n"):
            lines = "<br>".join(escape(line) for line in paragraph.split("\n"))
            parts.append(f"<p style='{px(0.75)}'>{lines}</p>")
    counts = dict(tally.as_list()) if tally else {}
    for letter, text in slide.options:
        right = revealed and letter in slide.correct
        colour = colors.good if right else colors.text
        mark = " ✔" if right else ""
        votes = f" <span style='color:{colors.muted}'>({counts[letter]})</span>" \
            if counts.get(letter) else ""
        parts.append(f"<p style='{px(0.85)}; color:{colour}'><b>{letter}.</b> {escape(text)}"
                     f"{mark}{votes}</p>")
    if revealed and (slide.answer_text or slide.explanation):
        if slide.answer_text:
            answer = "<br>".join(escape(line) for line in slide.answer_text.split("\n"))
            parts.append(f"<p style='{px(0.75)}; color:{colors.good}'><b>{answer}</b></p>")
        if slide.explanation:
            parts.append(f"<p style='{px(0.6)}'>{escape(slide.explanation)}</p>")
    elif slide.hidden_until_reveal:
        parts.append(f"<p style='{px(0.5)}; color:{colors.muted}'>Press R to reveal</p>")
    if slide.sources and (revealed or not slide.hidden_until_reveal):
        parts.append(f"<p style='{px(0.45)}; color:{colors.muted}'>Source: "
                     f"{escape(slide.sources[0])}</p>")
    return f"<div style='color:{colors.text}'>{''.join(parts)}</div>"


def layout_document(html: str, width: float) -> QTextDocument:
    document = QTextDocument()
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


def fitted_document(html_at: Callable[[float], str], width: float, height: float,
                    scale: float = 1.0) -> tuple[QTextDocument, float]:
    """(document, base size): the largest base size whose layout fits width x height.

    The cap (a ninth of the height, times `scale`) keeps short slides from shouting; Ctrl+=
    raises it and Ctrl+- lowers it, but text never grows past what fits.
    """

    def fits(size: float) -> bool:
        doc = layout_document(html_at(size), width)
        return doc.size().height() <= height and doc.idealWidth() <= width + 1

    cap = max(MIN_PIXEL_SIZE, height * DEFAULT_CAP_FRACTION * max(scale, 1.0))
    best = fit_font_size(fits, MIN_PIXEL_SIZE, cap, precision=1.0)
    if scale < 1.0:  # smaller than what fits: always possible
        best = max(MIN_PIXEL_SIZE, best * scale)
    return layout_document(html_at(best), width), best


class SlideWidget(QWidget):
    """Paints a slide (or a blank screen) filling the widget, with margins."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.html_at: Callable[[float], str] | None = None
        self.html = ""
        self.base_size = 0.0
        self.blank = False
        self.colors: ThemeColors | None = None
        self.scale = 1.0
        self.document: QTextDocument | None = None
        self._cache_key = None

    def set_slide(self, html_at: Callable[[float], str], colors: ThemeColors,
                  blank: bool = False, scale: float = 1.0) -> None:
        """Show the slide whose HTML at a base size is `html_at(size)`."""
        self.html_at, self.colors, self.blank, self.scale = html_at, colors, blank, scale
        self.html = html_at(32.0)
        self.setAccessibleName("Blank screen" if blank else "Slide")
        self.update()

    def text_area(self) -> QRectF:
        margin_x = max(24.0, self.width() * 0.06)
        margin_y = max(18.0, self.height() * 0.06)
        return QRectF(margin_x, margin_y, self.width() - 2 * margin_x,
                      self.height() - 2 * margin_y)

    def current_document(self) -> QTextDocument | None:
        """The laid-out document for the current size (cached until text or size changes)."""
        area = self.text_area()
        key = (self.html, round(area.width()), round(area.height()), self.scale)
        if key != self._cache_key:
            self._cache_key = key
            self.document, self.base_size = fitted_document(
                self.html_at, area.width(), area.height(), self.scale) \
                if self.html_at else (None, 0.0)
        return self.document

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        colors = self.colors
        background = QColor("#000000") if self.blank or colors is None else QColor(colors.window)
        painter.fillRect(self.rect(), background)
        if self.blank or not self.html:
            return
        document = self.current_document()
        if document is None:
            return
        area = self.text_area()
        height = document.size().height()
        top = area.top() + max(0.0, (area.height() - height) / 2)
        painter.translate(area.left(), top)
        document.drawContents(painter, QRectF(0, 0, area.width(), height + 1))
        painter.end()

    def fitted_size(self) -> QSizeF:
        document = self.current_document()
        return document.size() if document else QSizeF()
