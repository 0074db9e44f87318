"""Apple Health `export.xml` → activities from its workouts, streamed with flat memory.

Real exports reach several gigabytes, mostly `<Record>` rows: expat streams them without
building a tree, and only the workout being read is held, so memory stays flat.
Workouts carry totals as attributes (older exports) or as `<WorkoutStatistics>` children
(iOS 16 and later).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import BinaryIO
from xml.etree.ElementTree import Element

from strideback.domain.bounds import NAME_MAX_CHARS, clip_text
from strideback.domain.types import Activity, InvalidValue
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.results import FileContent
from strideback.importers.sports import sport_from_name
from strideback.importers.xml_stream import expat_parser, feed, parse_float

_METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144, "cm": 0.01}
_SECONDS = {"s": 1.0, "sec": 1.0, "min": 60.0, "hr": 3600.0, "h": 3600.0, "ms": 0.001}
_DISTANCE_TYPES = {
    "HKQuantityTypeIdentifierDistanceWalkingRunning",
    "HKQuantityTypeIdentifierDistanceCycling",
    "HKQuantityTypeIdentifierDistanceSwimming",
    "HKQuantityTypeIdentifierDistanceWheelchair",
    "HKQuantityTypeIdentifierDistanceDownhillSnowSports",
}


class _HealthReader:
    """Expat callbacks: only a workout's own attributes and children are kept, and only until
    the workout ends, so memory stays flat whatever the size of the export."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.depth = 0
        self.elements = 0
        self.root: str | None = None
        self.workout: Element | None = None
        self.activities: list[Activity] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth == 1:
            self.root = name
            if name != "HealthData":
                raise UnreadableFile(self.path, "not an Apple Health export (its root is not <HealthData>)")
        elif self.depth == 2 and name == "Workout":
            self.workout = Element(name, attrs)
        elif self.depth == 3 and self.workout is not None and name in ("WorkoutStatistics", "MetadataEntry"):
            self.workout.append(Element(name, attrs))

    def end(self, _name: str) -> None:
        if self.depth == 2 and self.workout is not None:
            activity = _workout(self.workout, self.path, self.source)
            if activity is not None:
                self.activities.append(activity)
            self.workout = None
        self.depth -= 1


def read_apple_health(stream: BinaryIO, path: str, source: str = "apple_health") -> FileContent:
    """Workouts of an Apple Health export.xml read from a binary stream."""
    reader = _HealthReader(path, source)
    parser = expat_parser()
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    feed(parser, stream, path)
    if reader.root is None:
        raise UnreadableFile(path, "the Apple Health export is empty")
    if not reader.activities:
        raise SkippedFile(path, "an Apple Health export with no workouts")
    return FileContent(activities=tuple(reader.activities), records=reader.elements)


def parse_apple_time(text: str | None) -> dt.datetime | None:
    """`2016-11-14 07:25:41 -0700` → an aware datetime."""
    if not text:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def _quantity(value: str | None, unit: str | None, table: dict[str, float]) -> float | None:
    number = parse_float(value)
    factor = table.get((unit or "").strip())
    return None if number is None or factor is None else number * factor


def _metadata_quantity(text: str | None) -> float | None:
    """`1234 cm` → 12.34 (metres)."""
    if not text:
        return None
    parts = text.split()
    return _quantity(parts[0], parts[1] if len(parts) > 1 else "m", _METRES)


def _workout(workout: Element, path: str, source: str) -> Activity | None:
    start = parse_apple_time(workout.get("startDate"))
    end = parse_apple_time(workout.get("endDate"))
    if start is None:
        return None
    active_s = _quantity(workout.get("duration"), workout.get("durationUnit") or "min", _SECONDS)
    elapsed_s = (end - start).total_seconds() if end else None
    distance = _quantity(workout.get("totalDistance"), workout.get("totalDistanceUnit"), _METRES)
    avg_hr = max_hr = climb = None
    for child in workout:
        if child.tag == "WorkoutStatistics":
            kind = child.get("type", "")
            if kind in _DISTANCE_TYPES and distance is None:
                distance = _quantity(child.get("sum"), child.get("unit"), _METRES)
            elif kind == "HKQuantityTypeIdentifierHeartRate":
                avg_hr = parse_float(child.get("average"))
                max_hr = parse_float(child.get("maximum"))
        elif child.tag == "MetadataEntry" and child.get("key") == "HKElevationAscended":
            climb = _metadata_quantity(child.get("value"))
    duration = elapsed_s if elapsed_s and elapsed_s >= 1 else active_s
    identity = "|".join(
        workout.get(k, "") for k in ("workoutActivityType", "startDate", "endDate", "sourceName")
    )
    try:
        return Activity(
            sport=sport_from_name(workout.get("workoutActivityType")),
            start=start,
            duration_s=duration if duration is not None else 0,
            distance_m=distance,
            moving_s=min(active_s, duration) if active_s is not None and duration else active_s,
            elevation_gain_m=climb,
            avg_hr=avg_hr or None,
            max_hr=max_hr or None,
            source=source,
            fingerprint="apple_health:" + hashlib.sha256(identity.encode()).hexdigest()[:32],
            device=clip_text(workout.get("sourceName"), NAME_MAX_CHARS) or None,
        )
    except InvalidValue as error:
        raise UnreadableFile(
            path, f"impossible value in the Apple Health workout of {workout.get('startDate')}: {error}"
        ) from None
