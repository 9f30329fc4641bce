"""Question files and sets on the command line.

Importing this module registers the quiz exporter (`export quiz --format
apkg|gift|moodle-xml|csv`) and the GIFT/CSV importer (ahead of the document importer, so
`import` sends question files here), and adds `imid-atlas question-sets` to list and remove
imported sets. Kept light: the formats are imported only when used.
"""

from __future__ import annotations

import argparse
import json

from desktop.cli import EXIT_OK, EXIT_USER_ERROR, data_dir_of
from desktop.commands.export_command import Exporter, register_exporter
from desktop.commands.import_command import IMPORTERS, Importer

QUIZ_FORMATS = ("apkg", "gift", "moodle-xml", "csv")

register_exporter(Exporter("quiz", QUIZ_FORMATS, "desktop.core.interop.quiz_export",
                           "export_quiz", "Quiz questions"))

QUESTION_IMPORTER = Importer("questions", "desktop.core.interop.question_import",
                             "claims_question_file", "import_question_files")
if not any(imp.name == QUESTION_IMPORTER.name for imp in IMPORTERS):
    IMPORTERS.insert(0, QUESTION_IMPORTER)


def register(sub, common) -> None:
    sets = sub.add_parser(
        "question-sets", parents=[common], help="list or remove imported question sets",
        description="Question sets are imported from GIFT or CSV files with `import`.",
    )
    sets.add_argument("--remove", type=int, metavar="ID",
                      help="remove set ID, its questions and your progress on them")
    sets.add_argument("--json", action="store_true", help="print one JSON object")
    sets.set_defaults(handler=question_sets_command)


def question_sets_command(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from db.user_db import UserDB
    from desktop.core import question_sets
    from desktop.core.paths import AtlasPaths

    user = UserDB.open(AtlasPaths.create(data_dir_of(args)).user_db)
    try:
        if args.remove is not None:
            try:
                removed = question_sets.remove_set(user, args.remove)
            except question_sets.QuestionSetError as exc:
                print(f"imid-atlas: {exc}")
                return EXIT_USER_ERROR
            print(f"Removed question set {removed.id} {removed.name!r} "
                  f"({removed.question_count} question(s))")
            return EXIT_OK
        sets = question_sets.list_sets(user)
    finally:
        user.close()
    if args.json:
        print(json.dumps({"sets": [asdict(s) for s in sets]}, ensure_ascii=False))
    elif not sets:
        print("No question sets. Import GIFT or CSV files with: imid-atlas import FILE...")
    else:
        for s in sets:
            print(f"{s.id:>4}  {s.name}  ({s.question_count} question(s), {s.format}, "
                  f"from {s.source_name}, {s.imported_at})")
    return EXIT_OK
