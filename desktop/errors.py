"""The only place that turns exceptions into dialogs.

`install_excepthook` makes sure no traceback reaches the user: an unexpected error is logged
to the file in the data folder and shown as a dialog that says what failed, offers the
details, and names the log file. Known environmental errors (`KnownDbError`) get their own
message without the word "bug".
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from db.errors import ContentError, KnownDbError
from desktop import APP_ID, APP_NAME


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, text) for a user-facing message about `exc`."""
    if isinstance(exc, KnownDbError):
        return "Data problem", exc.message
    if isinstance(exc, ContentError):
        first = "\n".join(str(p) for p in exc.problems[:8])
        more = f"\n… and {len(exc.problems) - 8} more" if len(exc.problems) > 8 else ""
        return "Content problem", f"The content could not be loaded:\n{first}{more}"
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return "File problem", f"{exc.strerror or exc}{where}"
    return "Unexpected error", (
        f"Something went wrong in {APP_NAME} ({type(exc).__name__}: {exc}). "
        "Your progress is saved as you go, so nothing you answered has been lost."
    )


def show_error(parent: QWidget | None, exc: BaseException, log_file: Path | None = None) -> None:
    """Show `exc` as a dialog with the traceback under "Show Details…"."""
    title, text = describe(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical if title == "Unexpected error"
                else QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{APP_NAME}: {title}")
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote file names and user text
    box.setText(text)
    if log_file:
        box.setInformativeText(f"Details were written to the log file:\n{log_file}")
    import traceback

    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setAccessibleName(f"{title} dialog")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


class _Bridge(QObject):
    """Carries exceptions from any thread to the GUI thread."""

    raised = Signal(object)


class ExceptionHook:
    """Installed as sys.excepthook and threading.excepthook while the app runs."""

    def __init__(self, log_file: Path | None, parent_getter=lambda: None):
        self.log_file = log_file
        self.parent_getter = parent_getter
        self.bridge = _Bridge()
        self.bridge.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._showing = False
        self.seen: list[BaseException] = []
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook

    def install(self) -> ExceptionHook:
        sys.excepthook = self.handle
        threading.excepthook = lambda hook_args: self.handle(
            hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback)
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._old_hook
        threading.excepthook = self._old_thread_hook

    def handle(self, exc_type, exc, tb) -> None:
        if exc is None:
            exc = exc_type()
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        import logging

        logging.getLogger(f"{APP_ID}.errors").error("unhandled exception",
                                                    exc_info=(exc_type, exc, tb))
        self.seen.append(exc)
        self.bridge.raised.emit(exc)

    def _show(self, exc: BaseException) -> None:
        if self._showing:  # one dialog at a time; later errors are in the log
            return
        self._showing = True
        try:
            show_error(self.parent_getter(), exc, self.log_file)
        finally:
            self._showing = False


def defer(fn) -> None:
    """Run `fn` once the event loop is idle (used to show start-up notices)."""
    QTimer.singleShot(0, fn)
