"""The application icon: PNG sizes rendered from the SVG, on every window, presenter included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from desktop.core.paths import ICON_SIZES, icon_png, icon_svg
from tools.render_icons import render


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp, size):
    png = QImage(str(icon_png(size))).convertToFormat(QImage.Format.Format_ARGB32)
    assert (png.width(), png.height()) == (size, size)
    fresh = render(icon_svg(), size)
    differences = [
        abs(a - b)
        for y in range(size) for x in range(0, size, max(1, size // 64))
        for a, b in zip(png.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb(),
                        strict=True)
    ]
    # A stale PNG (the SVG edited, tools/render_icons.py not run) differs by far more.
    assert sum(differences) / len(differences) < 2.0
    # The rounded square: transparent corners, an opaque middle.
    assert png.pixelColor(0, 0).alpha() == 0
    assert png.pixelColor(size // 2, size // 2).alpha() == 255


def test_windows_carry_the_icon(qapp, main_window, qtbot):
    from desktop.app import make_application

    assert make_application() is qapp
    sizes = main_window.windowIcon().availableSizes()
    assert {QSize(s, s) for s in ICON_SIZES} <= set(sizes)
    main_window.start_presenter("timeline")
    presenter = main_window.presenter
    qtbot.waitUntil(lambda: presenter.isVisible())
    assert presenter.windowIcon().cacheKey() == qapp.windowIcon().cacheKey()
    assert QSize(256, 256) in presenter.windowIcon().availableSizes()
    presenter.close()
