"""Structures on presenter slides and in the PDF handout, drawn as vectors: the handout is read
back with pypdf, and the drawing's labels are text in the PDF (a bitmap would carry none)."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtGui import QColor

from desktop.core.presenter.slides import SlideRef, slide_content
from desktop.presenter.handout import write_handout
from desktop.presenter.slide_painter import SlidePainter, SlideView
from desktop.presenter.slide_widget import SlideWidget, layout_document, slide_html
from desktop.theme import DARK, LIGHT


def test_term_slides_of_drugs_and_rings_carry_their_structure(bundled_atlas):
    content = bundled_atlas.content
    assert slide_content(content, SlideRef("term", "lenalidomide")).figure == "lenalidomide"
    assert slide_content(content, SlideRef("term", "phthalimide")).figure == "thalidomide"
    assert slide_content(content, SlideRef("term", "cereblon")).figure == ""


def test_the_slide_draws_the_structure_as_an_object_in_its_document(bundled_atlas, qtbot):
    content = bundled_atlas.content
    slide = slide_content(content, SlideRef("term", "pomalidomide"))
    html = slide_html(slide, False, None, DARK)
    assert "structure:pomalidomide@dark" in html
    document = layout_document(html, 900)
    assert "\ufffc" in document.toPlainText()  # the vector drawing, not a missing image
    widget = SlideWidget()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.set_slide(slide, SlideView(), LIGHT, SlidePainter(content, LIGHT))
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    background = QColor(LIGHT.window)
    coloured = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
                   if QColor(image.pixel(x, y)) != background)
    assert coloured > 500


def test_the_pdf_handout_has_the_structure_as_vector_text(bundled_atlas, tmp_path):
    content = bundled_atlas.content
    out = write_handout(content, [SlideRef("term", "thalidomide")], "Structures",
                        tmp_path / "handout.pdf")
    page_one = PdfReader(str(out)).pages[0].extract_text()
    assert "Thalidomide" in page_one
    assert "Phthalimide" in page_one and "Glutarimide" in page_one  # the drawing's labels
    other = write_handout(content, [SlideRef("term", "cereblon")], "No structure",
                          tmp_path / "other.pdf")
    assert "Glutarimide" not in PdfReader(str(other)).pages[0].extract_text()  # no drawing
