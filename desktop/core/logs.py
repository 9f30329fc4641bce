"""Logging to a file in the user's data folder (the crash dialog names it)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop import APP_ID

if TYPE_CHECKING:
    import logging

INFO = 20  # logging.INFO, without importing logging at start-up

_configured: Path | None = None


def setup_logging(log_file: Path, level: int = INFO) -> Path:
    """Send the app's log records to `log_file` (rotated at 1 MB); idempotent."""
    import logging
    global _configured
    if _configured == log_file:
        return log_file
    import logging.handlers  # not at import time: start-up does not need it

    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = _QuietFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8",
                                delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(APP_ID)
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.setLevel(level)
    _configured = log_file
    return log_file


_handler_class = None


def _QuietFileHandler(*args, **kwargs):  # noqa: N802 - reads as the class it builds
    """A rotating log file that fails quietly (a full disk, a read-only folder): the failure
    is remembered (`failed`), and nothing ("--- Logging error ---") reaches the console."""
    global _handler_class
    if _handler_class is None:
        import logging.handlers

        class QuietFileHandler(logging.handlers.RotatingFileHandler):
            failed = False

            def handleError(self, record) -> None:  # noqa: N802 - logging's name
                self.failed = True

        _handler_class = QuietFileHandler
    return _handler_class(*args, **kwargs)


def log_written() -> bool:
    """False once a record could not be written to the log file (so no message should send
    the user to read it)."""
    import logging

    handlers = logging.getLogger(APP_ID).handlers
    return bool(handlers) and not any(getattr(h, "failed", False) for h in handlers)


def logger(name: str = "") -> logging.Logger:
    import logging

    return logging.getLogger(f"{APP_ID}.{name}" if name else APP_ID)
