"""The PDF handout, read back with pypdf: pages, text, no answers before the key, vector
figures, paper sizes."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from desktop.core.presenter.slides import SlideRef, slide_content
from desktop.presenter.handout import HandoutOptions, write_handout

pytestmark = pytest.mark.qt_log_ignore(r".*")

SLIDES = [
    SlideRef("era", "era-cereblon"),
    SlideRef("event", "ito-cereblon-2010"),
    SlideRef("question", "q-mechanism-001"),
    SlideRef("question", "q-mechanism-003"),
    SlideRef("question", "q-history-001"),
    SlideRef("term", "ikzf1"),
    SlideRef("term", "cereblon"),
    SlideRef("step", "step-glue"),
    SlideRef("step", "step-ck1a"),
]


def page_texts(path) -> list[str]:
    reader = PdfReader(str(path))
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
            for page in reader.pages]


@pytest.mark.parametrize("per_page, paper, size", [(2, "A4", (595, 842)),
                                                   (4, "Letter", (612, 792)),
                                                   (6, "A4", (595, 842))])
def test_handout_pages_text_and_key(qapp, bundled_atlas, tmp_path, per_page, paper, size):
    content = bundled_atlas.content
    path = write_handout(content, SLIDES, "Week 3: cereblon", tmp_path / "handout.pdf",
                         HandoutOptions(per_page, True, paper))
    reader = PdfReader(str(path))
    slide_pages = -(-len(SLIDES) // per_page)
    texts = page_texts(path)
    key_start = next(i for i, t in enumerate(texts) if "Answer key" in t)
    assert key_start == slide_pages  # the key follows the slides
    assert len(texts) >= slide_pages + 1
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), 1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
        assert "Week 3: cereblon" in text and f"Page {number} of {len(texts)}" in text
    before = " ".join(texts[:key_start])
    key = " ".join(texts[key_start:])
    # no Markdown marks anywhere
    whole = " ".join(texts)
    assert "](" not in whole and "term:" not in whole and "**" not in whole
    # every slide is there (its title), questions with their options
    for index, slide in enumerate(SLIDES):
        item = slide_content(content, slide)
        # (pypdf spaces out glyphs from a fallback font: "CK1 α"; compare without spaces)
        assert "".join(item.title.split())[:30] in "".join(before.split()), slide
        assert f"Slide {index + 1}" in before
    # no answers before the key: no "Answer:", no tick, no definition
    assert "Answer:" not in before and "✔" not in before and "Correct order" not in before
    for term_id in ("ikzf1", "cereblon"):
        definition = content.term(term_id).short_definition
        assert definition[:40] not in before and definition[:40] in key
    assert "Answer: B." in key and "Sources" in key
    # the figures are vector graphics: no picture on any page
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        assert not any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.values())


def test_four_up_fits_twice_as_many_slides_as_two_up(qapp, bundled_atlas, tmp_path):
    content = bundled_atlas.content
    slides = SLIDES[:8]
    counts = {}
    for per_page in (2, 4, 6):
        path = write_handout(content, slides, "Pages", tmp_path / f"{per_page}.pdf",
                             HandoutOptions(per_page, False, "A4"))
        texts = page_texts(path)
        counts[per_page] = next(i for i, t in enumerate(texts) if "Answer key" in t)
    assert counts == {2: 4, 4: 2, 6: 2}


def test_a_failed_write_leaves_no_file(qapp, bundled_atlas, tmp_path):
    target = tmp_path / "missing folder" / "handout.pdf"
    with pytest.raises(OSError):
        write_handout(bundled_atlas.content, SLIDES[:2], "x", target)
    assert not target.exists()


def test_untrusted_titles_are_printed_as_plain_text(qapp, bundled_atlas, tmp_path):
    title = "<b>Bold</b> & <script>x</script>"
    path = write_handout(bundled_atlas.content, SLIDES[2:3], title, tmp_path / "t.pdf")
    text = page_texts(path)
    assert all("<b>Bold</b> & <script>x</script>" in t for t in text)
    assert re.search(r"Answer key: <b>Bold</b>", text[-1])
