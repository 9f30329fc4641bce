"""Text and HTML of recall items (cloze, typed, glossary cards): the stem with its gaps, and
the feedback that compares what was typed with the answer, letter by letter.

Qt-free. HTML uses the classes of the app's document style sheet (`good`, `bad`, `warn`,
`muted`); every piece of typed text is escaped.
"""

from __future__ import annotations

import re

from db.recall_items import CARD_GAP
from db.records import Question
from desktop.core.quiz.model import Item
from desktop.core.quiz.scoring import Score
from desktop.core.render import escape

GAP_MARK = "[…]"


def gap_label(question: Question, index: int) -> str:
    """What an empty gap shows: `[1: a protein]`, or `[1 …]` (the number only when the card
    has several gaps)."""
    blank = question.blanks[index] if index < len(question.blanks) else None
    hint = blank.hint if blank else ""
    number = f"{index + 1}" if len(question.blanks) > 1 else ""
    if hint:
        return f"[{number + ': ' if number else ''}{hint}]"
    return f"[{number} …]" if number else GAP_MARK


def display_stem(question: Question) -> str:
    """The stem as Markdown, each gap of a cloze card shown as a bold `[1 …]`."""
    if question.type != "cloze":
        return question.stem
    return CARD_GAP.sub(lambda m: f"**{gap_label(question, int(m.group(1)) - 1)}**",
                        question.stem)


def plain_stem(question: Question) -> str:
    """The stem as one line of plain text (tables, lists, exports)."""
    text = display_stem(question).replace("**", "")
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())


def filled_stem(question: Question) -> str:
    """A cloze card's sentence with its gaps filled with their first answer (Markdown, the
    answers in bold)."""
    if question.type != "cloze":
        return question.stem
    return CARD_GAP.sub(
        lambda m: f"**{question.blanks[int(m.group(1)) - 1].answers[0]}**"
        if int(m.group(1)) - 1 < len(question.blanks) else m.group(0), question.stem)


def typed_texts(item: Item) -> list[str]:
    """What the student typed in each gap (an overrule marker left out)."""
    return [r for r in (item.response or []) if isinstance(r, str)]


def overruled(item: Item) -> bool | None:
    """True for "I was right", False for "I was wrong", None when not overruled."""
    last = (item.response or [None])[-1]
    if isinstance(last, dict) and "overrule" in last:
        return bool(last["overrule"])
    return None


def diff_html(typed: str, expected: str) -> str:
    """`typed` against `expected`: letters typed wrongly struck through in red, letters
    missing underlined and muted, the rest plain."""
    from desktop.core.quiz.answer_matching import diff

    out = []
    for part in diff(typed, expected):
        text = escape(part.text)
        if part.kind == "same":
            out.append(text)
        elif part.kind == "typed":
            out.append(f'<span class="bad"><s>{text}</s></span>')
        else:
            out.append(f'<span class="muted"><u>{text}</u></span>')
    return "".join(out)


VERDICT_TEXT = {"exact": "right", "accepted": "right, spelled differently",
                "near": "almost: close, but not accepted", "wrong": "not the answer"}


def recall_answer_html(item: Item, score: Score) -> str:
    """Per gap: what was typed (its differences from the answer marked), the answer, and the
    other answers accepted; for a cloze card the whole sentence; for a glossary card nothing
    (its explanation is the definition)."""
    from desktop.core.quiz.answer_matching import match_answer

    q = item.question
    if q.type == "flashcard":
        return ""
    texts = typed_texts(item)
    rows = []
    for index, blank in enumerate(q.blanks):
        typed = texts[index] if index < len(texts) else ""
        match = match_answer(typed, blank)
        verdict = VERDICT_TEXT[match.verdict]
        css = "good" if match.right else "warn" if match.verdict == "near" else "bad"
        label = f"Gap {index + 1}: " if len(q.blanks) > 1 else ""
        shown = diff_html(typed, match.expected) if typed.strip() else \
            '<span class="muted">(left empty)</span>'
        others = [a for a in blank.answers if a != match.expected]
        also = (f'<br><span class="muted">Also accepted: {escape(", ".join(others))}</span>'
                if others else "")
        rows.append(
            f"<li>{label}you typed <b>{shown}</b> — <span class='{css}'>{verdict}</span>"
            f"<br>The answer: <b>{escape(match.expected)}</b>{also}</li>")
    html = f"<ul>{''.join(rows)}</ul>"
    ruled = overruled(item)
    if ruled is True:
        html += '<p class="muted">You counted this answer as right ("I was right").</p>'
    if q.type == "cloze":
        html = f"<p>{escape_markdown_bold(filled_stem(q))}</p>" + html
    return html


def escape_markdown_bold(text: str) -> str:
    """Escape `text`, then turn `**x**` into <b>x</b> (the only mark a filled stem has)."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))
