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


def open_atlas(args: argparse.Namespace, with_user: bool = True):
    """Open the atlas for a command and print its notices (a damaged database moved aside,
    a backup made before an upgrade, a read-only data folder) on stderr, as the app shows
    them in a dialog."""
    from pathlib import Path

    from desktop.core.atlas import Atlas

    atlas = Atlas.open(data_dir_of(args), [Path(p) for p in packs_of(args)],
                       with_user=with_user)
    print_notices(atlas.notices)
    return atlas


def print_notices(notices) -> None:
    """Each notice on stderr, prefixed with the program's name."""
    import sys

    for notice in notices:
        print(f"imid-atlas: {notice}", file=sys.stderr)


def bounded_int(low: int, high: int):
    """An argparse type: an integer from `low` to `high` (a huge number is refused with a
    message, never an OverflowError)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is out of range ({low} to {high})")
        return value

    return parse

