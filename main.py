"""Run IMiD Atlas: `python main.py [ARGS]` does what the `imid-atlas` command does."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
