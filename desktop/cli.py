"""The `imid-atlas` command line (also `python main.py`).

With no sub-command it starts the desktop app. Sub-commands work headless and never import
Qt. Each sub-command lives in a module of `desktop.commands` that defines `register(sub)`;
heavy imports happen inside the handlers, so `--help` and `--version` stay instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_ID, APP_NAME, __version__
from desktop.commands import desktop_entry_command
from desktop.commands.common import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USER_ERROR,
)

COMMAND_MODULES = (
    "desktop.commands.content_commands",
    "desktop.commands.search_command",
    "desktop.commands.export_command",
    "desktop.commands.import_command",
    "desktop.commands.question_sets_command",
)

PRESENT_MODES = ("timeline", "quiz", "glossary", "mechanism")


def common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after a sub-command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", metavar="PATH", default=argparse.SUPPRESS,
        help="folder for user data, progress and the built content database "
        "(default: the platform's user-data folder)",
    )
    common.add_argument(
        "--content-pack", metavar="PATH", action="append", default=argparse.SUPPRESS,
        help="also load a content pack folder (may be repeated)",
    )
    return common


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The command-line parser; `commands=False` leaves out the sub-commands (app start-up)."""
    common = common_options()
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description=f"{APP_NAME}: an offline study atlas of the immunomodulatory drugs "
        "(thalidomide, lenalidomide, pomalidomide, iberdomide, mezigdomide). "
        "Run without a command to open the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--present", choices=PRESENT_MODES, metavar="|".join(PRESENT_MODES),
        help="open straight into presenter mode (" + ", ".join(PRESENT_MODES[:-1])
        + f" or {PRESENT_MODES[-1]})",
    )
    parser.add_argument("--theme", choices=("system", "light", "dark", "high-contrast"),
                        help="colour theme for this run")
    desktop_entry_command.add_options(parser)
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    run = sub.add_parser("run", parents=[common], help="open the desktop app (the default)")
    run.set_defaults(handler=None)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run the command; return the process exit status."""
    if getattr(sys, "frozen", False):  # a packaged app: let worker processes start
        import multiprocessing

        multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    _printable_output()
    args = None
    if not {"-h", "--help"} & set(argv):
        # Opening the app needs only the global options: skip importing every sub-command.
        args, rest = build_parser(commands=False).parse_known_args(argv)
        if rest:
            args = None
    if args is None:
        args = build_parser().parse_args(argv)
    if desktop_entry_command.wanted(args):
        return desktop_entry_command.run(args)
    handler = getattr(args, "handler", None)
    if handler is None:
        from desktop.launch import launch_app

        return launch_app(args)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        return report_failure(args, exc)


def _printable_output() -> None:
    """Never fail on printing: a file name with bytes that are not valid UTF-8, or a console
    that cannot show a character, prints a replacement instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def report_failure(args: argparse.Namespace, exc: BaseException) -> int:
    """Turn an exception into one clear message (details go to the log file)."""
    import sqlite3

    from db.errors import ContentError, KnownDbError, translate_sqlite_error
    from desktop.core.files import WriteError, describe_os_error

    if isinstance(exc, sqlite3.Error):
        exc = translate_sqlite_error(exc)
    if isinstance(exc, ContentError):
        print(f"{APP_ID}: the content has {len(exc.problems)} problem(s):", file=sys.stderr)
        print(exc.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    if isinstance(exc, KnownDbError):
        print(f"{APP_ID}: {exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    if isinstance(exc, WriteError):
        print(f"{APP_ID}: {exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    if isinstance(exc, OSError) and (exc.filename or exc.errno):
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{APP_ID}: {where}{describe_os_error(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    if isinstance(exc, RecursionError):
        print(f"{APP_ID}: a file given to this command is nested too deeply to be read; "
              "check the files you named (content packs, question files).", file=sys.stderr)
        return EXIT_USER_ERROR
    log = log_exception(args, exc)
    where = f" Details were written to {log}." if log else ""
    print(f"{APP_ID}: internal error: {type(exc).__name__}: {exc}.{where}", file=sys.stderr)
    return EXIT_INTERNAL


def log_exception(args: argparse.Namespace, exc: BaseException) -> Path | None:
    """Append the traceback to the log file in the data folder; return its path."""
    from desktop.core.logs import log_written, setup_logging
    from desktop.core.paths import AtlasPaths

    try:
        paths = AtlasPaths.create(getattr(args, "data_dir", None))
        log_file = setup_logging(paths.log_file)
        import logging

        logging.getLogger(APP_ID).error("command failed", exc_info=exc)
        return log_file if log_written() else None
    except OSError:
        return None

