"""The glossary dock: search box, category filter, the list of terms and the chosen entry.

The panel sits beside every view (left, right or floating) and keeps its place while the views
change: search text, category, the entry shown and the Back/Forward history of terms visited.
Its widgets are built the first time it is shown and the list is filled just after the first
paint, so start-up never pays for the glossary. Lookup, linking and "Used in" live in the
Qt-free core (`desktop.core.glossary`: `index`, `linker`, `usage`, `entry`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.glossary import services
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.safe_text import tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
HISTORY_LIMIT = 100


class _FilterField(QLineEdit):
    """The search box: Down moves into the list, Enter opens the best match."""

    moved_down = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.moved_down.emit()
            return
        super().keyPressEvent(event)


class _PanelBody(QWidget):
    """The dock's contents; asks for about 30 characters of width when first docked, but no
    more than a third of the window (at large text the view beside it keeps its room)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        want = max(hint.width(), self.fontMetrics().horizontalAdvance("M") * 30)
        window = self.window()
        if window is not self and window.width() > 0:
            want = min(want, window.width() // 3)
        return QSize(max(want, self.minimumSizeHint().width()), hint.height())


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
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.current_term = ""
        self.history: list[str] = []
        self.history_index = -1
        self.hits: list = []
        self._expanded: set[str] = set()
        self._built = False
        self._loaded = False
        self._stale = False

    # -- construction (on first show) --------------------------------------------------------

    def _build(self) -> None:
        """Create the panel's widgets the first time it is shown (not at start-up)."""
        if self._built:
            return
        self._built = True
        from desktop.widgets.rich_text import RichTextBrowser

        body = _PanelBody()
        body.setObjectName("glossary_body")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)

        top = QHBoxLayout()
        top.setSpacing(4)
        style = self.style()
        self.back_button = QToolButton()
        self.back_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.back_button.setAccessibleName("Previous term")
        self.back_button.setToolTip("Back to the previous term (Backspace in the list or entry)")
        self.back_button.clicked.connect(self.go_back)
        self.forward_button = QToolButton()
        self.forward_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.forward_button.setAccessibleName("Next term")
        self.forward_button.setToolTip("Forward to the next term (Shift+Backspace)")
        self.forward_button.clicked.connect(self.go_forward)
        self.filter = _FilterField()
        self.filter.setPlaceholderText("Find a term (Ctrl+Shift+G)…")
        self.filter.setAccessibleName("Find a glossary term")
        self.filter.setAccessibleDescription(
            "Type a term, abbreviation or synonym; typos are forgiven. Down to go to the "
            "list, Enter to open the best match")
        self.filter.setClearButtonEnabled(True)
        top.addWidget(self.back_button)
        top.addWidget(self.forward_button)
        top.addWidget(self.filter, 1)

        self.category = QComboBox()
        # shrinks with the panel, so the count beside it is never pushed out of sight
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(10)
        self.category.setAccessibleName("Glossary category")
        self.category.setToolTip("Show the terms of one category")
        # As wide as the panel allows, not as its longest category: the panel must fit beside
        # a view at 200% text on a small screen.
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(8)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.count_label.setAccessibleName("Number of terms shown")
        row = QHBoxLayout()
        row.addWidget(self.category, 1)
        row.addWidget(self.count_label)

        self.list = QListWidget()
        self.list.setAccessibleName("Glossary terms")
        self.list.setUniformItemSizes(True)
        self.entry = RichTextBrowser(self.ctx, accessible_name="Glossary entry")
        self.entry.anchorClicked.connect(self._panel_link)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("glossary_splitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.entry)
        # both share a change of height (the entry twice as much): a short panel at large
        # text kept the list's 220 pixels and left the entry, and its structure drawing, a
        # strip of about 100 pixels
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([220, 420])
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addWidget(self.splitter, 1)
        from desktop.quiz.glossary_reviews import GlossaryReviewRow  # "Add to my reviews"

        self.reviews_row = GlossaryReviewRow(self.ctx)
        layout.addWidget(self.reviews_row)
        self.setWidget(body)

        # Explicit relative fonts: Ctrl+= / Ctrl+- reach these widgets through rescale_fonts
        # (with the app stylesheet active, the application font alone does not reach them).
        for widget in (self, self.back_button, self.forward_button, self.filter, self.category,
                       self.count_label, self.list, self.entry):
            set_relative_font(widget, 1.0)

        self.filter.textChanged.connect(self._refilter)
        self.filter.returnPressed.connect(self._open_first)
        self.filter.moved_down.connect(self._focus_list)
        self.category.currentIndexChanged.connect(self._refilter)
        self.list.currentItemChanged.connect(self._item_changed)
        self.list.itemActivated.connect(lambda item: self.entry.setFocus())
        for widget in (self.list, self.entry):
            back = QShortcut(QKeySequence(Qt.Key.Key_Backspace), widget, self.go_back)
            back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            forward = QShortcut(QKeySequence("Shift+Backspace"), widget, self.go_forward)
            forward.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_history_buttons()

    def ensure_loaded(self) -> None:
        """Build the widgets and fill the list (once)."""
        self._build()
        if self._loaded:
            return
        self._loaded = True
        from desktop.core.glossary.entry import category_label

        index = self.index
        self.category.blockSignals(True)
        self.category.addItem(f"All categories ({len(index)})", "")
        for name, count in sorted(index.categories().items(),
                                  key=lambda kv: category_label(kv[0])):
            self.category.addItem(f"{category_label(name)} ({count})", name)
        self.category.blockSignals(False)
        # the count keeps the width of its longest text ("221 of 221"), so it is never
        # squeezed out of sight beside the category list
        metrics = self.count_label.fontMetrics()
        total = len(index)
        self.count_label.setMinimumWidth(max(
            metrics.horizontalAdvance(text) for text in
            (f"{total} of {total}", f"{total} terms", "no match")) + 2)
        self._refilter()
        layout = self.widget().layout()  # laid out while empty: share the row again
        layout.invalidate()
        layout.activate()
        if self.current_term:
            self._render()

    @property
    def index(self):
        return services.glossary_index(self.ctx)

    def showEvent(self, event) -> None:
        self._build()
        # Filled just after it is shown, so a visible panel does not delay the first paint.
        QTimer.singleShot(0, self._after_show)
        super().showEvent(event)

    def _after_show(self) -> None:
        self.ensure_loaded()
        if self._stale:
            self._render()

    # -- the list ----------------------------------------------------------------------------

    def selected_category(self) -> str:
        return self.category.currentData() or "" if self._built else ""

    def set_category(self, category: str) -> None:
        """Show only the terms of `category` ("" for all)."""
        self.ensure_loaded()
        row = self.category.findData(category)
        self.category.setCurrentIndex(max(row, 0))

    def _refilter(self, *_args) -> None:
        if not self._loaded:
            return
        from desktop.core.glossary.entry import missing_abbreviations

        text = self.filter.text()
        category = self.selected_category()
        self.hits = self.index.lookup(text, category or None)
        terms = self.index.terms
        self.list.blockSignals(True)
        self.list.clear()
        for hit in self.hits:
            term = terms[hit.term_id]
            label = term.term
            extra = missing_abbreviations(term)
            if extra:
                label += f" ({extra[0]})"
            if hit.how not in ("all", "definition") and hit.name.casefold() not in \
                    label.casefold():
                label += f"  · {hit.name}"
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, term.id)
            item.setToolTip(tooltip(term.short_definition + (f"\n(content pack: {term.pack})"
                                                             if term.pack else "")))
            self.list.addItem(item)
            if term.id == self.current_term:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        total = len(self.index.all(category or None))
        if not self.hits:
            self.count_label.setText("no match")
        elif len(self.hits) == total and not text.strip():
            self.count_label.setText(f"{total} terms")
        else:
            self.count_label.setText(f"{len(self.hits)} of {total}")
        # the deck buttons ("Add all N terms", "Study the category") follow the category
        self.reviews_row.set_term(self.current_term, category)

    def result_ids(self) -> list[str]:
        """Ids of the terms listed, in order."""
        return [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]

    def _open_first(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)
            self.show_term(self.list.item(0).data(ID_ROLE))

    def _focus_list(self) -> None:
        if not self.list.count():
            return
        self.list.setFocus(Qt.FocusReason.TabFocusReason)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)

    def _item_changed(self, current, _previous) -> None:
        if current is not None:
            self.show_term(current.data(ID_ROLE))

    # -- the entry ---------------------------------------------------------------------------

    def show_term(self, term_id: str, record: bool = True) -> bool:
        """Show one term's entry; False when there is no such term."""
        if not self._loaded and not self.isVisible():
            # Hidden and never opened (restoring the last session's term): nothing is built
            # now; the term is checked and rendered when the panel is first shown.
            self.current_term = term_id
            if record:
                self._record(term_id)
            self._stale = True
            return True
        term = self.index.term(term_id)
        if term is None:
            return False
        if term_id != self.current_term:
            self._expanded.clear()
        self.current_term = term_id
        if record:
            self._record(term_id)
        if self.isVisible() and self._built:
            self._render()
        else:
            self._stale = True  # rendered when the panel is next shown
        self.term_shown.emit(term_id)
        return True

    def _render(self) -> None:
        from desktop.core.glossary.entry import entry_html

        self._stale = False
        term = self.index.term(self.current_term)
        if term is None:  # a remembered term that the content no longer has
            self.history = [t for t in self.history if t != self.current_term]
            self.history_index = len(self.history) - 1
            self.current_term = ""
            self._update_history_buttons()
            return
        self._build()
        usage_service = services.term_usage(self.ctx)
        usage = usage_service.used_in(term.id) if usage_service._index is not None else None
        html = entry_html(term, self.index.terms, self.ctx.content.reference, usage,
                          frozenset(self._expanded))
        html = self.ctx.link_terms(html, skip=(term.id,))
        self.entry.set_content(self._with_structure(term.id, html))
        self.reviews_row.set_term(term.id, self.selected_category())
        self.entry.verticalScrollBar().setValue(0)
        self._select_in_list(term.id)
        if usage is None:
            QTimer.singleShot(0, self._fill_usage)

    def _with_structure(self, term_id: str, html: str) -> str:
        """A drug's or a ring's entry shows its structure drawing after the headword."""
        from desktop.chemistry.structure_widget import (
            legible_width,
            structure_figure_html,
            structure_for_term,
        )

        structure = structure_for_term(self.ctx.content, term_id)
        if structure is None:
            return html
        # Thalidomide as wide as 16 lines of text are tall, larger molecules wider at the same
        # bond length, but never wider than the entry pane.
        width = max(120, legible_width(structure, round(self.entry.fontMetrics().height() * 16),
                                       self.entry.viewport().width() - 24))
        figure = structure_figure_html(self.ctx, structure, width)
        head_end = html.find("</h2>")
        if head_end < 0:
            return figure + html
        return html[:head_end + 5] + figure + html[head_end + 5:]

    def _fill_usage(self) -> None:
        services.term_usage(self.ctx).used_in(self.current_term)  # builds the index once
        if self.current_term:
            position = self.entry.verticalScrollBar().value()
            self._render()
            self.entry.verticalScrollBar().setValue(position)

    def used_in(self, term_id: str) -> dict:
        """kind -> usages of `term_id` (documents, events, questions)."""
        return services.term_usage(self.ctx).used_in(term_id)

    def _select_in_list(self, term_id: str) -> None:
        current = self.list.currentItem()
        if current is not None and current.data(ID_ROLE) == term_id:
            return
        self.list.blockSignals(True)
        self.list.setCurrentItem(None)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == term_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                break
        self.list.blockSignals(False)

    def _panel_link(self, url: QUrl) -> None:
        """The entry's own links: show all usages of a kind, or filter by category."""
        text = url.toString()
        scheme, _, rest = text.partition(":")
        if scheme != "glossary":
            return
        action, _, value = rest.partition("/")
        if action == "more":
            self._expanded.add(value)
            position = self.entry.verticalScrollBar().value()
            self._render()
            self.entry.verticalScrollBar().setValue(position)
        elif action == "category":
            self.set_category(value)

    # -- history -----------------------------------------------------------------------------

    def _record(self, term_id: str) -> None:
        if 0 <= self.history_index < len(self.history) and \
                self.history[self.history_index] == term_id:
            return
        del self.history[self.history_index + 1:]
        self.history.append(term_id)
        del self.history[:-HISTORY_LIMIT]
        self.history_index = len(self.history) - 1
        self._update_history_buttons()

    def can_go_back(self) -> bool:
        return self.history_index > 0

    def can_go_forward(self) -> bool:
        return self.history_index < len(self.history) - 1

    def go_back(self) -> None:
        """Show the term visited before this one."""
        if self.can_go_back():
            self.history_index -= 1
            self.show_term(self.history[self.history_index], record=False)
            self._update_history_buttons()

    def go_forward(self) -> None:
        """Show the term visited after this one (after going back)."""
        if self.can_go_forward():
            self.history_index += 1
            self.show_term(self.history[self.history_index], record=False)
            self._update_history_buttons()

    def _update_history_buttons(self) -> None:
        if self._built:
            self.back_button.setEnabled(self.can_go_back())
            self.forward_button.setEnabled(self.can_go_forward())

    def focus_filter(self) -> None:
        self.ensure_loaded()
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()
