"""The drug comparison's Structure row: each drug drawn large enough to read its rings and
highlights, growing with the text, in the theme's colours, following sorting and hiding
(real widgets over the bundled content, measured on the pixels the table paints)."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage

DRUGS = ["thalidomide", "lenalidomide", "pomalidomide", "iberdomide", "mezigdomide"]


def _differs(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) > 60


def drawn_box(table, index) -> tuple[QRect, QImage]:
    """The box of the pixels in the cell of `index` that differ from the cell's background
    (the drawing's bonds, atoms, highlights and labels), as painted on screen."""
    image = table.viewport().grab().toImage()
    ratio = image.width() / max(1, table.viewport().width())
    cell = table.visualRect(index)
    background = image.pixelColor(round((cell.left() + 2) * ratio),
                                  round((cell.top() + 2) * ratio))
    left = top = 10**6
    right = bottom = -1
    for y in range(cell.top() + 3, cell.bottom() - 2):
        for x in range(cell.left() + 3, cell.right() - 2):
            if _differs(image.pixelColor(round(x * ratio), round(y * ratio)), background):
                left, right = min(left, x), max(right, x)
                top, bottom = min(top, y), max(bottom, y)
    if right < 0:
        return QRect(), image
    return QRect(left, top, right - left + 1, bottom - top + 1), image


def _show(view, qtbot, width: int, height: int):
    comparison = view.comparison
    view.tabs.setCurrentWidget(comparison)
    view.resize(width, height)
    qtbot.waitUntil(lambda: not comparison.model.stacked)
    qtbot.wait(20)
    return comparison


def structure_cells(comparison):
    """(drug id, index of its drawing) for each drug, in the order shown."""
    model = comparison.model
    return [(d.id, model.index_of(d.id, "structure")) for d in comparison.ordered_drugs()]


def test_each_drug_is_drawn_large_enough_to_read_its_rings(view, qtbot):
    # the mechanism view's share of the first window on a 1280x800 laptop
    comparison = _show(view, qtbot, 1090, 700)
    table = comparison.table
    lines = table.fontMetrics().height()
    heights = {}
    for drug_id, index in structure_cells(comparison):
        box, image = drawn_box(table, index)
        heights[drug_id] = box.height()
        # at least 7 text lines (about 100 pixels at 100%; it was a 4-line icon, the two
        # CELMoDs drawn about 55 pixels tall inside it), within the cell
        assert box.height() >= 7 * lines - 2, (drug_id, box, lines)
        assert table.visualRect(index).contains(box)
        # the glutarimide's orange highlight is there to see
        ratio = image.width() / max(1, table.viewport().width())
        orange = sum(1 for y in range(box.top(), box.bottom(), 2)
                     for x in range(box.left(), box.right(), 2)
                     if (c := image.pixelColor(round(x * ratio), round(y * ratio))).red() > 200
                     and 120 < c.green() < 220 and c.blue() < 140)
        assert orange > 20, drug_id
    # the larger CELMoDs are drawn taller still (up to 11 lines), and the row fits them
    assert max(heights.values()) >= 10 * lines
    row = comparison.model.row_of("structure")
    assert table.rowHeight(row) >= max(heights.values())
    # the delegate's account of where it draws matches the pixels
    index = structure_cells(comparison)[0][1]
    rect = comparison.cells.drawing_rect(index)
    assert abs(rect.height() - heights["thalidomide"]) <= rect.height() * 0.15


def test_the_drawings_grow_with_the_text_and_come_back(view, qtbot, mech_ctx):
    comparison = _show(view, qtbot, 1280, 760)
    table = comparison.table
    index = structure_cells(comparison)[0][1]
    small = comparison.cells.drawing_rect(index).height()
    assert small >= 7 * table.fontMetrics().height()
    mech_ctx.theme.set_font_scale(2.0)
    qtbot.waitUntil(lambda: comparison.model.stacked)  # five columns no longer fit
    qtbot.waitUntil(lambda: comparison.cells.drawing_rect(
        comparison.model.index_of("thalidomide", "structure")).height() >= small * 1.7)
    index = comparison.model.index_of("thalidomide", "structure")
    table.scrollTo(index)
    qtbot.wait(20)
    box, _image = drawn_box(table, index)
    assert box.height() >= small * 1.6, (box, small)
    assert table.rowHeight(index.row()) >= box.height()
    mech_ctx.theme.set_font_scale(1.0)
    qtbot.waitUntil(lambda: not comparison.model.stacked)
    qtbot.waitUntil(lambda: abs(comparison.cells.drawing_rect(
        structure_cells(comparison)[0][1]).height() - small) <= 1)


def test_the_drawings_follow_the_theme(view, qtbot, mech_ctx):
    comparison = _show(view, qtbot, 1280, 760)
    table = comparison.table
    index = structure_cells(comparison)[0][1]
    mech_ctx.theme.apply("dark")
    qtbot.wait(50)
    box, image = drawn_box(table, index)
    ratio = image.width() / max(1, table.viewport().width())
    pixels = [image.pixelColor(round(x * ratio), round(y * ratio))
              for y in range(box.top(), box.bottom()) for x in range(box.left(), box.right())]
    background = image.pixelColor(round((table.visualRect(index).left() + 2) * ratio),
                                  round((table.visualRect(index).top() + 2) * ratio))
    assert background.lightness() < 90  # a dark cell ...
    assert sum(1 for p in pixels if p.lightness() > 200) > 50  # ... and light bonds on it
    mech_ctx.theme.apply("light")
    qtbot.wait(50)
    box, image = drawn_box(table, index)
    assert not box.isEmpty()


def test_sorting_hiding_selecting_and_export_keep_the_drawings_right(view, qtbot, tmp_path):
    comparison = _show(view, qtbot, 1280, 760)
    table, cells = comparison.table, comparison.cells
    comparison.sort_by("name", descending=True)
    order = [d.id for d in comparison.ordered_drugs()]
    assert order[0] == "thalidomide"
    # each column draws its own drug's structure after the sort
    assert [cells.drug_of(comparison.model.index(0, c)) for c in range(5)] == order
    # a selected drawing keeps its ink on the base colour (the selection is a frame)
    index = comparison.model.index(0, 0)
    table.setCurrentIndex(index)
    qtbot.wait(20)
    rect = cells.drawing_rect(index)
    image = table.viewport().grab().toImage()
    ratio = image.width() / max(1, table.viewport().width())
    corner = image.pixelColor(round((rect.left() + 1) * ratio), round((rect.top() + 1) * ratio))
    assert corner.lightness() > 200, corner.name()  # the light theme's base, not the blue
    assert "Structure of Thalidomide" in comparison.detail.toPlainText()
    # hidden, the row is gone; the CSV never held drawings and still writes every field shown
    comparison.field_actions["structure"].setChecked(False)
    assert table.isRowHidden(comparison.model.row_of("structure"))
    out = comparison.export_csv(tmp_path / "drugs.csv")
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[1][0] == "Thalidomide" and "Structure" not in rows[0]
    comparison.field_actions["structure"].setChecked(True)
    assert not table.isRowHidden(comparison.model.row_of("structure"))
    comparison.reset_order()
    assert [cells.drug_of(comparison.model.index(0, c)) for c in range(5)] == DRUGS
    assert table.model().index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith(
        "Structure of Thalidomide")
