"""Statistics and study plan: per-item statistics ("hardest for me"), weak areas with what to
read and a one-click practice, and the week's plan.

Three tabs (Ctrl+Tab moves between them):

- My items: every item answered or scheduled, sortable by attempts, % correct, last seen,
  FSRS difficulty and stability; "Hardest for me" keeps the ones missed most. Enter or a
  double click practises the selected item.
- Weak areas: topics and learning objectives, weakest first, with accuracy in the last 30
  days and in spaced review; the notes, events and terms the area's questions cite (Enter
  opens one) and "Practise this area".
- Study plan: cards due each day this week and the minutes they should take, from the
  student's own answer times; topics not started yet (Enter starts ten questions).

Passive: the Qt-free figures come from `desktop.core.quiz.item_stats`, `weak_areas` and
`study_plan`; every text from content or the user is set as plain text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.content_format import TOPICS
from desktop.core.quiz.model import ITEM_TYPES
from desktop.widgets.fonts import set_relative_font

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_COLUMNS = ("Item", "Type", "Topic", "Attempts", "% correct", "Last seen",
                "FSRS difficulty", "Stability (days)")


def _cell(text: str, sort_value=None, item_id: str = "", tip: bool = False) -> QStandardItem:
    cell = QStandardItem(text)
    cell.setEditable(False)
    if tip:  # the whole text when the column is too narrow; escaped (tooltips take HTML)
        cell.setToolTip(f"<p>{html.escape(text, quote=False)}</p>")
    cell.setData(sort_value if sort_value is not None else text.casefold(), SORT_ROLE)
    if item_id:
        cell.setData(item_id, ID_ROLE)
    return cell


class InsightsPage(QWidget):
    """Signals:
        back_requested()
        practise_requested(list, str): item ids and a title for a practice session
        topic_requested(str): start ten questions of a topic not started yet
        settings_requested(): open the review settings
    """

    back_requested = Signal()
    practise_requested = Signal(list, str)
    topic_requested = Signal(str)
    settings_requested = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("quiz_insights_page")
        self.setAccessibleName("Statistics and study plan")
        self.areas = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 10)
        top = QHBoxLayout()
        heading = QLabel("Statistics and study plan")
        heading.setProperty("role", "heading")
        set_relative_font(heading, 1.3, bold=True)
        self.back_button = QPushButton("Back to the quiz")
        self.back_button.setAccessibleName("Back to the quiz")
        self.back_button.clicked.connect(self.back_requested)
        self.settings_button = QPushButton("Review settings…")
        self.settings_button.setAccessibleName("Review settings")
        self.settings_button.setToolTip("Desired retention, maximum interval, new cards per "
                                        "day, and Optimize")
        self.settings_button.clicked.connect(self.settings_requested)
        # At large text in a small window the heading wraps and the buttons go under each
        # other, so the page is never wider than the window.
        heading.setWordWrap(True)
        from desktop.widgets.flow_layout import flow_container

        top.addWidget(heading, 1)
        top.addWidget(flow_container([self.settings_button, self.back_button],
                                     align_right=True), 1)
        outer.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Statistics tabs")
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._items_tab(), "My items")
        self.tabs.addTab(self._areas_tab(), "Weak areas")
        self.tabs.addTab(self._plan_tab(), "Study plan")

    # -- my items ------------------------------------------------------------------------------

    def _items_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.items_summary = QLabel()
        self.items_summary.setWordWrap(True)
        self.hardest_box = QCheckBox("&Hardest for me only")
        self.hardest_box.setAccessibleName("Hardest for me only")
        self.hardest_box.setToolTip("Items answered at least twice, the ones you miss most "
                                    "first")
        self.hardest_box.toggled.connect(self._fill_items)
        row.addWidget(self.items_summary, 1)
        row.addWidget(self.hardest_box)
        layout.addLayout(row)
        self.items_model = QStandardItemModel(0, len(ITEM_COLUMNS), self)
        self.items_model.setHorizontalHeaderLabels(list(ITEM_COLUMNS))
        self.items_proxy = QSortFilterProxyModel(self)
        self.items_proxy.setSourceModel(self.items_model)
        self.items_proxy.setSortRole(SORT_ROLE)
        self.items_table = QTableView()
        self.items_table.setObjectName("quiz_items_table")
        self.items_table.setAccessibleName("My items")
        self.items_table.setModel(self.items_proxy)
        self.items_table.setSortingEnabled(True)
        self.items_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_table.setWordWrap(False)
        header = self.items_table.horizontalHeader()
        # The item's text gets what the figures leave, but never less than a readable width
        # (the table scrolls sideways instead); see `_fit_item_column`.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column in range(1, len(ITEM_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(self._on_section_resized)
        self.items_table.viewport().installEventFilter(self)
        self.items_table.verticalHeader().hide()
        self.items_table.activated.connect(self._practise_item)
        layout.addWidget(self.items_table, 1)
        hint = QLabel("Click a column heading to sort. Enter or a double click practises the "
                      "item (your schedule is not changed).")
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self._stats = []
        return tab

    def _fill_items(self) -> None:
        from desktop.core.quiz.item_stats import hardest

        stats = hardest(self._stats, limit=50) if self.hardest_box.isChecked() else self._stats
        model = self.items_model
        model.removeRows(0, model.rowCount())
        for s in stats:
            percent = s.percent
            model.appendRow([
                _cell(s.title, item_id=s.item_id, tip=True),
                _cell(ITEM_TYPES.get(s.type, s.type)),
                _cell(TOPICS.get(s.topic, s.topic)),
                _cell(str(s.attempts), s.attempts),
                _cell(f"{percent}%" if percent is not None else "–",
                      percent if percent is not None else -1),
                _cell(s.last_seen or "–", s.last_seen),
                _cell(f"{s.difficulty:.1f}" if s.difficulty is not None else "–",
                      s.difficulty if s.difficulty is not None else -1.0),
                _cell(f"{s.stability:.1f}" if s.stability is not None else "–",
                      s.stability if s.stability is not None else -1.0),
            ])
        if self.hardest_box.isChecked():
            self.items_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep its order
            self.items_proxy.sort(-1)
        answered = sum(1 for s in self._stats if s.attempts)
        self.items_summary.setText(
            f"{answered} item{'s' if answered != 1 else ''} answered, "
            f"{sum(1 for s in self._stats if s.difficulty is not None)} with a review card."
            if self._stats else "Nothing answered yet: your items appear here as you study.")

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column:  # a figure column grew or shrank with its contents
            self._fit_item_column()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.items_table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_item_column()
        return super().eventFilter(watched, event)

    def _fit_item_column(self) -> None:
        """The Item column fills the width the figure columns leave, and is at least about
        28 characters wide so what each row is stays readable at any size."""
        header = self.items_table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(1, len(ITEM_COLUMNS)))
        room = self.items_table.viewport().width() - others
        least = self.items_table.fontMetrics().averageCharWidth() * 28
        width = max(room, least)
        if header.sectionSize(0) != width:
            header.resizeSection(0, width)

    def _practise_item(self, index) -> None:
        item_id = self.items_proxy.index(index.row(), 0).data(ID_ROLE)
        if item_id:
            self.practise_requested.emit([item_id], "Practise this item")

    # -- weak areas ----------------------------------------------------------------------------

    def _areas_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.areas_summary = QLabel()
        self.areas_summary.setWordWrap(True)
        layout.addWidget(self.areas_summary)
        # Areas above their details: full-width rows stay readable at large text sizes.
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.areas_list = QListWidget()
        self.areas_list.setObjectName("quiz_weak_areas")
        self.areas_list.setAccessibleName("Areas, weakest first")
        self.areas_list.setWordWrap(True)
        self.areas_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.areas_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.areas_list.currentRowChanged.connect(self._show_area)
        splitter.addWidget(self.areas_list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 6, 0, 0)
        self.area_title = QLabel()
        self.area_title.setWordWrap(True)
        self.area_title.setTextFormat(Qt.TextFormat.PlainText)
        set_relative_font(self.area_title, 1.1, bold=True)
        self.area_figures = QLabel()
        self.area_figures.setWordWrap(True)
        self.area_figures.setTextFormat(Qt.TextFormat.PlainText)
        self.practise_button = QPushButton("Practise this area")
        self.practise_button.setAccessibleName("Practise this area")
        self.practise_button.setToolTip("A practice session on this area's questions, the "
                                        "missed ones first (your schedule is not changed)")
        self.practise_button.clicked.connect(self._practise_area)
        reading_label = QLabel("&Read before you practise:")
        self.reading_list = QListWidget()
        self.reading_list.setObjectName("quiz_reading_list")
        self.reading_list.setAccessibleName("Reading list")
        self.reading_list.setWordWrap(True)
        self.reading_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.reading_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reading_list.itemActivated.connect(self._open_reading)
        reading_label.setBuddy(self.reading_list)
        right_layout.addWidget(self.area_title)
        right_layout.addWidget(self.area_figures)
        right_layout.addWidget(self.practise_button, 0, Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(reading_label)
        right_layout.addWidget(self.reading_list, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        return tab

    def _fill_areas(self) -> None:
        self.areas_list.clear()
        weak = [a for a in self.areas if a.weak]
        if not self.areas:
            self.areas_summary.setText("Nothing answered yet. Weak areas appear once you have "
                                       "answered a few questions on a topic.")
        elif not weak:
            self.areas_summary.setText("No weak area: every topic and objective you answered "
                                       "three times or more is at 70% or better. All areas "
                                       "are listed, lowest first.")
        else:
            self.areas_summary.setText(
                f"{len(weak)} weak area{'s' if len(weak) != 1 else ''} (under 70% right over "
                "three answers or more), weakest first, then the others.")
        for area in self.areas:
            kind = "Topic" if area.kind == "topic" else "Objective"
            mark = "⚠ " if area.weak else ""
            entry = QListWidgetItem(f"{mark}{kind}: {area.label} — {area.percent}% of "
                                    f"{area.attempts}")
            entry.setData(Qt.ItemDataRole.AccessibleTextRole,
                          f"{'Weak ' if area.weak else ''}{kind.lower()} {area.label}, "
                          f"{area.percent} percent right of {area.attempts} answers")
            self.areas_list.addItem(entry)
        if self.areas:
            self.areas_list.setCurrentRow(0)
        else:
            self._show_area(-1)

    def _show_area(self, row: int) -> None:
        self.reading_list.clear()
        if not 0 <= row < len(self.areas):
            self.area_title.setText("")
            self.area_figures.setText("")
            self.practise_button.setEnabled(False)
            return
        from desktop.core.quiz.weak_areas import accuracy_by_week, reading_list

        area = self.areas[row]
        self.area_title.setText(area.label)
        figures = [f"{area.correct} of {area.attempts} answers right ({area.percent}%)"]
        if area.recent_percent is not None:
            figures.append(f"last 30 days: {area.recent_percent}%")
        if area.retention is not None:
            figures.append(f"kept in spaced review: {area.retention}% of {area.reviews}")
        weeks = accuracy_by_week(self.ctx.user, area.question_ids)
        if len(weeks) > 1:
            trend = ", ".join(f"{w[-3:]} {round(100 * r / n)}%" for w, n, r in weeks[-6:])
            figures.append(f"by week: {trend}")
        self.area_figures.setText(" · ".join(figures))
        self.practise_button.setEnabled(bool(area.question_ids))
        reading = reading_list(self.ctx, area)
        for kind, label, entries in (("document", "Note", reading.documents),
                                     ("event", "Event", reading.events),
                                     ("term", "Term", reading.terms)):
            for item_id, title, count in entries[:8]:
                shown = title if "note" in title.split(":")[0].lower() else \
                    f"{label}: {title}"  # study notes are titled "Study note: ..."
                entry = QListWidgetItem(shown)
                entry.setData(ID_ROLE, (kind, item_id))
                entry.setToolTip("Cited or linked by this area's questions (weight "
                                 f"{count}; missed ones count double). Enter opens it.")
                self.reading_list.addItem(entry)
        if not self.reading_list.count():
            self.reading_list.addItem(QListWidgetItem("Nothing to read is linked from these "
                                                      "questions."))

    def _practise_area(self) -> None:
        row = self.areas_list.currentRow()
        if 0 <= row < len(self.areas):
            area = self.areas[row]
            ids = list(area.missed_ids) + [i for i in area.question_ids
                                           if i not in area.missed_ids]
            self.practise_requested.emit(ids[:20], f"Practise: {area.label}")

    def _open_reading(self, entry: QListWidgetItem) -> None:
        target = entry.data(ID_ROLE)
        if target:
            self.ctx.navigator.open(*target)

    # -- study plan ----------------------------------------------------------------------------

    def _plan_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.plan_summary = QLabel()
        self.plan_summary.setWordWrap(True)
        layout.addWidget(self.plan_summary)
        self.plan_table = QTableWidget(0, 4)
        self.plan_table.setObjectName("quiz_plan_table")
        self.plan_table.setAccessibleName("Due this week")
        self.plan_table.setHorizontalHeaderLabels(["Day", "Due", "New", "Minutes"])
        self.plan_table.verticalHeader().hide()
        self.plan_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plan_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.plan_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.plan_table, 1)
        label = QLabel("&Topics not started (Enter starts ten questions):")
        self.topics_list = QListWidget()
        self.topics_list.setObjectName("quiz_topics_not_started")
        self.topics_list.setAccessibleName("Topics not started")
        self.topics_list.itemActivated.connect(
            lambda entry: self.topic_requested.emit(entry.data(ID_ROLE) or ""))
        label.setBuddy(self.topics_list)
        lines = self.topics_list.fontMetrics().height() + 6
        self.topics_list.setMaximumHeight(7 * lines)
        layout.addWidget(label)
        layout.addWidget(self.topics_list)
        return tab

    def _fill_plan(self, plan) -> None:
        self.plan_table.setRowCount(len(plan.days))
        for row, day in enumerate(plan.days):
            name = "Today" if row == 0 else day.day.strftime("%a %d %b")
            for column, text in enumerate((name, str(day.due), str(day.new),
                                           f"{day.minutes:g}")):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.plan_table.setItem(row, column, cell)
        basis = (f"your median answer time of {plan.seconds_per_card:.0f} s"
                 if plan.own_times else
                 f"{plan.seconds_per_card:.0f} s a card until you have answer times of your "
                 "own")
        self.plan_summary.setText(
            f"This week: {plan.week_cards} card{'s' if plan.week_cards != 1 else ''}, about "
            f"{round(plan.week_minutes)} minutes in all ({basis}).")
        self.topics_list.clear()
        for topic, label, available in plan.not_started:
            entry = QListWidgetItem(f"{label} ({available} items)")
            entry.setData(ID_ROLE, topic)
            self.topics_list.addItem(entry)
        if not plan.not_started:
            self.topics_list.addItem(QListWidgetItem("You have started every topic."))

    # -- refresh -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute every figure from the user database."""
        from desktop.core.quiz.item_stats import item_stats
        from desktop.core.quiz.recall_text import plain_stem
        from desktop.core.quiz.sources import resolve_question
        from desktop.core.quiz.study_plan import study_plan
        from desktop.core.quiz.weak_areas import areas

        user = self.ctx.user
        if user is None:
            return
        found: dict = {}

        def resolve(item_id: str):
            if item_id not in found:
                found[item_id] = resolve_question(self.ctx, item_id)
            return found[item_id]

        def title(item_id: str) -> str:
            question = resolve(item_id)
            text = plain_stem(question) if question is not None else item_id
            return text if len(text) <= 120 else text[:119].rstrip() + "…"

        self._stats = item_stats(user, title)
        self._fill_items()
        self.areas = areas(self.ctx, resolve=resolve)
        self._fill_areas()
        self._fill_plan(study_plan(self.ctx))

    def focus_target(self) -> QWidget:
        return self.tabs.currentWidget().focusWidget() or self.tabs
