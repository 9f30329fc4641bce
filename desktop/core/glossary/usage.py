"""Where each glossary term is used: the study notes, timeline events and questions that
mention it, found by the linker over their texts and by their explicit links (`terms` fields
and `term:` links in the notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from db.text import strip_markdown

#: Kinds shown under "Used in", in display order.
USAGE_KINDS = ("document", "event", "question")


@dataclass(frozen=True)
class Usage:
    """One record that uses a term; `explicit` when its author linked or tagged the term."""

    kind: str
    item_id: str
    title: str
    explicit: bool = False
    date: str = ""


def _question_texts(question) -> list[str]:
    texts = [question.stem, question.explanation, question.objective]
    for option in question.options:
        texts += [option.text, option.rationale]
    for pair in question.pairs:
        texts += [pair.left, pair.right, pair.rationale]
    return texts


class TermUsage:
    """term id -> the records that use it; computed once, on first request."""

    def __init__(self, content, linker):
        self.content = content
        self.linker = linker
        self._index: dict[str, dict[tuple[str, str], Usage]] | None = None

    def _build(self) -> dict[str, dict[tuple[str, str], Usage]]:
        index: dict[str, dict[tuple[str, str], Usage]] = {}

        dates = {e.id: e.display_date for e in self.content.events()}

        def add(term_id: str, kind: str, item_id: str, title: str, explicit: bool) -> None:
            slot = index.setdefault(term_id, {})
            known = slot.get((kind, item_id))
            if known is None or (explicit and not known.explicit):
                date = dates.get(item_id, "") if kind == "event" else ""
                slot[(kind, item_id)] = Usage(kind, item_id, title, explicit, date)

        def mentions(text: str) -> set[str]:
            # "Used in" is generous: a question about the thalidomide-binding domain also
            # uses thalidomide, although the linker links the longer name.
            return self.linker.mentions(text, nested=True)

        records: list[tuple[str, str, str, list[str], tuple[str, ...]]] = []
        for doc in self.content.documents():
            records.append(("document", doc.id, doc.title,
                            [strip_markdown(doc.body), doc.summary], doc.terms))
        for event in self.content.events():
            records.append(("event", event.id, event.headline,
                            [event.headline, event.body, event.dispute_note], event.terms))
        for question in self.content.questions():
            records.append(("question", question.id, " ".join(question.stem.split()),
                            _question_texts(question), question.terms))
        for kind, item_id, title, texts, tagged in records:
            for term_id in tagged:
                add(term_id, kind, item_id, title, True)
            found: set[str] = set()
            for text in texts:
                if text:
                    found |= mentions(text)
            for term_id in found:
                add(term_id, kind, item_id, title, False)
        # Explicit links recorded by the content build (e.g. `term:` links inside notes).
        for term_id in self.linker.terms:
            for link in self.content.links_to("term", term_id):
                if link.source_kind in USAGE_KINDS and (link.source_kind, link.source_id) \
                        not in index.get(term_id, {}):
                    title = self.content.title_of(link.source_kind, link.source_id)
                    add(term_id, link.source_kind, link.source_id, title, True)
        return index

    def used_in(self, term_id: str) -> dict[str, list[Usage]]:
        """kind -> usages of `term_id`, each list sorted by title (kinds in `USAGE_KINDS`)."""
        if self._index is None:
            self._index = self._build()
        found = self._index.get(term_id, {})
        out: dict[str, list[Usage]] = {kind: [] for kind in USAGE_KINDS}
        for usage in found.values():
            out[usage.kind].append(usage)
        for kind, usages in out.items():
            if kind == "event":  # events read best in date order, which their ids do not give
                order = self._event_order()
                usages.sort(key=lambda u: (order.get(u.item_id, 0), u.item_id))
            else:
                usages.sort(key=lambda u: (u.title.casefold(), u.item_id))
        return out

    def _event_order(self) -> dict[str, int]:
        if not hasattr(self, "_events"):
            self._events = {e.id: i for i, e in enumerate(self.content.events())}
        return self._events
