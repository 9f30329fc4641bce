"""What the chart draws at the plot's edges, and the PNG and SVG of a zoomed-in view."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFontMetricsF, QImage

from desktop.core.timeline.layout import ELLIPSIS


def zoom(view, qtbot, x0: float, x1: float) -> None:
    view.chart.view_box.setXRange(x0, x1, padding=0)
    qtbot.wait(20)


def drawn(view):
    chart = view.chart
    x0, x1 = chart.view_range()
    transform = chart.data_transform()
    return (chart.labels_item.drawn_labels(transform, x0, x1),
            chart.labels_item.drawn_eras(transform, x0, x1))


def plot_edges(view) -> tuple[float, float]:
    from desktop.timeline.chart_export import plot_rect

    plot = plot_rect(view.chart)
    return plot.left(), plot.right()


def whole_words_of(shown: str, full: str) -> bool:
    """`shown` is `full`, or its first whole words followed by an ellipsis."""
    if shown == full:
        return True
    kept = shown.removesuffix(ELLIPSIS)
    return shown.endswith(ELLIPSIS) and full.startswith(kept) and \
        full[len(kept):len(kept) + 1] in (" ", ",", ":", ";")


@pytest.mark.parametrize("window", [(1951.0, 2029.0), (1958.3, 1966.1), (1997.6, 2011.4),
                                    (2009.2, 2013.7), (2019.5, 2028.9)])
def test_no_headline_or_era_name_is_cut_by_the_edge_or_mid_word(view, qtbot, window):
    zoom(view, qtbot, *window)
    labels, eras = drawn(view)
    left, right = plot_edges(view)
    data = view.data
    metrics = QFontMetricsF(view.chart.font())
    assert labels
    for label in labels:
        assert left <= label.rect.left() and label.rect.right() <= right, label
        full = data.event(label.item_id).headline
        assert whole_words_of(label.text, full), (label.text, full)
        assert metrics.horizontalAdvance(label.text) <= label.rect.width() + 1, label.text
    era_fm = QFontMetricsF(view.chart.labels_item.era_font)
    small_fm = QFontMetricsF(view.chart.labels_item.era_small_font)
    names = {era.id: era.name for era in data.eras}
    for era in eras:
        assert left <= era.rect.left() and era.rect.right() <= right
        lines = era.text.split("\n")
        assert whole_words_of(" ".join(lines), names[era.item_id]), era.text
        fm = small_fm if era.small else era_fm
        assert all(fm.horizontalAdvance(line) <= era.rect.width() + 1 for line in lines)
        assert len(lines) * fm.height() <= era.rect.height() + 1
    # an era wide enough for its whole name shows it whole
    x0, x1 = view.chart.view_range()
    ppy = view.chart.pixels_per_year()
    shown = {e.item_id: e.text.replace("\n", " ") for e in eras}
    for band in view.chart.layout.eras:
        visible = (min(band.x1, x1) - max(band.x0, x0)) * ppy
        if visible - 8 >= era_fm.horizontalAdvance(band.name):
            assert shown.get(band.era_id) == band.name


def test_headlines_are_shortened_to_whole_words(view):
    texts = view.chart.texts
    for event in view.data.events:
        assert whole_words_of(texts.texts[event.id], event.headline), event.headline


def test_the_svg_of_a_zoomed_view_holds_only_what_is_in_view(view, qtbot, tmp_path):
    view.select("ito-cereblon-2010", open_details=True)
    zoom(view, qtbot, 2008.5, 2016.5)
    view.export_image(tmp_path / "zoomed.svg", "svg")
    root = ET.parse(tmp_path / "zoomed.svg").getroot()

    def shapes(cls):
        return [e for e in root.iter() if e.get("class") == cls]

    left, right = plot_edges(view)
    markers = shapes("marker")
    layout, ppy = view.chart.layout, view.chart.pixels_per_year()
    in_view = {m.event_id for m in layout.marks if not m.is_period
               and left <= (m.x0 - 2008.5) * ppy + left <= right}
    assert {m.get("data-event") for m in markers} == in_view
    assert all(left <= float(m.get("cx")) <= right for m in markers)
    assert [e.get("data-era") for e in shapes("era")] == ["era-imid", "era-cereblon"]
    names = {}
    for e in shapes("era-name"):
        names[e.get("data-era")] = f"{names.get(e.get('data-era'), '')} {e.text}".strip()
    assert names == {"era-imid": "The IMiD era", "era-cereblon": "The cereblon era"}
    years = [int(e.text) for e in shapes("year")]
    assert years == list(range(years[0], years[-1] + 1)) and 2009 <= years[0] <= 2010
    selected = shapes("selected-label")
    assert len(selected) == 1 and selected[0].get("data-event") == "ito-cereblon-2010"
    assert len(shapes("selection")) == 2  # halo and ring
    labels, _eras = drawn(view)
    assert sorted(e.text for e in shapes("headline")) == sorted(d.text for d in labels)


def test_the_png_is_the_view_at_twice_the_pixels(view, qtbot, tmp_path):
    zoom(view, qtbot, 1960.0, 1970.0)
    view.export_image(tmp_path / "sixties.png", "png")
    image = QImage(str(tmp_path / "sixties.png"))
    viewport = view.chart.viewport()
    assert (image.width(), image.height()) == (2 * viewport.width(), 2 * viewport.height())
    assert view.chart.view_range() == (1960.0, 1970.0)


def test_the_known_by_label_keeps_its_width(view, qtbot):
    filters = view.filters
    before = filters.known.geometry(), view.export_button.geometry()
    for year in (filters.first_year, 1993, filters.last_year, filters.last_year + 1):
        filters.known.setValue(year)
        qtbot.wait(5)
        assert (filters.known.geometry(), view.export_button.geometry()) == before
        label = filters.known_label
        assert label.fontMetrics().horizontalAdvance(label.text().replace("&", "")) \
            <= label.width()


def test_a_story_started_with_known_by_follows_the_filter(view, qtbot):
    view.filters.known.setValue(1993)
    view.filters._emit()
    view.enter_story()
    assert view.story.current_scope().kind == "filtered"
    view.story.last()
    last = view.data.event(view.story.current_event())
    assert last.start_year < 1994
    view.filters.known.setValue(1964)  # changed while the story is shown
    view.filters._emit()
    view.story.last()
    assert view.data.event(view.story.current_event()).start_year < 1965
