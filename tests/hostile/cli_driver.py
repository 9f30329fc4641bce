"""Run many `imid-atlas` command lines in one process (the machine-level tests start one of
these inside a mount namespace instead of one process per command).

    python tests/hostile/cli_driver.py '[["--data-dir", "D", "export", ...], ...]'

Prints one JSON line per command: {"argv", "status", "stdout", "stderr"}. Each command runs
through `desktop.cli.main`, exactly as `imid-atlas` runs it (messages, exit statuses).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(commands: list[list[str]]) -> int:
    from desktop.cli import main as cli

    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli(argv)
            except SystemExit as exc:  # argparse refusing an argument
                status = exc.code
        print(json.dumps({"argv": argv, "status": status, "stdout": out.getvalue(),
                          "stderr": err.getvalue()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(json.loads(sys.argv[1])))
