"""The Preferences dialog reads whole at 200% text on the smallest screen."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel


def test_every_wrapped_line_shows_at_double_text_size(main_window, qtbot):
    from desktop.widgets.preferences_dialog import PreferencesDialog

    ctx = main_window.ctx
    ctx.theme.set_font_scale(2.0)
    dialog = PreferencesDialog(ctx.settings, ctx.atlas.paths.data_dir, "light", 2.0,
                               main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for _ in range(4):
        QApplication.processEvents()
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height() and dialog.width() <= screen.width()
    wrapped = [label for label in dialog.findChildren(QLabel)
               if label.isVisible() and label.wordWrap() and label.text()]
    assert wrapped, "the data folder note wraps"
    for label in wrapped:
        assert label.height() >= label.heightForWidth(label.width()), label.text()
