"""A new student's first start: the window fits the laptop, the welcome tour walks the views
and can be dismissed for good, the first Tab stops show where the focus is, and a topic is
found from Home."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.journeys.conftest import open_app
from tests.journeys.person import Person


def test_the_first_window_fits_the_laptop_screen_with_its_status_bar(person):
    window = person.window
    screen = window.screen().availableGeometry()
    assert (screen.width(), screen.height()) == (1280, 800)
    # Room for a title bar above and a frame around: the title-bar buttons and the status
    # bar are on the screen.
    assert window.geometry().top() >= 30 and window.geometry().right() <= screen.right()
    status = window.statusBar()
    assert person.visible(status)
    assert status.mapToGlobal(QPoint(0, status.height())).y() <= screen.bottom()
    person.wait_for_text("Content as of")


def test_the_welcome_tour_walks_the_views_and_can_be_dismissed_for_good(person, data_folder,
                                                                        qtbot):
    person.wait_for_text("Welcome to IMiD Atlas")
    assert person.sees("1 of")
    assert person.window.current_key == "home"
    person.click("Next tip")
    person.wait_until(lambda: person.window.current_key == "library", what="library shown")
    assert person.sees("Library: notes, references, your own papers")
    person.click("Next tip")
    person.wait_until(lambda: person.window.current_key == "timeline", what="timeline shown")
    person.click("Previous tip")
    person.wait_until(lambda: person.window.current_key == "library", what="back to library")
    # The tour never took the keys: the library's filter key works beside it.
    person.press("Ctrl+L")
    assert person.focus().accessibleName() == "Filter the library"
    person.click("Don't show the tour again")
    assert not person.sees("Welcome to IMiD Atlas")
    assert person.sees("Help > Welcome tour shows it again")
    person.window.close()

    again = open_app(data_folder, qtbot)
    try:
        qtbot.wait(50)  # the tour would come right after the first paint
        second = Person(again, qtbot)
        assert not second.sees("Welcome to IMiD Atlas")
        second.menu("Help", "Welcome tour")
        second.wait_for_text("Welcome to IMiD Atlas")
    finally:
        again.close()


def test_a_tour_closed_for_now_comes_back_at_the_next_start(person, data_folder, qtbot):
    person.wait_for_text("Welcome to IMiD Atlas")
    person.click("Close the tour")
    assert not person.sees("Welcome to IMiD Atlas")
    person.window.close()
    again = open_app(data_folder, qtbot)
    try:
        second = Person(again, qtbot)
        second.wait_for_text("Welcome to IMiD Atlas")
    finally:
        again.close()


def _edge_change(before: QImage, after: QImage, band: int = 3) -> int:
    """How many pixels within `band` px of the edge differ between two grabs."""
    width, height = before.width(), before.height()
    changed = 0
    for x in range(width):
        for y in (*range(band), *range(height - band, height)):
            changed += before.pixel(x, y) != after.pixel(x, y)
    for y in range(band, height - band):
        for x in (*range(band), *range(width - band, width)):
            changed += before.pixel(x, y) != after.pixel(x, y)
    return changed


@pytest.mark.parametrize("theme", ["Light", "Dark", "High contrast (projector)"])
def test_the_first_tab_stops_show_a_focus_frame(person, theme):
    """Tab once round the window from Home: every stop is framed in the theme's focus
    colour (the page's scroll area and the navigation list were not)."""
    QApplication.setCursorFlashTime(0)  # a blinking cursor is not a focus frame
    person.menu("View", "Theme", theme)
    person.wait_for_text("Find a topic")
    person.press("Ctrl+1")
    seen = []
    for _ in range(40):  # once round the whole window
        widget = person.focus()
        if seen and widget.accessibleName() == "Find a topic":
            break
        assert widget is not None, f"nothing has the focus after {seen}"
        name = widget.accessibleName() or type(widget).__name__
        seen.append(name)
        focused = widget.grab().toImage()
        widget.clearFocus()
        QApplication.processEvents()
        plain = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        perimeter = 2 * (focused.width() + focused.height())
        assert _edge_change(plain, focused) >= perimeter // 2, \
            f"{name} ({type(widget).__name__}) shows no focus frame in {theme}"
        person.press("Tab")
    assert "Find a topic" in seen and "Views" in seen and "Search" in seen


def test_a_student_finds_a_topic_from_home(person):
    person.wait_for_text("Find a topic")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Find a topic"
    person.type("cereblon")
    person.press("Enter")
    search = person.focus()
    assert search.accessibleName() == "Search" and search.text() == "cereblon"
    person.wait_until(lambda: person.window.search_popup.shows_results(), what="the results")
    assert person.sees("results · Enter opens")
    person.press("Enter")
    glossary = person.window.glossary
    person.wait_until(glossary.isVisible, what="the glossary entry")
    person.wait_for_text("Cereblon")
    assert glossary.current_term == "cereblon"


def test_a_popular_topic_on_home_lists_notes_events_and_terms(person):
    person.wait_for_text("Popular topics")
    person.click("Find Thalidomide disaster")
    person.wait_until(lambda: person.window.search_popup.shows_results(), what="the results")
    results = person.window.search_popup.results
    kinds = {hit.kind for hit in results.hits}
    assert "event" in kinds and len(results.hits) >= 3, kinds
    assert person.focus().accessibleName() == "Search"
    person.press("Down")
    person.press("Enter")
    person.wait_until(lambda: not person.window.search_popup.isVisible(), what="popup closed")
    assert person.window.ctx.navigator.current is not None
