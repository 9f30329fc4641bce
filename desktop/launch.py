"""Start the desktop app, or explain in one paragraph why it cannot start here.

Qt aborts with a terse message when it cannot open a display or load its platform plugin
("could not load the Qt platform plugin xcb"). Before Qt is imported we check for a display and
for the system libraries the xcb plugin loads, and name the Debian packages to install.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys

#: Shared libraries Qt's xcb platform plugin loads, and the Debian package providing each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


def missing_libraries(libraries: dict[str, str] = XCB_LIBRARIES) -> list[tuple[str, str]]:
    """(soname, package) for every library that cannot be loaded."""
    missing = []
    for soname, package in libraries.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append((soname, package))
    return missing


def display_problem(env: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """A paragraph explaining why Qt cannot show a window here, or None if it should work."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return None
    qpa = (env.get("QT_QPA_PLATFORM") or "").split(":")[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return None
    if qpa == "wayland" or (not qpa and env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")):
        return None
    if not env.get("DISPLAY"):
        return (
            "IMiD Atlas needs a graphical display, but none was found (DISPLAY is not set). "
            "Run it from a desktop session; over SSH use 'ssh -X'; on a server without a screen "
            "use a virtual one: install Debian's 'xvfb' package and run 'xvfb-run imid-atlas'. "
            "The command-line tools (imid-atlas --help) work without a display, and "
            "QT_QPA_PLATFORM=offscreen runs the app invisibly for testing."
        )
    missing = missing_libraries()
    if missing:
        packages = " ".join(dict.fromkeys(pkg for _, pkg in missing))
        names = ", ".join(soname for soname, _ in missing)
        return (
            f"IMiD Atlas cannot open a window because Qt's X11 (xcb) platform plugin needs "
            f"system libraries that are not installed: {names}. On Debian or Ubuntu install "
            f"them with: sudo apt-get install {packages} (on Fedora, the matching "
            "xcb-util-* and libxkbcommon-x11 packages). Then start IMiD Atlas again."
        )
    return None


def launch_app(args: argparse.Namespace) -> int:
    """Check the display, then run the Qt application."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        from desktop.app import run
    except ImportError as exc:
        print(
            f"IMiD Atlas cannot start: the Qt libraries failed to load ({exc}). Reinstall the "
            "app's dependencies with: pip install -e . (on Debian you may also need the "
            "packages libegl1 libgl1 libfontconfig1 libdbus-1-3).",
            file=sys.stderr,
        )
        return 2
    return run(args)
