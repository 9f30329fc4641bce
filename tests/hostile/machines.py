"""Hostile machines for the hostile-input suite: the command line run as a user runs it, on
a full disk, a read-only folder, or beside another program holding a lock.

- `run_cli(...)`: `python main.py ARGS` in a subprocess (the fixture content, so a build is
  quick), with a timeout: a hang fails the test instead of blocking the run.
- `on_machine(...)`: the same inside a private mount namespace (`unshare -Urm`, no root
  needed) where the data folder is a small tmpfs filled to the last byte (a real full disk,
  ENOSPC from the kernel) or a read-only bind mount (EROFS). After the command, the folder
  is copied out so the test can check every byte. Where namespaces are not allowed
  (`NAMESPACES` is False) these tests are skipped; the patched-writer tests still run.
- `hold_lock(path)`: another process holding an exclusive SQLite lock on a database.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"


def _namespaces() -> bool:
    if not shutil.which("unshare") or sys.platform != "linux":
        return False
    try:
        return subprocess.run(["unshare", "-Urm", "true"], capture_output=True,
                              timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


NAMESPACES = _namespaces()


@dataclass
class Run:
    """A finished command: its exit status and output."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def cli_env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("IMID_ATLAS_DATA_DIR", "IMID_ATLAS_CONTENT_DIR")}
    env.update({"IMID_ATLAS_CONTENT_DIR": str(FIXTURE_CONTENT), "QT_QPA_PLATFORM": "offscreen",
                "PYTHONIOENCODING": "utf-8"})
    env.update(extra or {})
    return env


def run_cli(*args: str | Path, env: dict | None = None, timeout: float = 90,
            input_bytes: bytes | None = None) -> Run:
    """`imid-atlas ARGS` in a subprocess, with the fixture content."""
    result = subprocess.run([sys.executable, str(MAIN), *map(str, args)], capture_output=True,
                            cwd=ROOT, env=cli_env(env), timeout=timeout, input=input_bytes)
    return Run(result.returncode, result.stdout.decode("utf-8", "replace"),
               result.stderr.decode("utf-8", "replace"))


def on_machine(data: Path, after: Path, *args: str | Path, full: bool = False,
               read_only: bool = False, size_kb: int = 4096, timeout: float = 120) -> Run:
    """Run `imid-atlas --data-dir DATA ARGS` where DATA is a full disk (`full`: a tmpfs of
    `size_kb` holding a copy of `data`, filled up) or a read-only mount (`read_only`); the
    data folder as the command left it is copied to `after`."""
    mount = data.parent / f".{data.name}-mounted"
    mount.mkdir(exist_ok=True)
    q = shlex.quote
    command = " ".join(q(str(a)) for a in (sys.executable, MAIN, "--data-dir", mount, *args))
    if full:
        prepare = (f"mount -t tmpfs -o size={size_kb}k tmpfs {q(str(mount))} && "
                   f"cp -a {q(str(data))}/. {q(str(mount))}/ && "
                   f"(dd if=/dev/zero of={q(str(mount))}/.filler bs=1k 2>/dev/null || true) && "
                   f"(dd if=/dev/zero of={q(str(mount))}/.filler2 bs=64 2>/dev/null || true)")
    else:
        prepare = (f"cp -a {q(str(data))}/. {q(str(mount))}/ && "
                   f"mount --bind {q(str(mount))} {q(str(mount))} && "
                   f"mount -o remount,bind,ro {q(str(mount))}" if read_only else "true")
    script = (f"{prepare} || exit 99\n"
              f"cd {q(str(ROOT))}\n{command}\nstatus=$?\n"
              f"mkdir -p {q(str(after))} && cp -a {q(str(mount))}/. {q(str(after))}/ "
              f"&& rm -f {q(str(after))}/.filler {q(str(after))}/.filler2\n"
              "exit $status\n")
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True,
                            cwd=ROOT, env=cli_env(), timeout=timeout)
    if result.returncode == 99:
        raise RuntimeError(f"could not prepare the machine: {result.stderr.decode()}")
    return Run(result.returncode, result.stdout.decode("utf-8", "replace"),
               result.stderr.decode("utf-8", "replace"))


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative name -> sha256), to compare before and after."""
    return {p.relative_to(folder).as_posix(): digest(p)
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def database_dump(path: Path) -> str:
    """A digest of everything a database holds (its schema and rows): opening and closing
    one rewrites a few header bytes, so the file's own digest cannot tell a change."""
    import sqlite3

    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        # Statistics the query planner keeps (PRAGMA optimize) are not the user's data.
        lines = sorted(line for line in conn.iterdump()
                       if "sqlite_stat" not in line and not line.startswith("ANALYZE"))
    finally:
        conn.close()
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def user_files(folder: Path) -> dict[str, str]:
    """The user's own data in a data folder (progress database, imports, settings): what
    must be exactly as it was after any failure (logs and the rebuilt cache may change; a
    database is compared by what it holds)."""
    found = {}
    for name, h in snapshot(folder).items():
        if name.startswith(("logs/", "cache/")) or name.endswith(("-shm", "-wal")):
            continue
        found[name] = database_dump(folder / name) if name.endswith(".sqlite") else h
    return found


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("CREATE TABLE IF NOT EXISTS lock_holder (x)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


@contextmanager
def hold_lock(database: Path, seconds: float = 60):
    """Another program holds an exclusive lock on `database` while the block runs."""
    process = subprocess.Popen([sys.executable, "-c", LOCKER, str(database), str(seconds)],
                               stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.strip() == "locked", line
        yield process
    finally:
        process.kill()
        process.wait(10)


def wait_for(condition, timeout: float = 30.0, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return False


def drive(commands: list[list[str | Path]], setup: str = "", after: str = "",
          timeout: float = 300) -> list[dict]:
    """Run `commands` (argument lists for `imid-atlas`) in one process through
    `cli_driver.py`; with `setup`, inside a mount namespace after that shell script has run
    (mounts made there are private to it), then `after`. Returns one result per command."""
    import json

    argv = [[str(a) for a in command] for command in commands]
    driver = [sys.executable, str(ROOT / "tests" / "hostile" / "cli_driver.py"), json.dumps(argv)]
    if setup:
        q = shlex.quote
        script = (f"{setup} || exit 99\ncd {q(str(ROOT))}\n"
                  + " ".join(q(a) for a in driver) + f"\nstatus=$?\n{after}\nexit $status\n")
        command = ["unshare", "-Urm", "sh", "-c", script]
    else:
        command = driver
    result = subprocess.run(command, capture_output=True, cwd=ROOT, env=cli_env(),
                            timeout=timeout)
    if result.returncode == 99:
        raise RuntimeError(f"could not prepare the machine: {result.stderr.decode()}")
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()
             if line.startswith("{")]
    assert len(lines) == len(commands), result.stderr.decode("utf-8", "replace")[-3000:]
    return lines
