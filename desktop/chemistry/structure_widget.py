"""A drug's structure drawing: highlighted parts, a caption and a legend that scale with the
text, colours that follow the theme, and the text alternative for screen readers.

The SVG is read the first time the widget is given a structure (never at start-up), recoloured
for the theme (`desktop.core.chemistry.drawings.themed_svg`) and drawn with Qt's SVG renderer,
keeping its proportions.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.core.chemistry import drawings
from desktop.core.chemistry.parts import PARTS

STEREO_WORDS = {"racemate": "racemate", "S": "(S)-form", "R": "(R)-form",
                "unspecified": "configuration not stated"}


def scheme_of(ctx) -> str:
    colors = ctx.theme.colors
    return drawings.scheme_for(colors.name, colors.dark)


def structure_for_drug(content, drug_id: str):
    """The structure record drawn for a drug, or None."""
    return next((s for s in content.structures() if s.drug == drug_id), None)


def render_svg(svg: str, width: int, background: str | None = None) -> QImage:
    """The drawing as an image `width` pixels wide (height from its proportions)."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    height = max(1, round(width * size.height() / max(1, size.width())))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(background) if background else Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


class SvgDrawing(QWidget):
    """The SVG itself, drawn as large as the space allows without distortion."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.renderer = QSvgRenderer(self)
        self.em_height = 12.0
        #: Pixels per SVG unit shared with another drawing (Compare two draws both at one
        #: scale, so sizes compare); None fits the drawing to the widget.
        self.shared_scale: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def load(self, svg: str) -> bool:
        ok = self.renderer.load(QByteArray(svg.encode("utf-8")))
        self.updateGeometry()
        self.update()
        return ok

    def _aspect(self) -> float:
        size = self.renderer.defaultSize()
        return size.width() / size.height() if size.isValid() and size.height() else 1.5

    def sizeHint(self) -> QSize:  # noqa: N802
        height = round(self.fontMetrics().height() * self.em_height)
        return QSize(round(height * self._aspect()), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        height = round(self.fontMetrics().height() * 5)
        return QSize(round(height * min(self._aspect(), 2.5)), height)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return min(round(width / self._aspect()), self.sizeHint().height())

    def fit_scale(self) -> float:
        """Pixels per SVG unit that fit the whole drawing in the widget."""
        size = self.renderer.defaultSize()
        if not size.isValid() or size.width() <= 0 or size.height() <= 0:
            return 1.0
        return min(self.width() / size.width(), self.height() / size.height())

    def target_rect(self) -> QRectF:
        area = QRectF(self.rect())
        aspect = self._aspect()
        width = min(area.width(), area.height() * aspect)
        if self.shared_scale is not None and self.renderer.defaultSize().isValid():
            width = min(width, self.renderer.defaultSize().width() * self.shared_scale)
        height = width / aspect
        return QRectF(area.x() + (area.width() - width) / 2,
                      area.y() + (area.height() - height) / 2, width, height)

    def paintEvent(self, _event) -> None:  # noqa: N802
        if not self.renderer.isValid():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.renderer.render(painter, self.target_rect())
        painter.end()


class StructureWidget(QWidget):
    """One structure: the drawing, a caption (name, formula, mass, configuration) and, unless
    `legend=False`, a legend of the highlighted parts and what each does."""

    def __init__(self, ctx, parent: QWidget | None = None, *, legend: bool = True,
                 height_em: float = 12.0):
        super().__init__(parent)
        self.ctx = ctx
        self.structure = None
        self.marked: list[int] = []
        self.pocket = False
        self._svg = ""
        self.setObjectName("structure_widget")
        self.drawing = SvgDrawing(self)
        self.drawing.em_height = height_em
        self.drawing.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.caption.setAccessibleName("Structure caption")
        self.legend = QWidget()
        self.legend_layout = QVBoxLayout(self.legend)
        self.legend_layout.setContentsMargins(0, 0, 0, 0)
        self.legend_layout.setSpacing(2)
        self.legend.setVisible(legend)
        self.show_legend = legend
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.drawing, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.legend)
        ctx.theme.theme_changed.connect(self._restyle)

    # -- content -----------------------------------------------------------------------------

    def set_structure(self, structure, *, marked: list[int] | None = None,
                      pocket: bool = False) -> bool:
        """Show `structure` (a record or an id; None clears). False when it has no drawing."""
        if isinstance(structure, str):
            structure = self.ctx.content.structure(structure)
        self.structure = structure
        self.marked = list(marked or [])
        self.pocket = pocket
        return self._restyle()

    def svg_text(self) -> str:
        """The SVG shown now (recoloured, with differences or the pocket when asked)."""
        return self._svg

    def _restyle(self, *_args) -> bool:
        structure = self.structure
        self._clear_legend()
        if structure is None:
            self._svg = ""
            self.drawing.load("")
            self.caption.setText("")
            self.setAccessibleName("No structure")
            return False
        raw = drawings.drawing_svg(structure.id)
        if raw is None:
            self._svg = ""
            self.drawing.load("")
            self.caption.setText(f"No drawing of {structure.name} is installed.")
            self.setAccessibleName(f"{structure.name}: no drawing")
            return False
        scheme = scheme_of(self.ctx)
        svg = drawings.themed_svg(raw, scheme)
        if self.marked:
            svg = drawings.with_differences(svg, structure.id, self.marked, scheme)
        if self.pocket:
            svg = drawings.with_pocket(svg, structure.id, scheme=scheme)
        self._svg = svg
        self.drawing.load(svg)
        alt = drawings.alt_text_for(structure)
        self.setAccessibleName(f"Structure of {structure.name}")
        self.setAccessibleDescription(alt)
        self.drawing.setAccessibleName(f"Structure of {structure.name}")
        self.drawing.setAccessibleDescription(alt)
        self.drawing.setToolTip(alt)
        self.caption.setText(f"{structure.name} · {structure.formula} · "
                             f"{structure.molar_mass:.2f} g/mol · "
                             f"{STEREO_WORDS.get(structure.stereo, structure.stereo)}")
        if self.show_legend:
            self._fill_legend(structure, scheme)
        return True

    def _clear_legend(self) -> None:
        while self.legend_layout.count():
            item = self.legend_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _fill_legend(self, structure, scheme: str) -> None:
        fills = drawings.PART_FILL if scheme == "light" else drawings.DARK_PART_FILL
        for part_id in structure.parts:
            part = PARTS.get(part_id)
            if part is None:
                continue
            row = QHBoxLayout()
            swatch = QFrame()
            em = self.fontMetrics().height()
            swatch.setFixedSize(round(em * 0.8), round(em * 0.8))
            swatch.setStyleSheet(f"background: {fills[part_id]}; border-radius: 3px;")
            text = QLabel(f"{part.name.capitalize()}: {part.role}")
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setWordWrap(True)
            row.addWidget(swatch, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            self.legend_layout.addWidget(holder)


from desktop.core.chemistry.drawings import structure_for_term  # noqa: E402,F401  (re-export)

#: The width, in SVG units, of a thalidomide-sized drawing (the drawings share one bond length).
REFERENCE_WIDTH = 266.0


def legible_width(structure, width: int, most: int) -> int:
    """How wide to draw `structure` when a thalidomide-sized drawing gets `width` pixels: a
    larger molecule proportionally wider (the same bond length, so its rings and labels are as
    legible; fitted to one width, mezigdomide's labels were about 5 pixels tall), never wider
    than `most`."""
    data = drawings.layout(structure.id)
    natural = float(data["viewbox"][2]) if data else REFERENCE_WIDTH
    return max(1, min(most, round(width * max(1.0, natural / REFERENCE_WIDTH))))


def structure_figure_html(ctx, structure, width: int) -> str:
    """The drawing as an HTML figure (an embedded PNG, so any QTextDocument shows it) with its
    caption and text alternative, for rich-text panes such as the glossary entry."""
    import base64

    from PySide6.QtCore import QBuffer, QIODevice

    from desktop.core.render import escape

    svg = drawings.drawing_svg(structure.id)
    if svg is None:
        return ""
    image = render_svg(drawings.themed_svg(svg, scheme_of(ctx)), width * 2)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    data = base64.b64encode(bytes(buffer.data())).decode("ascii")
    alt = drawings.alt_text_for(structure)
    return (f'<p align="center"><img src="data:image/png;base64,{data}" width="{width}" '
            f'alt="{escape(alt)}" title="{escape(alt)}"></p>'
            f'<p class="muted" align="center">{escape(structure.name)} · '
            f'{escape(structure.formula)} · {structure.molar_mass:.2f} g/mol</p>')
