"""Timeline journeys: every export (PNG, SVG, TimelineJS, CSV), each file read back by the
library that reads its format and compared with what is on screen."""

from __future__ import annotations

import csv
import html
import json
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLineEdit, QToolButton

from tests.journeys.timeline_steps import (
    chart,
    event_list,
    filter_button,
    listed,
    open_timeline,
    shown_counts,
)

SVG = "{http://www.w3.org/2000/svg}"


def export(person, item: str, path) -> None:
    """Export > `item` in the timeline's toolbar, saving to `path` in the file dialog."""
    person.answer_file_dialog(path)
    person.choose_from(person.find("Export the timeline", QToolButton), item)
    person.wait_until(path.exists, what=f"{path.name} written")
    person.wait_for_text(f"to {path}")


def on_screen(person) -> QImage:
    """The chart as the person sees it now."""
    return chart(person).viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def scaled(image: QImage, size: QSize) -> QImage:
    return image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation
                        ).convertToFormat(QImage.Format.Format_RGB32)


def close(a: QColor, b: QColor, tolerance: int = 24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3],
                                                       strict=True))


def share_alike(one: QImage, other: QImage, step: int = 3, tolerance: int = 8) -> float:
    """The share of sampled pixels (every `step`) whose colours are within `tolerance`."""
    same = total = 0
    for y in range(0, one.height(), step):
        for x in range(0, one.width(), step):
            total += 1
            same += close(one.pixelColor(x, y), other.pixelColor(x, y), tolerance)
    return same / total


def lane_rows(person) -> list[int]:
    """The y (viewport pixels) of the middle of each lane, where a person sees its name."""
    widget = chart(person)
    transform = widget.data_transform()
    x0 = widget.view_range()[0]
    return [round(transform.map(x0, lane.index + 0.5)[1]) for lane in widget.layout.lanes]


def test_student_exports_the_view_as_png_and_it_looks_like_the_screen(person, tmp_path):
    open_timeline(person)
    screen = on_screen(person)
    out = tmp_path / "my timeline.png"
    export(person, "Current view as PNG image", out)

    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() == 2 * screen.width() and image.height() == 2 * screen.height()
    small = scaled(image, screen.size())
    # the whole view, not an enlarged corner: nearly every pixel matches the screen
    assert share_alike(small, screen) > 0.85  # (the enlarged corner of old: about 0.5)
    # the five lanes, each in its own colour, at the rows the screen shows them
    colors = chart(person).colors
    left = chart(person).mapFromScene(chart(person).view_box.sceneBoundingRect()
                                      .topLeft()).x() + 12  # past the axis tick
    for lane, y in zip(colors.lanes, lane_rows(person), strict=True):
        assert close(small.pixelColor(left, y), QColor(lane), 8), (lane, y)
        assert close(screen.pixelColor(left, y), QColor(lane), 8), (lane, y)
    assert share_alike(on_screen(person), screen, 5, 0) > 0.99  # the view did not move


def test_student_exports_the_view_as_svg_with_lanes_eras_and_every_event_in_place(
        person, tmp_path):
    from PySide6.QtSvg import QSvgRenderer

    open_timeline(person)
    screen = on_screen(person)
    shown, _total = shown_counts(person)
    out = tmp_path / "timeline.svg"
    export(person, "Current view as SVG drawing", out)

    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    assert (float(root.get("width")), float(root.get("height"))) == (screen.width(),
                                                                     screen.height())

    def shapes(cls):
        return [e for e in root.iter() if e.get("class") == cls]

    lanes = {e.get("data-lane"): e for e in shapes("lane")}
    assert list(lanes) == ["history", "regulation", "mechanism", "clinical", "development"]
    eras = shapes("era")
    assert len(eras) >= 6
    years = sorted(int(e.text) for e in shapes("year"))
    assert years[0] <= 1960 and years[-1] >= 2020
    plot_left = float(lanes["history"].get("x"))
    plot_right = plot_left + float(lanes["history"].get("width"))
    # era bands inside the plot, in date order, side by side
    era_x = [float(e.get("x")) for e in eras]
    assert era_x == sorted(era_x) and plot_left <= era_x[0] and \
        max(float(e.get("x")) + float(e.get("width")) for e in eras) <= plot_right + 0.5

    def lane_span(key):
        rect = lanes[key]
        return float(rect.get("y")), float(rect.get("y")) + float(rect.get("height"))

    markers = shapes("marker")
    assert len(markers) + len(shapes("period")) == shown
    for marker in markers:  # every event inside the axis and in its own lane
        assert plot_left <= float(marker.get("cx")) <= plot_right, marker.attrib
        top, bottom = lane_span(marker.get("data-lane"))
        assert top < float(marker.get("cy")) < bottom, marker.attrib
    recent = [m for m in markers if m.get("data-event", "").endswith(("2021", "2022",
                                                                      "2023", "2024"))]
    assert recent  # the latest events are drawn, inside the axis (above)
    headlines = shapes("headline")
    assert len(headlines) >= 10
    for text in headlines:  # each headline on the rows of its event's lane
        top, bottom = lane_span(text.get("data-lane"))
        assert top < float(text.get("y")) < bottom, text.attrib
        assert not text.text.startswith(("…", " ")), text.text
    for label in shapes("lane-label"):  # lane names beside their lanes
        top, bottom = lane_span(label.get("data-lane"))
        assert top < float(label.get("y")) < bottom

    # drawn by Qt's SVG renderer, it looks like the screen: same lane colours, same places
    renderer = QSvgRenderer(str(out))
    assert renderer.isValid()
    drawn = QImage(screen.size(), QImage.Format.Format_RGB32)
    drawn.fill(QColor("white"))
    painter = QPainter(drawn)
    renderer.render(painter)
    painter.end()
    assert share_alike(drawn, screen) > 0.85
    colors = chart(person).colors
    for lane, y in zip(colors.lanes, lane_rows(person), strict=True):
        assert close(drawn.pixelColor(int(plot_left) + 12, y), QColor(lane), 8)


@pytest.mark.parametrize("theme", ["dark", "high-contrast"])
def test_the_exported_png_keeps_the_theme(person, tmp_path, theme):
    names = {"dark": "Dark", "high-contrast": "High contrast (projector)"}
    person.menu("View", "Theme", names[theme])
    open_timeline(person)
    screen = on_screen(person)
    out = tmp_path / f"{theme}.png"
    export(person, "Current view as PNG image", out)
    assert share_alike(scaled(QImage(str(out)), screen.size()), screen) > 0.85


def test_student_exports_the_filtered_events_for_timelinejs_and_a_spreadsheet(
        person, tmp_path):
    open_timeline(person)
    person.choose_from(filter_button(person, "Lanes"), "History and society",
                       "Regulation and safety", "Clinical trials", "Drug development",
                       stays_open=True)
    shown, total = shown_counts(person)
    assert 0 < shown < total
    headlines = listed(person)

    out = tmp_path / "mechanism.json"
    export(person, "Shown events as TimelineJS JSON", out)
    document = json.loads(out.read_text("utf-8"))
    assert document["title"]["text"]["headline"]
    events = document["events"]
    assert len(events) == shown
    # TimelineJS shows headlines as HTML: ours are escaped
    assert sorted(html.unescape(e["text"]["headline"]) for e in events) == sorted(headlines)
    for event in events:
        assert isinstance(event["start_date"]["year"], int)
        assert set(event["start_date"]) <= {"year", "month", "day"}
        assert event["group"] == "Mechanism discoveries" and event["unique_id"]
        assert "<a href=\"term:" not in event["text"]["text"]  # no links of ours outside
    assert {"start_date", "end_date", "text"} <= set(document["eras"][0])

    out = tmp_path / "mechanism.csv"
    export(person, "Shown events as CSV", out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["headline"] for r in rows] == headlines  # the list's order: date order
    assert {r["lane"] for r in rows} == {"mechanism"}
    assert all(r["date"][:4].isdigit() and r["sources"] for r in rows)


def test_file_export_writes_the_whole_timeline(person, tmp_path):
    out = tmp_path / "all.csv"
    person.answer_file_dialog(out)
    person.menu("File", "Export", "Timeline as CSV")
    person.wait_until(out.exists, what="the CSV written")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    open_timeline(person)
    assert len(rows) == shown_counts(person)[1]
    out = tmp_path / "all.json"
    person.answer_file_dialog(out)
    person.menu("File", "Export", "Timeline as TIMELINEJS")
    person.wait_until(out.exists, what="the JSON written")
    assert len(json.loads(out.read_text("utf-8"))["events"]) == len(rows)


def test_the_event_list_text_filter_is_what_the_csv_gets(person, tmp_path):
    open_timeline(person)
    person.click(person.find("Filter timeline events by text", QLineEdit))
    person.type("approval")
    person.wait_until(lambda: shown_counts(person)[0] < shown_counts(person)[1],
                      what="the filter applied")
    table = event_list(person)
    assert table.model().rowCount() == shown_counts(person)[0]
    out = tmp_path / "approvals.csv"
    export(person, "Shown events as CSV", out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["headline"] for r in rows] == listed(person)
    assert all("approv" in (r["headline"] + r["text"]).lower() for r in rows)
    assert chart(person).mapTo(person.window, QPoint(0, 0)).x() >= 0
