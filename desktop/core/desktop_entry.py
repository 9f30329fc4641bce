"""The Linux applications-menu entry: a freedesktop `.desktop` file, the icon and AppStream data.

`imid-atlas --install-desktop-entry` writes, under `$XDG_DATA_HOME` (default
`~/.local/share`):

- `applications/<DESKTOP_ID>.desktop`: the shipped entry with `Exec` set to the command that
  started this installation (the bundle's executable, a virtual environment's or pipx's
  `imid-atlas`, or `python main.py` in a checkout), plus `--data-dir` when one was given;
- `icons/hicolor/<size>x<size>/apps/imid-atlas.png` for every size, and the SVG under
  `scalable/apps`;
- `metainfo/<DESKTOP_ID>.metainfo.xml`.

`--remove-desktop-entry` deletes exactly those files again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop import APP_ID, DESKTOP_ID
from desktop.core.paths import ICON_SIZES, icon_png, icon_svg, resources_dir

#: Characters that make a desktop-entry Exec argument need double quotes (spec: "Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def shipped_entry() -> Path:
    """The `.desktop` file shipped in resources/desktop."""
    return resources_dir() / "desktop" / f"{DESKTOP_ID}.desktop"


def shipped_metainfo() -> Path:
    """The AppStream metainfo file shipped in resources/desktop."""
    return resources_dir() / "desktop" / f"{DESKTOP_ID}.metainfo.xml"


def xdg_data_home(env: Mapping[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME`, or `~/.local/share` when it is unset or not absolute (the spec)."""
    env = os.environ if env is None else env
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launch_command(argv0: str | None = None, executable: str | None = None,
                   frozen: bool | None = None) -> list[str]:
    """The command that starts this installation of IMiD Atlas, as absolute paths.

    The bundle: its executable. A checkout's `python main.py`: the interpreter and main.py.
    Otherwise the `imid-atlas` script that is running (a virtual environment's, or pipx's
    link to it, kept as a link so an upgrade does not break the entry).
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if frozen:
        return [str(Path(executable).absolute())]
    script = Path(argv0)
    if script.suffix == ".py":
        return [str(Path(executable).absolute()), str(script.absolute())]
    if not script.parent.parts:  # a bare name, found on PATH
        found = shutil.which(argv0)
        script = Path(found) if found else script
    return [str(script.absolute())]


def exec_value(args: Sequence[str]) -> str:
    """`args` as the value of a desktop entry's Exec key (quoted and escaped per the spec)."""
    parts = []
    for arg in args:
        arg = arg.replace("%", "%%")
        if any(ch in _RESERVED for ch in arg) or arg == "":
            arg = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg) + '"'
        parts.append(arg)
    # The whole value is a desktop-entry string: its backslashes are escaped once more.
    return " ".join(parts).replace("\\", "\\\\")


def entry_text(command: Sequence[str]) -> str:
    """The shipped entry with Exec (and TryExec) pointing at `command`."""
    lines = []
    for line in shipped_entry().read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            lines.append(f"Exec={exec_value(command)}")
            lines.append(f"TryExec={exec_value(command[:1])}")
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass
class EntryReport:
    """What installing or removing the entry did."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def entry_files(data_home: Path) -> dict[Path, Path | None]:
    """Target path -> shipped source (None for the generated .desktop file)."""
    hicolor = data_home / "icons" / "hicolor"
    files: dict[Path, Path | None] = {
        data_home / "applications" / f"{DESKTOP_ID}.desktop": None,
        data_home / "metainfo" / f"{DESKTOP_ID}.metainfo.xml": shipped_metainfo(),
        hicolor / "scalable" / "apps" / f"{APP_ID}.svg": icon_svg(),
    }
    for size in ICON_SIZES:
        files[hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = icon_png(size)
    return files


def install_desktop_entry(command: Sequence[str], data_home: Path | None = None) -> EntryReport:
    """Put IMiD Atlas (launched by `command`) and its icon in the user's applications menu.

    Raises OSError when a file cannot be written (the message names it).
    """
    data_home = xdg_data_home() if data_home is None else Path(data_home)
    report = EntryReport()
    for target, source in entry_files(data_home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        if source is None:
            tmp.write_text(entry_text(command), encoding="utf-8")
        else:
            shutil.copyfile(source, tmp)
        os.replace(tmp, target)
        report.written.append(target)
    report.notes.extend(_refresh_caches(data_home))
    return report


def remove_desktop_entry(data_home: Path | None = None) -> EntryReport:
    """Remove the files `install_desktop_entry` writes (nothing else)."""
    data_home = xdg_data_home() if data_home is None else Path(data_home)
    report = EntryReport()
    for target in entry_files(data_home):
        if target.exists():
            target.unlink()
            report.removed.append(target)
    report.notes.extend(_refresh_caches(data_home))
    return report


def _refresh_caches(data_home: Path) -> list[str]:
    """Let desktops that keep a cache of entries see the change; never fails the install."""
    tool = shutil.which("update-desktop-database")
    if not tool or not (data_home / "applications").is_dir():
        return []
    try:
        subprocess.run([tool, str(data_home / "applications")], capture_output=True,
                       timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        return [f"update-desktop-database did not run ({exc}); the menu may show the change "
                "after you log in again."]
    return []
