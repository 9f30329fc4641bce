"""The glossary panel's review row: "Add to my reviews" for the term shown, and the deck of a
category's terms (add it to the reviews, or study it now).

Each term makes two cards (`desktop.core.quiz.term_cards`): term -> definition, and
definition -> term typed. Added cards wait as new cards and come in through "Study now" at
the new-cards-per-day rate; "Study these cards now" is a practice session that leaves the
schedule alone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from db.content_format import TERM_CATEGORIES


class GlossaryReviewRow(QWidget):
    """Buttons under a glossary entry (see the module docstring)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.term_id = ""
        self.category = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        self.add_button = QPushButton("Add to my reviews")
        self.add_button.setObjectName("glossary_add_to_reviews")
        self.add_button.setAccessibleName("Add to my reviews")
        self.add_button.setToolTip("Two cards for spaced review: the term to its definition, "
                                   "and the definition to the term (typed)")
        self.add_button.clicked.connect(self.add_term)
        self.deck_button = QPushButton("Add all terms")
        self.deck_button.setObjectName("glossary_add_category")
        self.deck_button.clicked.connect(self.add_category)
        self.study_button = QPushButton("Study the category")
        self.study_button.setObjectName("glossary_study_category")
        self.study_button.setAccessibleName("Study the category now")
        self.study_button.setToolTip("A practice session over the cards of the terms listed "
                                     "(the schedule is not changed)")
        self.study_button.clicked.connect(self.study_category)
        from desktop.widgets.flow_layout import flow_container

        # The buttons wrap: the glossary panel is narrow and the text may be large.
        layout.addWidget(flow_container([self.add_button, self.deck_button,
                                         self.study_button]))
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Review status of this term")
        layout.addWidget(self.status)

    def _terms(self) -> list:
        return [t for t in self.ctx.content.terms()
                if not self.category or t.category == self.category]

    def set_term(self, term_id: str, category: str = "") -> None:
        """The term shown in the entry and the category chosen in the list ("" for all)."""
        self.term_id = term_id
        self.category = category
        user = self.ctx.user
        label = TERM_CATEGORIES.get(category, "all categories") if category else \
            "all categories"
        count = len(self._terms())
        # Short: the panel must fit beside a view at 200% text on a 1024 px screen (the
        # accessible name and tooltip say which category).
        self.deck_button.setText(f"Add all {count} terms")
        self.deck_button.setAccessibleName(f"Add all {count} terms of {label} to my reviews")
        self.deck_button.setToolTip(f"Two cards for each of the {count} terms of {label}, "
                                    "into your reviews as new cards")
        self.study_button.setToolTip(f"A practice session over the cards of {label} (the "
                                     "schedule is not changed)")
        if user is None:
            for button in (self.add_button, self.deck_button):
                button.setEnabled(False)
            self.status.setText("Reviews need a progress database.")
            return
        from desktop.core.quiz.term_cards import MEANING, NAME, card_id

        ids = (card_id(term_id, MEANING), card_id(term_id, NAME))
        marks = ",".join("?" * len(ids))
        scheduled = user.execute(
            f"SELECT count(*) FROM review_cards WHERE question_id IN ({marks})",
            ids).fetchone()[0]
        added = scheduled == len(ids)
        self.add_button.setEnabled(bool(term_id) and not added)
        self.add_button.setText("In my reviews ✓" if added else "Add to my reviews")
        self.status.setText("Both cards of this term are in your reviews." if added else "")

    def add_term(self) -> None:
        from desktop.core.quiz import store
        from desktop.core.quiz.term_cards import cards_for

        term = self.ctx.content.term(self.term_id)
        if term is None or self.ctx.user is None:
            return
        added = store.add_to_reviews(self.ctx.user, cards_for(term))
        self.set_term(self.term_id, self.category)
        self.status.setText(f"Added {added} card{'s' if added != 1 else ''}: they come in "
                            "through Study now as new cards.")

    def add_category(self) -> None:
        from desktop.core.quiz import store
        from desktop.core.quiz.term_cards import cards_for

        if self.ctx.user is None:
            return
        cards = [c for t in self._terms() for c in cards_for(t)]
        added = store.add_to_reviews(self.ctx.user, cards)
        self.set_term(self.term_id, self.category)
        self.status.setText(f"Added {added} new card{'s' if added != 1 else ''} "
                            f"({len(cards) - added} were already in your reviews). New cards "
                            "come in through Study now, a few a day.")

    def study_category(self) -> None:
        self.ctx.navigator.open("study", f"glossary:{self.category or 'all'}")
