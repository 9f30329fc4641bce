"""Every command of the command line on every hostile machine of issue 15: a full disk, a
read-only mount, a lock held by another program, a read-only progress file. Each command
either works (reading and searching still work on a read-only folder) or says what is wrong
and what to do with a non-zero exit; never a traceback, never a database moved aside, and
the user's files exactly as they were."""

from __future__ import annotations

import os
import shlex

import pytest

from tests.hostile.conftest import needs_namespaces
from tests.hostile.machines import FIXTURE_CONTENT, drive, hold_lock, user_files

#: What a message must say on each machine when a command cannot do its work.
REASONS = {
    "full": ("disk is full", "free some space"),
    "read-only": ("read-only",),
    "locked": ("locked by another program",),
}


def commands(data, files, out) -> list[list]:
    """One of every command (and both kinds of import), run on the data folder `data`."""
    d = ["--data-dir", data]
    return [
        [*d, "stats"],
        [*d, "search", "cereblon"],
        [*d, "search", "Cereblon notes", "--kind", "import"],
        [*d, "question-sets"],
        [*d, "question-sets", "--remove", "1"],
        [*d, "import", files / "more-notes.txt"],
        [*d, "import", files / "more.gift"],
        [*d, "export", "glossary", "--format", "csv", "-o", out / "glossary.csv"],
        [*d, "export", "attempts", "--format", "csv", "-o", out / "attempts.csv"],
        [*d, "build-db"],
        ["check-content", FIXTURE_CONTENT.parent / "sample_pack"],
    ]


#: Commands that only read: they must still work on a read-only data folder.
READERS = ("stats", "search", "check-content")


def outside_files(tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    (files / "more-notes.txt").write_text("More notes on cereblon and its pocket.\n", "utf-8")
    (files / "more.gift").write_text("::q:: Is CRBN a protein? {T}\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return files, out


def check(results, machine: str, before: dict, after) -> None:
    reasons = REASONS[machine]
    for result in results:
        text = result["stdout"] + result["stderr"]
        what = " ".join(result["argv"][2:] if result["argv"][0] == "--data-dir"
                        else result["argv"])
        assert "Traceback" not in text and "internal error" not in text, (what, text)
        assert "--- Logging error ---" not in text, (what, text)
        if result["status"] != 0:
            assert any(r in text.lower() for r in reasons), (machine, what, text)
        if machine == "read-only" and what.split()[0] in READERS:
            assert result["status"] == 0, (what, text)
    names = [p.name for p in after.iterdir()]
    assert not [n for n in names if "damaged" in n], names
    assert user_files(after) == before


def mounted(data, mount, after, full: bool) -> tuple[str, str]:
    """Shell set-up and tear-down: `mount` holds a copy of `data` on a full tmpfs or as a
    read-only bind mount; afterwards it is copied to `after`."""
    q = lambda p: shlex.quote(str(p))  # noqa: E731
    if full:
        setup = (f"mount -t tmpfs -o size=4096k tmpfs {q(mount)} && cp -a {q(data)}/. "
                 f"{q(mount)}/ && (dd if=/dev/zero of={q(mount)}/.filler bs=1k 2>/dev/null "
                 f"|| true) && (dd if=/dev/zero of={q(mount)}/.filler2 bs=64 2>/dev/null "
                 "|| true)")
    else:
        setup = (f"cp -a {q(data)}/. {q(mount)}/ && mount --bind {q(mount)} {q(mount)} && "
                 f"mount -o remount,bind,ro {q(mount)}")
    teardown = (f"mkdir -p {q(after)} && cp -a {q(mount)}/. {q(after)}/ && "
                f"rm -f {q(after)}/.filler {q(after)}/.filler2")
    return setup, teardown


@needs_namespaces
@pytest.mark.parametrize("machine", ["full", "read-only"])
def test_every_command_on_a_full_disk_and_a_read_only_mount(used_data, tmp_path, machine):
    before = user_files(used_data)
    files, out = outside_files(tmp_path)
    mount = tmp_path / "mounted"
    mount.mkdir()
    after = tmp_path / "after"
    setup, teardown = mounted(used_data, mount, after, full=machine == "full")
    results = drive(commands(mount, files, out), setup, teardown)
    check(results, machine, before, after)
    if machine == "read-only":
        search = results[2]
        assert "Cereblon notes" in search["stdout"]  # the user's own import, found
        assert "progress will not be saved" in search["stderr"]


def test_every_command_while_another_program_holds_the_lock(used_data, tmp_path):
    before = user_files(used_data)
    files, out = outside_files(tmp_path)
    with hold_lock(used_data / "user.sqlite", seconds=600):
        results = drive(commands(used_data, files, out), timeout=600)
    check(results, "locked", before, used_data)


def test_every_command_with_a_read_only_progress_file(used_data, tmp_path):
    database = used_data / "user.sqlite"
    before = user_files(used_data)
    files, out = outside_files(tmp_path)
    os.chmod(database, 0o444)
    try:
        results = drive(commands(used_data, files, out))
    finally:
        os.chmod(database, 0o644)
    check(results, "read-only", before, used_data)
