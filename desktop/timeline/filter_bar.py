"""The timeline's filter bar: text, lanes, drugs and the "known by" year slider."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QToolButton,
    QWidget,
)

from desktop.core.timeline.data import DRUG_KEYS, DRUG_LABELS, TimelineFilter
from desktop.widgets.stay_open_menu import StayOpenMenu


class CheckMenuButton(QToolButton):
    """A button with a menu of checkable choices ("Lanes: all ▾").

    Signals:
        changed(): a choice was checked or unchecked.
    """

    changed = Signal()

    def __init__(self, title: str, choices: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(f"{title} filter")
        self.menu_ = StayOpenMenu(self)
        self.menu_.setAccessibleName(f"{title} to show")
        self.actions_: dict[str, QAction] = {}
        all_action = self.menu_.addAction("Show all")
        all_action.triggered.connect(self.select_all)
        self.menu_.addSeparator()
        for key, label in choices:
            action = self.menu_.addAction(label)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._toggled)
            self.actions_[key] = action
        self.setMenu(self.menu_)
        self._update_text()

    def selected(self) -> frozenset[str] | None:
        """The checked keys, or None when all are checked."""
        keys = frozenset(k for k, a in self.actions_.items() if a.isChecked())
        return None if len(keys) == len(self.actions_) else keys

    def set_selected(self, keys: frozenset[str] | None) -> None:
        for key, action in self.actions_.items():
            action.blockSignals(True)
            action.setChecked(keys is None or key in keys)
            action.blockSignals(False)
        self._update_text()
        self.changed.emit()

    def select_all(self) -> None:
        self.set_selected(None)

    def _toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        keys = self.selected()
        shown = "all" if keys is None else f"{len(keys)} of {len(self.actions_)}"
        self.setText(f"{self.title}: {shown}")
        self.setToolTip(f"Choose which {self.title.lower()} to show")


class FilterBar(QWidget):
    """Text, lanes, drugs and "known by" controls.

    Signals:
        filter_changed(TimelineFilter): after any control changed (text is debounced).
    """

    filter_changed = Signal(object)

    def __init__(self, lanes: list[tuple[str, str]], years: tuple[int, int], parent=None):
        super().__init__(parent)
        self.setObjectName("timeline_filters")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = layout
        self.stacked = False
        self.text = QLineEdit()
        self.text.setObjectName("timeline_filter_text")
        self.text.setPlaceholderText("Filter events…")
        self.text.setAccessibleName("Filter timeline events by text")
        self.text.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._debounce.start())
        self.text.returnPressed.connect(self._emit)
        self.lanes = CheckMenuButton("Lanes", lanes)
        self.drugs = CheckMenuButton("Drugs", [(k, DRUG_LABELS[k]) for k in DRUG_KEYS])
        self.lanes.changed.connect(self._emit)
        self.drugs.changed.connect(self._emit)

        self.first_year, self.last_year = years
        self.known_label = QLabel()
        self.known_label.setObjectName("timeline_known_label")
        self.known = QSlider(Qt.Orientation.Horizontal)
        self.known.setObjectName("timeline_known_by")
        self.known.setAccessibleName("Known by year")
        self.known.setAccessibleDescription(
            "Fades every event after the chosen year. At the far right nothing is faded.")
        self.known.setRange(self.first_year, self.last_year + 1)
        self.known.setValue(self.last_year + 1)
        self.known.setPageStep(5)
        self.known.valueChanged.connect(self._known_changed)
        self.known_label.setBuddy(self.known)
        self._known_changed(self.known.value(), emit=False)

        self.known_box = QWidget()
        known_row = QHBoxLayout(self.known_box)
        known_row.setContentsMargins(8, 0, 0, 0)
        known_row.addWidget(self.known_label)
        known_row.addWidget(self.known, 1)
        self.refit()
        for column, widget in enumerate((self.text, self.lanes, self.drugs)):
            layout.addWidget(widget, 0, column)
        layout.addWidget(self.known_box, 0, 3)
        layout.setColumnStretch(3, 1)

    def set_stacked(self, stacked: bool) -> None:
        """The "known by" slider under the other filters (narrow window, large text) or
        beside them."""
        if stacked == self.stacked:
            return
        self.stacked = stacked
        self.grid.removeWidget(self.known_box)
        if stacked:
            self.grid.addWidget(self.known_box, 1, 0, 1, 4)
            self.grid.setColumnStretch(3, 0)
            self.grid.setColumnStretch(0, 1)
        else:
            self.grid.addWidget(self.known_box, 0, 3)
            self.grid.setColumnStretch(0, 0)
            self.grid.setColumnStretch(3, 1)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the stacked arrangement (the view stacks the bar when it must), so the
        bar never holds the window wider than the screen at large text."""
        hint = super().minimumSizeHint()
        first, known = self.widths()
        return QSize(min(hint.width(), max(first, known)), hint.height())

    def widths(self) -> tuple[int, int]:
        """The least widths of the text/lanes/drugs part and of the "known by" part."""
        spacing = max(self.grid.horizontalSpacing(), 0)
        first = sum(w.minimumSizeHint().width() for w in (self.text, self.lanes, self.drugs))
        return first + 2 * spacing, self.known_box.minimumSizeHint().width()

    def refit(self) -> None:
        """Size the text field and slider for the current font; the "Known by" label keeps
        the width of its widest text, so nothing beside it moves while the slider does."""
        em = self.fontMetrics().horizontalAdvance("M")
        self.text.setMinimumWidth(em * 6)
        self.known.setMinimumWidth(em * 5)
        self.known.setMaximumWidth(em * 24)
        metrics = self.known_label.fontMetrics()
        widest = max(metrics.horizontalAdvance(self._known_text(value))
                     for value in range(self.first_year, self.last_year + 2))
        self.known_label.setFixedWidth(widest + metrics.averageCharWidth())

    def known_by(self) -> int | None:
        value = self.known.value()
        return None if value > self.last_year else value

    def current(self) -> TimelineFilter:
        return TimelineFilter(lanes=self.lanes.selected(), drugs=self.drugs.selected(),
                              text=self.text.text().strip(), known_by=self.known_by())

    def set_filter(self, filt: TimelineFilter) -> None:
        """Show `filt` in the controls (emits `filter_changed` once)."""
        for control in (self.text, self.lanes, self.drugs, self.known):
            control.blockSignals(True)
        self.text.setText(filt.text)
        self.lanes.set_selected(filt.lanes)
        self.drugs.set_selected(filt.drugs)
        self.known.setValue(self.last_year + 1 if filt.known_by is None else filt.known_by)
        for control in (self.text, self.lanes, self.drugs, self.known):
            control.blockSignals(False)
        self._known_changed(self.known.value(), emit=False)
        self._emit()

    def _known_text(self, value: int) -> str:
        return "Known by: all" if value > self.last_year else f"Known by: {value}"

    def _known_changed(self, value: int, emit: bool = True) -> None:
        text = self._known_text(value)
        self.known_label.setText(f"&{text}")
        self.known.setAccessibleDescription(
            "Fades every event after the chosen year; now "
            + ("nothing is faded." if value > self.last_year else f"{value}."))
        self.known.setToolTip(text)
        if emit:
            self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        self.filter_changed.emit(self.current())
