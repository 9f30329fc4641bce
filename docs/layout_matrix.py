"""Write the layout matrix as screenshots for a person to look at: every view (the states of
tests/journeys/layout_matrix.py) on screens of 1024x768, 1280x800 and 1920x1080, at 100% and
200% text, in the light, dark and high-contrast themes.

    python docs/layout_matrix.py --out /tmp/matrix            # the whole matrix
    python docs/layout_matrix.py --out /tmp/matrix --screens 1024x768 --scales 2 \
        --themes dark --states home,library

Each screen size runs in its own X server (`xvfb-run`, with `openbox` as the window manager
when it is installed, so the window has a real frame and title bar): the app starts as a person
starts it (the first window sized from the screen), then a person's keys and clicks reach each
state. The whole screen is captured (QScreen.grabWindow of the root window) into
`OUT/SCREEN/SCALE-THEME-STATE.png`, one contact sheet per screen, text size and theme is made
with ImageMagick's `montage` when it is installed (`OUT/sheets/`), and `OUT/problems.txt`
lists what the layout test (tests/journeys/test_shell_layout_matrix.py) would report for each
shot. Needs the test extra (pytest-qt is not used; the journeys' Person is).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="docs/screenshots/matrix")
    parser.add_argument("--screens", default="1024x768,1280x800,1920x1080")
    parser.add_argument("--scales", default="1,2", help="text sizes, 1 = 100%%")
    parser.add_argument("--themes", default="light,dark,high-contrast")
    parser.add_argument("--states", default="", help="state names (default: every state)")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.inner:
        return _shoot(args)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "problems.txt").write_text("", encoding="utf-8")
    if shutil.which("xvfb-run") is None:
        print("xvfb-run is not installed: run with --inner inside an X session of the "
              "screen size instead", file=sys.stderr)
        return 2
    failed = 0
    for screen in args.screens.split(","):
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", sys.executable,
                   str(Path(__file__).resolve()), "--inner", "--out", str(out),
                   "--screens", screen, "--scales", args.scales, "--themes", args.themes,
                   "--states", args.states]
        print(f"{screen}: {' '.join(command)}", flush=True)
        failed |= subprocess.run(command, check=False).returncode
    _contact_sheets(out)
    print(f"problems: {out / 'problems.txt'}")
    return 1 if failed else 0


def _contact_sheets(out: Path) -> None:
    montage = shutil.which("montage")
    if montage is None:
        return
    sheets = out / "sheets"
    sheets.mkdir(exist_ok=True)
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and p.name != "sheets"):
        groups: dict[str, list[Path]] = {}
        for shot in sorted(folder.glob("*.png")):
            scale, theme, _state = shot.stem.split("-", 2) if shot.stem.count("-") >= 2 \
                else (shot.stem, "", "")
            if theme == "high":  # "high-contrast" holds a dash
                theme = "high-contrast"
            groups.setdefault(f"{scale}-{theme}", []).append(shot)
        for group, shots in groups.items():
            target = sheets / f"{folder.name}-{group}.png"
            subprocess.run([montage, *map(str, shots), "-tile", "4x", "-geometry",
                            "480x+4+4", "-label", "%t", str(target)], check=False)
            print(target)


def _shoot(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_context, make_application, settings_for, start_window
    from desktop.core.paths import AtlasPaths
    from tests.journeys.layout_matrix import STATES, StandaloneBot, apply, problems, settle
    from tests.journeys.person import Person

    window_manager = None
    if shutil.which("openbox") and os.environ.get("DISPLAY"):
        window_manager = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
    app = make_application()
    try:
        width, height = (int(v) for v in args.screens.split("x"))
        screen = QSize(width, height)
        data_dir = tempfile.mkdtemp(prefix="atlas-matrix-")
        paths = AtlasPaths.create(data_dir)
        ctx = build_context(paths, [], settings_for(paths), "light")
        window = start_window(ctx)  # sized from the screen, as on a first start
        bot = StandaloneBot()
        bot.waitUntil(window.isVisible)
        person = Person(window, bot)
        person.wait_for_text("Welcome to IMiD Atlas")
        person.click("Don't show the tour again")
        wanted = set(filter(None, args.states.split(",")))
        states = [s for s in STATES if not wanted or s.name in wanted]
        out = Path(args.out) / args.screens
        out.mkdir(parents=True, exist_ok=True)
        report = []
        for scale in (float(s) for s in args.scales.split(",")):
            for theme in args.themes.split(","):
                apply(window, theme, scale)
                for state in states:
                    state.enter(person)
                    settle()
                    _pause(app, 300)
                    name = f"{int(scale * 100)}-{theme}-{state.name}.png"
                    app.primaryScreen().grabWindow(0).save(str(out / name))
                    found = problems(window, screen)
                    report += [f"{args.screens}/{name}: {p}" for p in found]
                    print(out / name, f"({len(found)} problems)" if found else "", flush=True)
                    if state.leave:
                        state.leave(person)
        with open(Path(args.out) / "problems.txt", "a", encoding="utf-8") as file:
            file.writelines(line + "\n" for line in report)
        window.close()
        ctx.atlas.close()
        QApplication.processEvents()
        return 0
    finally:
        if window_manager is not None:
            window_manager.terminate()
            window_manager.wait(5)


def _pause(app, ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


if __name__ == "__main__":
    sys.exit(main())
