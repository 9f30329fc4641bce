"""A presentation in progress (Qt-free): the slide cursor, what is revealed, the class's tallies.

`PresenterSession` moves through a list of `SlideRef`s with clicker-friendly commands (using the
timeline story's cursor), keeps a show-of-hands `Tally` per question, and `tallies_csv` writes
the class results.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from desktop.core.presenter.slides import SlideContent, SlideRef

# -- tallies -----------------------------------------------------------------------------------


@dataclass
class Tally:
    """A show-of-hands count per option letter.

    Pressing a letter adds one vote; typing a number first sets that option to the number
    ("12" then "B" records twelve votes for B).
    """

    letters: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    typed: str = ""

    def press_digit(self, digit: str) -> None:
        if digit.isdigit() and len(self.typed) < 4:
            self.typed += digit

    def press_letter(self, letter: str) -> bool:
        """Record a vote (or the typed number) for `letter`; False if it is not an option."""
        letter = letter.upper()
        if letter not in self.letters:
            self.typed = ""
            return False
        if self.typed:
            self.counts[letter] = int(self.typed)
            self.typed = ""
        else:
            self.counts[letter] = self.counts.get(letter, 0) + 1
        return True

    def clear(self) -> None:
        self.counts.clear()
        self.typed = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_list(self) -> list[tuple[str, int]]:
        return [(letter, self.counts.get(letter, 0)) for letter in self.letters]


# -- the session -------------------------------------------------------------------------------


@dataclass
class PresenterSession:
    """Where a presentation is: the current slide, blanking, reveals and tallies.

    Moving through the slides uses the timeline story's cursor (`desktop.core.timeline.story`): past
    either end it stays at the end.
    """

    slides: list[SlideRef]
    title: str = "Presentation"
    blanked: bool = False
    revealed: set[int] = field(default_factory=set)
    tallies: dict[int, Tally] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from desktop.core.timeline.story import StoryCursor

        self.cursor = StoryCursor(self.slides)

    @property
    def index(self) -> int:
        return max(self.cursor.index, 0)

    @property
    def current(self) -> SlideRef | None:
        return self.cursor.current

    @property
    def progress(self) -> tuple[int, int]:
        """(1-based position, number of slides)."""
        return (self.index + 1 if self.slides else 0, len(self.slides))

    def go(self, index: int) -> bool:
        """Move to slide `index` (clamped); returns whether the slide changed."""
        self.blanked = False
        return self.cursor.move(index - self.cursor.index)

    def next(self) -> bool:
        return self.go(self.index + 1)

    def previous(self) -> bool:
        return self.go(self.index - 1)

    def first(self) -> bool:
        return self.go(0)

    def last(self) -> bool:
        return self.go(len(self.slides) - 1)

    def toggle_blank(self) -> bool:
        self.blanked = not self.blanked
        return self.blanked

    def reveal(self) -> None:
        self.revealed.add(self.index)

    def is_revealed(self, index: int | None = None) -> bool:
        return (self.index if index is None else index) in self.revealed

    def tally(self, letters: Sequence[str]) -> Tally:
        """The tally of the current slide (created on first use)."""
        if self.index not in self.tallies:
            self.tallies[self.index] = Tally(tuple(letters))
        return self.tallies[self.index]


def tallies_csv(session: PresenterSession, content_of: Callable[[int], SlideContent]) -> str:
    """The class tallies as CSV: one row per option of every question that was tallied."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["presentation", "slide", "question_id", "question", "option", "option_text",
                     "votes", "share", "correct"])
    for index in sorted(session.tallies):
        tally = session.tallies[index]
        slide = session.slides[index]
        content = content_of(index)
        texts = dict(content.options)
        total = tally.total
        for letter, votes in tally.as_list():
            writer.writerow([
                session.title, index + 1, slide.item_id, content.title, letter,
                texts.get(letter, ""), votes, f"{votes / total:.2f}" if total else "0.00",
                "yes" if letter in content.correct else "no",
            ])
    return out.getvalue()
