"""The glossary panel with real widgets: search, categories, entry links, "Used in", tooltips,
Back/Forward, F2, and term linking through the AppContext."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip


@pytest.fixture
def panel(main_window, qtbot):
    main_window.show_glossary()
    glossary = main_window.glossary
    qtbot.waitUntil(lambda: glossary._loaded, timeout=2000)
    return glossary


def anchor_point(browser, href: str) -> QPoint:
    """Viewport position inside the first link to `href` (scrolled into view)."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()  # scrolled into view, as a user would
                rect = browser.cursorRect(cursor)  # just left of the link's first letter
                point = QPoint(rect.right() + 3, rect.center().y())
                assert browser.anchorAt(point) == href
                return point
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href} in the entry")


def entry_text(panel) -> str:
    return panel.entry.toPlainText()


def test_start_up_does_not_build_the_glossary(qtbot, app_ctx):
    from desktop.main_window import MainWindow

    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.glossary._built
    assert "glossary_linker" not in app_ctx.services
    assert "glossary_index" not in app_ctx.services
    # ... but linking works on first use, everywhere, through the context.
    assert app_ctx.link_terms("<p>cereblon</p>") == (
        '<p><a class="term" href="term:cereblon" title="The substrate receptor of the CRL4 '
        'ubiquitin ligase.">cereblon</a></p>')
    assert "ikzf1" not in app_ctx.link_terms("<p>Ikaros</p>", skip=("ikzf1",))


def test_f2_toggles_the_panel(main_window, qtbot):
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window, timeout=2000)
    assert not main_window.glossary.isVisible()
    qtbot.keyClick(main_window, Qt.Key.Key_F2)
    assert main_window.glossary.isVisible()
    qtbot.keyClick(main_window, Qt.Key.Key_F2)
    assert not main_window.glossary.isVisible()


@pytest.mark.parametrize("typed, expected", [
    ("CRBN", "cereblon"), ("crbn", "cereblon"), ("Ikaros", "ikzf1"),
    ("casein kinase", "ck1-alpha"), ("ck1a", "ck1-alpha"), ("ceribon", "cereblon"),
    ("cere", "cereblon"),
])
def test_search_box_lists_the_best_match_first(panel, qtbot, typed, expected):
    panel.focus_filter()
    qtbot.keyClicks(panel.filter, typed)
    ids = panel.result_ids()
    assert ids and ids[0] == expected
    assert panel.count_label.text().endswith("of 3")
    qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert panel.current_term == expected
    assert panel.entry.toPlainText().startswith(panel.index.term(expected).term)


def test_no_match_says_so_and_clearing_shows_all(panel, qtbot):
    qtbot.keyClicks(panel.filter, "zzzzqqq")
    assert panel.result_ids() == []
    assert panel.count_label.text() == "no match"
    panel.filter.clear()
    assert len(panel.result_ids()) == 3
    assert panel.count_label.text() == "3 terms"


def test_keyboard_down_from_the_search_box_walks_the_list(panel, qtbot):
    panel.focus_filter()
    qtbot.keyClick(panel.filter, Qt.Key.Key_Down)
    assert panel.list.hasFocus()
    first = panel.current_term
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.current_term != first and panel.current_term == panel.result_ids()[1]


def test_category_filter(panel, qtbot):
    labels = [panel.category.itemText(i) for i in range(panel.category.count())]
    assert labels[0] == "All categories (3)"
    assert "Molecular biology (2)" in labels
    panel.set_category("molecular-biology")
    assert sorted(panel.result_ids()) == ["cereblon", "ck1-alpha"]
    qtbot.keyClicks(panel.filter, "Ikaros")
    assert panel.result_ids() == []
    panel.set_category("")
    assert panel.result_ids() == ["ikzf1"]


def test_entry_shows_every_part_and_links_terms(panel, main_window):
    assert main_window.open_item("term", "cereblon")
    text = entry_text(panel)
    for part in ("Cereblon", "Abbreviation: CRBN", "Category: Molecular biology",
                 "The substrate receptor", "Why it matters", "Common error", "See also",
                 "IKZF1", "Sources", "Used in"):
        assert part in text, part
    html = panel.entry._html
    assert 'href="term:ikzf1"' in html and 'href="ref:ito-2010-science"' in html
    assert 'href="term:cereblon"' not in html  # an entry never links to itself
    panel.show_term("ikzf1")
    # "Lenalidomide makes cereblon degrade it." links the other term.
    assert '<a class="term" href="term:cereblon"' in panel.entry._html


def test_entry_links_navigate(panel, main_window, qtbot):
    main_window.open_item("term", "cereblon")
    qtbot.mouseClick(panel.entry.viewport(), Qt.MouseButton.LeftButton,
                     pos=anchor_point(panel.entry, "term:ikzf1"))
    assert panel.current_term == "ikzf1"
    main_window.open_item("term", "cereblon")
    with qtbot.waitSignal(main_window.ctx.navigator.open_requested) as request:
        qtbot.mouseClick(panel.entry.viewport(), Qt.MouseButton.LeftButton,
                         pos=anchor_point(panel.entry, "ref:ito-2010-science"))
    assert request.args == ["reference", "ito-2010-science"]  # the library view shows it
    assert panel.current_term == "cereblon"  # the panel keeps its place


def test_used_in_is_complete_and_each_item_opens(panel, main_window, qtbot):
    main_window.open_item("term", "cereblon")
    qtbot.waitUntil(lambda: "Finding the notes" not in entry_text(panel), timeout=3000)
    usage = panel.used_in("cereblon")
    assert {u.item_id for u in usage["document"]} == {"note-ito-2010"}
    assert {u.item_id for u in usage["event"]} == {"cereblon-found-2010"}
    assert len(usage["question"]) == 5
    html = panel.entry._html
    assert 'href="doc:note-ito-2010"' in html
    assert 'href="event:cereblon-found-2010"' in html
    for question in usage["question"]:
        assert f'href="question:{question.item_id}"' in html
    assert "Questions (5)" in entry_text(panel)
    with qtbot.waitSignal(main_window.ctx.navigator.open_requested) as request:
        qtbot.mouseClick(panel.entry.viewport(), Qt.MouseButton.LeftButton,
                         pos=anchor_point(panel.entry, "event:cereblon-found-2010"))
    assert request.args == ["event", "cereblon-found-2010"]  # routed to the timeline view


def test_show_all_usages(panel, main_window, qtbot, monkeypatch):
    from desktop.core.glossary import entry as glossary_entry

    monkeypatch.setattr(glossary_entry, "USAGE_LIMIT", 2)
    main_window.open_item("term", "cereblon")
    qtbot.waitUntil(lambda: "Show all 5 questions" in entry_text(panel), timeout=3000)
    assert panel.entry._html.count('href="question:') == 2
    qtbot.mouseClick(panel.entry.viewport(), Qt.MouseButton.LeftButton,
                     pos=anchor_point(panel.entry, "glossary:more/question"))
    assert panel.entry._html.count('href="question:') == 5


def test_category_link_in_the_entry_filters_the_list(panel, main_window, qtbot):
    main_window.open_item("term", "ikzf1")
    qtbot.mouseClick(panel.entry.viewport(), Qt.MouseButton.LeftButton,
                     pos=anchor_point(panel.entry, "glossary:category/immunology"))
    assert panel.selected_category() == "immunology"
    assert panel.result_ids() == ["ikzf1"]


def hover(browser, point: QPoint) -> None:
    event = QHelpEvent(QEvent.Type.ToolTip, point, browser.viewport().mapToGlobal(point))
    QApplication.sendEvent(browser.viewport(), event)


def test_hovering_a_linked_term_shows_its_definition(panel, main_window, qtbot):
    main_window.open_item("term", "ikzf1")
    hover(panel.entry, anchor_point(panel.entry, "term:cereblon"))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "The substrate receptor of the CRL4 ubiquitin ligase." in QToolTip.text()
    assert "<b>Cereblon</b> (CRBN)" in panel.entry.last_tooltip
    QToolTip.hideText()


def test_tooltips_in_any_rich_text_view(app_ctx, qtbot):
    from desktop.glossary import services
    from desktop.widgets.rich_text import RichTextBrowser

    services.install(app_ctx)
    browser = RichTextBrowser(app_ctx)
    qtbot.addWidget(browser)
    browser.resize(500, 200)
    browser.set_content(app_ctx.render_markdown(
        "Thalidomide binds **cereblon**; see [the paper](ref:ito-2010-science)."))
    browser.show()
    qtbot.waitExposed(browser)
    hover(browser, anchor_point(browser, "term:cereblon"))
    assert "substrate receptor" in browser.last_tooltip
    hover(browser, anchor_point(browser, "ref:ito-2010-science"))
    assert "thalidomide" in browser.last_tooltip.lower()
    QToolTip.hideText()


def test_back_and_forward_through_terms(panel, main_window):
    assert not panel.back_button.isEnabled() and not panel.forward_button.isEnabled()
    for term_id in ("cereblon", "ikzf1", "ck1-alpha"):
        main_window.open_item("term", term_id)
    assert panel.back_button.isEnabled() and not panel.forward_button.isEnabled()
    panel.back_button.click()
    assert panel.current_term == "ikzf1"
    panel.go_back()
    assert panel.current_term == "cereblon"
    assert not panel.back_button.isEnabled() and panel.forward_button.isEnabled()
    panel.forward_button.click()
    assert panel.current_term == "ikzf1"
    main_window.open_item("term", "cereblon")  # a new visit drops the forward history
    assert not panel.can_go_forward()
    assert panel.history[-2:] == ["ikzf1", "cereblon"]


def test_backspace_in_the_list_goes_back(panel, main_window, qtbot):
    main_window.open_item("term", "cereblon")
    main_window.open_item("term", "ikzf1")
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Backspace)
    assert panel.current_term == "cereblon"
    qtbot.keyClick(panel.list, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ShiftModifier)
    assert panel.current_term == "ikzf1"


def test_panel_keeps_its_place_across_views(panel, main_window, qtbot):
    qtbot.keyClicks(panel.filter, "ik")
    main_window.open_item("term", "ikzf1")
    for key in ("library", "timeline", "quiz", "home"):
        main_window.show_view(key)
        assert panel.isVisible()
        assert panel.filter.text() == "ik"
        assert panel.current_term == "ikzf1"
        assert entry_text(panel).startswith("IKZF1")


def test_theme_change_restyles_the_entry(panel, main_window):
    main_window.open_item("term", "cereblon")
    main_window.set_theme("dark")
    assert "#8dbcff" in panel.entry.document().defaultStyleSheet()
    assert entry_text(panel).startswith("Cereblon")
    main_window.set_theme("light")


def test_hidden_panel_remembers_a_term_without_building(qtbot, app_ctx):
    from desktop.main_window import MainWindow

    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    assert window.glossary.show_term("ikzf1")
    assert not window.glossary._built
    window.show()
    window.show_glossary()
    qtbot.waitUntil(lambda: entry_text(window.glossary).startswith("IKZF1"), timeout=2000)
    assert window.glossary.show_term("no-such-term") is False


def test_panel_text_follows_the_font_scale(panel, main_window):
    before = {w: w.font().pointSizeF() for w in (panel.list, panel.entry, panel.filter)}
    main_window.step_font(+1)
    main_window.step_font(+1)
    for widget, size in before.items():
        assert widget.font().pointSizeF() > size * 1.15, widget.accessibleName()
    main_window.step_font(0)
    for widget, size in before.items():
        assert abs(widget.font().pointSizeF() - size) < 0.01


def test_a_short_panel_leaves_the_entry_more_room_than_the_list(panel, main_window, qtbot):
    """At large text on a laptop the panel is short: the list and the entry share the loss
    (the entry twice as much), so a drug's entry still shows its structure drawing (the list
    kept its 220 pixels and left the entry a strip of about 100 at 1200x736)."""
    main_window.resize(1200, 760)
    main_window.ctx.theme.set_font_scale(2.0)
    panel.show_term("mezigdomide")
    qtbot.wait(50)
    main_window.resize(1200, 736)
    qtbot.waitUntil(lambda: panel.splitter.sizes()[1] >= panel.splitter.sizes()[0] * 1.3)
    assert panel.entry.height() >= panel.entry.fontMetrics().height() * 7
    main_window.ctx.theme.set_font_scale(1.0)
