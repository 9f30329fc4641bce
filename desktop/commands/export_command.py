"""`imid-atlas export WHAT --format F -o FILE`: every export the app offers, headless.

What can be exported, and how, is `desktop.core.exports.EXPORTERS`; the File > Export menu
reads the same table, so the command line and the menu never drift apart.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.common import EXIT_OK, EXIT_USER_ERROR, open_atlas
from desktop.core.exports import EXPORTERS


def register(sub, common) -> None:
    export = sub.add_parser(
        "export", parents=[common], help="export citations, timeline, glossary or quiz",
        description="Write content to a file in a format other tools read.",
    )
    export.add_argument("what", choices=sorted(EXPORTERS) or ["(none)"],
                        help="what to export")
    export.add_argument("--format", required=True, help="file format (depends on WHAT)")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    export.add_argument("--topic", action="append", help="quiz: only these topics")
    export.add_argument("--type", action="append", help="quiz: only these question types")
    export.set_defaults(handler=export_command)


def export_command(args: argparse.Namespace) -> int:
    import sys

    from desktop.core.files import WriteError, check_target

    exporter = EXPORTERS.get(args.what)
    if exporter is None:
        print(f"imid-atlas: nothing can export {args.what!r}", file=sys.stderr)
        return EXIT_USER_ERROR
    if args.format not in exporter.formats:
        print(f"imid-atlas: {args.what} can be exported as {', '.join(exporter.formats)}, "
              f"not {args.format!r}", file=sys.stderr)
        return EXIT_USER_ERROR
    atlas = open_atlas(args)
    from desktop.core.interop.common import InteropError

    try:
        check_target(Path(args.output), make_folder=True)  # before any work: say it at once
        summary = exporter.run(atlas, Path(args.output), args.format,
                               {"topics": args.topic, "types": args.type})
    except InteropError as exc:  # a bad filter or an empty selection: say so, no traceback
        print(f"imid-atlas: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except WriteError as exc:  # names the user's path and what to do; the old file is kept
        print(f"imid-atlas: {exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    finally:
        atlas.close()
    print(summary)
    return EXIT_OK
