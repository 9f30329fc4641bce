"""The main window's views, registered as data and created on first show.

A view module is imported only when the user first opens it (Mnemosyne's lazy widgets), so
pyqtgraph and other heavy imports never slow the start-up.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.core.shortcuts import keys_text


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    module: str
    class_name: str
    #: The title with its menu mnemonic ("Li&brary"): unique in the View and Go menus.
    menu_text: str
    description: str
    #: Record kinds this view opens (routing for links and search results).
    kinds: tuple[str, ...] = ()

    @property
    def shortcut(self) -> str:
        """The key that shows this view (from the shortcut table, row `view.<key>`)."""
        return keys_text(f"view.{self.key}")

    def create(self, ctx: AppContext) -> AtlasView:
        cls = getattr(importlib.import_module(self.module), self.class_name)
        return cls(ctx)


class AtlasView(QWidget):
    """Base of every main-window view.

    Subclasses build their widgets in `__init__(ctx)`, show a record in `open_item`, and
    refresh when `on_activated` is called (each time the view is shown).
    """

    view_key = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

    def open_item(self, kind: str, item_id: str) -> bool:
        """Show one record; return False when it does not exist."""
        return False

    def on_activated(self) -> None:
        """Called every time the view becomes the visible one."""

    def current_item(self) -> tuple[str, str] | None:
        """The (kind, id) the view is showing, for Back/Forward history."""
        return None

    def focus_target(self) -> QWidget:
        """The widget that should take keyboard focus when the view is shown."""
        return self


VIEW_SPECS: tuple[ViewSpec, ...] = (
    ViewSpec("home", "Home", "desktop.home.home_view", "HomeView", "&Home",
             "Where to start, what is due for review"),
    ViewSpec("library", "Library", "desktop.library.library_view", "LibraryView", "Li&brary",
             "Study notes, references and your own documents", ("reference", "document",
                                                                  "import")),
    ViewSpec("timeline", "Timeline", "desktop.timeline.timeline_view", "TimelineView", "T&imeline",
             "Seventy years of IMiD history", ("event", "era")),
    ViewSpec("quiz", "Quiz", "desktop.quiz.quiz_view", "QuizView", "&Quiz",
             "Practise, test yourself and review what you missed", ("question", "study")),
    ViewSpec("mechanism", "Mechanism", "desktop.mechanism.mechanism_view", "MechanismView",
             "&Mechanism", "How the drugs work, step by step, and the five drugs compared",
             ("drug",)),
)


def spec_for_kind(kind: str) -> ViewSpec | None:
    return next((s for s in VIEW_SPECS if kind in s.kinds), None)


def spec(key: str) -> ViewSpec | None:
    return next((s for s in VIEW_SPECS if s.key == key), None)
