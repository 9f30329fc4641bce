"""`export quiz`: the question bank as an Anki deck, GIFT, Moodle XML, CSV or an HTML page.

Used by `imid-atlas export quiz --format F [--topic T] [--type T] -o FILE` and by
File > Export. Options: `topics` and `types` (lists or None) filter the questions; for Anki the
type `glossary` selects the glossary cards (without a type filter they are included; with a
topic filter, only the terms the chosen questions use), and the types `cloze` and `typed` the
recall items (Anki cloze notes and `{{type:}}` cards; included without a type filter). For
HTML and Anki the type `structure` selects the questions generated from the drug structures
(in HTML also included without a type filter; see `desktop.core.interop.quiz_html`).
`ordering_as` ("ordering" or "matching") picks how Moodle XML writes ordering questions.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.interop.common import InteropError, select_questions, wants, write_atomically

FORMATS = ("apkg", "gift", "moodle-xml", "csv", "html")
LABELS = {"apkg": "Anki deck", "gift": "GIFT", "moodle-xml": "Moodle XML", "csv": "CSV",
          "html": "HTML"}


def export_quiz(atlas, out: Path, fmt: str, options: dict) -> str:
    """Write the chosen questions to `out` in `fmt`; return a one-line summary."""
    if fmt not in FORMATS:
        raise InteropError(f"questions can be exported as {', '.join(FORMATS)}, not {fmt!r}")
    content = atlas.content
    options = options or {}
    topics, types = options.get("topics"), options.get("types")
    extra = ("glossary", "cloze", "typed") if fmt == "apkg" else ()
    extra += ("structure",) if fmt in ("html", "apkg") else ()
    questions = select_questions(content, topics, types, extra_types=extra)
    # The questions generated from the drug structures, with their drawings: in an HTML page
    # unless a type filter leaves them out; in an Anki deck when asked for by name.
    structures = wants(types, "structure") if fmt == "html" else (
        fmt == "apkg" and bool(types) and wants(types, "structure"))
    if structures and hasattr(content, "structures"):
        from desktop.core.quiz.structure_questions import generate_structure_questions

        chosen = {t.strip() for v in topics or () for t in str(v).split(",") if t.strip()}
        questions += [q for q in generate_structure_questions(content)
                      if not chosen or q.topic in chosen]
    if fmt == "apkg" and hasattr(content, "recall_items"):
        # cloze notes and {{type:}} cards for the cloze and typed-answer items
        chosen = {t.strip() for v in topics or () for t in str(v).split(",") if t.strip()}
        questions += [q for q in content.recall_items()
                      if (not chosen or q.topic in chosen) and wants(types, q.type)]
    out = Path(out)
    if fmt == "apkg":
        from desktop.core.interop.anki import write_apkg

        terms = []
        if wants(types, "glossary"):
            terms = content.terms()
            if topics:
                used = {t for q in questions for t in q.terms}
                terms = [t for t in terms if t.id in used]
        if not questions and not terms:
            raise InteropError("nothing to export: no question or term matches the filters")
        write_apkg(out, questions, terms, content)
        recall = [q for q in questions if q.type in ("cloze", "typed")]
        notes_of_recall = len({q.note or q.id for q in recall})
        also = (f", {notes_of_recall} cloze and typed-answer note(s)" if recall else "")
        return (f"Wrote {len(questions) - len(recall)} question(s){also} and {len(terms)} "
                f"glossary card(s) to {out} (Anki deck)")
    if not questions:
        raise InteropError("nothing to export: no question matches the filters")
    notes: list[str] = []
    if fmt == "gift":
        from desktop.core.interop import gift

        text, notes = gift.dumps(questions)
        write_atomically(out, text.encode("utf-8"))
    elif fmt == "html":
        from desktop.core.interop import quiz_html

        write_atomically(out, quiz_html.dumps(questions, content).encode("utf-8"))
    elif fmt == "moodle-xml":
        from desktop.core.interop import moodle_xml

        write_atomically(out, moodle_xml.dumps(questions, content,
                                               options.get("ordering_as") or "ordering"))
    else:
        from desktop.core.interop import question_csv

        # UTF-8 with a byte-order mark so that spreadsheet programs guess the encoding.
        write_atomically(out, question_csv.dumps(questions).encode("utf-8-sig"))
    summary = f"Wrote {len(questions)} question(s) to {out} ({LABELS[fmt]})"
    return summary + "".join(f"\nNote: {n}" for n in notes)
