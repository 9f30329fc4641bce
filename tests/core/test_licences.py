"""Licences read from the installed distributions' metadata, never from a list kept by hand."""

from __future__ import annotations

import email.message
from importlib import metadata
from pathlib import Path

from desktop.core.licences import Library, licence_of, licences_html, third_party_libraries

ROOT = Path(__file__).resolve().parents[2]


def message(**fields) -> email.message.Message:
    msg = email.message.Message()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            msg[name.replace("_", "-")] = item
    return msg


def test_licence_comes_from_the_best_field_there_is():
    assert licence_of(message(License_Expression="BSD-3-Clause", License="BSD")) == (
        "BSD-3-Clause")
    assert licence_of(message(License="Apache License, Version 2.0")) == (
        "Apache License, Version 2.0")
    whole_text = "MIT License\n\nCopyright (c) 2022 Someone\n\nPermission is hereby granted"
    assert licence_of(message(License=whole_text, Classifier=[
        "License :: OSI Approved :: MIT License", "Programming Language :: Python"])) == (
        "MIT License")
    assert licence_of(message(Classifier=["License :: OSI Approved",
                                          "License :: Public Domain"])) == "Public Domain"
    assert licence_of(message(License="Copyright (c) 2005 Them\nAll rights reserved.")) == (
        "not stated in its metadata")
    assert licence_of(message(License="BSD 3-Clause License\n\nRedistribution and use")) == (
        "BSD 3-Clause License")


def write_distribution(site: Path, name: str, version: str, *lines: str) -> None:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "\n".join(["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", *lines])
        + "\n", encoding="utf-8")


def test_required_distributions_are_walked_through_the_installed_metadata(tmp_path,
                                                                          monkeypatch):
    site = tmp_path / "site"
    write_distribution(site, "demo-app", "1.0", "Requires-Dist: Lib_A>=1",
                       'Requires-Dist: lib-test; extra == "test"',
                       'Requires-Dist: lib-old; python_version < "3"',
                       "Requires-Dist: lib-b[fast]!=2.0")
    write_distribution(site, "lib-a", "1.2", "License-Expression: MIT",
                       "Requires-Dist: lib-c", "Requires-Dist: demo-app")
    write_distribution(site, "lib-b", "2.1", "License: <b>Apache-2.0</b>",
                       "Requires-Dist: lib-c>=3")
    write_distribution(site, "lib-c", "3.0", "Classifier: License :: OSI Approved :: ISC License")
    write_distribution(site, "lib-test", "9.9", "License: MIT")
    monkeypatch.syspath_prepend(str(site))

    libraries = third_party_libraries("demo-app")

    assert libraries == [Library("lib-a", "1.2", "MIT"), Library("lib-b", "2.1",
                                                                 "<b>Apache-2.0</b>"),
                         Library("lib-c", "3.0", "ISC License")]
    html = licences_html("demo-app")
    assert "<td>lib-c</td><td>3.0</td><td>ISC License</td>" in html
    assert "&lt;b&gt;Apache-2.0&lt;/b&gt;" in html and "<b>Apache" not in html
    assert "free software under the MIT licence" in html
    assert third_party_libraries("not-installed-anywhere") is None
    assert "once IMiD Atlas is installed" in licences_html("not-installed-anywhere")


def test_this_installation_lists_what_it_runs_on_with_each_licence():
    libraries = {lib.name.lower().replace("_", "-"): lib for lib in third_party_libraries()}
    for name in ("pyside6-essentials", "shiboken6", "sqlite-utils", "markdown", "pyqtgraph",
                 "numpy", "platformdirs", "nh3", "pypdf", "genanki", "fsrs", "rapidfuzz"):
        assert name in libraries, name
        assert libraries[name].version == metadata.version(name)
        assert libraries[name].licence and libraries[name].licence != "not stated in its metadata"
    assert "LGPL-3.0" in libraries["pyside6-essentials"].licence
    assert libraries["sqlite-utils"].licence == "Apache-2.0"
    # Test tools and the app itself are not what the app runs on.
    for name in ("pytest", "hypothesis", "import-linter", "imid-atlas"):
        assert name not in libraries


def test_licence_file_matches_the_package_metadata():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert metadata.metadata("imid-atlas")["License"] == "MIT"
