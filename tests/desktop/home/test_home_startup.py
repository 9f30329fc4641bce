"""Home's study counts and the welcome tour come after the window's first paint, so start-up
never waits for the quiz statistics (a zero-delay timer ran them before the paint)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = r"""
import json, sys
from PySide6.QtCore import QTimer
from desktop.app import build_context, make_application, settings_for, start_window
from desktop.core.paths import AtlasPaths
import desktop.main_window as mw

app = make_application()
paths = AtlasPaths.create(sys.argv[1])
ctx = build_context(paths, [], settings_for(paths), None)
seen = {}
painted = mw.MainWindow.paintEvent

def paint(self, event):
    if "at_paint" not in seen:
        seen["at_paint"] = sorted(m for m in sys.modules if m.startswith("desktop.core.quiz"))
        seen["tour_at_paint"] = self.tour is not None
        QTimer.singleShot(2500, lambda: seen.__setitem__(
            "tour_after", self.tour is not None and self.tour.isVisible()))
        QTimer.singleShot(3000, app.quit)
    painted(self, event)

mw.MainWindow.paintEvent = paint
window = start_window(ctx)
app.exec()
seen["study_now_built"] = "desktop.core.quiz.study_now" in sys.modules
seen["summary"] = window.views.get("home").summary.text() if window.views.get("home") else ""
print(json.dumps(seen))
ctx.atlas.close()
"""


def test_the_quiz_statistics_and_the_tour_wait_for_the_first_paint(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "desktop.core.quiz.study_now" not in seen["at_paint"], seen["at_paint"]
    assert "desktop.core.quiz.progress" not in seen["at_paint"], seen["at_paint"]
    assert not seen["tour_at_paint"]
    # ...and once the window is up, Home is filled and the first-start tour is shown.
    assert seen["study_now_built"]
    assert "study notes" in seen["summary"]
    assert seen["tour_after"]
