"""The wheel, built and installed as a user gets it, runs from any folder with its own content.

One module-scoped build: a copy of the checkout is built into a wheel with pip (the setuptools
build step compiles the shipped content database), the wheel is installed with its
dependencies into a fresh virtual environment in a temporary folder, and the installed
`imid-atlas` is run from another folder. Skipped, with the reason, only when pip cannot fetch
the build requirements or dependencies (no package index reachable).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from db.content_db import ContentDB
from db.content_hash import ContentSource, content_hash

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: SOURCE_DATE_EPOCH for the build: the shipped database records this build time, so a copy of
#: it in a data folder can be told from a database compiled on the user's machine.
BUILD_EPOCH = "1000000000"
BUILD_TIME = "2001-09-09T01:46:40Z"
OFFLINE_SIGNS = ("No matching distribution found", "Could not find a version that satisfies",
                 "Failed to establish a new connection", "Temporary failure in name resolution",
                 "Network is unreachable")
SKIP_COPY = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info",
                                   "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache",
                                   "content.sqlite")


def pip(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, env=env, timeout=900)
    if proc.returncode != 0 and any(sign in proc.stderr for sign in OFFLINE_SIGNS):
        pytest.skip(f"pip cannot fetch packages here (offline?): {proc.stderr.strip()[-300:]}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    return proc


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: nothing pointing into the checkout."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("IMID_ATLAS_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT)))
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, venv folder) for the wheel built from a copy of this checkout."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=SKIP_COPY)
    pip("wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(source),
        env=clean_env(SOURCE_DATE_EPOCH=BUILD_EPOCH))
    (wheel,) = (base / "dist").glob("imid_atlas-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=300)
    pip("--python", str(bin_path(venv, "python")), "install", "-q", str(wheel), env=clean_env())
    return wheel, venv


def resource_files() -> list[str]:
    """The checkout's files under resources/, as wheel paths (build output left out)."""
    try:
        listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--cached", "--others",
                                 "--exclude-standard", "resources"], capture_output=True,
                                text=True, check=True, timeout=60).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        listed = [p.relative_to(ROOT).as_posix() for p in (ROOT / "resources").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts]
    return [name for name in listed if name and not name.endswith((".pyc", ".sqlite"))]


def bin_path(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def test_wheel_holds_the_three_packages_and_a_current_content_database(installed, tmp_path):
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
        assert top == {"desktop", "db", "resources"}
        assert not any("/tests/" in n or n.startswith("tests/") for n in names)
        assert any(n.endswith(".dist-info/licenses/LICENSE") or n.endswith(".dist-info/LICENSE")
                   for n in names)
        assert "resources/user-empty.sqlite" in names
        # Every file of resources/ ships (content, structures, icons, menu entry): package-data
        # patterns that miss a new kind of file fail here, not on a user's machine.
        shipped_resources = {n for n in names if n.startswith("resources/")}
        missing = sorted(name for name in resource_files() if name not in shipped_resources)
        assert not missing, f"not in the wheel: {missing}"
        shipped = tmp_path / "content.sqlite"
        shipped.write_bytes(archive.read("resources/content.sqlite"))
    db = ContentDB(shipped)
    try:
        # Stale against resources/content means the build step did not run on this content.
        assert db.meta["content_hash"] == content_hash(
            [ContentSource(ROOT / "resources" / "content")])
        assert db.meta["built_at"] == BUILD_TIME
        assert db.counts()["questions"] > 0
    finally:
        db.close()


def test_installed_packages_come_from_the_environment(installed, tmp_path):
    _, venv = installed
    code = ("import json, desktop, db, resources; "
            "print(json.dumps([m.__file__ for m in (desktop, db, resources)]))")
    proc = subprocess.run([str(bin_path(venv, "python")), "-c", code], capture_output=True,
                          text=True, cwd=tmp_path, env=clean_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    for module_file in json.loads(proc.stdout):
        assert Path(module_file).is_relative_to(venv), module_file


def test_installed_cli_runs_from_another_folder_with_its_content_and_data_folder(
        installed, tmp_path):
    wheel, venv = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = tmp_path / "my data"
    command = [str(bin_path(venv, "imid-atlas")), "--data-dir", str(data), "stats", "--json"]

    proc = subprocess.run(command, capture_output=True, text=True, cwd=elsewhere,
                          env=clean_env(), timeout=120)

    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    with zipfile.ZipFile(wheel) as archive:
        (tmp_path / "shipped.sqlite").write_bytes(archive.read("resources/content.sqlite"))
    shipped = ContentDB(tmp_path / "shipped.sqlite")
    expected = shipped.counts()
    shipped.close()
    for kind in ("references", "documents", "events", "terms", "questions", "drugs"):
        assert stats[kind] == expected[kind] > 0, kind
    # The data folder holds the content database, copied from the wheel rather than compiled.
    copied = ContentDB(data / "cache" / "content.sqlite")
    assert copied.meta["built_at"] == BUILD_TIME
    assert copied.packs()[0]["root"].startswith(str(venv))
    copied.close()
    assert sorted(p.name for p in elsewhere.iterdir()) == []

    version = subprocess.run([str(bin_path(venv, "imid-atlas")), "--version"],
                             capture_output=True, text=True, cwd=elsewhere, env=clean_env(),
                             timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("IMiD Atlas ")


def migration_records(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT migration_set, name, applied_at FROM _sqlite_migrations "
                            "ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_installed_app_opens_its_window_and_closes(installed, tmp_path):
    wheel, venv = installed
    data = tmp_path / "data"
    proc = subprocess.run(
        [str(bin_path(venv, "imid-atlas")), "--data-dir", str(data)], capture_output=True,
        text=True, cwd=tmp_path, timeout=120,
        env=clean_env(QT_QPA_PLATFORM="offscreen", IMID_ATLAS_EXIT_AFTER_PAINT="1"))
    assert proc.returncode == 0, proc.stderr
    assert any(line.startswith("first-paint ") for line in proc.stdout.splitlines())
    assert ContentDB(data / "cache" / "content.sqlite").meta["built_at"] == BUILD_TIME
    # The new user database is the wheel's empty one (its migrations were applied at build
    # time), not one migrated on this first start.
    with zipfile.ZipFile(wheel) as archive:
        (tmp_path / "empty.sqlite").write_bytes(archive.read("resources/user-empty.sqlite"))
    records = migration_records(data / "user.sqlite")
    assert records and records == migration_records(tmp_path / "empty.sqlite")


def test_installed_app_puts_itself_in_the_menu(installed, tmp_path):
    _, venv = installed
    data_home = tmp_path / "xdg"
    proc = subprocess.run([str(bin_path(venv, "imid-atlas")), "--install-desktop-entry"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env=clean_env(XDG_DATA_HOME=str(data_home)))
    assert proc.returncode == 0, proc.stderr
    entry = (data_home / "applications" / "io.github.imid_atlas.IMiDAtlas.desktop").read_text(
        encoding="utf-8")
    assert f"\nExec={bin_path(venv, 'imid-atlas')}\n" in entry
    assert (data_home / "icons" / "hicolor" / "256x256" / "apps" / "imid-atlas.png").is_file()
