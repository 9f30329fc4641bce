"""What the Library view lists and shows, without Qt.

`library_entries` gives one row per study note, reference and imported document;
`entry_html` builds the reader page of one of them (study note or summary, the bibliographic
block and "Mentioned in"). Every piece of text goes through `desktop.core.render`, so the
result is sanitised HTML with internal links (`ref:`, `doc:`, `event:`, `term:`, `import:`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from db.link_schemes import LINK_SCHEMES
from db.records import Document, Reference
from db.text import fold
from desktop.core.library.citations import long_date
from desktop.core.render import escape, link, sanitize

GROUPS = {"all": "Everything", "notes": "Study notes", "references": "References",
          "mine": "My documents"}
REFERENCE_KINDS = {
    "primary-research": "Research", "review": "Review", "trial": "Trial",
    "news": "News", "web": "Web page", "regulatory": "Regulatory", "guideline": "Guideline",
    "book": "Book",
}
MENTION_GROUPS = (
    ("document", "Study notes"), ("event", "Timeline events"), ("term", "Glossary terms"),
    ("question", "Questions"), ("reference", "References"), ("era", "Eras"),
    ("drug", "Drugs"),
)
SCHEME_FOR_KIND = {kind: scheme for scheme, kind in LINK_SCHEMES.items()} | {"import": "import"}
#: Long imported texts are shown up to here (the whole text stays searchable).
MAX_SHOWN_CHARS = 200_000

Renderer = Callable[[str], str]


@dataclass(frozen=True)
class LibraryEntry:
    """One row of the library table."""

    kind: str
    item_id: str
    title: str
    first_author: str
    year: int | None
    source: str
    kind_label: str
    group: str
    haystack: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.item_id)


def _haystack(*parts) -> str:
    return fold(" ".join(str(p) for p in parts if p))


def pack_label(label: str, pack: str) -> str:
    """A kind label marked with the content pack a record comes from (`Trial · My pack`)."""
    return f"{label} · {pack}" if pack else label


def pack_note(pack: str) -> str:
    """The reader's line naming the content pack a record comes from (empty for bundled)."""
    return f"<p class='muted'>From the content pack <b>{escape(pack)}</b></p>" if pack else ""


def reference_entry(ref: Reference) -> LibraryEntry:
    label = pack_label(REFERENCE_KINDS.get(ref.kind, ref.kind.replace("-", " ").capitalize()),
                       ref.pack)
    return LibraryEntry(
        "reference", ref.id, ref.title, ref.first_author, ref.year, ref.source_name, label,
        "references", _haystack(ref.title, " ".join(ref.authors), ref.year, ref.source_name,
                                label, ref.doi, ref.pmid))


def library_entries(content, imports=None) -> list[LibraryEntry]:
    """Study notes, then references, then the user's imports (the view sorts them)."""
    refs = {r.id: r for r in content.references()}
    entries = []
    for doc in content.documents():
        ref = refs.get(doc.reference_id)
        author = ref.first_author if ref else ""
        entries.append(LibraryEntry(
            "document", doc.id, doc.title, author, ref.year if ref else None,
            ref.source_name if ref else "", pack_label("Study note", doc.pack), "notes",
            _haystack(doc.title, " ".join(ref.authors) if ref else "", ref.year if ref else "",
                      ref.source_name if ref else "", "study note", doc.pack)))
    entries.extend(reference_entry(ref) for ref in refs.values())
    if imports is not None:
        for doc in imports.documents(with_text=False):
            first = doc.authors.split(";")[0].split(",")[0].strip() if doc.authors else ""
            entries.append(LibraryEntry(
                "import", str(doc.id), doc.title, first, doc.year, doc.media_label,
                "My document", "mine",
                _haystack(doc.title, doc.authors, doc.year or "", doc.original_name,
                          "my document")))
    return entries


# -- the reader ----------------------------------------------------------------------------

def _row(label: str, value_html: str) -> str:
    return f"<tr><td class='muted'>{escape(label)}</td><td>{value_html}</td></tr>"


def bibliographic_block(ref: Reference) -> str:
    """The reference's details as an HTML table (web links open only when clicked).

    Pages that include it pass through `sanitize`, which drops links with unsafe schemes.
    """
    rows = []
    if ref.authors:
        rows.append(_row("Authors" if len(ref.authors) > 1 else "Author",
                         escape(", ".join(ref.authors))))
    if ref.journal:
        rows.append(_row("Journal", f"<i>{escape(ref.journal)}</i>"))
    if ref.publisher:
        rows.append(_row("Publisher", escape(ref.publisher)))
    when = long_date(ref.date) if ref.date else str(ref.year)
    rows.append(_row("Published", escape(when)))
    numbers = []
    if ref.volume:
        numbers.append(f"volume {escape(ref.volume)}")
    if ref.issue:
        numbers.append(f"issue {escape(ref.issue)}")
    if ref.pages:
        numbers.append(f"pages {escape(ref.pages)}")
    if numbers:
        rows.append(_row("Issue", ", ".join(numbers)))
    if ref.doi:
        rows.append(_row("DOI", f"<a href='https://doi.org/{escape(ref.doi)}'>"
                                f"{escape(ref.doi)}</a>"))
    if ref.pmid:
        rows.append(_row("PMID", f"<a href='https://pubmed.ncbi.nlm.nih.gov/"
                                 f"{escape(ref.pmid)}/'>{escape(ref.pmid)}</a>"))
    if ref.pmcid:
        rows.append(_row("PMCID", escape(ref.pmcid)))
    if ref.url:
        rows.append(_row("Web", f"<a href='{escape(ref.url)}'>{escape(_short_url(ref.url))}</a>"))
    kind = REFERENCE_KINDS.get(ref.kind, ref.kind)
    rows.append(_row("Type", escape(kind)))
    return f"<table class='bib'>{''.join(rows)}</table>"


def _short_url(url: str) -> str:
    return url if len(url) <= 70 else url[:67] + "…"


def mentioned_in(content, kind: str, item_id: str) -> list[tuple[str, str, str]]:
    """(kind, id, title) of every record citing or linking to (`kind`, `item_id`)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for found in content.links_to(kind, item_id):
        key = (found.source_kind, found.source_id)
        if key in seen or key == (kind, item_id):
            continue
        seen.add(key)
        out.append((*key, content.title_of(*key)))
    return out


def mentioned_in_html(mentions: list[tuple[str, str, str]], heading: str = "Mentioned in"
                      ) -> str:
    """Grouped links to the records in `mentions` (an empty string when there are none)."""
    if not mentions:
        return ""
    parts = [f"<h3>{escape(heading)}</h3>"]
    order = [k for k, _ in MENTION_GROUPS]
    for kind, label in MENTION_GROUPS + tuple(
            (k, k.capitalize()) for k in sorted({m[0] for m in mentions}) if k not in order):
        items = [m for m in mentions if m[0] == kind]
        if not items:
            continue
        links = "".join(
            f"<li>{link(SCHEME_FOR_KIND.get(k, k), i, _clip(t, 110))}</li>" for k, i, t in items)
        parts.append(f"<p><b>{escape(label)}</b> ({len(items)})</p><ul>{links}</ul>")
    return "".join(parts)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def reference_html(content, ref: Reference, render_markdown: Renderer) -> str:
    """Reader page of a reference: title, details, summary, note and what cites it."""
    parts = [f"<h1>{escape(ref.title)}</h1>", pack_note(ref.pack), bibliographic_block(ref)]
    note = content.document_for_reference(ref.id)
    if note is not None:
        parts.append(f"<p><b>Study note:</b> {link('doc', note.id, note.title)}</p>")
    parts.append("<h3>Summary</h3>")
    parts.append(render_markdown(ref.summary))
    if ref.note:
        parts.append(f"<div class='box'><p><b>Note</b></p>{render_markdown(ref.note)}</div>")
    parts.append(mentioned_in_html(mentioned_in(content, "reference", ref.id)))
    return sanitize("".join(parts))


def document_html(content, doc: Document, render_markdown: Renderer) -> str:
    """Reader page of a study note: its paper's details, the note, and what cites them."""
    ref = content.reference(doc.reference_id) if doc.reference_id else None
    parts = [f"<h1>{escape(doc.title)}</h1>", pack_note(doc.pack)]
    if ref is not None:
        parts.append(f"<p class='muted'>On: {link('ref', ref.id, ref.title)}</p>")
        parts.append(bibliographic_block(ref))
    if doc.summary:
        parts.append(f"<p><i>{escape(doc.summary)}</i></p>")
    parts.append(render_markdown(doc.body))
    mentions = mentioned_in(content, "document", doc.id)
    if ref is not None:
        mentions += [m for m in mentioned_in(content, "reference", ref.id)
                     if m[:2] != ("document", doc.id) and m not in mentions]
    parts.append(mentioned_in_html(mentions, "Mentioned in (this note or its paper)"))
    return sanitize("".join(parts))


def import_html(doc, render_markdown: Renderer, link_terms: Renderer) -> str:
    """Reader page of an imported document: details, then its text."""
    from desktop.core.library.imports import MARKDOWN
    from desktop.core.render import paragraphs

    details = ["My document", doc.media_label]
    if doc.year:
        details.append(str(doc.year))
    if doc.authors:
        details.append(doc.authors)
    details.append(f"imported {doc.imported_at[:10]} from {doc.original_name}")
    parts = [f"<h1>{escape(doc.title)}</h1>",
             f"<p class='muted'>{escape(' · '.join(details))}</p>"]
    text = doc.text
    clipped = len(text) > MAX_SHOWN_CHARS
    if clipped:
        text = text[:MAX_SHOWN_CHARS]
    if doc.media_type == MARKDOWN:
        parts.append(render_markdown(text))
    elif doc.html and not clipped:
        parts.append(link_terms(doc.html))  # headings, paragraphs, emphasis (sanitised)
    else:
        parts.append(link_terms(paragraphs(text)))
    if clipped:
        parts.append(f"<p class='muted'>Only the first {MAX_SHOWN_CHARS:,} characters are "
                     f"shown here; search covers the whole text ({len(doc.text):,} "
                     "characters).</p>")
    return sanitize("".join(parts))
