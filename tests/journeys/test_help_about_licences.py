"""Help > About names the app's licence, the content's, and each library's from its metadata."""

from __future__ import annotations

from importlib import metadata


def test_about_lists_the_licences(person):
    person.answer_dialog("Close", expect="Licences")
    person.menu("Help", "About IMiD Atlas")
    person.check_dialogs()
    text = person.dialogs_seen[-1]
    assert "free software under the MIT licence" in text
    assert "original work written for IMiD Atlas" in text
    lines = text.splitlines()
    # One row per library: its name, the installed version, its licence.
    row = lines.index("PySide6_Essentials")
    assert lines[row + 1] == metadata.version("PySide6-Essentials")
    assert "LGPL-3.0-only" in lines[row + 2]
    row = lines.index("sqlite-utils")
    assert lines[row + 1:row + 3] == [metadata.version("sqlite-utils"), "Apache-2.0"]
