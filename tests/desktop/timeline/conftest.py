"""The timeline view on the bundled content, shown at 1280x800 (offscreen)."""

from __future__ import annotations

import pytest


@pytest.fixture
def view(qtbot, show, bundled_ctx):
    """A shown TimelineView over the bundled content."""
    from desktop.timeline.timeline_view import TimelineView

    widget = show(TimelineView(bundled_ctx), 1280, 800)
    qtbot.wait(20)
    return widget
