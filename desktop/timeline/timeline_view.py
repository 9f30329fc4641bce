"""Timeline view (issue 5 builds the interactive chart)."""

from desktop.widgets.placeholder_view import PlaceholderView


class TimelineView(PlaceholderView):
    view_key = "timeline"
    heading = "Timeline"
    promise = ("An interactive timeline of IMiD history from 1953 to 2026, with lanes, eras "
               "and a story mode, will be shown here.")
