"""The layout matrix: every view at 1024x768, 1280x800 and 1920x1080, at 100% and 200% text, in
the light, dark and high-contrast themes.

`STATES` reaches each view (and the views' second pages: story mode, drug comparison, a quiz
question, progress, the glossary panel) the way a person does: the keys the app advertises and
clicks on visible widgets. `problems(window)` lists what a person would see wrong: a window
larger than the screen, a widget outside the window or cut by its parent, a button or heading
whose text is cut, a table column narrower than its heading.

Used by tests/journeys/test_shell_layout_matrix.py (asserts there are none) and by
docs/layout_matrix.py (writes the same matrix as screenshots for a person to look at).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLabel,
    QMenuBar,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

SCREENS: dict[str, QSize] = {"1024x768": QSize(1024, 768), "1280x800": QSize(1280, 800),
                             "1920x1080": QSize(1920, 1080)}
#: 200% first: a person whose text size is saved at 200% gets every view built at that size
#: (a view built at 100% and then enlarged asks for less room).
SCALES = (2.0, 1.0)
THEMES = ("light", "dark", "high-contrast")


@dataclass(frozen=True)
class State:
    """A place in the app a person reaches by `enter` and leaves by `leave`."""

    name: str
    enter: Callable
    leave: Callable | None = None


def click_tab(person, text: str) -> None:
    """Click the visible tab reading `text`."""
    for bar in person.widgets(QTabBar, person.window):
        for index in range(bar.count()):
            if bar.tabText(index).replace("&", "") == text:
                person.click(bar, at=bar.tabRect(index).center())
                return
    raise AssertionError(f"no visible tab {text!r}")


def _show(key: str) -> Callable:
    def enter(person) -> None:
        person.press(f"Ctrl+{['home', 'library', 'timeline', 'quiz', 'mechanism'].index(key) + 1}")
        person.wait_until(lambda: person.window.current_key == key, what=f"{key} shown")
    return enter


def _glossary(person) -> None:
    _show("library")(person)
    person.press("F2")
    person.wait_until(lambda: person.window.glossary.isVisible(), what="glossary panel")


def _glossary_off(person) -> None:
    person.menu("View", "Glossary panel")
    person.wait_until(lambda: not person.window.glossary.isVisible(), what="panel hidden")


def _story(person) -> None:
    _show("timeline")(person)
    person.click("Story mode")
    person.wait_for_text("Back to the timeline")


def _story_off(person) -> None:
    person.click("Back to the timeline")


def _comparison(person) -> None:
    _show("mechanism")(person)
    click_tab(person, "Drug comparison")


def _comparison_off(person) -> None:
    click_tab(person, "Diagram")


def _progress(person) -> None:
    _show("quiz")(person)
    person.click("Progress and statistics")
    person.wait_for_text("Back to the quiz")


def _progress_off(person) -> None:
    person.click("Back to the quiz")


def _question(person) -> None:
    _show("quiz")(person)
    person.click(next(b for b in person.widgets(QAbstractButton, person.window)
                      if b.text().startswith("Start") and "mixed questions" in b.text()))
    person.wait_for_text("Keys:")


def _results(person) -> None:
    person.click("End session")
    person.wait_for_text("New session")


def _results_off(person) -> None:
    person.click("New session")
    person.wait_for_text("Progress and statistics")


def _tour(person) -> None:
    _show("home")(person)
    person.menu("Help", "Welcome tour")
    person.wait_for_text("Welcome to IMiD Atlas")


def _tour_off(person) -> None:
    person.click("Close the tour")


def dismiss_tour(person) -> None:
    """The first start's welcome tour, dismissed for good (the matrix checks it on its own)."""
    person.wait_for_text("Welcome to IMiD Atlas")
    person.click("Don't show the tour again")


STATES: tuple[State, ...] = (
    State("home", _show("home")),
    State("welcome-tour", _tour, _tour_off),
    State("library", _show("library")),
    State("library-glossary", _glossary, _glossary_off),
    State("timeline", _show("timeline")),
    State("timeline-story", _story, _story_off),
    State("mechanism", _show("mechanism")),
    State("drug-comparison", _comparison, _comparison_off),
    State("quiz", _show("quiz")),
    State("quiz-progress", _progress, _progress_off),
    State("quiz-question", _question),
    State("quiz-results", _results, _results_off),
)

#: Room for the window manager's title bar and frame (as desktop.main_window allows).
FRAME = QSize(16, 40)


def window_size(screen: QSize) -> QSize:
    """The window's own area on a screen of `screen` size, as the app opens it there."""
    from desktop.main_window import first_geometry

    return first_geometry(QRect(QPoint(0, 0), screen)).size()


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and \
                parent is parent.parentWidget().viewport():
            return True
        parent = parent.parentWidget()
    return False


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = widget.text()
    label = widget.accessibleName() or widget.objectName() or text[:40]
    return f"{type(widget).__name__} {label!r}"


def _clipped_text(widget: QWidget) -> str | None:
    """Why the text of a button or a one-line label does not fit, or None."""
    if isinstance(widget, QAbstractButton):
        if not widget.text():
            return None
        need = widget.sizeHint().width()
        if need > widget.width() + 1:
            return f"button text cut ({widget.width()} of {need} px)"
        return None
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.wordWrap():
            if widget.hasHeightForWidth():
                need = widget.heightForWidth(widget.width())
                if need > widget.height() + 2:
                    return f"wrapped text cut ({widget.height()} of {need} px high)"
            return None
        need = widget.sizeHint().width()
        if need > widget.width() + 1:
            kind = "heading" if widget.property("role") == "heading" else "label"
            return f"{kind} text cut ({widget.width()} of {need} px)"
    return None


def _narrow_columns(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None:
        return []
    metrics = header.fontMetrics()
    margin = header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin)
    found = []
    for logical in range(header.count()):
        if header.isSectionHidden(logical) or header.sectionSize(logical) == 0:
            continue
        text = str(model.headerData(logical, header.orientation(),
                                    Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            continue
        need = metrics.horizontalAdvance(text) + 2 * margin
        if header.sectionSize(logical) < need:
            found.append(f"column {text!r} narrower than its heading "
                         f"({header.sectionSize(logical)} of {need} px)")
    return found


def problems(window: QWidget, screen: QSize) -> list[str]:
    """What is wrong with the window's layout on a screen of `screen` size."""
    found = []
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() + FRAME.width() > screen.width() or \
            minimum.height() + FRAME.height() > screen.height():
        found.append(f"window needs at least {minimum.width()}x{minimum.height()} px: "
                     f"larger than the screen")
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(f"window is {window.width()}x{window.height()} px on a "
                     f"{screen.width()}x{screen.height()} screen")
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget.parentWidget(), QMenuBar | QToolBar) and \
                widget.objectName() == "qt_toolbar_ext_button":
            continue
        if isinstance(widget, QScrollArea | QTextEdit) and \
                widget.horizontalScrollBar().isVisible() and not _in_scroll_area(widget, window):
            found.append(f"{_name(widget)} scrolls sideways: its text or controls do not "
                         f"wrap to its {widget.viewport().width()} px")
        in_scroll = _in_scroll_area(widget, window)
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not in_scroll and not bounds.adjusted(-1, -1, 1, 1).contains(rect):
            found.append(f"{_name(widget)} lies outside the window ({rect.x()},{rect.y()} "
                         f"{rect.width()}x{rect.height()} in {bounds.width()}x"
                         f"{bounds.height()})")
            continue
        parent = widget.parentWidget()
        if parent is not None and not in_scroll and not isinstance(
                parent, QAbstractScrollArea | QTabWidget) and \
                not parent.rect().adjusted(-1, -1, 1, 1).contains(widget.geometry()):
            found.append(f"{_name(widget)} is cut by {_name(parent)}")
            continue
        if in_scroll:
            continue
        why = _clipped_text(widget)
        if why:
            found.append(f"{_name(widget)}: {why}")
        if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
            found.extend(f"{_name(widget.parentWidget())}: {p}" for p in _narrow_columns(widget))
    return found


def apply(window, theme: str, scale: float) -> None:
    """Switch the theme and the text size as View > Theme and Ctrl+= do."""
    window.set_theme(theme)
    window.ctx.theme.set_font_scale(scale)
    settle()


def fit(window, screen: QSize) -> None:
    """Give the window the size the app opens with on a screen of `screen` size."""
    # Twice: rows that wrap (flow layouts) ask for their height at the width they get, so
    # the window's minimum is known only after a first pass at the new width.
    for _ in range(2):
        window.resize(window_size(screen))
        settle()


def settle() -> None:
    """Let every pending layout pass run (each may post another)."""
    for _ in range(6):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


class StandaloneBot:
    """What `Person` needs from pytest-qt's qtbot, for scripts run outside pytest
    (docs/layout_matrix.py)."""

    class TimeoutError(Exception):  # noqa: N818 - the name pytest-qt uses
        pass

    @staticmethod
    def mouseClick(widget, button, modifier=Qt.KeyboardModifier.NoModifier, pos=None):
        from PySide6.QtTest import QTest

        QTest.mouseClick(widget, button, modifier, pos or widget.rect().center())

    def waitUntil(self, condition, timeout: int = 5000) -> None:
        import time

        end = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > end:
                raise self.TimeoutError(f"waited {timeout} ms")
            QApplication.processEvents()
            time.sleep(0.01)
