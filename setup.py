"""The package build step: the shipped databases go into the wheel.

Everything else about the package is in pyproject.toml. Building a wheel (pip install ., pipx,
the bundle script) compiles the `resources/content` being packaged into
`resources/content.sqlite` beside it and writes an empty, fully migrated
`resources/user-empty.sqlite`, so an installed app's first start copies both instead of
compiling the content and running the migrations (db/shipped.py). An editable install
(`pip install -e .`, the development set-up) skips the step: a checkout builds both on its first
start, as it always has. Invalid content fails the build with the checker's report.
"""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithContent(build_py):
    """build_py, then compile the content copied into the build folder."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False) or self.dry_run:
            return
        sys.path.insert(0, str(ROOT))
        from db.errors import ContentError
        from db.shipped import build_shipped

        resources = Path(self.build_lib) / "resources"
        try:
            written = build_shipped(resources)
        except ContentError as exc:
            raise SystemExit(
                f"the content has problems, nothing was built:\n{exc.report()}") from None
        for path in written:
            self.announce(f"wrote {path}", level=2)


setup(cmdclass={"build_py": BuildPyWithContent})
