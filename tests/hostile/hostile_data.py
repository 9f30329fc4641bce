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


def pdf_file(page_streams: list[bytes], shared: bool = False, info: str = "",
             compress: bool = True) -> bytes:
    """A PDF whose pages draw `page_streams` in Helvetica (/F1) and Helvetica-Bold (/F2).
    With `shared`, every page uses the first stream, stored once (`page_streams` then only
    says how many pages there are). `info` is the body of the /Info dictionary."""
    import zlib

    from tests.core.library.pdf_files import pdf_bytes

    streams = page_streams[:1] if shared else page_streams
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    fonts = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                   b"/Encoding /WinAnsiEncoding >>")
    stream_ids = []
    for stream in streams:
        body = zlib.compress(stream, 9) if compress else stream
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length " + str(len(body)).encode() + flate + b" >>\nstream\n"
                       + body + b"\nendstream")
        stream_ids.append(len(objects))
    kids = []
    for n in range(len(page_streams)):
        content = stream_ids[0 if shared else n]
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
            f"<< /F1 {fonts} 0 R /F2 {fonts + 1} 0 R >> >> /Contents {content} 0 R >>"
            .encode())
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    info_id = None
    if info:
        objects.append(f"<< {info} >>".encode("latin-1"))
        info_id = len(objects)
    return pdf_bytes(objects, info_id)


def text_block(x: int, y: int, size: int, lines: list[str], bold: bool = False,
               leading: int | None = None) -> bytes:
    """PDF operators drawing `lines` from (x, y) down, in `size` points."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    font = "/F2" if bold else "/F1"
    ops = f"BT {font} {size} Tf {x} {y} Td {leading or round(size * 1.2)} TL " + " ".join(
        f"({esc(line)}) Tj T*" for line in lines) + " ET\n"
    return ops.encode("cp1252")


def structured_pdf(title: str = "Cereblon and the IMiDs") -> bytes:
    """A paper's first page: a large bold title, a section heading, two paragraphs."""
    page = (text_block(72, 720, 20, [title], bold=True)
            + text_block(72, 680, 14, ["Introduction"], bold=True)
            + text_block(72, 655, 11, ["Thalidomide binds cereblon, a substrate receptor of the",
                                       "CRL4 ubiquitin ligase, and changes what it degrades."])
            + text_block(72, 610, 11, ["A second paragraph starts after a gap and goes on",
                                       "over two lines of text about lenalidomide."]))
    return pdf_file([page])


def slow_pdf(pages: int = 40, operators: int = 200_000) -> bytes:
    """A small file whose pages share one content stream that inflates to megabytes of
    operators (a few words of text among them): seconds of work per page for a reader."""
    stream = (b"q 1 0 0 1 0 0 cm Q\n" * operators
              + text_block(72, 720, 11, ["Slow page words about cereblon here"]))
    return pdf_file([stream] * pages, shared=True)
