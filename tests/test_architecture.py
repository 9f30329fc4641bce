"""The Qt-free core stays Qt-free, and the command line never loads Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
"""


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken" in result.stdout


def test_core_and_db_import_with_qt_blocked():
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for folder in ("desktop/core", "db") for p in (ROOT / folder).rglob("*.py")
    )
    code = BLOCK_QT + "\n".join(f"import {m}" for m in modules) + "\nprint('ok')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_command_line_never_imports_qt(tmp_path):
    code = BLOCK_QT + (
        "import sys\nfrom desktop.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path)!r}, 'check-content']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert "blocked" not in result.stderr, result.stderr
