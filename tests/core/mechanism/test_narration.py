"""Stepping through the mechanism narration with buttons, clicker and keyboard keys."""

from __future__ import annotations

from desktop.core.mechanism.diagram import Step
from desktop.core.mechanism.narration import NEXT_KEYS, Narration


def _steps(n=3):
    return [Step(f"s{i}", i, f"Step {i}", "Text. More.", ("a",)) for i in (3, 1, 2)][:n]


def test_narration_walks_forward_and_back_within_bounds():
    narration = Narration(_steps())
    assert narration.current is None and narration.at_start
    assert narration.position_label() == "Overview · 3 steps"
    assert narration.next() and narration.current.id == "s1"
    assert narration.next() and narration.next() and narration.current.id == "s3"
    assert narration.at_end and not narration.next()
    assert narration.position_label() == "Step 3 of 3"
    assert narration.previous() and narration.current.id == "s2"
    assert narration.reset() and narration.current is None
    assert not narration.previous()


def test_narration_follows_clicker_and_keyboard_keys():
    narration = Narration(_steps())
    assert {"PageDown", "Right", "Space"} <= NEXT_KEYS
    assert narration.handle_key("PageDown") and narration.index == 0
    assert narration.handle_key("Space") and narration.index == 1
    assert narration.handle_key("Right") and narration.index == 2
    assert narration.handle_key("PageUp") and narration.index == 1
    assert narration.handle_key("Left") and narration.index == 0
    assert narration.handle_key("End") and narration.index == 2
    assert narration.handle_key("Home") and narration.index == 0
    assert not narration.handle_key("Q")
    assert narration.go_to_step("s3") and narration.index == 2


def test_bundled_narration_covers_the_story(diagram):
    narration = Narration(diagram.steps)
    seen = set()
    while narration.next():
        seen |= set(narration.current.nodes)
    assert {"cereblon", "ikzf1", "ck1a", "gspt1", "sall4", "p63", "proteasome", "irf4",
            "il2", "angiogenesis", "embryopathy"} <= seen


