"""The quiz view as the app runs it, for the answer-to-feedback benchmarks (bench/quiz.py,
bench/recall.py): main window, bundled content, a real user database in a new data folder."""

from __future__ import annotations

import tempfile


def open_quiz_view(prefix: str):
    """(app, ctx, main window, quiz view): the window shown at 1200x800, its events processed."""
    from desktop.app import build_context, make_application, settings_for
    from desktop.core.paths import AtlasPaths
    from desktop.main_window import MainWindow

    app = make_application()
    paths = AtlasPaths.create(tempfile.mkdtemp(prefix=prefix))
    ctx = build_context(paths, [], settings_for(paths), "light")
    window = MainWindow(ctx)
    window.resize(1200, 800)
    window.show()
    view = window.show_view("quiz")
    app.processEvents()
    return app, ctx, window, view
