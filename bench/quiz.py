"""Quiz: time from an answer to its feedback on screen, the database write included.

The app is built as it runs (main window, bundled content, glossary linking, a real user
database on disk); each trial starts a one-question tutor session (not timed), then times
`answer_submitted` -> attempt and session state written (one transaction) -> feedback HTML
built (Markdown, term links, sources) -> shown and repainted. Two baselines are measured in
the same run: the same database write alone, and a bare QTextBrowser showing the same
feedback HTML. Prints one JSON line. Target: median at most 50 ms.

    python bench/quiz.py [--trials 60]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QTextBrowser
    from quiz_window import open_quiz_view

    from desktop.core.quiz import store
    from desktop.core.quiz.runner import QuizRunner
    from desktop.core.quiz.session import QuizSession
    from desktop.quiz.demo import right_response
    from desktop.theme import document_css

    app, ctx, window, view = open_quiz_view("atlas-bench-quiz-")
    page = view.question_page
    bank = ctx.content.questions()
    questions = [bank[(n * 37) % len(bank)] for n in range(args.trials + 3)]

    def feedback_shown(response) -> float:
        start = time.perf_counter()
        page.answer_submitted.emit(response)
        app.processEvents()
        page.repaint()
        elapsed = time.perf_counter() - start
        assert page.screen_.phase == "feedback" and page.feedback.isVisible()
        return elapsed

    full, html_shown = [], []
    for n, question in enumerate(questions):
        view.presenter.start_questions([question], "tutor")
        app.processEvents()
        item = view.presenter.runner.session.current
        elapsed = feedback_shown(right_response(item))
        if n >= 3:  # the first trials warm caches (Markdown, linker, fonts)
            full.append(elapsed)
            html_shown.append(page.feedback.toHtml())

    # Baseline 1: the same database write alone (attempt + state, one transaction).
    db_times = []
    for question in questions[3:]:
        runner = QuizRunner.start(QuizSession([question], "tutor", seed=1), ctx.user)
        score = runner.session.answer(right_response(runner.session.current))
        start = time.perf_counter()
        store.record_answer(ctx.user, runner.session_id, runner.session, score)
        db_times.append(time.perf_counter() - start)

    # Baseline 2: a bare QTextBrowser showing the same feedback HTML, repainted.
    bare = QTextBrowser()
    bare.document().setDefaultStyleSheet(document_css(ctx.theme.colors))
    bare.resize(900, 500)
    bare.show()
    app.processEvents()
    bare_times = []
    for html in html_shown:
        start = time.perf_counter()
        bare.setHtml(html)
        app.processEvents()
        bare.repaint()
        bare_times.append(time.perf_counter() - start)

    median = statistics.median(full)
    bare_median = statistics.median(bare_times)
    print(json.dumps({
        "benchmark": "quiz_answer_to_feedback",
        "platform": QApplication.platformName(),
        "trials": len(full),
        "median_ms": round(median * 1000, 2),
        "p90_ms": round(statistics.quantiles(full, n=10)[-1] * 1000, 2),
        "db_write_alone_median_ms": round(statistics.median(db_times) * 1000, 3),
        "bare_text_browser_median_ms": round(bare_median * 1000, 2),
        "ratio_to_bare_text_browser": round(median / bare_median, 2),
        "target_median_ms": 50,
    }))
    window.close()
    ctx.atlas.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
