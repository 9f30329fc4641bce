"""Help > About is sized by its text: larger with larger text, never larger than the screen."""

from __future__ import annotations

from desktop.core.licences import third_party_libraries


def open_about(app_ctx, main_window, qtbot, scale: float):
    from desktop.widgets.about_dialog import AboutDialog

    app_ctx.theme.set_font_scale(scale)
    dialog = AboutDialog(app_ctx, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_about_grows_with_the_text_and_stays_on_the_screen(app_ctx, main_window, qtbot):
    try:
        sizes = {}
        for scale in (1.0, 2.0):
            dialog = open_about(app_ctx, main_window, qtbot, scale)
            area = dialog.screen().availableGeometry()
            assert dialog.width() <= area.width() and dialog.height() <= area.height()
            sizes[scale] = dialog.size()
            if scale == 1.0:
                # A library's row (name, version, licence) fits on one line at normal text size.
                libraries = third_party_libraries() or []
                name = max((lib.name for lib in libraries), key=len, default="PySide6_Essentials")
                row = f"{name}  99.99.99  LGPL-3.0-only OR GPL-2.0-only"
                assert dialog.text.viewport().width() > dialog.text.fontMetrics(
                ).horizontalAdvance(row)
            dialog.close()
        assert sizes[2.0].width() > sizes[1.0].width()
        assert sizes[2.0].height() > sizes[1.0].height()
    finally:
        app_ctx.theme.set_font_scale(1.0)
