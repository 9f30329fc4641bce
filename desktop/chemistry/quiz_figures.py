"""The drawings of a structure question, under its stem: "Structure A", "Structure B", ...

Each drawing keeps its highlights (or only the one asked about), follows the theme, and has a
text alternative that never names the molecule, so neither the caption nor a screen reader
gives the answer away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.chemistry.structure_widget import SvgDrawing, scheme_of
from desktop.core.chemistry import drawings


class QuizFigures(QWidget):
    """A grid of labelled drawings (two per row), empty and hidden for other questions."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quiz_figures")
        self.setAccessibleName("Question drawings")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 4, 0, 4)
        self.figures: list = []
        self.drawings: list[SvgDrawing] = []
        self.hide()
        ctx.theme.theme_changed.connect(lambda *_: self.set_figures(self.figures))

    def set_figures(self, figures) -> None:
        """Show `figures` (`QuizFigure`s); none hides the grid."""
        self.figures = list(figures)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.drawings = []
        scheme = scheme_of(self.ctx)
        columns = 1 if len(self.figures) == 1 else 2
        for n, figure in enumerate(self.figures):
            structure = self.ctx.content.structure(figure.structure_id)
            svg = drawings.drawing_svg(figure.structure_id) if structure else None
            if svg is None:
                continue
            if figure.part:
                svg = drawings.only_part(svg, figure.part)
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(4, 4, 4, 4)
            label = QLabel(figure.label)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            drawing = SvgDrawing()
            drawing.em_height = 9 if columns == 2 else 12
            drawing.load(drawings.themed_svg(svg, scheme))
            alt = drawings.neutral_alt_text(structure, figure.label, figure.part)
            drawing.setAccessibleName(figure.label)
            drawing.setAccessibleDescription(alt)
            drawing.setToolTip(alt)
            box.addWidget(label)
            box.addWidget(drawing, 1)
            self.grid.addWidget(cell, n // columns, n % columns)
            self.drawings.append(drawing)
        self.setVisible(bool(self.drawings))
