"""Read-only access to the compiled content database.

`ensure_content_db` builds the file when it is missing or stale (content or builder changed);
`ContentDB` opens it read-only and returns records from `db.records`. The content database is
derived data: it is rebuilt, never migrated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from db.content_hash import (
    ContentSource,
    content_hash,
    content_stamp,
    stored_fingerprint,
)
from db.errors import KnownDbError
from db.sqlite_uri import read_only_uri

if TYPE_CHECKING:  # imported lazily below: building these classes costs start-up time
    from db.records import (
        Document,
        Drug,
        Era,
        Event,
        Link,
        Question,
        Reference,
        Structure,
        Term,
    )


def ensure_content_db(sources: Sequence[ContentSource], path: Path,
                      shipped: Path | None = None) -> tuple[Path, bool]:
    """Build `path` from `sources` unless it is already up to date.

    The cheap stamp (names, sizes, times) is checked first; only when it differs is every file
    read and hashed, so a fresh checkout with new times but the same content is not rebuilt.
    `shipped` is the database compiled when the package was built: when it matches `sources`
    it is copied instead of compiling (`db.shipped`).
    Returns (path, rebuilt). Raises `ContentError` when the content is invalid.
    """
    path = Path(path)
    digest = None
    if path.exists():
        stored_digest, stored_stamp = stored_fingerprint(path)
        if stored_stamp and stored_stamp == content_stamp(sources):
            return path, False
        digest = content_hash(sources)
        if stored_digest and stored_digest == digest:
            return path, False
    if shipped is not None:
        from db.shipped import install_shipped_content

        if install_shipped_content(shipped, sources, path, digest):
            return path, False
    from db.content_build import build_content_db  # only when a (re)build is needed

    build_content_db(sources, path)
    return path, True


def _tuple(value: str | None) -> tuple:
    return tuple(json.loads(value)) if value else ()


class ContentDB:
    """The content database, opened read-only. Methods return plain records."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.conn = sqlite3.connect(read_only_uri(self.path), uri=True,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("SELECT 1 FROM meta LIMIT 1")
        except sqlite3.Error as exc:
            raise KnownDbError(f"The content database {self.path} cannot be read: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, params: Sequence = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    # -- metadata ---------------------------------------------------------------------------

    @cached_property
    def meta(self) -> dict[str, str]:
        """Schema version, content hash, build time and the content's "as of" date."""
        return {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM meta")}

    def packs(self) -> list[dict]:
        """The content folders this database was built from (bundled first)."""
        return [dict(r) for r in self._rows("SELECT * FROM packs")]

    def counts(self) -> dict[str, int]:
        """Number of records of each kind."""
        tables = {
            "references": "references", "documents": "documents", "events": "events",
            "eras": "eras", "terms": "terms", "questions": "questions", "drugs": "drugs",
            "diagram_nodes": "diagram_nodes", "diagram_steps": "diagram_steps",
            "recall_items": "recall_items",
        }
        return {
            key: self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for key, table in tables.items()
        }

    def question_counts(self, column: str) -> dict[str, int]:
        """Questions per `type` or per `topic`."""
        if column not in ("type", "topic", "difficulty"):
            raise ValueError(column)
        rows = self._rows(f"SELECT {column} AS k, count(*) AS n FROM questions "
                          "GROUP BY k ORDER BY k")
        return {r["k"]: r["n"] for r in rows}

    # -- references and documents ------------------------------------------------------------

    @staticmethod
    def _reference(row: sqlite3.Row) -> Reference:
        from db.records import Reference

        return Reference(
            id=row["id"], kind=row["kind"], authors=_tuple(row["authors"]), title=row["title"],
            year=row["year"], summary=row["summary"], journal=row["journal"],
            publisher=row["publisher"], date=row["date"], volume=row["volume"],
            issue=row["issue"], pages=row["pages"], doi=row["doi"], pmid=row["pmid"],
            pmcid=row["pmcid"], url=row["url"], note=row["note"], pack=row["pack"],
        )

    def references(self) -> list[Reference]:
        return [self._reference(r) for r in self._rows(
            'SELECT * FROM "references" ORDER BY year, first_author, id')]

    def reference(self, ref_id: str) -> Reference | None:
        rows = self._rows('SELECT * FROM "references" WHERE id = ?', (ref_id,))
        return self._reference(rows[0]) if rows else None

    @staticmethod
    def _document(row: sqlite3.Row) -> Document:
        from db.records import Document

        return Document(
            id=row["id"], title=row["title"], reference_id=row["reference_id"], body=row["body"],
            terms=_tuple(row["terms"]), events=_tuple(row["events"]),
            sources=_tuple(row["sources"]), summary=row["summary"], pack=row["pack"],
        )

    def documents(self) -> list[Document]:
        return [self._document(r) for r in self._rows("SELECT * FROM documents ORDER BY title")]

    def document(self, doc_id: str) -> Document | None:
        rows = self._rows("SELECT * FROM documents WHERE id = ?", (doc_id,))
        return self._document(rows[0]) if rows else None

    def document_for_reference(self, ref_id: str) -> Document | None:
        rows = self._rows("SELECT * FROM documents WHERE reference_id = ? ORDER BY id", (ref_id,))
        return self._document(rows[0]) if rows else None

    # -- timeline ----------------------------------------------------------------------------

    @staticmethod
    def _event(row: sqlite3.Row) -> Event:
        from db.records import Event

        return Event(
            id=row["id"], date=row["date"], precision=row["precision"],
            display_date=row["display_date"], lane=row["lane"], headline=row["headline"],
            body=row["body"], start_year=row["start_year"], end_year=row["end_year"],
            end_date=row["end_date"], approximate=bool(row["approximate"]),
            drugs=_tuple(row["drugs"]), sources=_tuple(row["sources"]),
            terms=_tuple(row["terms"]), disputed=bool(row["disputed"]),
            dispute_note=row["dispute_note"], kind=row["kind"], pack=row["pack"],
        )

    def events(self) -> list[Event]:
        """All events in date order."""
        return [self._event(r) for r in self._rows(
            "SELECT * FROM events ORDER BY start_year, end_year, id")]

    def event(self, event_id: str) -> Event | None:
        rows = self._rows("SELECT * FROM events WHERE id = ?", (event_id,))
        return self._event(rows[0]) if rows else None

    def eras(self) -> list[Era]:
        from db.records import Era

        return [
            Era(id=r["id"], name=r["name"], start=r["start"], end=r["end"],
                description=r["description"], start_year=r["start_year"],
                end_year=r["end_year"], sources=_tuple(r["sources"]))
            for r in self._rows("SELECT * FROM eras ORDER BY start_year, id")
        ]

    # -- glossary ----------------------------------------------------------------------------

    @staticmethod
    def _term(row: sqlite3.Row) -> Term:
        from db.records import Term

        return Term(
            id=row["id"], term=row["term"], category=row["category"], kind=row["kind"],
            definition=row["definition"], short_definition=row["short_definition"],
            relevance=row["relevance"], abbreviations=_tuple(row["abbreviations"]),
            synonyms=_tuple(row["synonyms"]), common_error=row["common_error"],
            see_also=_tuple(row["see_also"]), sources=_tuple(row["sources"]), pack=row["pack"],
        )

    def terms(self) -> list[Term]:
        return [self._term(r) for r in self._rows(
            "SELECT * FROM terms ORDER BY term COLLATE NOCASE")]

    def term(self, term_id: str) -> Term | None:
        rows = self._rows("SELECT * FROM terms WHERE id = ?", (term_id,))
        return self._term(rows[0]) if rows else None

    # -- questions ---------------------------------------------------------------------------

    @staticmethod
    def _question(row: sqlite3.Row) -> Question:
        from db.records import Option, Pair, Question

        options = tuple(
            Option(key=o["key"], text=o["text"], rationale=o["rationale"],
                   correct=o["correct"], misconception=o["misconception"])
            for o in json.loads(row["options"])
        )
        pairs = tuple(Pair(**p) for p in json.loads(row["pairs"]))
        return Question(
            id=row["id"], type=row["type"], topic=row["topic"], difficulty=row["difficulty"],
            stem=row["stem"], explanation=row["explanation"], objective=row["objective"],
            options=options, pairs=pairs, answer=_tuple(row["answer"]),
            sources=_tuple(row["sources"]), terms=_tuple(row["terms"]),
            events=_tuple(row["events"]), shuffle=bool(row["shuffle"]), pack=row["pack"],
            vignette=row["vignette"] or "", excludes=_tuple(row["excludes"]),
        )

    def questions(self) -> list[Question]:
        return [self._question(r) for r in self._rows("SELECT * FROM questions ORDER BY id")]

    def question(self, question_id: str) -> Question | None:
        rows = self._rows("SELECT * FROM questions WHERE id = ?", (question_id,))
        return self._question(rows[0]) if rows else None

    # -- recall items (cloze cards and typed questions) --------------------------------------

    @staticmethod
    def _recall_item(row: sqlite3.Row) -> Question:
        from db.records import Blank, Question

        return Question(
            id=row["id"], type=row["type"], topic=row["topic"], difficulty=row["difficulty"],
            stem=row["stem"], explanation=row["explanation"], objective=row["objective"],
            answer=_tuple(row["answer"]), sources=_tuple(row["sources"]),
            terms=_tuple(row["terms"]), events=_tuple(row["events"]), shuffle=False,
            pack=row["pack"], note=row["note"], cloze=row["cloze"] or "",
            blanks=tuple(Blank(**b) for b in json.loads(row["blanks"])),
        )

    def recall_items(self) -> list[Question]:
        """Every cloze card and typed question (see `db.recall_items`), by id."""
        if not self.has_table("recall_items"):
            return []
        return [self._recall_item(r) for r in self._rows(
            "SELECT * FROM recall_items ORDER BY id")]

    def recall_item(self, item_id: str) -> Question | None:
        if not self.has_table("recall_items"):
            return None
        rows = self._rows("SELECT * FROM recall_items WHERE id = ?", (item_id,))
        return self._recall_item(rows[0]) if rows else None

    def recall_count(self) -> int:
        if not self.has_table("recall_items"):
            return 0
        return self.conn.execute("SELECT count(*) FROM recall_items").fetchone()[0]

    def has_table(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                 "name = ?", (name,)).fetchone() is not None

    # -- drugs -------------------------------------------------------------------------------

    def drugs(self) -> list[Drug]:
        from db.records import Drug, DrugCell

        out = []
        for r in self._rows("SELECT * FROM drugs ORDER BY sort_order, id"):
            cells = {
                name: DrugCell(text=c["text"], sources=tuple(c["sources"]), date=c["date"],
                               indication=c["indication"])
                for name, c in json.loads(r["cells"]).items()
            }
            out.append(Drug(id=r["id"], name=r["name"], order=r["sort_order"], cells=cells,
                            codes=_tuple(r["codes"]), brands=_tuple(r["brands"]),
                            neosubstrate_terms=_tuple(r["neosubstrate_terms"])))
        return out

    # -- structures ---------------------------------------------------------------------------

    def structures(self) -> list[Structure]:
        """Every drug structure, in the authored order (none in a database without them)."""
        from db.records import Structure

        try:
            rows = self._rows("SELECT * FROM structures ORDER BY sort_order, id")
        except sqlite3.OperationalError:
            return []
        return [Structure(
            id=r["id"], name=r["name"], smiles=r["smiles"], formula=r["formula"],
            molar_mass=r["molar_mass"], inchikey=r["inchikey"],
            inchikey_origin=r["inchikey_origin"], stereo=r["stereo"], summary=r["summary"],
            order=r["sort_order"], drug=r["drug"] or "", pubchem_cid=r["pubchem_cid"] or "",
            chebi=r["chebi"] or "", parts=_tuple(r["parts"]), terms=_tuple(r["terms"]),
            sources=_tuple(r["sources"]), pack=r["pack"] or "") for r in rows]

    def structure(self, structure_id: str) -> Structure | None:
        return next((s for s in self.structures() if s.id == structure_id), None)

    def diagram(self, kind: str) -> list[dict]:
        """Raw mechanism-diagram records of `kind` (node, edge, group, step, highlight)."""
        if kind not in ("node", "edge", "group", "step", "highlight"):
            raise ValueError(kind)
        return [json.loads(r["data"]) for r in self._rows(
            f"SELECT data FROM diagram_{kind}s ORDER BY id")]

    # -- links -------------------------------------------------------------------------------

    def links_to(self, kind: str, item_id: str) -> list[Link]:
        """Every record that cites, concerns or links to (`kind`, `item_id`)."""
        from db.records import Link

        return [Link(*r) for r in self._rows(
            "SELECT source_kind, source_id, target_kind, target_id, relation FROM links "
            "WHERE target_kind = ? AND target_id = ? ORDER BY source_kind, source_id",
            (kind, item_id))]

    def links_from(self, kind: str, item_id: str) -> list[Link]:
        from db.records import Link

        return [Link(*r) for r in self._rows(
            "SELECT source_kind, source_id, target_kind, target_id, relation FROM links "
            "WHERE source_kind = ? AND source_id = ? ORDER BY target_kind, target_id",
            (kind, item_id))]

    def title_of(self, kind: str, item_id: str) -> str:
        """A display title for any record, or the id when it is unknown."""
        sql = {
            "reference": 'SELECT title FROM "references" WHERE id = ?',
            "document": "SELECT title FROM documents WHERE id = ?",
            "event": "SELECT headline FROM events WHERE id = ?",
            "term": "SELECT term FROM terms WHERE id = ?",
            "question": "SELECT stem FROM questions WHERE id = ?",
            "era": "SELECT name FROM eras WHERE id = ?",
            "drug": "SELECT name FROM drugs WHERE id = ?",
            "structure": "SELECT name FROM structures WHERE id = ?",
        }.get(kind)
        if sql:
            row = self.conn.execute(sql, (item_id,)).fetchone()
            if row:
                return row[0]
        return item_id
