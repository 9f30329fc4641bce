"""A person at the keyboard: drives the real main window only through what a person can do.

Keys go to the widget that has focus; clicks go to visible, enabled widgets inside the window,
found by the text or accessible name a person reads; menus are opened from the menu bar and
their items clicked where they are drawn; modal dialogs are answered through their buttons
(scheduled before the action that opens them, since `exec()` blocks). What the person gets is
read back from the screen: visible text, focus, the status bar.

Nothing here calls a view's methods to reach a state (see tests/journeys/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTextBrowser,
    QTextEdit,
    QTreeView,
    QWidget,
)

#: How long a person waits for something to appear before giving up (ms).
PATIENCE_MS = 5000


class JourneyError(AssertionError):
    """What a person could not do: a missing button, a dialog that never came."""


def _normal(text: str) -> str:
    """Text as a person reads it: no mnemonic ampersands, single spaces, no trailing dots."""
    text = re.sub(r"&(?!&)", "", text or "").replace("&&", "&")
    return " ".join(text.split()).rstrip("…").rstrip(".").strip()


def widget_text(widget: QWidget) -> str:
    """The text a widget shows (or its accessible name when it shows none)."""
    if isinstance(widget, QAbstractButton | QLabel | QLineEdit):
        return widget.text()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


class Person:
    """One person using one main window (`window`), with pytest-qt's `qtbot`."""

    def __init__(self, window, qtbot):
        self.window = window
        self.qtbot = qtbot
        #: The text of every message box a scheduled answer saw, in order.
        self.dialogs_seen: list[str] = []
        self._dialog_failures: list[BaseException] = []

    # -- looking ------------------------------------------------------------------------------

    def focus(self) -> QWidget | None:
        """The widget keys go to now."""
        return QApplication.focusWidget()

    def visible(self, widget: QWidget) -> bool:
        """Visible on screen: shown, and inside its window's rectangle."""
        if not widget.isVisible():
            return False
        top = widget.window()
        origin = widget.mapTo(top, QPoint(0, 0)) if widget is not top else QPoint(0, 0)
        rect = QRect(origin, widget.size())
        return top.rect().intersects(rect)

    def widgets(self, kind: type = QWidget, root: QWidget | None = None) -> list[QWidget]:
        """Visible widgets of `kind` in `root` (default: the active modal dialog, else every
        top-level window of the app that is visible)."""
        roots = [root] if root is not None else self._roots()
        found = []
        for top in roots:
            candidates = [top, *top.findChildren(kind)] if isinstance(top, kind) else \
                top.findChildren(kind)
            found.extend(w for w in candidates if self.visible(w))
        return found

    def _roots(self) -> list[QWidget]:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return [modal]
        popup = QApplication.activePopupWidget()
        if popup is not None:
            return [popup]
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and not isinstance(w, QMenu)]

    def screen_text(self, root: QWidget | None = None) -> str:
        """Everything a person can read now: labels, buttons, fields, text views, list and
        table rows that are on screen, the window title and the status bar."""
        parts = []
        roots = [root] if root is not None else self._roots()
        for top in roots:
            parts.append(top.windowTitle())
            for widget in self.widgets(QWidget, top):
                text = widget_text(widget)
                if text:
                    parts.append(text)
                if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                    parts.extend(self._item_texts(widget))
            if hasattr(top, "statusBar"):
                parts.append(top.statusBar().currentMessage())
        return "\n".join(p for p in parts if p)

    @staticmethod
    def _item_texts(view: QAbstractItemView) -> list[str]:
        model, texts = view.model(), []
        viewport = view.viewport().rect()
        is_tree = isinstance(view, QTreeView)

        def walk(parent, depth=0):
            try:
                columns = model.columnCount(parent)
            except TypeError:  # list models keep columnCount private in PySide6
                columns = 1
            for row in range(model.rowCount(parent)):
                for col in range(columns):
                    index = model.index(row, col, parent)
                    if view.visualRect(index).intersects(viewport):
                        value = index.data(Qt.ItemDataRole.DisplayRole)
                        if value not in (None, ""):
                            texts.append(str(value))
                child = model.index(row, 0, parent)
                if is_tree and depth < 3 and model.rowCount(child):
                    walk(child, depth + 1)

        walk(view.rootIndex())
        return texts

    def sees(self, text: str, root: QWidget | None = None) -> bool:
        """Whether `text` is on screen (case-insensitive, whitespace folded)."""
        return _normal(text).casefold() in _normal(self.screen_text(root)).casefold()

    def find(self, text: str, kind: type = QWidget, root: QWidget | None = None,
             exact: bool = True) -> QWidget:
        """The one visible widget of `kind` whose text or accessible name reads `text`."""
        want = _normal(text).casefold()

        def reads(widget: QWidget) -> bool:
            names = (_normal(widget_text(widget)).casefold(),
                     _normal(widget.accessibleName()).casefold(),
                     _normal(widget.toolTip()).casefold())
            return want in names if exact else any(want in n for n in names if n)

        matches = [w for w in self.widgets(kind, root) if reads(w)]
        if not matches:
            # Below the fold of a scrolling page: a person scrolls down to it.
            matches = [w for w in self._scrollable(kind, root) if reads(w)]
            for widget in matches[:1]:
                self.scroll_to(widget)
        if not matches:
            shown = sorted({_normal(widget_text(w) or w.accessibleName())
                            for w in self.widgets(kind, root)} - {""})
            raise JourneyError(f"no visible {kind.__name__} reads {text!r}; on screen: {shown}")
        if len(matches) > 1:
            enabled = [w for w in matches if w.isEnabled()]
            matches = enabled or matches
        return matches[0]

    def _scrollable(self, kind: type, root: QWidget | None) -> list[QWidget]:
        roots = [root] if root is not None else self._roots()
        return [w for top in roots for w in top.findChildren(kind)
                if w.isVisible() and self._scroll_area(w) is not None]

    @staticmethod
    def _scroll_area(widget: QWidget) -> QScrollArea | None:
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.isVisible():
                return parent
            parent = parent.parentWidget()
        return None

    def scroll_to(self, widget: QWidget) -> None:
        """Scroll the page holding `widget` until it is on screen, as a person scrolls."""
        area = self._scroll_area(widget)
        if area is not None:
            area.ensureWidgetVisible(widget)
            QApplication.processEvents()

    def button(self, text: str, root: QWidget | None = None) -> QAbstractButton:
        """The visible button a person would click for `text`."""
        return self.find(text, QAbstractButton, root)

    # -- acting -------------------------------------------------------------------------------

    def click(self, target: QWidget | str, button=Qt.MouseButton.LeftButton,
              at: QPoint | None = None) -> None:
        """Click a visible, enabled widget (or the button reading `target`)."""
        self._window_manager()
        widget = self.button(target) if isinstance(target, str) else target
        if not self.visible(widget):
            raise JourneyError(f"{widget!r} ({widget_text(widget)!r}) is not visible")
        if not widget.isEnabled():
            raise JourneyError(f"{widget!r} ({widget_text(widget)!r}) is disabled")
        self.qtbot.mouseClick(widget, button, pos=at or widget.rect().center())

    def _window_manager(self) -> None:
        """What a desktop's window manager does when a dialog closes: the window under it
        becomes active again (offscreen Qt has no window manager, so nothing would be): the
        dialog still open under a closed message box, else the main window."""
        active = QApplication.activeWindow()
        modal = QApplication.activeModalWidget()
        if modal is not None:
            if active is None and modal.isVisible():
                modal.activateWindow()
                self.qtbot.waitUntil(lambda: QApplication.activeWindow() is not None,
                                     timeout=1000)
            return
        # Offscreen Qt may also leave a closed menu or dialog as the active window, which
        # would leave every shortcut of the main window dead for the rest of the journey.
        if self.window.isVisible() and (
                active is None or not active.isVisible() or isinstance(active, QMenu)):
            self.window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window,
                                 timeout=1000)

    def click_link(self, browser: QTextBrowser, text: str, href: str = "") -> str:
        """Click the link reading `text` (whose address starts with `href`, if given) in a
        text view, scrolling it into view first as a person would; returns its address."""
        document = browser.document()
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                form = fragment.charFormat()
                if form.isAnchor() and text in fragment.text() and \
                        form.anchorHref().startswith(href):
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position() + len(fragment.text()) // 2)
                    viewport = browser.viewport()
                    point = browser.cursorRect(cursor).center()
                    if not viewport.rect().contains(point):  # scroll it to the middle
                        bar = browser.verticalScrollBar()
                        bar.setValue(bar.value() + point.y() - viewport.height() // 2)
                        point = browser.cursorRect(cursor).center()
                    self.click(viewport, at=point)
                    return form.anchorHref()
                fragments += 1
            block = block.next()
        raise JourneyError(f"no link reads {text!r} (address {href!r}…) in "
                           f"{browser.accessibleName()!r}")

    def press(self, key: str | Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        """Press a key, or a key sequence written as a person reads it ("Ctrl+K", "F2"),
        on whatever has focus."""
        self._window_manager()
        target = self.focus() or self.window
        if isinstance(key, str):
            sequence = QKeySequence(key)
            if sequence.count() != 1:
                raise ValueError(f"one key combination at a time, not {key!r}")
            combo = sequence[0]
            QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
        else:
            QTest.keyClick(target, key, modifiers)
        QApplication.processEvents()

    def double_the_text(self) -> None:
        """View > Larger text (Ctrl+=) ten times, ten steps of 10%: twice the normal size."""
        for _ in range(10):
            self.press("Ctrl+=")
        assert self.window.ctx.theme.font_scale == 2.0

    def type(self, text: str) -> None:
        """Type `text` into the focused widget."""
        self._window_manager()
        target = self.focus()
        if target is None:
            raise JourneyError(f"nothing has focus to type {text!r} into")
        for char in text:
            if char.isascii():
                QTest.keyClicks(target, char)
            else:  # "α", "ö": a key with that text (QTest.keyClicks aborts on them)
                for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
                    QTest.sendKeyEvent(action, target, Qt.Key.Key_unknown, char,
                                       Qt.KeyboardModifier.NoModifier)
        QApplication.processEvents()

    def wait_until(self, condition: Callable[[], object], timeout: int = PATIENCE_MS,
                   what: str = "") -> None:
        """Wait (processing events) until `condition()` is true."""
        try:
            self.qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
        except self.qtbot.TimeoutError as exc:
            raise JourneyError(f"waited {timeout} ms for {what or condition}") from exc

    def wait_for_text(self, text: str, timeout: int = PATIENCE_MS) -> None:
        """Wait until `text` is on screen."""
        self.wait_until(lambda: self.sees(text), timeout, f"{text!r} on screen")

    # -- menus --------------------------------------------------------------------------------

    def menu(self, *path: str) -> None:
        """Choose a menu item as a person does: click the menu's title in the menu bar, then
        each item on the way (submenus open), e.g. `menu("File", "Export", "Timeline as CSV")`.
        Items are matched on their text without the mnemonic `&` and trailing dots."""
        bar = self.window.menuBar()
        title, *items = path
        top = next((a for a in bar.actions() if _normal(a.text()).casefold()
                    == _normal(title).casefold()), None)
        if top is None or not top.isVisible():
            raise JourneyError(f"no menu {title!r} in the menu bar")
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                              pos=bar.actionGeometry(top).center())
        menu = top.menu()
        self.wait_until(menu.isVisible, what=f"menu {title!r} open")
        for depth, item in enumerate(items):
            action = self._menu_action(menu, item)
            if not action.isEnabled():
                raise JourneyError(f"menu item {item!r} is disabled")
            pos = menu.actionGeometry(action).center()
            if action.menu() is not None:
                self.qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=pos)
                menu = action.menu()
                self.wait_until(menu.isVisible, what=f"submenu {item!r} open")
            else:
                if depth != len(items) - 1:
                    raise JourneyError(f"{item!r} is not a submenu")
                # A click on a menu item may open a modal dialog: the click returns when it
                # closes (the dialog is answered by an answer scheduled before this call).
                self.qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=pos)
        QApplication.processEvents()
        self._window_manager()

    def choose_from(self, opener: QWidget | str, *items: str, stays_open: bool = False) -> None:
        """Open the drop-down menu of a button (`opener`, or the button reading it) with a
        click and click `items` in it, one after the other, as a person does. With
        `stays_open`, every item is clicked in the same menu (check boxes that keep it open;
        it is an error if the menu closes) and Esc closes it at the end."""
        button = self.button(opener) if isinstance(opener, str) else opener
        want = list(items)

        def handle(menu: QMenu):
            for item in want:
                if not menu.isVisible():
                    raise JourneyError(f"the menu closed before {item!r} could be clicked")
                action = self._menu_action(menu, item)
                if not action.isEnabled():
                    raise JourneyError(f"menu item {item!r} is disabled")
                self.qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                                      pos=menu.actionGeometry(action).center())
                QApplication.processEvents()
                if stays_open and not menu.isVisible():
                    raise JourneyError(f"the menu closed after {item!r} was clicked")
            if stays_open:
                QTest.keyClick(menu, Qt.Key.Key_Escape)

        def poll(waited=0):
            popup = QApplication.activePopupWidget()
            if isinstance(popup, QMenu) and popup.isVisible():
                try:
                    handle(popup)
                except BaseException as exc:  # noqa: BLE001 - reported by check_dialogs
                    self._dialog_failures.append(exc)
                    popup.close()
                return
            if waited > PATIENCE_MS:
                self._dialog_failures.append(JourneyError("the button's menu never opened"))
                return
            QTimer.singleShot(20, lambda: poll(waited + 20))

        QTimer.singleShot(0, poll)
        self.click(button)  # the menu runs its own loop until an item closes it
        QApplication.processEvents()
        self.check_dialogs()

    def _menu_action(self, menu: QMenu, text: str):
        # Menus filled on aboutToShow are complete once shown.
        want = _normal(text).casefold()
        for action in menu.actions():
            if not action.isSeparator() and action.isVisible() and \
                    _normal(action.text()).casefold() == want:
                return action
        items = [_normal(a.text()) for a in menu.actions() if not a.isSeparator()]
        raise JourneyError(f"no item {text!r} in menu {_normal(menu.title())!r}: {items}")

    # -- dialogs ------------------------------------------------------------------------------

    def when_dialog(self, handle: Callable[[QDialog], None], timeout: int = PATIENCE_MS,
                    kind: type = QDialog) -> None:
        """Schedule `handle(dialog)` for the next modal dialog of `kind` (call this before the
        action that opens it). If the dialog never comes or `handle` fails, the dialog is
        closed so the test cannot hang, and the failure is raised when `check_dialogs()`
        runs (the fixture calls it at the end of every journey)."""
        # "The next" dialog: one already open when this is scheduled (the dialog whose button
        # the test is about to click) is not it, until it has closed once.
        state = {"waited": 0, "open": QApplication.activeModalWidget()}

        def poll():
            dialog = QApplication.activeModalWidget()
            opened = state["open"]
            if opened is not None and not (shiboken6.isValid(opened) and opened.isVisible()):
                state["open"] = None
            if isinstance(dialog, kind) and dialog.isVisible() and dialog is not state["open"]:
                try:
                    handle(dialog)
                except BaseException as exc:  # noqa: BLE001 - reported by check_dialogs
                    self._dialog_failures.append(exc)
                    dialog.reject()
                return
            state["waited"] += 20
            if state["waited"] > timeout:
                other = QApplication.activeModalWidget()
                self._dialog_failures.append(JourneyError(
                    f"no {kind.__name__} appeared within {timeout} ms"
                    + (f" (a {type(other).__name__} {other.windowTitle()!r} did; closed it)"
                       if other is not None else "")))
                if isinstance(other, QDialog):
                    other.reject()  # never leave a test blocked in exec()
                return
            QTimer.singleShot(20, poll)

        QTimer.singleShot(0, poll)

    def answer_dialog(self, button: str = "OK", expect: str | None = None,
                      kind: type = QDialog) -> None:
        """Schedule: the next modal dialog of `kind` is read (its text kept in
        `dialogs_seen`, and checked to contain `expect`) and answered by clicking `button`."""

        def handle(dialog: QDialog):
            if isinstance(dialog, QMessageBox):
                text = "\n".join(filter(None, [dialog.text(), dialog.informativeText()]))
            else:
                text = self.screen_text(dialog)
            self.dialogs_seen.append(text)
            if expect is not None and _normal(expect).casefold() not in \
                    _normal(text).casefold():
                raise JourneyError(f"the dialog says {text!r}, expected {expect!r}")
            self.click(self.button(button, dialog))

        self.when_dialog(handle, kind=kind)

    def answer_message(self, button: str = "OK", expect: str | None = None) -> None:
        """Schedule: the next message box is read and answered by clicking `button`."""
        self.answer_dialog(button, expect, QMessageBox)

    def answer_file_dialog(self, paths: Path | str | Iterable[Path | str]) -> None:
        """Schedule: in the next file dialog, choose `paths` as a person does: paste a path
        into the file-name field and press Enter; for several files (sharing a folder), go to
        the folder that way, then click the first file and Ctrl+click the others."""
        paths = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]

        def handle(dialog: QFileDialog):
            name_field = dialog.findChild(QLineEdit, "fileNameEdit")
            if name_field is None:
                raise JourneyError("the file dialog has no file-name field (native dialog?)")
            if len(paths) == 1:
                self._paste_into(name_field, str(paths[0]))
                QTest.keyClick(name_field, Qt.Key.Key_Return)
            else:
                self._paste_into(name_field, str(paths[0].parent))
                QTest.keyClick(name_field, Qt.Key.Key_Return)
                self._pick_files(dialog, [p.name for p in paths])
                QTest.keyClick(name_field, Qt.Key.Key_Return)
            QApplication.processEvents()
            if dialog.isVisible():
                raise JourneyError(f"the file dialog did not take {paths}: it shows "
                                   f"{name_field.text()!r}")

        self.when_dialog(handle, kind=QFileDialog)

    @staticmethod
    def _paste_into(field: QLineEdit, text: str) -> None:
        # Pasted, not typed: typing a path letter by letter makes the file dialog's
        # completion jump into every folder on the way, as it would for a person typing.
        QApplication.clipboard().setText(text)
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()

    def _pick_files(self, dialog: QFileDialog, names: list[str]) -> None:
        view = next(v for v in dialog.findChildren(QAbstractItemView)
                    if v.objectName() in ("listView", "treeView") and v.isVisible())
        model = view.model()

        def shown() -> dict:
            root = view.rootIndex()
            return {model.index(r, 0, root).data(): model.index(r, 0, root)
                    for r in range(model.rowCount(root))}

        self.wait_until(lambda: set(names) <= set(shown()), what=f"{names} listed")
        for i, name in enumerate(names):
            index = shown()[name]
            view.scrollTo(index)
            modifier = Qt.KeyboardModifier.ControlModifier if i else \
                Qt.KeyboardModifier.NoModifier
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier,
                             view.visualRect(index).center())

    def check_dialogs(self) -> None:
        """Raise the first failure of a scheduled dialog answer, if any."""
        if self._dialog_failures:
            raise self._dialog_failures[0]
