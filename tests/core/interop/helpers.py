"""Shared helpers for the interop tests."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path


def by_id(questions) -> dict:
    return {q.id: q for q in questions}


def differences(a, b) -> dict:
    """{field: (a value, b value)} for the fields where two records differ."""
    return {f.name: (getattr(a, f.name), getattr(b, f.name)) for f in fields(a)
            if getattr(a, f.name) != getattr(b, f.name)}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
