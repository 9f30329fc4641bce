"""The bundle script's own pieces that run without building a bundle.

Building and smoke-testing the bundle takes about ten minutes, so CI does not do it
(docs/packaging.md); these check the parts the smoke test relies on: the PDF it imports is one
pypdf reads, and its checks of lazily loaded libraries pass against this checkout's command line.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf

from tools import build_bundle

ROOT = Path(__file__).resolve().parents[2]


def test_the_smoke_test_pdf_is_read_back_by_pypdf():
    reader = pypdf.PdfReader(io.BytesIO(build_bundle.tiny_pdf("Glutarimide ring smoke note")))
    assert len(reader.pages) == 1
    assert reader.pages[0].extract_text().strip() == "Glutarimide ring smoke note"


def test_library_checks_pass_against_the_checkout(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMID_ATLAS_")}
    env["QT_QPA_PLATFORM"] = "offscreen"

    def launch(*args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), *args],
                              capture_output=True, text=True, cwd=tmp_path,
                              env={**env, **extra}, timeout=300)

    # The installed packages stand in for the bundle's folder (where the optimizer's extension
    # and the app's metadata are looked for).
    site_packages = Path(next(p for p in sys.path if p.endswith("site-packages")))
    checked = build_bundle.library_checks(launch, site_packages, tmp_path / "data", tmp_path)
    assert len(checked) == 5
    assert any("Anki deck" in item for item in checked)


def test_the_sandbox_hides_the_checkout_and_nothing_twice():
    hidden = build_bundle.hidden_pythons()
    assert ROOT in hidden or any(ROOT.is_relative_to(p) for p in hidden)
    for place in hidden:
        assert not any(other != place and place.is_relative_to(other) for other in hidden)
