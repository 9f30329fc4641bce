"""Structure drawings inside Qt rich text, drawn as vectors.

A QTextDocument shows `<img>` as a raster image; printed to PDF it stays a bitmap. Here an
`<img src="structure:ID" width=W height=H>` in a document's HTML is replaced by a custom text
object that paints the SVG with QSvgRenderer, so the drawing stays vector on a slide, when
printed, and in a PDF handout (its labels stay text in the PDF).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QRectF, QSizeF
from PySide6.QtGui import (
    QPyTextObject,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtSvg import QSvgRenderer

from desktop.core.chemistry import drawings

STRUCTURE_OBJECT = QTextFormat.ObjectTypes.UserObject + 19
SVG_PROPERTY = QTextFormat.Property.UserProperty + 191
SCHEME = "structure:"


class _SvgObject(QPyTextObject):
    """Paints the SVG kept in the character format, at the size the format gives."""

    def intrinsicSize(self, document, _position, fmt) -> QSizeF:  # noqa: N802
        # Sizes are screen pixels (96 per inch); a printer or PDF writer lays the document out
        # at its own resolution, so scale to keep the drawing the same physical size.
        device = document.documentLayout().paintDevice() if document else None
        factor = device.logicalDpiX() / 96 if device is not None else 1.0
        return QSizeF((fmt.property(SVG_PROPERTY + 1) or 0) * factor,
                      (fmt.property(SVG_PROPERTY + 2) or 0) * factor)

    def drawObject(self, painter, rect, _document, _position, fmt) -> None:  # noqa: N802
        renderer = QSvgRenderer(QByteArray(str(fmt.property(SVG_PROPERTY)).encode("utf-8")))
        if renderer.isValid():
            renderer.render(painter, QRectF(rect))


_HANDLERS: dict[int, QObject] = {}


def embed_structures(document: QTextDocument, scheme: str = "light") -> int:
    """Replace every `structure:ID` image in `document` by the vector drawing; return how many.
    Unknown ids are left as they were (Qt shows its missing-image box)."""
    layout = document.documentLayout()
    handler = _HANDLERS.get(id(layout))
    if handler is None:
        handler = _SvgObject(document)
        layout.registerHandler(STRUCTURE_OBJECT, handler)
        _HANDLERS[id(layout)] = handler
        layout.destroyed.connect(lambda *_a, key=id(layout): _HANDLERS.pop(key, None))  # noqa: B008
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith(SCHEME):
                image = fmt.toImageFormat()
                target, _, wanted = image.name()[len(SCHEME):].partition("@")
                found.append((fragment.position(), target, image.width(), image.height(),
                              wanted or scheme))
            iterator += 1
        block = block.next()
    replaced = 0
    for position, structure_id, width, height, colours in reversed(found):
        svg = drawings.drawing_svg(structure_id)
        if svg is None:
            continue
        fmt = QTextCharFormat()
        fmt.setObjectType(STRUCTURE_OBJECT)
        fmt.setProperty(SVG_PROPERTY, drawings.themed_svg(svg, colours))
        fmt.setProperty(SVG_PROPERTY + 1, float(width))
        fmt.setProperty(SVG_PROPERTY + 2, float(height))
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText("\ufffc", fmt)
        replaced += 1
    return replaced


def structure_img(structure_id: str, width: float, scheme: str = "") -> str:
    """The `<img>` placeholder for a drawing `width` pixels wide (height from its layout),
    optionally in the colours of `scheme` (`light`, `dark`, `high-contrast`)."""
    data = drawings.layout(structure_id)
    aspect = (data["viewbox"][3] / data["viewbox"][2]) if data else 0.6
    suffix = f"@{scheme}" if scheme else ""
    return (f'<img src="{SCHEME}{structure_id}{suffix}" width="{round(width)}" '
            f'height="{round(width * aspect)}">')
