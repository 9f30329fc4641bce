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
