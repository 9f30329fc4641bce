"""The Linux menu entry: written into a temporary XDG_DATA_HOME by the real command line,
checked by the freedesktop validators, and its Exec line run to prove it starts this install."""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import APP_ID, APP_NAME, DESKTOP_ID, __version__
from desktop.commands import desktop_entry_command
from desktop.core.desktop_entry import (
    entry_files,
    exec_value,
    launch_command,
    shipped_entry,
    shipped_metainfo,
    xdg_data_home,
)
from desktop.core.paths import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, data_home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMID_ATLAS_")}
    env["XDG_DATA_HOME"] = str(data_home)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=env, cwd=data_home.parent, timeout=120)


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_args(value: str) -> list[str]:
    """An Exec value split back into arguments by the spec's rules, as a desktop reads it."""
    string_escapes = {"\\": "\\", "s": " ", "n": "\n", "t": "\t", "r": "\r"}
    text, i = "", 0
    while i < len(value):  # the string-level escapes first
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in string_escapes:
            text += string_escapes[value[i + 1]]
            i += 2
        else:
            text += value[i]
            i += 1
    args, current, quoted, started, i = [], "", False, False, 0
    while i < len(text):
        ch = text[i]
        if quoted and ch == "\\" and i + 1 < len(text) and text[i + 1] in '"`$\\':
            current += text[i + 1]
            i += 1
        elif ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += ch
        i += 1
    assert not quoted, f"unterminated quote in {value!r}"
    if started or current:
        args.append(current)
    return [arg.replace("%%", "%") for arg in args]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def validator(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils / appstream)")
    return tool


def test_shipped_entry_and_metainfo_pass_their_validators():
    result = subprocess.run([validator("desktop-file-validate"), str(shipped_entry())],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout
    result = subprocess.run([validator("appstreamcli"), "validate", "--no-net",
                             str(shipped_metainfo())], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    entry = read_entry(shipped_entry())
    assert entry["Name"] == APP_NAME and entry["Icon"] == APP_ID
    # Qt gives its windows this X11 class (the application name): the dock matches them by it.
    assert entry["StartupWMClass"] == APP_NAME
    assert f"<launchable type=\"desktop-id\">{DESKTOP_ID}.desktop</launchable>" in (
        shipped_metainfo().read_text(encoding="utf-8"))


def test_install_puts_entry_icons_and_metainfo_in_the_menu(tmp_path):
    data_home = tmp_path / "xdg data"
    proc = run_cli("--install-desktop-entry", data_home=data_home)
    assert proc.returncode == 0, proc.stderr
    assert "is in your applications menu" in proc.stdout

    desktop_file = data_home / "applications" / f"{DESKTOP_ID}.desktop"
    entry = read_entry(desktop_file)
    command = exec_args(entry["Exec"])
    assert command == [sys.executable, str(ROOT / "main.py")]
    assert exec_args(entry["TryExec"]) == [sys.executable]
    assert entry["Icon"] == APP_ID
    for size in ICON_SIZES:
        icon = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(icon) == (size, size)
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data_home / "metainfo" / f"{DESKTOP_ID}.metainfo.xml").read_bytes() == (
        shipped_metainfo().read_bytes())
    result = subprocess.run([validator("desktop-file-validate"), str(desktop_file)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout
    # What the menu runs starts this installation.
    version = subprocess.run([*command, "--version"], capture_output=True, text=True,
                             cwd=tmp_path, timeout=120)
    assert version.stdout.strip() == f"IMiD Atlas {__version__}"


def test_entry_opens_the_data_folder_given_and_quotes_odd_paths(tmp_path):
    data_home = tmp_path / "xdg"
    data = tmp_path / "class $room 100% \"USB\""
    proc = run_cli("--data-dir", str(data), "--install-desktop-entry", data_home=data_home)
    assert proc.returncode == 0, proc.stderr
    desktop_file = data_home / "applications" / f"{DESKTOP_ID}.desktop"
    command = exec_args(read_entry(desktop_file)["Exec"])
    assert command == [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)]
    result = subprocess.run([validator("desktop-file-validate"), str(desktop_file)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout
    assert not data.exists()  # installing the entry does not open the data folder


def test_remove_takes_away_exactly_what_install_wrote(tmp_path):
    data_home = tmp_path / "xdg"
    other = data_home / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    assert run_cli("--install-desktop-entry", data_home=data_home).returncode == 0

    proc = run_cli("--remove-desktop-entry", data_home=data_home)

    assert proc.returncode == 0, proc.stderr
    assert "no longer in your applications menu" in proc.stdout
    assert not any(path.exists() for path in entry_files(data_home))
    assert other.is_file()
    again = run_cli("--remove-desktop-entry", data_home=data_home)
    assert again.returncode == 0 and "had no menu entry" in again.stdout


def test_unwritable_menu_folder_is_reported_without_a_traceback(tmp_path):
    data_home = tmp_path / "xdg"
    data_home.mkdir()
    (data_home / "applications").write_text("a file where a folder should be")
    proc = run_cli("--install-desktop-entry", data_home=data_home)
    assert proc.returncode == 2
    assert "could not write the menu entry" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_other_platforms_are_told_what_to_do_instead(capsys):
    args = argparse.Namespace(install_desktop_entry=True, remove_desktop_entry=False)
    assert desktop_entry_command.run(args, platform="win32") == 2
    assert "Start menu" in capsys.readouterr().err


def test_launch_command_for_each_way_of_installing(tmp_path, monkeypatch):
    bundle = tmp_path / "imid-atlas" / "imid-atlas"
    assert launch_command("imid-atlas", str(bundle), frozen=True) == [str(bundle)]
    assert launch_command("main.py", "/usr/bin/python3", frozen=False) == [
        "/usr/bin/python3", str(Path("main.py").absolute())]
    script = tmp_path / "venv" / "bin" / "imid-atlas"
    assert launch_command(str(script), "/x/python", frozen=False) == [str(script)]
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(script.parent))
    assert launch_command("imid-atlas", "/x/python", frozen=False) == [str(script)]


def test_exec_values_follow_the_desktop_entry_quoting_rules():
    assert exec_value(["/opt/atlas/imid-atlas"]) == "/opt/atlas/imid-atlas"
    assert exec_value(["/opt/IMiD Atlas/imid-atlas", "--data-dir", "/m/100%"]) == (
        '"/opt/IMiD Atlas/imid-atlas" --data-dir /m/100%%')
    # A literal backslash inside quotes takes four backslashes in the file (the spec's example).
    assert exec_value(["/a b/c\\d"]) == '"/a b/c\\\\\\\\d"'
    assert exec_value(['say "$HOME"']) == '"say \\\\"\\\\$HOME\\\\""'
    awkward = ["/opt/IMiD Atlas/imid-atlas", "--data-dir", "/m/100% \"x\" $y `z` \\w"]
    assert exec_args(exec_value(awkward)) == awkward


def test_xdg_data_home_follows_the_spec(tmp_path):
    assert xdg_data_home({"XDG_DATA_HOME": str(tmp_path), "HOME": "/h"}) == tmp_path
    assert xdg_data_home({"XDG_DATA_HOME": "relative/path", "HOME": "/h"}) == Path(
        "/h/.local/share")
    assert xdg_data_home({"HOME": "/h"}) == Path("/h/.local/share")
