"""The glossary's shared services on the AppContext, each built on first use.

- `glossary_index`: `GlossaryIndex` (terms by id, forgiving lookup);
- `glossary_linker`: `TermLinker` (built from the content's terms);
- `term_linker`: the `fn(html, skip) -> html` that `AppContext.link_terms` calls;
- `term_usage`: `TermUsage` (where each term is used).

`install` only registers a small function: nothing is imported or built at start-up.
"""

from __future__ import annotations

from collections import OrderedDict

_CACHE_SIZE = 64


def glossary_index(ctx):
    """The `GlossaryIndex` of the open content."""
    def make():
        from desktop.core.glossary.index import GlossaryIndex

        return GlossaryIndex(ctx.content.terms())

    return ctx.service("glossary_index", make)


def glossary_linker(ctx):
    """The `TermLinker` of the open content."""
    def make():
        from desktop.core.glossary.linker import TermLinker

        return TermLinker(glossary_index(ctx).terms.values())

    return ctx.service("glossary_linker", make)


def term_usage(ctx):
    """The `TermUsage` of the open content."""
    def make():
        from desktop.core.glossary.usage import TermUsage

        return TermUsage(ctx.content, glossary_linker(ctx))

    return ctx.service("term_usage", make)


def install(ctx) -> None:
    """Register the `term_linker` service; the linker is built on its first call."""
    if "term_linker" in ctx.services:
        return
    cache: OrderedDict[tuple[str, tuple[str, ...]], str] = OrderedDict()

    def link_terms(html: str, skip=()) -> str:
        key = (html, tuple(sorted(skip or ())))
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        linked = glossary_linker(ctx).link_html(html, key[1])
        cache[key] = linked
        if len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
        return linked

    ctx.services["term_linker"] = link_terms
