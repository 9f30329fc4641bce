"""The parts of a structure that the drawings highlight and label, and what each one does.

The names are those of `db.content_format.STRUCTURE_PARTS`; the drawing script, the text
alternatives, the legends and the generated questions all read their words from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.content_format import STRUCTURE_PARTS


@dataclass(frozen=True)
class Part:
    """A highlighted group: `label` is drawn next to it, `role` says what it does."""

    id: str
    label: str
    name: str
    role: str
    #: The glossary term that explains it, if any.
    term: str = ""


PARTS: dict[str, Part] = {p.id: p for p in (
    Part("glutarimide", "Glutarimide", "glutarimide ring",
         "sits in cereblon's tri-tryptophan pocket and anchors the drug", "glutarimide-ring"),
    Part("phthalimide", "Phthalimide", "phthalimide ring",
         "faces out of the pocket and forms part of the surface that neosubstrates touch",
         "phthalimide"),
    Part("isoindolinone", "Isoindolinone", "isoindolinone ring",
         "a phthalimide with one carbonyl fewer; its changed face alters which neosubstrates "
         "are recruited", "isoindolinone"),
    Part("amino-4", "4-NH₂", "amino group at position 4",
         "changes the exposed face of the ring and so the neosubstrates recruited"),
    Part("missing-carbonyl", "CH₂, no C=O", "missing carbonyl",
         "a CH2 where thalidomide's phthalimide has a second C=O", "isoindolinone"),
    Part("chiral-carbon", "Chiral C", "chiral carbon",
         "where the two rings join; the mirror-image forms interconvert in the body",
         "enantiomer"),
    Part("extension", "Extension", "extended arm",
         "the added arm of the newer compounds, which reaches beyond the pocket and makes "
         "extra contacts", "celmod"),
)}
assert tuple(PARTS) == STRUCTURE_PARTS, "parts and the content format disagree"


def part(part_id: str) -> Part:
    """The part named `part_id` (KeyError for an unknown name)."""
    return PARTS[part_id]
