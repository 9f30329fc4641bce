"""The HTML of one glossary entry, as the glossary panel shows it (before term linking).

Sections: the headword, its other names and category, the definition, why it matters, the
common error, see-also terms, sources (links into the library) and "Used in" (the notes, events
and questions that mention the term). Each section starts with a heading, so the linker links a
term at most once per section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from db.content_format import TERM_CATEGORIES
from db.text import fold
from desktop.core.render import escape, link, paragraphs

#: href scheme of the panel's own links (show all usages, filter by category).
PANEL_SCHEME = "glossary"
USAGE_LABELS = {"document": "Study notes", "event": "Timeline events", "question": "Questions"}
USAGE_LIMIT = 10


def category_label(category: str) -> str:
    return TERM_CATEGORIES.get(category, category.replace("-", " ").capitalize())


def other_names(term) -> tuple[list[str], list[str]]:
    """(abbreviations, synonyms) without repeats of the headword or of each other."""
    seen = {fold(term.term)}
    out: tuple[list[str], list[str]] = ([], [])
    for bucket, names in zip(out, (term.abbreviations, term.synonyms), strict=True):
        for name in names:
            key = fold(name)
            if key not in seen:
                seen.add(key)
                bucket.append(name)
    return out


def missing_abbreviations(term) -> list[str]:
    """The abbreviations the headword does not already show (`IKZF1 (Ikaros)` shows IKZF1)."""
    out = []
    for abbreviation in dict.fromkeys(term.abbreviations):
        if not re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", term.term):
            out.append(abbreviation)
    return out


def _shorten(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def entry_html(term, terms: Mapping, reference: Callable[[str], object | None],
               usage: Mapping[str, list] | None, expanded: frozenset[str] = frozenset()) -> str:
    """The entry of `term`; `usage` None means "still being worked out"."""
    abbreviations, synonyms = other_names(term)
    html = [f"<h2>{escape(term.term)}</h2>"]
    facts = []
    if abbreviations:
        facts.append(f"<b>Abbreviation{'s' if len(abbreviations) > 1 else ''}:</b> "
                     + ", ".join(escape(a) for a in abbreviations))
    if synonyms:
        facts.append("<b>Also called:</b> " + ", ".join(escape(s) for s in synonyms))
    facts.append("<b>Category:</b> " + link(PANEL_SCHEME, f"category/{term.category}",
                                            category_label(term.category),
                                            title="Show the terms of this category"))
    if term.pack:  # a teacher's content pack, shown beside the bundled glossary
        facts.append(f"<b>From the content pack:</b> {escape(term.pack)}")
    html.append("<p class='muted'>" + "<br>".join(facts) + "</p>")
    html.append(paragraphs(term.definition))
    html.append("<h3>Why it matters</h3>" + paragraphs(term.relevance))
    if term.common_error.strip():
        html.append("<h3>Common error</h3>"
                    + paragraphs(term.common_error).replace("<p>", "<p class='warn'>"))
    see_also = [link("term", t, terms[t].term, "term", terms[t].short_definition)
                for t in term.see_also if t in terms]
    if see_also:
        html.append("<h3>See also</h3><p>" + " · ".join(see_also) + "</p>")
    sources = []
    for ref_id in term.sources:
        ref = reference(ref_id)
        if ref is not None:
            sources.append("<li>" + link("ref", ref_id, ref.short_label, title=ref.title)
                           + f" <span class='muted'>{escape(_shorten(ref.title, 90))}</span></li>")
    if sources:
        html.append("<h3>Sources</h3><ul>" + "".join(sources) + "</ul>")
    html.append("<h3>Used in</h3>")
    if usage is None:
        html.append("<p class='muted'>Finding the notes, events and questions…</p>")
    elif not any(usage.values()):
        html.append("<p class='muted'>No study note, event or question mentions this term.</p>")
    else:
        html.append(_usage_html(usage, expanded))
    return "".join(html)


def _usage_html(usage: Mapping[str, list], expanded: frozenset[str]) -> str:
    scheme = {"document": "doc", "event": "event", "question": "question"}
    parts = []
    for kind, label in USAGE_LABELS.items():
        items = usage.get(kind) or []
        if not items:
            continue
        parts.append(f"<p><b>{label}</b> <span class='muted'>({len(items)})</span></p><ul>")
        shown = items if kind in expanded else items[:USAGE_LIMIT]
        for item in shown:
            prefix = f"{escape(item.date)} · " if getattr(item, "date", "") else ""
            parts.append(f"<li>{prefix}{link(scheme[kind], item.item_id, _shorten(item.title))}"
                         "</li>")
        parts.append("</ul>")
        if len(shown) < len(items):
            parts.append("<p>" + link(PANEL_SCHEME, f"more/{kind}",
                                      f"Show all {len(items)} {label.lower()}") + "</p>")
    return "".join(parts)
