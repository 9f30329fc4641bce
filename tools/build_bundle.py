"""Build the one-folder IMiD Atlas bundle with PyInstaller, then smoke-test it.

    python3 tools/build_bundle.py [--archive] [--skip-smoke]
    python3 tools/build_bundle.py --smoke-only [BUNDLE]

The same script runs on Linux, Windows and macOS; PyInstaller builds for the system it runs on
(no cross-building), so each platform's bundle is built on that platform (see
docs/packaging.md and .github/workflows/bundle.yml). Only the Linux bundle has been built and
run so far.

What it does, from the files of this checkout (tracked and new, never ignored build output):

1. copies them into build/bundle/source, so nothing left in the working tree leaks in;
2. creates a fresh virtual environment in build/bundle/venv and installs the checkout into it
   as a user would (`pip install .[bundle]`: a wheel built with the shipped content and empty
   user databases, the dependencies, and PyInstaller);
3. runs PyInstaller on a two-line launcher outside the source tree, so the bundle holds the
   installed packages: dist/imid-atlas/ (Linux, Windows) or dist/imid-atlas.app (macOS);
4. smoke-tests the bundle (`smoke_test`): run from a folder outside the repository with an empty
   environment, and on Linux as root inside a private mount namespace in which every Python on
   the machine and this checkout are hidden, it must print its version, answer
   `stats --json` from its own content into a new data folder, use the libraries the app
   loads only when needed (`library_checks`: import a PDF, export an Anki deck, TimelineJS
   JSON from Markdown, the structure drawings), and open its window offscreen and close
   (IMID_ATLAS_EXIT_AFTER_PAINT=1). One JSON line reports the bundle's size and start times.

Needs Python 3.11+ built with a shared libpython (python.org, Debian's and Homebrew's are; for
pyenv, build with PYTHON_CONFIGURE_OPTS=--enable-shared) and access to PyPI (or a mirror) for
the dependencies.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "imid-atlas"
MAC_APP = f"{NAME}.app"
#: Files a clean build never needs (left out when the checkout is not a git work tree).
IGNORED = shutil.ignore_patterns(".git", ".venv", "venv", "build", "dist", "*.egg-info",
                                 "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache",
                                 "content.sqlite", "user-empty.sqlite")
LAUNCHER = '''import sys

from desktop.cli import main

sys.exit(main())
'''


def log(message: str) -> None:
    print(f"build_bundle: {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    log(" ".join(str(c) for c in command))
    subprocess.run(command, check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def export_source(target: Path) -> Path:
    """The checkout's files as a clean clone would have them, plus uncommitted work."""
    if target.exists():
        shutil.rmtree(target)
    try:
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, target, ignore=IGNORED)
        return target
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def pyinstaller_command(python: Path, work: Path, dist: Path, launcher: Path) -> list[str]:
    command = [
        str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--onedir",
        "--name", NAME, "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
        "--specpath", str(work),
        # Sub-commands and views are imported by name when first used: take them all.
        "--collect-submodules", "desktop", "--collect-submodules", "db",
        # The content, the shipped databases, the icons and the menu entry.
        "--collect-data", "resources",
        # Help > About reads each library's licence from its installed metadata.
        "--recursive-copy-metadata", "imid-atlas",
        "--exclude-module", "tkinter", "--exclude-module", "pytest",
    ]
    if sys.platform == "darwin":
        command += ["--windowed", "--osx-bundle-identifier", "io.github.imid_atlas.IMiDAtlas",
                    "--icon", str(ROOT / "resources" / "icons" / "imid-atlas-512.png")]
    elif os.name == "nt":
        command += ["--icon", str(ROOT / "resources" / "icons" / "imid-atlas-256.png")]
    return [*command, str(launcher)]


def bundle_executable(bundle: Path) -> Path:
    if bundle.suffix == ".app":
        return bundle / "Contents" / "MacOS" / NAME
    return bundle / (f"{NAME}.exe" if os.name == "nt" else NAME)


def build(archive: bool) -> Path:
    """Build the bundle; returns its folder (or .app)."""
    work = ROOT / "build" / "bundle"
    dist = ROOT / "dist"
    work.mkdir(parents=True, exist_ok=True)
    source = export_source(work / "source")
    venv = work / "venv"
    if venv.exists():
        shutil.rmtree(venv)
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv_python(venv)
    run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
         f"{source}[bundle]"])
    launcher = work / "launch_imid_atlas.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    for old in (dist / NAME, dist / MAC_APP):
        if old.exists():
            shutil.rmtree(old)
    run(pyinstaller_command(python, work, dist, launcher), cwd=work)
    bundle = dist / MAC_APP if sys.platform == "darwin" else dist / NAME
    licence_target = bundle / "Contents" / "Resources" if bundle.suffix == ".app" else bundle
    shutil.copy2(ROOT / "LICENSE", licence_target / "LICENSE")
    log(f"built {bundle}")
    if archive:
        log(f"wrote {make_archive(bundle, dist)}")
    return bundle


def make_archive(bundle: Path, dist: Path) -> Path:
    import platform

    from desktop import __version__

    stem = f"{NAME}-{__version__}-{sys.platform}-{platform.machine().lower()}"
    if os.name == "nt" or sys.platform == "darwin":
        return Path(shutil.make_archive(str(dist / stem), "zip", bundle.parent, bundle.name))
    out = dist / f"{stem}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(bundle, arcname=bundle.name)
    return out


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` in Helvetica (plain ASCII), written by hand."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def library_checks(launch, bundle: Path, data: Path, scratch: Path) -> list[str]:
    """Use, through the bundle's command line, each library the app imports only when needed.

    PyInstaller finds imports by reading the code; what is loaded by name at run time (Markdown's
    extensions, the exporters) or needs data files is where a bundle breaks. Returns what was
    checked; raises AssertionError on the first failure.
    """
    import zipfile

    word = "zebrafishsmoke"
    pdf = scratch / "note.pdf"
    pdf.write_bytes(tiny_pdf(f"Bundle smoke {word} teratogen note"))
    imported = launch("--data-dir", str(data), "import", str(pdf))
    assert imported.returncode == 0, f"PDF import failed: {imported.stdout}{imported.stderr}"
    found = launch("--data-dir", str(data), "search", word, "--kind", "import", "--json")
    assert found.returncode == 0, f"search failed: {found.stderr}"
    assert [r["kind"] for r in json.loads(found.stdout)["results"]] == ["import"], found.stdout

    def export(what: str, fmt: str, suffix: str) -> Path:
        out = scratch / f"{what}.{suffix}"
        proc = launch("--data-dir", str(data), "export", what, "--format", fmt, "-o", str(out))
        assert proc.returncode == 0 and out.is_file(), (
            f"export {what} --format {fmt} failed: {proc.stdout}{proc.stderr}")
        return out

    timeline = json.loads(export("timeline", "timelinejs", "json").read_text(encoding="utf-8"))
    texts = [event["text"].get("text", "") for event in timeline["events"]]
    assert texts and all(text.startswith("<p>") for text in texts), (
        "TimelineJS events without Markdown-rendered text")
    with zipfile.ZipFile(export("quiz", "apkg", "apkg")) as deck:
        deck.extract("collection.anki2", scratch)
    collection = sqlite3.connect(scratch / "collection.anki2")
    notes = collection.execute("SELECT count(*) FROM notes").fetchone()[0]
    collection.close()
    assert notes > 0, "the Anki deck has no notes"
    structures = export("structures", "html", "html").read_text(encoding="utf-8")
    assert structures.count("<svg") >= 5, "the structure drawings are missing"
    # Loaded only by Review settings > Optimize (a native extension) and by Help > About
    # (each library's installed metadata): present in the folder.
    assert any(bundle.rglob("fsrs_rs_python*")), "fsrs_rs_python (the optimizer) is missing"
    assert any(bundle.rglob("imid_atlas-*.dist-info")), "the app's metadata (About) is missing"
    return ["PDF import (pypdf) and search", "TimelineJS export (Markdown, nh3)",
            f"Anki deck ({notes} notes, genanki)", "structure drawings (HTML with SVG)",
            "optimizer extension and package metadata present"]


def hidden_pythons() -> list[Path]:
    """Everything that would let the bundle find a Python other than its own."""
    places: set[Path] = set()
    for folder in ("/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin"):
        places.update(p for p in Path(folder).glob("python*") if p.exists())
    for pattern in ("usr/lib/python3*", "usr/local/lib/python3*", "usr/lib64/python3*"):
        places.update(p for p in Path("/").glob(pattern) if p.is_dir())
    for prefix in {sys.base_prefix, sys.prefix, os.path.expanduser("~/.pyenv")}:
        if Path(prefix).is_dir() and Path(prefix) not in (Path("/usr"), Path("/usr/local")):
            places.add(Path(prefix))
    places.add(ROOT)
    # Once a folder is hidden, what is inside it is gone too.
    return [p for p in sorted(places)
            if not any(other != p and p.is_relative_to(other) for other in places)]


def sandbox_prefix() -> tuple[list[str], str]:
    """A command prefix that runs its command with Python hidden, and what it does."""
    unshare = shutil.which("unshare")
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not unshare:
        return [], "empty environment, PATH without Python, outside the repository"
    steps = ["set -e", 'given_path="$PATH"', "PATH=/usr/sbin:/usr/bin:/sbin:/bin"]
    for place in hidden_pythons():
        kind = "-t tmpfs -o size=1m none" if place.is_dir() else "--bind /dev/null"
        steps.append(f"mount {kind} '{place}'")
    # Prove it: no python is left to run, even on a full PATH.
    steps += ["for p in python3 python; do if $p -c pass 2>/dev/null; then "
              "echo \"sandbox: $p still runs\" >&2; exit 97; fi; done",
              'PATH="$given_path"', 'exec "$@"']
    return ([unshare, "--mount", "--fork", "/bin/sh", "-c", "\n".join(steps), "sandbox"],
            "private mount namespace: every Python on the machine and the checkout hidden, "
            "empty environment, run from outside the repository")


def smoke_test(bundle: Path, runs: int = 5) -> dict:
    """Run the bundle as a user with no Python would; raise AssertionError on any failure."""
    if not bundle.exists():
        raise SystemExit(f"build_bundle: no bundle at {bundle}; build it first")
    scratch = Path(tempfile.mkdtemp(prefix="atlas-bundle-smoke-"))
    try:
        # A copy outside the repository: the bundle must not depend on where it was built.
        moved = scratch / "moved" / bundle.name
        shutil.copytree(bundle, moved, symlinks=True)
        executable = bundle_executable(moved)
        prefix, sandbox = sandbox_prefix()
        home = scratch / "home"
        home.mkdir()
        base_env = {"HOME": str(home), "PATH": str(scratch / "no-python-here"),
                    "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
        if os.name == "nt":
            base_env.update({k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "TMP",
                                                          "LOCALAPPDATA") if k in os.environ})

        def launch(*args: str, **env: str) -> subprocess.CompletedProcess:
            return subprocess.run([*prefix, str(executable), *args], capture_output=True,
                                  text=True, cwd=home, env={**base_env, **env}, timeout=180)

        version = launch("--version")
        assert version.returncode == 0 and version.stdout.startswith("IMiD Atlas "), (
            f"--version failed: {version.stdout}{version.stderr}")

        data = scratch / "data"
        stats = launch("--data-dir", str(data), "stats", "--json")
        assert stats.returncode == 0, f"stats failed: {stats.stderr}"
        counts = json.loads(stats.stdout)
        resources = next(moved.rglob("resources/content.sqlite")).parent
        shipped = sqlite3.connect(resources / "content.sqlite")
        expected = shipped.execute("SELECT count(*) FROM questions").fetchone()[0]
        built_at = shipped.execute("SELECT value FROM meta WHERE key = 'built_at'").fetchone()
        shipped.close()
        assert counts["questions"] == expected > 0, (counts, expected)
        copied = sqlite3.connect(data / "cache" / "content.sqlite")
        assert copied.execute("SELECT value FROM meta WHERE key = 'built_at'").fetchone() == (
            built_at), "the bundle compiled its content instead of copying the shipped database"
        copied.close()
        checked = library_checks(launch, moved, data, scratch)

        def time_to_paint(data_dir: Path) -> float:
            start = time.time()
            proc = launch("--data-dir", str(data_dir), IMID_ATLAS_EXIT_AFTER_PAINT="1")
            assert proc.returncode == 0, f"the window did not open: {proc.stderr[-2000:]}"
            paints = [line for line in proc.stdout.splitlines()
                      if line.startswith("first-paint ")]
            assert paints, f"no first paint reported: {proc.stdout}{proc.stderr[-2000:]}"
            return float(paints[0].split()[1]) - start

        first = [time_to_paint(scratch / f"first-{n}") for n in range(runs)]
        warm = [time_to_paint(scratch / "first-0") for _ in range(runs)]
        assert (scratch / "first-0" / "user.sqlite").is_file()
        size, files = folder_size(bundle)
        return {
            "benchmark": "bundle",
            "platform": sys.platform,
            "bundle": str(bundle),
            "size_mb": round(size / 2**20, 1),
            "files": files,
            "version": version.stdout.strip(),
            "questions": counts["questions"],
            "sandbox": sandbox,
            "checked": checked,
            "runs": runs,
            "first_start_median_s": round(statistics.median(first), 4),
            "warm_start_median_s": round(statistics.median(warm), 4),
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", action="store_true",
                        help="also pack the bundle (tar.gz on Linux, zip elsewhere) in dist/")
    parser.add_argument("--skip-smoke", action="store_true", help="build only")
    parser.add_argument("--smoke-only", nargs="?", const="", metavar="BUNDLE",
                        help="only smoke-test an existing bundle (default: the one in dist/)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.smoke_only is not None:
        default = ROOT / "dist" / (MAC_APP if sys.platform == "darwin" else NAME)
        bundle = Path(args.smoke_only) if args.smoke_only else default
    else:
        started = time.time()
        bundle = build(args.archive)
        log(f"build took {time.time() - started:.0f} s")
    if args.skip_smoke:
        return 0
    try:
        report = smoke_test(bundle)
    except AssertionError as exc:
        print(f"build_bundle: smoke test FAILED: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
