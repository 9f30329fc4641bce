"""`imid-atlas export WHAT --format F -o FILE`: every export the app offers, headless.

Exporters register here by what they export and their formats; the File > Export menu reads
the same table, so the command line and the menu never drift apart.
"""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from pathlib import Path

from desktop.cli import EXIT_OK, EXIT_USER_ERROR, data_dir_of, packs_of


@dataclass(frozen=True)
class Exporter:
    """`function(atlas, out_path, fmt, options) -> str` writes the file, returns a summary."""

    what: str
    formats: tuple[str, ...]
    module: str
    function: str
    label: str

    def run(self, atlas, out: Path, fmt: str, options: dict) -> str:
        fn = getattr(importlib.import_module(self.module), self.function)
        return fn(atlas, Path(out), fmt, options)


#: what -> Exporter. Each feature adds its line here.
EXPORTERS: dict[str, Exporter] = {}


def register_exporter(exporter: Exporter) -> None:
    EXPORTERS[exporter.what] = exporter


register_exporter(Exporter("attempts", ("csv",), "desktop.core.quiz.store", "exporter",
                           "Quiz attempts"))
register_exporter(Exporter("citations", ("bibtex", "ris"), "desktop.core.citations",
                           "export_citations", "Citations"))
register_exporter(Exporter("drugs", ("csv",), "desktop.core.drug_table", "export_drug_table",
                           "Drug comparison"))
register_exporter(Exporter("glossary", ("csv", "tsv", "anki"), "desktop.core.glossary_export",
                           "export_glossary", "Glossary"))
register_exporter(Exporter("timeline", ("timelinejs", "csv"), "desktop.core.timeline_export",
                           "export_timeline", "Timeline"))


def register(sub, common) -> None:
    _load_builtin_exporters()
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


def _load_builtin_exporters() -> None:
    for module in BUILTIN_EXPORTER_MODULES:
        importlib.import_module(module)


#: Modules that call register_exporter() when imported (kept light: no heavy imports).
BUILTIN_EXPORTER_MODULES: tuple[str, ...] = ("desktop.commands.question_sets_command",)


def export_command(args: argparse.Namespace) -> int:
    from desktop.core.atlas import Atlas

    exporter = EXPORTERS.get(args.what)
    if exporter is None:
        print(f"imid-atlas: nothing can export {args.what!r}")
        return EXIT_USER_ERROR
    if args.format not in exporter.formats:
        print(f"imid-atlas: {args.what} can be exported as {', '.join(exporter.formats)}, "
              f"not {args.format!r}")
        return EXIT_USER_ERROR
    atlas = Atlas.open(data_dir_of(args), [Path(p) for p in packs_of(args)])
    from desktop.core.interop.common import InteropError

    try:
        summary = exporter.run(atlas, Path(args.output), args.format,
                               {"topics": args.topic, "types": args.type})
    except InteropError as exc:  # a bad filter or an empty selection: say so, no traceback
        print(f"imid-atlas: {exc}")
        return EXIT_USER_ERROR
    finally:
        atlas.close()
    print(summary)
    return EXIT_OK
