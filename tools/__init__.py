"""Developer tools that are not part of the app (they may need the test extras)."""
