"""Anki decks (.apkg) of questions, cloze and typed-answer items and glossary terms, made
with genanki. Cloze items become Anki cloze notes (one note per sentence, a card per gap
number, answered by typing: `{{type:cloze:Text}}`); typed questions become `{{type:Answer}}`
cards.

Anki recognises a note it has seen before by its GUID and note type. Both are derived here
from our stable ids (never from the text), and so are the deck ids, the note ids and the card
ids: importing an updated deck updates the notes a student already has, keeping their review
history, instead of adding duplicates. The note types are versioned by name: change their
fields and the version must change too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from db.content_format import QUESTION_TYPES, TERM_CATEGORIES, TOPICS
from desktop.core.interop.common import (
    export_order,
    html_text,
    matching_choice_order,
    option_label,
    plain_text,
    source_citations,
)
from desktop.core.render import escape

GUID_NAMESPACE = "imid-atlas"
QUESTION_MODEL_NAME = "IMiD Atlas question v1"
TERM_MODEL_NAME = "IMiD Atlas glossary term v1"
CLOZE_MODEL_NAME = "IMiD Atlas cloze v1"
TYPED_MODEL_NAME = "IMiD Atlas typed answer v1"
CLOZE_FIELDS = ("Text", "Extra", "Id", "Objective", "Sources", "Topic")
TYPED_FIELDS = ("Id", "Question", "Answer", "Also accepted", "Explanation", "Objective",
                "Sources", "Topic")
CLOZE_FRONT = """<div class="meta">{{Topic}} · cloze</div>
<div class="question">{{cloze:Text}}</div>
{{type:cloze:Text}}"""
CLOZE_BACK = """<div class="meta">{{Topic}} · cloze</div>
<div class="question">{{cloze:Text}}</div>
{{type:cloze:Text}}
{{#Extra}}<div class="explanation">{{Extra}}</div>{{/Extra}}
{{#Objective}}<p class="meta">Objective: {{Objective}}</p>{{/Objective}}
{{#Sources}}<div class="sources">{{Sources}}</div>{{/Sources}}"""
TYPED_FRONT = """<div class="meta">{{Topic}} · type the answer</div>
<div class="question">{{Question}}</div>
{{type:Answer}}"""
TYPED_BACK = """{{FrontSide}}
<hr id="answer">
{{#Also accepted}}<p class="meta">Also accepted: {{Also accepted}}</p>{{/Also accepted}}
{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}
{{#Objective}}<p class="meta">Objective: {{Objective}}</p>{{/Objective}}
{{#Sources}}<div class="sources">{{Sources}}</div>{{/Sources}}"""
ROOT_DECK = "IMiD Atlas"
QUESTION_FIELDS = ("Id", "Question", "Choices", "Answer", "Rationales", "Explanation",
                   "Objective", "Sources", "Topic", "Type", "Difficulty")
TERM_FIELDS = ("Id", "Term", "Also known as", "Definition", "Relevance", "Common error",
               "Category", "Sources")
CSS = """
.card { font-family: sans-serif; font-size: 1.1em; text-align: left; line-height: 1.4; }
.meta { font-size: 0.8em; opacity: 0.75; }
.choices li, .answer li { margin: 0.2em 0; }
.sources { font-size: 0.8em; }
"""
QUESTION_FRONT = """<div class="meta">{{Topic}} · {{Type}}</div>
<div class="question">{{Question}}</div>
<div class="choices">{{Choices}}</div>"""
QUESTION_BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
{{#Rationales}}<div class="rationales">{{Rationales}}</div>{{/Rationales}}
{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}
{{#Objective}}<p class="meta">Objective: {{Objective}}</p>{{/Objective}}
{{#Sources}}<div class="sources">{{Sources}}</div>{{/Sources}}"""
TERM_FRONT = """<div class="meta">Glossary · {{Category}}</div>
<h2>{{Term}}</h2>"""
TERM_BACK = """{{FrontSide}}
<hr id="answer">
{{#Also known as}}<p class="meta">Also: {{Also known as}}</p>{{/Also known as}}
<div>{{Definition}}</div>
{{#Relevance}}<div><strong>Why it matters:</strong> {{Relevance}}</div>{{/Relevance}}
{{#Common error}}<div><strong>Common error:</strong> {{Common error}}</div>{{/Common error}}
{{#Sources}}<div class="sources">{{Sources}}</div>{{/Sources}}"""
_TYPE_HINTS = {"multi": "Choose all that apply.", "ordering": "Put these in order.",
               "true_false": "True or false?", "matching": "Match each item on the left."}


def stable_id(*parts: str, low: int = 1 << 30, span: int = 1 << 30) -> int:
    """A deterministic integer in [low, low + span) from `parts` (never from text)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return low + int.from_bytes(digest[:8], "big") % span


def note_guid(kind: str, item_id: str) -> str:
    """The Anki GUID of the note for (`kind`, `item_id`), e.g. ("question", "q-history-001")."""
    import genanki

    return genanki.guid_for(GUID_NAMESPACE, kind, item_id)


#: Note and card ids look like Anki's own (milliseconds since 1970: 2017 to 2049) and stay
#: below 2**53 so JavaScript in Anki's web views reads them exactly.
_NOTE_LOW, _NOTE_SPAN = 1_500_000_000_000, 1_000_000_000_000


def note_id(guid: str) -> int:
    return stable_id("note", guid, low=_NOTE_LOW, span=_NOTE_SPAN)


def card_id(guid: str, ordinal: int) -> int:
    return stable_id("card", guid, str(ordinal), low=_NOTE_LOW, span=_NOTE_SPAN)


def _models():
    import genanki

    question = genanki.Model(
        stable_id(GUID_NAMESPACE, "model", QUESTION_MODEL_NAME), QUESTION_MODEL_NAME,
        fields=[{"name": f} for f in QUESTION_FIELDS],
        templates=[{"name": "Question", "qfmt": QUESTION_FRONT, "afmt": QUESTION_BACK}],
        css=CSS, sort_field_index=1,
    )
    term = genanki.Model(
        stable_id(GUID_NAMESPACE, "model", TERM_MODEL_NAME), TERM_MODEL_NAME,
        fields=[{"name": f} for f in TERM_FIELDS],
        templates=[{"name": "Term", "qfmt": TERM_FRONT, "afmt": TERM_BACK}],
        css=CSS, sort_field_index=1,
    )
    return question, term


def _recall_models():
    import genanki

    cloze = genanki.Model(
        stable_id(GUID_NAMESPACE, "model", CLOZE_MODEL_NAME), CLOZE_MODEL_NAME,
        fields=[{"name": f} for f in CLOZE_FIELDS],
        templates=[{"name": "Cloze", "qfmt": CLOZE_FRONT, "afmt": CLOZE_BACK}],
        css=CSS, model_type=genanki.Model.CLOZE,
    )
    typed = genanki.Model(
        stable_id(GUID_NAMESPACE, "model", TYPED_MODEL_NAME), TYPED_MODEL_NAME,
        fields=[{"name": f} for f in TYPED_FIELDS],
        templates=[{"name": "Typed answer", "qfmt": TYPED_FRONT, "afmt": TYPED_BACK}],
        css=CSS, sort_field_index=1,
    )
    return cloze, typed


def anki_cloze_text(q) -> str:
    """A cloze card's whole note in Anki's syntax, `{{c1::answer::hint}}`, the rest escaped.
    Anki checks a typed cloze against one answer, so only the first alternative is kept."""
    from db.recall_items import CARD_GAP, CLOZE_GAP

    if q.cloze:
        out, pos = [], 0
        for m in CLOZE_GAP.finditer(q.cloze):
            out.append(escape(q.cloze[pos:m.start()]))
            answer = escape(m.group(2).split("|")[0].strip())
            hint = f"::{escape(m.group(3).strip())}" if m.group(3) else ""
            out.append(f"{{{{c{m.group(1)}::{answer}{hint}}}}}")
            pos = m.end()
        out.append(escape(q.cloze[pos:]))
        return "".join(out)
    parts = CARD_GAP.split(q.stem)  # an imported card: its own gaps are c1
    out = [escape(plain_text(parts[0]))]
    for index in range(1, len(parts), 2):
        blank = q.blanks[int(parts[index]) - 1]
        out.append(f"{{{{c1::{escape(blank.answers[0])}}}}}")
        out.append(escape(plain_text(parts[index + 1])))
    return "".join(out)


def cloze_fields(q, content) -> list[str]:
    """The note fields (CLOZE_FIELDS order) of a cloze note (one per authored sentence)."""
    return [anki_cloze_text(q), html_text(q.explanation), q.note or q.id, escape(q.objective),
            _sources_html(content, q.sources), TOPICS.get(q.topic, q.topic)]


def typed_fields(q, content) -> list[str]:
    """The note fields (TYPED_FIELDS order) of a typed-answer question."""
    blank = q.blanks[0]
    return [q.id, html_text(q.stem), escape(blank.answers[0]),
            escape(", ".join(blank.answers[1:])), html_text(q.explanation),
            escape(q.objective), _sources_html(content, q.sources),
            TOPICS.get(q.topic, q.topic)]


def _note_class():
    import genanki

    class StableNote(genanki.Note):
        """A note whose note and card ids come from its GUID instead of the clock."""

        def __init__(self, *args, taken: set[int], **kwargs):
            super().__init__(*args, **kwargs)
            self._taken = taken

        def _free(self, value: int) -> int:
            while value in self._taken:  # astronomically rare; keeps ids unique in a package
                value += 1
            self._taken.add(value)
            return value

        def write_to_db(self, cursor, timestamp, deck_id, id_gen):
            ids = [self._free(note_id(self.guid))]
            ids += [self._free(card_id(self.guid, card.ord)) for card in self.cards]
            super().write_to_db(cursor, timestamp, deck_id, iter(ids))

    return StableNote


def _list(items: Sequence[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def _sources_html(content, ids: Sequence[str]) -> str:
    cites = source_citations(content, ids)
    return ("Sources: " + _list([escape(c) for c in cites], ordered=True)) if cites else ""


def _tag(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_:" else "-" for c in text.strip()) or "none"


def question_fields(q, content) -> list[str]:
    """The note fields (in QUESTION_FIELDS order) for a question. Anki shows the choices as
    written, so they are written in a per-question shuffled order (`export_order`): an
    ordering card never shows its answer on the front."""
    q = export_order(q)
    hint = _TYPE_HINTS.get(q.type, "")
    stem = html_text(q.stem) + (f'<p class="meta">{hint}</p>' if hint else "")
    choices = answer = rationales = ""
    if q.type in ("single", "multi"):
        labels = {o.key: option_label(i) for i, o in enumerate(q.options)}
        choices = _list([f"{labels[o.key]}. {escape(plain_text(o.text))}" for o in q.options])
        answer = _list([f"<strong>{labels[o.key]}. {escape(plain_text(o.text))}</strong>"
                        for o in q.options if o.correct])
        rationales = _list([f"{labels[o.key]}. {escape(plain_text(o.rationale))}"
                            for o in q.options if o.rationale])
    elif q.type == "true_false":
        answer = "<strong>True</strong>" if q.answer == ("true",) else "<strong>False</strong>"
        rationales = _list([f"{o.text}: {escape(plain_text(o.rationale))}"
                            for o in q.options if o.rationale])
    elif q.type == "ordering":
        by_key = {o.key: o for o in q.options}
        choices = _list([escape(plain_text(o.text)) for o in q.options])
        answer = _list([f"<strong>{escape(plain_text(by_key[k].text))}</strong>"
                        for k in q.answer], ordered=True)
        rationales = _list([f"{escape(plain_text(by_key[k].text))}: "
                            f"{escape(plain_text(by_key[k].rationale))}"
                            for k in q.answer if by_key[k].rationale])
    elif q.type == "matching":
        lefts = [escape(plain_text(p.left)) for p in q.pairs]
        rights = [escape(plain_text(q.pairs[i].right)) for i in matching_choice_order(q)]
        choices = _list(lefts) + "<p>with</p>" + _list(rights)
        answer = _list([f"<strong>{escape(plain_text(p.left))}</strong> → "
                        f"{escape(plain_text(p.right))}" for p in q.pairs])
        rationales = _list([f"{escape(plain_text(p.left))}: {escape(plain_text(p.rationale))}"
                            for p in q.pairs if p.rationale])
    if rationales == "<ul></ul>":
        rationales = ""
    return [q.id, stem, choices, answer, rationales, html_text(q.explanation),
            escape(q.objective), _sources_html(content, q.sources),
            TOPICS.get(q.topic, q.topic), QUESTION_TYPES.get(q.type, q.type), q.difficulty]


def term_fields(t, content) -> list[str]:
    """The note fields (in TERM_FIELDS order) for a glossary term."""
    return [t.id, escape(t.term), escape(", ".join(t.abbreviations + t.synonyms)),
            html_text(t.definition), html_text(t.relevance), html_text(t.common_error),
            TERM_CATEGORIES.get(t.category, t.category), _sources_html(content, t.sources)]


def _structure_img(structure) -> str:
    from desktop.core.chemistry.drawings import alt_text_for, media_name

    return (f'<div class="structure"><img src="{media_name(structure.id)}" '
            f'alt="{escape(alt_text_for(structure))}" style="max-width: 100%;"></div>')


def add_structures(fields: list[str], q, content, media: dict) -> list[str]:
    """Put drug drawings on a question's card: the drawings a structure question shows (on the
    front, labelled as in the app) and the answer's drug drawn with the answer. `media` gathers
    {file name: structure id} for the package."""
    if content is None or not hasattr(content, "structures"):
        return fields
    from desktop.core.chemistry.drawings import (
        drawing_svg,
        media_name,
        neutral_alt_text,
        structure_for_answer,
    )
    from desktop.core.quiz.structure_questions import PREFIX, figures_for

    fields = list(fields)
    if q.id.startswith(PREFIX):
        shown = []
        for figure in figures_for(content, q.id):
            structure = content.structure(figure.structure_id)
            if structure is None or drawing_svg(structure.id) is None:
                continue
            media[media_name(structure.id)] = structure.id
            alt = neutral_alt_text(structure, figure.label, figure.part)
            shown.append(f'<div class="structure"><p><strong>{escape(figure.label)}</strong>'
                         f'</p><img src="{media_name(structure.id)}" alt="{escape(alt)}"></div>')
        fields[1] += "".join(shown)
    structure = structure_for_answer(content, q)
    if structure is not None and drawing_svg(structure.id) is not None:
        media[media_name(structure.id)] = structure.id
        fields[3] += _structure_img(structure)
    return fields


def build_package(questions: Sequence, terms: Sequence, content=None):
    """The genanki Package holding `questions` (one subdeck per topic) and `terms`."""
    import genanki

    question_model, term_model = _models()
    note_cls = _note_class()
    taken: set[int] = set()
    media: dict[str, str] = {}
    decks: dict[str, genanki.Deck] = {}
    as_of = content.meta.get("content_as_of", "") if content is not None else ""

    def deck(name: str) -> genanki.Deck:
        if name not in decks:
            decks[name] = genanki.Deck(
                stable_id(GUID_NAMESPACE, "deck", name), name,
                description=f"From IMiD Atlas (content as of {as_of}). Import an updated deck "
                            "to update these notes; your review history is kept.")
        return decks[name]

    cloze_model = typed_model = None
    cloze_notes: set[str] = set()
    for q in questions:
        tags = [f"imid-atlas::topic::{_tag(q.topic)}", f"imid-atlas::type::{_tag(q.type)}",
                f"imid-atlas::difficulty::{_tag(q.difficulty)}"]
        if q.pack:
            tags.append(f"imid-atlas::pack::{_tag(q.pack)}")
        if q.type in ("cloze", "typed") and q.blanks:
            if cloze_model is None:
                cloze_model, typed_model = _recall_models()
            if q.type == "cloze":
                note_key = q.note or q.id
                if note_key in cloze_notes:
                    continue  # one Anki note holds every card of a cloze sentence
                cloze_notes.add(note_key)
                note = note_cls(model=cloze_model, fields=cloze_fields(q, content),
                                guid=note_guid("cloze", note_key), tags=tags, taken=taken)
            else:
                note = note_cls(model=typed_model, fields=typed_fields(q, content),
                                guid=note_guid("typed", q.id), tags=tags, taken=taken)
            deck(f"{ROOT_DECK}::Recall::{TOPICS.get(q.topic, q.topic)}").add_note(note)
            continue
        fields = add_structures(question_fields(q, content), q, content, media)
        note = note_cls(model=question_model, fields=fields,
                        guid=note_guid("question", q.id), tags=tags, taken=taken)
        deck(f"{ROOT_DECK}::Questions::{TOPICS.get(q.topic, q.topic)}").add_note(note)
    for t in terms:
        tags = ["imid-atlas::glossary", f"imid-atlas::category::{_tag(t.category)}"]
        if t.pack:
            tags.append(f"imid-atlas::pack::{_tag(t.pack)}")
        fields = term_fields(t, content)
        if content is not None and hasattr(content, "structures"):
            from desktop.core.chemistry.drawings import drawing_svg, media_name, structure_for_term

            structure = structure_for_term(content, t.id)
            if structure is not None and drawing_svg(structure.id) is not None:
                media[media_name(structure.id)] = structure.id
                fields[3] += _structure_img(structure)
        note = note_cls(model=term_model, fields=fields,
                        guid=note_guid("term", t.id), tags=tags, taken=taken)
        deck(f"{ROOT_DECK}::Glossary").add_note(note)
    package = genanki.Package([decks[name] for name in sorted(decks)])
    #: {media file name: structure id} of the drawings the cards show (see `write_apkg`).
    package.structure_media = dict(sorted(media.items()))
    return package


def write_apkg(out: Path, questions: Sequence, terms: Sequence, content=None) -> Path:
    """Write the .apkg file (through a temporary file: no half-written deck on failure), with
    the structure drawings its cards show as media files."""
    import tempfile
    import warnings

    from desktop.core.files import atomic_target

    out = Path(out)
    package = build_package(questions, terms, content)
    with tempfile.TemporaryDirectory(prefix="imid-atlas-media-") as media_dir, \
            atomic_target(out, make_folder=True) as temporary, warnings.catch_warnings():
        media_files = []
        if package.structure_media:
            from desktop.core.chemistry.drawings import drawing_svg

            for name, structure_id in package.structure_media.items():
                path = Path(media_dir) / name
                path.write_text(drawing_svg(structure_id) or "", encoding="utf-8")
                media_files.append(str(path))
        package.media_files = media_files
        # Our fields are escaped HTML; genanki's heuristic tag check only adds noise.
        warnings.simplefilter("ignore")
        package.write_to_file(str(temporary))
    return out
