"""Create the QApplication, open the atlas and show the main window."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from db.errors import ContentError, KnownDbError
from desktop import APP_NAME, DESKTOP_ID, __version__
from desktop.app_icon import app_icon
from desktop.context import AppContext, Navigator
from desktop.core.atlas import Atlas
from desktop.core.logs import logger, setup_logging
from desktop.core.paths import AtlasPaths
from desktop.errors import ExceptionHook, describe, show_error
from desktop.settings import AppSettings
from desktop.theme import ThemeManager
from desktop.widgets.safe_text import inform

#: Set by bench/startup.py: print the time of the first paint and quit.
EXIT_AFTER_PAINT_ENV = "IMID_ATLAS_EXIT_AFTER_PAINT"


class _FirstPaint(QObject):
    """Prints a timestamp at the main window's first paint, then quits (benchmarks only)."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print(f"first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def _start_log(log_file: Path, paths: AtlasPaths) -> None:
    setup_logging(log_file)
    logger("app").info("started %s %s with data in %s", APP_NAME, __version__, paths.data_dir)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(app_icon())
    return app


def settings_for(paths: AtlasPaths) -> AppSettings:
    """Settings live in the data folder, so --data-dir isolates them (tests, USB sticks)."""
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    return AppSettings(QSettings(str(paths.data_dir / "settings.ini"),
                                 QSettings.Format.IniFormat))


def build_context(paths: AtlasPaths, packs: list[Path], settings: AppSettings,
                  theme_override: str | None = None) -> AppContext:
    """Open the atlas and wire the shared objects every view receives."""
    app = QApplication.instance()
    atlas = Atlas.open(paths.data_dir, packs, content_dir=paths.content_dir)
    theme = ThemeManager(app, theme_override or settings.theme, settings.font_scale)
    return AppContext(atlas=atlas, settings=settings, theme=theme, navigator=Navigator(app))


def build_without_broken_packs(paths: AtlasPaths, packs: list[Path], settings: AppSettings,
                               theme_override: str | None = None) -> AppContext:
    """Start without the saved content packs that no longer pass their checks (edited or moved
    since they were opened): they are dropped from the settings and the user is told why."""
    from desktop.core.packs import usable_packs

    good, refused = usable_packs(paths, packs)
    settings.content_packs = [str(p) for p in good]
    ctx = build_context(paths, good, settings, theme_override)
    for check in refused:
        first = "\n".join([*check.problems, *check.elsewhere][:5])
        ctx.atlas.notices.append(
            f"The content pack {check.title!r} ({check.root}) was not loaded and has been "
            f"removed from your content packs: it has {check.count} problem(s), for example:\n"
            f"{first}\nFix it and open it again with File > Open content pack….")
    return ctx


def start_window(ctx: AppContext, present: str | None = None, paint_probe: bool = False):
    """Show the main window as a start-up does: saved layout restored, the atlas's notices
    (a damaged file moved aside, a pack left out) shown once it is up, and presenter mode
    started when asked for. The journey tests start the app through this too."""
    from desktop.main_window import MainWindow

    window = MainWindow(ctx)
    if paint_probe:
        window.installEventFilter(_FirstPaint(window))
    window.restore_state()
    window.show()
    # The welcome tour (until dismissed for good) and the notices come after the first paint.
    ctx.navigator.after_first_paint(window, window.maybe_start_tour)
    for notice in ctx.atlas.notices:
        ctx.navigator.after_first_paint(window, lambda n=notice: inform(window, APP_NAME, n))
    if present:
        QTimer.singleShot(0, lambda: window.start_presenter(present))
    return window


def _cannot_start(exc: BaseException, log_file: Path) -> int:
    """Say in a dialog why the atlas cannot be opened (a damaged pack, a locked or read-only
    database, a full disk, a folder in the database's place); returns the exit status."""
    import sqlite3

    from db.errors import translate_sqlite_error
    from desktop.core.logs import log_written

    if isinstance(exc, sqlite3.Error):
        exc = translate_sqlite_error(exc)
    written = False
    try:
        setup_logging(log_file)
        logger("app").error("cannot open the atlas: %s", describe(exc)[1],
                            exc_info=not isinstance(exc, ContentError | KnownDbError))
        written = log_written()
    except OSError:
        pass
    show_error(None, exc, log_file if written else None)
    return 1


def run(args: argparse.Namespace) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    paths = AtlasPaths.create(getattr(args, "data_dir", None))
    log_file = paths.log_file
    app = make_application()
    window_ref: list = []
    hook = ExceptionHook(log_file, lambda: window_ref[0] if window_ref else None).install()
    try:
        settings = settings_for(paths)
        saved_packs = not getattr(args, "content_pack", None)
        packs = [Path(p) for p in (getattr(args, "content_pack", None)
                                   or settings.content_packs)]
        try:
            ctx = build_context(paths, packs, settings, getattr(args, "theme", None))
        except ContentError:
            if not (packs and saved_packs):
                raise
            ctx = build_without_broken_packs(paths, packs, settings, getattr(args, "theme", None))
    except Exception as exc:  # noqa: BLE001 - said in a dialog, never a console traceback
        return _cannot_start(exc, log_file)
    window = start_window(ctx, getattr(args, "present", None),
                          paint_probe=bool(os.environ.get(EXIT_AFTER_PAINT_ENV)))
    window_ref.append(window)
    # The log file handler is set up once the window has painted: start-up does not wait for it.
    ctx.navigator.after_first_paint(window, lambda: _start_log(log_file, paths))
    status = app.exec()
    hook.uninstall()
    ctx.atlas.close()
    return status
