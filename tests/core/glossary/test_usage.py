"""'Used in': every note, event and question that mentions a term, explicitly or in its text."""

from __future__ import annotations

import re

import pytest

from db.text import strip_markdown
from desktop.core.glossary.linker import TermLinker
from desktop.core.glossary.usage import TermUsage


def usage_ids(usage):
    return {kind: {u.item_id for u in items} for kind, items in usage.items()}


def test_used_in_the_fixture_content_is_complete(atlas):
    content = atlas.content
    usage = TermUsage(content, TermLinker(content.terms())).used_in("cereblon")
    assert usage_ids(usage) == {
        "document": {"note-ito-2010"},
        "event": {"cereblon-found-2010"},
        # tagged (001), in the stem (002, 003), in an option (history-001), in a pair (004)
        "question": {"q-mechanism-001", "q-mechanism-002", "q-mechanism-003",
                     "q-history-001", "q-mechanism-004"},
    }
    explicit = {u.item_id for items in usage.values() for u in items if u.explicit}
    assert explicit == {"note-ito-2010", "cereblon-found-2010", "q-mechanism-001"}
    event = usage["event"][0]
    assert event.title == "Cereblon identified as the thalidomide target" and event.date


def independent_pattern(term) -> re.Pattern:
    """A plain regex per name: exact case for names the linker treats as exact."""
    parts = []
    for name in term.names:
        exact = (any(c.isupper() for c in name[1:]) or len(name) <= 4
                 or any(len(w) == 1 for w in re.findall(r"\w+", name)))
        parts.append(("" if exact else "(?i:") + rf"(?<!\w){re.escape(name)}(?!\w)"
                     + ("" if exact else ")"))
    return re.compile("|".join(parts))


@pytest.mark.parametrize("term_id", ["sall4", "cereblon", "thalidomide"])
def test_used_in_a_bundled_term_matches_an_independent_search(bundled_atlas, term_id):
    """Compare with a plain regex over every text. Nested names count: a question about the
    thalidomide-binding domain also uses thalidomide, one about CRL4-CRBN uses CRBN."""
    content = bundled_atlas.content
    usage = TermUsage(content, TermLinker(content.terms())).used_in(term_id)
    pattern = independent_pattern(content.term(term_id))
    expected: dict[str, set[str]] = {"document": set(), "event": set(), "question": set()}
    for doc in content.documents():
        if term_id in doc.terms or pattern.search(strip_markdown(doc.body) + " " + doc.summary):
            expected["document"].add(doc.id)
    for event in content.events():
        if term_id in event.terms or pattern.search(
                " ".join([event.headline, event.body, event.dispute_note])):
            expected["event"].add(event.id)
    for question in content.questions():
        texts = [question.stem, question.explanation, question.objective]
        texts += [t for o in question.options for t in (o.text, o.rationale)]
        texts += [t for p in question.pairs for t in (p.left, p.right, p.rationale)]
        if term_id in question.terms or pattern.search(" ".join(texts)):
            expected["question"].add(question.id)
    assert usage_ids(usage) == expected
    assert len(expected["question"]) >= 10 and expected["event"]
    # Lists are ordered: notes and questions by title, events by date.
    titles = [u.title.casefold() for u in usage["question"]]
    assert titles == sorted(titles)
