"""Help > Guide (F1): what each view is for, for a student and for a teacher, and its keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.guide import SECTIONS, guide_html


class GuideDialog(QDialog):
    """The guide: a list of its sections beside the text; choosing a section scrolls to it."""

    def __init__(self, css: str = "", parent: QWidget | None = None, section: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Guide to IMiD Atlas")
        self.setAccessibleName("Guide")
        self.sections = QListWidget()
        self.sections.setAccessibleName("Guide sections")
        self.sections.setAccessibleDescription("Up and Down choose a section; Tab reads it")
        for part in SECTIONS:
            item = QListWidgetItem(part.title.split(":")[0])
            item.setData(Qt.ItemDataRole.UserRole, part.key)
            item.setToolTip(part.title)
            self.sections.addItem(item)
        metrics = self.sections.fontMetrics()
        self.sections.setFixedWidth(
            max(metrics.horizontalAdvance(self.sections.item(r).text())
                for r in range(self.sections.count())) + metrics.horizontalAdvance("M") * 3)
        self.text = QTextBrowser()
        self.text.setObjectName("guide_text")
        self.text.setAccessibleName("Guide text")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(lambda url: self.show_section(url.fragment()))
        if css:
            self.text.document().setDefaultStyleSheet(css)
        self.text.setHtml(guide_html())
        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.sections.currentItemChanged.connect(
            lambda item, _old: item and self.show_section(item.data(Qt.ItemDataRole.UserRole)))
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        em = metrics.horizontalAdvance("M")
        self.resize(min(em * 70, int(screen.width() * 0.9)),
                    min(metrics.height() * 34, int(screen.height() * 0.85)))
        if section:
            self.show_section(section)
        self.sections.setFocus()

    def show_section(self, key: str) -> None:
        """Scroll the text to section `key` and select it in the list."""
        if not key:
            return
        self.text.scrollToAnchor(key)
        for row in range(self.sections.count()):
            if self.sections.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sections.blockSignals(True)
                self.sections.setCurrentRow(row)
                self.sections.blockSignals(False)
