"""Theme colours a person relies on: disabled controls look disabled in every theme, and their
text stays readable."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPushButton


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_a_disabled_button_looks_disabled_yet_readable(qtbot, app_ctx, theme):
    app_ctx.theme.apply(theme)
    enabled, disabled = QPushButton("Export"), QPushButton("Export")
    disabled.setEnabled(False)
    for button in (enabled, disabled):
        qtbot.addWidget(button)
    role = QPalette.ColorRole.ButtonText
    on = enabled.palette().color(QPalette.ColorGroup.Active, role)
    off = disabled.palette().color(QPalette.ColorGroup.Disabled, role)
    background = disabled.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button)
    # Visibly different from enabled text (high contrast used a near-white grey: 1.3:1)...
    assert contrast(on, off) >= 2.0, (theme, on.name(), off.name())
    # ...and still legible on the button.
    assert contrast(off, background) >= 3.0, (theme, off.name(), background.name())
