"""What every sub-command shares: exit statuses and the global options' values."""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_PROBLEMS, EXIT_USER_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


def data_dir_of(args: argparse.Namespace) -> str | None:
    """The `--data-dir` given (None: the platform's user-data folder)."""
    return getattr(args, "data_dir", None)


def packs_of(args: argparse.Namespace) -> list[str]:
    """The `--content-pack` folders given, in order."""
    return list(getattr(args, "content_pack", None) or [])
