"""The schema of every kind of content record, as data.

`docs/content-format.md` explains it for authors; this module is what `check-content`
enforces. Each kind is a `RecordSpec` listing its fields; nested tables (question options,
drug cells) have specs of their own.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

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
TERM_CATEGORIES = {
    "molecular-biology": "Molecular biology",
    "immunology": "Cell biology and immunology",
    "pharmacology": "Pharmacology and chemistry",
    "myeloma": "Myeloma and clinical measures",
    "treatment": "Treatments and trials",
    "safety": "Safety and regulation",
    "history": "History",
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

#: Internal link targets allowed in Markdown and long text: scheme -> record kind.
LINK_SCHEMES = {
    "term": "term",
    "ref": "reference",
    "event": "event",
    "doc": "document",
    "question": "question",
    "era": "era",
    "drug": "drug",
}


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
                _f("authors", "list", True),
                _f("title", "str", True),
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
            ),
            label="question",
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
            "node",
            (
                _f("id", "slug", True),
                _f("label", "str", True),
                _f("kind", "enum", True, choices=NODE_KINDS),
                _f("term", "id", True, ref="term"),
                _f("x", "number", True),
                _f("y", "number", True),
                _f("sources", "ids", True, ref="reference"),
            ),
            label="diagram node",
        ),
        RecordSpec(
            "edge",
            (
                _f("id", "slug", True),
                _f("source", "id", True, ref="node"),
                _f("target", "id", True, ref="node"),
                _f("label", "str"),
                _f("kind", "enum", choices=("binds", "recruits", "leads-to", "inhibits", "part-of")),
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


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day, as authored (`1961`, `1961-11`, `1961-11-18`)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """`year`, `month` or `day`."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """The authored ISO form."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def as_year_fraction(self, *, end: bool = False) -> float:
        """The date as a fractional year; `end=True` gives the end of the stated period."""
        if self.month is None:
            return self.year + (1.0 if end else 0.0)
        days_in_year = 366 if calendar.isleap(self.year) else 365
        start_of_month = sum(calendar.monthrange(self.year, m)[1] for m in range(1, self.month))
        if self.day is None:
            days = start_of_month + (calendar.monthrange(self.year, self.month)[1] if end else 0)
        else:
            days = start_of_month + self.day - (0 if end else 1)
        return self.year + days / days_in_year


def parse_partial_date(value: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError saying what is wrong."""
    if not isinstance(value, str):
        raise ValueError(f"expected a date string like \"1961-11\", got {value!r}")
    m = PARTIAL_DATE.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has month {month}, which does not exist")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{value!r} has day {day}, but that month has {last} days")
    return PartialDate(year, month, day)


MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)


def format_partial_date(date: PartialDate, approximate: bool = False) -> str:
    """Human label at the date's precision: `1961`, `Nov 1961`, `18 Nov 1961` (`c. 1957`)."""
    if date.day is not None:
        text = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    elif date.month is not None:
        text = f"{MONTHS[date.month - 1]} {date.year}"
    else:
        text = str(date.year)
    return f"c. {text}" if approximate else text
