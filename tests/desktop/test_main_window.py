"""Smoke and behaviour tests of the main window with real widgets (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop.views import VIEW_SPECS


def test_every_view_opens_from_navigation_and_shortcut(main_window, qtbot):
    for index, spec in enumerate(VIEW_SPECS):
        main_window.nav.setCurrentRow(index)
        assert main_window.current_key == spec.key
        assert main_window.stack.currentWidget() is main_window.views[spec.key]
    main_window.view_actions["home"].trigger()
    assert main_window.current_key == "home"


def test_glossary_panel_toggles_with_f2(main_window, qtbot):
    was = main_window.glossary.isVisible()
    main_window.glossary_action.trigger()
    assert main_window.glossary.isVisible() != was
    main_window.glossary_action.trigger()
    assert main_window.glossary.isVisible() == was
    assert main_window.glossary_action.shortcut().toString() == "F2"


def test_theme_switch_changes_the_palette(main_window, app_ctx):
    main_window.set_theme("dark")
    window_color = QApplication.palette().window().color()
    assert window_color.lightness() < 80
    assert app_ctx.settings.theme == "dark"
    main_window.set_theme("high-contrast")
    assert QApplication.palette().window().color().name() == "#000000"
    main_window.set_theme("light")
    assert QApplication.palette().window().color().lightness() > 200


def test_font_scale_grows_every_text(main_window, app_ctx, qtbot):
    home = main_window.views["home"]
    title = home.findChildren(type(home.summary))[0]
    before_title = title.font().pointSizeF()
    before_app = QApplication.font().pointSizeF()
    main_window.step_font(+1)
    main_window.step_font(+1)
    assert QApplication.font().pointSizeF() > before_app * 1.15
    assert title.font().pointSizeF() > before_title * 1.15
    assert app_ctx.settings.font_scale == 1.2
    plain = main_window.status_label  # a widget with no font of its own
    assert plain.font().pointSizeF() > before_app * 1.15
    assert main_window.nav.font().pointSizeF() > before_app * 1.15
    main_window.step_font(0)
    assert abs(QApplication.font().pointSizeF() - before_app) < 0.01
    assert abs(plain.font().pointSizeF() - before_app) < 0.01


def test_search_field_finds_and_opens_a_term(main_window, qtbot):
    main_window.focus_search()
    qtbot.keyClicks(main_window.search_field, "CRBN")
    qtbot.waitUntil(lambda: main_window.search_popup.shows_results(), timeout=2000)
    popup = main_window.search_popup
    assert popup.results.hits[0].item_id == "cereblon"
    qtbot.keyClick(main_window.search_field, Qt.Key.Key_Return)
    assert main_window.glossary.isVisible()
    assert main_window.glossary.current_term == "cereblon"
    assert not popup.isVisible()


def test_search_keyboard_moves_between_results(main_window, qtbot):
    main_window.focus_search()
    qtbot.keyClicks(main_window.search_field, "cereblon")
    qtbot.waitUntil(lambda: main_window.search_popup.shows_results(), timeout=2000)
    popup = main_window.search_popup
    first = popup.list.currentRow()
    qtbot.keyClick(main_window.search_field, Qt.Key.Key_Down)
    assert popup.list.currentRow() > first
    qtbot.keyClick(main_window.search_field, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def test_back_and_forward_replay_locations(main_window, qtbot):
    main_window.show_view("home")
    main_window.open_item("term", "cereblon")
    main_window.show_view("library")
    assert main_window.back_action.isEnabled()
    main_window.go_back()
    assert main_window.glossary.current_term == "cereblon"
    main_window.go_back()
    assert main_window.current_key == "home"
    assert main_window.forward_action.isEnabled()
    main_window.go_forward()
    main_window.go_forward()
    assert main_window.current_key == "library"


def test_state_persists_across_windows(qtbot, app_ctx):
    from desktop.main_window import MainWindow

    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.restore_state()
    first.show()
    first.resize(700, 500)
    first.show_view("quiz")
    first.glossary.show()
    first.open_item("term", "ikzf1")
    first.close()
    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    second.restore_state()
    second.show()
    assert second.current_key == "quiz"
    assert second.glossary.isVisible()
    qtbot.waitUntil(lambda: second.glossary.current_term == "ikzf1", timeout=2000)
    assert second.size().width() == 700


def test_about_dialog_shows_version_date_and_notice(main_window, qtbot, app_ctx):
    from desktop import __version__
    from desktop.widgets.about_dialog import AboutDialog

    dialog = AboutDialog(app_ctx, main_window)
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert __version__ in text
    assert "Nov 2026" in text
    assert "not medical advice" in text
    assert "Identification of a primary target of thalidomide teratogenicity" in text


def test_shortcuts_dialog_lists_menu_shortcuts(main_window, qtbot):
    from desktop.widgets.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(main_window)
    qtbot.addWidget(dialog)
    cells = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert "F2" in cells and "Ctrl+K or Ctrl+F" in cells


def test_every_interactive_widget_has_an_accessible_name(main_window):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget

    for view_spec in VIEW_SPECS:
        main_window.show_view(view_spec.key)
    missing = []
    widgets = [w for cls in (QLineEdit, QListWidget, QAbstractButton)
               for w in main_window.findChildren(cls)]
    for widget in widgets:
        if widget.isVisible() and not (widget.accessibleName() or
                                       getattr(widget, "text", lambda: "")()):
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not missing, missing


def test_relative_fonts_survive_theme_change(main_window):
    main_window.set_theme("dark")
    assert QApplication.font().pointSizeF() > 0
    assert isinstance(QApplication.font(), QFont)


def test_home_lists_what_the_atlas_holds(main_window, qtbot):
    home = main_window.show_view("home")
    qtbot.waitUntil(lambda: "3 references" in home.summary.text(), timeout=2000)
    assert "5 questions" in home.summary.text() and "Nov 2026" in home.summary.text()


def test_window_fits_a_laptop_screen_at_double_text_size(main_window, app_ctx, qtbot):
    """At 200% text every view must still fit 1280 pixels: rows wrap instead of widening."""
    from desktop.views import VIEW_SPECS

    for view_spec in VIEW_SPECS:
        main_window.show_view(view_spec.key)
    app_ctx.theme.set_font_scale(2.0)
    qtbot.wait(10)
    assert main_window.minimumSizeHint().width() <= 1280
    for key, view in main_window.views.items():
        assert view.minimumSizeHint().width() <= 1280 - main_window.nav.width(), key
