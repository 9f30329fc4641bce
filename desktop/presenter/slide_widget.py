"""One slide, drawn as large as the screen allows (the projector and the presenter view).

Drawing is `desktop.presenter.slide_painter.SlidePainter`'s, so the projector, the presenter
view's thumbnails and the PDF handout show the same slide. The layout is cached until the
slide, its state or the widget's size changes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.presenter.slides import SlideContent
from desktop.presenter.slide_painter import (
    PaintedSlide,
    SlidePainter,
    SlideView,
    layout_document,
    slide_html,
)
from desktop.theme import ThemeColors

__all__ = ["SlideWidget", "layout_document", "slide_html"]


class SlideWidget(QWidget):
    """Paints a slide (or a blank screen) filling the widget.

    `screen_height` is the height of the screen the class looks at: type is never smaller
    than a thirtieth of it (the widget's own height when None).
    """

    def __init__(self, parent: QWidget | None = None, painter: SlidePainter | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slide_painter = painter
        self.slide: SlideContent | None = None
        self.view = SlideView()
        self.colors: ThemeColors | None = None
        self.blank = False
        self.scale = 1.0
        self.screen_height: float | None = None
        self.placeholder = ""
        self.painted: PaintedSlide | None = None
        self.html = ""
        self._key = None

    def set_slide(self, slide: SlideContent | None, view: SlideView, colors: ThemeColors,
                  painter: SlidePainter, blank: bool = False, scale: float = 1.0,
                  screen_height: float | None = None, placeholder: str = "") -> None:
        """Show `slide` as `view` says (revealed, votes, drug) in `colors`."""
        self.slide, self.view, self.colors, self.slide_painter = slide, view, colors, painter
        self.blank, self.scale, self.screen_height = blank, scale, screen_height
        self.placeholder = placeholder
        self.setAccessibleName("Blank screen" if blank else "Slide")
        if slide is not None:
            self.setAccessibleDescription(slide.title)
        self._key = None
        self.layout_slide()
        self.update()

    def layout_slide(self) -> PaintedSlide | None:
        """Lay the slide out for the current size (cached) and return what will be drawn."""
        if self.slide is None or self.slide_painter is None or self.colors is None:
            return None
        key = (id(self.slide), repr(self.view), self.width(), self.height(), self.scale,
               self.screen_height, self.colors.name)
        if key != self._key:
            self._key = key
            self.painted = self.slide_painter.layout(
                QRectF(self.rect()), self.slide, self.view, self.screen_height, self.scale)
            self.html = self.painted.document.toHtml() if self.painted.document else ""
            # the step's map of the whole diagram, in words, for a screen reader
            self.setAccessibleDescription(" ".join(
                part for part in (self.slide.title, self.painted.figure_description) if part))
        return self.painted

    @property
    def base_size(self) -> float:
        painted = self.layout_slide()
        return painted.base if painted else 0.0

    def current_document(self):
        painted = self.layout_slide()
        return painted.document if painted else None

    def fitted_size(self) -> QSizeF:
        document = self.current_document()
        return document.size() if document else QSizeF()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._key = None

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        colors = self.colors
        background = QColor("#000000") if self.blank or colors is None else QColor(colors.window)
        painter.fillRect(self.rect(), background)
        if self.blank or colors is None:
            return
        if self.slide is None or self.slide_painter is None:
            if self.placeholder:
                painter.setPen(QColor(colors.muted))
                font = painter.font()
                font.setPixelSize(max(12, self.height() // 14))
                painter.setFont(font)
                painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter
                                                  | Qt.TextFlag.TextWordWrap), self.placeholder)
            return
        painted = self.layout_slide()
        if painted is not None:
            self.slide_painter.draw(painter, QRectF(self.rect()), self.slide, self.view,
                                    painted, background=False)
        painter.end()
