"""The one widget every view uses to show rendered text (notes, entries, explanations).

It applies the theme's document CSS (and re-applies it when the theme changes), routes the
app's internal links (`term:`, `ref:`, `event:` ...) through the navigator, and opens web
links in the browser only after the user clicks them: the only network action in the app.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

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
