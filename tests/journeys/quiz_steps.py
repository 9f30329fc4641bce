"""What a student does in the quiz, as keys and clicks, shared by the quiz journeys.

The student knows the answers (the test plays a student who studied): the question on screen
is read from the screen ("Question 3 of 12"), and its key from the session the app stored in
`user.sqlite` (the questions as shown, with their presentation order). Everything else is a
key press or a click on what is on screen.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QSpinBox, QTextBrowser

from tests.journeys.person import JourneyError, Person

LETTERS = "ABCDEFGHI"


def user_db(person: Person) -> sqlite3.Connection:
    """The user database file, opened as another program would open it."""
    path = Path(person.window.ctx.atlas.paths.user_db)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


@dataclass
class Shown:
    """The question on screen: its number, the stored question and its display order."""

    index: int
    total: int
    question: dict
    order: list

    @property
    def type(self) -> str:
        return self.question["type"]

    @property
    def right_keys(self) -> list[str]:
        keyed = self.question.get("answer") or ()
        if self.type != "ordering" and keyed:
            return list(keyed)
        return [o["key"] for o in self.question["options"] if o.get("correct")]


def question_on_screen(person: Person) -> Shown:
    """The question the person is looking at ("Question 3 of 12" on screen)."""
    label = person.find("Question number", QLabel)
    match = re.fullmatch(r"Question (\d+) of (\d+)", label.text())
    if match is None:
        raise JourneyError(f"no question number on screen: {label.text()!r}")
    index, total = int(match.group(1)) - 1, int(match.group(2))
    with user_db(person) as conn:
        row = conn.execute("SELECT config FROM quiz_sessions ORDER BY id DESC LIMIT 1").fetchone()
    static = json.loads(row["config"])["static"]
    return Shown(index, total, static["questions"][index], list(static["orders"][index]))


def set_count(person: Person, count: int) -> None:
    """Questions: click the number field, select it and type the count."""
    box = person.find("Number of questions", QSpinBox)
    person.click(box)
    person.press("Ctrl+A")
    person.type(str(count))
    assert box.value() == count


def tick_only_types(person: Person, types: set[str]) -> None:
    """Untick every question type not in `types` (labels as on screen), tick the others."""
    boxes = [b for b in person.widgets(QAbstractButton)
             if b.accessibleName().startswith("Types: ")]
    assert boxes, "no question type boxes on the start screen"
    for box in boxes:
        wanted = box.text().replace("&", "") in types
        if box.isChecked() != wanted:
            person.click(box)
        assert box.isChecked() == wanted


ORDERING_ROW = re.compile(r"^\S+\s+(\d+)\.\s+\(([A-I])\)\s(.*)$", re.DOTALL)


def ordering_rows(person: Person) -> list[tuple[str, str]]:
    """The ordering question's items as the list shows them, top to bottom: (letter, text)
    ("≡  2.  (C) Cereblon identified..." is ("C", "Cereblon identified...")."""
    listing = person.find("Items to put in order", QListWidget)
    rows = []
    for r in range(listing.count()):
        match = ORDERING_ROW.match(listing.item(r).text())
        if match is None or int(match.group(1)) != r + 1:
            raise JourneyError(f"ordering row {r + 1} reads {listing.item(r).text()!r}")
        rows.append((match.group(2), match.group(3)))
    return rows


def ordering_on_screen(person: Person) -> list[str]:
    """The items of the ordering question as the list shows them, top to bottom."""
    return [text for _letter, text in ordering_rows(person)]


def answer(person: Person, shown: Shown, right: bool, by_letters: bool = False) -> None:
    """Answer the question on screen with keys only, right or wrong; no Enter. An ordering
    question is put in order by its items' letters typed first to last (`by_letters`), or
    by selecting each item with its number and moving it up with Ctrl+Up."""
    q = shown.question
    kind = shown.type
    if kind in ("single", "true_false"):
        keys = shown.right_keys if right else [k for k in shown.order
                                               if k not in shown.right_keys][:1]
        person.press(LETTERS[shown.order.index(keys[0])])
    elif kind == "multi":
        keys = shown.right_keys if right else [k for k in shown.order
                                               if k not in shown.right_keys][:1]
        for key in keys:
            person.press(LETTERS[shown.order.index(key)])
    elif kind == "ordering":
        if not right:
            return  # the shuffled order is never the right one: submitted as it is
        texts = {o["key"]: o["text"] for o in q["options"]}
        if by_letters:
            letters = {text: mark for mark, text in ordering_rows(person)}
            for key in q["answer"]:
                person.press(letters[texts[key]])
            assert ordering_on_screen(person) == [texts[k] for k in q["answer"]]
            return
        for position, key in enumerate(q["answer"]):
            now = ordering_on_screen(person).index(texts[key])
            person.press(str(now + 1))  # select the item...
            for _ in range(now - position):
                person.press("Ctrl+Up")  # ...and move it up into place
        assert ordering_on_screen(person) == [texts[k] for k in q["answer"]]
    elif kind == "matching":
        n = len(q["pairs"])
        for row in range(n):  # each letter fills the focused row and moves to the next
            pair = row if right else (row + 1) % n
            person.press(LETTERS[shown.order.index(pair)])
    elif kind == "year":
        year = int(q["answer"][0])
        person.type(str(year if right else year + 10))
    else:
        raise JourneyError(f"no way to answer a {kind!r} question")


def bullets_drawn(browser: QTextBrowser) -> int:
    """How many list bullets the text view draws beside a mark (a block inside a list gets
    one). An explanation may be a list ("In date order:"); a marked option row may not."""
    block, count = browser.document().begin(), 0
    while block.isValid():
        if block.textList() is not None and any(m in block.text() for m in "✓✗◐"):
            count += 1
        block = block.next()
    return count


def mark_colours(browser: QTextBrowser) -> dict[str, set[str]]:
    """Each mark symbol in the text view and the colours it is drawn in."""
    out: dict[str, set[str]] = {}
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            for symbol in "✓✗◐":
                if symbol in fragment.text():
                    colour = fragment.charFormat().foreground().color().name()
                    out.setdefault(symbol, set()).add(colour)
            it += 1
        block = block.next()
    return out


def has_pixels_of(image: QImage, colour: str, at_least: int = 4) -> bool:
    """Whether `image` shows a few pixels in the hue of `colour` (text is antialiased, so
    a glyph's pixels are that hue mixed with the background) in its left-hand mark column."""
    want = QColor(colour)
    found = 0
    for y in range(image.height()):
        for x in range(min(image.width(), 40)):
            pixel = QColor(image.pixel(x, y))
            if pixel.hsvSaturation() > 80 and abs(pixel.hsvHue() - want.hsvHue()) < 15:
                found += 1
                if found >= at_least:
                    return True
    return False
