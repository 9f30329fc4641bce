"""Progress charts keep their labels apart: whatever the width and text size, no two tick
labels a chart draws overlap, each chart's last (today's) label is drawn, and the charts go
into one column when two side by side would be too narrow."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QImage, QPainter

from desktop.core.quiz.progress import Mastery, SessionPoint
from desktop.core.quiz.scoring import session_score


def drawn(axis) -> list:
    """(rect, text) of every tick label the axis draws now."""
    size = axis.boundingRect().size().toSize()
    image = QImage(max(size.width(), 1), max(size.height(), 1), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _flags, text in texts]


def data():
    from desktop.quiz.progress_view import ProgressData

    today = date(2026, 12, 3)
    sessions = [SessionPoint(n + 1, n + 1, f"2026-11-{n % 28 + 1:02d}T18:00:00", "tutor", 10,
                             session_score("tutor", 10, 10, 6, 6.5)) for n in range(30)]
    mastery = [Mastery(t, 12, 0.7) for t in ("clinical", "history", "mechanism",
                                              "next-generation", "resistance", "safety")]
    forecast = [(today + timedelta(days=n), n % 4) for n in range(14)]
    days = [(today - timedelta(days=n), 10) for n in range(30) if n % 3]
    return ProgressData(sessions=sessions, mastery=mastery, forecast=forecast, days=days,
                        streak=(2, 5), today=today)


def shown_page(qtbot, app_ctx, width: int, height: int):
    """The progress page on screen at `width` x `height`, showing `data()`."""
    from desktop.quiz.progress_view import ProgressPage

    page = ProgressPage(app_ctx)
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    page.show_progress(data())
    return page


@pytest.mark.parametrize("width, scale", [(1150, 1.0), (780, 1.0), (780, 2.0), (500, 1.6)])
def test_tick_labels_never_overlap(qtbot, app_ctx, width, scale):

    app_ctx.theme.set_font_scale(scale)
    try:
        page = shown_page(qtbot, app_ctx, width, 1400)
        for plot in page.plots:  # painted, as when scrolled into view (axes fit their text)
            plot.grab()
        qtbot.wait(50)
        for plot in page.plots:
            labels = drawn(plot.getPlotItem().getAxis("bottom"))
            assert labels, plot.accessibleName()
            rects = sorted((r for r, _t in labels), key=lambda r: r.left())
            for a, b in zip(rects, rects[1:], strict=False):
                assert a.right() < b.left(), (plot.accessibleName(), [t for _r, t in labels])
        days = [t for _r, t in drawn(page.streak_plot.getPlotItem().getAxis("bottom"))]
        assert days[-1] == "today"
        forecast = [t for _r, t in drawn(page.forecast_plot.getPlotItem().getAxis("bottom"))]
        assert forecast[0] == "today"
        sessions = [t for _r, t in drawn(page.accuracy_plot.getPlotItem().getAxis("bottom"))]
        assert all(t.isdigit() for t in sessions) and sessions[-1] == "30"
        two_columns = page.grid.itemAtPosition(0, 1) is not None
        em = page.fontMetrics().horizontalAdvance("M")
        assert two_columns == (page.width() >= 60 * em + 60)
    finally:
        app_ctx.theme.set_font_scale(1.0)


@pytest.mark.parametrize("width", [1100, 780])
def test_labels_stay_drawn_when_the_text_size_changes_on_a_shown_chart(qtbot, app_ctx, width):
    page = shown_page(qtbot, app_ctx, width, 700)

    def apart() -> bool:
        rects = [plot.geometry() for plot in page.plots]
        return not any(a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1:])

    try:
        for scale in (2.0, 1.0, 2.0, 1.6):
            app_ctx.theme.set_font_scale(scale)
            qtbot.waitUntil(apart, timeout=3000)  # no chart covers another's axis
            for plot in page.plots:
                plot.grab()  # painted as the person sees it, once
            for plot in page.plots:
                assert plot.height() >= plot.minimumHeight()
                axis = plot.getPlotItem().getAxis("bottom")
                labels = drawn(axis)
                assert labels, (scale, plot.accessibleName())
                text_height = max(r.height() for r, _t in labels)
                assert axis.height() >= text_height, (scale, plot.accessibleName())
    finally:
        app_ctx.theme.set_font_scale(1.0)
