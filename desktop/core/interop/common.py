"""What every export format shares: choosing questions, converting text, citing sources."""

from __future__ import annotations

import hashlib
import html
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from db.content_format import QUESTION_TYPES, TOPICS
from db.link_schemes import LINK_SCHEMES
from desktop.core import files

#: Internal Markdown links (`[cereblon](term:cereblon)`) mean nothing outside the app.
_INTERNAL_MD_LINK = re.compile(
    r"\[([^\]]+)\]\((?:" + "|".join(map(re.escape, LINK_SCHEMES)) + r"):[^)\s]*\)")
_INTERNAL_HTML_LINK = re.compile(
    r'<a href="(?:' + "|".join(map(re.escape, LINK_SCHEMES)) + r'):[^"]*"[^>]*>(.*?)</a>',
    re.DOTALL)
_ORDINALS = ("1st", "2nd", "3rd")
#: One line with nothing Markdown would treat specially (no emphasis, code, links, HTML,
#: escapes, or a heading, list or quote marker at the start).
_PLAIN_LINE = re.compile(r"(?![#>+*-]\s|\d+[.)]\s)[^\n\t*_`\[\]<>\\&]+\Z")


class InteropError(ValueError):
    """A problem with what the user asked for (unknown topic, empty selection...)."""


def plain_text(markdown_text: str) -> str:
    """The text with internal links reduced to their labels (other Markdown is kept)."""
    return _INTERNAL_MD_LINK.sub(r"\1", markdown_text or "")


def html_text(markdown_text: str) -> str:
    """Sanitised HTML for the text, internal links reduced to their labels."""
    from desktop.core.render import render_markdown

    text = plain_text(markdown_text).strip()
    if not text:
        return ""
    if _PLAIN_LINE.match(text):  # most texts: one plain line; Markdown would only escape it
        return f"<p>{html.escape(text, quote=False)}</p>"
    return _INTERNAL_HTML_LINK.sub(r"\1", render_markdown(text))


def ordinal(n: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th`..."""
    return _ORDINALS[n - 1] if 1 <= n <= 3 else f"{n}th"


def option_label(index: int) -> str:
    """`A`, `B`, `C`... for the index-th choice (0-based)."""
    return chr(ord("A") + index)


def export_rng(question) -> random.Random:
    """A random generator seeded from the question's id (not Python's salted `hash`): every
    export of a question lists its choices in the same order, and questions differ."""
    digest = hashlib.sha256(f"imid-atlas export order {question.id}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def export_order(question):
    """`question` with its options in the order an export shows them where the target tool does
    not shuffle (Anki, CSV, GIFT): the app's own display rule (`presentation_order`) with a
    per-question seed. So an ordering item never lists its options in the correct order and a
    single or multiple choice key does not sit where it was authored; a question with
    `shuffle = false` keeps its authored choices; true/false and matching are unchanged (for
    matching see `matching_choice_order`)."""
    from desktop.core.quiz.model import presentation_order

    if question.type not in ("single", "multi", "ordering") or len(question.options) < 2:
        return question
    by_key = {o.key: o for o in question.options}
    order = presentation_order(question, export_rng(question))
    return replace(question, options=tuple(by_key[k] for k in order))


def matching_choice_order(question) -> list[int]:
    """The order (indexes into `pairs`) in which to list a matching question's right-hand
    items: shuffled per question, and never the order of the pairs, which would pair each item
    with the one beside it."""
    order = list(range(len(question.pairs)))
    if len(order) < 2:
        return order
    rng = export_rng(question)
    for _ in range(20):
        rng.shuffle(order)
        if order != sorted(order):
            break
    if order == sorted(order):
        order.reverse()
    return order


def _wanted(values: Sequence[str] | None) -> list[str]:
    """Option values, split on commas too (`--topic history,safety`)."""
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in str(value).split(",") if v.strip())
    return out


def select_questions(content, topics: Sequence[str] | None = None,
                     types: Sequence[str] | None = None,
                     extra_types: Iterable[str] = ()) -> list:
    """The content's questions filtered by topic and type, in id order.

    Raises `InteropError` naming the accepted values when a topic or type is unknown. Types
    in `extra_types` (such as "glossary" for Anki) are accepted and simply select no question.
    """
    questions = content.questions()
    known_topics = sorted(set(TOPICS) | {q.topic for q in questions})
    wanted_topics = _wanted(topics)
    wanted_types = _wanted(types)
    unknown = [t for t in wanted_topics if t not in known_topics]
    if unknown:
        raise InteropError(f"unknown topic {', '.join(map(repr, unknown))}; "
                           f"choose from {', '.join(known_topics)}")
    known_types = [*QUESTION_TYPES, *extra_types]
    unknown = [t for t in wanted_types if t not in known_types]
    if unknown:
        raise InteropError(f"unknown question type {', '.join(map(repr, unknown))}; "
                           f"choose from {', '.join(known_types)}")
    return [
        q for q in questions
        if (not wanted_topics or q.topic in wanted_topics)
        and (not wanted_types or q.type in wanted_types)
    ]


def wants(types: Sequence[str] | None, kind: str) -> bool:
    """True when `kind` is selected: no type filter, or `kind` is among the types."""
    wanted = _wanted(types)
    return not wanted or kind in wanted


def citation(ref) -> str:
    """A one-line citation in the Vancouver style the content uses."""
    authors = list(ref.authors[:6])
    if len(ref.authors) > 6 and authors[-1] != "et al.":
        authors.append("et al.")
    pieces = [", ".join(authors), ref.title, ref.journal or ref.publisher]
    detail = str(ref.year)
    if ref.volume:
        detail += f";{ref.volume}" + (f"({ref.issue})" if ref.issue else "")
    if ref.pages:
        detail += f":{ref.pages}"
    text = ". ".join(p.strip().rstrip(".") for p in pieces if p and p.strip()) + f". {detail}."
    if ref.doi:
        text += f" doi:{ref.doi}"
    elif ref.url:
        text += f" {ref.url}"
    return text


def source_citations(content, ids: Iterable[str]) -> list[str]:
    """Citations for reference ids; an id that is not a known reference is kept as written."""
    out = []
    for ref_id in ids:
        ref = content.reference(ref_id) if content is not None else None
        out.append(citation(ref) if ref else ref_id)
    return out


def write_atomically(out: Path, data: bytes) -> None:
    """Write `data` to `out` (creating its folder) with no half file on failure."""
    files.write_atomically(out, data, make_folder=True)
