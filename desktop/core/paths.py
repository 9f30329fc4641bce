"""Where IMiD Atlas keeps things: bundled content, the built content DB, user data, logs.

The install folder is treated as read-only: everything written goes under the data folder,
which is the platform's user-data folder unless `--data-dir` (or `IMID_ATLAS_DATA_DIR`) says
otherwise, for tests, portable installs and classroom USB sticks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import resources
from desktop import APP_ID

DATA_DIR_ENV = "IMID_ATLAS_DATA_DIR"
#: Developers and authors: preview another content folder in place of the bundled one.
CONTENT_DIR_ENV = "IMID_ATLAS_CONTENT_DIR"


def bundled_content_dir() -> Path:
    """The content folder shipped with the app (`resources/content`)."""
    return Path(resources.__file__).resolve().parent / "content"


def resources_dir() -> Path:
    return Path(resources.__file__).resolve().parent


#: The application icon's PNG sizes (resources/icons/imid-atlas-<size>.png), rendered from its SVG.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_svg() -> Path:
    """The application icon, scalable."""
    return resources_dir() / "icons" / f"{APP_ID}.svg"


def icon_png(size: int) -> Path:
    """The application icon rendered at `size` x `size` pixels."""
    return resources_dir() / "icons" / f"{APP_ID}-{size}.png"


def default_data_dir() -> Path:
    """The platform's per-user data folder for IMiD Atlas."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False))


@dataclass(frozen=True)
class AtlasPaths:
    """Every path the app reads or writes, derived from one data folder."""

    data_dir: Path
    content_dir: Path

    @classmethod
    def create(cls, data_dir: Path | str | None = None,
               content_dir: Path | str | None = None) -> AtlasPaths:
        data = Path(data_dir).expanduser() if data_dir else default_data_dir()
        content = Path(content_dir or os.environ.get(CONTENT_DIR_ENV) or bundled_content_dir())
        return cls(data.resolve(), content.resolve())

    @property
    def shipped_content_db(self) -> Path | None:
        """The content database compiled when the package was built (`db.shipped`), when the
        bundled content is in use and the file is there; else None."""
        if self.content_dir != bundled_content_dir():
            return None
        from db.shipped import shipped_content_path

        shipped = shipped_content_path(resources_dir())
        return shipped if shipped.is_file() else None

    @property
    def empty_user_db(self) -> Path:
        """The empty user database written when the package was built (`db.shipped`)."""
        from db.shipped import empty_user_path

        return empty_user_path(resources_dir())

    @property
    def user_db(self) -> Path:
        return self.data_dir / "user.sqlite"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    def content_db(self, packs: tuple[Path, ...] = ()) -> Path:
        """The built content DB; a different file per set of content packs."""
        if not packs:
            return self.cache_dir / "content.sqlite"
        import hashlib

        key = hashlib.sha256("\n".join(str(p) for p in packs).encode()).hexdigest()[:10]
        return self.cache_dir / f"content-{key}.sqlite"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "imid-atlas.log"

    @property
    def imports_dir(self) -> Path:
        return self.data_dir / "imports"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"
