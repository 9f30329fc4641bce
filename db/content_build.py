"""Compile content folders into one read-only SQLite file.

The build is deterministic: the same content gives the same rows in the same order, and with
`SOURCE_DATE_EPOCH` set (the reproducible-builds convention) the same bytes. Content is never
migrated: when it or the builder changes, the file is rebuilt from scratch.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from db.content_check import INTERNAL_LINK, check_content
from db.content_format import (
    DIAGRAM_KINDS,
    LINK_SCHEMES,
    SPECS,
    format_partial_date,
    parse_partial_date,
)
from db.content_hash import CONTENT_SCHEMA_VERSION, ContentSource, content_hash, content_stamp
from db.content_loader import LoadedContent, Record, load_content
from db.errors import ContentError
from db.text import first_sentence, greek_variants, strip_markdown


def load_sources(sources: Sequence[ContentSource]) -> list[LoadedContent]:
    """Read every source folder (problems are kept inside each result)."""
    return [load_content(Path(s.root), s.pack) for s in sources]


def build_content_db(sources: Sequence[ContentSource], out: Path) -> Path:
    """Validate and compile `sources` into the SQLite file `out` (atomically replaced).

    Raises ContentError with the full report when any content is invalid; `out` is then left
    as it was.
    """
    loaded = load_sources(sources)
    problems = check_content(loaded)
    if problems:
        raise ContentError(problems)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".content-", suffix=".sqlite", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(loaded, tmp, content_hash(sources), content_stamp(sources))
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def _write(loaded: list[LoadedContent], path: Path, digest: str, stamp: str) -> None:
    import sqlite_utils  # imported here: it pulls in numpy, which start-up must not pay for

    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA journal_mode = DELETE")
    records = sorted(
        (r for folder in loaded for r in folder.records),
        key=lambda r: (r.kind, r.id or "", r.pack),
    )
    by_kind: dict[str, list[Record]] = {}
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    packs = [
        {"name": folder.pack_name, "title": folder.pack.get("title", ""),
         "as_of": folder.pack.get("as_of", ""),
         "description": _clean(folder.pack.get("description", "")), "root": str(folder.root)}
        for folder in loaded
    ]
    with conn:
        _create_tables(db)
        db["packs"].insert_all(packs)
        db["references"].insert_all(_reference_row(r) for r in by_kind.get("reference", []))
        db["documents"].insert_all(_document_row(r) for r in by_kind.get("document", []))
        db["eras"].insert_all(_era_row(r) for r in by_kind.get("era", []))
        db["events"].insert_all(_event_row(r) for r in by_kind.get("event", []))
        db["terms"].insert_all(_term_row(r) for r in by_kind.get("term", []))
        db["questions"].insert_all(_question_row(r) for r in by_kind.get("question", []))
        db["drugs"].insert_all(_drug_row(r) for r in by_kind.get("drug", []))
        db["structures"].insert_all(_structure_row(r) for r in by_kind.get("structure", []))
        db["recall_items"].insert_all(_recall_rows(by_kind))
        for kind in DIAGRAM_KINDS:
            db[f"diagram_{kind}s"].insert_all(
                {"id": r.id, "pack": r.pack, "data": _json(r.data)} for r in by_kind.get(kind, [])
            )
        db["links"].insert_all(_links(records))
        _fill_search(conn, by_kind)
        bundled = loaded[0].pack if loaded else {}
        built = os.environ.get("SOURCE_DATE_EPOCH")
        built_at = time.strftime(
            "%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(built) if built else time.time())
        )
        db["meta"].insert_all([
            {"key": "schema_version", "value": str(CONTENT_SCHEMA_VERSION)},
            {"key": "content_hash", "value": digest},
            {"key": "content_stamp", "value": stamp},
            {"key": "content_as_of", "value": bundled.get("as_of", "")},
            {"key": "content_title", "value": bundled.get("title", "")},
            {"key": "built_at", "value": built_at},
        ])
    conn.execute(f"PRAGMA user_version = {CONTENT_SCHEMA_VERSION}")
    conn.execute("VACUUM")
    conn.close()


def _create_tables(db) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["packs"].create({"name": str, "title": str, "as_of": str, "description": str,
                        "root": str})
    db["references"].create(
        {"id": str, "kind": str, "authors": str, "first_author": str, "title": str,
         "journal": str, "publisher": str, "year": int, "date": str, "volume": str,
         "issue": str, "pages": str, "doi": str, "pmid": str, "pmcid": str, "url": str,
         "summary": str, "note": str, "pack": str},
        pk="id",
    )
    db["documents"].create(
        {"id": str, "title": str, "reference_id": str, "body": str, "summary": str,
         "terms": str, "events": str, "sources": str, "pack": str},
        pk="id",
    )
    db["eras"].create(
        {"id": str, "name": str, "start": str, "end": str, "description": str,
         "start_year": float, "end_year": float, "sources": str, "pack": str},
        pk="id",
    )
    db["events"].create(
        {"id": str, "date": str, "precision": str, "end_date": str, "approximate": int,
         "display_date": str, "lane": str, "drugs": str, "headline": str, "body": str,
         "sources": str, "terms": str, "disputed": int, "dispute_note": str,
         "kind": str, "start_year": float, "end_year": float, "pack": str},
        pk="id",
    )
    db["terms"].create(
        {"id": str, "term": str, "abbreviations": str, "synonyms": str, "category": str,
         "kind": str,
         "definition": str, "short_definition": str, "relevance": str, "common_error": str,
         "see_also": str, "sources": str, "pack": str},
        pk="id",
    )
    db["questions"].create(
        {"id": str, "type": str, "topic": str, "difficulty": str, "stem": str, "options": str,
         "pairs": str, "answer": str, "explanation": str, "objective": str, "sources": str,
         "terms": str, "events": str, "shuffle": int, "vignette": str, "excludes": str,
         "pack": str},
        pk="id",
    )
    db["recall_items"].create(
        {"id": str, "type": str, "note": str, "topic": str, "difficulty": str, "stem": str,
         "blanks": str, "answer": str, "explanation": str, "cloze": str, "objective": str,
         "sources": str, "terms": str, "events": str, "pack": str},
        pk="id",
    )
    db["drugs"].create(
        {"id": str, "name": str, "sort_order": int, "codes": str, "brands": str,
         "neosubstrate_terms": str, "cells": str, "pack": str},
        pk="id",
    )
    db["structures"].create(
        {"id": str, "name": str, "drug": str, "sort_order": int, "smiles": str, "formula": str,
         "molar_mass": float, "inchikey": str, "inchikey_origin": str, "pubchem_cid": str,
         "chebi": str, "stereo": str, "parts": str, "summary": str, "terms": str,
         "sources": str, "pack": str},
        pk="id",
    )
    for kind in DIAGRAM_KINDS:
        db[f"diagram_{kind}s"].create({"id": str, "pack": str, "data": str}, pk="id")
    db["links"].create(
        {"source_kind": str, "source_id": str, "target_kind": str, "target_id": str,
         "relation": str}
    )
    db["links"].create_index(["target_kind", "target_id"])
    db["links"].create_index(["source_kind", "source_id"])
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5("
        "kind UNINDEXED, item_id UNINDEXED, title, body, aliases, "
        "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _list(record: Record, name: str) -> str:
    return _json(list(record.data.get(name) or []))


def _reference_row(r: Record) -> dict:
    d = r.data
    from db.records import Reference

    authors = tuple(d.get("authors") or [])
    ref = Reference(id=r.id, kind=d["kind"], authors=authors, title=d["name"], year=d["year"],
                    summary=d["summary"])
    return {
        "id": r.id, "kind": d["kind"], "authors": _json(list(authors)),
        "first_author": ref.first_author, "title": d["name"].strip(),
        "journal": d.get("journal", ""), "publisher": d.get("publisher", ""), "year": d["year"],
        "date": d.get("date", ""), "volume": str(d.get("volume", "")),
        "issue": str(d.get("issue", "")), "pages": str(d.get("pages", "")),
        "doi": d.get("doi", ""), "pmid": d.get("pmid", ""), "pmcid": d.get("pmcid", ""),
        "url": d.get("url", ""), "summary": _clean(d["summary"]), "note": _clean(d.get("note", "")),
        "pack": r.pack,
    }


def _clean(text: str) -> str:
    """Join hard-wrapped paragraphs: single newlines become spaces, blank lines stay."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _document_row(r: Record) -> dict:
    d = r.data
    return {
        "id": r.id, "title": d["title"], "reference_id": d["reference"], "body": r.body or "",
        "summary": _clean(d.get("summary", "")), "terms": _list(r, "terms"),
        "events": _list(r, "events"), "sources": _list(r, "sources"), "pack": r.pack,
    }


def _era_row(r: Record) -> dict:
    d = r.data
    start = parse_partial_date(d["start"])
    end = parse_partial_date(d["end"]) if d.get("end") else None
    return {
        "id": r.id, "name": d["name"], "start": d["start"], "end": d.get("end", ""),
        "description": d["description"], "start_year": start.as_year_fraction(),
        "end_year": end.as_year_fraction(end=True) if end else 0.0,
        "sources": _list(r, "sources"), "pack": r.pack,
    }


def _event_row(r: Record) -> dict:
    d = r.data
    start = parse_partial_date(d["date"])
    end = parse_partial_date(d["end_date"]) if d.get("end_date") else None
    approximate = bool(d.get("approximate", False))
    label = d.get("display_date") or format_partial_date(start, approximate)
    if end and not d.get("display_date"):
        label = f"{label} – {format_partial_date(end)}"
    return {
        "id": r.id, "date": d["date"], "precision": start.precision,
        "end_date": d.get("end_date", ""), "approximate": int(approximate),
        "display_date": label, "lane": d["lane"], "drugs": _list(r, "drugs"),
        "headline": d["headline"], "body": _clean(d["body"]), "sources": _list(r, "sources"),
        "terms": _list(r, "terms"), "disputed": int(bool(d.get("disputed", False))),
        "dispute_note": _clean(d.get("dispute_note", "")), "kind": d.get("kind", ""),
        "start_year": start.as_year_fraction(),
        "end_year": (end or start).as_year_fraction(end=True), "pack": r.pack,
    }


def _term_row(r: Record) -> dict:
    d = r.data
    definition = _clean(d["definition"])
    return {
        "id": r.id, "term": d["term"], "abbreviations": _list(r, "abbreviations"),
        "synonyms": _list(r, "synonyms"), "category": d["category"], "kind": d.get("kind", ""),
        "definition": definition,
        "short_definition": first_sentence(definition), "relevance": _clean(d["relevance"]),
        "common_error": _clean(d.get("common_error", "")), "see_also": _list(r, "see_also"),
        "sources": _list(r, "sources"), "pack": r.pack,
    }


def question_options(data: dict) -> tuple[list[dict], list[str]]:
    """Normalised options and answer keys for any question type (true/false included)."""
    qtype = data["type"]
    if qtype == "true_false":
        answer = data["answer"]
        options = [
            {"key": "true", "text": "True", "rationale": _clean(data["rationale_true"]),
             "correct": answer is True, "misconception": False},
            {"key": "false", "text": "False", "rationale": _clean(data["rationale_false"]),
             "correct": answer is False, "misconception": False},
        ]
        return options, ["true" if answer else "false"]
    if qtype == "matching":
        return [], []
    answer = data["answer"]
    keys = [answer] if isinstance(answer, str) else list(answer)
    options = [
        {"key": o["key"], "text": _clean(o["text"]), "rationale": _clean(o["rationale"]),
         "correct": qtype != "ordering" and o["key"] in keys,
         "misconception": bool(o.get("misconception", False))}
        for o in data.get("options", [])
    ]
    return options, keys


def _question_row(r: Record) -> dict:
    d = r.data
    options, answer = question_options(d)
    pairs = [
        {"left": p["left"], "right": p["right"], "rationale": _clean(p["rationale"])}
        for p in d.get("pairs", [])
    ]
    return {
        "id": r.id, "type": d["type"], "topic": d["topic"], "difficulty": d["difficulty"],
        "stem": _clean(d["stem"]), "options": _json(options), "pairs": _json(pairs),
        "answer": _json(answer), "explanation": _clean(d["explanation"]),
        "objective": d["objective"], "sources": _list(r, "sources"), "terms": _list(r, "terms"),
        "events": _list(r, "events"), "shuffle": int(d.get("shuffle", True)),
        "vignette": d.get("vignette", ""), "excludes": _list(r, "excludes"), "pack": r.pack,
    }


def _recall_rows(by_kind: dict[str, list[Record]]) -> list[dict]:
    """Cloze records (one row per card) and typed questions, sorted by id."""
    from db.recall_items import cloze_cards, typed_card

    cards = [(card, r) for r in by_kind.get("cloze", []) for card in cloze_cards(r.id, r.data)]
    cards += [(typed_card(r.id, r.data), r) for r in by_kind.get("typed", [])]
    rows = []
    for card, r in sorted(cards, key=lambda c: c[0]["id"]):
        rows.append({
            "id": card["id"], "type": card["type"], "note": card["note"],
            "topic": card["topic"], "difficulty": card["difficulty"], "stem": card["stem"],
            "blanks": _json(card["blanks"]), "answer": _json(card["answer"]),
            "explanation": _clean(card["explanation"]), "cloze": card["cloze"],
            "objective": card["objective"], "sources": _json(card["sources"]),
            "terms": _json(card["terms"]), "events": _json(card["events"]), "pack": r.pack,
        })
    return rows


def _drug_row(r: Record) -> dict:
    from db.content_format import DRUG_CELLS

    d = r.data
    cells = {
        name: {"text": _clean(d[name]["text"]), "sources": list(d[name]["sources"]),
               "date": d[name].get("date", ""), "indication": d[name].get("indication", "")}
        for name in DRUG_CELLS
    }
    return {
        "id": r.id, "name": d["name"], "sort_order": d["order"], "codes": _list(r, "codes"),
        "brands": _list(r, "brands"), "neosubstrate_terms": _list(r, "neosubstrate_terms"),
        "cells": _json(cells), "pack": r.pack,
    }


def _structure_row(r: Record) -> dict:
    d = r.data
    return {
        "id": r.id, "name": d["name"], "drug": d.get("drug", ""), "sort_order": d["order"],
        "smiles": d["smiles"].strip(), "formula": d["formula"],
        "molar_mass": float(d["molar_mass"]), "inchikey": d["inchikey"],
        "inchikey_origin": d["inchikey_origin"], "pubchem_cid": d.get("pubchem_cid", ""),
        "chebi": d.get("chebi", ""), "stereo": d["stereo"], "parts": _list(r, "parts"),
        "summary": _clean(d["summary"]), "terms": _list(r, "terms"),
        "sources": _list(r, "sources"), "pack": r.pack,
    }


_RELATIONS = {"sources": "cites", "terms": "concerns", "events": "concerns",
              "see_also": "see-also", "drugs": "involves", "reference": "studies",
              "neosubstrate_terms": "degrades", "term": "shows", "nodes": "highlights",
              "drug": "about", "source": "from", "target": "to", "edges": "highlights",
              "group": "in"}


def _links(records: list[Record]) -> list[dict]:
    rows: set[tuple[str, str, str, str, str]] = set()
    for r in records:
        spec = SPECS[r.kind]
        for fs in spec.fields:
            value = r.data.get(fs.name)
            if fs.ref and value:
                for target in [value] if isinstance(value, str) else value:
                    rows.add((r.kind, r.id, fs.ref, target, _RELATIONS.get(fs.name, "links")))
            if fs.type in ("table", "tables") and value:
                for item in [value] if isinstance(value, dict) else value:
                    for source in item.get("sources", []):
                        rows.add((r.kind, r.id, "reference", source, "cites"))
        texts = [v for v in r.data.values() if isinstance(v, str)] + [r.body or ""]
        for text in texts:
            for m in INTERNAL_LINK.finditer(text):
                rows.add((r.kind, r.id, LINK_SCHEMES[m.group(1)], m.group(2), "links"))
    return [
        {"source_kind": a, "source_id": b, "target_kind": c, "target_id": d, "relation": e}
        for a, b, c, d, e in sorted(rows)
    ]


def _fill_search(conn: sqlite3.Connection, by_kind: dict[str, list[Record]]) -> None:
    rows: list[tuple[str, str, str, str, str]] = []
    for r in by_kind.get("document", []):
        title = r.data["title"]
        body = strip_markdown(r.body or "")
        rows.append(("document", r.id, title, body, greek_variants(title + " " + body)))
    for r in by_kind.get("reference", []):
        d = r.data
        title = d["name"]
        body = " ".join([d["summary"], d.get("journal", ""), d.get("publisher", "")])
        aliases = " ".join([*d.get("authors", []), str(d["year"]), d.get("doi", ""),
                            d.get("pmid", ""), greek_variants(title + " " + body)])
        rows.append(("reference", r.id, title, _clean(body), aliases))
    for r in by_kind.get("event", []):
        d = r.data
        body = _clean(d["body"] + "\n\n" + d.get("dispute_note", ""))
        rows.append(("event", r.id, d["headline"], body,
                     d["date"][:4] + " " + greek_variants(d["headline"] + " " + body)))
    for r in by_kind.get("term", []):
        d = r.data
        names = [*d.get("abbreviations", []), *d.get("synonyms", [])]
        body = _clean(d["definition"] + "\n\n" + d["relevance"])
        aliases = " ".join(names) + " " + greek_variants(" ".join([d["term"], *names, body]))
        rows.append(("term", r.id, d["term"], body, aliases))
    for r in by_kind.get("question", []):
        d = r.data
        options, _ = question_options(d)
        parts = [o["text"] for o in options] + [
            f"{p['left']} {p['right']}" for p in d.get("pairs", [])]
        body = _clean(d["stem"] + "\n\n" + " ".join(parts) + "\n\n" + d["explanation"])
        rows.append(("question", r.id, _clean(d["stem"])[:200], body, greek_variants(body)))
    conn.executemany(
        "INSERT INTO search (kind, item_id, title, body, aliases) VALUES (?, ?, ?, ?, ?)", rows
    )
