"""Step-through narration of the mechanism: an overview, then the steps, moved by
Next/Previous and the clicker keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.mechanism.diagram import Step

# -- narration -------------------------------------------------------------------------------

#: Key names (as Qt spells them without the `Key_` prefix) and what they do in a narration.
#: Presentation clickers send PageDown/PageUp (some send arrows or B for a blank screen).
NEXT_KEYS = frozenset({"Right", "Down", "PageDown", "Space"})
PREVIOUS_KEYS = frozenset({"Left", "Up", "PageUp", "Backspace"})
FIRST_KEYS = frozenset({"Home"})
LAST_KEYS = frozenset({"End"})


class Narration:
    """Step-through state: an overview (index -1) followed by the steps in order."""

    def __init__(self, steps: Sequence[Step]):
        self.steps = tuple(sorted(steps, key=lambda s: (s.order, s.id)))
        self.index = -1

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    @property
    def at_start(self) -> bool:
        return self.index <= -1

    @property
    def at_end(self) -> bool:
        return self.index >= len(self.steps) - 1

    def go(self, index: int) -> bool:
        """Jump to `index` (-1 is the overview); False when that is where it already was."""
        index = max(-1, min(index, len(self.steps) - 1))
        if index == self.index:
            return False
        self.index = index
        return True

    def next(self) -> bool:
        return self.go(self.index + 1)

    def previous(self) -> bool:
        return self.go(self.index - 1)

    def first(self) -> bool:
        return self.go(0)

    def last(self) -> bool:
        return self.go(len(self.steps) - 1)

    def reset(self) -> bool:
        return self.go(-1)

    def go_to_step(self, step_id: str) -> bool:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                self.go(i)
                return True
        return False

    def handle_key(self, key_name: str) -> bool:
        """Apply a clicker or keyboard key by name; True when the position changed."""
        if key_name in NEXT_KEYS:
            return self.next()
        if key_name in PREVIOUS_KEYS:
            return self.previous()
        if key_name in FIRST_KEYS:
            return self.first()
        if key_name in LAST_KEYS:
            return self.last()
        return False

    def position_label(self) -> str:
        if self.current is None:
            return f"Overview · {len(self.steps)} steps"
        return f"Step {self.index + 1} of {len(self.steps)}"


