"""One large story card: date, headline, context, text and sources.

Reusable: the timeline's story mode shows it at normal size; the presenter mode can show it
full screen with `scale` > 1. It shows a `desktop.core.timeline.story.StoryCard` and nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from desktop.core.render import escape, link
from desktop.core.timeline.story import StoryCard
from desktop.widgets.fonts import set_relative_font
from desktop.widgets.rich_text import RichTextBrowser
from desktop.widgets.safe_text import set_plain
from desktop.widgets.wrap_label import WrapLabel


def card_html(ctx, card: StoryCard) -> str:
    """The card's text, dispute note and sources as sanitised HTML (terms linked)."""
    parts = [ctx.render_markdown(card.body)]
    if card.disputed:
        note = ctx.render_markdown(card.dispute_note) if card.dispute_note else ""
        parts.append(f'<div class="box"><p><b>Disputed.</b></p>{note}</div>')
    if card.sources:
        items = "".join(
            f"<li>{link('ref', ref_id, label, title=title)}"
            + (f' <span class="muted">{escape(title)}</span>' if title else "") + "</li>"
            for ref_id, label, title in card.sources)
        parts.append(f"<p><b>Sources</b></p><ul>{items}</ul>")
    return "\n".join(parts)


class StoryCardWidget(QFrame):
    """A card with large type; `scale` multiplies every font (1.0 in the timeline view)."""

    def __init__(self, ctx, scale: float = 1.0, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.card: StoryCard | None = None
        self.setObjectName("story_card")
        self.setProperty("role", "card")
        self.setAccessibleName("Story card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(8)
        self.position = QLabel()
        self.position.setProperty("role", "muted")
        self.date = QLabel()
        self.date.setObjectName("story_date")
        self.date.setAccessibleName("Card date")
        self.date.setProperty("role", "muted")
        # Never squeezed below their text's height (200% text on a small screen): the body
        # below scrolls instead.
        self.headline = WrapLabel()
        self.headline.setObjectName("story_headline")
        self.headline.setAccessibleName("Card headline")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)  # content text, never markup
        self.context_line = WrapLabel()
        self.context_line.setProperty("role", "muted")
        self.body = RichTextBrowser(ctx, accessible_name="Story text and sources")
        self.body.setObjectName("story_body")
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        for widget in (self.position, self.date, self.headline, self.context_line):
            layout.addWidget(widget)
        layout.addWidget(self.body, 1)
        self.set_scale(scale)

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        set_relative_font(self.position, 0.95 * scale)
        set_relative_font(self.date, 1.35 * scale, bold=True)
        set_relative_font(self.headline, 1.9 * scale, bold=True)
        set_relative_font(self.context_line, 1.05 * scale)
        set_relative_font(self.body, 1.2 * scale)

    def set_card(self, card: StoryCard, position: str = "") -> None:
        self.card = card
        self.position.setText(position)
        self.position.setVisible(bool(position))
        set_plain(self.date, card.date + ("  (approximate date)" if card.approximate else ""))
        set_plain(self.headline, card.headline)
        set_plain(self.context_line, card.context)
        self.body.set_content(card_html(self.ctx, card))
        self.body.verticalScrollBar().setValue(0)
        self.setAccessibleDescription(f"{position}. {card.date}. {card.headline}")
