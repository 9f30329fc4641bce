"""Help > About: version, content date, sources and the educational-use notice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from db.dates import format_partial_date, parse_partial_date
from desktop import APP_NAME, __version__
from desktop.core.licences import licences_html
from desktop.core.render import escape
from desktop.theme import document_css

NOTICE = (
    "IMiD Atlas is an educational tool about the history and science of the immunomodulatory "
    "drugs. It is not medical advice, it gives no dosing recommendations, and it must not be "
    "used to make decisions about anyone's treatment."
)


def about_html(ctx) -> str:
    meta = ctx.content.meta
    counts = ctx.content.counts()
    try:
        as_of = format_partial_date(parse_partial_date(meta.get("content_as_of", "")))
    except ValueError:
        as_of = meta.get("content_as_of", "unknown")
    core = [d for d in ctx.content.documents() if not d.pack]
    refs = [ctx.content.reference(d.reference_id) for d in core]
    core_list = "".join(
        f"<li>{escape(r.short_label)}: <i>{escape(r.title)}</i></li>" for r in refs if r)
    packs = [p for p in ctx.content.packs() if p.get("name")]
    pack_text = "".join(f"<li>{escape(p['title'] or p['name'])}</li>" for p in packs)
    return (
        f"<h2>{APP_NAME} {escape(__version__)}</h2>"
        f"<p>Content as of <b>{escape(as_of)}</b> · built {escape(meta.get('built_at', ''))}</p>"
        f"<p>{counts['references']} references, {counts['documents']} study notes, "
        f"{counts['events']} timeline events, {counts['terms']} glossary terms and "
        f"{counts['questions']} questions. Every item cites its sources; open any reference "
        "in the Library for its full bibliographic record.</p>"
        f"<p><b>Core documents</b></p><ul>{core_list}</ul>"
        + (f"<p><b>Content packs loaded</b></p><ul>{pack_text}</ul>" if pack_text else "")
        + f"<p class='warn'><b>Educational use only.</b> {escape(NOTICE)}</p>"
        f"<p class='muted'>Your data: {escape(str(ctx.atlas.paths.data_dir))}</p>"
        + licences_html()
    )


class AboutDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAccessibleName(f"About {APP_NAME}")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName("About text")
        self.text.document().setDefaultStyleSheet(document_css(ctx.theme.colors))
        self.text.setHtml(about_html(ctx))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fit()

    def _fit(self) -> None:
        """Sized by the text (the licence table's rows on one line at any text size), within
        the screen."""
        em = self.text.fontMetrics().horizontalAdvance("M")
        width, height = round(em * 60), round(self.text.fontMetrics().lineSpacing() * 32)
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else self.screen()
        if screen is not None:
            area = screen.availableGeometry()
            width = min(width, int(area.width() * 0.9))
            height = min(height, int(area.height() * 0.85))
        self.resize(width, height)
