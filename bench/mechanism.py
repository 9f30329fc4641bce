"""Mechanism view: first show, rebuild after a text-size change, and a narration step.

Measured with the bundled diagram (the view also builds the drug comparison table). The
baseline, in the same run and at the same size, is a bare QGraphicsView whose scene holds one
rectangle and one text item per node and one line per edge at the same positions: no layout
checks, themed painting, tooltips or table. Targets: first show at most 300 ms, the view's
rebuild after a text-size change at most 60 ms (the app-wide restyle that precedes it is not
counted), a narration step at most 16 ms (one frame).

    QT_QPA_PLATFORM=offscreen python bench/mechanism.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 720)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from PySide6.QtCore import QRectF, QSignalBlocker
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

    app = QApplication.instance() or QApplication([])
    from desktop.context import AppContext, Navigator
    from desktop.core.atlas import Atlas
    from desktop.core.mechanism.diagram import load_diagram
    from desktop.settings import AppSettings
    from desktop.theme import ThemeManager

    data = tempfile.mkdtemp(prefix="atlas-bench-mech-")
    atlas = Atlas.open(data)
    settings = AppSettings.from_file(str(Path(data) / "settings.ini"))
    theme = ThemeManager(app, "light", 1.0)
    ctx = AppContext(atlas=atlas, settings=settings, theme=theme, navigator=Navigator())
    diagram = load_diagram(atlas.content)
    base_size = app.font().pointSizeF()
    from desktop.mechanism.mechanism_view import MechanismView  # import once, untimed

    def show_view():
        start = time.perf_counter()
        view = MechanismView(ctx)
        view.resize(*SIZE)
        view.show()
        view.canvas.viewport().repaint()
        app.processEvents()
        return time.perf_counter() - start, view

    def show_baseline():
        start = time.perf_counter()
        scene = QGraphicsScene()
        for node in diagram.nodes:
            x, y = node.x * 180, node.y * 70
            scene.addRect(QRectF(x - 70, y - 27, 140, 54))
            scene.addSimpleText(node.label).setPos(x - 60, y - 10)
        positions = {n.id: (n.x * 180, n.y * 70) for n in diagram.nodes}
        for edge in diagram.edges:
            (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
            scene.addLine(x1, y1, x2, y2)
        view = QGraphicsView(scene)
        view.resize(*SIZE)
        view.show()
        view.fitInView(scene.sceneRect())
        view.viewport().repaint()
        app.processEvents()
        return time.perf_counter() - start, view

    first, baseline, rebuild, step = [], [], [], []
    for _ in range(args.runs):
        seconds, base = show_baseline()
        baseline.append(seconds)
        base.close()
        seconds, view = show_view()
        first.append(seconds)
        # The view's own work after a text-size change (new layout, new items, the table's
        # rows); the app-wide restyle that ThemeManager does first is not the view's cost.
        font = QFont(app.font())
        font.setPointSizeF(base_size * 1.2)
        with QSignalBlocker(theme):
            app.setFont(font)
        start = time.perf_counter()
        view._font_changed(1.2)
        view.canvas.viewport().repaint()
        rebuild.append(time.perf_counter() - start)
        font.setPointSizeF(base_size)
        with QSignalBlocker(theme):
            app.setFont(font)
        view._font_changed(1.0)
        for _ in range(4):
            start = time.perf_counter()
            view.step(+1)
            view.canvas.viewport().repaint()
            step.append(time.perf_counter() - start)
        view.close()
        view.deleteLater()
        app.processEvents()

    def ms(values):
        return round(statistics.median(values) * 1000, 2)

    result = {
        "benchmark": "mechanism",
        "platform": os.environ["QT_QPA_PLATFORM"],
        "runs": args.runs,
        "nodes": len(diagram.nodes),
        "edges": len(diagram.edges),
        "first_show_ms": ms(first),
        "baseline_bare_scene_ms": ms(baseline),
        "ratio": round(statistics.median(first) / statistics.median(baseline), 2),
        "rebuild_ms": ms(rebuild),
        "narration_step_ms": ms(step),
        "targets_ms": {"first_show": 300, "rebuild": 60, "step": 16},
    }
    result["meets_targets"] = (result["first_show_ms"] <= 300 and result["rebuild_ms"] <= 60
                               and result["narration_step_ms"] <= 16)
    print(json.dumps(result))
    atlas.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
