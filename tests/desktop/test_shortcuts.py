"""One table of shortcuts (desktop/core/shortcuts.py) is the source of the menus' keys, the
Help > Keyboard shortcuts dialog and the keys the views advertise: they agree with it."""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QWidget

from desktop.core.shortcuts import SHORTCUTS, key_sequences, shortcut
from desktop.views import VIEW_SPECS
from desktop.widgets.keys import SHORTCUT_ID

PORTABLE = QKeySequence.SequenceFormat.PortableText


def all_menus(window) -> list[QMenu]:
    """Every menu of the menu bar and its submenus, filled as they are when opened."""
    found = []

    def walk(menu: QMenu) -> None:
        menu.aboutToShow.emit()  # menus filled on opening (Export, Recent, Content packs)
        found.append(menu)
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())

    for action in window.menuBar().actions():
        walk(action.menu())
    return found


def mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def test_every_key_in_the_table_is_a_valid_key_sequence():
    for row in SHORTCUTS:
        for key in key_sequences(row.id):
            sequence = QKeySequence(key)
            assert sequence.count() == 1 and not sequence.isEmpty(), (row.id, key)
            assert sequence.toString(PORTABLE) != "", (row.id, key)


def test_no_two_rows_give_one_key_two_meanings_in_the_same_place():
    seen: dict[tuple[str, str, str], str] = {}
    global_keys = {QKeySequence(k).toString(PORTABLE)
                   for row in SHORTCUTS if row.menu for k in key_sequences(row.id)}
    for row in SHORTCUTS:
        for key in key_sequences(row.id):
            normal = QKeySequence(key).toString(PORTABLE)
            where = (row.view, row.needs, normal)
            assert where not in seen, f"{row.id} and {seen[where]} both use {key}"
            seen[where] = row.id
            if not row.menu and row.view not in ("presenter", "lessons"):
                # A view key that is also a menu key would be ambiguous: neither fires.
                assert normal not in global_keys, f"{row.id} reuses the menu key {key}"


def test_menu_keys_come_from_the_table(main_window):
    main_window.install_file_actions()
    bound = {}
    for menu in all_menus(main_window):
        for action in menu.actions():
            keys = [k.toString(PORTABLE) for k in action.shortcuts() if not k.isEmpty()]
            if not keys:
                continue
            row_id = action.property(SHORTCUT_ID)
            label = action.text().replace("&", "")
            assert row_id, f"menu item {label!r} has keys {keys} that are not in the table"
            want = [QKeySequence(k).toString(PORTABLE) for k in key_sequences(row_id)]
            assert keys == want, (label, keys, want)
            bound[row_id] = menu.title().replace("&", "")
    for row in SHORTCUTS:
        if row.menu:
            assert row.id in bound, f"{row.id} ({row.text}) is in no menu"
            # Views are listed in both View and Go; every other item in its own menu.
            assert bound[row.id] in (row.menu, "Go"), (row.id, bound[row.id], row.menu)


def test_no_menu_has_two_items_with_one_mnemonic(main_window):
    main_window.install_file_actions()
    titles = [mnemonic(a.text()) for a in main_window.menuBar().actions()]
    assert len(titles) == len(set(titles)), titles
    for menu in all_menus(main_window):
        letters: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            letter = mnemonic(action.text())
            if letter is None:
                continue
            assert letter not in letters, (
                f"{menu.title()!r}: {action.text()!r} and {letters[letter]!r} share &{letter}")
            letters[letter] = action.text()


def test_the_view_menu_items_lessons_and_normal_text_size_differ():
    """The defect that started this: both were &N."""
    from desktop.views import VIEW_SPECS

    specs = VIEW_SPECS

    assert len({mnemonic(s.menu_text) for s in specs}) == len(specs)


def test_the_shortcuts_dialog_lists_the_table(main_window, qtbot):
    from desktop.widgets.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(main_window)
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    assert len(rows) == len(SHORTCUTS)
    for row, shown in zip(SHORTCUTS, rows, strict=True):
        assert shown[0] == row.area and shown[1] == row.text
        assert shown[2].casefold() == row.does.casefold()
    bookmark = next(r for r in rows if r[2].startswith("Bookmark the question"))
    assert bookmark[1] == shortcut("quiz.bookmark").text


def test_the_shortcuts_dialog_gives_descriptions_the_room(main_window, qtbot):
    """Keys fit their column; descriptions are not wrapped while the keys column is wide."""
    from desktop.widgets.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    metrics = table.fontMetrics()
    widest_keys = max(metrics.horizontalAdvance(table.item(r, 1).text())
                      for r in range(table.rowCount()))
    assert widest_keys <= table.columnWidth(1) <= widest_keys + metrics.horizontalAdvance("M") * 3
    assert table.columnWidth(2) > table.columnWidth(1)
    line = metrics.height()
    wrapped = [table.item(r, 2).text() for r in range(table.rowCount())
               if table.rowHeight(r) >= 2 * line]
    assert not wrapped, wrapped
    screen = main_window.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()


def test_the_shortcuts_dialog_filters(main_window, qtbot):
    from desktop.widgets.shortcuts_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(main_window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.filter, "bookmark")
    shown = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())
             if not dialog.table.isRowHidden(r)]
    assert shown and all("ookmark" in text for text in shown)


#: Keys with a modifier, or a function key, as written in a label, tooltip or placeholder.
ADVERTISED = re.compile(r"\b(?:(?:Ctrl|Alt|Shift)\+)+(?:[A-Za-z0-9]+\b|[=+\-/,.])|\bF\d{1,2}\b")


def advertised_keys(root: QWidget) -> set[tuple[str, str]]:
    """(key, where) for every modifier or function key that a text under `root` names."""
    found = set()
    for widget in [root, *root.findChildren(QWidget)]:
        texts = [widget.toolTip(), widget.accessibleDescription()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        for text in texts:
            for key in ADVERTISED.findall(text or ""):
                found.add((key, f"{type(widget).__name__} {widget.objectName()}: {text[:60]}"))
    return found


def test_every_key_a_view_advertises_is_in_the_table(main_window):
    table_keys = {QKeySequence(k).toString(PORTABLE)
                  for row in SHORTCUTS for k in key_sequences(row.id)}
    for view_spec in VIEW_SPECS:
        main_window.show_view(view_spec.key)
    main_window.show_glossary()
    unknown = [(key, where) for key, where in advertised_keys(main_window)
               if QKeySequence(key).toString(PORTABLE) not in table_keys]
    assert not unknown, unknown
