"""The application icon as a QIcon: every rendered PNG size of resources/icons/imid-atlas.svg.

Set once on the QApplication (desktop.app), so the main window, the presenter window and every
dialog carry it; the same files go into the freedesktop menu entry (desktop.core.desktop_entry)
and the bundle.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from desktop.core.paths import ICON_SIZES, icon_png


def app_icon() -> QIcon:
    """IMiD Atlas's icon in all its sizes (files are read when a size is first drawn)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon
