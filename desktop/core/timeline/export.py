"""Export the timeline as TimelineJS JSON or CSV (no Qt).

TimelineJS3 reads a JSON object with a `title` slide, `events` and `eras`; each date is an
object of integers (`year`, and `month`/`day` only when the date is known that precisely).
Our event id becomes `unique_id` and the lane becomes the `group`. The CSV has one row per
event with the dates as authored, so it can be read back without loss.

`imid-atlas export timeline --format timelinejs|csv -o FILE` and File > Export call
`export_timeline`; the timeline view passes `event_ids` to export only the filtered events.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from db.dates import parse_partial_date
from db.records import Event, Reference
from desktop.core.files import write_atomically
from desktop.core.render import INTERNAL_SCHEMES, escape, render_markdown
from desktop.core.timeline.data import TimelineData, date_label

FORMATS = ("timelinejs", "csv")
CSV_COLUMNS = (
    "id", "date", "end_date", "precision", "display_date", "approximate", "lane", "lane_label",
    "drugs", "headline", "text", "sources", "terms", "disputed", "dispute_note",
)
_INTERNAL_LINK = re.compile(
    r'<a href="(?:' + "|".join(sorted(INTERNAL_SCHEMES)) + r'):[^"]*"[^>]*>(.*?)</a>', re.S)


def date_object(value: str) -> dict[str, int]:
    """`1961-11-18` -> {"year": 1961, "month": 11, "day": 18}, at the date's precision."""
    date = parse_partial_date(value)
    out = {"year": date.year}
    if date.month is not None:
        out["month"] = date.month
    if date.day is not None:
        out["day"] = date.day
    return out


def _html(markdown_text: str) -> str:
    """Markdown to sanitised HTML without our internal links (they mean nothing elsewhere)."""
    return _INTERNAL_LINK.sub(r"\1", render_markdown(markdown_text))


def _source_html(refs: Sequence[Reference | str]) -> str:
    items = []
    for ref in refs:
        if isinstance(ref, str):
            items.append(f"<li>{escape(ref)}</li>")
            continue
        label = escape(f"{ref.short_label}. {ref.title}")
        url = ref.link_url
        items.append(f'<li><a href="{escape(url)}">{label}</a></li>' if url
                     else f"<li>{label}</li>")
    return "<p>Sources:</p><ul>" + "".join(items) + "</ul>" if items else ""


def timelinejs_event(event: Event, lane_label: str,
                     lookup: Callable[[str], Reference | None] | None = None) -> dict:
    """One TimelineJS3 slide for an event."""
    text = _html(event.body)
    if event.disputed and event.dispute_note:
        text += "<p><b>Disputed.</b></p>" + _html(event.dispute_note)
    refs = [(lookup(r) if lookup else None) or r for r in event.sources]
    text += _source_html(refs)
    slide = {
        "unique_id": event.id,
        "start_date": date_object(event.date),
        "display_date": date_label(event),
        "text": {"headline": escape(event.headline), "text": text},
        "group": lane_label,
    }
    if event.end_date:
        slide["end_date"] = date_object(event.end_date)
    return slide


def _as_of_date(data: TimelineData, as_of: str) -> dict[str, int]:
    try:
        return date_object(as_of)
    except ValueError:
        last = max((e.end_date or e.date for e in data.events), default="2026")
        return date_object(last)


def timelinejs_document(data: TimelineData, events: Sequence[Event] | None = None, *,
                        lookup: Callable[[str], Reference | None] | None = None,
                        as_of: str = "", description: str = "") -> dict:
    """The TimelineJS3 JSON object: a title slide, the events and the eras."""
    events = list(data.events if events is None else events)
    eras = []
    for era in data.eras:
        eras.append({
            "start_date": date_object(era.start),
            "end_date": date_object(era.end) if era.end else _as_of_date(data, as_of),
            "text": {"headline": escape(era.name), "text": escape(era.description)},
        })
    intro = description or (
        f"{len(events)} events from {events[0].date[:4]} to {events[-1].date[:4]}, "
        "exported from IMiD Atlas." if events else "No events.")
    return {
        "title": {"text": {"headline": escape(data.title), "text": f"<p>{escape(intro)}</p>"},
                  "unique_id": "title"},
        "events": [timelinejs_event(e, data.lane_label(e.lane), lookup) for e in events],
        "eras": eras,
    }


def csv_rows(data: TimelineData, events: Sequence[Event] | None = None) -> list[dict[str, str]]:
    """One dict per event with the CSV columns (lists joined with `;`)."""
    rows = []
    for e in data.events if events is None else events:
        rows.append({
            "id": e.id, "date": e.date, "end_date": e.end_date, "precision": e.precision,
            "display_date": e.display_date, "approximate": "yes" if e.approximate else "",
            "lane": e.lane, "lane_label": data.lane_label(e.lane),
            "drugs": ";".join(e.drugs), "headline": e.headline, "text": e.body,
            "sources": ";".join(e.sources), "terms": ";".join(e.terms),
            "disputed": "yes" if e.disputed else "", "dispute_note": e.dispute_note,
        })
    return rows


def csv_text(data: TimelineData, events: Sequence[Event] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(data, events))
    return out.getvalue()


def export_timeline(atlas, out: Path, fmt: str, options: dict) -> str:
    """Exporter entry point: write the timeline (or `options["event_ids"]`) to `out`."""
    data = TimelineData.from_content(atlas.content)
    return export_data(data, out, fmt, options.get("event_ids"),
                       lookup=atlas.content.reference,
                       as_of=atlas.content.meta.get("content_as_of", ""))


def export_data(data: TimelineData, out: Path, fmt: str, event_ids: Sequence[str] | None = None,
                *, lookup: Callable[[str], Reference | None] | None = None,
                as_of: str = "") -> str:
    """Write `data` (only `event_ids` when given) as `fmt`; return a one-line summary."""
    if fmt not in FORMATS:
        raise ValueError(f"the timeline can be exported as {', '.join(FORMATS)}, not {fmt!r}")
    if event_ids is None:
        events = list(data.events)
    else:
        wanted = set(event_ids)
        events = [e for e in data.events if e.id in wanted]
    out = Path(out)
    if fmt == "csv":
        write_atomically(out, csv_text(data, events), "utf-8-sig")  # Excel reads it right
        return f"Wrote {len(events)} timeline events to {out} (CSV)."
    document = timelinejs_document(data, events, lookup=lookup, as_of=as_of)
    write_atomically(out, json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return (f"Wrote {len(events)} timeline events and {len(document['eras'])} eras to {out} "
            "(TimelineJS JSON).")


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV written by `export_data` back into row dicts."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


__all__ = ["CSV_COLUMNS", "FORMATS", "csv_rows", "csv_text", "date_object",
           "export_data", "export_timeline", "read_csv", "timelinejs_document",
           "timelinejs_event"]
