"""The toolbar search: results grouped by kind, updating as you type, keyboard-driven.

Focus stays in the search field; Up/Down move through the results, Enter opens the selected
one (or the first), Escape closes the list. Results are drawn with their highlighted snippet.
Opening a result clears the field, so the next search starts afresh.

Searches run on a worker thread (`background_search.BackgroundSearch`, with its own
read-only database connections), so typing never waits for one, even in a library of huge
imports: the latest text wins, stale results are dropped, and a search that takes a moment
shows "Searching…". Enter pressed before the results are in opens the first one when they
arrive. `shutdown()` stops the worker (the main window calls it when it closes).

Views may hide kinds of results for a while: a callable in the context's
`search_restrictions` service list returns `(kinds, note)` to hide, or None (the quiz hides
questions while an exam runs, so the search cannot show the bank's answers).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.background_search import BackgroundSearch
from desktop.core.library.search import KIND_LABELS, SearchResults, without_kinds
from desktop.core.render import escape
from desktop.widgets.safe_text import tooltip

ROLE_KIND = Qt.ItemDataRole.UserRole
ROLE_ID = Qt.ItemDataRole.UserRole + 1
ROLE_HTML = Qt.ItemDataRole.UserRole + 2
ROLE_HEADER = Qt.ItemDataRole.UserRole + 3


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's rich-text label (title and highlighted snippet).

    `css()` may give a style sheet for the HTML's classes (e.g. the theme's `.good` and
    `.bad` colours of the quiz's result marks); it applies to rows that are not selected, so
    a selected row keeps the highlight's own readable text colour.
    """

    #: Remembered sizes at most (the list asks for each row's size several times a layout).
    SIZE_CACHE = 400

    def __init__(self, parent=None, css=None):
        super().__init__(parent)
        self.css = css
        self._sizes: dict[tuple, QSize] = {}

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        if self.css is not None and not option.state & QStyle.StateFlag.State_Selected:
            doc.setDefaultStyleSheet(self.css())
        doc.setHtml(index.data(ROLE_HTML) or escape(index.data() or ""))
        doc.setTextWidth(max(option.rect.width() - 12, 50))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(opt.rect.left() + 6, opt.rect.top() + 3)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        ctx.clip = QRect(0, 0, opt.rect.width() - 6, opt.rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        key = (index.data(ROLE_HTML) or index.data() or "", opt.rect.width(), opt.font.key(),
               self.css() if self.css is not None and not selected else "")
        size = self._sizes.get(key)
        if size is None:
            doc = self._document(opt, index)
            size = QSize(int(doc.idealWidth()) + 12, int(doc.size().height()) + 6)
            if len(self._sizes) >= self.SIZE_CACHE:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)


class SearchPopup(QFrame):
    """Results list shown under the toolbar search field.

    Signals:
        result_activated(str, str): (kind, item_id) chosen by Enter or click.
    """

    result_activated = Signal(str, str)
    #: (search number, SearchResults) from the worker thread, queued to the GUI thread.
    _delivered = Signal(int, object)
    #: Result rows added per pass of the event loop (the first pass fills the first screen).
    ROWS_PER_PASS = 10
    #: Milliseconds a search runs before the popup says "Searching…".
    BUSY_DELAY_MS = 150
    SEARCHING_TEXT = "Searching…"

    def __init__(self, field: QLineEdit, sources_fn, parent: QWidget, colors_fn=None,
                 searcher_factory=BackgroundSearch):
        """`sources_fn()` gives the `SearchSources` to search now; `searcher_factory(deliver)`
        makes the object that runs the searches (a `BackgroundSearch`)."""
        super().__init__(parent)
        self.field = field
        self.sources_fn = sources_fn
        self.colors_fn = colors_fn
        # Connected before any search can start, so no result is ever missed.
        self._delivered.connect(self._results_arrived)
        self.searcher = searcher_factory(self._delivered.emit)
        #: The number of the search whose results are awaited (None: none awaited).
        self._awaited: int | None = None
        self._open_when_ready = False
        #: The app context (for `search_restrictions`), when the parent window has one.
        self.ctx = getattr(parent, "ctx", None)
        self.setObjectName("search_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Search results")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.list = QListWidget()
        self.list.setAccessibleName("Search results list")
        self.list.setItemDelegate(HtmlDelegate(self.list))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._activate_item)
        layout.addWidget(self.status)
        layout.addWidget(self.list)
        self.results: SearchResults | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.run_search)
        self._queued_rows: list[QListWidgetItem] = []
        self.fill_timer = QTimer(self)
        self.fill_timer.setSingleShot(True)
        self.fill_timer.setInterval(0)
        self.fill_timer.timeout.connect(self._add_rows)
        self.busy_timer = QTimer(self)
        self.busy_timer.setSingleShot(True)
        self.busy_timer.setInterval(self.BUSY_DELAY_MS)
        self.busy_timer.timeout.connect(self._show_searching)
        field.textEdited.connect(lambda _t: self.timer.start())
        field.returnPressed.connect(self.activate_current)
        field.installEventFilter(self)
        self.hide()

    # -- searching ---------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        """Whether results are awaited from the worker."""
        return self._awaited is not None

    def shows_results(self) -> bool:
        """Whether the popup is on screen with all the results of the latest search (not
        "Searching…")."""
        return (self.isVisible() and not self.searching and not self.timer.isActive()
                and not self._queued_rows)

    def run_search(self) -> None:
        """Start the search for the field's text; its results show when they arrive."""
        text = self.field.text()
        if not text.strip():
            self._stop_waiting()
            self._clear_rows()
            self.hide()
            return
        self._awaited = self.searcher.submit(text, self.sources_fn())
        if not self.busy_timer.isActive():
            self.busy_timer.start()

    def _stop_waiting(self) -> None:
        if self._awaited is not None:
            self.searcher.cancel()
        self._awaited = None
        self._open_when_ready = False
        self.busy_timer.stop()

    def _show_searching(self) -> None:
        """A search is taking a moment: say so (the last results stay until the new ones)."""
        if self._awaited is None:
            return
        self.status.setText(self.SEARCHING_TEXT)
        if not self.isVisible():
            self._clear_rows()
            self.results = None
            self.reposition()
            self.show()
            self.raise_()

    def _results_arrived(self, number: int, results: SearchResults) -> None:
        if number != self._awaited:
            return  # stale: a newer search was started, or this one was cancelled
        self._awaited = None
        self.busy_timer.stop()
        self.show_results(self.restricted(results))
        if self._open_when_ready:
            self._open_when_ready = False
            self.activate_current()

    def shutdown(self) -> None:
        """Stop searching and the worker thread (before the window goes away)."""
        self.timer.stop()
        self.fill_timer.stop()
        self._stop_waiting()
        self.searcher.close()

    def restricted(self, results: SearchResults) -> SearchResults:
        """`results` without the kinds a view hides just now (see the module docstring)."""
        services = getattr(self.ctx, "services", None) or {}
        for restriction in services.get("search_restrictions", ()):
            hidden = restriction()
            if hidden:
                kinds, note = hidden
                results = without_kinds(results, kinds, note)
        return results

    def show_results(self, results: SearchResults) -> None:
        """Show `results`: the first rows now, the rest a few at a time in the next passes of
        the event loop (each row's snippet is laid out as rich text: forty at once would
        hold up the keys typed meanwhile)."""
        self.results = results
        self._clear_rows()
        self.status.setWordWrap(True)
        if not results.hits:
            self.status.setText(results.note or "No results. Try fewer or shorter words.")
        elif results.fuzzy:
            self.status.setText("No exact matches. Did you mean:")
        else:
            count = len(results.hits)
            self.status.setText(" ".join(filter(None, (
                f"{count} result{'s' if count != 1 else ''} · Enter opens, Esc closes.",
                results.note))))
        rows = []
        for kind, hits in results.by_kind().items():
            header = QListWidgetItem(KIND_LABELS.get(kind, kind).upper() + "S")
            header.setData(ROLE_HEADER, True)
            header.setData(ROLE_HTML, f"<small><b>{escape(KIND_LABELS.get(kind, kind))}s</b>"
                                      "</small>")
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            rows.append(header)
            for hit in hits:
                item = QListWidgetItem(hit.title)
                item.setData(ROLE_KIND, hit.kind)
                item.setData(ROLE_ID, hit.item_id)
                snippet = f"<br><small>{self._marks(hit.snippet)}</small>" if hit.snippet else ""
                item.setData(ROLE_HTML, f"<b>{escape(hit.title)}</b>{snippet}")
                item.setToolTip(tooltip(f"{KIND_LABELS.get(kind, kind)}: {hit.title}"))
                rows.append(item)
        self._queued_rows = rows
        self._add_rows()
        self.reposition()
        self.show()
        self.raise_()

    def _add_rows(self) -> None:
        """Add the next few queued rows (the first result becomes the current row)."""
        chunk, self._queued_rows = (self._queued_rows[:self.ROWS_PER_PASS],
                                    self._queued_rows[self.ROWS_PER_PASS:])
        for item in chunk:
            self.list.addItem(item)
        if self.list.currentItem() is None:
            first = next((item for item in chunk if not item.data(ROLE_HEADER)), None)
            if first is not None:
                self.list.setCurrentItem(first)
        if self._queued_rows:
            self.fill_timer.start()

    def _clear_rows(self) -> None:
        self.fill_timer.stop()
        self._queued_rows = []
        self.list.clear()

    def _marks(self, snippet: str) -> str:
        """Qt rich text has no <mark>: draw highlights as coloured spans."""
        colors = self.colors_fn() if self.colors_fn else None
        bg, fg = (colors.mark_bg, colors.mark_text) if colors else ("#ffe27a", "#000000")
        return snippet.replace("<mark>", f'<span style="background-color:{bg}; color:{fg}">')\
            .replace("</mark>", "</span>")

    def reposition(self) -> None:
        parent = self.parentWidget()
        top_left = self.field.mapTo(parent, self.field.rect().bottomLeft())
        width = max(self.field.width(), min(560, parent.width() - 20))
        x = min(top_left.x(), parent.width() - width - 10)
        height = min(parent.height() - top_left.y() - 20, 460)
        self.setGeometry(max(x, 10), top_left.y() + 2, width, max(height, 120))

    # -- keyboard ----------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                if not self.isVisible() and self.field.text().strip():
                    self.run_search()
                    return True
                self.move_selection(key)
                return True
            if key == Qt.Key.Key_Escape and (self.isVisible() or self.searching):
                self.timer.stop()
                self._stop_waiting()
                self.hide()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return True  # Ctrl+Enter (finish an exam) never opens a search result
        if obj is self.field and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(150, self._hide_if_unfocused)
        return False

    def _hide_if_unfocused(self) -> None:
        if not self.field.hasFocus():
            self.timer.stop()
            self._stop_waiting()  # results arriving now would cover the view chosen instead
            self.hide()

    def selectable_rows(self) -> list[int]:
        return [r for r in range(self.list.count()) if not self.list.item(r).data(ROLE_HEADER)]

    def move_selection(self, key) -> None:
        rows = self.selectable_rows()
        if not rows:
            return
        current = self.list.currentRow()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                Qt.Key.Key_PageUp: -5}[key]
        position = rows.index(current) if current in rows else -1
        position = min(max(position + step, 0), len(rows) - 1)
        self.list.setCurrentRow(rows[position])
        self.list.scrollToItem(self.list.currentItem())

    def activate_current(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.run_search()
        if self.searching:
            self._open_when_ready = True  # Enter before the results: open the first then
            return
        item = self.list.currentItem()
        if item is None or item.data(ROLE_HEADER):
            rows = self.selectable_rows()
            item = self.list.item(rows[0]) if rows else None
        if item is not None:
            self._activate_item(item)

    def _activate_item(self, item: QListWidgetItem) -> None:
        if item.data(ROLE_HEADER):
            return
        kind, item_id = item.data(ROLE_KIND), item.data(ROLE_ID)
        self.hide()
        self.timer.stop()
        self._stop_waiting()
        self.field.clear()  # the next search starts afresh, not from the old query
        self._clear_rows()
        self.result_activated.emit(kind, item_id)
