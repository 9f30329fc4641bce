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
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(APP_ID)
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(handler)
    logger.setLevel(level)
    _configured = log_file
    return log_file


def logger(name: str = "") -> logging.Logger:
    import logging

    return logging.getLogger(f"{APP_ID}.{name}" if name else APP_ID)
