"""No traceback reaches the user: unexpected errors become a dialog naming the log file."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from db.errors import KnownDbError
from desktop.errors import ExceptionHook, describe


def test_unhandled_exception_shows_a_dialog_and_logs(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(
        (self.text(), self.informativeText(), self.detailedText())) or 0)
    hook = ExceptionHook(tmp_path / "app.log").install()
    try:
        try:
            raise ValueError("boom in a slot")
        except ValueError as exc:
            hook.handle(type(exc), exc, exc.__traceback__)
        qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    finally:
        hook.uninstall()
    text, info, details = shown[0]
    assert "ValueError: boom in a slot" in text
    assert str(tmp_path / "app.log") in info
    assert "Traceback" in details


def test_known_errors_read_as_plain_messages():
    title, text = describe(KnownDbError("The disk is full."))
    assert title == "Data problem" and text == "The disk is full."
