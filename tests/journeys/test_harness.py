"""The journey harness itself does what a person can do: menus, keys, dialogs, file dialogs."""

from __future__ import annotations

import csv

from PySide6.QtWidgets import QLineEdit


def test_a_new_student_sees_home_and_walks_to_the_timeline(person):
    person.wait_for_text("IMiD Atlas")
    assert person.sees("Walk the timeline")
    person.click("Walk the timeline")
    person.wait_until(lambda: person.window.current_key == "timeline", what="timeline shown")


def test_ctrl_k_puts_the_cursor_in_search(person):
    person.press("Ctrl+K")
    field = person.focus()
    assert isinstance(field, QLineEdit) and field.accessibleName() == "Search"
    person.type("cereblon")
    assert field.text() == "cereblon"


def test_a_menu_item_opens_a_dialog_answered_through_its_button(person):
    person.answer_dialog("Close", expect="Educational use only")
    person.menu("Help", "About IMiD Atlas")
    person.check_dialogs()


def test_export_through_the_file_menu_and_the_file_dialog(person, tmp_path):
    out = tmp_path / "my glossary.csv"
    person.answer_file_dialog(out)
    person.menu("File", "Export", "Glossary as CSV")
    person.check_dialogs()
    person.wait_until(out.exists, what="the exported file")
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) > 100 and any(r for r in rows if "cereblon" in str(r).lower())


def test_several_files_are_chosen_in_the_file_dialog(person, tmp_path):
    folder = tmp_path / "my papers"
    folder.mkdir()
    (folder / "pomalidomide notes.md").write_text(
        "# Pomalidomide in relapse\n\nNotes on the MM-003 trial.\n", encoding="utf-8")
    (folder / "reading list.txt").write_text(
        "Reading list on cereblon\n\nKrönke 2014 and Lu 2014.\n", encoding="utf-8")
    (folder / "not chosen.txt").write_text("Something else\n\nIgnored.\n", encoding="utf-8")
    person.answer_file_dialog([folder / "pomalidomide notes.md", folder / "reading list.txt"])
    person.press("Ctrl+Shift+O")
    person.check_dialogs()
    person.wait_for_text("Pomalidomide in relapse", timeout=15000)
    person.wait_for_text("Reading list on cereblon")
    assert not person.sees("Something else")
