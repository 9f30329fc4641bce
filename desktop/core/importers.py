"""Every kind of file the app imports, and which code takes it.

`imid-atlas import FILE...` sends each file to the first importer whose `claims` function
accepts it: question files (GIFT, CSV) first, documents (text, Markdown, HTML, PDF) last.
Functions are named by module and attribute, so a format's code loads only when used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Importer:
    """`claims(path) -> bool` and `run(atlas, paths, options) -> list[outcome]` (each has `ok`)."""

    name: str
    module: str
    claims: str
    run: str

    def _function(self, name: str):
        return getattr(importlib.import_module(self.module), name)

    def claims_path(self, path: Path) -> bool:
        """Whether this importer takes `path`."""
        return bool(self._function(self.claims)(path))

    def import_paths(self, atlas, paths: list[Path], options: dict) -> list:
        """Import `paths`; one outcome per file (printable, with `ok`)."""
        return self._function(self.run)(atlas, paths, options)


#: Ordered: the first importer that claims a file imports it.
IMPORTERS: tuple[Importer, ...] = (
    Importer("questions", "desktop.core.interop.question_import", "claims_question_file",
             "import_question_files"),
    Importer("documents", "desktop.core.library.imports", "claims_document", "import_documents"),
)


def importer_for(path: Path) -> Importer:
    """The importer that takes `path` (documents take what no other importer claims)."""
    return next((imp for imp in IMPORTERS if imp.claims_path(path)), IMPORTERS[-1])


@dataclass
class ImportPlan:
    """Where dropped (or chosen) paths go: content-pack folders, question files, documents,
    and the paths that cannot be read at all."""

    packs: list[Path]
    questions: list[Path]
    documents: list[Path]
    missing: list[Path]


def route_paths(paths: list[Path]) -> ImportPlan:
    """Sort `paths` as File > Import would take them: a folder is a content pack, a file goes
    to the importer that claims it (`importer_for`). The importers check the files
    themselves (a document that is not one is refused there, with its reason)."""
    plan = ImportPlan([], [], [], [])
    for path in map(Path, paths):
        try:
            if path.is_dir():
                plan.packs.append(path)
            elif path.is_file():
                kind = importer_for(path).name
                (plan.questions if kind == "questions" else plan.documents).append(path)
            else:
                plan.missing.append(path)
        except OSError:
            plan.missing.append(path)
    return plan
