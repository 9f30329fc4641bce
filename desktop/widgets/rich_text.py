"""The one widget every view uses to show rendered text (notes, entries, explanations).

It applies the theme's document CSS (and re-applies it when the theme changes), routes the
app's internal links (`term:`, `ref:`, `event:` ...) through the navigator, and opens web
links in the browser only after the user clicks them: the only network action in the app.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from desktop.theme import document_css


class RichTextBrowser(QTextBrowser):
    """A read-only HTML view wired to the app's navigation and theme.

    Signals:
        internal_link_clicked(str, str): (kind, item_id) of an internal link that was followed.
    """

    internal_link_clicked = Signal(str, str)

    def __init__(self, ctx, parent: QWidget | None = None, accessible_name: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self._html = ""
        #: The text of the last link tooltip shown (the hover tests read it).
        self.last_tooltip = ""
        self.anchorClicked.connect(self._follow)
        ctx.theme.theme_changed.connect(self._restyle)
        self._restyle()

    def set_content(self, html: str) -> None:
        """Show `html` (already sanitised by `desktop.core.render`)."""
        self._html = html
        self.setHtml(html)

    def _restyle(self, *_args) -> None:
        self.document().setDefaultStyleSheet(document_css(self.ctx.theme.colors))
        if self._html:
            position = self.verticalScrollBar().value()
            self.setHtml(self._html)
            self.verticalScrollBar().setValue(position)

    def _follow(self, url: QUrl) -> None:
        from desktop.context import parse_link

        parsed = parse_link(url)
        if parsed is not None:
            self.internal_link_clicked.emit(*parsed)
            self.ctx.navigator.open(*parsed)
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def viewportEvent(self, event) -> bool:
        # Hovering a link: a glossary term shows its short definition, other records their
        # title, and a web address where it leads (only opened on click).
        if event.type() == QEvent.Type.ToolTip:
            tip = self.link_tooltip(self.anchorAt(event.pos()))
            if tip:
                self.last_tooltip = tip
                QToolTip.showText(event.globalPos(), tip, self.viewport())
                return True
        return super().viewportEvent(event)

    def link_tooltip(self, href: str) -> str:
        """The tooltip (rich text) for a link to `href`, or "" for none."""
        if not href:
            return ""
        from desktop.context import parse_link
        from desktop.core.render import escape

        parsed = parse_link(href)
        if parsed is None:
            scheme = QUrl(href).scheme()
            return f"Opens in your browser: {escape(href)}" if scheme in ("http", "https") else ""
        kind, item_id = parsed
        try:
            if kind == "term":
                from desktop.glossary.services import glossary_index

                term = glossary_index(self.ctx).term(item_id)
                if term is None:
                    return ""
                names = ", ".join(escape(a) for a in term.abbreviations
                                  if a.casefold() != term.term.casefold())
                heading = f"<b>{escape(term.term)}</b>" + (f" ({names})" if names else "")
                return (f"{heading}<br>{escape(term.short_definition)}"
                        "<br><i>Click to open it in the glossary</i>")
            title = self.ctx.content.title_of(kind, item_id)
        except (AttributeError, LookupError, sqlite3.Error):  # hovering must never fail
            return ""
        if not title or title == item_id:
            return ""
        from desktop.widgets.safe_text import tooltip

        return tooltip(" ".join(title.split())[:200])

