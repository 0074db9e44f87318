"""Strava bulk export: `activities.csv` joined with the files under `activities/`.

The CSV header repeats five names (`Elapsed Time`, `Distance`, `Max Heart Rate`, `Relative
Effort`, `Commute`); the first `Distance` is in km, the second in metres. Dates look like
`Oct 7, 2020, 2:43:11 PM` (UTC). Rows without a file (manual entries) import from the row,
with Strava's Perceived Exertion (1–10) as RPE.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from dataclasses import dataclass

from strideback.domain.bounds import clip_text
from strideback.domain.types import Activity, InvalidValue
from strideback.importers.errors import UnreadableFile
from strideback.importers.head import Head
from strideback.importers.results import FileContent
from strideback.importers.sports import sport_from_name
from strideback.importers.spreadsheet_csv import decode_text

_DATE_FORMATS = ("%b %d, %Y, %I:%M:%S %p", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%b %d, %Y %I:%M:%S %p")


@dataclass(frozen=True)
class StravaRow:
    activity_id: str
    line: int
    start: dt.datetime
    sport_name: str
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    rpe: float | None
    filename: str
    note: str


def parse_strava_date(text: str) -> dt.datetime | None:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), pattern).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return None


def _number(text: str | None) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if value == value else None


class _Columns:
    """Column lookup by name and occurrence (the header repeats names)."""

    def __init__(self, header: list[str]) -> None:
        self.positions: dict[str, list[int]] = {}
        for index, name in enumerate(header):
            self.positions.setdefault(name.strip().lower(), []).append(index)

    def get(self, row: list[str], name: str, occurrence: int = 0) -> str:
        places = self.positions.get(name.lower(), [])
        if occurrence < len(places) and places[occurrence] < len(row):
            return row[places[occurrence]].strip()
        return ""


def is_strava_csv(head: Head) -> bool:
    return {"activity id", "activity date", "activity type"} <= head.csv_header


def parse_activities_csv(data: bytes, label: str) -> tuple[list[StravaRow], list[tuple[str, str]]]:
    """Rows of a Strava activities.csv, and (where, reason) for rows that cannot be read."""
    text = decode_text(data, label)
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise UnreadableFile(label, "the Strava activities.csv is empty or damaged") from None
    columns = _Columns(header)
    if "activity id" not in columns.positions or "activity date" not in columns.positions:
        raise UnreadableFile(
            label, "not a Strava activities.csv (no 'Activity ID' and 'Activity Date' columns)"
        )
    rows: list[StravaRow] = []
    problems: list[tuple[str, str]] = []
    try:
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            parsed = _row(columns, row, line)
            if isinstance(parsed, str):
                problems.append((f"{label} line {line}", parsed))
            else:
                rows.append(parsed)
    except csv.Error as error:
        raise UnreadableFile(label, f"malformed CSV ({error})") from None
    return rows, problems


def _row(columns: _Columns, row: list[str], line: int) -> StravaRow | str:
    get = columns.get
    start = parse_strava_date(get(row, "Activity Date"))
    if start is None:
        return f"the date {get(row, 'Activity Date')!r} is not in a form Strava writes"
    km = _number(get(row, "Distance", 0))
    metres = _number(get(row, "Distance", 1))
    rpe = _number(get(row, "Perceived Exertion"))
    return StravaRow(
        activity_id=get(row, "Activity ID") or f"line{line}",
        line=line,
        start=start,
        sport_name=get(row, "Activity Type"),
        elapsed_s=_number(get(row, "Elapsed Time", 1)) or _number(get(row, "Elapsed Time", 0)),
        moving_s=_number(get(row, "Moving Time")),
        distance_m=metres if metres is not None else (None if km is None else km * 1000),
        elevation_gain_m=_number(get(row, "Elevation Gain")),
        avg_hr=_number(get(row, "Average Heart Rate")) or None,
        max_hr=_number(get(row, "Max Heart Rate", 1)) or _number(get(row, "Max Heart Rate", 0)) or None,
        rpe=rpe if rpe is not None and 0 <= rpe <= 10 else None,
        filename=get(row, "Filename"),
        note=clip_text(get(row, "Activity Private Note") or get(row, "Activity Description")),
    )


def activity_from_row(row: StravaRow) -> Activity:
    """A manual Strava entry (no file). Raises InvalidValue for impossible values."""
    return Activity(
        sport=sport_from_name(row.sport_name),
        start=row.start,
        duration_s=row.elapsed_s or row.moving_s or 0,
        distance_m=row.distance_m,
        moving_s=row.moving_s,
        elevation_gain_m=row.elevation_gain_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        rpe=row.rpe,
        note=row.note,
        source="strava",
        fingerprint=f"strava:{row.activity_id}",
    )


def combine(row: StravaRow, recorded: Activity) -> Activity:
    """The activity from the recorded file, with what only the Strava row knows."""
    sport = sport_from_name(row.sport_name) if row.sport_name else recorded.sport
    return dataclasses.replace(
        recorded,
        sport=sport,
        rpe=row.rpe if row.rpe is not None else recorded.rpe,
        note=row.note or recorded.note,
        source="strava",
        fingerprint=f"strava:{row.activity_id}",
    )


def content_of_rows(rows: list[StravaRow], label: str) -> FileContent:
    """Activities for rows read from the CSV alone (no files to join)."""
    activities: list[Activity] = []
    problems: list[tuple[str, str]] = []
    for row in rows:
        try:
            activities.append(activity_from_row(row))
        except InvalidValue as error:
            problems.append((f"{label} line {row.line}", f"impossible value: {error}"))
    return FileContent(activities=tuple(activities), records=len(rows), problems=tuple(problems))
