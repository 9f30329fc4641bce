"""The presenter view on the laptop while the projector shows the slides (the two offscreen
screens of tests/screens.json), and the Present dialog that remembers its choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.core.presenter.session import PresenterSession
from desktop.core.presenter.slides import SlideRef
from desktop.presenter.presenter_window import PresenterWindow
from desktop.presenter.screens import console_screen, mirrors, projector_screen

pytestmark = pytest.mark.qt_log_ignore(r".*")

SLIDES = [SlideRef("event", "ito-cereblon-2010"), SlideRef("question", "q-mechanism-001"),
          SlideRef("term", "ikzf1"), SlideRef("step", "step-glue")]


def test_screens_projector_and_laptop(qapp):
    screens = QGuiApplication.screens()
    assert len(screens) == 2
    laptop, projector = sorted(screens, key=lambda s: s.geometry().x())
    assert projector_screen(laptop) is projector
    assert console_screen(projector, laptop) is laptop
    assert console_screen(laptop, laptop) is projector
    assert mirrors(laptop, laptop) and not mirrors(laptop, projector)


@pytest.fixture
def presenting(qtbot, bundled_ctx):
    laptop, projector = sorted(QGuiApplication.screens(), key=lambda s: s.geometry().x())
    window = PresenterWindow(bundled_ctx, PresenterSession(list(SLIDES), title="Week 3"))
    qtbot.addWidget(window)
    window.present_on(projector, laptop)
    console = window.console  # deleted when closed; the presenter window closes it
    qtbot.waitExposed(window)
    qtbot.waitExposed(console)
    return window, console


def test_the_presenter_view_shows_now_next_notes_and_clock(qtbot, presenting):
    window, console = presenting
    assert window.screen().geometry().width() == 1920
    assert console.screen().geometry().width() == 1280
    assert console.current.index == 0 and console.next.index == 1
    body = window.content(0).notes
    assert console.notes.toPlainText() == body and "Sources:" in body
    assert console.clock.text().count(":") == 1 and console.elapsed.text() == "00:00"
    assert console.position.text().startswith("Slide 1 of 4")
    assert "R reveal the answer" in console.keys.text()
    assert "A-E record a vote" in console.keys.text()
    # keys pressed in the presenter view drive the projector
    console.activateWindow()
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_PageDown)
    assert window.session.index == 1 and console.current.index == 1
    assert console.notes.toPlainText().startswith("Answer: A. Cereblon")
    qtbot.keyClicks(console, "aab")
    assert "A 2" in console.votes.text() and "B 1" in console.votes.text()
    qtbot.keyClick(console, Qt.Key.Key_R)
    assert window.session.is_revealed() and "answer shown" in console.position.text()
    qtbot.mouseClick(console.buttons["next"], Qt.MouseButton.LeftButton)
    assert window.session.index == 2
    qtbot.keyClick(console, Qt.Key.Key_End)
    assert console.drug.isVisible() and console.next.index is None
    console.drug.setCurrentIndex(console.drug.findData("pomalidomide"))
    console.drug.activated.emit(console.drug.currentIndex())
    assert window.drug == "pomalidomide"
    assert console.current.grab().width() > 0  # the thumbnail draws


def test_the_notes_key_is_for_one_screen_only(qtbot, presenting):
    window, console = presenting
    qtbot.keyClick(console, Qt.Key.Key_N)
    assert not window.notes.isVisible()  # the notes are on the laptop already


def test_escape_in_the_presenter_view_ends_the_presentation(qtbot, presenting):
    window, console = presenting
    closed = []
    window.closed.connect(lambda: closed.append(True))
    qtbot.keyClick(console, Qt.Key.Key_Escape)
    assert closed and not window.isVisible() and not console.isVisible()


def test_present_dialog_remembers_the_last_choice(qtbot, bundled_ctx):
    from desktop.presenter.present_dialog import PresentDialog

    first = PresentDialog(bundled_ctx)
    qtbot.addWidget(first)
    assert first.selected_mode() == "timeline"
    first.mode.setCurrentIndex(first.mode.findData("quiz"))
    first.topic.setCurrentIndex(first.topic.findData("resistance"))
    first.count.setValue(7)
    first.sound.setChecked(True)
    first._accept()
    again = PresentDialog(bundled_ctx)
    qtbot.addWidget(again)
    assert again.selected_mode() == "quiz" and again.topic.currentData() == "resistance"
    assert again.count.value() == 7 and again.sound.isChecked()
    assert again.selected_screen().geometry().width() == 1920  # the projector by default
    slides = again.slides()
    assert len(slides) == 7 and all(s.kind == "question" for s in slides)


def test_f5_presents_on_the_projector_with_the_presenter_view(qtbot, main_window,
                                                             monkeypatch):
    from desktop.presenter.present_dialog import PresentDialog

    monkeypatch.setattr(PresentDialog, "exec", lambda self: PresentDialog.DialogCode.Accepted)
    main_window.open_present_dialog("quiz")
    window = main_window.presenter
    assert window is not None and window.session.slides
    assert all(s.kind == "question" for s in window.session.slides)
    assert window.screen().geometry().width() == 1920 and window.console is not None
    qtbot.keyClick(window.console, Qt.Key.Key_Escape)
    assert main_window.presenter is None
    assert QApplication.activeModalWidget() is None


def test_present_command_line_modes(qtbot, main_window):
    for mode, kind in (("timeline", {"event", "era"}), ("glossary", {"term"}),
                       ("quiz", {"question"})):
        main_window.start_presenter(mode)
        window = main_window.presenter
        assert {s.kind for s in window.session.slides} <= kind
        window.close()
