"""Compare two: any two structures side by side or overlaid, aligned on their glutarimide
rings, with the atoms outside their maximum common substructure marked and the difference said
in words."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.chemistry.structure_widget import StructureWidget, scheme_of
from desktop.core.chemistry import drawings


class OverlayDrawing(QWidget):
    """Two drawings at one scale, their chiral carbons on one point: the first solid, the
    second faded over it, each one's own atoms marked in its own colour."""

    SECOND_OPACITY = 0.55

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("structure_overlay")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.renderers: list[QSvgRenderer] = []
        self.anchors: list[tuple[float, float]] = []
        self.svgs: list[str] = []

    def set_pair(self, svgs: list[str], anchors: list[tuple[float, float]]) -> None:
        self.svgs = list(svgs)
        self.renderers = [QSvgRenderer(QByteArray(svg.encode("utf-8")), self) for svg in svgs]
        self.anchors = list(anchors)
        self.update()

    def _boxes(self) -> list[QRectF]:
        """Each drawing's view box moved into the first drawing's units (anchors matched)."""
        boxes = []
        for renderer, (ax, ay) in zip(self.renderers, self.anchors):
            box = renderer.viewBoxF()
            fx, fy = self.anchors[0]
            boxes.append(box.translated(fx - ax, fy - ay))
        return boxes

    def targets(self) -> list[QRectF]:
        """Where each drawing is painted in the widget (both at one scale)."""
        boxes = self._boxes()
        if not boxes:
            return []
        union = boxes[0]
        for box in boxes[1:]:
            union = union.united(box)
        if union.width() <= 0 or union.height() <= 0:
            return []
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        scale = min(area.width() / union.width(), area.height() / union.height())
        ox = area.x() + (area.width() - union.width() * scale) / 2
        oy = area.y() + (area.height() - union.height() * scale) / 2
        return [QRectF(ox + (b.x() - union.x()) * scale, oy + (b.y() - union.y()) * scale,
                       b.width() * scale, b.height() * scale) for b in boxes]

    def sizeHint(self) -> QSize:  # noqa: N802
        em = self.fontMetrics().height()
        return QSize(round(em * 30), round(em * 14))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        em = self.fontMetrics().height()
        return QSize(round(em * 12), round(em * 6))

    def paintEvent(self, _event) -> None:  # noqa: N802
        if len(self.renderers) != 2 or not all(r.isValid() for r in self.renderers):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for n, (renderer, target) in enumerate(zip(self.renderers, self.targets())):
            painter.setOpacity(1.0 if n == 0 else self.SECOND_OPACITY)
            renderer.render(painter, target)
        painter.end()


class CompareStructuresDialog(QDialog):
    """Two pickers, two drawings with their differences marked, one sentence of summary."""

    def __init__(self, ctx, parent: QWidget | None = None, first: str = "thalidomide",
                 second: str = "lenalidomide"):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Compare two structures")
        self.setObjectName("compare_structures")
        self.structures = ctx.content.structures()
        pickers = QHBoxLayout()
        self.combos: list[QComboBox] = []
        for n, (text, default) in enumerate((("&First:", first), ("&Second:", second))):
            label = QLabel(text)
            combo = QComboBox()
            combo.setAccessibleName(("First" if n == 0 else "Second") + " structure")
            for structure in self.structures:
                combo.addItem(structure.name, structure.id)
            index = combo.findData(default)
            combo.setCurrentIndex(index if index >= 0 else min(n, combo.count() - 1))
            combo.currentIndexChanged.connect(self.refresh)
            label.setBuddy(combo)
            pickers.addWidget(label)
            pickers.addWidget(combo, 1)
            self.combos.append(combo)
        self.swap_button = QPushButton("S&wap")
        self.swap_button.setAccessibleName("Swap the two structures")
        self.swap_button.clicked.connect(self.swap)
        pickers.addWidget(self.swap_button)
        self.overlay_box = QCheckBox("&Overlay")
        self.overlay_box.setAccessibleName("Overlay the two structures")
        self.overlay_box.setToolTip("Draw the second structure over the first, their "
                                    "glutarimide rings on one another (Alt+O)")
        self.overlay_box.toggled.connect(self.refresh)
        pickers.addWidget(self.overlay_box)

        self.left = StructureWidget(ctx, legend=False, height_em=11)
        self.right = StructureWidget(ctx, legend=False, height_em=11)
        self.overlay = OverlayDrawing()
        self.overlay.hide()
        self.overlay_key = QLabel()
        self.overlay_key.setTextFormat(Qt.TextFormat.PlainText)
        self.overlay_key.setWordWrap(True)
        self.overlay_key.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.overlay_key.setAccessibleName("Which structure is which")
        self.overlay_key.hide()
        pair = QHBoxLayout()
        pair.addWidget(self.left, 1)
        pair.addWidget(self.right, 1)
        pair.addWidget(self.overlay, 1)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What differs")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addLayout(pair, 1)
        layout.addWidget(self.overlay_key)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self._fit_to_text()
        ctx.theme.theme_changed.connect(self._theme_changed)
        ctx.theme.font_scale_changed.connect(self._fit_to_text)
        self.refresh()

    def _fit_to_text(self, *_args) -> None:
        """60 x 30 lines of text, never larger than the screen (at any text size, and again
        when the text size changes while the dialog is open)."""
        em = self.fontMetrics().height()
        width, height = round(em * 60), round(em * 30)
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, int(area.width() * 0.95)), min(height,
                                                                       int(area.height() * 0.9))
            self.resize(width, height)
            if self.isVisible():  # keep it on the screen
                x = min(max(self.x(), area.left()), area.right() - width)
                y = min(max(self.y(), area.top()), area.bottom() - height)
                self.move(x, y)
        else:
            self.resize(width, height)

    def _theme_changed(self, *_args) -> None:
        if self.overlay_box.isChecked():  # the side-by-side drawings restyle themselves
            self.refresh()

    def chosen(self):
        by_id = {s.id: s for s in self.structures}
        return tuple(by_id.get(c.currentData()) for c in self.combos)

    def swap(self) -> None:
        a, b = self.combos[0].currentIndex(), self.combos[1].currentIndex()
        for combo in self.combos:
            combo.blockSignals(True)
        self.combos[0].setCurrentIndex(b)
        self.combos[1].setCurrentIndex(a)
        for combo in self.combos:
            combo.blockSignals(False)
        self.refresh()

    def refresh(self, *_args) -> None:
        a, b = self.chosen()
        if a is None or b is None:
            self.summary.setText("There are no structures to compare.")
            return
        diff = drawings.difference(a.id, b.id) if a.id != b.id else None
        self.left.set_structure(a, marked=diff["a"] if diff else None)
        self.right.set_structure(b, marked=diff["b"] if diff else None)
        self.summary.setText(drawings.difference_summary(a, b))
        overlaid = self.overlay_box.isChecked()
        self.left.setVisible(not overlaid)
        self.right.setVisible(not overlaid)
        self.overlay.setVisible(overlaid)
        self.overlay_key.setVisible(overlaid)
        if overlaid:
            self._fill_overlay(a, b, diff)
        self._share_scale()

    def _fill_overlay(self, a, b, diff) -> None:
        scheme = scheme_of(self.ctx)
        svgs, anchors = [], []
        for n, (structure, atoms) in enumerate(((a, diff["a"] if diff else []),
                                                (b, diff["b"] if diff else []))):
            raw = drawings.drawing_svg(structure.id)
            point = drawings.anchor(structure.id)
            if raw is None or point is None:
                self.overlay.set_pair([], [])
                self.overlay_key.setText(f"No drawing of {structure.name} is installed.")
                return
            # Bonds and atoms only (the parts' coloured highlights of two drawings on one
            # another hide more than they show), with each one's own atoms ringed.
            svg = drawings.only_part(drawings.themed_svg(raw, scheme), "")
            svg = drawings.without_labels(svg, structure.id)
            colours = drawings.DIFFERENCE if n == 0 else drawings.SECOND_DIFFERENCE
            svg = drawings.with_differences(svg, structure.id, atoms, scheme,
                                            colour=colours.get(scheme, colours["light"]))
            svgs.append(svg)
            anchors.append(point)
        self.overlay.set_pair(svgs, anchors)
        if a.id == b.id:
            key = f"{a.name} over itself."
        else:
            own_a = "its own atoms ringed in red" if diff and diff["a"] else "nothing of its own"
            own_b = "ringed in blue" if diff and diff["b"] else "nothing of its own"
            key = f"Solid: {a.name}, {own_a}. Faded over it: {b.name}, {own_b}."
            if scheme == "high-contrast":
                key = key.replace("in red", "in yellow").replace("in blue", "in cyan")
        self.overlay_key.setText(key)
        self.overlay.setAccessibleName(f"Overlay of {a.name} and {b.name}")
        self.overlay.setAccessibleDescription(
            f"{key} {drawings.difference_summary(a, b)}")

    def _share_scale(self) -> None:
        """Draw both at one scale (the smaller of the two fits), so sizes compare."""
        scale = min(self.left.drawing.fit_scale(), self.right.drawing.fit_scale())
        for side in (self.left, self.right):
            side.drawing.shared_scale = scale
            side.drawing.update()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._share_scale()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._share_scale()


def open_compare_dialog(ctx, parent: QWidget | None = None, first: str = "thalidomide",
                        second: str = "lenalidomide") -> CompareStructuresDialog:
    """Show the dialog (not modal: the window stays usable beside it)."""
    dialog = CompareStructuresDialog(ctx, parent, first, second)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
