"""`imid-atlas question-sets [--remove ID]`: list or remove the question sets imported from
teachers' GIFT and CSV files (`imid-atlas import FILE...` imports them)."""

from __future__ import annotations

import argparse
import json

from desktop.commands.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    bounded_int,
    data_dir_of,
    print_notices,
)


def register(sub, common) -> None:
    sets = sub.add_parser(
        "question-sets", parents=[common], help="list or remove imported question sets",
        description="Question sets are imported from GIFT or CSV files with `import`.",
    )
    sets.add_argument("--remove", type=bounded_int(1, 2**63 - 1), metavar="ID",
                      help="remove set ID, its questions and your progress on them")
    sets.add_argument("--json", action="store_true", help="print one JSON object")
    sets.set_defaults(handler=question_sets_command)


def question_sets_command(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from db.user_db import UserDB
    from desktop.core.paths import AtlasPaths
    from desktop.core.quiz import question_sets

    user = UserDB.open(AtlasPaths.create(data_dir_of(args)).user_db)
    print_notices(user.report.notices)
    try:
        if args.remove is not None:
            try:
                removed = question_sets.remove_set(user, args.remove)
            except question_sets.QuestionSetError as exc:
                import sys

                print(f"imid-atlas: {exc}", file=sys.stderr)
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
