"""`imid-atlas import FILE...`: bring documents or question files into the user database.

Each file goes to the first importer in `desktop.core.importers.IMPORTERS` that claims it
(question files by their format, everything else as a document).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USER_ERROR, open_atlas
from desktop.core.importers import Importer, importer_for


def register(sub, common) -> None:
    imp = sub.add_parser(
        "import", parents=[common], help="import documents (txt, md, html, pdf) or questions",
        description="Import files into your library (documents) or question sets (GIFT, CSV).",
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--set-name", help="name of the question set (question files)")
    imp.set_defaults(handler=import_command)


def import_command(args: argparse.Namespace) -> int:
    import sys

    from desktop.core.interop.question_import import set_name_problem

    problem = set_name_problem(args.set_name)
    if problem:
        print(f"imid-atlas: {problem}", file=sys.stderr)
        return EXIT_USER_ERROR
    paths = [Path(f) for f in args.files]
    groups: dict[Importer, list[Path]] = {}
    for path in paths:
        groups.setdefault(importer_for(path), []).append(path)
    atlas = open_atlas(args)
    from desktop.core.logs import setup_logging

    try:  # what readers warn about damaged files goes to the log, not the console
        setup_logging(atlas.paths.log_file)
    except OSError:
        pass
    failed = 0
    try:
        for importer, group in groups.items():
            for outcome in importer.import_paths(atlas, group, {"set_name": args.set_name}):
                print(outcome)
                failed += int(not getattr(outcome, "ok", True))
    finally:
        atlas.close()
    return EXIT_PROBLEMS if failed else EXIT_OK
