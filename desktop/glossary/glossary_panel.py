"""The glossary dock: a filter box, the list of terms and the entry of the chosen one.

(The foundation version; the glossary issue adds forgiving lookup, categories, history and
"Used in".)
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.text import fold
from desktop.core.render import escape, link, paragraphs
from desktop.theme import document_css


class GlossaryPanel(QDockWidget):
    """Dock widget with the glossary.

    Signals:
        term_shown(str): the id of the term now shown in the entry view.
    """

    term_shown = Signal(str)

    def __init__(self, ctx, parent=None):
        super().__init__("Glossary", parent)
        self.ctx = ctx
        self.setObjectName("glossary_dock")
        self.setAccessibleName("Glossary panel")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)
        self.current_term = ""
        self._built = False
        self._loaded = False

    def _build(self) -> None:
        """Create the panel's widgets the first time it is shown (not at start-up)."""
        if self._built:
            return
        self._built = True
        ctx = self.ctx
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a term…")
        self.filter.setAccessibleName("Find a glossary term")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Glossary terms")
        self.entry = QTextBrowser()
        self.entry.setAccessibleName("Glossary entry")
        self.entry.setOpenLinks(False)
        self.entry.anchorClicked.connect(self._link_clicked)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.entry)
        splitter.setSizes([200, 300])
        layout.addWidget(self.filter)
        layout.addWidget(splitter, 1)
        self.setWidget(body)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._open_first)
        self.list.currentItemChanged.connect(self._item_changed)
        ctx.theme.theme_changed.connect(lambda _c: self._refresh_entry())

    def ensure_loaded(self) -> None:
        self._build()
        if self._loaded:
            return
        self._loaded = True
        self.terms = {t.id: t for t in self.ctx.content.terms()}
        for term in self.terms.values():
            item = QListWidgetItem(term.term)
            item.setData(Qt.ItemDataRole.UserRole, term.id)
            item.setToolTip(term.short_definition)
            self.list.addItem(item)

    def showEvent(self, event) -> None:
        self._build()
        # Filled just after it is shown, so a visible panel does not delay the first paint.
        QTimer.singleShot(0, self.ensure_loaded)
        super().showEvent(event)

    def _apply_filter(self, text: str) -> None:
        needle = fold(text.strip())
        for row in range(self.list.count()):
            item = self.list.item(row)
            term = self.terms[item.data(Qt.ItemDataRole.UserRole)]
            hay = " ".join(fold(n) for n in term.names)
            item.setHidden(bool(needle) and needle not in hay)

    def _open_first(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden():
                self.list.setCurrentItem(item)
                return

    def _item_changed(self, current, _previous) -> None:
        if current is not None:
            self.show_term(current.data(Qt.ItemDataRole.UserRole))

    def show_term(self, term_id: str) -> bool:
        """Show one term's entry; False when there is no such term."""
        self.ensure_loaded()
        term = self.terms.get(term_id)
        if term is None:
            return False
        self.current_term = term_id
        self.entry.document().setDefaultStyleSheet(document_css(self.ctx.theme.colors))
        names = ", ".join(escape(n) for n in (*term.abbreviations, *term.synonyms))
        see_also = ", ".join(
            link("term", t, self.terms[t].term) for t in term.see_also if t in self.terms)
        sources = "; ".join(
            link("ref", r, self.ctx.content.reference(r).short_label)
            for r in term.sources if self.ctx.content.reference(r))
        html = [f"<h2>{escape(term.term)}</h2>"]
        if names:
            html.append(f"<p class='muted'>Also: {names}</p>")
        html.append(paragraphs(term.definition))
        html.append(f"<p><b>Why it matters:</b> {escape(term.relevance)}</p>")
        if term.common_error:
            html.append(f"<p class='warn'><b>Common error:</b> {escape(term.common_error)}</p>")
        if see_also:
            html.append(f"<p><b>See also:</b> {see_also}</p>")
        if sources:
            html.append(f"<p><b>Sources:</b> {sources}</p>")
        self.entry.setHtml("".join(html))
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == term_id and self.list.currentItem() != item:
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
        self.term_shown.emit(term_id)
        return True

    def _refresh_entry(self) -> None:
        if self.current_term and self._built:
            self.show_term(self.current_term)

    def _link_clicked(self, url) -> None:
        self.ctx.navigator.open_link(url)

    def focus_filter(self) -> None:
        self._build()
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()
