"""The Timeline view with real widgets: clicks, keys, filters, table sync, story, export."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[3]
MOUSE_WARNING = r'Mouse event "Mouse(Press|Release|ButtonDblClick)" not accepted'


def marker_point(view, event_id: str) -> QPoint:
    """Where an event's marker is on the chart's viewport, in pixels."""
    chart = view.chart
    mark = chart.layout.by_id[event_id]
    x = (mark.x0 + mark.x1) / 2 if mark.is_period else mark.x0
    scene = chart.view_box.mapViewToScene(QPointF(x, mark.y))
    return chart.mapFromScene(scene)


def zoom_to_show(view, qtbot, event_id: str, span: float = 2.0) -> None:
    mark = view.chart.layout.by_id[event_id]
    view.chart.view_box.setXRange(mark.x0 - span / 2, mark.x0 + span / 2, padding=0)
    qtbot.wait(20)  # let the view box apply the range before mapping coordinates


def scatter_count(view) -> int:
    return sum(len(item.data) for item in view.chart.markers.items.values())


def test_the_view_shows_every_event_lane_and_era(view, bundled_ctx):
    n = bundled_ctx.content.counts()["events"]
    chart = view.chart
    assert chart.layout is not None and len(chart.layout.marks) == n
    assert [lane.key for lane in chart.layout.lanes] == [
        "history", "regulation", "mechanism", "clinical", "development"]
    points = sum(not m.is_period for m in chart.layout.marks)
    assert scatter_count(view) == points
    x0, x1 = chart.view_range()
    assert x0 < 1953 and x1 > 2026  # fitted to the whole history
    assert 10 < len(chart.shown_labels()) < n  # level of detail: not every headline fits
    assert view.table.model().rowCount() == n
    assert view.status.text().startswith(f"Showing {n} of {n} events")
    assert "Thalidomide" in view.legend.text() and "approximate" in view.legend.text()


@pytest.mark.qt_log_ignore(MOUSE_WARNING)
def test_clicking_an_event_selects_it_and_fills_the_detail_pane(view, qtbot):
    zoom_to_show(view, qtbot, "ito-cereblon-2010")
    QTest.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton,
                     pos=marker_point(view, "ito-cereblon-2010"))
    assert view.selected == "ito-cereblon-2010"
    assert view.detail.isVisible()
    html = view.detail.browser.toHtml()
    assert "12 Mar 2010" in html and "Cereblon identified" in html
    assert "ref:ito-2010-science" in html and "term:cereblon" in html
    assert "Disputed." in html
    assert view.selected_table_event() == "ito-cereblon-2010"
    assert "ito-cereblon-2010" in view.chart.shown_labels()  # the selection is labelled
    assert view.detail.quiz_button.isEnabled()


@pytest.mark.qt_log_ignore(MOUSE_WARNING)
def test_clicking_a_cluster_again_moves_to_the_next_event_in_it(view, qtbot):
    view.chart.fit_all()
    qtbot.wait(20)
    point = marker_point(view, "ito-cereblon-2010")
    chart = view.chart
    scene = chart.mapToScene(point)
    data = chart.view_box.mapSceneToView(scene)
    hits = chart.labels_item.events_at(data.x(), data.y(), chart.pixels_per_year())
    assert len(hits) > 1
    seen = []
    for _ in range(len(hits)):
        # slow clicks: two quick ones on the same spot are a double click (zoom to the era)
        QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=point,
                         delay=QApplication.doubleClickInterval() + 20)
        seen.append(view.selected)
    assert seen == hits


@pytest.mark.qt_log_ignore(MOUSE_WARNING)
def test_double_click_zooms_to_the_era(view, qtbot):
    zoom_to_show(view, qtbot, "ito-cereblon-2010", span=30)
    chart = view.chart
    scene = chart.view_box.mapViewToScene(QPointF(2015.5, 1.5))
    pos = chart.mapFromScene(scene)
    # what a real double click delivers: press, release, double-click, release
    QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QTest.mouseDClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    QTest.mouseRelease(chart.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.wait(20)
    x0, x1 = chart.view_range()
    assert x0 == pytest.approx(2010 - 11 * 0.03, abs=0.05)
    assert x1 == pytest.approx(2021 + 11 * 0.03, abs=0.05)


def test_keyboard_navigation_zoom_details_and_tab(view, qtbot):
    chart = view.chart
    chart.setFocus()
    order = view.result.visible
    QTest.keyClick(chart, Qt.Key.Key_Right)
    assert view.selected == order[0]
    QTest.keyClick(chart, Qt.Key.Key_Right)
    QTest.keyClick(chart, Qt.Key.Key_Right)
    assert view.selected == order[2]
    QTest.keyClick(chart, Qt.Key.Key_Left)
    assert view.selected == order[1]
    QTest.keyClick(chart, Qt.Key.Key_End)
    assert view.selected == order[-1]
    QTest.keyClick(chart, Qt.Key.Key_Home)
    assert view.selected == order[0]
    assert view.selected_table_event() == order[0]

    before = chart.view_range()
    QTest.keyClick(chart, Qt.Key.Key_Plus)
    zoomed = chart.view_range()
    assert zoomed[1] - zoomed[0] < (before[1] - before[0]) * 0.7
    QTest.keyClick(chart, Qt.Key.Key_Minus)
    QTest.keyClick(chart, Qt.Key.Key_Minus)
    assert chart.view_range()[1] - chart.view_range()[0] > zoomed[1] - zoomed[0]
    QTest.keyClick(chart, Qt.Key.Key_0)
    assert chart.view_range() == pytest.approx(chart.limits())

    # stepping to an event out of view brings it into view
    chart.view_box.setXRange(1953, 1958, padding=0)
    for _ in range(40):
        QTest.keyClick(chart, Qt.Key.Key_Right)
    mark = chart.layout.by_id[view.selected]
    x0, x1 = chart.view_range()
    assert x0 <= mark.x0 <= x1

    headline = view.data.event(view.selected).headline
    assert headline in view.detail.browser.toPlainText()  # the open pane follows the keys
    QTest.keyClick(chart, Qt.Key.Key_Tab)
    assert view.detail.browser.hasFocus()
    QTest.keyClick(view.detail.browser, Qt.Key.Key_Escape)  # closes the pane
    assert not view.detail.isVisible() and chart.hasFocus()
    QTest.keyClick(chart, Qt.Key.Key_Left)
    QTest.keyClick(chart, Qt.Key.Key_Return)  # opens it again on the selection
    assert view.detail.isVisible()
    assert view.data.event(view.selected).headline in view.detail.browser.toPlainText()


def test_hover_shows_date_and_headline(view, qtbot):
    zoom_to_show(view, qtbot, "sampaio-tnf-1991")
    point = marker_point(view, "sampaio-tnf-1991")
    chart = view.chart
    chart._mouse_moved(chart.mapToScene(point))
    chart._show_hover()
    assert chart._hover_ids[0] == "sampaio-tnf-1991"
    assert chart.selection_item.hovered.event_id == "sampaio-tnf-1991"
    text = chart.hover_text()
    if text:  # the offscreen platform may not show tooltips
        assert "1 Mar 1991" in text and "TNF-alpha" in text


def test_filters_change_what_is_shown(view, qtbot):
    bar = view.filters
    bar.text.setText("cereblon")
    qtbot.waitUntil(lambda: view.filter.text == "cereblon", timeout=2000)
    shown = set(view.result.visible)
    assert "ito-cereblon-2010" in shown and len(shown) < len(view.data.events)
    assert view.table.model().rowCount() == len(shown)
    assert set(view.table_event_ids()) == shown
    points = sum(not view.chart.layout.by_id[i].is_period for i in shown)
    assert scatter_count(view) == points
    assert all(label in shown for label in view.chart.shown_labels())

    bar.text.clear()
    bar._emit()
    bar.lanes.actions_["history"].setChecked(False)
    assert "history" not in view.filter.lanes
    assert all(view.data.event(i).lane != "history" for i in view.result.visible)
    bar.lanes.select_all()
    bar.drugs.actions_["thalidomide"].setChecked(False)
    for key in ("lenalidomide", "pomalidomide", "iberdomide", "other"):
        bar.drugs.actions_[key].setChecked(False)
    assert view.filter.drugs == frozenset({"mezigdomide"})
    assert view.result.visible and all("mezigdomide" in view.data.event(i).drugs
                                       for i in view.result.visible)
    bar.drugs.select_all()

    bar.known.setValue(1999)
    assert view.filter.known_by == 1999
    assert len(view.result.visible) == len(view.data.events)
    dimmed = view.result.dimmed
    assert "ito-cereblon-2010" in dimmed and "sampaio-tnf-1991" not in dimmed
    model = view.table.model()
    row = model.row_of("ito-cereblon-2010")
    assert model.data(model.index(row, 1), Qt.ItemDataRole.ForegroundRole) is not None
    assert "1999" in model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert "faded (after 1999)" in view.status.text()
    assert "Known by: 1999" in bar.known_label.text()
    line = view.chart._known_line
    assert line is not None and line.value() == 2000
    bar.known.setValue(bar.known.maximum())
    assert view.filter.known_by is None and view.chart._known_line is None
    assert not view.result.dimmed


def test_table_and_chart_stay_in_sync(view, qtbot):
    table = view.table
    model = table.model()
    row = model.row_of("sampaio-tnf-1991")
    table.setFocus()
    table.selectRow(row)
    assert view.selected == "sampaio-tnf-1991"
    assert view.chart.selected == "sampaio-tnf-1991"
    assert view.chart.selection_item.selected.event_id == "sampaio-tnf-1991"
    # sorting keeps the selection on the same event
    table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    headlines = [view.data.event(i).headline.casefold() for i in view.table_event_ids()]
    assert headlines == sorted(headlines)
    assert view.selected_table_event() == "sampaio-tnf-1991"
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert view.selected == view.table_event_ids()[model.row_of("sampaio-tnf-1991") + 1]
    # chart selection moves the table
    view.select("ito-cereblon-2010")
    assert view.selected_table_event() == "ito-cereblon-2010"
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert view.detail.isVisible() and "Cereblon identified" in view.detail.browser.toPlainText()
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert view.table_event_ids()[0] == view.data.events[-1].id


def test_quiz_me_opens_questions_about_the_event(view, bundled_ctx, qtbot):
    opened = []
    bundled_ctx.navigator.open_requested.connect(lambda kind, ids: opened.append((kind, ids)))
    view.open_item("event", "ito-cereblon-2010")
    expected = view.questions_for("ito-cereblon-2010")
    assert expected
    qtbot.mouseClick(view.detail.quiz_button, Qt.MouseButton.LeftButton)
    assert opened == [("question", ",".join(expected[:20]))]
    questions = [bundled_ctx.content.question(q) for q in expected]
    assert all(q is not None for q in questions)
    assert "ito-cereblon-2010" in questions[0].events


def test_story_mode_with_clicker_keys(view, qtbot):
    view.select("sampaio-tnf-1991")
    qtbot.mouseClick(view.story_button, Qt.MouseButton.LeftButton)
    assert view.in_story()
    story = view.story
    card = story.card
    assert "Thalidomide lowers TNF-alpha" in card.headline.text()
    assert card.date.text().startswith("1 Mar 1991")
    order = [e.id for e in view.data.events]
    start = order.index("sampaio-tnf-1991")
    target = story.focus_target()
    for key, expected in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_PageDown, 2),
                          (Qt.Key.Key_Space, 3), (Qt.Key.Key_Left, 2),
                          (Qt.Key.Key_PageUp, 1), (Qt.Key.Key_Down, 2), (Qt.Key.Key_Up, 1)):
        QTest.keyClick(target, key)
        assert story.current_event() == order[start + expected], key
    assert view.selected == order[start + 1]  # the timeline follows the story
    assert story.position.text() == f"{start + 2} of {len(order)}"
    QTest.keyClick(target, Qt.Key.Key_End)
    assert story.current_event() == order[-1] and not story.next_button.isEnabled()
    QTest.keyClick(target, Qt.Key.Key_Home)
    assert story.current_event() == order[0] and not story.previous_button.isEnabled()
    # one lane
    lane = next(i for i, s in enumerate(story.scopes) if s.key == "regulation")
    story.scope.setCurrentIndex(lane)
    story.scope.activated.emit(lane)
    assert view.data.event(story.current_event()).lane == "regulation"
    QTest.keyClick(target, Qt.Key.Key_Right)
    assert view.data.event(story.current_event()).lane == "regulation"
    assert "ref:" in card.body.toHtml()  # sources are links into the library
    QTest.keyClick(target, Qt.Key.Key_Escape)
    assert not view.in_story()


def test_story_through_the_filtered_events(view, qtbot):
    view.filters.text.setText("lenalidomide maintenance")
    view.filters._emit()
    shown = view.result.visible
    assert 0 < len(shown) < 20
    view.enter_story()
    assert view.story.current_scope().kind == "filtered"
    seen = [view.story.current_event()]
    for _ in shown:
        view.story.next()
        seen.append(view.story.current_event())
    assert list(dict.fromkeys(seen)) == list(shown)


def test_export_round_trips(view, qtbot, tmp_path):
    from desktop.core.timeline.export import read_csv

    view.filters.lanes.set_selected(frozenset({"mechanism"}))
    shown = view.result.visible
    summary = view.export_events(tmp_path / "t.json", "timelinejs")
    assert f"Wrote {len(shown)} timeline events" in summary
    doc = json.loads((tmp_path / "t.json").read_text("utf-8"))
    assert [e["unique_id"] for e in doc["events"]] == list(shown)
    assert {e["group"] for e in doc["events"]} == {"Mechanism discoveries"}
    view.export_events(tmp_path / "t.csv", "csv")
    assert [r["id"] for r in read_csv(tmp_path / "t.csv")] == list(shown)

    view.export_image(tmp_path / "t.png", "png")
    image = QImage(str(tmp_path / "t.png"))
    assert not image.isNull()
    assert image.width() == view.chart.width() * 2
    colors = {image.pixel(x, y) for x in range(0, image.width(), 37)
              for y in range(0, image.height(), 37)}
    assert len(colors) > 8  # a real drawing, not a blank image

    view.export_image(tmp_path / "t.svg", "svg")
    svg = ET.parse(tmp_path / "t.svg").getroot()
    assert svg.tag.endswith("svg")
    text = "".join(svg.itertext())
    assert "Mechanism" in text and "1990" in text
    assert len(list(svg.iter())) > 100
    with pytest.raises(ValueError):
        view.export_image(tmp_path / "t.gif", "gif")


def test_export_menu_writes_where_the_user_chose(view, tmp_path, monkeypatch):
    target = tmp_path / "chosen.csv"
    monkeypatch.setattr(view, "ask_save_path", lambda *a: str(target))
    view._export_dialog("csv")
    assert target.exists() and f"Wrote {len(view.data.events)}" in view.status.text()
    monkeypatch.setattr(view, "ask_save_path", lambda *a: None)
    view._export_dialog("png")  # cancelled: nothing happens
    assert not (tmp_path / "imid-atlas-timeline.png").exists()


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_themes_recolour_the_chart(view, bundled_ctx, theme, qtbot):
    from desktop.theme import THEMES

    bundled_ctx.theme.apply(theme)
    colors = THEMES[theme]
    assert view.chart.backgroundBrush().color().name() == colors.base.lower()
    key = next(iter(view.chart.markers.items))
    assert view.chart.colors is colors
    assert colors.drugs[0] in view.legend.text()
    assert view.chart.markers.items[key].opts["brush"] is not None
    view.chart.viewport().repaint()


def test_larger_text_relayouts_without_overlaps(view, bundled_ctx, qtbot):
    from tests.core.timeline.test_layout import assert_no_overlaps

    before = view.chart.layout.metrics.line_px
    view.resize(2400, 1500)  # a large screen: room for label rows at 200%
    bundled_ctx.theme.set_font_scale(2.0)
    qtbot.waitUntil(lambda: view.chart.layout.metrics.line_px > before * 1.6, timeout=2000)
    chart = view.chart
    assert all(len(lane.label_rows) >= 1 for lane in chart.layout.lanes)
    placement = chart.labels_item.placement
    assert placement.labels
    assert_no_overlaps(chart.layout, placement, chart.pixels_per_year())
    for label in placement.labels:  # boxes are as wide as the larger text
        assert label.right_px - label.left_px == pytest.approx(
            chart.texts.widths[label.event_id])
    assert chart.texts.metrics.height() > 1.6 * before - 4


def test_open_item_routes_events_and_eras(main_window, qtbot):
    # fixture content: three events, one era
    assert main_window.open_item("event", "cereblon-found-2010")
    view = main_window.views["timeline"]
    assert main_window.stack.currentWidget() is view
    assert view.selected == "cereblon-found-2010" and view.detail.isVisible()
    assert view.current_item() == ("event", "cereblon-found-2010")
    assert main_window.open_item("era", "era-cereblon")
    x0, x1 = view.chart.view_range()
    assert x0 < 2010 < x1
    assert not main_window.open_item("event", "no-such-event")
    # an event hidden by the filter is shown anyway when asked for
    view.filters.text.setText("leprosy")
    view.filters._emit()
    assert "ikaros-degradation-2014" not in view.result
    assert main_window.open_item("event", "ikaros-degradation-2014")
    assert view.filter.is_default and view.selected == "ikaros-degradation-2014"


def test_file_export_menu_lists_the_timeline(main_window):
    main_window._fill_export_menu()
    labels = [a.text() for a in main_window.export_menu.actions()]
    assert "Timeline as TIMELINEJS…" in labels and "Timeline as CSV…" in labels


def test_pyqtgraph_is_not_imported_at_start_up():
    code = ("import sys; import desktop.main_window, desktop.views, desktop.app; "
            "print('pyqtgraph' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_large_text_in_a_small_window_keeps_everything_inside(main_window, qtbot):
    main_window.resize(1280, 800)
    main_window.ctx.theme.set_font_scale(2.0)
    view = main_window.show_view("timeline")
    qtbot.waitUntil(lambda: view.bottom_tabs is not None, timeout=2000)
    # the filters wrap onto a second line (or the buttons move to a second row); details and
    # list share tabs under the chart
    assert view.second_row.indexOf(view.actions_box) >= 0 or \
        view.filters.height() > 1.5 * view.filters.text.height()
    main_window.open_item("event", "cereblon-found-2010")
    qtbot.wait(20)
    assert view.bottom_tabs.currentWidget() is view.detail
    assert "Cereblon identified" in view.detail.browser.toPlainText()
    area = view.rect()
    for widget in (view.chart, view.filters, view.actions_box, view.bottom_tabs, view.status):
        assert widget.isVisible()
        corner = widget.mapTo(view, widget.rect().bottomRight())
        assert area.contains(corner), widget.objectName() or type(widget).__name__
    # the selected headline is shown even when the lanes are too short for label rows
    assert view.chart.labels_item.selected == "cereblon-found-2010"
    # the lanes keep room for a marker and a headline line (they once shrank to ~30 px)
    metrics = view.chart.layout.metrics
    assert metrics.lane_px >= metrics.marker_px + metrics.line_px, metrics
    view.close_details()
    assert view.bottom_tabs.currentWidget() is view.table
    main_window.ctx.theme.set_font_scale(1.0)
    qtbot.waitUntil(lambda: view.bottom_tabs is None, timeout=2000)
    assert view.table.isVisible() and view.first_row.indexOf(view.actions_box) >= 0
    assert view.detail.title.font().pointSizeF() == pytest.approx(
        QApplication.font().pointSizeF() * 1.1)


def test_quiz_me_starts_a_practice_session_in_the_quiz(main_window, qtbot):
    assert main_window.open_item("event", "cereblon-found-2010")
    view = main_window.views["timeline"]
    qtbot.mouseClick(view.detail.quiz_button, Qt.MouseButton.LeftButton)
    quiz = main_window.views["quiz"]
    assert main_window.stack.currentWidget() is quiz
    assert quiz.current_page() == "question"
    asked = [item.question.id for item in quiz.presenter.runner.session.items]
    assert asked == view.questions_for("cereblon-found-2010")
    assert asked[0] == "q-history-001"  # it cites the event itself


def send_mouse(widget, kind, pos: QPoint, buttons=Qt.MouseButton.LeftButton) -> None:
    """A raw mouse event (pyqtgraph's own tests do the same: QTest cannot drag)."""
    from PySide6.QtGui import QMouseEvent

    types = {"press": QMouseEvent.Type.MouseButtonPress,
             "move": QMouseEvent.Type.MouseMove,
             "release": QMouseEvent.Type.MouseButtonRelease}
    button = Qt.MouseButton.NoButton if kind == "move" else Qt.MouseButton.LeftButton
    event = QMouseEvent(types[kind], QPointF(pos), QPointF(widget.mapToGlobal(pos)), button,
                        Qt.MouseButton.NoButton if kind == "release" else buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


@pytest.mark.qt_log_ignore(MOUSE_WARNING)
def test_wheel_zooms_the_years_and_drag_pans(view, qtbot):
    from PySide6.QtGui import QWheelEvent

    chart = view.chart
    viewport = chart.viewport()
    centre = QPoint(viewport.width() // 2, viewport.height() // 2)
    before = chart.view_range()
    y_before = chart.view_box.viewRange()[1]
    wheel = QWheelEvent(QPointF(centre), QPointF(viewport.mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    qtbot.wait(20)
    after = chart.view_range()
    assert after[1] - after[0] < (before[1] - before[0]) * 0.9
    assert chart.view_box.viewRange()[1] == pytest.approx(y_before)  # lanes never move

    x0, _ = chart.view_range()
    send_mouse(viewport, "press", centre)
    for step in range(1, 6):
        send_mouse(viewport, "move", centre + QPoint(step * 30, 0))
    send_mouse(viewport, "release", centre + QPoint(150, 0))
    qtbot.wait(20)
    assert chart.view_range()[0] < x0  # dragging right shows earlier years
    assert chart.view_box.viewRange()[1] == pytest.approx(y_before)
