"""Hostile data for the hostile-input suite: a content pack with markup in every string, user
data (imports, question sets) titled with markup, and the markup itself.

`CANARY` is markup Qt would act on if it ever parsed it as rich text (an image to load, bold
text), but harmless when it does: the in-process widget walk looks for it. `DEV_ZERO` is the
markup that kills the app when parsed (Qt reads /dev/zero as an image until memory runs out):
it is only ever shown in a subprocess (`crash_probe.py`).
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PACK = ROOT / "tests" / "fixtures" / "sample_pack"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"

#: What a parsed canary leaves behind: an image element pointing at this name.
CANARY_IMAGE = "hostile-canary.png"
CANARY = f'<img src="{CANARY_IMAGE}"><b>HX</b> &amp; '
DEV_ZERO = "<img src=/dev/zero>"

#: Keys of one-line strings that are shown somewhere (titles, headlines, names, options...).
_SHOWN_KEYS = ("title", "headline", "term", "text", "left", "right", "stem", "explanation",
               "objective", "name", "journal", "rationale", "rationale_true",
               "rationale_false", "description")
_LINE = re.compile(r'^(\s*(?:' + "|".join(_SHOWN_KEYS) + r')\s*=\s*)"((?:[^"\\]|\\.)*)"\s*$')
_MULTI = re.compile(r'^(\s*(?:definition|relevance|body|summary|common_error)\s*=\s*)"""\s*$')


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def markup_everywhere(text: str, marker: str) -> str:
    """TOML (or a Markdown note's front matter) with `marker` before every shown string."""
    out = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        one = _LINE.match(line)
        if one:
            value = tomllib.loads(f'v = "{one.group(2)}"')["v"]
            out.append(f"{one.group(1)}{_toml_string(marker + value)}")
        elif _MULTI.match(line) and i + 1 < len(lines):
            out.append(line)
            out.append(marker + lines[i + 1])
            i += 1
        else:
            out.append(line)
        i += 1
    return "\n".join(out)


def hostile_pack(dest: Path, marker: str = CANARY) -> Path:
    """A copy of the sample pack with `marker` in front of every string a widget shows (the
    pack's title too), and a Markdown body that contains it. The pack passes its checks."""
    shutil.copytree(SAMPLE_PACK, dest)
    for path in dest.rglob("*"):
        if path.suffix == ".toml":
            path.write_text(markup_everywhere(path.read_text("utf-8"), marker), "utf-8")
        elif path.suffix == ".md":
            text = path.read_text("utf-8")
            front, sep, body = text.partition("\n+++\n")
            path.write_text(markup_everywhere(front, marker) + sep + marker + "\n\n" + body,
                            "utf-8")
    return dest


def hostile_user_data(data_dir: Path, tmp: Path, marker: str = CANARY) -> dict:
    """Imports and a question set whose titles and names are `marker`-laden, in the user
    database of `data_dir`: a Markdown import titled by its heading, an HTML import titled by
    its <title>, and a GIFT set named with the marker. Returns their ids."""
    from desktop.core.atlas import Atlas
    from desktop.core.interop.question_import import import_parsed, read_question_file
    from desktop.core.library.imports import ImportLibrary

    tmp.mkdir(parents=True, exist_ok=True)
    md = tmp / "notes.md"
    md.write_text(f"# {marker} heading\n\nCereblon binds thalidomide in this note.\n", "utf-8")
    page = tmp / "page.html"
    page.write_text(f"<html><head><title>{marker} page</title></head><body><p>Cereblon "
                    "binds lenalidomide on this page.</p></body></html>", "utf-8")
    gift = tmp / "set.gift"
    gift.write_text("::q1:: Cereblon is part of which ligase? {=CRL4 ~SCF ~APC}\n", "utf-8")
    atlas = Atlas.open(data_dir, content_dir=FIXTURE_CONTENT)
    try:
        library = ImportLibrary(atlas.user.conn, atlas.paths.imports_dir)
        ids = [library.import_file(p).doc_id for p in (md, page)]
        outcome = import_parsed(atlas.user, [read_question_file(gift)], f"{marker} set")
        return {"imports": ids, "set": outcome.set_id}
    finally:
        atlas.close()
