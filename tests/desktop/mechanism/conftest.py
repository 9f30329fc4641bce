"""The mechanism view's fixtures: a context over the bundled content with a user database of
its own, and the view shown at 1200x760."""

from __future__ import annotations

import pytest


@pytest.fixture
def mech_ctx(qapp, bundled_atlas, app_settings, tmp_path):
    """A context over the bundled content with a fresh user database of its own."""
    from db.user_db import UserDB
    from desktop.context import AppContext, Navigator
    from desktop.core.atlas import Atlas
    from desktop.theme import ThemeManager

    user = UserDB.open(tmp_path / "user.sqlite")
    atlas = Atlas(bundled_atlas.paths, bundled_atlas.content, user)
    theme = ThemeManager(qapp, "light", 1.0)
    ctx = AppContext(atlas=atlas, settings=app_settings, theme=theme, navigator=Navigator())
    yield ctx
    theme.set_font_scale(1.0)
    theme.apply("light")
    user.close()


@pytest.fixture
def view(show, mech_ctx):
    from desktop.mechanism.mechanism_view import MechanismView

    return show(MechanismView(mech_ctx), 1200, 760)
