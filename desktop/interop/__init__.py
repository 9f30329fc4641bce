"""The Qt side of moving content in and out: File menu actions and their dialogs.

The work itself is Qt-free (`desktop.core.interop`, `desktop.core.quiz.question_sets`,
`desktop.core.packs`); these modules ask for files, show reports and refresh the window.
"""
