"""Fonts relative to the application font, so Ctrl+= / Ctrl+- scale every text.

A widget given an explicit point size stops following the application font. Widgets that
need a larger or bolder font call `set_relative_font`, which remembers the factor;
`rescale_fonts` re-applies all factors after the font scale changes.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

FACTOR = "font_factor"
WEIGHT = "font_weight"


def set_relative_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> None:
    """Make `widget`'s font `factor` times the application font (and bold if asked)."""
    widget.setProperty(FACTOR, float(factor))
    widget.setProperty(WEIGHT, int(QFont.Weight.DemiBold if bold else QFont.Weight.Normal))
    _apply(widget)


def _apply(widget: QWidget) -> None:
    base = QApplication.font()
    font = QFont(widget.font())
    font.setPointSizeF(base.pointSizeF() * float(widget.property(FACTOR)))
    font.setWeight(QFont.Weight(int(widget.property(WEIGHT) or QFont.Weight.Normal)))
    widget.setFont(font)


def rescale_fonts(root: QWidget) -> None:
    """Re-apply every relative font under `root` (call after the app font changes)."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget.property(FACTOR) is not None:
            _apply(widget)
