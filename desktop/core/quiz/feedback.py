"""The HTML a quiz shows: the stem before answering and the full feedback after.

Qt-free: the caller passes `render(markdown) -> html` (sanitised, no term links) and
`link(html, skip) -> html` (the glossary linker), usually `ctx.render_markdown(text,
link_terms=False)` and `ctx.link_terms`. Before an answer the stem is linked with the
question's own terms skipped, so a tooltip can never give the answer away; the feedback links
everything.
"""

from __future__ import annotations

from collections.abc import Callable

from db.records import Question
from desktop.core.quiz.model import CHOICE_TYPES, RECALL_ITEM_TYPES, Item
from desktop.core.quiz.scoring import Score, correct_keys, score_response
from desktop.core.render import escape

Render = Callable[[str], str]
Link = Callable[[str, tuple], str]
Titles = Callable[[str, str], str]


def letter(index: int) -> str:
    return chr(ord("A") + index)


def answer_terms(question: Question) -> tuple[str, ...]:
    """Terms not to link in the stem before answering (they could reveal the answer)."""
    return tuple(question.terms)


def stem_html(question: Question, render: Render, link: Link) -> str:
    from desktop.core.quiz.recall_text import display_stem  # cloze gaps shown as [1 …]

    return link(render(display_stem(question)), answer_terms(question))


def _option_text(question: Question, key: str) -> str:
    return next((o.text for o in question.options if o.key == key), key)


def _duration(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def verdict_html(score: Score, item: Item | None = None) -> str:
    if score.correct:
        head = f'<span class="good">{RIGHT} Correct</span>'
    elif score.score > 0:
        head = f'<span class="warn"><b>{PARTLY} Partly right ({score.percent}%)</b></span>'
    else:
        head = f'<span class="bad">{WRONG} Incorrect</span>'
    extra = [escape(score.summary)] if score.summary not in ("Correct", "Incorrect") else []
    if item is not None and item.elapsed_ms:
        extra.append(f"answered in {_duration(item.elapsed_ms)}")
    tail = f' <span class="muted">· {" · ".join(extra)}</span>' if extra else ""
    return f"<p>{head}{tail}</p>"


#: The marks feedback uses, always with their colour class (never colour alone):
#: right answer ✓ (good), a wrong choice ✗ (bad), partial credit ◐ (warn).
RIGHT, WRONG, PARTLY = "✓", "✗", "◐"


def mark_html(symbol: str, css_class: str) -> str:
    """One coloured mark (symbol and colour together)."""
    return f'<span class="{css_class}">{symbol}</span>' if symbol else ""


def _marked_rows(rows: list[tuple[str, str, str]]) -> str:
    """Rows of (symbol, colour class, html) as a two-column table: the mark in its own
    column (no list bullet beside it), the text with its hanging lines beside it."""
    cells = "".join(
        f'<tr><td class="outcome" width="22">{mark_html(symbol, css) or "&nbsp;"}</td>'
        f"<td>{body}</td></tr>" for symbol, css, body in rows)
    return f'<table class="marks" cellspacing="0" cellpadding="3">{cells}</table>'


def _choices_html(item: Item, score: Score | None) -> str:
    """Every option with its mark: ✓ for each right option (chosen or not), ✗ for a wrong
    one the user chose; tags say which were chosen; each option's rationale below it."""
    q = item.question
    chosen = set(item.response or ())
    keyed = correct_keys(q)
    rows = []
    for index, key in enumerate(item.order or [o.key for o in q.options]):
        option = next(o for o in q.options if o.key == key)
        right = key in keyed
        picked = key in chosen
        tags = []
        if right:
            tags.append('<span class="good">correct answer</span>')
        if picked:
            tags.append(f'<span class="{"good" if right else "bad"}">your choice</span>')
        elif right and score is not None and q.type == "multi":
            tags.append('<span class="muted">not ticked</span>')
        if option.misconception and picked and not right:
            tags.append('<span class="warn">a common misconception</span>')
        symbol, css = (RIGHT, "good") if right else (WRONG, "bad") if picked else ("", "")
        rows.append((symbol, css,
                     f"<b>{letter(index)}. {escape(option.text)}</b>"
                     f"{' — ' + ', '.join(tags) if tags else ''}"
                     f"{'<br>' + escape(option.rationale) if option.rationale else ''}"))
    return _marked_rows(rows)


def _ordering_html(item: Item, score: Score | None) -> str:
    q = item.question
    options = {o.key: o for o in q.options}
    right = []
    for position, key in enumerate(q.answer):
        option = options[key]
        note = f' <span class="muted">({escape(option.rationale)})</span>' \
            if option.rationale else ""
        right.append((RIGHT, "good", f"{position + 1}. {escape(option.text)}{note}"))
    html = "<p><b>Correct order</b></p>" + _marked_rows(right)
    if item.response and score is not None:
        yours = [(RIGHT, "good") if score.detail.get(key) == "hit" else (WRONG, "bad")
                 for key in item.response]
        html += "<p><b>Your order</b></p>" + _marked_rows([
            (symbol, css, f"{n + 1}. {escape(_option_text(q, key))}")
            for n, ((symbol, css), key) in enumerate(zip(yours, item.response, strict=True))])
    return html


def _matching_html(item: Item, score: Score | None) -> str:
    q = item.question
    answered = item.response is not None
    rows = []
    for index, pair in enumerate(q.pairs):
        chosen = (item.response or [None] * len(q.pairs))[index]
        good = chosen == index
        yours = ""
        if answered and not good:
            yours = (f' <span class="bad">your match: '
                     f'{escape(q.pairs[chosen].right) if chosen is not None else "none"}'
                     "</span>")
        symbol, css = (RIGHT, "good") if good or not answered else (WRONG, "bad")
        rows.append((symbol, css,
                     f"<b>{escape(pair.left)}</b> → {escape(pair.right)}{yours}"
                     f"{'<br>' + escape(pair.rationale) if pair.rationale else ''}"))
    title = "<p><b>Correct pairs</b></p>" if not answered else ""
    return title + _marked_rows(rows)


def _year_html(item: Item, score: Score | None) -> str:
    answer = f"The answer: <b>{escape(item.question.answer[0])}</b>."
    if not item.answered:
        return f"<p>{answer}</p>"
    given = (item.response or ["?"])[0]
    return f"<p>Your answer: <b>{escape(str(given))}</b>. {answer}</p>"


def answer_html(item: Item, score: Score | None) -> str:
    """What was right, what the user chose (if anything: `score` is None for a question
    left unanswered), and the rationale of every option."""
    qtype = item.question.type
    if qtype in CHOICE_TYPES:
        return _choices_html(item, score)
    if qtype == "ordering":
        return _ordering_html(item, score)
    if qtype == "matching":
        return _matching_html(item, score)
    if qtype in RECALL_ITEM_TYPES:
        from desktop.core.quiz.recall_text import recall_answer_html

        return recall_answer_html(item, score)
    return _year_html(item, score)


def sources_html(question: Question, titles: Titles) -> str:
    parts = []
    if question.sources:
        links = ", ".join(f'<a href="ref:{escape(s)}">{escape(titles("reference", s))}</a>'
                          for s in question.sources)
        parts.append(f"<p><b>Sources:</b> {links}</p>")
    if question.events:
        links = ", ".join(f'<a href="event:{escape(e)}">{escape(titles("event", e))}</a>'
                          for e in question.events)
        parts.append(f"<p><b>On the timeline:</b> {links}</p>")
    return "".join(parts)


def feedback_html(item: Item, render: Render, link: Link, titles: Titles,
                  score: Score | None = None, with_stem: bool = False) -> str:
    """Right or wrong, every option's rationale, the explanation (terms linked), the
    learning objective and the sources. `with_stem` adds the question (results review)."""
    q = item.question
    if score is None:
        score = score_response(q, item.response) if item.answered else None
    body = []
    if with_stem:
        from desktop.core.quiz.recall_text import display_stem

        body.append(render(display_stem(q)))
    if score is None:
        body.append('<p class="warn">Not answered. The answer:</p>')
        body.append(answer_html(item, None))
    else:
        body.append(verdict_html(score, item))
        body.append(answer_html(item, score))
    if q.explanation:
        body.append("<h3>Explanation</h3>")
        body.append(render(q.explanation))
    if q.objective:
        body.append(f"<p><b>Learning objective:</b> {escape(q.objective)}</p>")
    body.append(sources_html(q, titles))
    return link("".join(body), ())


def content_titles(content) -> Titles:
    """A `titles(kind, id)` lookup over the content DB (short labels for references)."""
    cache: dict[tuple[str, str], str] = {}

    def titles(kind: str, item_id: str) -> str:
        key = (kind, item_id)
        if key not in cache:
            if kind == "reference":
                ref = content.reference(item_id)
                cache[key] = ref.short_label if ref else item_id
            else:
                cache[key] = content.title_of(kind, item_id)
        return cache[key]

    return titles
