"""The toolbar search popup: why a search finds nothing, kinds a view hides for a while, the
field cleared once a result opens, and Ctrl+Enter never opening a result."""

from __future__ import annotations

from PySide6.QtCore import Qt


def run(main_window, qtbot, text: str):
    main_window.focus_search()
    field = main_window.search_field
    field.clear()
    qtbot.keyClicks(field, text)
    popup = main_window.search_popup
    qtbot.waitUntil(lambda: popup.isVisible() and not popup.timer.isActive())
    return field, popup


def test_an_operators_only_search_says_why_it_finds_nothing(main_window, qtbot):
    _field, popup = run(main_window, qtbot, '"AND OR (')
    assert popup.list.count() == 0
    assert "not search operators here" in popup.status.text()


def test_a_view_can_hide_a_kind_for_a_while(main_window, qtbot):
    hidden = {"on": True}
    main_window.ctx.services.setdefault("search_restrictions", []).append(
        lambda: (("term",), "Terms are hidden for this test.") if hidden["on"] else None)
    _field, popup = run(main_window, qtbot, "cereblon")
    kinds = {popup.list.item(r).data(Qt.ItemDataRole.UserRole)
             for r in popup.selectable_rows()}
    assert "term" not in kinds and kinds
    assert "Terms are hidden for this test." in popup.status.text()
    hidden["on"] = False
    _field, popup = run(main_window, qtbot, "cereblon")
    assert "term" in {popup.list.item(r).data(Qt.ItemDataRole.UserRole)
                      for r in popup.selectable_rows()}


def test_opening_a_result_clears_the_field_and_ctrl_enter_opens_nothing(main_window, qtbot):
    opened = []
    field, popup = run(main_window, qtbot, "cereblon")
    popup.result_activated.connect(lambda kind, item_id: opened.append((kind, item_id)))
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened == [] and field.text() == "cereblon"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert opened and opened[0][0] == "term"
    assert field.text() == "" and not popup.isVisible()
