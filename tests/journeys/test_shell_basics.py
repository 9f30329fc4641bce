"""What a user of Anki or Zotero expects: a guide (F1), Preferences, dropping files on the
window, File > Recent, and keys that work from anywhere."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QPointF, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QTextBrowser,
)

from desktop.core.recent import label as recent_label
from tests.journeys.conftest import open_app
from tests.journeys.person import JourneyError, Person

SAMPLE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "sample_pack"


def _leave_the_tour(person) -> None:
    """A returning student: the welcome tour out of the way."""
    person.wait_for_text("Welcome to IMiD Atlas")
    person.click("Don't show the tour again")


def test_f1_opens_the_guide_at_the_view_in_use(person):
    _leave_the_tour(person)
    person.press("Ctrl+3")
    seen = {}

    def read(dialog):
        text = dialog.findChild(QTextBrowser, "guide_text")
        seen["text"] = text.toPlainText()
        sections = next(w for w in person.widgets(root=dialog)
                        if w.accessibleName() == "Guide sections")
        seen["current"] = sections.currentItem().text()
        person.click(person.button("Close", dialog))

    person.when_dialog(read)
    person.press("F1")
    person.check_dialogs()
    assert seen["current"] == "Timeline"
    for words in ("Studying:", "Teaching:", "Story mode", "PgDown", "Ctrl+Shift+O"):
        assert words in seen["text"], words


def test_help_keyboard_shortcuts_lists_the_quiz_bookmark_key_the_quiz_uses(person):
    _leave_the_tour(person)
    rows = {}

    def read(dialog):
        table = dialog.table
        for r in range(table.rowCount()):
            rows[table.item(r, 2).text()] = table.item(r, 1).text()
        person.click(person.button("Close", dialog))

    person.when_dialog(read)
    person.press("Ctrl+/")
    person.check_dialogs()
    assert rows["Bookmark the question"] == "Ctrl+B"
    person.press("Ctrl+4")
    person.click("Start 10 mixed questions")
    person.wait_for_text("Keys:")
    # A key and what it does are joined by a no-break space so they never part at a wrap.
    assert "Ctrl+B bookmark" in person.screen_text().replace("\u00a0", " ")


class _FileManager(QObject):
    """Stands in for the desktop's file manager: records the folder it is asked to show."""

    def __init__(self):
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url)


def _spin_to(person, spin: QSpinBox, value: int) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin, str(value))
    QTest.keyClick(spin, Qt.Key.Key_Tab)
    assert spin.value() == value, (spin.accessibleName(), spin.value())


def _choose(combo: QComboBox, label: str) -> None:
    """Choose `label` with the arrow keys, as a person does in a closed drop-down."""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(label):
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    raise JourneyError(f"{combo.accessibleName()} has no {label!r}")


def test_preferences_change_the_theme_text_size_and_quiz_defaults(person, data_folder):
    _leave_the_tour(person)
    files = _FileManager()
    QDesktopServices.setUrlHandler("file", files, "show")
    try:
        def change(dialog):
            widgets = {w.accessibleName(): w for w in person.widgets(root=dialog)}
            assert widgets["Data folder"].text() == str(data_folder)
            person.click(widgets["Open the data folder"])
            _choose(widgets["Theme"], "Dark")
            _spin_to(person, widgets["Text size in percent"], 150)
            _spin_to(person, widgets["Number of questions"], 20)
            _spin_to(person, widgets["Exam countdown in minutes"], 30)
            _choose(widgets["Quiz mode"], "Exam")
            person.click(person.button("OK", dialog))

        person.when_dialog(change)
        person.press("Ctrl+,")
        person.check_dialogs()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in files.opened] == [data_folder]
    assert QApplication.palette().window().color().lightness() < 80
    assert abs(QApplication.font().pointSizeF() / person.window.ctx.theme.base_point_size
               - 1.5) < 0.01
    person.press("Ctrl+4")
    quiz = {w.accessibleName(): w for w in person.widgets(QAbstractSpinBox)}
    assert quiz["Number of questions"].value() == 20
    assert quiz["Exam countdown in minutes"].value() == 30
    assert person.find("Exam", exact=False).isChecked()
    person.window.close()
    saved = QSettings(str(data_folder / "settings.ini"), QSettings.Format.IniFormat)
    assert saved.value("prefs/theme") == "dark"
    assert float(saved.value("prefs/font_scale")) == 1.5
    assert int(saved.value("prefs/quiz_question_count")) == 20


def test_cancel_in_preferences_changes_nothing(person, data_folder):
    _leave_the_tour(person)
    before = QApplication.palette().window().color().name()

    def cancel(dialog):
        widgets = {w.accessibleName(): w for w in person.widgets(root=dialog)}
        _choose(widgets["Theme"], "High contrast")
        person.click(person.button("Cancel", dialog))

    person.when_dialog(cancel)
    person.menu("File", "Preferences")
    person.check_dialogs()
    assert QApplication.palette().window().color().name() == before


def _drop(window, paths: list[Path]) -> None:
    """Drop files on the middle of the window, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(window.rect().center())
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point.toPoint(), actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the drag"
    drop = QDropEvent(point, actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted(), "the window refused the drop"


def test_a_teacher_drops_a_paper_a_question_file_and_a_content_pack(person, tmp_path):
    _leave_the_tour(person)
    pack = tmp_path / "proteasome pack"
    shutil.copytree(SAMPLE_PACK, pack)
    note = tmp_path / "week 3 reading.md"
    note.write_text("# Daratumumab with lenalidomide\n\nNotes on the POLLUX trial and "
                    "CD38 antibodies.\n", encoding="utf-8")
    gift = tmp_path / "week 3.gift"
    gift.write_text("::w3-1:: Which protein does lenalidomide bind? {=cereblon ~tubulin "
                    "~CD38}\n\n::w3-2:: Thalidomide was withdrawn in 1961. {T}\n",
                    encoding="utf-8")
    person.answer_dialog("OK", expect="2 question(s) read from week 3.gift")
    person.answer_message("OK", expect="Imported question sets")
    _drop(person.window, [pack, gift, note])
    person.wait_until(lambda: person.window.current_key == "library", timeout=20000,
                      what="the library importing the paper")
    person.check_dialogs()
    person.wait_for_text("Daratumumab with lenalidomide", timeout=15000)
    assert [p.name for p in person.window.ctx.atlas.packs] == ["proteasome pack"]
    assert person.window.ctx.content.event("pi-summit-2003") is not None
    person.answer_dialog("Close", expect="week 3")
    person.menu("File", "Question sets")
    person.check_dialogs()


def test_dropping_something_unreadable_says_so_and_imports_nothing(person, tmp_path):
    _leave_the_tour(person)
    gone = tmp_path / "moved away.pdf"
    person.answer_message("OK", expect="moved away.pdf")
    _drop(person.window, [gone])
    person.check_dialogs()
    person.wait_until(lambda: person.dialogs_seen, what="the message")
    assert "could not be read" in person.dialogs_seen[0]


def test_recent_lists_what_was_opened_and_survives_a_restart(person, data_folder, qtbot):
    _leave_the_tour(person)
    for query in ("IKZF1", "Kumar"):
        person.press("Ctrl+K")
        person.type(query)
        person.wait_until(lambda: person.window.search_popup.shows_results(), what="results")
        person.press("Enter")
    navigator = person.window.ctx.navigator
    opened = [(item.kind, item.item_id) for item in person.window.recent]
    assert opened == [("document", "note-kumar-2005"), ("term", "ikzf1")]
    # An event read in the timeline counts; events stepped past on the way do not.
    person.press("Ctrl+3")
    person.wait_until(lambda: person.window.current_key == "timeline", what="the timeline")
    person.press("Right")
    person.press("Enter")  # the details of the first event
    person.press("Right")  # stepped past
    person.press("Right")  # read
    read = person.window.views["timeline"].selected
    person.wait_until(lambda: person.window.recent[0].item_id == read, what="the event listed")
    opened = [(item.kind, item.item_id) for item in person.window.recent]
    assert opened == [("event", read), ("document", "note-kumar-2005"), ("term", "ikzf1")]
    title = person.window.ctx.content.title_of("document", "note-kumar-2005")
    person.press("Ctrl+3")
    person.menu("File", "Recent", recent_label(title, "document", 2))
    assert person.window.current_key == "library"
    assert navigator.current.item_id == "note-kumar-2005"
    assert person.sees(title)
    person.window.close()

    again = open_app(data_folder, qtbot)
    try:
        second = Person(again, qtbot)
        second.menu("File", "Recent", "3 IKZF1 (Ikaros) (term)")
        second.wait_until(again.glossary.isVisible, what="the glossary")
        assert again.glossary.current_term == "ikzf1"
    finally:
        again.close()


def test_ctrl_l_shows_the_library_filter_from_anywhere(person):
    _leave_the_tour(person)
    person.press("Ctrl+3")
    person.wait_until(lambda: person.window.current_key == "timeline", what="timeline")
    person.press("Ctrl+L")
    field = person.focus()
    assert person.window.current_key == "library"
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Filter the library"
    person.type("Kumar")
    person.wait_until(lambda: re.search(r"\d+ of \d+ shown", person.screen_text()),
                      what="the filtered count")
    assert person.sees("Kumar")


def test_the_toolbar_search_is_empty_after_a_result_is_opened(person):
    _leave_the_tour(person)
    person.press("Ctrl+K")
    person.type("cereblon")
    person.wait_until(lambda: person.window.search_popup.shows_results(), what="results")
    person.press("Enter")
    assert person.window.search_field.text() == ""
    person.press("Ctrl+K")
    assert person.focus().text() == ""


def test_f2_puts_the_cursor_in_the_glossary_and_f2_again_gives_it_back(person):
    _leave_the_tour(person)
    person.press("Ctrl+5")
    person.wait_until(lambda: person.window.current_key == "mechanism", what="mechanism")
    before = person.focus()
    person.press("F2")
    field = person.focus()
    assert person.window.glossary.isVisible()
    assert isinstance(field, QLineEdit) and person.window.glossary.isAncestorOf(field)
    person.type("neosub")
    person.press("F2")
    assert not person.window.glossary.isVisible()
    assert person.focus() is before
    assert person.window.glossary_action.isChecked() is False
