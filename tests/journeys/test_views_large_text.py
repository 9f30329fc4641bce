"""A student with 200% text and the glossary panel open on a 1280x800 laptop walks the library,
the timeline (and its story mode) and the mechanism: the window fits the screen, every button
of the view is inside it, and the tables do not scroll sideways."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QTableView, QTabWidget


def text_at_200_percent(person) -> None:
    """Ctrl+= until the text is twice its normal size (the View menu's larger text)."""
    normal = QApplication.font().pointSizeF()
    for _ in range(12):
        if QApplication.font().pointSizeF() >= 1.99 * normal:
            break
        person.press("Ctrl+=")
        person.qtbot.wait(10)
    assert QApplication.font().pointSizeF() >= 1.99 * normal


def fits_the_screen(person, view_name: str) -> None:
    window = person.window
    screen = window.screen().availableGeometry()
    person.qtbot.wait(80)
    assert window.minimumSizeHint().width() <= screen.width(), (
        view_name, window.minimumSizeHint().width())
    assert window.width() <= screen.width(), (view_name, window.width())
    inside = window.rect()
    for button in person.widgets(QAbstractButton, root=window):
        corner = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert inside.contains(corner), (view_name, button.text(), corner, inside)


def no_sideways_scrolling(person, name: str) -> None:
    table = person.find(name, QTableView)
    assert table.horizontalScrollBar().maximum() == 0, name


def test_every_view_fits_a_laptop_at_200_percent_with_the_glossary_open(person):
    text_at_200_percent(person)
    person.press("F2")
    assert person.focus().accessibleName() == "Find a glossary term"

    person.press("Ctrl+2")
    fits_the_screen(person, "library")
    no_sideways_scrolling(person, "Library table")

    person.press("Ctrl+3")
    fits_the_screen(person, "timeline")
    # the list shares tabs with the details at large text: click the "Events" tab
    tabs = person.find("Event details and list", QTabWidget)
    bar = tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "") == "Events")
    person.click(bar, at=bar.tabRect(index).center())
    table = person.find("Timeline events", QTableView)
    no_sideways_scrolling(person, "Timeline events")
    em = QFontMetrics(table.font()).horizontalAdvance("M")
    assert table.columnWidth(1) >= em * 12  # the headline column stays readable
    person.click("Story mode")
    person.wait_until(lambda: person.sees("Back to the timeline"), what="story mode")
    fits_the_screen(person, "timeline story")
    person.click("Back to the timeline")

    person.press("Ctrl+5")
    fits_the_screen(person, "mechanism")
