"""UTC time helpers shared by scheduling and progress (kept tiny: the home page imports it at
start-up through `desktop.core.quiz.review_status`)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC to the second: sorts as text, which the due-date queries rely on."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
