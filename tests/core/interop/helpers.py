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


def choices_by_text(q) -> dict:
    """A question with its choices identified by their text instead of their key and place:
    what an export that shuffles and re-letters the choices (CSV) must keep."""
    from dataclasses import asdict

    data = asdict(q)
    if q.type in ("single", "multi", "ordering"):
        text = {o.key: o.text for o in q.options}
        data["options"] = sorted((o.text, o.rationale, o.correct, o.misconception)
                                 for o in q.options)
        answer = [text.get(k, k) for k in q.answer]
        data["answer"] = answer if q.type == "ordering" else sorted(answer)
    return data


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
