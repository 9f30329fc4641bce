"""Imports run on a worker thread with its own database connection, so the window stays live."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from desktop.core.library.imports import ImportLibrary, ImportOutcome, display_name


class ImportThread(QThread):
    """Imports a list of files in the background.

    Signals (delivered to the GUI thread):
        file_started(int, int, str): (files done, total, name of the next file).
        done(list): the `ImportOutcome` of every file, in order.
    """

    file_started = Signal(int, int, str)
    done = Signal(list)

    def __init__(self, user_db, imports_dir: Path, paths: list[Path], parent=None):
        super().__init__(parent)
        self.user_db = user_db
        self.imports_dir = Path(imports_dir)
        self.paths = [Path(p) for p in paths]
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop now: the file being read is abandoned (a PDF's reader process is stopped) and
        it and the rest are reported as not imported."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        outcomes: list[ImportOutcome] = []
        try:
            conn = self.user_db.connect()
        except Exception as exc:  # noqa: BLE001 - reported per file, never a crash
            self.done.emit([ImportOutcome(p, "failed", f"not imported: the user database "
                                          f"cannot be opened ({exc})") for p in self.paths])
            return
        try:
            library = ImportLibrary(conn, self.imports_dir)
            outcomes = library.import_files(
                self.paths,
                progress=lambda done, total, path: self.file_started.emit(
                    done, total, display_name(path)),
                cancelled=self._cancel.is_set,
            )
        except Exception as exc:  # noqa: BLE001 - an unexpected error must not kill the app
            handled = {o.path for o in outcomes}
            outcomes += [ImportOutcome(p, "failed", f"not imported: unexpected error "
                                       f"({type(exc).__name__}: {exc})")
                         for p in self.paths if p not in handled]
        finally:
            conn.close()
        self.done.emit(outcomes)
