"""Compare two: any two structures side by side, aligned on their glutarimide rings, with the
atoms outside their maximum common substructure marked and the difference said in words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.chemistry.structure_widget import StructureWidget
from desktop.core.chemistry import drawings


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

        self.left = StructureWidget(ctx, legend=False, height_em=11)
        self.right = StructureWidget(ctx, legend=False, height_em=11)
        pair = QHBoxLayout()
        pair.addWidget(self.left, 1)
        pair.addWidget(self.right, 1)
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
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        em = self.fontMetrics().height()
        width, height = round(em * 60), round(em * 30)
        screen = (parent.screen() if parent is not None else self.screen())
        if screen is not None:  # never larger than the screen, at any text size
            area = screen.availableGeometry()
            width, height = min(width, int(area.width() * 0.95)), min(height,
                                                                       int(area.height() * 0.9))
        self.resize(width, height)
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
        self._share_scale()

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
