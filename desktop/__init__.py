"""IMiD Atlas: an offline study atlas of the immunomodulatory drugs.

This package must stay cheap to import: no Qt here, so that `desktop.core` and the
command line load without a display.
"""

__version__ = "0.1.0"
APP_NAME = "IMiD Atlas"
APP_ID = "imid-atlas"
