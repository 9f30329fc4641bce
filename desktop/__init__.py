"""IMiD Atlas: an offline study atlas of the immunomodulatory drugs.

This package must stay cheap to import: no Qt here, so that `desktop.core` and the
command line load without a display.
"""

__version__ = "0.1.0"
APP_NAME = "IMiD Atlas"
APP_ID = "imid-atlas"
#: The freedesktop/AppStream ID: the .desktop file's name, Qt's desktop file name (Wayland's
#: app_id). Reverse-DNS as AppStream asks; see docs/packaging.md before publishing.
DESKTOP_ID = "io.github.imid_atlas.IMiDAtlas"
