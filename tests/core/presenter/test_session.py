"""A presentation in progress, without a display: clicker keys, blanking, tallies, CSV."""

from __future__ import annotations

import csv
import io

from desktop.core.presenter import session as session_mod
from desktop.core.presenter import slides as p


def test_clicker_navigation_is_clamped_and_blank_toggles():
    session = session_mod.PresenterSession([p.SlideRef("event", str(i)) for i in range(3)])
    assert session.progress == (1, 3)
    assert not session.previous()
    assert session.next() and session.next() and not session.next()
    assert session.progress == (3, 3)
    assert session.first() and session.index == 0
    assert session.last() and session.index == 2
    assert session.toggle_blank() and session.blanked
    session.previous()
    assert not session.blanked  # moving on un-blanks


def test_tally_counts_presses_and_typed_numbers():
    tally = session_mod.Tally(("A", "B", "C"))
    for _ in range(3):
        tally.press_letter("a")
    tally.press_digit("1")
    tally.press_digit("2")
    assert tally.press_letter("C")
    assert not tally.press_letter("Z")
    assert tally.as_list() == [("A", 3), ("B", 0), ("C", 12)]
    assert tally.total == 15
    tally.press_digit("5")
    tally.press_letter("A")
    assert tally.counts["A"] == 5


def test_tallies_export_as_csv(atlas):
    slides = [p.SlideRef("question", "q-mechanism-001"), p.SlideRef("term", "cereblon")]
    session = session_mod.PresenterSession(slides, title="Class 3B")
    tally = session.tally(["A", "B", "C"])
    tally.press_letter("A")
    tally.press_letter("B")
    tally.press_letter("B")
    rows = list(csv.DictReader(io.StringIO(session_mod.tallies_csv(
        session, lambda i: p.slide_content(atlas.content, slides[i])))))
    assert [(r["option"], r["votes"], r["correct"]) for r in rows] == [
        ("A", "1", "no"), ("B", "2", "yes"), ("C", "0", "no")]
    assert rows[0]["presentation"] == "Class 3B" and rows[1]["share"] == "0.67"
