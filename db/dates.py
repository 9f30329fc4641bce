"""Partial dates: known to the year, the month or the day, and shown at that precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day, as authored (`1961`, `1961-11`, `1961-11-18`)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """`year`, `month` or `day`."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """The authored ISO form."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def as_year_fraction(self, *, end: bool = False) -> float:
        """The date as a fractional year; `end=True` gives the end of the stated period."""
        if self.month is None:
            return self.year + (1.0 if end else 0.0)
        days_in_year = 366 if calendar.isleap(self.year) else 365
        start_of_month = sum(calendar.monthrange(self.year, m)[1] for m in range(1, self.month))
        if self.day is None:
            days = start_of_month + (calendar.monthrange(self.year, self.month)[1] if end else 0)
        else:
            days = start_of_month + self.day - (0 if end else 1)
        return self.year + days / days_in_year


def parse_partial_date(value: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError saying what is wrong."""
    if not isinstance(value, str):
        raise ValueError(f"expected a date string like \"1961-11\", got {value!r}")
    m = PARTIAL_DATE.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has month {month}, which does not exist")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"{value!r} has day {day}, but that month has {last} days")
    return PartialDate(year, month, day)


MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)


def format_partial_date(date: PartialDate, approximate: bool = False) -> str:
    """Human label at the date's precision: `1961`, `Nov 1961`, `18 Nov 1961` (`c. 1957`)."""
    if date.day is not None:
        text = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    elif date.month is not None:
        text = f"{MONTHS[date.month - 1]} {date.year}"
    else:
        text = str(date.year)
    return f"c. {text}" if approximate else text
