"""The Quiz view played from the keyboard alone, checking what reaches the user database."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.quiz.answer_widgets import ChoiceAnswer, MatchingAnswer, OrderingAnswer, YearAnswer

LETTERS = [Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_E]
DIGITS = [getattr(Qt.Key, f"Key_{n}") for n in range(1, 10)]


class Keyboard:
    """Types into whatever has the focus, as a person at the keyboard would."""

    def __init__(self, qtbot, window):
        self.qtbot = qtbot
        self.window = window

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or self.window
        self.qtbot.keyClick(target, key, modifier)

    def mnemonic(self, letter: str, until) -> None:
        """Alt+letter on a button: Qt clicks it a moment later (animateClick)."""
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
        self.qtbot.waitUntil(until)

    def type(self, text: str) -> None:
        for char in text:
            self.press(getattr(Qt.Key, f"Key_{char.upper()}"))


def activate(qtbot, window) -> None:
    """Make `window` the active one (key shortcuts only reach the active window)."""
    def active() -> bool:
        if not window.isActiveWindow():
            window.raise_()
            window.activateWindow()
        return window.isActiveWindow()

    qtbot.waitUntil(active)


@pytest.fixture
def keys(qtbot, main_window):
    activate(qtbot, main_window)
    return Keyboard(qtbot, main_window)


def open_quiz(keys, main_window):
    keys.press(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    view = main_window.views["quiz"]
    assert main_window.current_key == "quiz"
    return view


def rows(user, sql, params=()):
    return [dict(r) for r in user.execute(sql, params)]


def answer_right(keys, view, use_letters: bool) -> None:
    """Give the right answer to the question on screen, with keys only."""
    item = view.presenter.runner.session.current
    q = item.question
    answer = view.question_page.answer
    if q.type in ("single", "true_false"):
        assert isinstance(answer, ChoiceAnswer)
        index = list(item.order).index(next(o.key for o in q.options if o.correct))
        keys.press(LETTERS[index] if use_letters and index != 1 else DIGITS[index])
    elif q.type == "multi":
        right = {o.key for o in q.options if o.correct}
        wrong = next(n for n, k in enumerate(item.order) if k not in right)
        keys.press(DIGITS[wrong])  # tick a wrong one...
        keys.press(Qt.Key.Key_Space)  # ...and untick it with Space (it has the focus)
        for n, key in enumerate(item.order):
            if key in right:
                keys.press(LETTERS[n] if use_letters and n != 1 else DIGITS[n])
    elif q.type == "ordering":
        assert isinstance(answer, OrderingAnswer)
        for target, key in enumerate(q.answer):
            current = answer.response().index(key)
            keys.press(DIGITS[current])
            for _ in range(current - target):
                keys.press(Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    elif q.type == "matching":
        assert isinstance(answer, MatchingAnswer)
        for row in range(len(q.pairs)):
            keys.press(DIGITS[list(item.order).index(row)])
    else:
        assert isinstance(answer, YearAnswer)
        keys.type(q.answer[0])
    assert view.question_page.answer.response() is not None


def answer_wrong(keys, view) -> None:
    """Give a wrong (no full credit) answer to the question on screen, with keys only."""
    item = view.presenter.runner.session.current
    q = item.question
    if q.type in ("single", "true_false", "multi"):
        index = next(n for n, k in enumerate(item.order)
                     if not next(o for o in q.options if o.key == k).correct)
        keys.press(DIGITS[index])
    elif q.type == "ordering":
        pass  # the shuffled order is never the right one
    elif q.type == "matching":
        for _row in q.pairs:
            keys.press(Qt.Key.Key_A)  # every row to the same choice
    else:
        keys.type(str(int(q.answer[0]) - 3))


def test_a_tutor_session_played_from_the_keyboard(qtbot, keys, main_window, atlas):
    view = open_quiz(keys, main_window)
    assert view.current_page() == "start"
    assert QApplication.focusWidget() is view.start_page.quick_button
    keys.press(Qt.Key.Key_Space)  # one click (or key) starts ten mixed questions
    session = view.presenter.runner.session
    total = len(session)
    # 5 bank + 2 generated in the fixtures (a generated one-option item is never served)
    assert session.mode == "tutor" and total == 7
    assert {i.question.type for i in session.items} == {
        "single", "true_false", "multi", "ordering", "matching", "year"}
    missed_id = None
    for n in range(total):
        page = view.question_page
        assert page.progress_label.text() == f"Question {n + 1} of {total}"
        item = session.current
        if missed_id is None and item.question.type == "single":
            answer_wrong(keys, view)
            missed_id = item.question.id
        else:
            answer_right(keys, view, use_letters=n % 2 == 0)
        keys.press(Qt.Key.Key_Return)
        assert page.screen_.phase == "feedback"
        assert page.feedback.isVisible()
        feedback = page.feedback.toHtml()
        assert ("Incorrect" if item.question.id == missed_id else "Correct") in feedback
        assert "Learning objective" in feedback
        stored = rows(atlas.user, "SELECT * FROM quiz_attempts WHERE question_id = ?",
                      (item.question.id,))
        assert len(stored) == 1  # written the moment the answer was given
        assert json.loads(stored[0]["response"]) == item.response
        keys.press(Qt.Key.Key_Return)
    assert view.current_page() == "results"
    attempts = rows(atlas.user, "SELECT * FROM quiz_attempts")
    assert len(attempts) == total
    assert {a["question_id"] for a in attempts if not a["correct"]} == {missed_id}
    assert all(a["mode"] == "tutor" for a in attempts)
    assert rows(atlas.user, "SELECT question_id FROM review_cards") == [
        {"question_id": missed_id}]
    results = view.results_page
    assert results.score_label.text().startswith(f"{total - 1} of {total} correct")
    assert results.retry_button.isEnabled()
    keys.mnemonic("r", lambda: view.presenter.runner.session is not session)  # Retry
    retry = view.presenter.runner.session
    assert [i.question.id for i in retry.items] == [missed_id]
    assert view.current_page() == "question"


def test_an_exam_played_from_the_keyboard(qtbot, keys, main_window, atlas, monkeypatch):
    view = open_quiz(keys, main_window)
    asked = []
    monkeypatch.setattr(view, "ask_confirm", lambda title, text: asked.append(text) or True)
    start = view.start_page
    keys.mnemonic("x", lambda: start.mode() == "exam")  # Exam
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Exam countdown (a buddy)
    assert QApplication.focusWidget() is start.time_limit
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.type("5")
    assert start.time_limit.value() == 5
    keys.mnemonic("s", lambda: view.presenter.runner is not None)  # Start session
    session = view.presenter.runner.session
    assert session.mode == "exam" and session.time_limit_s == 300
    page = view.question_page
    assert page.navigator.isVisible() and page.timer_label.text().startswith("Time left")
    total = len(session)
    for n in range(total):
        assert session.index == n
        if n == 0:
            answer_wrong(keys, view)
        else:
            answer_right(keys, view, use_letters=True)
        keys.press(Qt.Key.Key_Return)  # saves and goes on; no feedback in an exam
        assert page.screen_.phase == "answering" and not page.feedback.isVisible()
    assert session.index == total - 1
    first_id = session.items[0].question.id
    assert rows(atlas.user, "SELECT correct FROM quiz_attempts WHERE question_id = ?",
                (first_id,)) == [{"correct": 0}]
    # Back to question 1 with Page Up, change the answer, mark another for review.
    for _ in range(total - 1):
        keys.press(Qt.Key.Key_PageUp)
    assert session.index == 0
    if session.current.question.type in ("single", "true_false", "year"):
        view.question_page.answer.focus_first()
        if session.current.question.type == "year":
            keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        answer_right(keys, view, use_letters=False)
        keys.press(Qt.Key.Key_Return)
        changed = True
    else:
        changed = False
    keys.press(Qt.Key.Key_PageDown)
    marked_id = session.current.question.id
    keys.press(Qt.Key.Key_M)
    assert session.current.marked and page.mark_button.isChecked()
    keys.press(Qt.Key.Key_P)
    assert page.screen_.phase == "paused" and page.stack.currentWidget() is page.paused_panel
    keys.press(Qt.Key.Key_P)
    assert page.screen_.phase == "answering"
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # finish
    assert asked == []  # everything was answered: no question asked
    assert view.current_page() == "results"
    assert view.results_page.heading.text() == "Exam results"
    attempts = rows(atlas.user, "SELECT * FROM quiz_attempts WHERE mode = 'exam'")
    assert len(attempts) == total  # one row per question, updated when changed
    first = next(a for a in attempts if a["question_id"] == first_id)
    assert first["correct"] == (1 if changed else 0)
    cards = {r["question_id"] for r in rows(atlas.user, "SELECT question_id FROM review_cards")}
    assert marked_id in cards
    assert (first_id in cards) is not changed
    finished = rows(atlas.user, "SELECT finished_at FROM quiz_sessions")
    assert finished[0]["finished_at"]


def test_bookmark_and_error_report_from_the_keyboard(qtbot, keys, main_window, atlas,
                                                     monkeypatch):
    view = open_quiz(keys, main_window)
    assert view.open_item("question", "q-mechanism-001")
    page = view.question_page
    monkeypatch.setattr(page, "ask_flag_note", lambda: "Option A is also in the ligase.")
    keys.press(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert atlas.user.is_bookmarked("question", "q-mechanism-001")
    keys.press(Qt.Key.Key_R)  # R reports an error (F is option F)
    flags = rows(atlas.user, "SELECT question_id, note FROM question_flags")
    assert flags == [{"question_id": "q-mechanism-001",
                      "note": "Option A is also in the ligase."}]
    keys.press(Qt.Key.Key_B)  # while answering, B is option B...
    assert page.answer.response() is not None
    assert atlas.user.is_bookmarked("question", "q-mechanism-001")
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_B)  # ...after the answer, B toggles the bookmark
    assert not atlas.user.is_bookmarked("question", "q-mechanism-001")
    assert view.presenter.runner.session.mode == "practice"
    assert rows(atlas.user, "SELECT count(*) AS n FROM review_log") == [{"n": 0}]


def test_an_unfinished_session_is_offered_on_the_next_start(qtbot, keys, main_window,
                                                            app_ctx, atlas):
    view = open_quiz(keys, main_window)
    keys.press(Qt.Key.Key_Space)
    first = view.presenter.runner.session.current
    answer_right(keys, view, use_letters=False)
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Return)
    second_id = view.presenter.runner.session.current.question.id
    main_window.close()  # the app goes away mid-session

    from desktop.main_window import MainWindow

    again = MainWindow(app_ctx)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    activate(qtbot, again)
    keys2 = Keyboard(qtbot, again)
    view2 = open_quiz(keys2, again)
    start = view2.start_page
    assert start.resume_box.isVisible()
    assert "1 of 7 answered" in start.resume_label.text()
    keys2.mnemonic("u", lambda: view2.presenter.runner is not None)  # Resume
    session = view2.presenter.runner.session
    assert session.index == 1 and session.current.question.id == second_id
    assert session.items[0].question.id == first.question.id and session.items[0].answered
    assert view2.question_page.progress_label.text() == "Question 2 of 7"


def test_open_item_starts_a_practice_session(qtbot, main_window, atlas):
    view = main_window.show_view("quiz")
    assert main_window.open_item("question", "q-history-001")
    session = view.presenter.runner.session
    assert session.mode == "practice" and len(session) == 1
    assert isinstance(view.question_page.answer, OrderingAnswer)
    assert view.question_page.answer.list.dragDropMode() == \
        view.question_page.answer.list.DragDropMode.InternalMove
    assert view.open_item("question", "q-history-001,gen-year:thalomid-enl-1998")
    assert len(view.presenter.runner.session) == 2
    assert not view.open_item("question", "no-such-question")
    assert not view.open_item("event", "thalomid-enl-1998")


def test_progress_page_export_and_reset(qtbot, main_window, atlas, monkeypatch, tmp_path):
    view = main_window.show_view("quiz")
    presenter = view.presenter
    presenter.start_questions([atlas.content.question("q-mechanism-001")], "tutor")
    presenter.answer(["a"])  # wrong
    presenter.next()
    presenter.show_progress()
    page = view.progress_page()
    assert view.current_page() == "progress"
    assert "1 answer to 1 question in 1 session" in page.summary.text()
    assert page.latest.text().endswith("0 of 1 correct · score 0%")
    assert page.accuracy_plot.getPlotItem().listDataItems()
    out = tmp_path / "attempts.csv"
    monkeypatch.setattr(view, "ask_save_path", lambda *a: str(out))
    page.export_button.click()
    assert out.read_text(encoding="utf-8").count("\n") == 2
    assert "Wrote 1 attempt" in page.message.text()
    main_window.set_theme("dark")  # the charts follow the theme
    assert page.accuracy_plot.backgroundBrush().color().name() == \
        main_window.ctx.theme.colors.base
    monkeypatch.setattr(view, "ask_confirm", lambda *a: False)
    page.reset_button.click()
    assert rows(atlas.user, "SELECT count(*) AS n FROM quiz_attempts") == [{"n": 1}]
    monkeypatch.setattr(view, "ask_confirm", lambda *a: True)
    page.reset_button.click()
    assert rows(atlas.user, "SELECT count(*) AS n FROM quiz_attempts") == [{"n": 0}]
    backups = list((atlas.user.path.parent / "backups").glob("*before-reset*"))
    assert len(backups) == 1
    assert "backup" in page.message.text()


def test_home_page_shows_what_is_due(qtbot, main_window, atlas):
    view = main_window.show_view("quiz")
    view.presenter.start_questions([atlas.content.question("q-mechanism-001")], "tutor")
    view.presenter.answer(["a"])
    home = main_window.show_view("home")
    qtbot.waitUntil(lambda: home.due_label.text().startswith("1 question is due for review"),
                    timeout=2000)


def test_nothing_to_review_says_so(qtbot, keys, main_window):
    view = open_quiz(keys, main_window)
    keys.mnemonic("r", lambda: view.start_page.mode() == "review")  # Spaced review
    keys.mnemonic("s", lambda: "Nothing is due" in view.start_page.message_label.text())
    qtbot.waitUntil(lambda: "nothing is due" in view.start_page.match_label.text())
    assert view.current_page() == "start"
    assert not view.start_page.start_button.isEnabled()
    assert "Nothing is due" in view.start_page.message_label.text()


def test_stem_never_links_a_term_that_gives_the_answer_away(qtbot, main_window, atlas):
    from dataclasses import replace

    view = main_window.show_view("quiz")
    shown = []
    original = view.show_question
    view.show_question = lambda screen: (shown.append(screen), original(screen))[1]
    base = atlas.content.question("q-mechanism-001")
    # The stem names cereblon and CK1α; CK1α is not an option, cereblon is the answer.
    question = replace(base, id="q-spoiler", terms=(),
                       stem="Which protein, cereblon or CK1α, do the IMiDs bind directly?")
    view.presenter.start_questions([question], "tutor")
    before = shown[-1].stem_html
    assert "term:ck1-alpha" in before  # an unrelated term is still linked
    assert "term:cereblon" not in before  # the keyed option's term is not
