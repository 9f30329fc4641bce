"""The Qt-free core of IMiD Atlas: every feature's logic, tested without a display.

One folder per feature, as in the views (`desktop/<feature>/`): `library`, `timeline`,
`glossary`, `quiz`, `mechanism`, `presenter` and `interop` (files other tools read and write).
What every feature uses stays here at the top:

    atlas       the open state: paths, the content database and the user database
    paths       where things live (bundled content, data folder, logs)
    files       writing the user's files: whole or not at all, messages about their path
    text_files  reading the user's files: regular files only, bounded, decoded carefully
    render      Markdown to sanitised HTML for every text the app shows
    logs        logging to the data folder
    packs       teachers' content packs, checked and opened beside the bundled content
    exports     every export (what, formats, function): the CLI and File > Export read it
    importers   every kind of file the app imports, and which code takes it

Nothing here imports Qt, a view, the main window or a command (import-linter contracts in
pyproject.toml; `tests/test_import_graph.py` checks there are no import loops).
"""
