"""Garmin Connect account export: `*_summarizedActivities.json` summaries.

The recorded files themselves sit in nested zips under `DI_CONNECT/DI-Connect-Uploaded-Files/`
and are read as FIT/GPX/TCX. Summary units: times in milliseconds since 1970 (UTC in
`beginTimestamp`/`startTimeGmt`, wall-clock in `startTimeLocal`), durations in milliseconds,
distance and elevation in centimetres.
"""

from __future__ import annotations

import datetime as dt
import json

from strideback.domain.types import Activity, InvalidValue
from strideback.importers.errors import UnreadableFile
from strideback.importers.head import Head
from strideback.importers.results import FileContent
from strideback.importers.sports import sport_from_name


def _entries(payload: object) -> list[dict]:
    if isinstance(payload, dict):
        payload = [payload]
    entries: list[dict] = []
    if isinstance(payload, list):
        for chunk in payload:
            if isinstance(chunk, dict) and isinstance(chunk.get("summarizedActivitiesExport"), list):
                entries.extend(e for e in chunk["summarizedActivitiesExport"] if isinstance(e, dict))
            elif isinstance(chunk, dict) and "activityId" in chunk:
                entries.append(chunk)
    return entries


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value == value else None


def is_garmin_summaries(head: Head) -> bool:
    """Plain JSON says nothing of itself: the name ends in .json and the summaries' key comes early."""
    return head.label.lower().endswith(".json") and b"summarizedActivities" in head.data[:4096]


def read_garmin_summaries(data: bytes, label: str) -> FileContent:
    try:
        payload = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableFile(label, f"the Garmin summary JSON is damaged ({error})") from None
    activities: list[Activity] = []
    problems: list[tuple[str, str]] = []
    entries = _entries(payload)
    for entry in entries:
        where = f"{label} activity {entry.get('activityId')}"
        try:
            activity = _activity(entry)
        except InvalidValue as error:
            problems.append((where, f"impossible value: {error}"))
            continue
        if activity is None:
            problems.append((where, "no start time or duration"))
        else:
            activities.append(activity)
    return FileContent(activities=tuple(activities), records=len(entries), problems=tuple(problems))


def _activity(entry: dict) -> Activity | None:
    begin = _number(entry.get("beginTimestamp")) or _number(entry.get("startTimeGmt"))
    local = _number(entry.get("startTimeLocal"))
    elapsed_ms = _number(entry.get("elapsedDuration")) or _number(entry.get("duration"))
    if begin is None or not elapsed_ms:
        return None
    zone = dt.UTC
    if local is not None:
        offset = round((local - begin) / 1000 / 900) * 900
        if abs(offset) <= 14 * 3600:
            zone = dt.timezone(dt.timedelta(seconds=offset))
    start = dt.datetime.fromtimestamp(begin / 1000, tz=dt.UTC).astimezone(zone)
    kind = entry.get("activityType")
    if isinstance(kind, dict):
        kind = kind.get("typeKey")
    distance = _number(entry.get("distance"))
    climb = _number(entry.get("elevationGain"))
    moving = _number(entry.get("movingDuration")) or _number(entry.get("duration"))
    return Activity(
        sport=sport_from_name(str(kind or entry.get("sportType") or "")),
        start=start,
        duration_s=elapsed_ms / 1000,
        distance_m=None if distance is None else distance / 100,
        moving_s=None if moving is None else moving / 1000,
        elevation_gain_m=None if climb is None else climb / 100,
        avg_hr=_number(entry.get("avgHr")) or None,
        max_hr=_number(entry.get("maxHr")) or None,
        source="garmin",
        fingerprint=f"garmin:{entry.get('activityId')}",
        device=None,
    )
