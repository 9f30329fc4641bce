"""What every view receives: the open atlas, settings, theme and the navigator.

Views never import each other. To show something elsewhere they ask the navigator
(`ctx.navigator.open("term", "cereblon")`), which the main window routes to the view that
owns that kind of record and records in the Back/Forward history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import QWidget

from db.link_schemes import LINK_SCHEMES
from desktop.core.atlas import Atlas
from desktop.settings import AppSettings
from desktop.theme import ThemeManager


@dataclass(frozen=True)
class Location:
    """A place in the app: a view, optionally showing one record."""

    view: str
    kind: str = ""
    item_id: str = ""


def parse_link(url: QUrl | str) -> tuple[str, str] | None:
    """(kind, id) for an internal link such as `term:cereblon`, else None."""
    text = url.toString() if isinstance(url, QUrl) else str(url)
    scheme, sep, rest = text.partition(":")
    if not sep:
        return None
    scheme = scheme.lower()
    if scheme == "import":
        return ("import", rest)
    if scheme in LINK_SCHEMES:
        return (LINK_SCHEMES[scheme], rest.strip("/"))
    return None


#: When the main window has not painted this long after work was deferred to its first paint,
#: the work runs anyway (ms).
AFTER_PAINT_FALLBACK_MS = 1500

#: How long a record browsed to in a list stays on screen before it counts as opened (ms).
BROWSE_DWELL_MS = 1200


def _still_shown(owner: QObject) -> bool:
    """Work waiting for the first paint is dropped when its widget's window was closed (its
    databases may be closed with it) or the widget deleted."""
    if not shiboken6.isValid(owner):
        return False
    return not isinstance(owner, QWidget) or owner.window().isVisible()


class Navigator(QObject):
    """Routes requests to open records and keeps the Back/Forward history.

    Signals:
        open_requested(str, str): (kind, item_id) to show; the main window routes it.
        view_requested(str): a view key to switch to.
        search_requested(str): run the toolbar search for this text (Home's Find a topic).
        history_changed(): Back/Forward availability may have changed.
        item_shown(str, str): (kind, item_id) a view now shows (File > Recent listens).
    """

    open_requested = Signal(str, str)
    view_requested = Signal(str)
    search_requested = Signal(str)
    history_changed = Signal()
    item_shown = Signal(str, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.back_stack: list[Location] = []
        self.forward_stack: list[Location] = []
        self.current: Location | None = None
        self._replaying = False
        self._painted = False
        self._after_paint: list[tuple[QObject, Callable[[], None]]] = []
        # Browsing a list (arrow keys through events or documents) shows many records in a
        # row: only one still shown after a moment counts as opened (File > Recent).
        self._browsed: Location | None = None
        self._browse_timer = QTimer(self)
        self._browse_timer.setSingleShot(True)
        self._browse_timer.setInterval(BROWSE_DWELL_MS)
        self._browse_timer.timeout.connect(self._browsed_long_enough)

    def after_first_paint(self, owner: QObject, work: Callable[[], None]) -> None:
        """Run `work` once the main window has painted for the first time, so what the person
        first sees never waits for it (a zero-delay timer would run before that paint). `owner`
        is the object the work belongs to: deleted by then, the work is dropped."""
        if self._painted:
            QTimer.singleShot(0, owner, lambda: _still_shown(owner) and work())
            return
        if not self._after_paint:
            # A window that never paints (hidden at once, a platform without expose events)
            # must not keep its first screen empty for good.
            QTimer.singleShot(AFTER_PAINT_FALLBACK_MS, self, self.window_painted)
        self._after_paint.append((owner, work))

    def window_painted(self) -> None:
        """The main window painted (called at each paint; only the first one counts)."""
        if self._painted:
            return
        self._painted = True
        waiting, self._after_paint = self._after_paint, []
        for owner, work in waiting:
            if _still_shown(owner):
                QTimer.singleShot(0, owner, lambda o=owner, w=work: _still_shown(o) and w())

    def open(self, kind: str, item_id: str) -> None:
        """Show record (`kind`, `item_id`) in the view that owns it."""
        self.open_requested.emit(kind, item_id)

    def open_link(self, url: QUrl | str) -> bool:
        """Follow an internal link; False when `url` is not one (e.g. https)."""
        parsed = parse_link(url)
        if parsed is None:
            return False
        self.open(*parsed)
        return True

    def show_view(self, view: str) -> None:
        self.view_requested.emit(view)

    def search(self, text: str) -> None:
        """Show the search results for `text` (the toolbar search, with its keys)."""
        self.search_requested.emit(text)

    def shown(self, location: Location) -> None:
        """A view now shows `location` without a new history entry (browsing a list): it
        becomes the current place and counts as opened for File > Recent."""
        if self.current is not None and self.current.view == location.view:
            self.current = location
        self.read(location)

    def read(self, location: Location) -> None:
        """A view shows a record to read (an event's details): if it is still on screen in
        a moment, it counts as opened for File > Recent. The history is not changed."""
        if location.kind and location.item_id:
            self._browsed = location
            self._browse_timer.start()

    def _browsed_long_enough(self) -> None:
        location, self._browsed = self._browsed, None
        if location is not None:
            self.item_shown.emit(location.kind, location.item_id)

    def record(self, location: Location) -> None:
        """Note that the app now shows `location` (called by the main window)."""
        if self._replaying or location == self.current:
            return
        if self.current is not None:
            self.back_stack.append(self.current)
            del self.back_stack[:-200]
        self.current = location
        self.forward_stack.clear()
        self.history_changed.emit()
        if location.kind and location.item_id:
            self.item_shown.emit(location.kind, location.item_id)

    def can_go_back(self) -> bool:
        return bool(self.back_stack)

    def can_go_forward(self) -> bool:
        return bool(self.forward_stack)

    def back(self) -> Location | None:
        if not self.back_stack:
            return None
        if self.current is not None:
            self.forward_stack.append(self.current)
        self.current = self.back_stack.pop()
        self.history_changed.emit()
        return self.current

    def forward(self) -> Location | None:
        if not self.forward_stack:
            return None
        if self.current is not None:
            self.back_stack.append(self.current)
        self.current = self.forward_stack.pop()
        self.history_changed.emit()
        return self.current

    def replaying(self):
        """Context manager: navigation inside it is not recorded (Back/Forward replays)."""
        nav = self

        class _Replay:
            def __enter__(self):
                nav._replaying = True

            def __exit__(self, *exc):
                nav._replaying = False

        return _Replay()


@dataclass
class AppContext:
    """Shared state handed to every view."""

    atlas: Atlas
    settings: AppSettings
    theme: ThemeManager
    navigator: Navigator
    services: dict = field(default_factory=dict)

    @property
    def content(self):
        return self.atlas.content

    @property
    def user(self):
        return self.atlas.user

    def render_markdown(self, text: str, link_terms: bool = True) -> str:
        """Markdown to sanitised HTML, with glossary terms linked unless told otherwise."""
        from desktop.core.render import render_markdown

        html = render_markdown(text)
        return self.link_terms(html) if link_terms else html

    def link_terms(self, html: str, skip: tuple[str, ...] = ()) -> str:
        """Link glossary terms inside sanitised HTML.

        Every view renders text through here, so term linking is the same everywhere. The
        linker is registered as the `term_linker` service (`fn(html, skip) -> html`); without
        one, the HTML is returned unchanged.
        """
        linker = self.services.get("term_linker")
        return linker(html, skip) if linker else html

    def service(self, name: str, factory):
        """A lazily created shared service (search engine, glossary index, ...)."""
        if name not in self.services:
            self.services[name] = factory()
        return self.services[name]
