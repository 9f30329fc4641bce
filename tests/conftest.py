"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # Two screens as in a classroom: a 1280x800 laptop (primary) and a 1920x1080 projector to
    # its right (Qt's offscreen plugin reads the layout from this file).
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).resolve().parent / 'screens.json'}")
os.environ.pop("IMID_ATLAS_CONTENT_DIR", None)
os.environ.pop("IMID_ATLAS_DATA_DIR", None)

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
BUNDLED_CONTENT = Path(__file__).parent.parent / "resources" / "content"


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if {"qtbot", "qapp", "main_window", "app_ctx"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


MODAL_PATIENCE_MS = 20_000


@pytest.fixture(autouse=True)
def no_dialog_left_open(request):
    """A modal dialog nobody answers would hang the whole run (exec() never returns): after
    20 s the dialog is closed and the test fails with its title, so CI reports, not waits."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    stuck: list[str] = []
    seen: dict[int, int] = {}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            seen.clear()
            return
        waited = seen.setdefault(id(modal), 0) + watchdog.interval()
        seen[id(modal)] = waited
        if waited >= MODAL_PATIENCE_MS:
            stuck.append(f"{type(modal).__name__} {modal.windowTitle()!r}")
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    watchdog = QTimer()
    watchdog.setInterval(1000)
    watchdog.timeout.connect(check)
    watchdog.start()
    yield
    watchdog.stop()
    if stuck:
        pytest.fail("A modal dialog was left open with nobody to answer it (closed after "
                    f"{MODAL_PATIENCE_MS // 1000} s): {', '.join(stuck)}", pytrace=False)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the small fixture content folder."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def data_dir(tmp_path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def atlas(data_dir):
    """An Atlas over the fixture content with a fresh user database."""
    from desktop.core.atlas import Atlas

    opened = Atlas.open(data_dir, content_dir=FIXTURE_CONTENT)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def bundled_atlas(tmp_path_factory):
    """An Atlas over the real bundled content (built once per test session)."""
    from desktop.core.atlas import Atlas

    opened = Atlas.open(tmp_path_factory.mktemp("bundled-data"), content_dir=BUNDLED_CONTENT)
    yield opened
    opened.close()


@pytest.fixture
def app_settings(tmp_path, qapp):
    from desktop.settings import AppSettings

    return AppSettings.from_file(str(tmp_path / "settings.ini"))


@pytest.fixture
def app_ctx(qapp, atlas, app_settings):
    from desktop.context import AppContext, Navigator
    from desktop.theme import ThemeManager

    theme = ThemeManager(qapp, "light", 1.0)
    ctx = AppContext(atlas=atlas, settings=app_settings, theme=theme, navigator=Navigator())
    yield ctx
    theme.set_font_scale(1.0)
    theme.apply("light")


@pytest.fixture
def main_window(qtbot, app_ctx):
    from desktop.main_window import MainWindow

    window = MainWindow(app_ctx)
    qtbot.addWidget(window)
    window.restore_state()
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def bundled_ctx(qapp, bundled_atlas, app_settings):
    """An AppContext over the real bundled content (light theme, normal text size)."""
    from desktop.context import AppContext, Navigator
    from desktop.theme import ThemeManager

    theme = ThemeManager(qapp, "light", 1.0)
    ctx = AppContext(atlas=bundled_atlas, settings=app_settings, theme=theme,
                     navigator=Navigator())
    yield ctx
    theme.set_font_scale(1.0)
    theme.apply("light")


@pytest.fixture
def show(qtbot):
    """Show a widget as a person would see it: owned by qtbot, resized, shown and exposed."""

    def shown(widget, width: int, height: int):
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return shown


@pytest.fixture(scope="session")
def bundled_timeline(bundled_atlas):
    """The bundled timeline (events, eras, lanes) as `desktop.core.timeline.data.TimelineData`."""
    from desktop.core.timeline.data import TimelineData

    return TimelineData.from_content(bundled_atlas.content)
