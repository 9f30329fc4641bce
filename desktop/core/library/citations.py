"""Citations of references: AMA and Vancouver strings, BibTeX and RIS files.

Reference managers (Zotero, EndNote, JabRef, Mendeley) read both file formats; the tests read
every exported file back with `bibtexparser` and `rispy`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from db.records import Reference
from desktop.core.files import write_atomically

STYLES = {"ama": "AMA", "vancouver": "Vancouver"}
ET_AL = "et al."

#: Reference kinds to BibTeX entry types (used when the reference has no journal).
BIBTEX_TYPES = {"book": "book"}
#: Reference kinds to RIS types (used when the reference has no journal).
RIS_TYPES = {"book": "BOOK", "news": "NEWS", "web": "ELEC", "regulatory": "GOVDOC",
             "guideline": "GOVDOC"}


# -- names ---------------------------------------------------------------------------------

def split_author(author: str) -> tuple[str, str]:
    """("Zhu", "YX") for `Zhu YX`; (organisation, "") for a group author."""
    parts = author.split()
    if len(parts) >= 2 and parts[-1].isupper() and parts[-1].isalpha() and len(parts[-1]) <= 4:
        return " ".join(parts[:-1]), parts[-1]
    return author.strip(), ""


def _authors(ref: Reference) -> tuple[list[str], bool]:
    """The named authors and whether the list was already cut short ("et al.")."""
    names = [a for a in ref.authors if a.strip()]
    truncated = bool(names) and names[-1].strip().lower() == ET_AL
    if truncated:
        names = names[:-1]
    return names, truncated


def _author_list(ref: Reference, keep: int, cut_after: int) -> str:
    names, truncated = _authors(ref)
    if len(names) > cut_after:
        names, truncated = names[:keep], True
    text = ", ".join(names)
    return f"{text}, et al" if truncated and text else text


# -- AMA and Vancouver --------------------------------------------------------------------

def _sentence(text: str) -> str:
    text = " ".join((text or "").split()).rstrip()
    return text if not text or text[-1] in ".?!" else text + "."


def _short_pages(pages: str) -> str:
    """Vancouver drops repeated leading digits: 1345-1350 -> 1345-50."""
    match = re.fullmatch(r"(\D*)(\d+)-(\D*)(\d+)", pages or "")
    if not match or match.group(1) != match.group(3) or len(match.group(2)) != len(match.group(4)):
        return pages
    first, last = match.group(2), match.group(4)
    i = 0
    while i < len(first) - 1 and first[i] == last[i]:
        i += 1
    return f"{match.group(1)}{first}-{last[i:]}"


def _issue_part(ref: Reference, pages: str) -> str:
    part = f"{ref.year}"
    if ref.volume:
        part += f";{ref.volume}"
        if ref.issue:
            part += f"({ref.issue})"
    if pages:
        part += f":{pages}"
    return part + "."


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(date: str) -> str:
    """`2011-12-11` -> `December 11, 2011`; `2010-06` -> `June 2010`; else unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", date or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        return date or ""
    month = MONTHS[int(match.group(2)) - 1]
    if match.group(3):
        return f"{month} {int(match.group(3))}, {match.group(1)}"
    return f"{month} {match.group(1)}"


def ama_citation(ref: Reference) -> str:
    """AMA (11th edition) style: up to six authors, else three and "et al"."""
    authors = _author_list(ref, keep=3, cut_after=6)
    parts = [_sentence(authors)] if authors else []
    parts.append(_sentence(ref.title))
    if ref.journal:
        parts.append(_sentence(ref.journal))
        parts.append(_issue_part(ref, ref.pages))
        if ref.doi:
            parts.append(f"doi:{ref.doi}")
        elif ref.url:
            parts.append(ref.url)
    else:
        if ref.publisher and ref.publisher not in authors:
            parts.append(f"{ref.publisher}; {ref.year}." if ref.kind == "book"
                         else _sentence(ref.publisher))
        if ref.kind != "book" or not ref.publisher:
            parts.append(f"Published {long_date(ref.date) or ref.year}.")
        if ref.doi:
            parts.append(f"doi:{ref.doi}")
        elif ref.url:
            parts.append(ref.url)
    return " ".join(p for p in parts if p)


def vancouver_citation(ref: Reference) -> str:
    """Vancouver (ICMJE / NLM) style: up to six authors, else six and "et al"."""
    authors = _author_list(ref, keep=6, cut_after=6)
    parts = [_sentence(authors)] if authors else []
    if ref.journal:
        parts.append(_sentence(ref.title))
        parts.append(_sentence(ref.journal))
        parts.append(_issue_part(ref, _short_pages(ref.pages)))
        if ref.doi:
            parts.append(f"doi: {ref.doi}.")
        if ref.pmid:
            parts.append(f"PMID: {ref.pmid}.")
    else:
        online = bool(ref.url) and ref.kind != "book"
        parts.append(_sentence(ref.title.rstrip(".") + (" [Internet]" if online else "")))
        publisher = ref.publisher
        parts.append(f"{publisher}; {ref.year}." if publisher else f"{ref.year}.")
        if ref.doi:
            parts.append(f"doi: {ref.doi}.")
        if online:
            parts.append(f"Available from: {ref.url}")
    return " ".join(p for p in parts if p)


def format_citation(ref: Reference, style: str = "ama") -> str:
    """A one-paragraph citation of `ref` in `style` ("ama" or "vancouver")."""
    if style == "vancouver":
        return vancouver_citation(ref)
    return ama_citation(ref)


# -- BibTeX --------------------------------------------------------------------------------

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """Text safe inside a braced BibTeX value (UTF-8 letters are kept as they are)."""
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in " ".join((text or "").split()))


def _bibtex_verbatim(text: str) -> str:
    """DOIs and URLs: kept verbatim, but braces and percent signs cannot break the file."""
    return (text or "").replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C").strip()


def bibtex_key(ref: Reference, used: set[str]) -> str:
    key = re.sub(r"[^A-Za-z0-9_:.-]", "", ref.id) or "ref"
    base, n = key, 2
    while key in used:
        key = f"{base}-{n}"
        n += 1
    used.add(key)
    return key


def _bibtex_author(name: str) -> str:
    last, initials = split_author(name)
    if not initials:
        return "{" + bibtex_escape(last) + "}"  # a group author: never split into names
    return f"{bibtex_escape(last)}, {'. '.join(initials)}."


def to_bibtex(refs: Iterable[Reference]) -> str:
    """A BibTeX file (UTF-8) with one entry per reference."""
    used: set[str] = set()
    entries = []
    for ref in refs:
        names, truncated = _authors(ref)
        authors = " and ".join(_bibtex_author(a) for a in names)
        if truncated and authors:
            authors += " and others"
        entry_type = "article" if ref.journal else BIBTEX_TYPES.get(ref.kind, "misc")
        fields = [("author", authors), ("title", "{" + bibtex_escape(ref.title) + "}")]
        if ref.journal:
            fields.append(("journal", bibtex_escape(ref.journal)))
        elif ref.publisher:
            fields.append(("publisher" if entry_type == "book" else "howpublished",
                           bibtex_escape(ref.publisher)))
        fields += [("year", str(ref.year)), ("volume", bibtex_escape(ref.volume)),
                   ("number", bibtex_escape(ref.issue)),
                   ("pages", bibtex_escape(ref.pages).replace("-", "--")),
                   ("date", bibtex_escape(ref.date)), ("doi", _bibtex_verbatim(ref.doi)),
                   ("pmid", bibtex_escape(ref.pmid)), ("url", _bibtex_verbatim(ref.url))]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        entries.append(f"@{entry_type}{{{bibtex_key(ref, used)},\n{body}\n}}\n")
    return "\n".join(entries)


# -- RIS -----------------------------------------------------------------------------------

def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(str(value).split())}"


def _ris_author(name: str) -> str:
    last, initials = split_author(name)
    return f"{last}, {'. '.join(initials)}." if initials else last


def to_ris(refs: Iterable[Reference]) -> str:
    """An RIS file with one record per reference (CRLF line ends, as the format asks)."""
    lines: list[str] = []
    for ref in refs:
        kind = "JOUR" if ref.journal else RIS_TYPES.get(ref.kind, "GEN")
        lines.append(_ris_line("TY", kind))
        lines.append(_ris_line("ID", ref.id))
        names, _truncated = _authors(ref)
        lines += [_ris_line("AU", _ris_author(a)) for a in names]
        lines.append(_ris_line("TI", ref.title))
        if ref.journal:
            lines.append(_ris_line("T2", ref.journal))
            lines.append(_ris_line("JO", ref.journal))
        if ref.publisher:
            lines.append(_ris_line("PB", ref.publisher))
        lines.append(_ris_line("PY", ref.year))
        if ref.date:
            lines.append(_ris_line("DA", ref.date.replace("-", "/")))
        for tag, value in (("VL", ref.volume), ("IS", ref.issue)):
            if value:
                lines.append(_ris_line(tag, value))
        if ref.pages:
            start, _, end = ref.pages.partition("-")
            lines.append(_ris_line("SP", start))
            if end:
                lines.append(_ris_line("EP", end))
        if ref.doi:
            lines.append(_ris_line("DO", ref.doi))
        if ref.pmid:
            lines.append(_ris_line("AN", f"PMID:{ref.pmid}"))
        if ref.url or ref.link_url:
            lines.append(_ris_line("UR", ref.url or ref.link_url))
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


# -- the exporter (`imid-atlas export citations`, File > Export) ----------------------------

FORMATS = {"bibtex": ("BibTeX", to_bibtex), "ris": ("RIS", to_ris)}


def selected_references(content, ids: Sequence[str] | None) -> list[Reference]:
    """The references named by `ids` (documents count as their reference); all when empty."""
    if not ids:
        return content.references()
    refs: list[Reference] = []
    seen: set[str] = set()
    for item in ids:
        kind, _, item_id = item.partition(":") if ":" in item else ("reference", "", item)
        if kind == "document":
            doc = content.document(item_id)
            item_id = doc.reference_id if doc else ""
        ref = content.reference(item_id) if item_id else None
        if ref and ref.id not in seen:
            seen.add(ref.id)
            refs.append(ref)
    return refs


def export_citations(atlas, out: Path, fmt: str, options: dict) -> str:
    """Write the selected (`options["ids"]`) or all references as BibTeX or RIS."""
    label, render = FORMATS[fmt]
    refs = selected_references(atlas.content, options.get("ids"))
    text = render(refs)
    out = write_atomically(Path(out), text)
    return f"Wrote {len(refs)} reference(s) to {out} ({label})."
