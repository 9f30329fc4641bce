"""Atomic writes: the whole file or the old one, never half, never a stray temporary."""

from __future__ import annotations

import os

import pytest

from desktop.core.files import atomic_target, write_atomically


def test_text_and_bytes_are_written(tmp_path):
    assert write_atomically(tmp_path / "a.txt", "héllo\n").read_text("utf-8") == "héllo\n"
    assert (write_atomically(tmp_path / "b.bin", b"\x00\x01")).read_bytes() == b"\x00\x01"
    assert write_atomically(tmp_path / "c.csv", "x", "utf-8-sig").read_bytes() == b"\xef\xbb\xbfx"


def test_missing_folder_is_an_error_unless_asked_to_make_it(tmp_path):
    with pytest.raises(OSError, match="the folder does not exist") as caught:
        write_atomically(tmp_path / "no" / "a.txt", "x")
    assert caught.value.filename == str(tmp_path / "no" / "a.txt")
    assert not (tmp_path / "no").exists()
    assert write_atomically(tmp_path / "made" / "a.txt", "x", make_folder=True).exists()


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), atomic_target(target) as temporary:
        temporary.write_text("new half", "utf-8")
        raise RuntimeError("interrupted")
    assert target.read_text("utf-8") == "old"

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
