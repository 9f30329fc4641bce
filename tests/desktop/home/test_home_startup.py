"""Home's study counts are built after the window's first paint, so start-up never waits for
the quiz statistics (a zero-delay timer ran them before the paint)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from desktop.app import build_context, make_application, settings_for, start_window
from desktop.core.paths import AtlasPaths

app = make_application()
paths = AtlasPaths.create(sys.argv[1])
ctx = build_context(paths, [], settings_for(paths), None)
seen = {}

class AtPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "at_paint" not in seen:
            seen["at_paint"] = sorted(m for m in sys.modules if m.startswith("desktop.core.quiz"))
            QTimer.singleShot(3000, app.quit)
        return False

import desktop.main_window as mw
original_show = mw.MainWindow.show
def show(self):
    self.installEventFilter(AtPaint(self))
    original_show(self)
mw.MainWindow.show = show
window = start_window(ctx)
app.exec()
seen["study_now_built"] = "desktop.core.quiz.study_now" in sys.modules
print(json.dumps(seen))
ctx.atlas.close()
"""


def test_the_quiz_statistics_load_after_the_first_paint(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "desktop.core.quiz.study_now" not in seen["at_paint"], seen["at_paint"]
    assert "desktop.core.quiz.progress" not in seen["at_paint"], seen["at_paint"]
    assert seen["study_now_built"]  # and Home did build it, once the window was up
