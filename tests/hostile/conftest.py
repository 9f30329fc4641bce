"""Fixtures of the hostile-input suite: a data folder in use (progress, imports, a question
set), built once and copied for each test, and the hostile machines of `machines.py`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.machines import FIXTURE_CONTENT, NAMESPACES


@pytest.fixture(scope="session")
def used_data_template(tmp_path_factory) -> Path:
    """A data folder someone has used: the content built, a setting, a bookmark, two imported
    documents and a question set; closed cleanly."""
    from desktop.core.atlas import Atlas
    from desktop.core.interop.question_import import import_parsed, read_question_file
    from desktop.core.library.imports import ImportLibrary

    base = tmp_path_factory.mktemp("used")
    data = base / "data"
    files = base / "files"
    files.mkdir()
    (files / "notes.md").write_text("# Cereblon notes\n\nCereblon binds thalidomide.\n", "utf-8")
    (files / "page.html").write_text("<html><head><title>Lenalidomide page</title></head>"
                                     "<body><h1>Lenalidomide</h1><p>It degrades "
                                     "<em>IKZF1</em>.</p></body></html>", "utf-8")
    (files / "set.gift").write_text("::q1:: Cereblon is part of which ligase? "
                                    "{=CRL4 ~SCF ~APC}\n", "utf-8")
    atlas = Atlas.open(data, content_dir=FIXTURE_CONTENT)
    try:
        atlas.user.set_setting("progress", {"kept": True})
        atlas.user.set_bookmark("term", "cereblon")
        library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)
        for name in ("notes.md", "page.html"):
            assert library.import_file(files / name).status == "imported"
        assert import_parsed(atlas.user, [read_question_file(files / "set.gift")], "Set").ok
    finally:
        atlas.close()
    return data


@pytest.fixture
def used_data(used_data_template, tmp_path) -> Path:
    """A private copy of the used data folder."""
    target = tmp_path / "data"
    shutil.copytree(used_data_template, target)
    return target


needs_namespaces = pytest.mark.skipif(
    not NAMESPACES, reason="mount namespaces (unshare -Urm) are not allowed here: the full-disk "
    "and read-only-mount cases need them; the patched-writer cases cover the same code")
