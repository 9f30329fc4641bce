"""Cold start of IMiD Atlas versus a bare PySide6 window, measured in the same run.

Cold start = from spawning the process to the main window's first paint. The content database
is built once beforehand (first-run build time is reported separately). Prints one JSON line.
Target: median ratio app / bare window at most 2.0.

    python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_to_paint(command: list[str], env: dict) -> float:
    start = time.time()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    for line in proc.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no paint reported by {command}: {proc.stderr[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["IMID_ATLAS_EXIT_AFTER_PAINT"] = "1"
    # Measure what users get: Python caches compiled modules (.pyc) after the first run. Some
    # machines set PYTHONDONTWRITEBYTECODE, which would recompile every module on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("IMID_ATLAS_CONTENT_DIR", None)
    data_dir = tempfile.mkdtemp(prefix="atlas-bench-")
    app_cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", data_dir]
    bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py")]

    first_run = time_to_paint(app_cmd, env)  # builds the content DB and the user DB
    time_to_paint(bare_cmd, env)  # warm-up: both write their bytecode caches
    app_times, bare_times = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        bare_times.append(time_to_paint(bare_cmd, env))
        app_times.append(time_to_paint(app_cmd, env))
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    print(json.dumps({
        "benchmark": "startup",
        "platform": env["QT_QPA_PLATFORM"],
        "runs": args.runs,
        "app_median_s": round(app_median, 4),
        "bare_window_median_s": round(bare_median, 4),
        "ratio": round(app_median / bare_median, 3),
        "target_ratio": 2.0,
        "first_run_with_content_build_s": round(first_run, 4),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
