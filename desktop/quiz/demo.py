"""Scripted quiz states for screenshots (`docs/make_screenshots.py quiz:ACTION`).

    quiz:start      the start screen
    quiz:tutor      a tutor question answered (wrongly), with its feedback
    quiz:ordering   an ordering question
    quiz:ask-TYPE   a tutor question of TYPE (single, multi, true_false, ordering, matching,
                    year) waiting for its answer
    quiz:feedback-TYPE   the same answered wrongly, with its feedback
    quiz:exam-TYPE  an exam of twelve, on a question of TYPE with a choice made but not saved
                    with Enter
    quiz:exam       an exam under way (countdown, answered and marked questions)
    quiz:results    the results of a finished session, one missed question reviewed
    quiz:history    a month of made-up study history in the user database (for progress)
    quiz:progress   the progress charts
    quiz:scroll     the question scrolled to its end (the answers at large text)
    quiz:letters-CA the letter keys C then A pressed on the question shown (ordering: C goes
                    first, A second)
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from desktop.core.quiz.model import SessionConfig, question_to_dict
from desktop.core.quiz.scheduling import iso, new_card_json


def seed_history(user, content, days: int = 30, seed: int = 7) -> int:
    """Write `days` days of plausible sessions, attempts and review cards; returns attempts."""
    rng = random.Random(seed)
    questions = content.questions()
    now = datetime.now()
    written = 0
    with user.transaction() as conn:
        for offset in range(days, 0, -1):
            if rng.random() < 0.3 and offset > 4:
                continue
            day = now - timedelta(days=offset)
            started = day.replace(hour=18, minute=rng.randrange(60), second=0, microsecond=0)
            skill = 0.45 + 0.4 * (days - offset) / days
            picked = rng.sample(questions, 10)
            cursor = conn.execute(
                "INSERT INTO quiz_sessions (mode, started_at, finished_at, config, state, title)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                ("tutor", started.isoformat(timespec="seconds"),
                 (started + timedelta(minutes=9)).isoformat(timespec="seconds"),
                 json.dumps({"config": SessionConfig().to_dict(), "static": {"questions": []}}),
                 json.dumps({"demo": True}), "demo"))
            for n, q in enumerate(picked):
                correct = rng.random() < skill
                conn.execute(
                    "INSERT INTO quiz_attempts (session_id, question_id, answered_at, correct, "
                    "score, response, duration_ms, mode, topic, question_type) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (cursor.lastrowid, q.id,
                     (started + timedelta(seconds=40 * n)).isoformat(timespec="seconds"),
                     int(correct), 1.0 if correct else rng.choice((0.0, 0.0, 0.5)), "[]",
                     rng.randrange(6000, 40000), "tutor", q.topic, q.type))
                written += 1
        for q in rng.sample(questions, 40):
            card, _due = new_card_json(q.id)
            due = datetime.now(UTC) + timedelta(days=rng.randrange(-1, 14),
                                                hours=rng.randrange(0, 12))
            conn.execute(
                "INSERT OR IGNORE INTO review_cards (question_id, card, due, updated_at, "
                "question) VALUES (?, ?, ?, ?, ?)",
                (q.id, card, iso(due), iso(datetime.now(UTC)), json.dumps(question_to_dict(q))))
    return written


def _wrong_response(item) -> list:
    q = item.question
    if q.type in ("single", "true_false", "multi"):
        wrong = [k for k in item.order if not next(o for o in q.options if o.key == k).correct]
        return wrong[:1]
    if q.type == "ordering":
        return list(item.order)
    if q.type == "matching":
        return [(i + 1) % len(q.pairs) for i in range(len(q.pairs))]
    return [int(q.answer[0]) - 2]


def right_response(item) -> list:
    """The full-credit response to `item` (demos and the benchmark)."""
    q = item.question
    if q.type in ("single", "true_false", "multi"):
        return [o.key for o in q.options if o.correct] or list(q.answer)
    if q.type == "ordering":
        return list(q.answer)
    if q.type == "matching":
        return list(range(len(q.pairs)))
    return [int(q.answer[0])]


def _question_of_type(window, qtype: str):
    from desktop.core.quiz.sources import load_pool

    pool, _problems = load_pool(window.ctx, ("bank", "generated"))
    matches = [q for q in pool if q.type == qtype]
    # The longest stem of its type: the screenshot shows the worst case.
    return max(matches, key=lambda q: (len(q.stem) + len(q.options) * 40 + len(q.pairs) * 40,
                                       q.id))


def run_step(window, action: str) -> None:
    """Put the Quiz view of `window` into the state `action` names."""
    view = window.show_view("quiz")
    presenter = view.presenter
    content = window.ctx.content
    kind, _, qtype = action.partition("-")
    if qtype and kind in ("ask", "feedback"):
        presenter.start_questions([_question_of_type(window, qtype)], "tutor", "")
        if kind == "feedback":
            item = presenter.runner.session.current
            presenter.answer(_wrong_response(item))
            # The answer widget shows the answer given, as after a person's own clicks.
            page = view.question_page
            page.answer.set_item(item)
            page.show_question(page.screen_)
        return
    if qtype and kind == "exam":
        from desktop.core.quiz.session import QuizSession

        bank = [q for q in content.questions() if q.type != qtype][:11]
        session = QuizSession([*bank[:5], _question_of_type(window, qtype), *bank[5:]],
                              "exam", seed=3, time_limit_s=1200)
        presenter._begin(session, SessionConfig(mode="exam", count=12, time_limit_min=20))
        for n in range(5):
            item = presenter.runner.session.current
            presenter.answer(right_response(item) if n != 1 else _wrong_response(item))
        page = view.question_page
        page.choose(1)  # a choice on screen, not confirmed with Enter
        return
    if kind == "letters":
        for key in qtype:
            view.question_page.choose_letter("ABCDEFGHI".index(key))
        return
    if action == "start":
        presenter.show_start()
    elif action == "tutor":
        question = content.question("q-mechanism-005") or next(
            q for q in content.questions() if q.type == "single")
        presenter.start_questions([question], "tutor", "")
        page = view.question_page
        page.answer.choose(
            list(presenter.runner.session.current.order).index(
                _wrong_response(presenter.runner.session.current)[0]))
        page.primary_action()
    elif action == "ordering":
        question = next(q for q in content.questions() if q.type == "ordering")
        presenter.start_questions([question], "tutor", "")
    elif action == "exam":
        presenter.start(SessionConfig(mode="exam", count=12, time_limit_min=20, seed=5,
                                      sources=("bank",)))
        for n in range(3):
            item = presenter.runner.session.current
            presenter.answer(right_response(item) if n != 1 else _wrong_response(item))
        presenter.toggle_mark()
    elif action == "results":
        presenter.start(SessionConfig(mode="tutor", count=10, seed=11, sources=("bank",)))
        for n in range(10):
            item = presenter.runner.session.current
            presenter.answer(_wrong_response(item) if n in (2, 5, 7) else right_response(item))
            presenter.next()
        missed = presenter.runner.session.result().missed
        if missed:
            presenter.review_item(missed[0])
    elif action == "history":
        seed_history(window.ctx.user, content)
        presenter.show_start()
    elif action == "progress":
        presenter.show_progress()
    elif action == "scroll":
        bar = view.question_page.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
