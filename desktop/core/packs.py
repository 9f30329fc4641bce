"""Content packs: a teacher's own folder of records, shown beside the bundled content.

A pack is a folder in the `resources/content/` format (TOML records and Markdown notes, see
docs/content-format.md). It is checked against the bundled content (and the other open packs)
before it is used, so it can neither reuse an id nor replace a bundled record. Only `.toml`
and `.md` files are read; nothing in a pack is ever run, and its Markdown is rendered through
the same sanitiser as everything else (no scripts, images or remote resources).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.atlas import content_sources, pack_name
from desktop.core.paths import AtlasPaths


@dataclass
class PackCheck:
    """The result of checking one pack folder."""

    root: Path
    title: str
    problems: list[str] = field(default_factory=list)
    #: Problems the pack causes in the content it would be shown beside.
    elsewhere: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.elsewhere

    @property
    def count(self) -> int:
        return len(self.problems) + len(self.elsewhere)

    def report(self) -> str:
        """The full report: a heading, then every problem with its file and line."""
        if self.ok:
            return f"The content pack {self.title!r} is valid."
        lines = [f"The content pack {self.title!r} ({self.root}) has {self.count} problem(s):",
                 *self.problems]
        if self.elsewhere:
            lines += ["Problems it causes in the content it is shown beside:",
                      *(f"  {p}" for p in self.elsewhere)]
        return "\n".join(lines)


def _inside(a: Path, b: Path) -> bool:
    try:
        a.relative_to(b)
        return True
    except ValueError:
        return False


def check_pack(root: Path, paths: AtlasPaths, others: Sequence[Path] = ()) -> PackCheck:
    """Check a pack folder against the bundled content and the `others` packs already open."""
    from db.content_check import check_content
    from db.content_loader import load_content

    root = Path(root).expanduser().resolve()
    bundled = paths.content_dir.resolve()
    title = pack_name(root)
    result = PackCheck(root, title)
    if not root.is_dir():
        result.problems.append(f"{root}: the folder does not exist")
        return result
    if _inside(root, bundled) or _inside(bundled, root):
        result.problems.append(f"{root}: this is (or contains) the bundled content; a pack is a "
                               "separate folder of your own")
        return result
    others = [Path(o).resolve() for o in others if Path(o).resolve() != root]
    if not (root / "content.toml").is_file():
        result.problems.append(f"{root}: missing content.toml with a [pack] table (title, "
                               "as_of); see docs/content-format.md")
    taken = {pack_name(bundled).casefold(): "the bundled content"}
    taken.update({pack_name(o).casefold(): str(o) for o in others})
    if title.casefold() in taken:
        result.problems.append(f"{root}/content.toml: the pack title {title!r} is already used "
                               f"by {taken[title.casefold()]}; give the pack its own title")
    # Checked exactly as the build will check it: together with everything it is shown beside
    # (ids, references, and headwords and headlines that must be unique across all of it).
    folders = [load_content(bundled), *(load_content(o, pack_name(o)) for o in others),
               load_content(root, title)]
    problems = check_content(folders)
    here = [p for p in problems if _inside(Path(p.path).resolve(), root)]
    elsewhere = [p for p in problems if p not in here]
    result.problems += [str(p) for p in here]
    result.elsewhere = [str(p) for p in elsewhere]
    return result


def usable_packs(paths: AtlasPaths, packs: Sequence[Path]) -> tuple[list[Path], list[PackCheck]]:
    """(packs that pass their checks, checks of those that do not), each checked in turn
    against the bundled content and the packs accepted before it."""
    good: list[Path] = []
    refused: list[PackCheck] = []
    for pack in packs:
        result = check_pack(pack, paths, good)
        (good.append(result.root) if result.ok else refused.append(result))
    return good, refused


def open_content(paths: AtlasPaths, packs: Sequence[Path]):
    """Build (if needed) and open the content database for the bundled content plus `packs`.

    Raises `ContentError` when the content does not validate.
    """
    from db.content_db import ContentDB, ensure_content_db

    packs = tuple(Path(p).resolve() for p in packs)
    db_path, _ = ensure_content_db(content_sources(paths, packs), paths.content_db(packs))
    return ContentDB(db_path)


def switch_packs(atlas, packs: Sequence[Path]) -> None:
    """Reopen `atlas.content` with exactly `packs` (the old database is closed only once
    the new one is open, so a failure leaves the atlas as it was)."""
    packs = tuple(Path(p).resolve() for p in packs)
    new = open_content(atlas.paths, packs)
    old = atlas.content
    atlas.content = new
    atlas.packs = packs
    old.close()


def pack_records(content, title: str) -> dict[str, int]:
    """How many records of each kind come from the pack titled `title`."""
    counts = {}
    for kind, table in (("references", '"references"'), ("documents", "documents"),
                        ("events", "events"), ("terms", "terms"), ("questions", "questions")):
        counts[kind] = content.conn.execute(
            f"SELECT count(*) FROM {table} WHERE pack = ?", (title,)).fetchone()[0]
    return counts
