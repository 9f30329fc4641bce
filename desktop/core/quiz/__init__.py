"""The quiz engine (Qt-free): sessions, scoring, scheduling, selection and generation.

Modules:
    model       names and labels; `Item` (a question as shown in one session); `SessionConfig`
    scoring     `score_response(question, response) -> Score` (partial credit, year closeness)
    session     `QuizSession`, the state machine of tutor, exam, review and practice modes
    scheduling  FSRS: the suggested grade, the student's review settings, card updates
    answer_matching  tolerant matching of typed answers (case, accents, Greek, misspellings,
                numbers) and the letter-by-letter diff
    recall_text the stem and feedback of cloze, typed and glossary cards
    term_cards  glossary flashcards (term -> definition, definition -> term typed)
    study_now   "Study now": due and new counts, the mixed review session
    optimizer   "Optimize": FSRS parameters fitted to the review log (fsrs-rs)
    item_stats  per-item statistics and "hardest for me"
    weak_areas  accuracy per topic and learning objective, reading lists
    study_plan  due this week, minutes per day, topics not started
    store       the user database: sessions, attempts, review cards (and regrading), flags,
                CSV, reset
    runner      `QuizRunner`: a session that writes each answer to the database as it is given
    selection   choosing a session's questions (topics, difficulty, types, unseen/missed/...)
    generate    questions generated from the timeline, glossary and drug table (`gen-...` ids)
    structure_questions  questions on the drug structures, with drawings as stems or options
                (`gen-structure-...` ids; `figures_for` says which drawings an item shows)
    sources     the registry of question sources the start screen offers
    progress    figures for the progress charts
    feedback    the HTML of a question's stem and its feedback
    question_sets  teachers' GIFT/CSV question sets kept in the user database
    review_status  the home page's line: what is due for review, and the study streak

For other features:

- Build a session from any `db.records.Question` list (bank, generated, a teacher's imported
  set): `build_session(questions, mode="practice")`; from ids:
  `resolve_questions(ctx, ids)` then `build_session(found)`.
- Questions about a timeline event: `questions_for_event(content, event_id)`.
- Add a source to the start screen: `register_question_source(QuestionSource(key, label,
  load))` with `load(ctx) -> list[Question]` (and optionally `resolve(ctx, id)`).
- In the app, `ctx.navigator.open("question", "<id>")` opens the Quiz view on a practice
  session of that question; several ids separated by commas make one session
  (`"q-history-001,q-history-002"`).
"""

from __future__ import annotations

import importlib

#: Public names and the module each lives in, imported on first use: the home page imports
#: `desktop.core.quiz.progress` at start-up and must not pay for the whole engine.
_EXPORTS = {
    "QuestionSource": "sources", "QuizSession": "session", "SessionConfig": "model",
    "build_session": "session", "questions_for_event": "sources",
    "register_question_source": "sources", "resolve_question": "sources",
    "resolve_questions": "sources",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"desktop.core.quiz.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'desktop.core.quiz' has no attribute {name!r}")
