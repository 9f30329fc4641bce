"""Licences: IMiD Atlas's own, its bundled content's, and those of the libraries it runs on.

The libraries are read from the installed distributions' metadata (importlib.metadata): every
package IMiD Atlas requires, and what those require, as installed with it. Nothing is listed
by hand, so the list follows the dependencies as they change.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from desktop import APP_ID, APP_NAME
from desktop.core.render import escape

#: The licence of the app and of its bundled content (LICENSE at the project's root).
APP_LICENCE = "MIT"
CONTENT_NOTICE = (
    "The bundled content (study notes, timeline events, glossary terms, questions, the drug "
    "comparison and the mechanism diagram) and the icon are original work written for "
    f"{APP_NAME}, under the same MIT licence. Its bibliographic records describe published "
    "works so that they can be found; those works themselves are not included."
)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Library:
    """One installed third-party distribution."""

    name: str
    version: str
    licence: str


def licence_of(metadata) -> str:
    """A distribution's licence in a few words, from its metadata.

    Order: the SPDX `License-Expression`; a one-line `License` field; the trove classifiers;
    the first line of a `License` field holding a whole licence text.
    """
    expression = (metadata.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (metadata.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    classifiers = [c.split("::")[-1].strip() for c in metadata.get_all("Classifier") or []
                   if c.startswith("License ::") and c.strip() != "License :: OSI Approved"]
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    first = field.splitlines()[0].strip() if field else ""
    if first and len(first) <= 80 and not first.lower().startswith("copyright"):
        return first
    return "not stated in its metadata"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def third_party_libraries(root: str = APP_ID) -> list[Library] | None:
    """Every distribution `root` requires, directly or through another, that is installed.

    Requirements of optional extras are left out; one whose environment marker excludes it
    is not installed and so not listed. None when `root` itself is not installed (a checkout
    run without `pip install`).
    """
    from importlib import metadata

    try:
        metadata.distribution(root)
    except metadata.PackageNotFoundError:
        return None
    found: dict[str, Library] = {}
    pending = [root]
    seen = {_normal(root)}
    while pending:
        dist = metadata.distribution(pending.pop())
        for requirement in dist.requires or ():
            marker = requirement.partition(";")[2]
            match = _NAME.match(requirement.strip())
            if not match or "extra" in marker:
                continue
            key = _normal(match.group(0))
            if key in seen:
                continue
            seen.add(key)
            try:
                required = metadata.distribution(match.group(0))
            except metadata.PackageNotFoundError:
                continue
            found[key] = Library(required.metadata["Name"], required.version,
                                 licence_of(required.metadata))
            pending.append(match.group(0))
    return sorted(found.values(), key=lambda lib: lib.name.lower())


def licences_html(root: str = APP_ID) -> str:
    """The Licences section of Help > About for the installed distribution `root` (names and
    licences escaped as plain text)."""
    libraries = third_party_libraries(root)
    python = f"Python {sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    parts = [
        "<p><b>Licences</b></p>",
        f"<p>{escape(APP_NAME)} is free software under the {APP_LICENCE} licence (the LICENSE "
        f"file shipped with it). {escape(CONTENT_NOTICE)}</p>",
    ]
    if libraries is None:
        parts.append(f"<p>The libraries it runs on are listed here once {escape(APP_NAME)} is "
                     "installed (pip install -e . in a checkout).</p>")
        return "".join(parts)
    rows = "".join(
        f"<tr><td>{escape(lib.name)}</td><td>{escape(lib.version)}</td>"
        f"<td>{escape(lib.licence)}</td></tr>" for lib in libraries)
    parts.append(
        f"<p>It runs on {escape(python)} (PSF-2.0) and these libraries, each under its own "
        "licence as its package states:</p>"
        "<table cellspacing='0' cellpadding='4'>"
        "<tr><th align='left'>Library</th><th align='left'>Version</th>"
        f"<th align='left'>Licence</th></tr>{rows}</table>")
    return "".join(parts)
