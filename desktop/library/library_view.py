"""Library view (issue 4 builds the full table, reader and imports)."""

from desktop.widgets.placeholder_view import PlaceholderView


class LibraryView(PlaceholderView):
    view_key = "library"
    heading = "Library"
    promise = ("The study notes and references will be listed here, with a reader, citations "
               "and your own imported papers. Until then, use the search field (Ctrl+K).")
