"""Plain, immutable records read from the content database.

Views and the core work with these, never with SQL rows, so that the schema can change in one
place (`db/content_build.py` writes it, `db/content_db.py` reads it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reference:
    id: str
    kind: str
    authors: tuple[str, ...]
    title: str
    year: int
    summary: str
    journal: str = ""
    publisher: str = ""
    date: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    url: str = ""
    note: str = ""
    pack: str = ""

    @property
    def first_author(self) -> str:
        """The first author's surname (or organisation name)."""
        if not self.authors:
            return ""
        first = self.authors[0]
        parts = first.split()
        # "Zhu YX" -> "Zhu"; organisations ("US Food and Drug Administration") stay whole.
        if len(parts) >= 2 and parts[-1].isupper() and len(parts[-1]) <= 4:
            return " ".join(parts[:-1])
        return first

    @property
    def source_name(self) -> str:
        return self.journal or self.publisher

    @property
    def link_url(self) -> str:
        """The best address to open in a browser: DOI, then PubMed, then the URL."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url

    @property
    def short_label(self) -> str:
        """`Zhu 2011`, `Krönke et al. 2014`."""
        if not self.authors:
            words = self.title.split()
            short = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
            return f"{short} {self.year}"
        more = len(self.authors) > 2 or (len(self.authors) == 2 and self.authors[-1] != "et al.")
        return f"{self.first_author}{' et al.' if more else ''} {self.year}"


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    reference_id: str
    body: str
    terms: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    summary: str = ""
    pack: str = ""


@dataclass(frozen=True)
class Era:
    id: str
    name: str
    start: str
    end: str
    description: str
    start_year: float
    end_year: float
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    date: str
    precision: str
    display_date: str
    lane: str
    headline: str
    body: str
    start_year: float
    end_year: float
    end_date: str = ""
    approximate: bool = False
    drugs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    disputed: bool = False
    dispute_note: str = ""
    #: what kind of event this is (db.content_format.EVENT_KINDS); "" when not given
    kind: str = ""
    pack: str = ""

    @property
    def is_period(self) -> bool:
        return bool(self.end_date)

    @property
    def year(self) -> int:
        return int(self.date[:4])


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    category: str
    definition: str
    short_definition: str
    relevance: str
    abbreviations: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    common_error: str = ""
    see_also: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    #: what kind of thing the term names (db.content_format.TERM_KINDS); "" when not given
    kind: str = ""
    pack: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The headword, then abbreviations, then synonyms."""
        return (self.term, *self.abbreviations, *self.synonyms)


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    rationale: str
    correct: bool = False
    misconception: bool = False


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    rationale: str


@dataclass(frozen=True)
class Blank:
    """What one gap of a cloze card, or the answer of a typed question, accepts."""

    #: Accepted answers; the first is the one shown.
    answers: tuple[str, ...]
    #: Shown in the empty gap ("a protein"); may be empty.
    hint: str = ""
    #: How close a misspelling may be (rapidfuzz ratio, 0-100) to count as right.
    threshold: int = 85
    #: For number answers, how far off still counts; None for text answers.
    tolerance: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.answers, tuple):
            object.__setattr__(self, "answers", tuple(self.answers))

    @property
    def numeric(self) -> bool:
        return self.tolerance is not None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    topic: str
    difficulty: str
    stem: str
    explanation: str
    objective: str
    options: tuple[Option, ...] = ()
    pairs: tuple[Pair, ...] = ()
    answer: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    shuffle: bool = True
    pack: str = ""
    generated: bool = False
    #: "clinical", "laboratory" or "trial" when the stem is a vignette to interpret.
    vignette: str = ""
    #: Questions never served in the same session as this one (either one answers the other).
    excludes: tuple[str, ...] = ()
    #: Cloze and typed items: what each gap accepts (a cloze stem marks them {{1}}, {{2}}).
    blanks: tuple[Blank, ...] = ()
    #: Cloze and typed items: the record the card comes from (a cloze note makes one card
    #: per gap number).
    note: str = ""
    #: Cloze cards: the authored sentence with every gap ({{c1::answer}}).
    cloze: str = ""

    def __post_init__(self) -> None:
        # Snapshots come back from JSON with lists; keep the record hashable and comparable.
        if not isinstance(self.excludes, tuple):
            object.__setattr__(self, "excludes", tuple(self.excludes or ()))
        if self.blanks and not all(isinstance(b, Blank) for b in self.blanks):
            object.__setattr__(self, "blanks", tuple(
                b if isinstance(b, Blank) else Blank(**b) for b in self.blanks))
        elif not isinstance(self.blanks, tuple):
            object.__setattr__(self, "blanks", tuple(self.blanks))


@dataclass(frozen=True)
class DrugCell:
    text: str
    sources: tuple[str, ...]
    date: str = ""
    indication: str = ""


@dataclass(frozen=True)
class Drug:
    id: str
    name: str
    order: int
    cells: dict[str, DrugCell] = field(default_factory=dict)
    codes: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    neosubstrate_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Structure:
    """A drug's chemical structure: what the drawing shows and where the identity comes from."""

    id: str
    name: str
    smiles: str
    formula: str
    molar_mass: float
    inchikey: str
    inchikey_origin: str
    stereo: str
    summary: str
    order: int = 0
    drug: str = ""
    pubchem_cid: str = ""
    chebi: str = ""
    parts: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    pack: str = ""


@dataclass(frozen=True)
class Link:
    """A typed link between two records: `source` cites/concerns/mentions `target`."""

    source_kind: str
    source_id: str
    target_kind: str
    target_id: str
    relation: str


@dataclass(frozen=True)
class SearchHit:
    kind: str
    item_id: str
    title: str
    snippet: str
    score: float
    fuzzy: bool = False
