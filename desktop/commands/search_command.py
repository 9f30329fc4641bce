"""`imid-atlas search QUERY`: the app's search, headless."""

from __future__ import annotations

import argparse
import json
import re

from desktop.commands.common import EXIT_OK, open_atlas

CLI_KINDS = ("document", "reference", "event", "term", "question", "import")


def register(sub, common) -> None:
    search = sub.add_parser(
        "search", parents=[common], help="search documents, events, terms and questions",
        description="Full-text search with stemming, prefixes and typo tolerance.",
    )
    search.add_argument("query", nargs="+", help="words to look for")
    search.add_argument("--kind", choices=CLI_KINDS, action="append",
                        help="only this kind of record (may be repeated)")
    search.add_argument("--limit", type=int, default=20, help="at most N results (default 20)")
    search.add_argument("--json", action="store_true", help="print results as JSON")
    search.set_defaults(handler=search_command)


def search_command(args: argparse.Namespace) -> int:
    from desktop.core.library.search import KIND_LABELS, SearchEngine

    atlas = open_atlas(args)
    try:
        engine = SearchEngine(atlas.content.conn, extra_sources=import_sources(atlas))
        results = engine.search(" ".join(args.query), kinds=args.kind, limit=args.limit)
    finally:
        atlas.close()
    if args.json:
        print(json.dumps({
            "query": results.query, "fuzzy": results.fuzzy,
            "results": [
                {"kind": h.kind, "id": h.item_id, "title": h.title,
                 "snippet": _plain(h.snippet), "score": round(h.score, 4)}
                for h in results.hits
            ],
        }, ensure_ascii=False))
        return EXIT_OK
    if not results.hits:
        print("No results.")
        return EXIT_OK
    if results.fuzzy:
        print("No exact matches. Did you mean:")
    for hit in results.hits:
        print(f"[{KIND_LABELS.get(hit.kind, hit.kind)}] {hit.title}  ({hit.kind}:{hit.item_id})")
        if hit.snippet and not results.fuzzy:
            print(f"    {_plain(hit.snippet)}")
    return EXIT_OK


def import_sources(atlas) -> list:
    """Extra search sources from the user database (imported documents), if available."""
    try:
        from desktop.core.library.imports import ImportSearchSource
    except ImportError:
        return []
    return [ImportSearchSource(atlas.user)] if atlas.user else []


def _plain(snippet: str) -> str:
    import html

    return html.unescape(re.sub(r"</?mark>", "", snippet))
