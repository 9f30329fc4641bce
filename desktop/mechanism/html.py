"""HTML for the mechanism panels: step and drug texts with their sources as `ref:` links."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.render import escape, link


def sources_html(content, source_ids: Sequence[str], heading: str = "Sources") -> str:
    """`Sources: Krönke et al. 2014 · Lu et al. 2014`, each a link that opens the reference."""
    parts = []
    for ref_id in source_ids:
        ref = content.reference(ref_id)
        if ref is None:
            parts.append(escape(ref_id))
        else:
            parts.append(link("ref", ref_id, ref.short_label, title=ref.title))
    if not parts:
        return ""
    return f'<p class="muted"><b>{escape(heading)}:</b> {" · ".join(parts)}</p>'


def titled_text_html(ctx, title: str, markdown_text: str, source_ids: Sequence[str],
                     subtitle: str = "") -> str:
    """A heading, the rendered text (glossary terms linked) and its sources."""
    sub = f'<p class="muted">{escape(subtitle)}</p>' if subtitle else ""
    return (f"<h3>{escape(title)}</h3>{sub}{ctx.render_markdown(markdown_text)}"
            f"{sources_html(ctx.content, source_ids)}")
