"""`build-db`, `check-content` and `stats`: the content pipeline from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desktop.commands.common import EXIT_OK, EXIT_PROBLEMS, data_dir_of, open_atlas, packs_of


def register(sub, common) -> None:
    build = sub.add_parser(
        "build-db", parents=[common],
        help="compile the content into the SQLite content database",
        description="Validate the content and compile it into one read-only SQLite file.",
    )
    build.add_argument("--out", metavar="PATH", help="where to write the database "
                       "(default: the cache in the data folder)")
    build.add_argument("--content", metavar="PATH", help="content folder (default: bundled)")
    build.set_defaults(handler=build_db)

    check = sub.add_parser(
        "check-content", parents=[common],
        help="validate content files and report every problem with file and line",
    )
    check.add_argument("path", nargs="?", metavar="PATH",
                       help="content folder or pack to check (default: the bundled content); "
                       "a pack is checked against the bundled content it may cite")
    check.add_argument("--quality", action="store_true",
                       help="also report the item quality of the questions (cues measured "
                       "against chance, duplicates, give-aways, vignettes and reasoning items "
                       "per topic)")
    check.add_argument("--json", action="store_true",
                       help="with --quality: print the problems and the report as one JSON "
                       "object")
    check.set_defaults(handler=check_content)

    stats = sub.add_parser("stats", parents=[common], help="count records of each kind")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.set_defaults(handler=stats_command)


def build_db(args: argparse.Namespace) -> int:
    from db.content_build import build_content_db
    from desktop.core.atlas import content_sources
    from desktop.core.paths import AtlasPaths

    paths = AtlasPaths.create(data_dir_of(args), args.content)
    packs = [Path(p) for p in packs_of(args)]
    out = Path(args.out) if args.out else paths.content_db(tuple(p.resolve() for p in packs))
    build_content_db(content_sources(paths, packs), out)
    print(f"Built {out}")
    return EXIT_OK


def check_content(args: argparse.Namespace) -> int:
    from db.content_check import check_content as check
    from db.content_loader import load_content
    from desktop.core.paths import bundled_content_dir

    bundled = bundled_content_dir()
    root = Path(args.path).resolve() if args.path else bundled
    loaded = load_content(root)
    if root == bundled:
        problems = check(loaded, [])
    else:
        # A pack gets exactly the checks the app makes before it opens one (its title, ids,
        # headwords and citations beside the bundled content), so the two never disagree.
        from desktop.core.packs import check_pack
        from desktop.core.paths import AtlasPaths

        result = check_pack(root, AtlasPaths.create(data_dir_of(args), bundled))
        problems = [*result.problems, *result.elsewhere]
    if args.json or args.quality:
        return _check_with_quality(args, root, loaded, problems)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found in {root}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Content OK: {root}")
    return EXIT_OK


def _check_with_quality(args: argparse.Namespace, root: Path, loaded, problems) -> int:
    """`check-content --quality [--json]`: the problems, then the item-quality report of the
    folder's own questions. Quality findings are a report; only problems fail the command."""
    from dataclasses import asdict

    from db.item_quality import chance_checks, format_report, items_from_records, quality_report

    report = quality_report(items_from_records(loaded.records))
    if args.json:
        data = {"content": str(root), "problems": [str(p) for p in problems],
                "quality": report.as_dict(),
                "checks": [asdict(c) for c in chance_checks(report)]}
        print(json.dumps(data, sort_keys=True, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found in {root}" if problems
              else f"Content OK: {root}")
        print()
        print(format_report(report))
    return EXIT_PROBLEMS if problems else EXIT_OK


def stats_command(args: argparse.Namespace) -> int:
    atlas = open_atlas(args, with_user=False)
    try:
        stats = collect_stats(atlas.content)
    finally:
        atlas.close()
    if args.json:
        print(json.dumps(stats, sort_keys=True))
        return EXIT_OK
    width = max(len(k) for k in stats)
    for key, value in stats.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for sub_key, n in value.items():
                print(f"  {sub_key:<{width}} {n}")
        else:
            print(f"{key:<{width}} {value}")
    return EXIT_OK


def collect_stats(content) -> dict:
    """Counts per kind of record, and questions per type, topic and difficulty."""
    counts = content.counts()
    stats: dict = {key: counts[key] for key in counts}
    stats["questions_by_type"] = content.question_counts("type")
    stats["questions_by_topic"] = content.question_counts("topic")
    stats["questions_by_difficulty"] = content.question_counts("difficulty")
    stats["content_as_of"] = content.meta.get("content_as_of", "")
    return stats
