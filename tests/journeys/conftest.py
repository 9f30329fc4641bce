"""Journeys start the real app on a real, empty data folder, exactly as a start-up does
(`desktop.app.start_window`), and hand the test a `Person` to drive it."""

from __future__ import annotations

import shutil

import pytest

from tests.journeys.person import Person


@pytest.fixture(scope="session")
def built_content(tmp_path_factory):
    """The bundled content compiled once per test run; each journey's data folder gets a copy
    of the file, as a second start of the app would find it (the first start's compile is
    tested in tests/db)."""
    from desktop.core.atlas import Atlas

    data = tmp_path_factory.mktemp("built-content")
    Atlas.open(data).close()
    return data / "cache"


@pytest.fixture
def data_folder(tmp_path, built_content):
    """A new user's data folder (no progress, no settings), content already compiled."""
    folder = tmp_path / "Atlas data"
    shutil.copytree(built_content, folder / "cache")
    return folder


def open_app(data_folder, qtbot, theme: str | None = None):
    """Start the app on `data_folder` as `imid-atlas --data-dir FOLDER` does."""
    from desktop.app import build_context, settings_for, start_window
    from desktop.core.paths import AtlasPaths

    paths = AtlasPaths.create(data_folder)
    settings = settings_for(paths)
    ctx = build_context(paths, [], settings, theme)
    window = start_window(ctx)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def person(data_folder, qtbot):
    """A person in front of a freshly started IMiD Atlas."""
    window = open_app(data_folder, qtbot)
    someone = Person(window, qtbot)
    yield someone
    ctx = window.ctx
    window.close()
    ctx.theme.set_font_scale(1.0)
    ctx.theme.apply("light")
    ctx.atlas.close()
    someone.check_dialogs()
