"""A student meets the drug structures where they study: the mechanism diagram's drug node
draws the chosen drug with its glutarimide in cereblon's pocket, the drug comparison draws each
drug in its Structure row, and a drug's glossary entry shows its drawing with a text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGraphicsView, QTabBar, QTableView, QTextBrowser

from tests.desktop.mechanism.test_drug_comparison_structures import drawn_box

SVG = "{http://www.w3.org/2000/svg}"


def test_choosing_a_drug_in_the_mechanism_view_draws_it_in_the_drug_node(person):
    person.press("Ctrl+5")
    person.wait_until(lambda: person.window.current_key == "mechanism", what="mechanism view")
    person.press("Alt+D")  # the "Drug:" label's mnemonic
    combo = person.focus()
    assert isinstance(combo, QComboBox) and combo.accessibleName() == "Highlight a drug"
    canvas = person.find("Mechanism diagram", QGraphicsView)
    before = canvas.viewport().grab().toImage()
    while combo.currentText() != "Pomalidomide":
        person.press(Qt.Key.Key_Down)
    # The drug node now draws pomalidomide, its glutarimide in the pocket, above its label.
    person.wait_until(lambda: canvas.figure_of("drug"), what="the drawing in the drug node")
    root = ET.fromstring(canvas.figure_of("drug").encode("utf-8"))
    assert root.get("data-structure") == "pomalidomide"
    assert "pocket" in {g.get("class") for g in root.iter(f"{SVG}g")}
    parts = [g.get("data-part") for g in root.iter(f"{SVG}g") if g.get("class") == "part"]
    assert parts[0] == "glutarimide" and "amino-4" in parts
    node = next(i for i in canvas.scene().items() if getattr(i, "node", None) is not None
                and i.node.id == "drug")
    drawn = canvas.mapFromScene(node.figure_rect()).boundingRect()
    assert canvas.viewport().rect().contains(drawn) and drawn.width() > 40
    after = canvas.viewport().grab().toImage()
    # Where the drawing is, the screen changed, and it shows the glutarimide's orange.
    ratio = after.width() / max(1, canvas.viewport().width())
    box = [round(v * ratio) for v in (drawn.x(), drawn.y(), drawn.right(), drawn.bottom())]
    changed = orange = 0
    for x in range(box[0], box[2], 2):
        for y in range(box[1], box[3], 2):
            pixel = after.pixelColor(x, y)
            changed += pixel != before.pixelColor(x, y)
            orange += pixel.red() > 200 and 120 < pixel.green() < 220 and pixel.blue() < 120
    assert changed > 50 and orange > 5
    # A screen reader hears what the drawing shows; hovering the node says it too.
    assert "Structure of Pomalidomide" in canvas.accessibleDescription()
    assert "amino group at position 4" in node.toolTip()
    person.press(Qt.Key.Key_Home)  # back to "All drugs": no single structure to show
    person.wait_until(lambda: not canvas.figure_of("drug"), what="the drawing removed")
    assert "Structure of" not in canvas.accessibleDescription()


def test_the_drug_comparison_draws_each_drug_in_its_structure_row(person):
    person.press("Ctrl+5")
    person.wait_until(lambda: person.window.current_key == "mechanism", what="mechanism view")
    bar = next(b for b in person.widgets(QTabBar)
               if "Drug comparison" in [b.tabText(i).replace("&", "") for i in range(b.count())])
    index = [bar.tabText(i).replace("&", "") for i in range(bar.count())].index(
        "Drug comparison")
    person.click(bar, at=bar.tabRect(index).center())
    table = person.find("Drug comparison table", QTableView)
    model = table.model()
    # the first row draws the drugs, one in each drug's column, each at least 7 text lines
    # tall on the first window of a 1280x800 laptop (they were 4-line icons: 43-52 pixels)
    assert model.headerData(0, Qt.Orientation.Vertical) == "Structure"
    person.wait_until(lambda: table.rowHeight(0) > 7 * table.fontMetrics().height(),
                      what="the structure row sized")
    lines = table.fontMetrics().height()
    for column in range(model.columnCount()):
        box, _image = drawn_box(table, model.index(0, column))
        assert box.height() >= 7 * lines - 2, (column, box)
        assert table.visualRect(model.index(0, column)).contains(box)
    person.click(table.viewport(), at=table.visualRect(model.index(0, 1)).center())
    person.wait_for_text("Structure of Lenalidomide.")
    assert person.sees("glutarimide ring, which sits in cereblon's tri-tryptophan pocket")


def test_a_drug_glossary_entry_shows_its_structure(person):
    person.press("Ctrl+Shift+G")
    person.type("isoindolinone")
    person.press(Qt.Key.Key_Return)
    entry = person.find("Glossary entry", QTextBrowser)
    person.wait_until(lambda: "Isoindolinone" in entry.toPlainText(), what="the entry")
    html = entry.toHtml()
    assert "<img" in html and "data:image/png;base64," in html
    assert "Structure of Lenalidomide" in html  # the image's text alternative
    assert person.sees("Lenalidomide · C13H13N3O3 · 259.26 g/mol")


def test_a_larger_molecule_is_drawn_wider_in_its_glossary_entry(person):
    """The drawings share one bond length: mezigdomide's entry draws it wider than
    thalidomide's, so its rings and labels are as legible (both fitted to one width, its
    labels were about 5 pixels tall), and never wider than the entry pane."""
    import re

    def drawing_width(term: str) -> int:
        person.press("Ctrl+Shift+G")
        person.type(term)
        person.press(Qt.Key.Key_Return)
        entry = person.find("Glossary entry", QTextBrowser)
        person.wait_until(lambda: entry.toPlainText().startswith(term.capitalize()),
                          what=f"the {term} entry")
        found = re.search(r'<img[^>]*width="(\d+)"', entry.toHtml())
        assert found, entry.toHtml()[:400]
        width = int(found.group(1))
        assert width <= entry.viewport().width()
        return width

    small = drawing_width("thalidomide")
    large = drawing_width("mezigdomide")
    assert large >= small * 1.3, (small, large)
