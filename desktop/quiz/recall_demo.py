"""Scripted recall states for screenshots (`docs/make_screenshots.py recall:ACTION`).

    recall:history   made-up study history (attempts, reviews, cards) in the user database
    recall:study     Study now: the first card with a near miss typed, its feedback and grades
    recall:cloze     a cloze card with two gaps waiting for its answers
    recall:typed     a typed question answered right with a misspelling
    recall:flashcard a glossary card with its answer shown, in review
    recall:stats     Statistics and study plan, My items (hardest for me)
    recall:weak      ... Weak areas with the reading list
    recall:plan      ... Study plan
    recall:settings  the review settings dialog (left open)
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def _quiz(window):
    return window.show_view("quiz")


def _type_and_submit(window, texts) -> None:
    page = _quiz(window).question_page
    for field, text in zip(page.answer.fields, texts, strict=False):
        field.setText(text)
    page.primary_action()


def _near_miss(blank) -> str:
    """A spelling of the blank's answer that is a near miss (two letters changed)."""
    from desktop.core.quiz.answer_matching import NEAR, match_answer

    answer = blank.answers[0]
    for i in range(len(answer)):
        for j in range(i + 2, len(answer)):
            typed = answer[:i] + "e" + answer[i + 1:j] + "a" + answer[j + 1:]
            if match_answer(typed, blank).verdict == NEAR:
                return typed
    return "dysplasia"  # no near spelling of a long answer: a plain wrong answer instead


def run_step(window, action: str) -> None:
    ctx = window.ctx
    if action == "history":
        from desktop.quiz.demo import seed_history

        seed_history(ctx.user, ctx.content)
        _seed_reviews(ctx)
    elif action == "study":
        window.open_item("study", "now")
        view = _quiz(window)
        card = view.presenter.runner.session.current.question
        typed = _near_miss(card.blanks[0])
        _type_and_submit(window, [typed] + [b.answers[0] for b in card.blanks[1:]])
    elif action in ("cloze", "typed"):
        items = ctx.content.recall_items()
        if action == "cloze":
            question = next(q for q in items if len(q.blanks) > 1)
        else:
            question = next(q for q in items if q.type == "typed" and len(q.answer[0]) > 7)
        view = _quiz(window)
        view.presenter.start_questions([question], "tutor")
        if action == "typed":
            answer = question.blanks[0].answers[0]
            _type_and_submit(window, [answer[:-2] + answer[-1]])
    elif action == "flashcard":
        from desktop.core.quiz.session import build_session
        from desktop.core.quiz.term_cards import meaning_card

        view = _quiz(window)
        session = build_session([meaning_card(ctx.content.term("cereblon"))], "review")
        from desktop.core.quiz.model import SessionConfig

        view.presenter._begin(session, SessionConfig(mode="review", count=1))
        view.question_page.primary_action()
    elif action in ("stats", "weak", "plan"):
        view = _quiz(window)
        view.presenter.recall.show_insights()
        page = view.presenter.recall.insights_page()
        page.tabs.setCurrentIndex({"stats": 0, "weak": 1, "plan": 2}[action])
        if action == "stats":
            page.hardest_box.setChecked(True)
    elif action == "settings":
        from desktop.quiz.review_settings_dialog import ReviewSettingsDialog

        dialog = ReviewSettingsDialog(ctx, window)
        dialog.setModal(False)
        dialog.show()
        window._demo_dialog = dialog  # keep it open for the screenshot
    QApplication.processEvents()


def _seed_reviews(ctx) -> None:
    """A few weeks of spaced review of recall items, some missed (for the statistics)."""
    import random
    from datetime import UTC, datetime, timedelta

    from desktop.core.quiz.runner import QuizRunner
    from desktop.core.quiz.session import QuizSession

    rng = random.Random(4)
    items = ctx.content.recall_items()[::9][:14]
    start = datetime.now(UTC) - timedelta(days=20)
    for day in range(0, 20, 4):
        runner = QuizRunner.start(QuizSession(items, "review", seed=day), ctx.user)
        for item in runner.session.items:
            right = rng.random() < 0.6
            texts = [b.answers[0] if right else "?" for b in item.question.blanks]
            runner.answer(texts, now=start + timedelta(days=day))
            runner.next()
