"""The drug comparison's Structure row: each drug's drawing as large as its cell allows.

A delegate paints the committed SVG (recoloured for the theme) into the cell, keeping its
proportions: as wide as the drug's column, up to `MOST_LINES` text lines tall, so the rings,
their highlights and labels can be read (a 30-pixel icon beside the name showed none of them).
Sizes are counted in text lines, so the drawings grow with the text size. The row's height is
the tallest drawing's (the table sizes rows to their contents); a column narrower than
`least_width` makes the comparison stack (a row per drug, the drawing beside the name).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

#: A drawing is at most this many text lines tall (about 150 pixels at 100% text) ...
MOST_LINES = 11.0
#: ... or this many in the stacked layout, where each drug's drawing has its own row and a
#: taller one would fill the table's whole height at large text.
STACKED_MOST_LINES = 8.0
#: ... and its column is never so narrow that the widest drawing is under this many lines
#: (about 100 pixels at 100% text): narrower, the table stacks.
LEAST_LINES = 7.0
#: Room between the drawing and the cell's edges, in text lines.
MARGIN_LINES = 0.3


class StructureCells(QStyledItemDelegate):
    """Paints the cells whose `key_role` data is (drug id, `structure_key`) with that drug's
    drawing; every other cell as the table would."""

    def __init__(self, table: QTableView, key_role: int, structure_key: str):
        super().__init__(table)
        self.table = table
        self.key_role = key_role
        self.structure_key = structure_key
        #: drug id -> renderer of its themed drawing
        self.renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple, QPixmap] = {}

    def set_drawings(self, svgs: dict[str, str]) -> None:
        """The drawings to show (drug id -> SVG already in the theme's colours)."""
        self.renderers = {}
        for drug_id, svg in svgs.items():
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")), self)
            if renderer.isValid() and renderer.defaultSize().height() > 0:
                self.renderers[drug_id] = renderer
        self._pixmaps.clear()

    # -- sizes -------------------------------------------------------------------------------

    def _line(self) -> int:
        return self.table.fontMetrics().height()

    def margin(self) -> int:
        return max(2, round(self._line() * MARGIN_LINES))

    def most_height(self) -> int:
        """The tallest a drawing is drawn, in pixels, at the current text size."""
        stacked = bool(getattr(self.table.model(), "stacked", False))
        return round(self._line() * (STACKED_MOST_LINES if stacked else MOST_LINES))

    @staticmethod
    def _aspect(renderer: QSvgRenderer) -> float:
        size = renderer.defaultSize()
        return size.width() / max(1, size.height())

    def least_width(self) -> int:
        """The narrowest a drug's column may be: the widest drawing `LEAST_LINES` tall."""
        if not self.renderers:
            return 0
        widest = max(self._aspect(r) for r in self.renderers.values())
        return round(self._line() * LEAST_LINES * widest) + 2 * self.margin()

    def drug_of(self, index: QModelIndex) -> str | None:
        key = index.data(self.key_role)
        if isinstance(key, tuple) and len(key) == 2 and key[1] == self.structure_key \
                and key[0] in self.renderers:
            return key[0]
        return None

    def drawing_rect(self, index: QModelIndex, cell: QRectF | None = None) -> QRectF:
        """Where the drawing of `index` is painted (view coordinates), or an empty rect."""
        drug_id = self.drug_of(index)
        if drug_id is None:
            return QRectF()
        cell = QRectF(cell if cell is not None else self.table.visualRect(index))
        margin = self.margin()
        room = cell.adjusted(margin, margin, -margin, -margin)
        aspect = self._aspect(self.renderers[drug_id])
        height = min(room.height(), self.most_height(), room.width() / aspect)
        width = height * aspect
        stacked = bool(getattr(self.table.model(), "stacked", False))
        left = room.left() + (0 if stacked else (room.width() - width) / 2)
        top = room.top() + (room.height() - height) / 2
        return QRectF(left, top, width, height)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        drug_id = self.drug_of(index)
        if drug_id is None:
            return super().sizeHint(option, index)
        margin = self.margin()
        width = self.table.columnWidth(index.column()) - 2 * margin
        aspect = self._aspect(self.renderers[drug_id])
        height = min(self.most_height(), width / aspect) if width > 0 else self.most_height()
        return QSize(self.least_width(), round(height) + 2 * margin)

    # -- painting ----------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        drug_id = self.drug_of(index)
        if drug_id is None:
            super().paint(painter, option, index)
            return
        # the cell's background, selection and focus as the style draws them, without text
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = ""
        cell.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = self.table.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, self.table)
        target = self.drawing_rect(index, QRectF(option.rect))
        if target.isEmpty():
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:  # the ink keeps its contrast: the selection shows as a frame around it
            margin = self.margin() / 2
            painter.fillRect(QRectF(option.rect).adjusted(margin, margin, -margin, -margin),
                             option.palette.base())
        painter.drawPixmap(target.topLeft(), self._pixmap(drug_id, target.size()))

    def _pixmap(self, drug_id: str, size) -> QPixmap:
        ratio = self.table.devicePixelRatioF()
        width, height = max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio))
        key = (drug_id, width, height)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) > 64:
                self._pixmaps.clear()
            pixmap = QPixmap(width, height)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.renderers[drug_id].render(painter, QRectF(0, 0, width, height))
            painter.end()
            pixmap.setDevicePixelRatio(ratio)
            self._pixmaps[key] = pixmap
        return pixmap
