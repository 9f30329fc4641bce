"""The handout's page layout and answer key, without Qt."""

from __future__ import annotations

import pytest

from desktop.core.presenter import handout as h
from desktop.core.presenter import slides as p


@pytest.mark.parametrize("per_page", h.PER_PAGE)
@pytest.mark.parametrize("paper", list(h.PAPER_SIZES))
@pytest.mark.parametrize("lines", [True, False])
def test_cells_fit_the_page_and_never_overlap(per_page, paper, lines):
    layout = h.handout_layout(11, per_page, paper, lines)
    assert len(layout.pages) == -(-11 // per_page)
    assert [c.index for page in layout.pages for c in page.cells] == list(range(11))
    for page in layout.pages:
        assert len(page.cells) <= per_page
        boxes = []
        for cell in page.cells:
            assert h.inside(cell.slide, layout.content) and h.inside(cell.label, layout.content)
            assert cell.slide.w / cell.slide.h == pytest.approx(h.SLIDE_ASPECT)
            if lines:
                assert len(cell.lines) >= 3  # room to write
                assert all(cell.slide.bottom < y <= layout.content.bottom + 0.01
                           for y in cell.lines)
            else:
                assert cell.lines == ()
            boxes.append(cell.slide)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
    width, height = h.PAPER_SIZES[paper]
    assert layout.page.w == width and layout.page.h == height


def test_fewer_slides_per_page_are_larger():
    widths = [h.handout_layout(6, n, "A4", False).pages[0].cells[0].slide.w for n in h.PER_PAGE]
    assert widths[0] > widths[1] >= widths[2]


def test_unknown_choices_are_refused():
    with pytest.raises(ValueError):
        h.handout_layout(3, 3)
    with pytest.raises(ValueError):
        h.handout_layout(3, 4, "A5")


def test_answer_key_lists_questions_and_terms_in_order(atlas):
    content = atlas.content
    slides = [p.SlideRef("event", "cereblon-found-2010"), p.SlideRef("question",
                                                                     "q-mechanism-001"),
              p.SlideRef("term", "ikzf1")]
    numbers = p.question_numbers(slides)
    contents = [(i, p.slide_content(content, s, numbers.get(i))) for i, s in enumerate(slides)]
    key = h.answer_key(contents)
    assert [(e.slide, e.heading) for e in key] == [(2, "Question 1"), (3, "Term")]
    assert key[0].answer.startswith("Answer: B.") and key[0].why
    assert key[1].answer.startswith(content.term("ikzf1").short_definition[:20])
    sources = h.source_list(contents)
    assert len(sources) == len(set(sources)) and sources
