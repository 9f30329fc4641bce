"""Guard against the PySide6 6.12.0 bug that pyproject.toml excludes: every Python-side
`emit(True)` dropped a reference to True, and pyqtgraph emits True on each range change, so the
progress charts aborted the interpreter after a few hundred redraws."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    flag = Signal(bool)
    anything = Signal(object)


def test_emitting_true_keeps_its_reference_count(qapp):
    emitter = _Emitter()
    received = []
    emitter.flag.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.flag.emit(True)
        emitter.anything.emit(True)
    received.clear()
    assert sys.getrefcount(True) >= before - 5  # 6.12.0 lost 400 here


def test_progress_charts_redraw_many_times(qtbot, app_ctx):
    from desktop.quiz.progress_view import ProgressData, ProgressPage

    page = ProgressPage(app_ctx)
    qtbot.addWidget(page)
    before = sys.getrefcount(True)
    for _ in range(30):
        page.show_progress(ProgressData())
    assert sys.getrefcount(True) >= before - 5
