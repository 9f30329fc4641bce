"""An installed layout's start: the shipped content database is used for the bundled content
only; a content folder of one's own (IMID_ATLAS_CONTENT_DIR) and content packs compile as before;
a new data folder's user database is a copy of the shipped empty one.

Each test runs the real command line in a subprocess whose `resources` package is a folder laid
out as a wheel installs it (content plus the database compiled from it), so the app finds the
shipped database exactly as an installed one does.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.content_db import ContentDB
from db.shipped import build_shipped

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SHIPPED_MARK = "2001-09-09T01:46:40Z"


@pytest.fixture
def site(tmp_path) -> Path:
    """A site folder holding `resources` as installed: the fixture content, compiled."""
    site = tmp_path / "site"
    resources = site / "resources"
    resources.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "__init__.py", resources)
    shutil.copytree(FIXTURES / "content", resources / "content")
    conn = sqlite3.connect(build_shipped(resources)[0])
    with conn:  # mark it, so a copy of it can be told from a compile
        conn.execute("UPDATE meta SET value = ? WHERE key = 'built_at'", (SHIPPED_MARK,))
    conn.close()
    return site


PRELUDE = ("import sys; sys.path.insert(0, sys.argv[1]); import resources; "
           "assert resources.__file__.startswith(sys.argv[1]), resources.__file__; ")


def run_python(site: Path, code: str, *args: str, env_extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMID_ATLAS_")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(env_extra or {})
    proc = subprocess.run([sys.executable, "-c", PRELUDE + code, str(site), *args],
                          capture_output=True, text=True, cwd=site, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def run_atlas(site: Path, *args: str, env_extra: dict | None = None) -> dict:
    """The command line, run as installed: `imid-atlas ARGS` printing JSON."""
    return run_python(site, "from desktop.cli import main; sys.exit(main(sys.argv[2:]))", *args,
                      env_extra=env_extra)


def built_at(path: Path) -> str:
    db = ContentDB(path)
    try:
        return db.meta["built_at"]
    finally:
        db.close()


def test_installed_first_start_copies_the_shipped_database(site, tmp_path):
    data = tmp_path / "data"
    stats = run_atlas(site, "--data-dir", str(data), "stats", "--json")
    assert stats["questions"] == 5 and stats["terms"] == 3
    assert built_at(data / "cache" / "content.sqlite") == SHIPPED_MARK


def test_own_content_folder_is_compiled(site, tmp_path):
    own = tmp_path / "own-content"
    shutil.copytree(site / "resources" / "content", own)
    data = tmp_path / "data"
    run_atlas(site, "--data-dir", str(data), "stats", "--json",
              env_extra={"IMID_ATLAS_CONTENT_DIR": str(own)})
    assert built_at(data / "cache" / "content.sqlite") != SHIPPED_MARK


def test_content_pack_is_compiled(site, tmp_path):
    data = tmp_path / "data"
    run_atlas(site, "--data-dir", str(data), "--content-pack", str(FIXTURES / "sample_pack"),
              "stats", "--json")
    built = [p for p in (data / "cache").glob("content-*.sqlite")]
    assert len(built) == 1
    assert built_at(built[0]) != SHIPPED_MARK
    assert not (data / "cache" / "content.sqlite").exists()


def test_new_data_folder_opens_without_running_the_migrations(site, tmp_path):
    data = tmp_path / "data"
    code = ("import json; from desktop.core.atlas import Atlas; atlas = Atlas.open(sys.argv[2]); "
            "print(json.dumps({'migrated': atlas.user.report.migrated, "
            "'loaded': sorted({'sqlite_utils', 'numpy'} & set(sys.modules))})); atlas.close()")
    opened = run_python(site, code, str(data))
    # What a first start pays for otherwise: sqlite-utils and numpy, to run the migrations.
    assert opened == {"migrated": [], "loaded": []}
    assert built_at(data / "cache" / "content.sqlite") == SHIPPED_MARK
    user = sqlite3.connect(data / "user.sqlite")
    assert user.execute("SELECT count(*) FROM bookmarks").fetchone() == (0,)
    user.close()
