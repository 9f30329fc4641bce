"""Review settings: desired retention, maximum interval, new cards per day, and "Optimize"
(FSRS parameters fitted to the student's own review log, `desktop.core.quiz.optimizer`).

Saved in the user database when the dialog is accepted; Optimize saves at once (it says so).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.core.quiz.scheduling import (
    MAX_INTERVAL_RANGE,
    NEW_PER_DAY_RANGE,
    RETENTION_RANGE,
    load_settings,
    save_settings,
)


class ReviewSettingsDialog(QDialog):
    """Edit the spaced-review settings of `ctx.user`."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Review settings")
        self.setObjectName("review_settings_dialog")
        self.settings = load_settings(ctx.user)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        layout = QVBoxLayout(self)
        intro = QLabel("Spaced review uses FSRS, the scheduler Anki uses. A higher desired "
                       "retention brings cards back sooner: you remember more and review more.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.retention = QDoubleSpinBox()
        self.retention.setRange(*RETENTION_RANGE)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(self.settings.desired_retention)
        self.retention.setAccessibleName("Desired retention")
        self.retention.setToolTip("The chance of remembering a card when it comes back "
                                  "(0.90 = 90%, the usual choice)")
        self.max_interval = QSpinBox()
        self.max_interval.setRange(*MAX_INTERVAL_RANGE)
        self.max_interval.setSuffix(" days")
        self.max_interval.setValue(self.settings.maximum_interval)
        self.max_interval.setAccessibleName("Maximum interval in days")
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(*NEW_PER_DAY_RANGE)
        self.new_per_day.setValue(self.settings.new_per_day)
        self.new_per_day.setAccessibleName("New cards per day")
        self.new_per_day.setToolTip("Cloze items, typed questions and glossary cards you have "
                                    "not studied yet, introduced at most this many a day")
        form.addRow("Desired &retention:", self.retention)
        form.addRow("&Maximum interval:", self.max_interval)
        form.addRow("&New cards per day:", self.new_per_day)
        layout.addLayout(form)
        self.optimize_status = QLabel()
        self.optimize_status.setWordWrap(True)
        self.optimize_status.setTextFormat(Qt.TextFormat.PlainText)
        self.optimize_status.setAccessibleName("Optimizer status")
        layout.addWidget(self.optimize_status)
        self.optimize_button = QPushButton("&Optimize")
        self.optimize_button.setAccessibleName("Optimize")
        self.optimize_button.setToolTip("Fit the FSRS parameters to your own review history")
        self.optimize_button.clicked.connect(self.optimize)
        self.reset_button = QPushButton("Use the &standard parameters")
        self.reset_button.setAccessibleName("Use the standard parameters")
        self.reset_button.clicked.connect(self.reset_parameters)
        layout.addWidget(self.optimize_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_parameters()

    def _show_parameters(self) -> None:
        from desktop.core.quiz.optimizer import MIN_REVIEWS, review_count

        count = review_count(self.ctx.user)
        s = self.settings
        if s.parameters:
            text = (f"Parameters fitted to your {s.optimized_reviews} reviews "
                    f"({s.optimized_at.replace('T', ' ')}). You now have {count} reviews.")
        elif count < MIN_REVIEWS:
            text = (f"Standard FSRS parameters. Optimize needs at least {MIN_REVIEWS} reviews; "
                    f"you have {count} ({MIN_REVIEWS - count} to go).")
        else:
            text = (f"Standard FSRS parameters. You have {count} reviews: Optimize can fit the "
                    "parameters to them.")
        self.optimize_status.setText(text)
        self.optimize_button.setEnabled(count >= MIN_REVIEWS)
        self.reset_button.setEnabled(bool(s.parameters))

    def optimize(self) -> None:
        from desktop.core.quiz.optimizer import OptimizerUnavailable, optimize

        try:
            result = optimize(self.ctx.user)
        except OptimizerUnavailable as exc:
            self.optimize_status.setText(str(exc))
            return
        except Exception as exc:  # the optimizer failing must not close the app
            self.optimize_status.setText(f"Optimizing failed: {exc}. Your settings are "
                                         "unchanged.")
            return
        self.settings = replace(load_settings(self.ctx.user),
                                desired_retention=self.retention.value(),
                                maximum_interval=self.max_interval.value(),
                                new_per_day=self.new_per_day.value())
        self._show_parameters()
        if result.changed:
            self.optimize_status.setText(
                f"{result.message} Saved; they are used from your next review.")

    def reset_parameters(self) -> None:
        from desktop.core.quiz.optimizer import reset_parameters

        self.settings = reset_parameters(self.ctx.user)
        self._show_parameters()

    def accept(self) -> None:
        current = load_settings(self.ctx.user)
        self.settings = save_settings(self.ctx.user, replace(
            current, desired_retention=self.retention.value(),
            maximum_interval=self.max_interval.value(), new_per_day=self.new_per_day.value()))
        super().accept()
