"""Scripted timeline states for screenshots (`docs/make_screenshots.py tl:ACTION`).

    tl:select:ID        select an event and open its details
    tl:zoom:X0:X1       show the years X0 to X1
    tl:filter:TEXT      filter by text
    tl:known:YEAR       fade what came after YEAR
    tl:story            story mode from the selection (or the first event)
    tl:story-lane:KEY   story mode through one lane
    tl:next             the next story card
    tl:reset            clear the filters, leave story mode, fit all
"""

from __future__ import annotations

from desktop.core.timeline.data import TimelineFilter
from desktop.core.timeline.story import StoryScope


def run_step(window, action: str) -> None:
    view = window.show_view("timeline")
    name, _, rest = action.partition(":")
    if name == "select":
        window.open_item("event", rest)
    elif name == "zoom":
        x0, _, x1 = rest.partition(":")
        view.chart.view_box.setXRange(float(x0), float(x1), padding=0)
    elif name == "filter":
        view.filters.text.setText(rest)
        view.filters._emit()
    elif name == "known":
        view.filters.known.setValue(int(rest))
    elif name == "story":
        view.enter_story()
    elif name == "story-lane":
        view.enter_story(StoryScope("lane", rest))
    elif name == "next":
        view.story.next()
    elif name == "reset":
        view.filters.set_filter(TimelineFilter())
        view.leave_story()
        view.chart.fit_all()
    else:
        raise ValueError(f"unknown timeline step {action!r}")
