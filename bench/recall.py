"""Recall: answer-to-feedback for typed and cloze answers, and the "Study now" count.

1. Answer-to-feedback, as bench/quiz.py measures it for choice questions: the app is built as
   it runs (main window, bundled content, a real user database on disk); each trial starts a
   one-item tutor session on a cloze card or a typed question, types the answer into the
   page's field (a misspelling every third trial, so the fuzzy matcher runs), then times
   Enter -> answer scored (rapidfuzz) and written (one transaction) -> feedback HTML with
   the letter diff -> shown and repainted. The same is measured for choice questions in the
   same run (the baseline). Target: median at most 50 ms, as for choice questions.
2. "Study now" count for a heavy user: a user database generated with 5,000 review cards and
   50,000 reviews (plus the bundled recall items as the new pool); times
   `study_counts` (due, new, today's new) after a warm-up. Baseline in the same run: the
   plain count of due cards. Target: under 20 ms.

Prints two JSON lines.

    python bench/recall.py [--trials 45]
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def answer_to_feedback(trials: int) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from quiz_window import open_quiz_view

    from desktop.quiz.demo import right_response

    app, ctx, window, view = open_quiz_view("atlas-bench-recall-")
    page = view.question_page
    recall = ctx.content.recall_items()
    typed = [q for q in recall if q.type == "typed"]
    cloze = [q for q in recall if q.type == "cloze"]
    bank = [q for q in ctx.content.questions() if q.type in ("single", "multi", "true_false")]

    def misspell(text: str, n: int) -> str:
        if n % 3 or len(text) < 6:
            return text
        middle = len(text) // 2
        return text[:middle] + text[middle + 1:]  # one letter dropped

    def trial(question, n: int) -> float:
        view.presenter.start_questions([question], "tutor")
        app.processEvents()
        item = view.presenter.runner.session.current
        if question.type in ("cloze", "typed"):
            for field, blank in zip(page.answer.fields, question.blanks, strict=True):
                field.setText(misspell(blank.answers[0], n))
            target = page.answer.fields[-1]
            target.setFocus()
        else:
            page.answer.set_item(item)
            response = right_response(item)
            for key in response:
                keys = [o.key for o in question.options]
                page.answer.choose(item.order.index(key) if item.order else keys.index(key))
            target = page
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(target, Qt.Key.Key_Return)
        app.processEvents()
        page.repaint()
        elapsed = time.perf_counter() - start
        assert page.screen_.phase == "feedback" and page.feedback.isVisible()
        return elapsed

    results = {}
    for name, pool in (("typed", typed), ("cloze", cloze), ("choice", bank)):
        times = []
        for n in range(trials + 3):
            elapsed = trial(pool[(n * 7) % len(pool)], n)
            if n >= 3:  # the first trials warm caches (Markdown, linker, fonts, rapidfuzz)
                times.append(elapsed)
        results[name] = times
    window.close()
    ctx.atlas.close()
    QApplication.processEvents()
    med = {k: statistics.median(v) for k, v in results.items()}
    return {
        "benchmark": "recall_answer_to_feedback",
        "platform": QApplication.platformName(),
        "trials_each": trials,
        "typed_median_ms": round(med["typed"] * 1000, 2),
        "typed_p90_ms": round(statistics.quantiles(results["typed"], n=10)[-1] * 1000, 2),
        "cloze_median_ms": round(med["cloze"] * 1000, 2),
        "cloze_p90_ms": round(statistics.quantiles(results["cloze"], n=10)[-1] * 1000, 2),
        "choice_median_ms": round(med["choice"] * 1000, 2),
        "ratio_typed_to_choice": round(med["typed"] / med["choice"], 2),
        "ratio_cloze_to_choice": round(med["cloze"] / med["choice"], 2),
        "target_median_ms": 50,
    }


def generate_user(user, cards: int, reviews: int, now: datetime, seed: int = 18) -> None:
    """`cards` review cards and `reviews` reviews, spread over two years, as a heavy user has
    them (due dates from the past month to a year ahead; a fifth added but not yet studied)."""
    from desktop.core.quiz.scheduling import review_card

    rng = random.Random(seed)
    template, _due = review_card(None, "bench", 3, now - timedelta(days=30))
    card_rows, log_rows = [], []
    per_card = reviews // cards
    for n in range(cards):
        qid = f"bench-{n:05d}"
        new = n % 5 == 0
        due = now + timedelta(days=rng.uniform(-30, 365))
        first = now - timedelta(days=rng.uniform(0, 730))
        card_rows.append((qid, template, due.isoformat(timespec="seconds"),
                          now.isoformat(timespec="seconds"), "{}",
                          "new" if new or n % 3 == 0 else "missed", 0 if new else per_card,
                          None if new else first.isoformat(timespec="seconds"),
                          int(n % 3 == 0)))
        if not new:
            for k in range(per_card + (1 if n % 4 == 0 else 0)):
                when = first + timedelta(days=k * rng.uniform(1, 20))
                log_rows.append((qid, rng.choice([1, 2, 3, 3, 3, 4]),
                                 when.isoformat(timespec="seconds"), rng.randint(3000, 40000),
                                 template))
    log_rows = log_rows[:reviews]
    while len(log_rows) < reviews:
        log_rows.append(log_rows[len(log_rows) % 1000])
    with user.transaction() as conn:
        conn.executemany(
            "INSERT INTO review_cards (question_id, card, due, updated_at, question, origin, "
            "reps, first_review, pool) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", card_rows)
        conn.executemany(
            "INSERT INTO review_log (question_id, rating, reviewed_at, duration_ms, "
            "card_before) VALUES (?, ?, ?, ?, ?)", log_rows)


def study_now_count(runs: int = 50) -> dict:
    from desktop.core.atlas import Atlas
    from desktop.core.quiz.clock import iso
    from desktop.core.quiz.study_now import study_counts

    root = Path(__file__).resolve().parent.parent / "resources" / "content"
    atlas = Atlas.open(Path(tempfile.mkdtemp(prefix="atlas-bench-study-")), content_dir=root)
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    generate_user(atlas.user, 5000, 50000, now)
    cards = atlas.user.execute("SELECT count(*) FROM review_cards").fetchone()[0]
    reviews = atlas.user.execute("SELECT count(*) FROM review_log").fetchone()[0]
    counts = study_counts(atlas.user, atlas.content, now)  # warm: recall ids, page cache
    times, base = [], []
    for _ in range(runs):
        start = time.perf_counter()
        study_counts(atlas.user, atlas.content, now)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        atlas.user.execute("SELECT count(*) FROM review_cards WHERE due <= ?",
                           (iso(now),)).fetchone()
        base.append(time.perf_counter() - start)
    atlas.close()
    med, base_med = statistics.median(times), statistics.median(base)
    return {
        "benchmark": "study_now_count",
        "cards": cards, "reviews": reviews, "due": counts.due, "new": counts.new,
        "runs": runs,
        "median_ms": round(med * 1000, 3),
        "max_ms": round(max(times) * 1000, 3),
        "plain_due_count_median_ms": round(base_med * 1000, 3),
        "ratio_to_plain_due_count": round(med / base_med, 2),
        "target_ms": 20,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=45)
    args = parser.parse_args()
    print(json.dumps(study_now_count()))
    print(json.dumps(answer_to_feedback(args.trials)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
