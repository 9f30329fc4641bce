"""Validate content records: fields, ids, cross-references, dates and answers.

`check_content` returns every problem it finds, each with file and line, so an author fixes
a whole batch in one pass. The build refuses content that has any problem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from db.content_format import (
    LINK_SCHEMES,
    PACK,
    SLUG,
    SPECS,
    STRUCTURE_PARTS,
    FieldSpec,
    PartialDate,
    RecordSpec,
    parse_partial_date,
)
from db.content_loader import LoadedContent, Problem, Record, load_content

INTERNAL_LINK = re.compile(r"\]\((" + "|".join(LINK_SCHEMES) + r"):([^)\s]*)\)")
JOURNAL_KINDS = {"review", "primary-research", "trial"}
URL_KINDS = {"regulatory", "news", "web"}
EARLIEST_YEAR = 1800


def check_content(
    loaded: LoadedContent | Iterable[LoadedContent], base: Iterable[LoadedContent] = ()
) -> list[Problem]:
    """Every problem in `loaded` (one content folder or several checked together).

    `base` is content that `loaded` may refer to but that is not itself reported on, such as
    the bundled content when a teacher's pack is checked.
    """
    folders = [loaded] if isinstance(loaded, LoadedContent) else list(loaded)
    base = list(base)
    problems: list[Problem] = []
    for folder in folders:
        problems.extend(folder.problems)
        problems.extend(_check_pack(folder))
    records = [r for folder in folders for r in folder.records]
    as_of = _as_of(folders + base)
    for record in records:
        problems.extend(_check_fields(record, SPECS[record.kind], record.data, record.line))
    index = _index(records + [r for folder in base for r in folder.records])
    problems.extend(_check_duplicates(records, base))
    for record in records:
        problems.extend(_check_references(record, index))
        checker = _KIND_CHECKS.get(record.kind)
        if checker:
            problems.extend(checker(record, as_of))
    problems.extend(_check_unique_text(records, "event", "headline"))
    problems.extend(_check_unique_text(records, "term", "term"))
    problems.extend(_check_diagram(records + [r for folder in base for r in folder.records],
                                   {id(r) for r in records}))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def check_folder(root: Path, base_roots: Iterable[Path] = ()) -> list[Problem]:
    """Load and check one content folder (optionally against other folders it builds on)."""
    base = [load_content(Path(b)) for b in base_roots]
    return check_content(load_content(Path(root)), base)


def _as_of(folders: list[LoadedContent]) -> PartialDate | None:
    for folder in folders:
        try:
            return parse_partial_date(folder.pack.get("as_of", ""))
        except ValueError:
            continue
    return None


def _check_pack(folder: LoadedContent) -> list[Problem]:
    if not folder.pack:
        if folder.problems and not folder.records:
            return []
        where = folder.root.name + "/content.toml" if folder.root.name else "content.toml"
        return [Problem(where, None, "missing content.toml with a [pack] table (title, as_of)")]
    fake = Record("pack", folder.pack, folder.pack_path, folder.pack_line)
    return _check_fields(fake, PACK, folder.pack, folder.pack_line)


def _check_fields(record: Record, spec: RecordSpec, data: dict, line: int,
                  prefix: str = "") -> list[Problem]:
    problems = []
    who = record.label

    def problem(field_name: str, message: str, at: int | None = None) -> None:
        where = at if at is not None else (
            record.line_of(field_name) if not prefix else line
        )
        problems.append(Problem(record.path, where, message, who))

    for name in data:
        if name not in spec.by_name:
            known = ", ".join(spec.by_name)
            problem(name, f"unknown field {prefix}{name!r} (known fields: {known})")
    for fs in spec.fields:
        value = data.get(fs.name)
        if value is None:
            if fs.required:
                problem(fs.name, f"missing required field {prefix}{fs.name!r}", at=line)
            continue
        message = _type_error(fs, value)
        if message:
            problem(fs.name, f"field {prefix}{fs.name!r}: {message}")
            continue
        if fs.type in ("table", "tables") and fs.spec is not None:
            items = [value] if fs.type == "table" else value
            sub_lines = record.sub_lines.get(fs.name, [])
            for i, item in enumerate(items):
                at = sub_lines[i] if i < len(sub_lines) else record.line_of(fs.name)
                label = f"{fs.name}[{i + 1}]." if fs.type == "tables" else f"{fs.name}."
                problems.extend(_check_fields(record, fs.spec, item, at, prefix + label))
    return problems


def _type_error(fs: FieldSpec, value) -> str | None:
    t = fs.type
    if t == "slug":
        if not isinstance(value, str) or not SLUG.match(value):
            return f"{value!r} is not a valid id (lowercase letters, digits and single hyphens)"
    elif t in ("str", "text"):
        if not isinstance(value, str):
            return f"expected text, got {type(value).__name__}"
        if not value.strip():
            return "is empty"
        if t == "str" and "\n" in value.strip():
            return "must be a single line"
    elif t == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"expected a whole number, got {value!r}"
    elif t == "number":
        if not isinstance(value, int | float) or isinstance(value, bool):
            return f"expected a number, got {value!r}"
    elif t == "bool":
        if not isinstance(value, bool):
            return f"expected true or false, got {value!r}"
    elif t == "date":
        try:
            parse_partial_date(value)
        except ValueError as exc:
            return str(exc)
    elif t == "enum":
        if value not in fs.choices:
            return f"{value!r} is not one of: {', '.join(fs.choices)}"
    elif t in ("list", "ids"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "expected a list of non-empty strings"
        if fs.required and not value:
            return "must not be empty"
        if len(set(value)) != len(value):
            dupes = sorted({v for v in value if value.count(v) > 1})
            return f"lists {', '.join(map(repr, dupes))} more than once"
    elif t == "id":
        if not isinstance(value, str) or not value.strip():
            return "expected an id"
    elif t == "table":
        if not isinstance(value, dict):
            return "expected a table"
    elif t == "tables" and not (isinstance(value, list)
                                and all(isinstance(v, dict) for v in value)):
        return "expected [[...]] tables"
    return None


def _index(records: list[Record]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.id:
            index[record.kind].add(record.id)
    return index


def _check_duplicates(records: list[Record], base: list[LoadedContent]) -> list[Problem]:
    seen: dict[tuple[str, str], Record] = {}
    for folder in base:
        for record in folder.records:
            if record.id:
                seen[(record.kind, record.id)] = record
    problems = []
    for record in records:
        if not record.id:
            continue
        key = (record.kind, record.id)
        if key in seen:
            first = seen[key]
            problems.append(Problem(
                record.path, record.line_of("id"),
                f"duplicate id: already used at {first.path}:{first.line_of('id')}", record.label,
            ))
        else:
            seen[key] = record
    return problems


def _check_references(record: Record, index: dict[str, set[str]]) -> list[Problem]:
    problems = []
    spec = SPECS[record.kind]

    def dangling(field_name: str, target_kind: str, value: str, at: int) -> None:
        problems.append(Problem(
            record.path, at, f"field {field_name!r}: no {target_kind} with id {value!r}",
            record.label,
        ))

    def check_ids(fs: FieldSpec, value, at: int, name: str) -> None:
        if fs.ref is None:
            return
        if fs.type == "id" and isinstance(value, str) and value not in index[fs.ref]:
            dangling(name, fs.ref, value, at)
        elif fs.type == "ids" and isinstance(value, list):
            for item in value:
                if isinstance(item, str) and item not in index[fs.ref]:
                    dangling(name, fs.ref, item, at)

    for fs in spec.fields:
        value = record.data.get(fs.name)
        if value is None:
            continue
        check_ids(fs, value, record.line_of(fs.name), fs.name)
        if fs.type in ("table", "tables") and fs.spec is not None:
            items = [value] if isinstance(value, dict) else value
            sub_lines = record.sub_lines.get(fs.name, [])
            for i, item in enumerate(items if isinstance(items, list) else []):
                if not isinstance(item, dict):
                    continue
                at = sub_lines[i] if i < len(sub_lines) else record.line_of(fs.name)
                for sub in fs.spec.fields:
                    if sub.name in item:
                        check_ids(sub, item[sub.name], at, f"{fs.name}.{sub.name}")
    if record.kind == "term":
        see_also = record.data.get("see_also")
        if isinstance(see_also, list) and record.id in see_also:
            problems.append(Problem(record.path, record.line_of("see_also"),
                                    "field 'see_also': a term cannot refer to itself",
                                    record.label))
    for name, text, at in _texts(record):
        for m in INTERNAL_LINK.finditer(text):
            scheme, target = m.group(1), m.group(2)
            kind = LINK_SCHEMES[scheme]
            if target not in index[kind]:
                line = at + text[: m.start()].count("\n") if name == "body" else at
                problems.append(Problem(
                    record.path, line,
                    f"link {scheme}:{target} in {name!r} points to no {kind} with that id",
                    record.label,
                ))
    return problems


def _texts(record: Record):
    for name, value in record.data.items():
        if isinstance(value, str):
            yield name, value, record.line_of(name)
    if record.body is not None:
        yield "body", record.body, record.line_of("body")


def _check_reference(record: Record, as_of: PartialDate | None) -> list[Problem]:
    d, problems = record.data, []
    kind = d.get("kind")
    if kind in JOURNAL_KINDS and not d.get("journal"):
        problems.append(Problem(record.path, record.line, f"a {kind} needs a 'journal'",
                                record.label))
    if kind in URL_KINDS and not (d.get("url") or d.get("doi")):
        problems.append(Problem(record.path, record.line, f"a {kind} source needs a 'url' or 'doi'",
                                record.label))
    if not d.get("authors") and not d.get("note"):
        problems.append(Problem(record.path, record.line,
                                "'authors' is missing; if they cannot be confirmed, leave "
                                "authors = [] and say so in a 'note'", record.label))
    pmid = d.get("pmid")
    if isinstance(pmid, str) and not pmid.isdigit():
        problems.append(Problem(record.path, record.line_of("pmid"),
                                f"field 'pmid': {pmid!r} must be digits only", record.label))
    doi = d.get("doi")
    if isinstance(doi, str) and not doi.startswith("10."):
        problems.append(Problem(record.path, record.line_of("doi"),
                                f"field 'doi': {doi!r} must be a bare DOI starting with '10.'",
                                record.label))
    year = d.get("year")
    if isinstance(year, int) and not (EARLIEST_YEAR <= year <= (as_of.year if as_of else 9999)):
        problems.append(Problem(record.path, record.line_of("year"),
                                f"field 'year': {year} is outside {EARLIEST_YEAR}-"
                                f"{as_of.year if as_of else ''}", record.label))
    return problems


def _date(record: Record, name: str) -> PartialDate | None:
    try:
        return parse_partial_date(record.data.get(name))
    except (ValueError, TypeError):
        return None


def _check_dated(record: Record, as_of: PartialDate | None, start: str, end: str) -> list[Problem]:
    problems = []
    first, last = _date(record, start), _date(record, end)
    for name, value in ((start, first), (end, last)):
        if value is None:
            continue
        if value.year < EARLIEST_YEAR:
            problems.append(Problem(record.path, record.line_of(name),
                                    f"field {name!r}: {value.iso()} is before {EARLIEST_YEAR}",
                                    record.label))
        if as_of is not None and value.as_year_fraction() > as_of.as_year_fraction(end=True):
            problems.append(Problem(record.path, record.line_of(name),
                                    f"field {name!r}: {value.iso()} is after the content date "
                                    f"{as_of.iso()}", record.label))
    if first and last and last.as_year_fraction(end=True) < first.as_year_fraction():
        problems.append(Problem(record.path, record.line_of(end),
                                f"field {end!r}: {last.iso()} is before {start} {first.iso()}",
                                record.label))
    return problems


def _check_event(record: Record, as_of: PartialDate | None) -> list[Problem]:
    problems = _check_dated(record, as_of, "date", "end_date")
    if record.data.get("disputed") is True and not record.data.get("dispute_note"):
        problems.append(Problem(record.path, record.line_of("disputed"),
                                "a disputed event needs a 'dispute_note' saying what sources say",
                                record.label))
    if record.data.get("dispute_note") and record.data.get("disputed") is not True:
        problems.append(Problem(record.path, record.line_of("dispute_note"),
                                "'dispute_note' is set but 'disputed' is not true", record.label))
    return problems


def _check_era(record: Record, as_of: PartialDate | None) -> list[Problem]:
    return _check_dated(record, as_of, "start", "end")


def _check_question(record: Record, as_of: PartialDate | None) -> list[Problem]:
    d = record.data
    qtype = d.get("type")
    problems: list[Problem] = []

    def bad(message: str, field_name: str = "answer") -> None:
        problems.append(Problem(record.path, record.line_of(field_name), message, record.label))

    options = d.get("options") if isinstance(d.get("options"), list) else []
    keys = [o.get("key") for o in options if isinstance(o, dict)]
    answer = d.get("answer")
    if qtype in ("single", "multi", "ordering"):
        if d.get("pairs"):
            bad(f"a {qtype} question has options, not pairs", "pairs")
        if not 2 <= len(options) <= 8 or (qtype == "single" and len(options) < 3):
            bad(f"a {qtype} question needs {3 if qtype == 'single' else 2} to 8 options, "
                f"has {len(options)}", "options")
        if len(set(keys)) != len(keys):
            bad("option keys must be unique", "options")
        texts = [str(o.get("text", "")).strip().lower() for o in options if isinstance(o, dict)]
        if len(set(texts)) != len(texts):
            bad("two options have the same text", "options")
        if qtype == "single":
            if not isinstance(answer, str):
                bad("'answer' must be one option key, e.g. answer = \"b\"")
            elif answer not in keys:
                bad(f"answer {answer!r} is not among the option keys {keys}")
        elif qtype == "multi":
            if not isinstance(answer, list) or not answer:
                bad("'answer' must be a list of option keys, e.g. answer = [\"a\", \"c\"]")
            else:
                missing = [a for a in answer if a not in keys]
                if missing:
                    bad(f"answer keys {missing} are not among the option keys {keys}")
                elif len(set(answer)) == len(keys):
                    bad("a multi-select answer cannot be every option")
        else:
            if not isinstance(answer, list) or sorted(map(str, answer)) != sorted(map(str, keys)):
                bad(f"'answer' must list every option key once in the correct order {keys}")
    elif qtype == "true_false":
        if not isinstance(answer, bool):
            bad("'answer' must be true or false")
        for name in ("rationale_true", "rationale_false"):
            if not d.get(name):
                bad(f"a true_false question needs {name!r}", name)
        if options or d.get("pairs"):
            bad("a true_false question has no options or pairs", "options")
    elif qtype == "matching":
        pairs = d.get("pairs") if isinstance(d.get("pairs"), list) else []
        if not 3 <= len(pairs) <= 8:
            bad(f"a matching question needs 3 to 8 pairs, has {len(pairs)}", "pairs")
        for side in ("left", "right"):
            values = [str(p.get(side, "")).strip().lower() for p in pairs if isinstance(p, dict)]
            if len(set(values)) != len(values):
                bad(f"every {side} side of a matching question must be different", "pairs")
        if options or answer is not None:
            bad("a matching question has pairs, not options or an answer", "pairs")
    if qtype != "true_false" and (d.get("rationale_true") or d.get("rationale_false")):
        bad("rationale_true/rationale_false only apply to true_false questions", "rationale_true")
    excludes = d.get("excludes")
    if isinstance(excludes, list) and record.id in excludes:
        bad("field 'excludes': a question cannot exclude itself", "excludes")
    return problems


def _check_recall(record: Record, as_of: PartialDate | None) -> list[Problem]:
    """Cloze gaps well formed; thresholds in range; a tolerance only for number answers."""
    from db.recall_items import cloze_problems, is_number, parse_gaps

    d = record.data
    problems: list[Problem] = []

    def bad(message: str, field_name: str) -> None:
        problems.append(Problem(record.path, record.line_of(field_name), message, record.label))

    if record.kind == "cloze":
        text = d.get("text") if isinstance(d.get("text"), str) else ""
        for message in cloze_problems(text):
            bad(message, "text")
        answers = [a for g in parse_gaps(text) for a in g.answers]
    else:
        answers = [a for a in d.get("answers") or [] if isinstance(a, str)]
        if not answers or not all(a.strip() for a in answers):
            bad("'answers' lists at least one accepted answer, none empty", "answers")
        if len({a.strip().casefold() for a in answers}) != len(answers):
            bad("two accepted answers are the same", "answers")
    threshold = d.get("threshold")
    if isinstance(threshold, int) and not 50 <= threshold <= 100:
        bad("'threshold' is a rapidfuzz ratio between 50 and 100 (100: exact spelling only)",
            "threshold")
    if "tolerance" in d:
        if answers and not all(is_number(a) for a in answers):
            bad("'tolerance' applies only when every answer is a number", "tolerance")
        elif isinstance(d["tolerance"], int | float) and d["tolerance"] < 0:
            bad("'tolerance' cannot be negative", "tolerance")
    return problems


def _check_drug(record: Record, as_of: PartialDate | None) -> list[Problem]:
    problems = []
    for name in ("fda_approval", "ema_approval"):
        cell = record.data.get(name)
        if isinstance(cell, dict) and isinstance(cell.get("date"), str):
            try:
                date = parse_partial_date(cell["date"])
            except ValueError:
                continue
            if as_of and date.as_year_fraction() > as_of.as_year_fraction(end=True):
                problems.append(Problem(record.path, record.line_of(name),
                                        f"{name}.date {date.iso()} is after the content date",
                                        record.label))
    return problems


_FORMULA = re.compile(r"^(?:[A-Z][a-z]?\d*)+$")
_INCHIKEY = re.compile(r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$")


def _check_structure(record: Record, as_of: PartialDate | None) -> list[Problem]:
    """Formula, mass and key well formed; the key's stereo layer matches `stereo`; known parts.

    Whether the SMILES really gives that formula, mass and key is checked with RDKit in the
    tests (`tests/db/test_structure_records.py`): the app itself never needs RDKit.
    """
    problems = []
    d = record.data

    def bad(field_name: str, message: str) -> None:
        problems.append(Problem(record.path, record.line_of(field_name), message, record.label))

    formula = d.get("formula")
    if isinstance(formula, str) and not _FORMULA.match(formula):
        bad("formula", f"field 'formula': {formula!r} is not a Hill formula such as C13H10N2O4")
    mass = d.get("molar_mass")
    if isinstance(mass, int | float) and not isinstance(mass, bool) and not 0 < mass < 5000:
        bad("molar_mass", f"field 'molar_mass': {mass} g/mol is not a small-molecule mass")
    key = d.get("inchikey")
    if isinstance(key, str):
        if not _INCHIKEY.match(key):
            bad("inchikey", f"field 'inchikey': {key!r} is not a standard InChIKey")
        elif d.get("stereo") in ("S", "R") and key.split("-")[1].startswith("UHFFFAOYSA"):
            bad("inchikey", "field 'inchikey': a single enantiomer needs a key with a stereo layer")
        elif d.get("stereo") == "racemate" and not key.split("-")[1].startswith("UHFFFAOYSA"):
            bad("inchikey", "field 'inchikey': a racemate's key has no stereo layer")
    parts = d.get("parts")
    if isinstance(parts, list):
        unknown = [p for p in parts if p not in STRUCTURE_PARTS]
        if unknown:
            bad("parts", f"field 'parts': unknown {', '.join(map(repr, unknown))} "
                         f"(known: {', '.join(STRUCTURE_PARTS)})")
        if "glutarimide" not in parts:
            bad("parts", "field 'parts': every drawing labels the glutarimide ring")
    cid = d.get("pubchem_cid")
    if isinstance(cid, str) and not cid.isdigit():
        bad("pubchem_cid", f"field 'pubchem_cid': {cid!r} is not a PubChem compound number")
    chebi = d.get("chebi")
    if isinstance(chebi, str) and not re.fullmatch(r"CHEBI:\d+", chebi):
        bad("chebi", f"field 'chebi': {chebi!r} is not written CHEBI:<number>")
    return problems


def _check_unique_text(records: list[Record], kind: str, field_name: str) -> list[Problem]:
    seen: dict[str, Record] = {}
    problems = []
    for record in records:
        if record.kind != kind:
            continue
        value = record.data.get(field_name)
        if not isinstance(value, str):
            continue
        key = " ".join(value.lower().split())
        if key in seen:
            first = seen[key]
            problems.append(Problem(
                record.path, record.line_of(field_name),
                f"{field_name} {value!r} repeats {first.label} at {first.path}:"
                f"{first.line_of(field_name)}", record.label,
            ))
        else:
            seen[key] = record
    return problems


def _check_diagram(records: list[Record], reported: set[int]) -> list[Problem]:
    """Rules that span several diagram records (problems only for records in `reported`).

    Step orders are unique, edges join two different nodes, no two nodes share a position,
    a drug has at most one highlight, and a highlight's neosubstrate nodes are exactly the
    drug's `neosubstrate_terms` (so the diagram and the comparison table never disagree).
    """
    problems: list[Problem] = []

    def report(record: Record, field_name: str, message: str) -> None:
        if id(record) in reported:
            problems.append(Problem(record.path, record.line_of(field_name), message,
                                    record.label))

    by_kind: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_kind[record.kind].append(record)
    orders: dict[int, Record] = {}
    for step in by_kind["step"]:
        order = step.data.get("order")
        if isinstance(order, int) and not isinstance(order, bool):
            if order in orders:
                report(step, "order", f"order {order} is already used by "
                                      f"{orders[order].label}")
            else:
                orders[order] = step
    for edge in by_kind["edge"]:
        if edge.data.get("source") is not None and edge.data.get("source") == edge.data.get(
                "target"):
            report(edge, "target", "an edge must join two different nodes")
    places: dict[tuple, Record] = {}
    for node in by_kind["node"]:
        x, y = node.data.get("x"), node.data.get("y")
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (x, y)):
            continue
        key = (float(x), float(y))
        if key in places:
            report(node, "x", f"position ({x}, {y}) is already taken by {places[key].label}")
        else:
            places[key] = node
    nodes = {n.id: n for n in by_kind["node"] if n.id}
    drugs = {d.id: d for d in by_kind["drug"] if d.id}
    seen_drugs: dict[str, Record] = {}
    for highlight in by_kind["highlight"]:
        drug_id = highlight.data.get("drug")
        if not isinstance(drug_id, str):
            continue
        if drug_id in seen_drugs:
            report(highlight, "drug", f"drug {drug_id!r} already has "
                                      f"{seen_drugs[drug_id].label}")
            continue
        seen_drugs[drug_id] = highlight
        drug = drugs.get(drug_id)
        node_ids = highlight.data.get("nodes")
        if drug is None or not isinstance(node_ids, list):
            continue
        shown = {nodes[n].data.get("term") for n in node_ids
                 if n in nodes and nodes[n].data.get("kind") == "neosubstrate"}
        expected = set(drug.data.get("neosubstrate_terms") or [])
        if shown != expected:
            missing = ", ".join(sorted(expected - shown)) or "none"
            extra = ", ".join(sorted(shown - expected)) or "none"
            report(highlight, "nodes",
                   f"neosubstrate nodes differ from drug {drug_id!r} neosubstrate_terms "
                   f"(missing: {missing}; not in the drug record: {extra})")
    return problems


_KIND_CHECKS = {
    "reference": _check_reference,
    "event": _check_event,
    "era": _check_era,
    "question": _check_question,
    "cloze": _check_recall,
    "typed": _check_recall,
    "drug": _check_drug,
    "structure": _check_structure,
}
