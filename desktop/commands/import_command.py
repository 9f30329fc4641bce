"""`imid-atlas import FILE...`: bring documents or question files into the user database.

Importers register by the file types they accept; each file goes to the first importer that
claims it (question files by their format, everything else as a document).
"""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from pathlib import Path

from desktop.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USER_ERROR, data_dir_of, packs_of


@dataclass(frozen=True)
class Importer:
    """`claims(path) -> bool` and `run(atlas, paths, options) -> list[ImportOutcome-like]`."""

    name: str
    module: str
    claims: str
    run: str

    def _fn(self, name: str):
        return getattr(importlib.import_module(self.module), name)

    def claims_path(self, path: Path) -> bool:
        return bool(self._fn(self.claims)(path))

    def import_paths(self, atlas, paths: list[Path], options: dict) -> list:
        return self._fn(self.run)(atlas, paths, options)


#: Ordered: the first importer that claims a file imports it.
IMPORTERS: list[Importer] = [
    # Question importers (GIFT, CSV) go above this line: documents take every other file.
    Importer("documents", "desktop.core.imports", "claims_document", "import_documents"),
]


def register(sub, common) -> None:
    imp = sub.add_parser(
        "import", parents=[common], help="import documents (txt, md, html, pdf) or questions",
        description="Import files into your library (documents) or question sets (GIFT, CSV).",
    )
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--set-name", help="name of the question set (question files)")
    imp.set_defaults(handler=import_command)


def import_command(args: argparse.Namespace) -> int:
    from desktop.core.atlas import Atlas

    if not IMPORTERS:
        print("imid-atlas: importing is not available in this version")
        return EXIT_USER_ERROR
    paths = [Path(f) for f in args.files]
    groups: dict[int, list[Path]] = {}
    for path in paths:
        index = next((i for i, imp in enumerate(IMPORTERS) if imp.claims_path(path)),
                     len(IMPORTERS) - 1)
        groups.setdefault(index, []).append(path)
    atlas = Atlas.open(data_dir_of(args), [Path(p) for p in packs_of(args)])
    failed = 0
    try:
        for index, group in groups.items():
            for outcome in IMPORTERS[index].import_paths(atlas, group,
                                                         {"set_name": args.set_name}):
                print(outcome)
                failed += int(not getattr(outcome, "ok", True))
    finally:
        atlas.close()
    return EXIT_PROBLEMS if failed else EXIT_OK
