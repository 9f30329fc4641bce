"""A student who reads at twice the normal text size sits a 40-question exam on a 1280x800
laptop: the exam's question strip draws every number whole (a line is never cut in half; past
two lines it scrolls, keeping the current question in view), and every button and answer of
the page stays inside the window with its text whole (the question's own scroll area may hold
more answers than fit: those are a scroll away, so they count when they lie inside what it
scrolls, and the scroll area itself lies inside the window)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QScrollArea


def rect_in_window(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def reachable(widget, window: QRect) -> bool:
    """Inside the window, or inside the scrolled content of a scroll area that is."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is None or area.widget() is None:
        return window.contains(rect_in_window(widget))
    content = area.widget()
    inside = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
    return content.rect().contains(inside) and reachable(area, window)


def strip_is_whole(strip: QListWidget) -> None:
    """Every number of the strip drawn whole; the current one in view."""
    cell = strip.gridSize()
    viewport = strip.viewport().rect()
    lines_shown = viewport.height() // cell.height()
    assert lines_shown >= 1
    assert viewport.height() - lines_shown * cell.height() < cell.height() // 2, \
        (viewport, cell)  # no half line showing
    metrics = strip.fontMetrics()
    tops = set()
    for row in range(strip.count()):
        item = strip.item(row)
        rect = strip.visualItemRect(item)
        tops.add(rect.top())
        assert metrics.horizontalAdvance(item.text()) <= cell.width(), item.text()
        assert rect.left() >= 0 and rect.right() <= viewport.right(), (item.text(), rect)
    if len(tops) > lines_shown:
        assert strip.verticalScrollBar().isVisible() and strip.verticalScrollBar().maximum()
    current = strip.visualItemRect(strip.currentItem())
    assert viewport.contains(current), (current, viewport)


def test_exam_at_double_text_size_keeps_the_strip_and_buttons_whole(person):
    person.double_the_text()
    person.press("Ctrl+4")
    person.wait_for_text("Start 10 mixed questions")
    person.press("Alt+X")  # E&xam
    person.press("Alt+Q")  # &Questions: the count
    person.press("Ctrl+A")
    person.type("40")
    person.press("Alt+S")  # &Start session
    person.wait_for_text("Question 1 of 40")

    window = person.window.rect()
    strip = person.find("Exam questions", QListWidget)
    assert strip.count() == 40
    def buttons_whole() -> list[str]:
        """The buttons of the window that lie outside it or cut their text."""
        cut = []
        for button in person.widgets(QAbstractButton):
            if button.window() is not person.window:
                continue
            text = button.text().replace("&", "")
            if not reachable(button, window) or (
                    text and button.fontMetrics().horizontalAdvance(text)
                    > button.contentsRect().width()):
                cut.append(text or button.accessibleName())
        return cut

    for number in range(1, 41):
        if number in (1, 2, 20, 39, 40):
            strip_is_whole(strip)
            # Once the page has laid itself out (a moment after the question shows).
            person.wait_until(lambda: not buttons_whole(), timeout=2000,
                              what=f"buttons whole on question {number}")
            for label in person.widgets(QLabel):
                if label.window() is person.window and label.text() and label.wordWrap():
                    assert rect_in_window(label).right() <= window.right(), label.text()
        if number < 40:
            person.press("PgDown")
            person.wait_for_text(f"Question {number + 1} of 40")
    assert strip.currentRow() == 39
