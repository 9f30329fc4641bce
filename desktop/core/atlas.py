"""The open state of IMiD Atlas: its paths, content database and user database.

Both the command line and the Qt application start from `Atlas.open`, so the rules for
building content and opening user data live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db.content_db import ContentDB, ensure_content_db
from db.content_hash import ContentSource
from db.user_db import UserDB
from desktop.core.paths import AtlasPaths


def pack_name(root: Path) -> str:
    """A content pack's display name: its `[pack] title` (one line, at most 120 characters),
    else its folder name."""
    import tomllib

    source = Path(root) / "content.toml"
    try:
        if not source.is_file():  # missing, or a FIFO that would block the reader
            return Path(root).name
        with source.open("rb") as fh:
            pack = tomllib.load(fh).get("pack")
    except (OSError, ValueError, RecursionError):  # unreadable, not TOML, nested too deep
        return Path(root).name
    title = pack.get("title") if isinstance(pack, dict) else None
    if not isinstance(title, str):
        return Path(root).name
    title = " ".join("".join(c if c.isprintable() else " " for c in title).split())[:120]
    return title or Path(root).name


def content_sources(paths: AtlasPaths, packs: Sequence[Path] = ()) -> list[ContentSource]:
    """The bundled content followed by each content pack."""
    return [ContentSource(paths.content_dir)] + [
        ContentSource(Path(p).resolve(), pack_name(p)) for p in packs
    ]


@dataclass
class Atlas:
    """Paths plus the open content and user databases."""

    paths: AtlasPaths
    content: ContentDB
    user: UserDB | None
    packs: tuple[Path, ...] = ()
    rebuilt: bool = False
    notices: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, data_dir: Path | str | None = None, packs: Sequence[Path] = (),
             content_dir: Path | str | None = None, with_user: bool = True) -> Atlas:
        """Build the content DB if needed, then open both databases.

        Raises `db.content_build.ContentError` for invalid content and `db.errors.KnownDbError`
        for problems with the user's data that the user must act on.
        """
        paths = AtlasPaths.create(data_dir, content_dir)
        packs = tuple(Path(p).resolve() for p in packs)
        db_path, rebuilt = ensure_content_db(content_sources(paths, packs),
                                             paths.content_db(packs),
                                             None if packs else paths.shipped_content_db)
        content = ContentDB(db_path)
        if with_user and not paths.user_db.exists():
            from db.shipped import install_empty_user_db

            install_empty_user_db(paths.empty_user_db, paths.user_db)
        try:
            user = UserDB.open(paths.user_db) if with_user else None
        except BaseException:
            content.close()
            raise
        notices = list(user.report.notices) if user else []
        from desktop.core import files

        files.guard_data_folder(paths.data_dir)  # no export may replace these databases
        if user is not None and not user.read_only:
            from desktop.core.library.leftovers import clean_import_leftovers

            clean_import_leftovers(user.conn, paths.imports_dir)
        return cls(paths, content, user, packs, rebuilt, notices)

    def close(self) -> None:
        self.content.close()
        if self.user:
            self.user.close()
