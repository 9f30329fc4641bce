"""TimelineJS JSON and CSV export of the timeline (no display), and the command line."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.core.timeline.data import TimelineData, date_label
from desktop.core.timeline.export import (
    CSV_COLUMNS,
    date_object,
    export_data,
    read_csv,
    timelinejs_document,
)


@pytest.fixture
def bundled(bundled_timeline) -> TimelineData:
    return bundled_timeline


def test_dates_become_integer_objects_at_their_precision():
    assert date_object("1961") == {"year": 1961}
    assert date_object("1961-11") == {"year": 1961, "month": 11}
    assert date_object("1961-11-18") == {"year": 1961, "month": 11, "day": 18}
    with pytest.raises(ValueError):
        date_object("Nov 1961")


def test_timelinejs_document(bundled, bundled_atlas):
    doc = timelinejs_document(bundled, lookup=bundled_atlas.content.reference, as_of="2026-11")
    assert set(doc) == {"title", "events", "eras"}
    n = len(bundled.events)
    assert doc["title"]["text"]["headline"] and f"{n} events" in doc["title"]["text"]["text"]
    assert len(doc["events"]) == n and len(doc["eras"]) == 8
    by_id = {e["unique_id"]: e for e in doc["events"]}
    assert list(by_id) == [e.id for e in bundled.events]
    for event in bundled.events:
        slide = by_id[event.id]
        start = slide["start_date"]
        assert all(isinstance(v, int) for v in start.values())
        assert set(start) == {"year": {"year"}, "month": {"year", "month"},
                              "day": {"year", "month", "day"}}[event.precision]
        assert ("end_date" in slide) == event.is_period
        assert slide["group"] == bundled.lane_label(event.lane)
        assert slide["display_date"] == date_label(event)
        assert slide["text"]["headline"] and slide["text"]["text"].startswith("<p>")
    ito = by_id["ito-cereblon-2010"]
    assert ito["start_date"] == {"year": 2010, "month": 3, "day": 12}
    assert "https://doi.org/" in ito["text"]["text"]  # sources link to the papers
    assert "<b>Disputed.</b>" in ito["text"]["text"]
    assert "term:" not in json.dumps(doc) and "ref:" not in json.dumps(doc)
    trial = by_id["contergan-trial-1968"]
    assert trial["end_date"] == {"year": 1970, "month": 12, "day": 18}
    assert by_id["thal-worldwide-sales-1960"]["display_date"] == "c. 1960"
    assert doc["eras"][0] == {"start_date": {"year": 1953}, "end_date": {"year": 1961,
                                                                        "month": 10},
                              "text": {"headline": "The sedative years",
                                       "text": doc["eras"][0]["text"]["text"]}}
    assert doc["eras"][-1]["end_date"] == {"year": 2026, "month": 11}  # open era: as of


def test_json_export_round_trips(bundled, bundled_atlas, tmp_path):
    out = tmp_path / "timeline.json"
    summary = export_data(bundled, out, "timelinejs", lookup=bundled_atlas.content.reference)
    assert summary.startswith(f"Wrote {len(bundled.events)} timeline events and 8 eras")
    doc = json.loads(out.read_text("utf-8"))
    assert [e["unique_id"] for e in doc["events"]] == [e.id for e in bundled.events]
    # only the filtered events when asked
    export_data(bundled, out, "timelinejs", ["sampaio-tnf-1991", "ito-cereblon-2010"])
    doc = json.loads(out.read_text("utf-8"))
    assert [e["unique_id"] for e in doc["events"]] == ["sampaio-tnf-1991", "ito-cereblon-2010"]


def test_csv_export_round_trips(bundled, tmp_path):
    out = tmp_path / "timeline.csv"
    assert export_data(bundled, out, "csv") == (
        f"Wrote {len(bundled.events)} timeline events to {out} (CSV).")
    rows = read_csv(out)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(bundled.events)
    for row, event in zip(rows, bundled.events, strict=True):
        assert row["id"] == event.id and row["date"] == event.date
        assert row["end_date"] == event.end_date and row["precision"] == event.precision
        assert row["headline"] == event.headline and row["text"] == event.body
        assert tuple(filter(None, row["drugs"].split(";"))) == event.drugs
        assert tuple(filter(None, row["sources"].split(";"))) == event.sources
        assert (row["approximate"] == "yes") == event.approximate
        assert (row["disputed"] == "yes") == event.disputed
        assert row["dispute_note"] == event.dispute_note
        assert row["lane_label"] == bundled.lane_label(event.lane)


def test_bad_format_or_folder_leaves_nothing_behind(bundled, tmp_path):
    with pytest.raises(ValueError, match="timelinejs, csv"):
        export_data(bundled, tmp_path / "x.txt", "pdf")
    with pytest.raises(OSError):
        export_data(bundled, tmp_path / "missing-folder" / "x.csv", "csv")
    existing = tmp_path / "keep.csv"
    existing.write_text("old", "utf-8")
    (tmp_path / "blocker").mkdir()
    with pytest.raises(OSError):
        export_data(bundled, tmp_path / "blocker", "csv")  # a folder is not a file
    assert existing.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "keep.csv"]


def test_command_line_exports_the_timeline(tmp_path, monkeypatch, capsys):
    from tests.conftest import FIXTURE_CONTENT

    monkeypatch.setenv("IMID_ATLAS_CONTENT_DIR", str(FIXTURE_CONTENT))
    out = tmp_path / "t.json"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "timeline", "--format",
                 "timelinejs", "-o", str(out)]) == 0
    assert "Wrote 3 timeline events and 1 eras" in capsys.readouterr().out
    doc = json.loads(out.read_text("utf-8"))
    assert [e["unique_id"] for e in doc["events"]] == [
        "thalomid-enl-1998", "cereblon-found-2010", "ikaros-degradation-2014"]
    csv_out = tmp_path / "t.csv"
    assert main(["--data-dir", str(tmp_path / "d"), "export", "timeline", "--format", "csv",
                 "-o", str(csv_out)]) == 0
    assert [r["id"] for r in read_csv(csv_out)] == [e["unique_id"] for e in doc["events"]]
    assert main(["--data-dir", str(tmp_path / "d"), "export", "timeline", "--format", "pdf",
                 "-o", str(tmp_path / "t.pdf")]) == 2
    assert "timelinejs, csv" in capsys.readouterr().err
