"""The mechanism view with real widgets over the bundled content (offscreen)."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage

from db.label_practice import practice_summary
from desktop.core.mechanism.layout import layout_problems


def node_point(canvas, node_id: str) -> QPoint:
    box = canvas.items[node_id].geometry.box
    return canvas.mapFromScene(box.cx, box.cy)


# -- diagram -----------------------------------------------------------------------------------

def test_keyboard_steps_through_the_narration(view, qtbot):
    canvas = view.canvas
    canvas.setFocus()
    steps = view.diagram.steps
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert view.narration.index == 0
    assert steps[0].title in view.info.toPlainText()
    assert view.position_label.text() == f"Step 1 of {len(steps)}"
    assert canvas.node_state("cereblon").strong and not canvas.node_state("cereblon").dimmed
    assert canvas.node_state("myc").dimmed
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert view.narration.index == 1
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert view.narration.index == 2 and steps[2].title in view.info.toPlainText()
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    assert view.narration.index == 0
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert view.narration.at_end and not view.next_button.isEnabled()
    view.overview_button.click()
    assert view.narration.current is None
    assert not any(canvas.node_state(n.id).dimmed for n in view.diagram.nodes)
    view.next_button.click()
    assert view.narration.index == 0 and view.prev_button.isEnabled()


def test_tab_walks_the_nodes_and_enter_opens_the_glossary(view, qtbot, mech_ctx):
    canvas = view.canvas
    canvas.setFocus()
    order = [n.id for n in view.diagram.tab_order()]
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.focused_node() == order[0]
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.focused_node() == order[1]
    qtbot.keyClick(canvas, Qt.Key.Key_Backtab)
    assert canvas.focused_node() == order[0]
    assert "molecular glue" in canvas.accessibleDescription().lower()
    with qtbot.waitSignal(mech_ctx.navigator.open_requested) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert blocker.args == ["term", view.diagram.node(order[0]).term]


def test_clicking_a_node_opens_its_glossary_entry(view, qtbot, mech_ctx):
    with qtbot.waitSignal(mech_ctx.navigator.open_requested) as blocker:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                         pos=node_point(view.canvas, "ikzf3"))
    assert blocker.args == ["term", "ikzf3"]


def test_node_click_in_the_main_window_shows_the_glossary_entry(qtbot, mech_ctx):
    from desktop.main_window import MainWindow

    window = MainWindow(mech_ctx)
    qtbot.addWidget(window)
    window.show()
    assert "mechanism" not in window.views  # created lazily, on first show
    view = window.show_view("mechanism")
    qtbot.waitExposed(window)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=node_point(view.canvas, "cereblon"))
    assert window.glossary.isVisible()
    assert window.glossary.current_term == "cereblon"


def test_hover_tooltip_is_the_short_definition(view, mech_ctx):
    tip = view.canvas.items["ck1a"].toolTip()
    term = mech_ctx.content.term("ck1-alpha")
    assert "CK1α" in tip and term.short_definition.split()[3] in tip


def test_drug_selector_highlights_what_the_drug_is_known_for(view):
    canvas = view.canvas
    view.select_drug("lenalidomide")
    highlight = view.diagram.highlight_for("lenalidomide")
    ringed = {n for n, item in canvas.items.items() if item.state.drug_color}
    assert ringed == set(highlight.nodes)
    assert "ck1a" in ringed and "gspt1" not in ringed
    assert "Lenalidomide: what it is known for" in view.info.toPlainText()
    assert 'href="ref:kronke-2015-nature"' in view.info._html
    view.select_drug("iberdomide")
    assert not canvas.items["ck1a"].state.drug_color
    assert canvas.items["ikzf1"].state.drug_color == view.drug_color("iberdomide")
    view.drug_combo.setCurrentIndex(0)
    assert not any(item.state.drug_color for item in canvas.items.values())


def test_layout_with_real_fonts_has_no_overlaps_at_two_text_sizes(view, mech_ctx):
    canvas = view.canvas

    def label_height_on_screen() -> float:
        return canvas.items["cereblon"].geometry.label_box.h * canvas.current_scale()

    assert layout_problems(view.diagram, canvas.layout_result) == []
    width = canvas.layout_result.node_size[0]
    before = label_height_on_screen()
    mech_ctx.theme.set_font_scale(1.6)
    assert canvas.layout_result.node_size[0] > width * 1.3
    assert layout_problems(view.diagram, canvas.layout_result) == []
    # fitting to the window must not shrink the larger text back (Ctrl+= means bigger)
    assert label_height_on_screen() > before * 1.3


def test_navigation_fits_the_mechanism_title_after_text_and_theme_changes(qtbot, mech_ctx):
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    window = MainWindow(mech_ctx)
    qtbot.addWidget(window)
    window.show()
    for _ in range(3):
        window.step_font(+1)
    window.set_theme("high-contrast")
    assert window.nav.font().pointSizeF() == pytest.approx(QApplication.font().pointSizeF())
    title = window.nav.fontMetrics().horizontalAdvance("Mechanism")
    row = next(i for i in range(window.nav.count()) if window.nav.item(i).text() == "Mechanism")
    assert window.nav.visualItemRect(window.nav.item(row)).width() > title


def test_theme_change_recolours_the_diagram(view, mech_ctx):
    from desktop.theme import DARK

    mech_ctx.theme.apply("dark")
    assert view.canvas.colors.name == "dark"
    assert view.canvas.scene().backgroundBrush().color().name() == DARK.base
    assert set(view.canvas.items) == {n.id for n in view.diagram.nodes}


def test_export_png_and_svg(view, tmp_path):
    png = view.export_diagram(tmp_path / "mechanism.png", "png")
    image = QImage(str(png))
    rect = view.canvas.scene().sceneRect()
    assert image.width() == int(rect.width() * 2) and image.height() == int(rect.height() * 2)
    svg = view.export_diagram(tmp_path / "mechanism.svg", "svg")
    text = svg.read_text("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Cereblon (CRBN)" in text and "IKZF1 (Ikaros)" in text


def test_zoom_keeps_the_scene_and_fit_restores_it(view, qtbot):
    canvas = view.canvas
    fitted = canvas.current_scale()
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.current_scale() == pytest.approx(fitted * 1.2, rel=0.01)
    assert not canvas.auto_fit
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert canvas.current_scale() == pytest.approx(fitted, rel=0.01)


# -- hide the labels ---------------------------------------------------------------------------

def test_hidden_label_practice_scores_and_stores_an_attempt(view, qtbot, mech_ctx):
    canvas = view.canvas
    view.select_drug("thalidomide")
    qtbot.mouseClick(view.practice_button, Qt.MouseButton.LeftButton)
    assert view.bottom.currentIndex() == 1
    view.scope_combo.setCurrentIndex(view.scope_combo.findData("neosubstrates"))
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    practice = view.practice
    assert practice.total == 6 and practice.current == "ikzf1"
    assert canvas.node_state("ikzf1").hidden_number == 1
    assert not canvas.node_state("ikzf1").drug_color  # no hints from the drug's rings
    assert canvas.node_state("myc").hidden_number == 0

    qtbot.keyClicks(view.answer_edit, "ikaros")
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    assert canvas.node_state("ikzf1").result is True
    assert canvas.node_state("ikzf1").hidden_number == 0
    qtbot.keyClicks(view.answer_edit, "IKZF1")  # the current one is IKZF3
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    assert canvas.node_state("ikzf3").result is False
    assert "That name belongs to IKZF1 (Ikaros)" in view.feedback.toPlainText()
    view.pick_combo.setCurrentText("CK1α")
    qtbot.mouseClick(view.pick_button, Qt.MouseButton.LeftButton)
    assert canvas.node_state("ck1a").result is True

    # clicking a hidden box chooses it instead of opening the glossary (which would tell)
    opened = []
    mech_ctx.navigator.open_requested.connect(lambda *args: opened.append(args))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=node_point(canvas, "p63"))
    assert practice.current == "p63" and opened == []
    qtbot.keyClicks(view.answer_edit, "P63")
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(view.skip_button, Qt.MouseButton.LeftButton)  # GSPT1
    qtbot.keyClicks(view.answer_edit, "SALL4")
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)

    assert view.practice is None and view.last_attempt_id is not None
    row = mech_ctx.user.execute(
        "SELECT total, correct, scope, drug FROM label_practice_attempts").fetchone()
    assert tuple(row) == (6, 4, "neosubstrates", "thalidomide")
    assert practice_summary(mech_ctx.user).attempts == 1
    assert "Score: 4 of 6" in view.prompt_label.text()
    assert "1 attempt" in view.score_label.text()
    qtbot.mouseClick(view.practice_button, Qt.MouseButton.LeftButton)  # leave practice
    assert view.bottom.currentIndex() == 0
    assert all(canvas.node_state(n.id).result is None for n in view.diagram.nodes)
    assert canvas.node_state("ikzf1").drug_color  # the drug's rings are back


def test_stopping_early_counts_the_rest_as_skipped(view, qtbot, mech_ctx):
    view.start_practice("ligase")
    qtbot.keyClicks(view.answer_edit, view.practice.label_of(view.practice.current))
    qtbot.keyClick(view.answer_edit, Qt.Key.Key_Return)
    total = view.practice.total
    view.finish_button.click()
    row = mech_ctx.user.execute(
        "SELECT total, correct FROM label_practice_attempts").fetchone()
    assert tuple(row) == (total, 1)


def test_stopping_before_any_answer_stores_nothing(view, mech_ctx):
    view.start_practice("all")
    view.finish_button.click()
    assert mech_ctx.user.execute("SELECT count(*) FROM label_practice_attempts").fetchone()[0] == 0


# -- drug comparison ---------------------------------------------------------------------------

def click_field(qtbot, table, row: int) -> None:
    """Click a field's name (the table's row heading)."""
    header = table.verticalHeader()
    y = header.sectionViewportPosition(row) + min(header.sectionSize(row) // 2, 8)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, y))


def test_comparison_table_model_is_consistent(view, qtmodeltester):
    qtmodeltester.check(view.comparison.model)


def test_comparison_table_sorts_moves_hides_and_exports(view, qtbot, tmp_path):
    from desktop.mechanism.drug_comparison import ROWS

    comparison = view.comparison
    view.tabs.setCurrentWidget(comparison)
    table = comparison.table
    names = lambda: [d.id for d in comparison.ordered_drugs()]  # noqa: E731
    assert names() == ["thalidomide", "lenalidomide", "pomalidomide", "iberdomide",
                       "mezigdomide"]
    assert [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Thalidomide", "Lenalidomide", "Pomalidomide", "Iberdomide", "Mezigdomide"]
    comparison.sort_by("name")
    assert names() == ["iberdomide", "lenalidomide", "mezigdomide", "pomalidomide",
                       "thalidomide"]
    comparison.reset_order()
    click_field(qtbot, table, ROWS.index("fda_approval"))
    assert names()[:3] == ["thalidomide", "lenalidomide", "pomalidomide"]
    click_field(qtbot, table, ROWS.index("fda_approval"))  # again: the other way round
    assert names()[-3:] == ["pomalidomide", "lenalidomide", "thalidomide"]
    comparison.reset_order()

    toxicities = ROWS.index("toxicities")
    comparison.field_actions["toxicities"].setChecked(False)
    assert table.isRowHidden(toxicities)
    assert "toxicities" not in comparison.visible_fields()

    table.setFocus()
    table.setCurrentIndex(comparison.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert names()[:2] == ["lenalidomide", "thalidomide"]
    assert table.currentIndex().column() == 1

    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Drug\tChemical class\tFirst FDA approval")
    assert "Notable toxicities" not in copied

    out = comparison.export_csv(tmp_path / "drugs.csv")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [r[0] for r in rows[1:3]] == ["Lenalidomide", "Thalidomide"]
    assert "Notable toxicities" not in rows[0] and "Relative potency sources" in rows[0]

    comparison.reset_order()
    assert names()[0] == "thalidomide"
    comparison.show_all_fields()
    assert not table.isRowHidden(toxicities)


def test_every_cell_shows_its_whole_text_and_the_drugs_fit_the_width(view, qtbot):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyle

    from desktop.core.mechanism.drug_table import cell_full_text
    from desktop.mechanism.drug_comparison import FIELDS

    comparison = view.comparison
    view.tabs.setCurrentWidget(comparison)
    for width in (1024, 1280):  # (narrower: stacked, see below)
        view.resize(width, 700)
        qtbot.wait(30)
        table = comparison.table
        viewport = table.viewport().width()
        widths = [table.columnWidth(c) for c in range(5)]
        assert abs(sum(widths) - viewport) <= 5, (widths, viewport)
        assert max(widths) - min(widths) <= 1  # the five drugs share the width
        metrics = QFontMetrics(table.font())
        # the text rectangle of a cell: its width less the style's text margins
        margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                                None, table) + 1)
        for column, drug in enumerate(comparison.ordered_drugs()):
            for key in FIELDS:
                row = comparison.model.row_of(key)
                text = cell_full_text(drug.cells.get(key))
                assert table.model().index(row, column).data() == text  # no "…" summary
                needed = metrics.boundingRect(0, 0, widths[column] - margin, 10_000,
                                              int(Qt.TextFlag.TextWordWrap), text).height()
                assert table.rowHeight(row) >= needed, (drug.id, key)


def test_cell_sources_are_one_click_away(view, qtbot, mech_ctx):
    comparison = view.comparison
    comparison.table.setCurrentIndex(comparison.model.index_of("lenalidomide",
                                                               "neosubstrates"))
    html = comparison.detail._html
    assert "Lenalidomide · Neosubstrates" in comparison.detail.toPlainText()
    assert 'href="ref:kronke-2015-nature"' in html
    with qtbot.waitSignal(mech_ctx.navigator.open_requested) as blocker:
        comparison.detail.anchorClicked.emit(QUrl("ref:kronke-2015-nature"))
    assert blocker.args == ["reference", "kronke-2015-nature"]


def test_opening_a_drug_link_shows_its_row(qtbot, mech_ctx):
    from desktop.main_window import MainWindow

    window = MainWindow(mech_ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.open_item("drug", "pomalidomide")
    view = window.views["mechanism"]
    assert view.tabs.currentWidget() is view.comparison
    assert view.comparison.current_drug() == "pomalidomide"
    assert view.selected_drug == "pomalidomide"
    assert view.current_item() == ("drug", "pomalidomide")
    assert not window.open_item("drug", "no-such-drug")


def test_view_without_a_diagram_says_so(main_window, qtbot):
    view = main_window.show_view("mechanism")  # fixture content has no diagram
    assert view.diagram.empty
    assert "no mechanism diagram" in view.info.toPlainText()
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Tab)
    assert view.narration.current is None


def test_a_narrow_window_stacks_the_comparison_and_keeps_every_word(view, qtbot):
    from desktop.core.mechanism.drug_table import cell_full_text
    from desktop.mechanism.drug_comparison import ROWS, row_heading

    comparison = view.comparison
    view.tabs.setCurrentWidget(comparison)
    view.resize(620, 700)
    qtbot.waitUntil(lambda: comparison.model.stacked)
    table, model = comparison.table, comparison.model
    assert table.model().columnCount() == 2 and not table.verticalHeader().isVisible()
    drugs = comparison.ordered_drugs()
    size = len(drugs) + 1
    for row, key in enumerate(ROWS):
        heading = model.index(row * size, 0)
        assert heading.data() == row_heading(key) and table.columnSpan(row * size, 0) == 2
        for place, drug in enumerate(drugs, start=1):
            assert model.index(row * size + place, 0).data() == drug.name
            if key != "structure":
                assert model.index(row * size + place, 1).data() == cell_full_text(
                    drug.cells.get(key))
    widths = [table.columnWidth(0), table.columnWidth(1)]
    assert abs(sum(widths) - table.viewport().width()) <= 2

    # a click on a field's name sorts; Ctrl+Down moves the selected drug down
    fda = ROWS.index("fda_approval") * size
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(model.index(fda, 0)).center())
    assert "sorted by first fda approval" in comparison.status.text().lower()
    comparison.reset_order()
    assert comparison.select_drug("thalidomide")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [d.id for d in comparison.ordered_drugs()][:2] == ["lenalidomide", "thalidomide"]
    assert comparison.current_drug() == "thalidomide"
    comparison.field_actions["status"].setChecked(False)
    assert all(table.isRowHidden(r) for r in model.rows_of("status"))

    view.resize(1280, 800)  # wide again: the drugs side by side, still sorted and hidden
    qtbot.waitUntil(lambda: not comparison.model.stacked)
    assert table.model().columnCount() == 5 and table.isRowHidden(ROWS.index("status"))
    assert comparison.current_drug() == "thalidomide"
    comparison.show_all_fields()


def test_choosing_a_drug_brings_its_drawing_into_view_at_large_text(view, qtbot, mech_ctx):
    """At 200% text the diagram scrolls; the drug node, where the chosen drug is drawn, comes
    into view when a drug is chosen (it stayed off to the left)."""
    view.resize(620, 560)
    mech_ctx.theme.set_font_scale(2.0)
    qtbot.wait(50)
    canvas = view.canvas
    canvas.horizontalScrollBar().setValue(canvas.horizontalScrollBar().maximum())
    assert view.select_drug("mezigdomide")
    qtbot.waitUntil(lambda: bool(canvas.figure_of("drug")))
    node = next(i for i in canvas.scene().items() if getattr(i, "node", None) is not None
                and i.node.id == "drug")
    drawn = canvas.mapFromScene(node.figure_rect()).boundingRect()
    assert canvas.viewport().rect().intersected(drawn).width() >= drawn.width() * 0.9, drawn
    mech_ctx.theme.set_font_scale(1.0)
