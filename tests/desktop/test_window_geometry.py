"""The first window is sized from the screen it opens on; a saved size is used only if it still
fits one of the screens (tests/screens.json: a 1280x800 laptop and a 1920x1080 projector)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QPoint, QRect
from PySide6.QtWidgets import QApplication

from desktop.main_window import FRAME_ALLOWANCE, MainWindow, first_geometry, fits_a_screen


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1920, 1080)])
def test_the_first_window_and_its_frame_fit_the_screen(size):
    available = QRect(0, 0, *size)
    rect = first_geometry(available)
    frame = rect.adjusted(-FRAME_ALLOWANCE.width() // 2, -(FRAME_ALLOWANCE.height() - 8),
                          FRAME_ALLOWANCE.width() // 2, 8)
    assert available.contains(frame), (size, frame)
    assert rect.width() >= size[0] * 0.75 and rect.height() >= size[1] * 0.75
    assert rect.width() <= 1600 and rect.height() <= 1000


def test_a_screen_with_a_panel_keeps_the_window_off_the_panel():
    available = QRect(0, 27, 1280, 773)  # a top panel of 27 px
    rect = first_geometry(available)
    assert rect.top() >= available.top() + 30 and rect.bottom() < available.bottom()


def test_a_new_window_fits_the_laptop_and_shows_its_status_bar(main_window):
    screen = QApplication.primaryScreen().availableGeometry()
    assert screen.size().width() == 1280
    geometry = main_window.geometry()
    assert fits_a_screen(geometry)
    assert geometry.height() + FRAME_ALLOWANCE.height() <= screen.height()
    status = main_window.statusBar()
    bottom = status.mapToGlobal(QPoint(0, status.height()))
    assert status.isVisible() and bottom.y() <= screen.bottom()


def test_a_saved_size_on_the_projector_is_kept(qtbot, app_ctx):
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.setGeometry(QRect(1400, 100, 1500, 850))
    first.show()
    first.close()  # saves the geometry
    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    second.restore_state()
    assert second.geometry() == QRect(1400, 100, 1500, 850)


def test_a_saved_size_for_a_screen_that_is_gone_is_not_used(qtbot, app_ctx):
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.setGeometry(QRect(3400, 100, 1800, 1000))  # a third screen, unplugged since
    app_ctx.settings.geometry = QByteArray(first.saveGeometry())
    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    second.restore_state()
    assert fits_a_screen(second.geometry())
    assert second.width() < 1280


def test_a_saved_size_larger_than_the_laptop_is_not_used(qtbot, app_ctx):
    first = MainWindow(app_ctx)
    qtbot.addWidget(first)
    first.setGeometry(QRect(0, 30, 1280, 800))  # the old fixed size: status bar off-screen
    app_ctx.settings.geometry = QByteArray(first.saveGeometry())
    second = MainWindow(app_ctx)
    qtbot.addWidget(second)
    second.restore_state()
    assert fits_a_screen(second.geometry())
    assert second.geometry().bottom() + 8 <= 800
