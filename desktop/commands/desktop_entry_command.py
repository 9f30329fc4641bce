"""`imid-atlas --install-desktop-entry` and `--remove-desktop-entry` (Linux menus)."""

from __future__ import annotations

import argparse
import sys

from desktop import APP_NAME
from desktop.commands.common import EXIT_OK, EXIT_USER_ERROR, data_dir_of


def add_options(parser: argparse.ArgumentParser) -> None:
    """The two options, on the top-level parser (they run instead of the app)."""
    parser.add_argument(
        "--install-desktop-entry", action="store_true",
        help="add IMiD Atlas and its icon to your applications menu (Linux; with --data-dir, "
        "the menu entry opens that data folder) and exit")
    parser.add_argument("--remove-desktop-entry", action="store_true",
                        help="remove that menu entry and icon again, and exit")


def wanted(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "install_desktop_entry", False)
                or getattr(args, "remove_desktop_entry", False))


def run(args: argparse.Namespace, platform: str | None = None) -> int:
    """Install or remove the menu entry; one line per file, a message on failure."""
    from pathlib import Path

    from desktop.core.desktop_entry import (
        install_desktop_entry,
        launch_command,
        remove_desktop_entry,
    )

    platform = platform or sys.platform
    if not platform.startswith("linux"):
        print(f"{APP_NAME}: the applications-menu entry is for Linux desktops. On Windows, "
              "pin imid-atlas.exe from the bundle's folder to the Start menu; on macOS, drag "
              "the app into Applications.", file=sys.stderr)
        return EXIT_USER_ERROR
    try:
        if getattr(args, "remove_desktop_entry", False):
            report = remove_desktop_entry()
            for path in report.removed:
                print(f"removed {path}")
            print(f"{APP_NAME} is no longer in your applications menu." if report.removed
                  else f"{APP_NAME} had no menu entry to remove.")
        else:
            command = launch_command()
            data_dir = data_dir_of(args)
            if data_dir:
                command += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
            report = install_desktop_entry(command)
            for path in report.written:
                print(f"wrote {path}")
            print(f"{APP_NAME} is in your applications menu (Education). It starts: "
                  f"{' '.join(command)}")
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"{APP_NAME}: could not write the menu entry ({exc.strerror or exc}{where}). "
              "Check that the folder is writable, or set XDG_DATA_HOME to one that is.",
              file=sys.stderr)
        return EXIT_USER_ERROR
    for note in report.notes:
        print(note, file=sys.stderr)
    return EXIT_OK
