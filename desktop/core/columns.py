"""How a table's width is shared among its columns (no Qt).

The library and the drug comparison size their columns with `fit_widths`: columns that fit
their content get what it asks for, the stretching ones (a title, the drugs) share the rest;
when the window is narrow (a side panel open, large text), the fitted columns give up width
down to their header's text before a stretching column goes below its own least width, and
only then does the table scroll sideways. A column never collapses to "…".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnNeed:
    """What one column asks for, in pixels: `want` (its content) and `least` (never less:
    its header's text, or for a stretching column the width that keeps it readable)."""

    want: float
    least: float
    stretch: bool = False


def fit_widths(available: float, columns: Sequence[ColumnNeed]) -> list[int]:
    """Widths (whole pixels) for `columns` in `available` pixels (see the module docstring).

    The widths add up to `available` whenever every column fits at its least width; else
    each column has its least width and the sum exceeds `available`.
    """
    wants = [max(c.want, c.least) for c in columns]
    widths = [float(w) for w in wants]
    stretching = [i for i, c in enumerate(columns) if c.stretch]
    fixed = [i for i, c in enumerate(columns) if not c.stretch]
    rest = available - sum(widths[i] for i in fixed)
    least = sum(columns[i].least for i in stretching)
    if stretching:
        if rest < least:  # the fitted columns give up width, in proportion to their slack
            slack = {i: wants[i] - columns[i].least for i in fixed}
            total = sum(slack.values())
            take = min(least - rest, total)
            for i in fixed:
                widths[i] = max(columns[i].least,
                                wants[i] - (slack[i] * take / total if total else 0.0))
            rest = available - sum(widths[i] for i in fixed)
        _share(widths, [columns[i].least for i in stretching], stretching, max(rest, least))
    elif sum(widths) > available:  # nothing stretches: shrink towards the least widths
        slack = [w - c.least for w, c in zip(widths, columns, strict=True)]
        total = sum(slack)
        take = min(sum(widths) - available, total)
        widths = [max(c.least, w - (s * take / total if total else 0.0))  # (rounding)
                  for w, s, c in zip(widths, slack, columns, strict=True)]
    return _whole(widths)


def _share(widths: list[float], leasts: list[float], indexes: list[int], room: float) -> None:
    """Share `room` among the stretching columns: as equal as their least widths allow."""
    share = room / len(indexes)
    # columns whose least is above the equal share keep their least; the others share
    pinned = {i for i, low in zip(indexes, leasts, strict=True) if low > share}
    while True:
        free = [i for i in indexes if i not in pinned]
        left = room - sum(lo for i, lo in zip(indexes, leasts, strict=True) if i in pinned)
        share = left / len(free) if free else 0.0
        more = {i for i, lo in zip(indexes, leasts, strict=True) if i not in pinned
                and lo > share}
        if not more:
            break
        pinned |= more
    for i, low in zip(indexes, leasts, strict=True):
        widths[i] = low if i in pinned else share


def _whole(widths: list[float]) -> list[int]:
    """Round down, then hand the pixels lost to rounding to the first columns."""
    out = [int(w) for w in widths]
    for i in range(max(0, min(int(round(sum(widths))) - sum(out), len(out)))):
        out[i] += 1
    return out


__all__ = ["ColumnNeed", "fit_widths"]
