"""The schema of every kind of content record, as data.

`docs/content-format.md` explains it for authors; this module is what `check-content`
enforces. Each kind is a `RecordSpec` listing its fields; nested tables (question options,
drug cells) have specs of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

REFERENCE_KINDS = (
    "review", "primary-research", "trial", "regulatory", "news", "guideline", "book", "web",
)
LANES = {
    "history": "History and society",
    "regulation": "Regulation and safety",
    "mechanism": "Mechanism discoveries",
    "clinical": "Clinical trials",
    "development": "Drug development",
}
#: What kind of thing an event is. Generated "which came first" and ordering questions use
#: only events that happened in the world, never a publication or a date set in advance.
EVENT_KINDS = {
    "discovery": "A research finding first reported: laboratory, structural or clinical",
    "trial": "The readout or report of a clinical trial",
    "regulatory": "A decision or action by a regulator or lawmaker",
    "guideline": "A consensus recommendation that changed practice",
    "history": "Something that happened in society or industry",
    "publication": "A review, commentary or press report, dated by its publication",
    "scheduled": "A date set in advance, such as a target action date",
}
#: Event kinds that are not themselves events in the world (see EVENT_KINDS).
NON_EVENT_KINDS = frozenset({"publication", "scheduled"})
TERM_CATEGORIES = {
    "molecular-biology": "Molecular biology",
    "immunology": "Cell biology and immunology",
    "pharmacology": "Pharmacology and chemistry",
    "myeloma": "Myeloma and clinical measures",
    "treatment": "Treatments and trials",
    "safety": "Safety and regulation",
    "history": "History",
}
#: What kind of thing a term names, finer than its category. Generated glossary questions take
#: their distractors only from terms of the answer's kind (a drug against drugs, a ligase part
#: against ligase parts), so no option can be ruled out for being the wrong sort of thing.
TERM_KINDS = {
    "drug": "A single drug or investigational compound",
    "drug-class": "A class, type or strategy of drugs and therapies",
    "regimen": "A combination of drugs given together",
    "brand": "A brand name",
    "person": "A person",
    "organisation": "A company, agency, committee, charity or working group",
    "ubiquitin-system": "A part of the ubiquitin-proteasome system (ligases, their subunits, "
                        "E1/E2 enzymes, the proteasome, regulators)",
    "substrate": "A protein that cereblon marks for degradation (neosubstrate or endogenous)",
    "transcription-factor": "A transcription factor outside the cereblon substrates",
    "enzyme": "An enzyme outside the ubiquitin system",
    "surface-protein": "A receptor or surface protein",
    "cytokine": "A cytokine or growth factor",
    "cell-type": "A cell type or the tissue made of cells",
    "process": "A biological process or pathway",
    "chemical-group": "A ring or group of the drug molecules",
    "protein-structure": "A protein domain, pocket or motif",
    "chemistry": "A concept of chemistry (chirality, hydrolysis)",
    "drug-property": "A pharmacological property of drugs",
    "research-concept": "A concept or tool of molecular research",
    "disease": "A disease or condition",
    "adverse-effect": "An adverse effect or birth defect",
    "diagnostic": "A test, marker or finding used to diagnose or classify myeloma",
    "response-measure": "A staging system or response category",
    "trial-concept": "A term of trial design or an endpoint",
    "disease-state": "A stage or state of treated disease",
    "treatment-strategy": "A phase or strategy of treatment",
    "regulation": "A regulatory pathway, document, status or programme",
    "history-event": "An event of the thalidomide story and its aftermath",
}
QUESTION_TYPES = {
    "single": "Single best answer",
    "multi": "Multiple select",
    "true_false": "True or false",
    "ordering": "Ordering",
    "matching": "Matching",
}
TOPICS = {
    "history": "History",
    "mechanism": "Mechanism",
    "clinical": "Clinical use",
    "safety": "Safety",
    "resistance": "Resistance and biomarkers",
    "next-generation": "Next-generation agents",
}
DIFFICULTIES = ("recall", "understanding", "reasoning")
#: Recall items (authored as [[cloze]] and [[typed]] records) and how the quiz names them.
RECALL_TYPES = {
    "cloze": "Cloze (fill the gaps)",
    "typed": "Typed answer",
}
#: What a vignette item asks the reader to interpret: a patient, a laboratory finding or
#: experiment, or a trial result.
VIGNETTES = {
    "clinical": "Clinical vignette",
    "laboratory": "Laboratory vignette",
    "trial": "Trial-result vignette",
}
DRUG_CELLS = {
    "class_notes": "Chemical class",
    "fda_approval": "First FDA approval",
    "ema_approval": "First EU approval",
    "myeloma_use": "Main myeloma uses",
    "toxicities": "Notable toxicities",
    "pregnancy_programme": "Pregnancy prevention",
    "neosubstrates": "Neosubstrates",
    "potency": "Relative potency",
    "status": "Status",
}
NODE_KINDS = ("ligase", "drug", "neosubstrate", "process", "effect", "cell", "teratogenic")
EDGE_KINDS = ("binds", "recruits", "leads-to", "inhibits", "part-of")
#: The parts of a structure drawing that can be highlighted and labelled (`[[structure]]`
#: `parts`); `desktop/core/chemistry/groups.py` says what each one is and does.
STRUCTURE_PARTS = (
    "glutarimide", "phthalimide", "isoindolinone", "amino-4", "missing-carbonyl",
    "chiral-carbon", "extension",
)
#: How a structure record draws its chiral carbon: both forms, one named form, or not stated
#: by the source.
STRUCTURE_STEREO = ("racemate", "S", "R", "unspecified")
#: Where a record's InChIKey comes from: printed by the database or paper cited (`source`), or
#: computed from the structure as the cited paper or patent names or draws it (`name`).
INCHIKEY_ORIGINS = ("source", "name")
#: Record kinds that make up the mechanism diagram (each stored in a `diagram_<kind>s` table).
DIAGRAM_KINDS = ("node", "edge", "group", "step", "highlight")

#: Internal link targets allowed in Markdown and long text: scheme -> record kind.
from db.link_schemes import LINK_SCHEMES  # noqa: E402,F401  (re-exported for the validator)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record: its type, whether it is required, and what it may refer to.

    `type` is one of: slug, str, text, int, bool, date, enum, list (of str), ids (list of ids
    of `ref` kind), id (one id of `ref` kind), answer, table (nested `spec`), tables (list of
    nested `spec`).
    """

    name: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None
    spec: RecordSpec | None = None


@dataclass(frozen=True)
class RecordSpec:
    """A kind of record: the TOML array name and its fields."""

    kind: str
    fields: tuple[FieldSpec, ...]
    label: str = ""
    has_id: bool = True
    by_name: dict[str, FieldSpec] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self.by_name.update({f.name: f for f in self.fields})


def _f(name: str, type_: str, required: bool = False, **kw) -> FieldSpec:
    return FieldSpec(name, type_, required, **kw)


OPTION = RecordSpec(
    "option",
    (
        _f("key", "str", True),
        _f("text", "text", True),
        _f("rationale", "text", True),
        _f("misconception", "bool"),
    ),
    has_id=False,
)
PAIR = RecordSpec(
    "pair",
    (_f("left", "str", True), _f("right", "str", True), _f("rationale", "text", True)),
    has_id=False,
)
DRUG_CELL = RecordSpec(
    "cell",
    (
        _f("text", "text", True),
        _f("sources", "ids", True, ref="reference"),
        _f("date", "date"),
        _f("indication", "text"),
    ),
    has_id=False,
)

PACK = RecordSpec(
    "pack",
    (
        _f("title", "str", True),
        _f("as_of", "date", True),
        _f("description", "text"),
        _f("authors", "list"),
    ),
    has_id=False,
)

SPECS: dict[str, RecordSpec] = {
    s.kind: s
    for s in (
        RecordSpec(
            "reference",
            (
                _f("id", "slug", True),
                _f("kind", "enum", True, choices=REFERENCE_KINDS),
                _f("authors", "list"),
                _f("name", "str", True),
                _f("journal", "str"),
                _f("publisher", "str"),
                _f("year", "int", True),
                _f("date", "date"),
                _f("volume", "str"),
                _f("issue", "str"),
                _f("pages", "str"),
                _f("doi", "str"),
                _f("pmid", "str"),
                _f("pmcid", "str"),
                _f("url", "str"),
                _f("accessed", "date"),
                _f("summary", "text", True),
                _f("note", "text"),
            ),
            label="reference",
        ),
        RecordSpec(
            "document",
            (
                _f("id", "slug", True),
                _f("title", "str", True),
                _f("reference", "id", True, ref="reference"),
                _f("terms", "ids", ref="term"),
                _f("events", "ids", ref="event"),
                _f("sources", "ids", True, ref="reference"),
                _f("summary", "text"),
            ),
            label="document",
        ),
        RecordSpec(
            "era",
            (
                _f("id", "slug", True),
                _f("name", "str", True),
                _f("start", "date", True),
                _f("end", "date"),
                _f("description", "str", True),
                _f("sources", "ids", True, ref="reference"),
            ),
            label="era",
        ),
        RecordSpec(
            "event",
            (
                _f("id", "slug", True),
                _f("date", "date", True),
                _f("end_date", "date"),
                _f("approximate", "bool"),
                _f("display_date", "str"),
                _f("lane", "enum", True, choices=tuple(LANES)),
                _f("kind", "enum", choices=tuple(EVENT_KINDS)),
                _f("drugs", "ids", ref="drug"),
                _f("headline", "str", True),
                _f("body", "text", True),
                _f("sources", "ids", True, ref="reference"),
                _f("terms", "ids", ref="term"),
                _f("disputed", "bool"),
                _f("dispute_note", "text"),
            ),
            label="event",
        ),
        RecordSpec(
            "term",
            (
                _f("id", "slug", True),
                _f("term", "str", True),
                _f("abbreviations", "list"),
                _f("synonyms", "list"),
                _f("category", "enum", True, choices=tuple(TERM_CATEGORIES)),
                _f("kind", "enum", choices=tuple(TERM_KINDS)),
                _f("definition", "text", True),
                _f("relevance", "text", True),
                _f("common_error", "text"),
                _f("see_also", "ids", ref="term"),
                _f("sources", "ids", True, ref="reference"),
            ),
            label="term",
        ),
        RecordSpec(
            "question",
            (
                _f("id", "slug", True),
                _f("type", "enum", True, choices=tuple(QUESTION_TYPES)),
                _f("topic", "enum", True, choices=tuple(TOPICS)),
                _f("difficulty", "enum", True, choices=DIFFICULTIES),
                _f("stem", "text", True),
                _f("options", "tables", spec=OPTION),
                _f("pairs", "tables", spec=PAIR),
                _f("answer", "answer"),
                _f("rationale_true", "text"),
                _f("rationale_false", "text"),
                _f("explanation", "text", True),
                _f("objective", "str", True),
                _f("sources", "ids", True, ref="reference"),
                _f("terms", "ids", ref="term"),
                _f("events", "ids", ref="event"),
                _f("shuffle", "bool"),
                _f("vignette", "enum", choices=tuple(VIGNETTES)),
                _f("excludes", "ids", ref="question"),
            ),
            label="question",
        ),
        RecordSpec(
            "cloze",
            (
                _f("id", "slug", True),
                _f("topic", "enum", True, choices=tuple(TOPICS)),
                _f("difficulty", "enum", True, choices=DIFFICULTIES),
                _f("text", "text", True),
                _f("objective", "str", True),
                _f("sources", "ids", True, ref="reference"),
                _f("explanation", "text"),
                _f("terms", "ids", ref="term"),
                _f("events", "ids", ref="event"),
                _f("threshold", "int"),
                _f("tolerance", "number"),
            ),
            label="cloze item",
        ),
        RecordSpec(
            "typed",
            (
                _f("id", "slug", True),
                _f("topic", "enum", True, choices=tuple(TOPICS)),
                _f("difficulty", "enum", True, choices=DIFFICULTIES),
                _f("stem", "text", True),
                _f("answers", "list", True),
                _f("explanation", "text", True),
                _f("objective", "str", True),
                _f("sources", "ids", True, ref="reference"),
                _f("terms", "ids", ref="term"),
                _f("events", "ids", ref="event"),
                _f("threshold", "int"),
                _f("tolerance", "number"),
            ),
            label="typed-answer question",
        ),
        RecordSpec(
            "drug",
            (
                _f("id", "slug", True),
                _f("name", "str", True),
                _f("codes", "list"),
                _f("brands", "list"),
                _f("order", "int", True),
                _f("neosubstrate_terms", "ids", ref="term"),
                *(_f(name, "table", True, spec=DRUG_CELL) for name in DRUG_CELLS),
            ),
            label="drug",
        ),
        RecordSpec(
            "structure",
            (
                _f("id", "slug", True),
                _f("name", "str", True),
                _f("drug", "id", ref="drug"),
                _f("order", "int", True),
                _f("smiles", "str", True),
                _f("formula", "str", True),
                _f("molar_mass", "number", True),
                _f("inchikey", "str", True),
                _f("inchikey_origin", "enum", True, choices=INCHIKEY_ORIGINS),
                _f("pubchem_cid", "str"),
                _f("chebi", "str"),
                _f("stereo", "enum", True, choices=STRUCTURE_STEREO),
                _f("parts", "list", True),
                _f("summary", "text", True),
                _f("terms", "ids", ref="term"),
                _f("sources", "ids", True, ref="reference"),
            ),
            label="structure",
        ),
        RecordSpec(
            "node",
            (
                _f("id", "slug", True),
                _f("label", "str", True),
                _f("kind", "enum", True, choices=NODE_KINDS),
                _f("term", "id", True, ref="term"),
                _f("x", "number", True),
                _f("y", "number", True),
                _f("sources", "ids", True, ref="reference"),
                _f("caption", "str"),
                _f("group", "id", ref="group"),
                _f("answers", "list"),
            ),
            label="diagram node",
        ),
        RecordSpec(
            "group",
            (
                _f("id", "slug", True),
                _f("label", "str", True),
                _f("term", "id", ref="term"),
            ),
            label="diagram group",
        ),
        RecordSpec(
            "edge",
            (
                _f("id", "slug", True),
                _f("source", "id", True, ref="node"),
                _f("target", "id", True, ref="node"),
                _f("label", "str"),
                _f("kind", "enum", choices=EDGE_KINDS),
                _f("uncertain", "bool"),
            ),
            label="diagram edge",
        ),
        RecordSpec(
            "step",
            (
                _f("id", "slug", True),
                _f("order", "int", True),
                _f("title", "str", True),
                _f("text", "text", True),
                _f("nodes", "ids", True, ref="node"),
                _f("edges", "ids", ref="edge"),
                _f("sources", "ids", True, ref="reference"),
            ),
            label="narration step",
        ),
        RecordSpec(
            "highlight",
            (
                _f("id", "slug", True),
                _f("drug", "id", True, ref="drug"),
                _f("nodes", "ids", True, ref="node"),
                _f("text", "text", True),
                _f("sources", "ids", True, ref="reference"),
            ),
            label="drug highlight",
        ),
    )
}


from db.dates import (  # noqa: E402,F401  (re-exported)
    MONTHS,
    PartialDate,
    format_partial_date,
    parse_partial_date,
)
