"""Reading a printed handout back as the teacher gets it: the PDF's text with pypdf, a page
drawn by poppler's `pdftoppm`, and how much of a part of the page is printed on."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage

from desktop.core.mechanism.layout import Box


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, as pypdf reads it (compatibility forms folded, single spaces)."""
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
            for page in PdfReader(str(path)).pages]


def no_pictures(path: Path) -> bool:
    """Whether every page draws only vector graphics and text (no embedded image)."""
    for page in PdfReader(str(path)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        if any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values()):
            return False
    return True


def render_page(path: Path, number: int, folder: Path) -> QImage:
    """Page `number` (1-based) drawn by poppler at 72 dpi: one pixel per PDF point."""
    stem = folder / f"page-{number}"
    subprocess.run(["pdftoppm", "-r", "72", "-f", str(number), "-l", str(number), "-png",
                    "-singlefile", str(path), str(stem)], check=True, timeout=60)
    image = QImage(str(stem.with_suffix(".png")))
    assert not image.isNull(), f"poppler drew no page {number} of {path.name}"
    return image


def ink(image: QImage, box: Box) -> float:
    """The share of the points inside `box` that are printed on (darker than paper)."""
    dark = total = 0
    for y in range(int(box.y) + 2, int(box.bottom) - 2, 2):
        for x in range(int(box.x) + 2, int(box.right) - 2, 2):
            total += 1
            dark += QColor(image.pixel(x, y)).lightness() < 200
    return dark / max(total, 1)


def ruled_rows(image: QImage, x0: float, x1: float, y0: float, y1: float) -> int:
    """How many pixel rows between y0 and y1 are drawn across most of x0..x1 (ruled lines)."""
    columns = range(int(x0) + 2, int(x1) - 2, 3)
    rows = 0
    for y in range(int(y0), int(y1)):
        marked = sum(1 for x in columns if QColor(image.pixel(x, y)).lightness() < 235)
        rows += marked > 0.8 * len(columns)
    return rows
