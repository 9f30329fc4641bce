"""Every export the app offers: what, in which formats, written by which function.

The command line (`imid-atlas export WHAT --format F -o FILE`) and the File > Export menu both
read `EXPORTERS`, so the two never drift apart. Each exporter names its function by module and
attribute, so a format's code (genanki, csv, ...) is imported only when that export runs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Exporter:
    """`function(atlas, out_path, fmt, options) -> str` writes the file, returns a summary."""

    what: str
    formats: tuple[str, ...]
    module: str
    function: str
    label: str

    def run(self, atlas, out: Path, fmt: str, options: dict) -> str:
        """Write `out` in `fmt` (one of `formats`); return a one-line summary for the user."""
        fn = getattr(importlib.import_module(self.module), self.function)
        return fn(atlas, Path(out), fmt, options)


#: File-name suffix for each format (the rest use the format's own name).
SUFFIXES = {"bibtex": "bib", "timelinejs": "json", "moodle-xml": "xml", "anki": "txt"}

_ALL = (
    Exporter("attempts", ("csv",), "desktop.core.quiz.store", "exporter", "Quiz attempts"),
    Exporter("citations", ("bibtex", "ris"), "desktop.core.library.citations",
             "export_citations", "Citations"),
    Exporter("drugs", ("csv",), "desktop.core.mechanism.drug_table", "export_drug_table",
             "Drug comparison"),
    Exporter("glossary", ("csv", "tsv", "anki"), "desktop.core.glossary.export",
             "export_glossary", "Glossary"),
    Exporter("quiz", ("apkg", "gift", "moodle-xml", "csv", "html"),
             "desktop.core.interop.quiz_export",
             "export_quiz", "Quiz questions"),
    Exporter("reports", ("csv",), "desktop.core.quiz.store", "reports_exporter",
             "Question error reports"),
    Exporter("structures", ("html",), "desktop.core.chemistry.export",
             "export_structures", "Drug structures"),
    Exporter("timeline", ("timelinejs", "csv"), "desktop.core.timeline.export",
             "export_timeline", "Timeline"),
)

#: what -> Exporter.
EXPORTERS: dict[str, Exporter] = {e.what: e for e in _ALL}


def suffix_for(fmt: str) -> str:
    """The usual file-name suffix (without the dot) for an export format."""
    return SUFFIXES.get(fmt, fmt)
