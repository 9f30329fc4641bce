"""The command line: version, help, stats, check-content exit codes, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import main
from desktop.launch import display_problem

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "content"


def run_cli(*args, env_extra=None):
    import os

    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def test_version_and_help(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("build-db", "check-content", "stats", "search", "export", "import"):
        assert command in out
    # every presenter mode that works is listed (mechanism was missing)
    assert "--present timeline|quiz|glossary|mechanism" in " ".join(out.split())


def test_stats_json_has_the_promised_keys(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IMID_ATLAS_CONTENT_DIR", str(FIXTURE))
    assert main(["--data-dir", str(tmp_path), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    for key in ("references", "documents", "events", "eras", "terms", "questions", "drugs"):
        assert isinstance(stats[key], int)
    assert stats["questions"] == 5
    assert stats["questions_by_type"] == {"matching": 1, "multi": 1, "ordering": 1,
                                          "single": 1, "true_false": 1}
    assert stats["questions_by_topic"] == {"history": 1, "mechanism": 4}


def test_check_content_exit_codes(tmp_path, capsys):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    # A standalone folder is fine on its own but clashes with bundled ids when checked as a pack.
    from db.content_check import check_folder

    assert check_folder(pack) == []
    (pack / "glossary" / "terms.toml").write_text('[[term]]\nid = "Bad Id"\n', "utf-8")
    assert main(["check-content", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "terms.toml:2: term 'Bad Id': field 'id': 'Bad Id' is not a valid id" in out


def test_build_db_refuses_bad_content_without_traceback(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    (content / "timeline" / "events.toml").write_text("[[event]\n", "utf-8")
    result = run_cli("--data-dir", str(tmp_path / "d"), "build-db", "--content", str(content))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "events.toml:1: TOML syntax error" in result.stderr


def test_newer_user_database_gives_a_message_not_a_traceback(tmp_path):
    import sqlite3

    from db.user_db import UserDB

    UserDB.open(tmp_path / "user.sqlite").close()
    conn = sqlite3.connect(tmp_path / "user.sqlite")
    conn.execute("PRAGMA user_version = 77")
    conn.close()
    result = run_cli("--data-dir", str(tmp_path), "search", "cereblon",
                     env_extra={"IMID_ATLAS_CONTENT_DIR": str(FIXTURE)})
    assert result.returncode == 2
    assert "newer version of IMiD Atlas" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_command_json(tmp_path):
    result = run_cli("--data-dir", str(tmp_path), "search", "CRBN", "--json", "--limit", "3",
                     env_extra={"IMID_ATLAS_CONTENT_DIR": str(FIXTURE)})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["results"][0]["id"] == "cereblon"
    assert len(data["results"]) <= 3


def test_no_display_gives_one_clear_paragraph():
    message = display_problem({}, "linux")
    assert "needs a graphical display" in message and "xvfb" in message
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None


def test_missing_xcb_libraries_name_debian_packages(monkeypatch):
    import desktop.launch as launch

    monkeypatch.setattr(launch, "missing_libraries",
                        lambda: [("libxcb-cursor.so.0", "libxcb-cursor0")])
    message = launch.display_problem({"DISPLAY": ":0"}, "linux")
    assert "sudo apt-get install libxcb-cursor0" in message
    assert "\n" not in message


def test_app_without_display_exits_cleanly(tmp_path):
    result = run_cli("--data-dir", str(tmp_path),
                     env_extra={"DISPLAY": "", "QT_QPA_PLATFORM": "", "WAYLAND_DISPLAY": ""})
    assert result.returncode == 2
    assert "needs a graphical display" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_content_quality_report_on_the_bundled_bank(capsys):
    from db.content_loader import load_content
    from desktop.core.paths import bundled_content_dir

    authored = len(load_content(bundled_content_dir()).of_kind("question"))
    assert main(["check-content", "--quality"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Content OK:")
    assert f"Item quality of {authored} authored questions" in out
    assert "single answer, key is the longest option" in out
    assert "Rules:" in out and "history: at least a third reasoning items" in out


def test_check_content_quality_json_keeps_problems_and_exit_code(tmp_path, capsys):
    import shutil

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    path = pack / "questions" / "questions.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace('terms = ["cereblon"]\n',
                                 'terms = ["cereblon"]\nexcludes = ["q-nowhere"]\n', 1), "utf-8")
    assert main(["check-content", str(pack), "--quality", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert any("no question with id 'q-nowhere'" in p for p in data["problems"])
    assert data["quality"]["questions"] == 5
    assert {"name", "passed", "detail"} <= set(data["checks"][0])
