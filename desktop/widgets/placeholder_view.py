"""An honest page for a view whose full version is still being built."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from desktop.views import AtlasView


class PlaceholderView(AtlasView):
    """Says what the view will hold; never pretends to be the feature."""

    heading = ""
    promise = ""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        title = QLabel(self.heading)
        title.setProperty("role", "heading")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        text = QLabel(self.promise)
        text.setWordWrap(True)
        text.setProperty("role", "muted")
        for w in (title, text):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(2)
        self.setAccessibleName(f"{self.heading} (coming soon)")
