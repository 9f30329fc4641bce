"""Timeline view: build + first paint, and repaint while panning and zooming.

Measured with the bundled events and with 10,000 generated ones. Each case is compared, in
the same run and at the same widget size, with a baseline: a bare pyqtgraph PlotWidget with
one ScatterPlotItem per colour over the same points (no lanes, eras, bars or labels), going
through the same scripted sequence of pans and zooms. A repaint is timed from the range
change (which re-places the labels) to the end of a synchronous repaint of the viewport.

Targets at 10,000 events: first paint at most 1.0 s; repaint median at most 16 ms.

    QT_QPA_PLATFORM=offscreen python bench/timeline.py [--events 10000] [--steps 60]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 800)
WORDS = ("thalidomide", "lenalidomide", "cereblon", "trial", "approval", "myeloma", "ligase",
         "degradation", "neosubstrate", "ikaros", "aiolos", "maintenance", "relapse", "safety",
         "regulation", "review", "phase", "response", "survival", "toxicity", "dose",
         "schedule")


def generated_events(n: int, seed: int = 7):
    """`n` plausible events spread over 1953-2026 in every lane (10% periods, 5% approx.)."""
    from db.dates import PartialDate, format_partial_date
    from db.records import Event
    from desktop.core.timeline.data import DRUG_ORDER

    rng = random.Random(seed)
    lanes = ("history", "regulation", "mechanism", "clinical", "development")
    out = []
    for i in range(n):
        year = rng.randint(1953, 2025)
        precision = rng.choice(("year", "month", "day"))
        month = rng.randint(1, 12) if precision != "year" else None
        day = rng.randint(1, 28) if precision == "day" else None
        start = PartialDate(year, month, day)
        end = None
        if rng.random() < 0.1:
            end = PartialDate(min(2026, year + rng.randint(1, 4)), month, day)
        approximate = rng.random() < 0.05
        label = format_partial_date(start, approximate)
        headline = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))).capitalize()
        out.append(Event(
            id=f"gen-{i:05d}", date=start.iso(), precision=start.precision,
            display_date=label + (f" – {format_partial_date(end)}" if end else ""),
            lane=rng.choice(lanes), headline=headline, body=headline + ".",
            start_year=start.as_year_fraction(),
            end_year=(end or start).as_year_fraction(end=True), end_date=end.iso() if end else "",
            approximate=approximate, drugs=(rng.choice(DRUG_ORDER),) if rng.random() < 0.9
            else ()))
    out.sort(key=lambda e: (e.start_year, e.end_year, e.id))
    return out


def script(x0: float, x1: float, steps: int) -> list[tuple[float, float]]:
    """Pans right, zooms in, pans left, zooms out... starting from the whole range."""
    ranges, lo, hi = [], x0, x1
    moves = ("pan+", "zoom-in", "pan-", "zoom-in", "pan+", "zoom-out", "pan-", "zoom-out")
    for i in range(steps):
        move = moves[(i // 4) % len(moves)]
        width = hi - lo
        if move == "pan+":
            lo, hi = lo + width * 0.06, hi + width * 0.06
        elif move == "pan-":
            lo, hi = lo - width * 0.06, hi - width * 0.06
        else:
            factor = 0.8 if move == "zoom-in" else 1.25
            centre = (lo + hi) / 2
            lo, hi = centre - width * factor / 2, centre + width * factor / 2
        shift = max(0.0, x0 - lo) - max(0.0, hi - x1)
        lo, hi = max(x0, lo + shift), min(x1, hi + shift)
        ranges.append((lo, hi))
    return ranges


def wait_paint(app, widget, timeout: float = 10.0) -> float:
    """Process events until `widget` has painted once; return when that paint finished."""
    from PySide6.QtCore import QEvent, QObject

    seen: list[bool] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                seen.append(True)
            return False

    watcher = Watch()
    widget.installEventFilter(watcher)
    widget.update()
    end = time.perf_counter() + timeout
    while not seen and time.perf_counter() < end:
        app.processEvents()  # returns after the paint the filter saw has run
    widget.removeEventFilter(watcher)
    if not seen:
        raise RuntimeError("the widget never painted")
    return time.perf_counter()


def time_sequence(view_box, viewport, ranges) -> list[float]:
    times = []
    for lo, hi in ranges:
        start = time.perf_counter()
        view_box.setXRange(lo, hi, padding=0)
        viewport.repaint()
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def measure_view(app, ctx, data, steps: int) -> dict:
    from desktop.timeline.timeline_view import TimelineView

    start = time.perf_counter()
    view = TimelineView(ctx, data=data)
    view.resize(*SIZE)
    view.show()
    painted = wait_paint(app, view.chart.viewport())
    first_paint = painted - start
    chart = view.chart
    x0, x1 = chart.limits()
    ranges = script(x0, x1, steps)
    time_sequence(chart.view_box, chart.viewport(), ranges[:4])  # warm-up
    times = time_sequence(chart.view_box, chart.viewport(), ranges)
    size = chart.size()
    points = [(m.x0, m.y, m.drug) for m in chart.layout.marks]
    labels = len(chart.shown_labels())
    view.close()
    view.deleteLater()
    app.processEvents()
    return {"first_paint": first_paint, "times": times, "size": (size.width(), size.height()),
            "points": points, "ranges": ranges, "labels_at_end": labels}


def measure_baseline(app, colors, points, size, ranges) -> dict:
    import pyqtgraph as pg

    from desktop.core.timeline.data import drug_index

    start = time.perf_counter()
    plot = pg.PlotWidget()
    plot.resize(*size)
    groups: dict[str, tuple[list[float], list[float]]] = {}
    for x, y, drug in points:
        xs, ys = groups.setdefault(drug, ([], []))
        xs.append(x)
        ys.append(y)
    for drug, (xs, ys) in groups.items():
        plot.addItem(pg.ScatterPlotItem(x=xs, y=ys, size=11, pen=pg.mkPen(colors.text),
                                        brush=pg.mkBrush(colors.drugs[drug_index(drug)])))
    view_box = plot.getPlotItem().getViewBox()
    view_box.invertY(True)
    view_box.setXRange(*ranges[0], padding=0)
    plot.show()
    painted = wait_paint(app, plot.viewport())
    first_paint = painted - start
    time_sequence(view_box, plot.viewport(), ranges[:4])
    times = time_sequence(view_box, plot.viewport(), ranges)
    plot.close()
    plot.deleteLater()
    app.processEvents()
    return {"first_paint": first_paint, "times": times}


def case(app, ctx, data, steps: int) -> dict:
    ours = measure_view(app, ctx, data, steps)
    base = measure_baseline(app, ctx.theme.colors, ours["points"], ours["size"],
                            ours["ranges"])
    median, base_median = statistics.median(ours["times"]), statistics.median(base["times"])
    return {
        "events": len(data.events),
        "first_paint_s": round(ours["first_paint"], 4),
        "baseline_first_paint_s": round(base["first_paint"], 4),
        "first_paint_ratio": round(ours["first_paint"] / base["first_paint"], 2),
        "repaint_median_ms": round(median * 1000, 2),
        "repaint_p95_ms": round(p95(ours["times"]) * 1000, 2),
        "baseline_repaint_median_ms": round(base_median * 1000, 2),
        "baseline_repaint_p95_ms": round(p95(base["times"]) * 1000, 2),
        "repaint_ratio": round(median / base_median, 2),
        "headlines_shown_at_end": ours["labels_at_end"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()

    from desktop.app import build_context, make_application, settings_for
    from desktop.core.paths import AtlasPaths
    from desktop.core.timeline.data import TimelineData

    app = make_application()
    paths = AtlasPaths.create(tempfile.mkdtemp(prefix="atlas-bench-timeline-"))
    ctx = build_context(paths, [], settings_for(paths), "light")
    import pyqtgraph  # noqa: F401  (imported before timing: both sides pay it equally)

    bundled = TimelineData.from_content(ctx.content)
    many = TimelineData(tuple(generated_events(args.events)), bundled.eras, bundled.lanes,
                        bundled.as_of_year, bundled.title)
    result = {
        "benchmark": "timeline",
        "platform": os.environ.get("QT_QPA_PLATFORM", ""),
        "size": f"{SIZE[0]}x{SIZE[1]}",
        "steps": args.steps,
        "bundled": case(app, ctx, bundled, args.steps),
        "generated": case(app, ctx, many, args.steps),
        "targets": {"first_paint_s": 1.0, "repaint_median_ms": 16},
    }
    gen = result["generated"]
    result["meets_targets"] = gen["first_paint_s"] <= 1.0 and gen["repaint_median_ms"] <= 16
    print(json.dumps(result))
    ctx.atlas.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
