"""The user's progress on a hostile machine (issue 15, "Healthy progress moved aside" and
"Paths and files"): only a database SQLite reports corrupt is moved aside; a full disk, a
lock held by another program, a read-only folder or file and a folder in the database's
place are reported as what they are, with what to do, and the files are left as they were.
Data folders with `#`, `?`, `%` and other characters in their names work."""

from __future__ import annotations

import os
import sqlite3
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import needs_namespaces
from tests.hostile.machines import (
    FIXTURE_CONTENT,
    digest,
    hold_lock,
    on_machine,
    run_cli,
    user_files,
)


def no_traceback(run) -> None:
    assert "Traceback" not in run.output and "internal error" not in run.output, run.output
    assert "--- Logging error ---" not in run.output, run.output


def damaged_copies(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "damaged" in p.name)


# -- damage: moved aside, and the command line says so ---------------------------------------


def test_a_corrupt_database_is_moved_aside_and_the_command_line_says_so(used_data):
    (used_data / "user.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    run = run_cli("--data-dir", used_data, "search", "cereblon")
    no_traceback(run)
    assert run.returncode == 0
    moved = damaged_copies(used_data)
    assert len(moved) == 1
    # The same notice the app shows in a dialog, on stderr (never mixed into the results).
    assert "Your progress database was damaged" in run.stderr and moved[0] in run.stderr
    assert "damaged" not in run.stdout


def test_the_backup_before_an_upgrade_is_announced_on_stderr(used_data):
    conn = sqlite3.connect(used_data / "user.sqlite")
    last = conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid DESC").fetchone()[0]
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (last,))
    conn.execute("PRAGMA user_version = 0")
    if last == "m150_import_structure":
        conn.execute("ALTER TABLE imported_documents DROP COLUMN html")
    conn.commit()
    conn.close()
    run = run_cli("--data-dir", used_data, "question-sets")
    no_traceback(run)
    assert run.returncode == 0
    assert "was upgraded; a copy of the old one is at" in run.stderr
    assert list((used_data / "backups").iterdir())


# -- not damage: left alone, said as it is -------------------------------------------------


def test_a_lock_held_by_another_program_is_reported_and_the_database_left_alone(used_data):
    before = digest(used_data / "user.sqlite")
    with hold_lock(used_data / "user.sqlite"):
        run = run_cli("--data-dir", used_data, "question-sets", timeout=120)
    no_traceback(run)
    assert run.returncode != 0
    assert "locked by another program" in run.stderr
    assert damaged_copies(used_data) == []
    assert digest(used_data / "user.sqlite") == before


def test_a_folder_in_the_database_place_is_explained_by_every_way_in(used_data, qapp,
                                                                     monkeypatch):
    (used_data / "user.sqlite").unlink()
    (used_data / "user.sqlite").mkdir()
    run = run_cli("--data-dir", used_data, "search", "cereblon")
    no_traceback(run)
    assert run.returncode == 2 and "is a folder, not a progress database" in run.stderr
    # The app: one dialog that says the same, no traceback on the console.
    import argparse

    from desktop import app

    shown = []
    monkeypatch.setattr(app, "show_error", lambda parent, exc, log=None: shown.append(exc))
    status = app.run(argparse.Namespace(data_dir=str(used_data), content_pack=None,
                                        theme=None, present=None))
    assert status == 1
    assert "is a folder, not a progress database" in str(shown[0])
    assert (used_data / "user.sqlite").is_dir()


@needs_namespaces
def test_a_full_disk_never_moves_healthy_progress_aside(used_data, tmp_path):
    before = user_files(used_data)
    after = tmp_path / "after"
    for args in (("search", "cereblon"), ("question-sets",), ("stats",),
                 ("import", used_data.parent / "extra.txt")):
        (used_data.parent / "extra.txt").write_text("More notes on cereblon", "utf-8")
        run = on_machine(used_data, after, *args, full=True)
        no_traceback(run)
        assert damaged_copies(after) == [], args
        assert user_files(after) == before, args
        if run.returncode:
            assert "disk is full" in run.output.lower() or "free some space" in run.output, run
        shutil_rmtree(after)


def shutil_rmtree(path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


@needs_namespaces
def test_a_content_rebuild_on_a_full_disk_says_so_without_a_logging_error(used_data,
                                                                         tmp_path):
    import shutil

    shutil.rmtree(used_data / "cache")
    after = tmp_path / "after"
    for args in (("build-db",), ("stats",)):
        run = on_machine(used_data, after, *args, full=True, size_kb=1024)
        no_traceback(run)
        assert run.returncode != 0, run.output
        assert "disk is full" in run.output.lower() or "free some space" in run.output, run
        assert "Details were written to" not in run.output  # a log it could not write
        assert damaged_copies(after) == []
        shutil_rmtree(after)


@needs_namespaces
def test_a_read_only_data_folder_still_reads_and_searches(used_data, tmp_path):
    before = user_files(used_data)
    after = tmp_path / "after"
    run = on_machine(used_data, after, "search", "cereblon", "--kind", "import",
                     read_only=True)
    no_traceback(run)
    assert run.returncode == 0, run.output
    assert "Cereblon notes" in run.stdout  # the user's own import, found
    assert "read-only" in run.stderr and "progress will not be saved" in run.stderr
    assert user_files(after) == before
    shutil_rmtree(after)
    (used_data.parent / "set2.gift").write_text("::q:: Is CRBN a protein? {T}\n", "utf-8")
    run = on_machine(used_data, after, "import", used_data.parent / "set2.gift",
                     read_only=True)
    no_traceback(run)
    assert run.returncode != 0
    assert "read-only" in run.output
    assert user_files(after) == before


def test_a_read_only_database_file_refuses_imports_with_a_message(used_data, tmp_path):
    database = used_data / "user.sqlite"
    os.chmod(database, 0o444)
    gift = tmp_path / "more.gift"
    gift.write_text("::q:: Is CRBN a protein? {T}\n", "utf-8")
    before = user_files(used_data)
    try:
        run = run_cli("--data-dir", used_data, "import", gift)
    finally:
        os.chmod(database, 0o644)
    no_traceback(run)
    assert user_files(used_data) == before
    assert damaged_copies(used_data) == []
    if os.geteuid() != 0:  # root writes read-only files anyway; the rest holds for both
        assert run.returncode != 0 and "read-only" in run.output


# -- folder names --------------------------------------------------------------------------

FOLDER_NAMES = ["class#3", "what?", "p%41ct", "Class #3", "a&b=c;d", "[x] {y}", "100% sure",
                "-dash", "ünï cödé", "tab\there", "semi;colon?#%"]


@pytest.mark.parametrize("name", FOLDER_NAMES)
def test_data_folders_with_special_characters_work(tmp_path, name):
    from desktop.core.atlas import Atlas

    folder = tmp_path / name
    for _ in range(2):  # create, then reopen what was created
        atlas = Atlas.open(folder, content_dir=FIXTURE_CONTENT)
        try:
            assert atlas.content.meta["content_hash"]
            assert atlas.user.get_setting("x", 0) in (0, 1)
            atlas.user.set_setting("x", 1)
        finally:
            atlas.close()
    names = sorted(p.name for p in folder.iterdir())
    assert "user.sqlite" in names and not [n for n in names if "damaged" in n], names
    assert not [p for p in tmp_path.iterdir() if p.name != name], "a stray file beside it"


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=string.ascii_letters + string.digits + "#?%&=;:@!$'()[]{}+, ~^`é",
                    min_size=1, max_size=12).filter(lambda n: n not in (".", "..")))
def test_any_folder_name_keeps_its_database(tmp_path_factory, name):
    from desktop.core.atlas import Atlas

    folder = tmp_path_factory.mktemp("names") / name
    atlas = Atlas.open(folder, content_dir=FIXTURE_CONTENT)
    atlas.user.set_setting("kept", name)
    atlas.close()
    atlas = Atlas.open(folder, content_dir=FIXTURE_CONTENT)
    try:
        assert atlas.user.get_setting("kept") == name
        assert atlas.notices == []
    finally:
        atlas.close()


def test_a_cli_command_in_a_special_folder(tmp_path):
    folder = tmp_path / "Class #3"
    for _ in range(2):
        run = run_cli("--data-dir", folder, "search", "cereblon")
        no_traceback(run)
        assert run.returncode == 0 and "cereblon" in run.stdout.lower()
        assert "damaged" not in run.output
