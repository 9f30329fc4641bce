"""Markdown to safe HTML for every text the app shows.

All rendered HTML passes through `sanitize`: no scripts, styles, forms, frames or images
(nothing that could load a remote resource), and links only to the app's internal schemes or
to web addresses (which open in the browser only when clicked).
"""

from __future__ import annotations

import html
from functools import lru_cache

from db.link_schemes import LINK_SCHEMES

INTERNAL_SCHEMES = frozenset(LINK_SCHEMES) | {"import"}
ALLOWED_SCHEMES = INTERNAL_SCHEMES | {"http", "https", "mailto"}
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "mark", "ol", "p", "pre", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "span": {"class", "title"},
    "div": {"class"},
    "p": {"class"},
    "td": {"class", "colspan", "rowspan"},
    "th": {"class", "colspan", "rowspan"},
    "table": {"class"},
    "li": {"class"},
}


def sanitize(fragment: str, drop_content: frozenset[str] | set[str] = frozenset()) -> str:
    """Clean untrusted HTML: keep structure and safe links, drop everything active.

    Elements in `drop_content` go with their text (scripts and styles always do).
    """
    import nh3

    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", *(set(drop_content) - ALLOWED_TAGS)},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


@lru_cache(maxsize=256)
def render_markdown(text: str) -> str:
    """Markdown (tables, footnotes, definition lists) to sanitised HTML."""
    import markdown

    converted = markdown.markdown(
        text or "", extensions=["extra", "sane_lists"], output_format="html"
    )
    return sanitize(converted)


def escape(text: str) -> str:
    return html.escape(text or "", quote=True)


def paragraphs(text: str) -> str:
    """Plain text (blank-line separated paragraphs) to escaped HTML paragraphs."""
    return "".join(f"<p>{escape(p)}</p>" for p in (text or "").split("\n\n") if p.strip())


def link(kind_scheme: str, item_id: str, label: str, css_class: str = "",
         title: str = "") -> str:
    """An internal link `<a href="term:cereblon">label</a>` with escaping done right."""
    cls = f' class="{escape(css_class)}"' if css_class else ""
    tip = f' title="{escape(title)}"' if title else ""
    return f'<a href="{escape(kind_scheme)}:{escape(item_id)}"{cls}{tip}>{escape(label)}</a>'
