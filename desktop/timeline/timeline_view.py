"""The Timeline view: seventy years of IMiD history, explorable and presentable.

Filters on top; the chart (`TimelineChart`) with its legend, the sortable list of the same
events under it, and the detail pane beside them; story mode on a second page. Everything
that is not drawing lives in `desktop.core.timeline` (`data`, `layout`, `story`, `export`;
Qt-free, tested without a display). This module imports pyqtgraph (via the
chart), so it is imported only when the view is first shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import Location
from desktop.core.render import escape
from desktop.core.timeline.data import (
    DRUG_KEYS,
    DRUG_LABELS,
    TimelineData,
    TimelineFilter,
    apply_filter,
    event_detail_html,
    questions_for_event,
    step,
    year_fraction_label,
)
from desktop.core.timeline.story import StoryScope
from desktop.timeline.detail_pane import EventDetailPane
from desktop.timeline.event_table import EventTable, EventTableModel
from desktop.timeline.filter_bar import FilterBar
from desktop.timeline.story_panel import StoryPanel
from desktop.timeline.timeline_chart import TimelineChart
from desktop.views import AtlasView
from desktop.widgets.fonts import rescale_fonts, set_relative_font
from desktop.widgets.safe_text import warn

#: "Quiz me on this" asks at most this many questions (those citing the event come first).
QUIZ_LIMIT = 20
IMAGE_FORMATS = ("png", "svg")
DATA_FORMATS = ("timelinejs", "csv")


class TimelineView(AtlasView):
    """The timeline.

    Signals:
        selection_changed(str): the selected event id ("" when none).
    """

    view_key = "timeline"
    selection_changed = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None, data: TimelineData | None = None):
        super().__init__(ctx, parent)
        self.setAccessibleName("Timeline")
        self.data = data or TimelineData.from_content(ctx.content)
        self.filter = TimelineFilter()
        self.result = apply_filter(self.data, self.filter)
        self.selected: str | None = None
        self._questions = None
        self._syncing = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 4)
        top = QHBoxLayout()
        self.second_row = QHBoxLayout()
        years = (int(self.data.extent()[0]), int(self.data.extent()[1]))
        self.filters = FilterBar(list(self.data.lanes), years)
        self.filters.filter_changed.connect(self.set_filter)
        top.addWidget(self.filters, 1)
        self.fit_button = QPushButton("Fit all")
        self.fit_button.setToolTip("Show the whole timeline (0)")
        self.story_button = QPushButton("Story mode")
        self.story_button.setObjectName("timeline_story_button")
        self.story_button.setToolTip("One large card per event; Right/Left or a clicker to move")
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setAccessibleName("Export the timeline")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction("Current view as PNG image…", lambda: self._export_dialog("png"))
        menu.addAction("Current view as SVG drawing…", lambda: self._export_dialog("svg"))
        menu.addSeparator()
        menu.addAction("Shown events as TimelineJS JSON…",
                       lambda: self._export_dialog("timelinejs"))
        menu.addAction("Shown events as CSV…", lambda: self._export_dialog("csv"))
        self.export_button.setMenu(menu)
        self.actions_box = QWidget()
        actions = QHBoxLayout(self.actions_box)
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.fit_button, self.story_button, self.export_button):
            actions.addWidget(button)
        top.addWidget(self.actions_box)
        self.first_row = top
        outer.addLayout(top)
        outer.addLayout(self.second_row)

        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.explore = QWidget()
        explore_layout = QVBoxLayout(self.explore)
        explore_layout.setContentsMargins(0, 0, 0, 0)
        self.h_split = QSplitter(Qt.Orientation.Horizontal)
        self.v_split = QSplitter(Qt.Orientation.Vertical)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(2)
        self.chart = TimelineChart()
        self.legend = QLabel()
        self.legend.setObjectName("timeline_legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        set_relative_font(self.legend, 0.9)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(self.legend)
        self.chart_layout = chart_layout
        self.model = EventTableModel(self.data, self)
        self.table = EventTable()
        self.table.setModel(self.model)
        self.v_split.addWidget(chart_box)
        self.v_split.addWidget(self.table)
        self.v_split.setStretchFactor(0, 3)
        self.v_split.setStretchFactor(1, 1)
        self.detail = EventDetailPane(ctx)
        self.bottom_tabs: QTabWidget | None = None
        self.h_split.addWidget(self.v_split)
        self.h_split.addWidget(self.detail)
        self.h_split.setStretchFactor(0, 3)
        self.h_split.setStretchFactor(1, 1)
        explore_layout.addWidget(self.h_split, 1)
        self.status = QLabel()
        self.status.setObjectName("timeline_status")
        self.status.setProperty("role", "muted")
        self.status.setAccessibleName("Timeline status")
        self.status.setWordWrap(True)  # long at large text: never widens the window
        explore_layout.addWidget(self.status)
        self.pages.addWidget(self.explore)
        self.story = StoryPanel(ctx, self.data)
        self.pages.addWidget(self.story)

        self.setTabOrder(self.chart, self.detail.browser)
        self.setTabOrder(self.detail.browser, self.detail.quiz_button)
        self.setTabOrder(self.detail.quiz_button, self.detail.story_button)
        self.setTabOrder(self.detail.story_button, self.detail.close_button)
        self.setTabOrder(self.detail.close_button, self.table)

        self.chart.event_clicked.connect(lambda eid: self.select(eid, open_details=True))
        self.chart.step_requested.connect(self.step_selection)
        self.chart.activate_requested.connect(self.open_details)
        self.chart.layout_changed.connect(self._schedule_status)
        self.chart.view_box.sigXRangeChanged.connect(self._schedule_status)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.table.activated.connect(lambda _index: self.open_details())
        self.fit_button.clicked.connect(self.chart.fit_all)
        self.story_button.clicked.connect(lambda: self.enter_story())
        self.detail.close_requested.connect(self.close_details)
        # Esc closes the details from the chart or the list too, as the Close button's tip
        # says (story mode has its own Esc, on its own page).
        close_details = QShortcut(QKeySequence("Esc"), self.explore, self._escape_details)
        close_details.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.detail.quiz_requested.connect(self.quiz_me)
        self.detail.story_requested.connect(lambda eid: self.enter_story(at=eid))
        self.story.closed.connect(self.leave_story)
        self.story.event_shown.connect(lambda eid: self.select(eid, reveal=False))
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(120)
        self._status_timer.timeout.connect(self._update_status)
        ctx.theme.theme_changed.connect(self._theme_changed)
        ctx.theme.font_scale_changed.connect(self._font_changed)

        self.chart.set_content(self.data, self.result, ctx.theme.colors)
        self.model.set_muted_color(self.palette().placeholderText().color())
        self.table.fit_columns()
        self._update_legend()
        self._update_status()

    # -- AtlasView ---------------------------------------------------------------------------

    def open_item(self, kind: str, item_id: str) -> bool:
        if kind == "era":
            era = next((e for e in self.data.eras if e.id == item_id), None)
            if era is None:
                return False
            self.leave_story()
            self.chart.zoom_to(*self.data.era_span(era))
            return True
        if kind != "event" or self.data.event(item_id) is None:
            return False
        if item_id not in self.result:
            self.filters.set_filter(TimelineFilter())  # show it even if filtered out
        self.leave_story()
        self.select(item_id, open_details=True)
        return True

    def current_item(self) -> tuple[str, str] | None:
        return ("event", self.selected) if self.selected else None

    def focus_target(self) -> QWidget:
        if self.pages.currentWidget() is self.story:
            return self.story.focus_target()
        return self.chart

    # -- filters -----------------------------------------------------------------------------

    def set_filter(self, filt: TimelineFilter) -> None:
        """Show the events `filt` keeps (and fade those after its "known by" year)."""
        self.filter = filt
        self.result = apply_filter(self.data, filt)
        self.chart.set_result(self.result)
        self.chart.set_known_by(filt.known_by)
        self.model.set_result(self.result, filt.known_by)
        story_scope = self.story.current_scope() if self.in_story() else None
        self.story.set_filtered(None if filt.is_default else self.result.visible,
                                filt.describe(), filt.known_by)
        if story_scope is not None:  # the filters stay on screen in story mode: follow them
            self.story.start(story_scope, at=self.story.current_event())
        if self.selected and self.selected not in self.result:
            self.select(None)
        elif self.selected:
            self._sync_table(self.selected)
            if self._details_open():
                self._show_details(self.selected)
        self._update_status()

    # -- selection ---------------------------------------------------------------------------

    def select(self, event_id: str | None, open_details: bool = False,
               reveal: bool = True) -> None:
        """Select an event everywhere: chart, table and (if open) the detail pane."""
        if event_id is not None and self.data.event(event_id) is None:
            return
        self.selected = event_id
        self.chart.set_selected(event_id, ensure_visible=reveal)
        self._sync_table(event_id)
        if event_id and (open_details or self._details_open()):
            self._show_details(event_id)
        elif event_id is None:
            self.detail.show_nothing()
        self.selection_changed.emit(event_id or "")
        self._schedule_status()

    def step_selection(self, direction: int) -> None:
        """Previous/next (-1/+1) or first/last (-2/+2) of the shown events in date order."""
        order = self.result.visible
        if direction in (-2, 2):
            target = (order[0] if direction < 0 else order[-1]) if order else None
        else:
            target = step(order, self.selected, direction)
        if target:
            self.select(target)

    def open_details(self) -> None:
        """Open the detail pane on the selection (the first shown event if none)."""
        if self.selected is None and self.result.visible:
            self.select(self.result.visible[0])
        if self.selected:
            self._show_details(self.selected)

    def _details_open(self) -> bool:
        return self.bottom_tabs is not None or not self.detail.isHidden()

    def _escape_details(self) -> None:
        if self.bottom_tabs is not None and self.bottom_tabs.currentWidget() is self.detail \
                or self.bottom_tabs is None and self.detail.isVisible():
            self.close_details()

    def close_details(self) -> None:
        if self.bottom_tabs is not None:
            self.bottom_tabs.setCurrentWidget(self.table)
        else:
            self.detail.hide()
        self.chart.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_details(self, event_id: str) -> None:
        event = self.data.event(event_id)
        content = self.ctx.content
        era = self.data.era_of(event)
        sources = [content.reference(r) or r for r in event.sources]
        terms = []
        for term_id in event.terms:
            term = content.term(term_id)
            terms.append((term_id, term.term if term else term_id))
        html = event_detail_html(
            event, lane_label=self.data.lane_label(event.lane),
            era_name=era.name if era else "", sources=sources, terms=terms,
            render_markdown=self.ctx.render_markdown,
            dimmed_by=self.filter.known_by if event_id in self.result.dimmed else None)
        self.detail.show_event(event_id, html, len(self.questions_for(event_id)))
        self.ctx.navigator.read(Location(self.view_key, "event", event_id))  # File > Recent
        if self.bottom_tabs is not None:
            self.bottom_tabs.setCurrentWidget(self.detail)
        elif self.detail.isHidden():  # closed by the user: open it again
            self.detail.show()

    def _sync_table(self, event_id: str | None) -> None:
        selection = self.table.selectionModel()
        self._syncing = True
        try:
            if event_id is None:
                selection.clearSelection()
                return
            index = self.model.index(self.model.row_of(event_id), 0)
            if index.isValid():
                flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)
                selection.setCurrentIndex(index, flags)
                self.table.scrollTo(index)
        finally:
            self._syncing = False

    def _table_row_changed(self, current, _previous) -> None:
        if self._syncing or not current.isValid():
            return
        event_id = self.model.event_at(current.row())
        if event_id and event_id != self.selected:
            self.select(event_id)

    def selected_table_event(self) -> str | None:
        """The event of the table's current row (for tests and screen readers)."""
        index = self.table.selectionModel().currentIndex()
        return self.model.event_at(index.row()) if index.isValid() else None

    def table_event_ids(self) -> list[str]:
        """Event ids in the table's current (sorted, filtered) order."""
        return self.model.event_ids()

    # -- quiz --------------------------------------------------------------------------------

    def questions_for(self, event_id: str) -> list[str]:
        """Ids of the questions citing the event or its sources (citing the event first)."""
        if self._questions is None:
            self._questions = self.ctx.content.questions()
        event = self.data.event(event_id)
        return questions_for_event(event, self._questions) if event else []

    def quiz_me(self, event_id: str) -> None:
        """Open a practice session on the questions about `event_id` in the quiz view."""
        ids = self.questions_for(event_id)[:QUIZ_LIMIT]
        if ids:
            self.ctx.navigator.open("question", ",".join(ids))

    # -- story -------------------------------------------------------------------------------

    def enter_story(self, scope: StoryScope | None = None, at: str | None = None) -> None:
        """Switch to story mode, at `at` (default: the selection) when the story has it."""
        if scope is None:
            scope = self.story.scopes[-1] if not self.filter.is_default else StoryScope()
        self.pages.setCurrentWidget(self.story)
        self.story.start(scope, at=at or self.selected)
        self.story.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def leave_story(self) -> None:
        if self.pages.currentWidget() is self.story:
            self.pages.setCurrentWidget(self.explore)
            if self.selected:
                self.chart.ensure_visible(self.selected)
            self.chart.setFocus(Qt.FocusReason.OtherFocusReason)

    def in_story(self) -> bool:
        return self.pages.currentWidget() is self.story

    # -- export ------------------------------------------------------------------------------

    def export_image(self, path: str | Path, fmt: str) -> str:
        """Write the chart as it is on screen to `path` as PNG or SVG; return a summary."""
        from desktop.core.files import write_atomically
        from desktop.timeline.chart_export import chart_png, chart_svg

        path = Path(path)
        if fmt == "png":
            write_atomically(path, chart_png(self.chart))
        elif fmt == "svg":
            x0, x1 = self.chart.view_range()
            description = (f"{len(self.result.visible)} events shown ({self.filter.describe()})"
                           f", {x0:.0f}–{x1:.0f}; exported from IMiD Atlas")
            write_atomically(path, chart_svg(self.chart, self.data.title, description))
        else:
            raise ValueError(f"images are exported as PNG or SVG, not {fmt!r}")
        x0, x1 = self.chart.view_range()
        return f"Saved the timeline view ({x0:.0f}–{x1:.0f}) to {path}."

    def export_events(self, path: str | Path, fmt: str) -> str:
        """Write the shown (filtered) events as TimelineJS JSON or CSV."""
        from desktop.core.timeline.export import export_data

        content = self.ctx.content
        return export_data(self.data, Path(path), fmt, self.result.visible,
                           lookup=content.reference,
                           as_of=content.meta.get("content_as_of", ""))

    def ask_save_path(self, title: str, default: str, filters: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, default, filters)
        return path or None

    def _export_dialog(self, fmt: str) -> None:
        suffix = {"timelinejs": "json"}.get(fmt, fmt)
        names = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)",
                 "timelinejs": "TimelineJS JSON (*.json)", "csv": "CSV (*.csv)"}
        default = str(self.ctx.atlas.paths.data_dir / f"imid-atlas-timeline.{suffix}")
        path = self.ask_save_path("Export the timeline", default, names[fmt])
        if not path:
            return
        try:
            if fmt in IMAGE_FORMATS:
                summary = self.export_image(path, fmt)
            else:
                summary = self.export_events(path, fmt)
        except OSError as exc:
            warn(self, "Export failed", f"Could not write {path}: {exc.strerror or exc}")
            return
        self.status.setText(summary)
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(summary, 6000)

    # -- look --------------------------------------------------------------------------------

    def _update_legend(self) -> None:
        c = self.ctx.theme.colors
        swatches = " ".join(
            f'<span style="color:{c.drugs[i]}">●</span>&nbsp;{escape(DRUG_LABELS[key])}'
            for i, key in enumerate(DRUG_KEYS))
        self.legend.setText(
            f"{swatches} &nbsp;·&nbsp; ○&nbsp;approximate &nbsp;·&nbsp; ▬&nbsp;period")
        self.legend.setToolTip(
            "Marker colour: the drug (the first one the event names). Hollow marker: an "
            "approximate date. Bar: a period with an end date. Faded: after the “known by” "
            "year.")
        self.legend.setAccessibleName(
            "Legend: marker colour shows the drug (" + ", ".join(
                DRUG_LABELS[k] for k in DRUG_KEYS) + "); hollow markers are approximate "
            "dates; bars are periods; faded events come after the known-by year")

    def _schedule_status(self, *_args) -> None:
        self._status_timer.start()

    def _update_status(self) -> None:
        shown = len(self.result.visible)
        total = len(self.data.events)
        labelled = len(self.chart.shown_labels())
        parts = [f"Showing {shown} of {total} events"]
        if self.filter.known_by is not None:
            parts.append(f"{len(self.result.dimmed)} faded (after {self.filter.known_by})")
        if self.chart.layout is not None:
            x0, x1 = self.chart.view_range()
            parts.append(f"{year_fraction_label(x0)} to {year_fraction_label(x1)} in view")
        parts.append(f"{labelled} headline{'s' if labelled != 1 else ''}"
                     + ("; zoom in for more" if labelled < shown else ""))
        self.status.setText(" · ".join(parts))

    def _theme_changed(self, colors) -> None:
        self.chart.set_colors(colors)
        self.model.set_muted_color(self.palette().placeholderText().color())
        self._update_legend()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange_toolbar()
        self._arrange_panes()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._arrange_toolbar()
        self._arrange_panes()

    def _arrange_toolbar(self) -> None:
        """Buttons beside the filters when they fit, else on a second row; when even the
        filters do not fit one row (large text, a narrow window), the "known by" slider goes
        under the others."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        first, known = self.filters.widths()
        spacing = self.first_row.spacing()
        self.filters.set_stacked(first + known + spacing > room)
        filters = max(first, known) if self.filters.stacked else first + known + spacing
        needed = filters + self.actions_box.sizeHint().width() + spacing
        in_first = self.first_row.indexOf(self.actions_box) >= 0
        if needed > room and in_first:
            self.first_row.removeWidget(self.actions_box)
            self.second_row.addStretch(1)
            self.second_row.addWidget(self.actions_box)
        elif needed <= room and not in_first:
            self.second_row.removeWidget(self.actions_box)
            while self.second_row.count():
                self.second_row.takeAt(0)
            self.first_row.addWidget(self.actions_box)

    def narrow(self) -> bool:
        """True when the text is large for the window (e.g. 200% on a laptop screen)."""
        return self.width() < self.fontMetrics().horizontalAdvance("M") * 75

    def _arrange_panes(self) -> None:
        """Wide: the list under the chart, the details beside both. Narrow (large text): the
        chart keeps the whole width and the details and the list share tabs under it."""
        narrow = self.narrow()
        if narrow == (self.bottom_tabs is not None):
            return
        if narrow:
            hidden = self.detail.isHidden()
            tabs = QTabWidget()
            tabs.setObjectName("timeline_bottom_tabs")
            tabs.setAccessibleName("Event details and list")
            tabs.addTab(self.detail, "&Details")
            tabs.addTab(self.table, "&Events")
            # the legend's two lines of large type go to a tab: the lanes keep the height
            self.chart_layout.removeWidget(self.legend)
            self.legend.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            tabs.addTab(self.legend, "&Key to colours")
            tabs.setCurrentWidget(self.table if hidden or self.selected is None
                                  else self.detail)
            if tabs.currentWidget() is self.detail:  # a page not on show stays hidden
                self.detail.show()
            self.detail.close_button.hide()  # the tab says what it is
            self.detail.title.hide()
            self.v_split.addWidget(tabs)
            self.bottom_tabs = tabs
            # the lanes keep their height: the tabs get what they need, the chart the rest
            # (and any height the window gains)
            self.v_split.setStretchFactor(0, 1)
            self.v_split.setStretchFactor(1, 0)
            self._give_chart_the_height()
            QTimer.singleShot(0, self._give_chart_the_height)  # once the layout has settled
        else:
            tabs, self.bottom_tabs = self.bottom_tabs, None
            on_details = tabs.currentWidget() is self.detail
            self.v_split.addWidget(self.table)
            self.table.show()  # a tab that was not current is hidden
            self.chart_layout.addWidget(self.legend)
            self.legend.show()
            self.h_split.addWidget(self.detail)
            tabs.setParent(None)
            tabs.deleteLater()
            self.detail.close_button.show()
            self.detail.title.show()
            self.detail.setVisible(on_details or self.selected is not None)
            total = self.h_split.width()
            side = max(self.fontMetrics().horizontalAdvance("M") * 26, total // 4)
            self.h_split.setSizes([max(total - side, 100), side])
            self.v_split.setStretchFactor(0, 3)
            self.v_split.setStretchFactor(1, 1)
            self.v_split.setSizes([self.v_split.height() * 3 // 4, self.v_split.height() // 4])
        rescale_fonts(self)  # moving widgets re-polishes them, which drops relative fonts

    def _give_chart_the_height(self) -> None:
        """In the narrow layout: the tabs under the chart at their least height."""
        if self.bottom_tabs is None:
            return
        total = sum(self.v_split.sizes())
        least = self.bottom_tabs.minimumSizeHint().height()
        self.v_split.setSizes([max(total - least, 0), least])

    def _font_changed(self, _scale: float) -> None:
        # The main window re-applies relative fonts first; the chart re-measures after it.
        QTimer.singleShot(0, self._refit_fonts)

    def _refit_fonts(self) -> None:
        self.chart.fonts_changed()
        self.table.fit_columns()
        self.filters.refit()
        self._arrange_toolbar()
        self._arrange_panes()
        self._schedule_status()
