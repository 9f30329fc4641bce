"""The printed handout of a lesson (Qt-free): where each slide and its lines for notes go
on the page, and the answer key printed after the slides.

Pages are laid out in PostScript points (1/72 inch) on A4 or US Letter, 2, 4 or 6 slides
per page; the Qt side (`desktop.presenter.handout`) draws the slides, as vector graphics,
into these boxes. Questions and terms are printed without their answers: the answers are
in the key at the end.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.mechanism.layout import Box
from desktop.core.presenter.slides import SlideContent, sentences

#: Paper sizes in points (width, height), portrait.
PAPER_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
PAPER_LABELS = {"A4": "A4 (210 × 297 mm)", "Letter": "US Letter (8.5 × 11 in)"}
PER_PAGE = (2, 4, 6)
MARGIN = 36.0          # half an inch around the page
HEADER = 22.0          # the lesson title line
FOOTER = 20.0          # the page number line
GAP = 14.0             # between cells
LINE_SPACING = 21.0    # about 7.5 mm between lines for notes
LABEL = 12.0           # "Slide 3" above each slide
SLIDE_ASPECT = 16 / 9


def inside(box: Box, other: Box) -> bool:
    """Whether `box` lies within `other` (edges may touch)."""
    eps = 1e-6
    return (box.x >= other.x - eps and box.y >= other.y - eps
            and box.right <= other.right + eps and box.bottom <= other.bottom + eps)


@dataclass(frozen=True)
class HandoutCell:
    """One slide on a page: its number, its label, its frame and the lines under it."""

    index: int                     # 0-based position in the lesson
    label: Box
    slide: Box
    lines: tuple[float, ...]       # y of each line for notes
    line_x: tuple[float, float]    # from x to x


@dataclass(frozen=True)
class HandoutPage:
    number: int
    cells: tuple[HandoutCell, ...]


@dataclass(frozen=True)
class HandoutLayout:
    paper: str
    per_page: int
    lines: bool
    page: Box
    content: Box
    pages: tuple[HandoutPage, ...]


def grid(per_page: int) -> tuple[int, int]:
    """(columns, rows) for 2, 4 or 6 slides per page."""
    if per_page not in PER_PAGE:
        raise ValueError(f"choose 2, 4 or 6 slides per page, not {per_page}")
    return {2: (1, 2), 4: (2, 2), 6: (2, 3)}[per_page]


def handout_layout(slide_count: int, per_page: int = 4, paper: str = "A4",
                   lines: bool = True, aspect: float = SLIDE_ASPECT) -> HandoutLayout:
    """Where every slide goes: pages of `per_page` cells; each cell holds the slide's label,
    the slide (16:9) and, with `lines`, ruled lines for notes under it."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"unknown paper size {paper!r}")
    width, height = PAPER_SIZES[paper]
    page = Box(0, 0, width, height)
    content = Box(MARGIN, MARGIN + HEADER, width - 2 * MARGIN,
                  height - 2 * MARGIN - HEADER - FOOTER)
    columns, rows = grid(per_page)
    cell_w = (content.w - GAP * (columns - 1)) / columns
    cell_h = (content.h - GAP * (rows - 1)) / rows
    pages = []
    for page_index in range(max(1, math.ceil(slide_count / per_page))):
        cells = []
        for slot in range(per_page):
            index = page_index * per_page + slot
            if index >= slide_count:
                break
            column, row = (slot % columns, slot // columns)
            x = content.x + column * (cell_w + GAP)
            y = content.y + row * (cell_h + GAP)
            label = Box(x, y, cell_w, LABEL)
            room = cell_h - LABEL
            if lines:
                # The slide keeps at least a third of the cell for writing.
                slide_w = min(cell_w * (0.8 if columns == 1 else 1.0),
                              room * 0.62 * aspect)
            else:
                slide_w = min(cell_w, room * aspect)
            slide_h = slide_w / aspect
            slide = Box(x + (cell_w - slide_w) / 2, y + LABEL, slide_w, slide_h)
            ruled: list[float] = []
            if lines:
                first = slide.bottom + LINE_SPACING
                while first <= y + cell_h + 0.01:
                    ruled.append(first)
                    first += LINE_SPACING
            cells.append(HandoutCell(index, label, slide, tuple(ruled), (x, x + cell_w)))
        pages.append(HandoutPage(page_index + 1, tuple(cells)))
    return HandoutLayout(paper, per_page, lines, page, content, tuple(pages))


# -- the answer key ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyEntry:
    """One answer in the key: which slide, what it asked, the answer, why, and sources."""

    slide: int                 # 1-based
    heading: str               # "Question 2" or "Term"
    title: str
    answer: str
    why: str = ""


def answer_key(contents: Iterable[tuple[int, SlideContent]], why_sentences: int = 2
               ) -> list[KeyEntry]:
    """The answers of a lesson's questions and terms, in slide order (index is 0-based)."""
    entries = []
    for index, slide in contents:
        if not slide.hidden_until_reveal or not slide.answer_text:
            continue
        if slide.kind == "question":
            why = " ".join(sentences(slide.explanation)[:why_sentences])
            entries.append(KeyEntry(index + 1, slide.kicker or "Question", slide.title,
                                    slide.answer_text, why))
        else:
            entries.append(KeyEntry(index + 1, "Term", slide.title, slide.answer_text,
                                    " ".join(sentences(slide.explanation)[:1])))
    return entries


def source_list(contents: Iterable[tuple[int, SlideContent]]) -> list[str]:
    """Every reference the lesson's slides cite, once, in order of first use."""
    seen: dict[str, None] = {}
    for _, slide in contents:
        for label in slide.sources:
            seen.setdefault(label, None)
    return list(seen)
