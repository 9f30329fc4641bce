"""GIFT, Moodle's plain-text quiz format: write the question bank, read teachers' files.

Writing follows Moodle's own GIFT exporter: the special characters ``~ = # { } :`` and the
backslash are escaped, newlines become ``\\n``, each topic is a ``$CATEGORY``, each choice
carries its feedback after ``#``, and the explanation is the general feedback (``####``).
GIFT has no ordering type, so an ordering question is written as a matching question
(position -> item), which every Moodle imports. What GIFT cannot say (our id, difficulty,
objective, sources, option keys, pair rationales) travels in a ``// imid-atlas: {json}``
comment before each question: Moodle ignores comments, and reading the file back gives the
same questions.

Choices are written in a per-question shuffled order (`export_order`), the authored order
travelling in the comment: GIFT cannot ask Moodle to shuffle a question (Moodle falls back on
the site's default, which an administrator may have turned off), and other tools reading GIFT
show the choices as written. An ordering question, written as matching, lists its items by
position; Moodle shuffles the items it offers for each position.

Reading accepts what teachers write for Moodle: names (``::name::``), text formats
(``[html]``...), single and multiple choice (``=``, ``~``, ``~%50%``), true/false, matching,
missing-word questions (text after the answers), Moodle's ordering extension (``{>``),
categories and comments. Short-answer questions (``{=answer =other}``) become typed-answer
questions, a missing word with only right answers (``Thalidomide binds {=cereblon =CRBN}.``)
a cloze card, and numerical questions (``{#1998}``, ``{#41:2}``, ``{#1600..1650}``) typed
questions with a number tolerance; all are marked with the same forgiving matching as the
bundled items. Essay questions are refused with a clear message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from db.content_format import DIFFICULTIES, TOPICS, VIGNETTES
from desktop.core.interop.common import export_order, ordinal, plain_text
from desktop.core.interop.question_file import (
    DEFAULT_DIFFICULTY,
    DEFAULT_TOPIC,
    MAX_QUESTIONS,
    ParsedFile,
    ParsedQuestion,
    check_question,
    clean_text,
    question_label,
    true_false_options,
)

CATEGORY_ROOT = "$course$/top/IMiD Atlas"
META = "// imid-atlas:"
#: Our comment carries a few fields of one question: far less than this.
MAX_META_CHARS = 20_000
_SPECIAL = "~=#{}:"
_FORMATS = ("html", "moodle", "plain", "markdown")
_FORMAT_PREFIX = re.compile(r"^\s*\[(" + "|".join(_FORMATS) + r")\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}

# Escaped characters become private-use placeholders while the structure is parsed.
_MASK = {":": "\ue000", "#": "\ue001", "=": "\ue002", "{": "\ue003", "}": "\ue004",
         "~": "\ue005", "n": "\ue006", "\\": "\ue007"}
_UNMASK = {v: ("\n" if k == "n" else k) for k, v in _MASK.items()}
_UNMASK_RE = re.compile("[" + "".join(_UNMASK) + "]")


# -- writing ---------------------------------------------------------------------------------


def escape(text: str) -> str:
    """GIFT-escape `text`: backslash, ``~ = # { } :`` and newlines."""
    out = (text or "").replace("\\", "\\\\")
    for ch in _SPECIAL:
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _meta(q, **extra) -> str:
    data = {"id": q.id, "type": q.type, "topic": q.topic, "difficulty": q.difficulty,
            "objective": q.objective, "sources": list(q.sources), "terms": list(q.terms),
            "events": list(q.events), "shuffle": q.shuffle, **extra}
    if q.vignette:
        data["vignette"] = q.vignette
    if q.excludes:
        data["excludes"] = list(q.excludes)
    return f"{META} {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}"


def _feedback(text: str) -> str:
    return f"#{escape(plain_text(text))}" if text else ""


def _general(q) -> str:
    return f"\t####{escape(plain_text(q.explanation))}\n" if q.explanation else ""


def write_question(q, notes: list[str]) -> str:
    """One question as a GIFT block (with its metadata comment), ending in a newline."""
    head = f"::{escape(q.id)}::{escape(plain_text(q.stem))}"
    if q.type == "true_false":
        answer = q.answer == ("true",)
        by_key = {o.key: o.rationale for o in q.options}
        right, wrong = (by_key.get("true", ""), by_key.get("false", "")) if answer else \
            (by_key.get("false", ""), by_key.get("true", ""))
        body = "TRUE" if answer else "FALSE"
        body += f"#{escape(plain_text(wrong))}#{escape(plain_text(right))}"
        if q.explanation:
            body += f"####{escape(plain_text(q.explanation))}"
        return f"{_meta(q)}\n{head}{{{body}}}\n"
    if q.type in ("single", "multi"):
        shown = export_order(q).options
        correct = [o for o in q.options if o.correct]
        wrong = [o for o in q.options if not o.correct]
        lines = []
        single_marker = q.type == "single" or len(correct) == 1
        for o in shown:
            if o.correct:
                mark = "=" if single_marker else f"~%{_weight(100 / len(correct))}%"
            elif single_marker:
                mark = "~"
            else:
                # GIFT weights have at most two digits before the point: -100 cannot be written.
                mark = f"~%-{_weight(min(100 / len(wrong), 50))}%"
            lines.append(f"\t{mark}{escape(plain_text(o.text))}{_feedback(o.rationale)}\n")
        extra = {"option_order": [o.key for o in q.options]} if shown != q.options else {}
        meta = _meta(q, keys=[o.key for o in shown], **extra,
                     misconceptions=[o.key for o in q.options if o.misconception])
        return f"{meta}\n{head}{{\n{''.join(lines)}{_general(q)}}}\n"
    if q.type == "matching":
        lines = [f"\t={_left(p.left, q, notes)} -> {escape(plain_text(p.right))}\n"
                 for p in q.pairs]
        meta = _meta(q, rationales=[p.rationale for p in q.pairs])
        return f"{meta}\n{head}{{\n{''.join(lines)}{_general(q)}}}\n"
    if q.type == "ordering":
        by_key = {o.key: o for o in q.options}
        items = [by_key[k] for k in q.answer]
        lines = [f"\t={ordinal(i)} -> {escape(plain_text(o.text))}\n"
                 for i, o in enumerate(items, 1)]
        meta = _meta(q, keys=[o.key for o in items], option_order=[o.key for o in q.options],
                     rationales=[o.rationale for o in items],
                     misconceptions=[o.key for o in q.options if o.misconception])
        return f"{meta}\n{head}{{\n{''.join(lines)}{_general(q)}}}\n"
    if q.type in ("typed", "cloze") and q.blanks:
        return _write_typed(q, notes)
    raise ValueError(f"question {q.id}: unknown type {q.type!r}")


def _answers_block(blank, general: str = "") -> str:
    if blank.numeric:
        tolerance = f":{blank.tolerance:g}" if blank.tolerance else ""
        return f"{{#{escape(blank.answers[0])}{tolerance}{general}}}"
    return "{" + " ".join(f"={escape(a)}" for a in blank.answers) + general + "}"


def _write_typed(q, notes: list[str]) -> str:
    """A typed question as a short-answer (or numerical) question; a cloze card with one gap
    as a missing-word question. GIFT has one answer block per question: a card with several
    gaps keeps the first as the blank and writes the others' answers in place."""
    from db.recall_items import CARD_GAP

    meta = _meta(q)
    if q.type == "typed":
        general = f"####{escape(plain_text(q.explanation))}" if q.explanation else ""
        return f"{meta}\n::{escape(q.id)}::{escape(plain_text(q.stem))}" \
               f"{_answers_block(q.blanks[0], general)}\n"
    if len(q.blanks) > 1:
        notes.append(f"{q.id}: a cloze card with {len(q.blanks)} gaps keeps only the first "
                     "as a blank (GIFT has one answer block per question)")
    parts = CARD_GAP.split(q.stem)
    out = [escape(plain_text(parts[0]))]
    for index in range(1, len(parts), 2):
        number = int(parts[index]) - 1
        if number == 0:
            out.append(_answers_block(q.blanks[0]))
        else:
            out.append(escape(q.blanks[number].answers[0]))
        out.append(escape(plain_text(parts[index + 1])))
    return f"{meta}\n::{escape(q.id)}::{''.join(out)}\n"


def _left(text: str, q, notes: list[str]) -> str:
    text = plain_text(text)
    if "->" in text:
        notes.append(f"{q.id}: '->' in a matching item was written as '→' (GIFT cannot escape it)")
        text = text.replace("->", "→")
    return escape(text)


def dumps(questions: Sequence, title: str = "IMiD Atlas") -> tuple[str, list[str]]:
    """The GIFT text for `questions` (grouped by topic) and notes about anything changed."""
    notes: list[str] = []
    out = [
        f"// {title}: {len(questions)} question(s) in GIFT format, for Moodle and other",
        "// learning platforms. Lines starting with \"// imid-atlas:\" carry what GIFT cannot",
        "// (ids, difficulty, sources, ordering); Moodle ignores them, IMiD Atlas reads them.",
        "",
    ]
    by_topic: dict[str, list] = {}
    for q in questions:
        by_topic.setdefault(q.topic, []).append(q)
    for topic in sorted(by_topic, key=lambda t: (list(TOPICS).index(t) if t in TOPICS else 99, t)):
        label = TOPICS.get(topic, topic)
        out += [f"$CATEGORY: {CATEGORY_ROOT}/{label.replace('/', '-')}", ""]
        for q in by_topic[topic]:
            out += [write_question(q, notes)]
    ordering = sum(q.type == "ordering" for q in questions)
    if ordering:
        notes.append(f"{ordering} ordering question(s) written as matching (position -> item): "
                     "GIFT has no ordering type; Moodle XML keeps them as ordering questions")
    return "\n".join(out), notes


# -- reading ---------------------------------------------------------------------------------


def _mask(line: str) -> str:
    out, i = [], 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) and line[i + 1] in _MASK:
            out.append(_MASK[line[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def unmask(text: str) -> str:
    return _UNMASK_RE.sub(lambda m: _UNMASK[m.group(0)], text)


def _text(masked: str) -> str:
    return clean_text(unmask(masked))


@dataclass
class _Block:
    lines: list[tuple[int, str]]  # (line number, text), comments removed
    meta: list[tuple[int, str]]   # (line number, json text) from "// imid-atlas:" lines


def _blocks(text: str) -> list[_Block]:
    blocks, lines, meta = [], [], []
    for number, line in enumerate(text.split("\n") + [""], 1):
        stripped = line.strip()
        if not stripped:
            if lines or meta:
                blocks.append(_Block(lines, meta))
            lines, meta = [], []
        elif stripped.startswith("//"):
            if stripped.startswith(META):
                meta.append((number, stripped[len(META):].strip()))
        else:
            lines.append((number, line))
    return blocks


def looks_like_gift(text: str) -> bool:
    """True when most paragraphs of `text` are GIFT questions (used to claim .txt files)."""
    blocks = [b for b in _blocks(text[:65536].replace("\r\n", "\n")) if b.lines]
    if not blocks:
        return False
    if any(b.lines[0][1].lstrip().startswith("$CATEGORY:") for b in blocks):
        return True
    pattern = re.compile(r"\{\s*(?:[=~]|T\b|F\b|TRUE\b|FALSE\b|>)[^{}]*\}", re.DOTALL)
    hits = sum(bool(pattern.search(_mask("\n".join(t for _, t in b.lines)))) for b in blocks)
    return hits >= 1 and hits * 2 >= len(blocks)


def parse(text: str, parsed: ParsedFile) -> None:
    """Read GIFT `text` into `parsed` (questions, problems with line numbers, notices)."""
    category = ""
    number = 0
    for block in _blocks(text):
        lines = block.lines
        if lines and lines[0][1].lstrip().startswith("$CATEGORY:"):
            category = lines[0][1].split(":", 1)[1].strip()
            lines = lines[1:]
        if not lines:
            continue
        number += 1
        if number > MAX_QUESTIONS:
            parsed.problem(lines[0][0], f"more than {MAX_QUESTIONS:,} questions in one file; "
                                        "split it into several files")
            return
        _parse_question(lines, block.meta, category, number, parsed)


def _topic_of(category: str) -> str:
    last = category.rstrip("/").rsplit("/", 1)[-1].strip() if category else ""
    if not last:
        return DEFAULT_TOPIC
    for slug, label in TOPICS.items():
        if last.lower() in (slug, label.lower()):
            return slug
    slug = re.sub(r"[^a-z0-9]+", "-", last.lower()).strip("-")
    return slug or DEFAULT_TOPIC


def _parse_question(lines: list[tuple[int, str]], meta_lines, category: str, number: int,
                    parsed: ParsedFile) -> None:
    numbers = [n for n, _ in lines]
    s = "\n".join(_mask(t) for _, t in lines)

    def line_at(pos: int) -> int:
        return numbers[min(s[:pos].count("\n"), len(numbers) - 1)]

    first = numbers[0]
    label = question_label(number)

    def bad(message: str, at: int | None = None) -> None:
        parsed.problem(at or first, message, label)

    pos = len(s) - len(s.lstrip())
    name = ""
    if s.startswith("::", pos):
        end = s.find("::", pos + 2)
        if end < 0:
            bad("the question name starts with '::' but is not closed with '::'", line_at(pos))
            return
        name = unmask(s[pos + 2:end]).strip()
        pos = end + 2
    label = question_label(number, name, unmask(s[pos:s.find("{", pos) if "{" in s[pos:]
                                                 else len(s)]))
    opens = [i for i in range(pos, len(s)) if s[i] == "{"]
    closes = [i for i in range(pos, len(s)) if s[i] == "}"]
    if not opens and not closes:
        bad("no answer block: put the answers between { and } (descriptions without answers "
            "are not supported)")
        return
    if closes and (not opens or closes[0] < opens[0]):
        bad("'}' without an opening '{' (write \\} for a literal brace)", line_at(closes[0]))
        return
    if not closes:
        bad("'{' opened here is never closed; a blank line ends a question, so an answer block "
            "cannot contain one", line_at(opens[0]))
        return
    if len(opens) > 1:
        bad("a second '{': a question has one answer block (write \\{ for a literal brace)",
            line_at(opens[1]))
        return
    if len(closes) > 1:
        bad("a second '}' after the answer block (write \\} for a literal brace)",
            line_at(closes[1]))
        return
    a, b = opens[0], closes[0]
    before, inside, after = s[pos:a], s[a + 1:b], s[b + 1:]
    stem = before + ("_____" + after if after.strip() else "")
    m = _FORMAT_PREFIX.match(stem)
    if m:
        stem = stem[m.end():]
    explanation = ""
    general = inside.rfind("####")
    if general >= 0:
        explanation = _text(inside[general + 4:])
        inside = inside[:general]
    answer = inside.strip()
    at = line_at(a)
    draft = {"name": name, "stem": _text(stem), "explanation": explanation,
             "topic": _topic_of(category)}
    if not answer:
        bad("empty answer block {}: essay questions are not supported; give the choices", at)
        return
    if answer.startswith(">"):
        ok = _ordering_extension(answer, draft)
    elif answer.startswith("#"):
        ok = _numerical(answer, draft, lambda msg: bad(msg, at), before, after)
    elif "~" in answer:
        ok = _choices(answer, draft, lambda msg: bad(msg, at), parsed, label)
    elif "=" in answer and "->" in answer:
        ok = _matching(answer, draft, lambda msg: bad(msg, at))
    elif answer.split("#")[0].strip().upper() in _TRUE_FALSE:
        ok = _true_false(answer, draft)
    elif "=" in answer:
        ok = _short_answer(answer, draft, lambda msg: bad(msg, at), parsed, label, before,
                           after)
    else:
        bad(f"cannot tell the question type from {{{unmask(answer)[:40]}}}: mark the right "
            "choice with = and the wrong ones with ~, or write TRUE or FALSE", at)
        return
    if not ok:
        return
    _apply_meta(draft, meta_lines, parsed, label)
    question = _build(draft, number)
    problems = check_question(question)
    for problem in problems:
        bad(problem)
    if not problems:
        parsed.questions.append(ParsedQuestion(question, first, name))


def _items(answer: str, markers: str) -> tuple[str, list[tuple[str, str]]]:
    """Split an answer block into (marker, text) items; returns also any text before them."""
    starts = [i for i, ch in enumerate(answer) if ch in markers]
    lead = answer[:starts[0]] if starts else answer
    items = [(answer[i], answer[i + 1:(starts[k + 1] if k + 1 < len(starts) else len(answer))])
             for k, i in enumerate(starts)]
    return lead, items


def _choices(answer: str, draft: dict, bad, parsed: ParsedFile, label: str) -> bool:
    lead, items = _items(answer, "=~")
    if lead.strip():
        bad(f"text {unmask(lead.strip())[:30]!r} before the first choice: start each choice "
            "with = (right) or ~ (wrong)")
        return False
    equals = sum(marker == "=" for marker, _ in items)
    options, partial = [], False
    for index, (marker, body) in enumerate(items, 1):
        body = body.strip()
        weight = 100.0 if marker == "=" else 0.0
        if body.startswith("%"):
            m = _WEIGHT.match(body)
            if not m:
                bad(f"choice {index}: the weight {body.split()[0][:12]!r} should look like %50% "
                    "or %-25%")
                return False
            weight = float(m.group(1))
            body = body[m.end():]
        text, _, feedback = body.partition("#")
        text, feedback = _text(text), _text(feedback)
        if not text:
            bad(f"choice {index} is empty")
            return False
        if equals:
            correct = marker == "="
            partial = partial or (marker == "~" and weight > 0)
        else:
            correct = weight > 0
        options.append({"text": text, "rationale": feedback, "correct": correct})
    if equals > 1:
        bad(f"{equals} choices are marked right with '='; for several right answers use "
            "weights such as ~%50% on each")
        return False
    if not any(o["correct"] for o in options):
        bad("missing answer: no choice is marked right (use = for the right choice, or "
            "weights such as ~%50% for several)")
        return False
    if partial:
        parsed.notices.append(f"{label}: partial credit on wrong choices is not kept")
    draft["type"] = "single" if equals else "multi"
    draft["options"] = options
    return True


def _typed_stem(draft: dict, before: str, after: str) -> None:
    """A missing word (text after the answers) is a cloze card; otherwise a typed question."""
    if after.strip():
        draft["type"] = "cloze"
        draft["stem"] = _text(before + "\ue010" + after).replace("\ue010", "{{1}}")
    else:
        draft["type"] = "typed"
        draft["stem"] = _text(before)


def _short_answer(answer: str, draft: dict, bad, parsed: ParsedFile, label: str,
                  before: str, after: str) -> bool:
    """`{=answer =other#feedback}`: every answer with full credit is accepted."""
    lead, items = _items(answer, "=")
    if lead.strip():
        bad(f"text {unmask(lead.strip())[:30]!r} before the first answer: start each accepted "
            "answer with =")
        return False
    accepted, partial = [], False
    for index, (_, body) in enumerate(items, 1):
        body = body.strip()
        m = _WEIGHT.match(body)
        if m:
            body = body[m.end():]
            if float(m.group(1)) < 100:
                partial = True
                continue
        text = _text(body.partition("#")[0])
        if not text:
            bad(f"accepted answer {index} is empty")
            return False
        accepted.append(text)
    if not accepted:
        bad("no answer has full credit: mark at least one accepted answer with =")
        return False
    if partial:
        parsed.notices.append(f"{label}: answers with partial credit are not accepted")
    _typed_stem(draft, before, after)
    draft["blanks"] = [{"answers": accepted}]
    return True


_RANGE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)$")
_TOLERANCE = re.compile(r"^(-?\d+(?:\.\d+)?)(?:\s*:\s*(\d+(?:\.\d+)?))?$")


def _numerical(answer: str, draft: dict, bad, before: str, after: str) -> bool:
    """`{#value}`, `{#value:tolerance}`, `{#min..max}` or `{#=value:tolerance ...}` (the
    first answer with full credit is kept)."""
    body = answer[1:].strip()
    if body.startswith("="):
        body = body.split("=")[1]
    body = unmask(body.partition("#")[0]).strip()
    m = _RANGE.match(body)
    if m:
        low, high = float(m.group(1)), float(m.group(2))
        value, tolerance = (low + high) / 2, abs(high - low) / 2
    else:
        m = _TOLERANCE.match(body)
        if not m:
            bad(f"cannot read the number {body[:20]!r}: write {{#41}}, {{#41:2}} or "
                "{#39..43}")
            return False
        value, tolerance = float(m.group(1)), float(m.group(2) or 0)
    text = f"{value:g}"
    _typed_stem(draft, before, after)
    draft["blanks"] = [{"answers": [text], "tolerance": tolerance}]
    return True


def _matching(answer: str, draft: dict, bad) -> bool:
    lead, items = _items(answer, "=")
    if lead.strip():
        bad(f"text {unmask(lead.strip())[:30]!r} before the first pair: start each pair with =")
        return False
    pairs = []
    for index, (_, body) in enumerate(items, 1):
        if "->" not in body:
            bad(f"matching pair {index} has no '->' between its two sides")
            return False
        left, right = body.split("->", 1)
        left, right = _text(left), _text(right)
        if not left:
            bad(f"matching pair {index} has no left side (extra wrong answers are not supported)")
            return False
        if not right:
            bad(f"matching pair {index} has no right side")
            return False
        pairs.append({"left": left, "right": right, "rationale": ""})
    draft["type"] = "matching"
    draft["pairs"] = pairs
    return True


def _true_false(answer: str, draft: dict) -> bool:
    bits = answer.split("#", 2)
    value = _TRUE_FALSE[bits[0].strip().upper()]
    wrong = _text(bits[1]) if len(bits) > 1 else ""
    right = _text(bits[2]) if len(bits) > 2 else ""
    draft["type"] = "true_false"
    draft["answer"] = value
    draft["rationale_true"], draft["rationale_false"] = (right, wrong) if value else (wrong, right)
    return True


def _ordering_extension(answer: str, draft: dict) -> bool:
    """Moodle's ordering syntax: `{>N ALL VERTICAL ABSOLUTE_POSITION SHOW` then one item a line."""
    lines = answer.split("\n")
    items = [_text(line) for line in lines[1:] if line.strip()]
    draft["type"] = "ordering"
    draft["options"] = [{"text": t, "rationale": "", "correct": False} for t in items]
    return True


def _apply_meta(draft: dict, meta_lines, parsed: ParsedFile, label: str) -> None:
    """Restore what GIFT cannot carry from our `// imid-atlas:` comment, when it fits."""
    if not meta_lines:
        return
    line, raw = meta_lines[-1]
    if len(raw) > MAX_META_CHARS:
        parsed.problem(line, f"the '// imid-atlas:' comment is longer than {MAX_META_CHARS:,} "
                             "characters; shorten it or remove it", label)
        return
    try:
        meta = json.loads(raw)
        if not isinstance(meta, dict):
            raise ValueError
    except RecursionError:
        parsed.problem(line, "the '// imid-atlas:' comment nests too deeply to be read; "
                             "remove it or write it as one flat JSON object", label)
        return
    except ValueError:
        parsed.problem(line, "the '// imid-atlas:' comment is not valid JSON", label)
        return

    def strings(key: str) -> list[str] | None:
        value = meta.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return None

    for key in ("topic", "objective"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            draft[key] = clean_text(meta[key])
    if meta.get("difficulty") in DIFFICULTIES:
        draft["difficulty"] = meta["difficulty"]
    for key in ("sources", "terms", "events", "excludes"):
        if strings(key) is not None:
            draft[key] = strings(key)
    if meta.get("vignette") in VIGNETTES:
        draft["vignette"] = meta["vignette"]
    if isinstance(meta.get("shuffle"), bool):
        draft["shuffle"] = meta["shuffle"]
    if isinstance(meta.get("id"), str):
        draft["name"] = meta["id"]
    kind = meta.get("type")
    keys, rationales = strings("keys"), strings("rationales")
    if kind == "ordering" and draft["type"] == "matching":
        pairs = draft["pairs"]
        order = strings("option_order")
        positions = [ordinal(i) for i in range(1, len(pairs) + 1)]
        if (keys and order and len(keys) == len(pairs) and sorted(order) == sorted(keys)
                and [p["left"] for p in pairs] == positions):
            rationale = dict(zip(keys, rationales or [""] * len(keys), strict=False))
            text = {k: p["right"] for k, p in zip(keys, pairs, strict=True)}
            draft["type"] = "ordering"
            draft["options"] = [{"key": k, "text": text[k], "rationale": rationale.get(k, ""),
                                 "correct": False} for k in order]
            draft["answer"] = keys
            del draft["pairs"]
        else:
            parsed.notices.append(f"{label}: kept as matching (the ordering details in its "
                                  "comment no longer fit the pairs)")
    elif kind == "multi" and draft["type"] == "single":
        draft["type"] = "multi"  # a multi-select with one right answer is written with '='
    if draft["type"] == "matching" and rationales and len(rationales) == len(draft["pairs"]):
        for pair, rationale in zip(draft["pairs"], rationales, strict=True):
            pair["rationale"] = clean_text(rationale)
    if draft["type"] in ("single", "multi") and keys and len(keys) == len(draft["options"]) \
            and len(set(keys)) == len(keys):
        for option, key in zip(draft["options"], keys, strict=True):
            option["key"] = key
        order = strings("option_order")
        if order and sorted(order) == sorted(keys):  # back to the authored order
            by_key = {o["key"]: o for o in draft["options"]}
            draft["options"] = [by_key[k] for k in order]
    misconceptions = strings("misconceptions") or []
    for option in draft.get("options", []):
        option["misconception"] = option.get("key") in misconceptions


def _build(draft: dict, number: int):
    """A `db.records.Question` from a parsed draft."""
    from db.records import Option, Pair, Question

    qtype = draft["type"]
    options: tuple = ()
    pairs: tuple = ()
    if qtype == "true_false":
        options = true_false_options(draft["answer"], draft["rationale_true"],
                                     draft["rationale_false"])
        answer = ("true",) if draft["answer"] else ("false",)
    elif qtype == "matching":
        pairs = tuple(Pair(p["left"], p["right"], p["rationale"]) for p in draft["pairs"])
        answer = ()
    elif qtype in ("typed", "cloze"):
        answer = ()  # set from the blanks below
    else:
        keys = [o.get("key") or chr(ord("a") + i) for i, o in enumerate(draft["options"])]
        options = tuple(
            Option(k, o["text"], o["rationale"], bool(o["correct"]),
                   bool(o.get("misconception", False)))
            for k, o in zip(keys, draft["options"], strict=True))
        if qtype == "ordering":
            answer = tuple(draft.get("answer") or keys)
        else:
            answer = tuple(k for k, o in zip(keys, options, strict=True) if o.correct)
    blanks: tuple = ()
    if qtype in ("typed", "cloze"):
        from db.records import Blank

        blanks = tuple(Blank(tuple(b["answers"]), tolerance=b.get("tolerance"))
                       for b in draft["blanks"])
        answer = tuple(b.answers[0] for b in blanks)
    name = draft.get("name", "")
    return Question(
        id=name or f"q{number}", type=qtype,
        topic=draft.get("topic") or DEFAULT_TOPIC,
        difficulty=draft.get("difficulty", DEFAULT_DIFFICULTY), stem=draft["stem"],
        explanation=draft.get("explanation", ""), objective=draft.get("objective", ""),
        options=options, pairs=pairs, answer=answer,
        sources=tuple(draft.get("sources", ())), terms=tuple(draft.get("terms", ())),
        events=tuple(draft.get("events", ())),
        shuffle=draft.get("shuffle", True) and not blanks, vignette=draft.get("vignette", ""),
        excludes=tuple(draft.get("excludes", ())),
        blanks=blanks,
    )
