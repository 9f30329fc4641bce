"""Start-up of IMiD Atlas versus a bare PySide6 window, measured in the same run.

Each time = from spawning the process to the main window's first paint. Three app figures:

- first start: a new, empty data folder every run, as on a user's very first start. The content
  and empty user databases come from the files written when the package was built (in a
  checkout the bench writes them as the build does, `python -m db.shipped`, and removes them
  afterwards if they were not there before).
- warm start: the same data folder again (what every later start costs).
- compiling first run: one run with a content folder of one's own (IMID_ATLAS_CONTENT_DIR), which
  compiles the content as a content pack does; for reference, no target.

Runs are interleaved (bare, first, warm) so all see the same machine load. Prints one JSON line.
Targets: median first start and median warm start each at most 2.0 x the bare window.

On a machine busy with other work the wall-clock times stretch unevenly, so the line also gives
each kind's median CPU time (user + system, the whole process from spawn to quitting after the
first paint) and its ratio to the bare window's: a figure the machine's load barely moves.

    python bench/startup.py [--runs 7] [--app PATH]

`--app` times an installed `imid-atlas` (a virtual environment's, or the bundle's executable)
in place of `python main.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.shipped import build_shipped, empty_user_path, shipped_content_path, stale  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_to_paint(command: list[str], env: dict, cpu: list[float] | None = None) -> float:
    """Seconds from spawn to first paint; appends the run's CPU seconds to `cpu` if given."""
    before = children_cpu()
    start = time.time()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    if cpu is not None:
        cpu.append(children_cpu() - before)
    for line in proc.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no paint reported by {command}: {proc.stderr[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--app", type=Path, help="an installed imid-atlas executable to time")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["IMID_ATLAS_EXIT_AFTER_PAINT"] = "1"
    # Measure what users get: Python caches compiled modules (.pyc) after the first run. Some
    # machines set PYTHONDONTWRITEBYTECODE, which would recompile every module on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("IMID_ATLAS_CONTENT_DIR", None)
    env.pop("IMID_ATLAS_DATA_DIR", None)
    scratch = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    resources = ROOT / "resources"
    made: list[Path] = []
    if not args.app and stale(resources):
        made = [p for p in (shipped_content_path(resources), empty_user_path(resources))
                if not p.exists()]
        build_shipped(resources)
    try:
        app = [str(args.app)] if args.app else [sys.executable, str(ROOT / "main.py")]
        bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py")]
        warm_dir = scratch / "warm"

        def app_cmd(data_dir: Path) -> list[str]:
            return [*app, "--data-dir", str(data_dir)]

        own_content = scratch / "own-content"
        shutil.copytree(resources / "content", own_content)
        compiling = time_to_paint(app_cmd(scratch / "compiling"),
                                  {**env, "IMID_ATLAS_CONTENT_DIR": str(own_content)})
        time_to_paint(bare_cmd, env)  # warm-up: both write their bytecode caches
        time_to_paint(app_cmd(warm_dir), env)
        first_times, warm_times, bare_times = [], [], []
        first_cpu, warm_cpu, bare_cpu = [], [], []
        for run in range(args.runs):
            bare_times.append(time_to_paint(bare_cmd, env, bare_cpu))
            first_times.append(time_to_paint(app_cmd(scratch / f"first-{run}"), env, first_cpu))
            warm_times.append(time_to_paint(app_cmd(warm_dir), env, warm_cpu))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        for path in made:
            path.unlink(missing_ok=True)
    bare = statistics.median(bare_times)
    first = statistics.median(first_times)
    warm = statistics.median(warm_times)
    cpu = {name: statistics.median(times)
           for name, times in (("bare", bare_cpu), ("first", first_cpu), ("warm", warm_cpu))}
    print(json.dumps({
        "benchmark": "startup",
        "platform": env["QT_QPA_PLATFORM"],
        "app": str(args.app) if args.app else "main.py",
        "runs": args.runs,
        "bare_window_median_s": round(bare, 4),
        "first_start_median_s": round(first, 4),
        "first_start_ratio": round(first / bare, 3),
        "app_median_s": round(warm, 4),
        "ratio": round(warm / bare, 3),
        "target_ratio": 2.0,
        "first_run_compiling_content_s": round(compiling, 4),
        "cpu_bare_median_s": round(cpu["bare"], 4),
        "cpu_first_median_s": round(cpu["first"], 4),
        "cpu_first_ratio": round(cpu["first"] / cpu["bare"], 3),
        "cpu_warm_median_s": round(cpu["warm"], 4),
        "cpu_warm_ratio": round(cpu["warm"] / cpu["bare"], 3),
        "load_average": round(os.getloadavg()[0], 2),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
