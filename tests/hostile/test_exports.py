"""Every export on a hostile machine (issue 15, "Losing progress through an export" and
"Paths and files"; issue 14, export permissions and messages): for every format, a target
that is the user's progress (directly or through a link), another database, a folder, a
read-only file or folder, a name too long, a full disk. Each one: a message naming the path
the user gave and what to do, a non-zero exit, no traceback, the old file intact and no
temporary file left. New files get the permissions the umask gives; SIGKILL in the middle
of an export leaves the old file or the whole new one."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time

import pytest

from tests.hostile.conftest import needs_namespaces
from tests.hostile.machines import ROOT, cli_env, digest, drive, user_files

FORMATS = [("attempts", "csv"), ("citations", "bibtex"), ("citations", "ris"),
           ("drugs", "csv"), ("glossary", "csv"), ("glossary", "tsv"), ("glossary", "anki"),
           ("quiz", "apkg"), ("quiz", "gift"), ("quiz", "moodle-xml"), ("quiz", "csv"),
           ("quiz", "html"),
           ("reports", "csv"), ("structures", "html"), ("timeline", "timelinejs"),
           ("timeline", "csv")]


def test_every_exporter_is_covered():
    from desktop.core.exports import EXPORTERS

    assert sorted(FORMATS) == sorted((w, f) for w, e in EXPORTERS.items() for f in e.formats)


def export(data, what, fmt, target) -> list:
    return ["--data-dir", data, "export", what, "--format", fmt, "-o", target]


def assert_refused(result, shown_path, reason) -> None:
    assert result["status"] == 2, result
    text = result["stdout"] + result["stderr"]
    assert "Traceback" not in text and "internal error" not in text, text
    assert f"Could not write {shown_path}: " in result["stderr"], result
    assert reason in result["stderr"], result


def no_temporary(folder) -> None:
    left = [p.name for p in folder.rglob("*") if p.name.startswith(".imid-atlas-")
            or p.name.endswith((".part", ".tmp"))]
    assert not left, left


def test_no_export_replaces_the_users_databases(used_data, tmp_path):
    before = user_files(used_data)
    link = tmp_path / "innocent.csv"
    link.symlink_to(used_data / "user.sqlite")
    elsewhere = tmp_path / "someone-elses.sqlite"
    conn = sqlite3.connect(elsewhere)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    other = digest(elsewhere)
    targets = [(used_data / "user.sqlite", "part of IMiD Atlas's own data"),
               (link, "part of IMiD Atlas's own data"),
               (used_data / "cache" / "content.sqlite", "part of IMiD Atlas's own data"),
               (used_data / "user.sqlite-wal", "part of IMiD Atlas's own data"),
               (elsewhere, "it is an SQLite database")]
    commands, expected = [], []
    for what, fmt in FORMATS:
        for target, reason in targets:
            commands.append(export(used_data, what, fmt, target))
            expected.append((target, reason))
    for result, (target, reason) in zip(drive(commands), expected, strict=True):
        assert_refused(result, target, reason)
    assert user_files(used_data) == before
    assert digest(elsewhere) == other and link.is_symlink()
    no_temporary(used_data)
    no_temporary(tmp_path)


def test_folders_read_only_files_and_long_names(used_data, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    locked = out / "locked.txt"
    locked.write_text("the old file", "utf-8")
    os.chmod(locked, 0o444)
    long_ok = out / ("n" * 246 + ".txt")  # 250 characters: a valid name
    too_long = out / ("n" * 300 + ".txt")
    commands, checks = [], []
    for what, fmt in FORMATS:
        commands += [export(used_data, what, fmt, out),
                     export(used_data, what, fmt, locked),
                     export(used_data, what, fmt, too_long),
                     export(used_data, what, fmt, long_ok)]
        checks += [(out, "it is a folder"), (locked, "the file is read-only"),
                   (too_long, "the file name is too long"), (long_ok, None)]
    for result, (target, reason) in zip(drive(commands), checks, strict=True):
        if reason is None:
            assert result["status"] == 0, result
            assert long_ok.stat().st_size > 0
        else:
            assert_refused(result, target, reason)
    assert locked.read_text("utf-8") == "the old file"
    no_temporary(out)


@needs_namespaces
def test_a_read_only_folder_is_said_with_the_users_path(used_data, tmp_path):
    out = tmp_path / "shared"
    out.mkdir()
    (out / "old.csv").write_text("old", "utf-8")
    setup = f"mount --bind '{out}' '{out}' && mount -o remount,bind,ro '{out}'"
    commands = [export(used_data, w, f, out / "old.csv") for w, f in FORMATS]
    commands += [export(used_data, w, f, out / f"new-{w}.{f}") for w, f in FORMATS]
    results = drive(commands, setup)
    for result, command in zip(results, commands, strict=True):
        assert_refused(result, command[-1], "read-only")
    assert (out / "old.csv").read_text("utf-8") == "old"
    assert sorted(p.name for p in out.iterdir()) == ["old.csv"]


@needs_namespaces
def test_a_full_disk_keeps_every_old_file_whole(used_data, tmp_path):
    out = tmp_path / "stick"
    out.mkdir()
    olds = {}
    setup = (f"mount -t tmpfs -o size=96k tmpfs '{out}' && "
             + " && ".join(f"printf 'old {w} {f}\\n' > '{out}/{w}.{f}'" for w, f in FORMATS)
             + f" && (dd if=/dev/zero of='{out}/.filler' bs=1k 2>/dev/null || true)"
             + f" && (dd if=/dev/zero of='{out}/.filler2' bs=16 2>/dev/null || true)")
    copy = tmp_path / "after"
    after = f"mkdir -p '{copy}' && cp -a '{out}'/. '{copy}'/ && rm -f '{copy}'/.filler*"
    commands = [export(used_data, w, f, out / f"{w}.{f}") for w, f in FORMATS]
    for w, f in FORMATS:
        olds[f"{w}.{f}"] = f"old {w} {f}\n"
    results = drive(commands, setup, after)
    for result, command in zip(results, commands, strict=True):
        assert_refused(result, command[-1], "the disk is full")
    assert {p.name: p.read_text("utf-8") for p in copy.iterdir()} == olds
    no_temporary(copy)


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_get_the_permissions_the_umask_gives(used_data, tmp_path, umask, expected):
    from desktop.core.files import write_atomically

    old = os.umask(umask)
    try:
        path = write_atomically(tmp_path / "new.csv", "a,b\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == expected
    existing = tmp_path / "kept.csv"
    existing.write_text("old", "utf-8")
    os.chmod(existing, 0o640)
    write_atomically(existing, "new")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640


def complete(path, fmt: str) -> bool:
    """Whether `path` is a whole file of `fmt`, read back by the library that reads it."""
    import csv
    import json
    import xml.etree.ElementTree as ET
    import zipfile

    if fmt == "apkg":
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None and "collection.anki2" in archive.namelist()
    text = path.read_text("utf-8-sig")
    if fmt == "timelinejs":
        return bool(json.loads(text)["events"])
    if fmt == "moodle-xml":
        return ET.fromstring(text.encode()).tag == "quiz"
    if fmt in ("csv", "tsv"):
        rows = list(csv.reader(text.splitlines(), delimiter="\t" if fmt == "tsv" else ","))
        return len(rows) >= 1 and all(len(r) == len(rows[0]) for r in rows if r)
    return text.endswith("\n")


def test_sigkill_at_random_points_leaves_the_old_file_or_the_new_one(used_data, tmp_path):
    """A process exporting over and over is killed at random moments; after each kill every
    target holds either its first version or a complete export, and the next export into
    the folder removes the temporary the killed one left."""
    out = tmp_path / "out"
    out.mkdir()
    targets = {f"{w}.{f}": (w, f) for w, f in FORMATS}
    first = drive([export(used_data, w, f, out / name) for name, (w, f) in targets.items()])
    assert all(r["status"] == 0 for r in first), first
    good = {name: digest(out / name) for name in targets}
    loop = ("import sys\nsys.path.insert(0, {root!r})\nfrom desktop.cli import main\n"
            "while True:\n" + "".join(
                f"    main({export(str(used_data), w, f, str(out / name))!r})\n"
                for name, (w, f) in targets.items())).format(root=str(ROOT))
    rng = random.Random(1515)
    for _ in range(6):
        process = subprocess.Popen([sys.executable, "-c", loop], cwd=ROOT, env=cli_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        for name, (_what, fmt) in targets.items():
            assert digest(out / name) == good[name] or complete(out / name, fmt), name
    orphans = [p for p in out.iterdir() if p.name.startswith(".imid-atlas-")]
    for orphan in orphans:
        os.utime(orphan, (time.time() - 60, time.time() - 60))
    drive([export(used_data, "drugs", "csv", out / "drugs.csv")])
    no_temporary(out)
