"""Apple Health `export.xml` → activities from its workouts, streamed with flat memory.

Real exports reach several gigabytes, mostly `<Record>` rows. expat checks the whole document without a
Python call per element, while a byte scan picks out the `<Workout>` elements, which alone are parsed;
only the workout being read is held, so memory stays flat and the pass is quicker than a plain
ElementTree iterparse.
Workouts carry totals as attributes (older exports) or as `<WorkoutStatistics>` children
(iOS 16 and later).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from xml.etree.ElementTree import XML, Element, ParseError

from strideback.domain.bounds import NAME_MAX_CHARS, clip_text
from strideback.domain.types import Activity, InvalidValue
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.head import Head
from strideback.importers.results import FileContent
from strideback.importers.sports import sport_from_name
from strideback.importers.xml_stream import ByteSource, expat_parser, feed, parse_float

_METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "ft": 0.3048, "yd": 0.9144, "cm": 0.01}
_SECONDS = {"s": 1.0, "sec": 1.0, "min": 60.0, "hr": 3600.0, "h": 3600.0, "ms": 0.001}
_DISTANCE_TYPES = {
    "HKQuantityTypeIdentifierDistanceWalkingRunning",
    "HKQuantityTypeIdentifierDistanceCycling",
    "HKQuantityTypeIdentifierDistanceSwimming",
    "HKQuantityTypeIdentifierDistanceWheelchair",
    "HKQuantityTypeIdentifierDistanceDownhillSnowSports",
}


_OPEN = b"<Workout"
_CLOSE = b"</Workout>"
_NAME_ENDS = frozenset(b" \t\r\n/>")


class _WorkoutScanner:
    """Finds `<Workout>` elements in the raw bytes, chunk by chunk, holding only an unfinished one.

    The document as a whole is checked by expat with no Python call per element (quick, and it
    refuses entities and malformed XML); each workout found here is then parsed on its own.
    Records, which are nearly all of a real export, are never turned into Python objects.
    """

    def __init__(self) -> None:
        self.carry = b""
        self.workouts: list[Element] = []
        self.elements = 0
        self.problem: str | None = None

    def scan(self, chunk: bytes) -> None:
        # Start tags minus end tags: a cheap count of elements, for the import report.
        self.elements += chunk.count(b"<") - chunk.count(b"</") - chunk.count(b"<!") - chunk.count(b"<?")
        data = self.carry + chunk if self.carry else chunk
        position = 0
        while True:
            found = data.find(_OPEN, position)
            if found < 0:
                self.carry = data[-len(_OPEN) :]  # a tag name cut at the chunk's end
                return
            after = found + len(_OPEN)
            if after >= len(data):
                self.carry = data[found:]
                return
            if data[after] not in _NAME_ENDS:  # <WorkoutStatistics>, <WorkoutRoute>, …
                position = after
                continue
            end = _element_end(data, found)
            if end < 0:
                self.carry = data[found:]
                return
            try:
                self.workouts.append(XML(data[found:end]))
            except ParseError as error:  # reported once expat has judged the whole document
                self.problem = self.problem or str(error)
            position = end


def _element_end(data: bytes, start: int) -> int:
    """Index just past the workout starting at `start`, or -1 when more bytes are needed."""
    tag_end = data.find(b">", start)
    while tag_end >= 0 and data.count(b'"', start, tag_end) % 2:  # a ">" inside a quoted value
        tag_end = data.find(b">", tag_end + 1)
    if tag_end < 0:
        return -1
    if data[tag_end - 1 : tag_end] == b"/":
        return tag_end + 1
    close = data.find(_CLOSE, tag_end)
    return -1 if close < 0 else close + len(_CLOSE)


def is_apple_health(head: Head) -> bool:
    return head.xml_root == "HealthData"


def read_apple_health(stream: ByteSource, path: str, source: str = "apple_health") -> FileContent:
    """Workouts of an Apple Health export.xml read from a binary stream, with flat memory."""
    parser = expat_parser()
    root: list[str] = []

    def first_element(name: str, _attrs: dict[str, str]) -> None:
        root.append(name)
        parser.StartElementHandler = None
        if name != "HealthData":
            raise UnreadableFile(path, "not an Apple Health export (its root is not <HealthData>)")

    parser.StartElementHandler = first_element
    scanner = _WorkoutScanner()
    feed(parser, _Tee(stream, scanner.scan), path)
    if not root:
        raise UnreadableFile(path, "the Apple Health export is empty")
    if scanner.problem:
        raise UnreadableFile(path, f"a workout in the Apple Health export cannot be read ({scanner.problem})")
    activities = [
        activity for workout in scanner.workouts if (activity := _workout(workout, path, source)) is not None
    ]
    if not activities:
        raise SkippedFile(path, "an Apple Health export with no workouts")
    return FileContent(activities=tuple(activities), records=max(scanner.elements, 1))


class _Tee:
    """A read-only stream that also hands every chunk it returns to `sink`."""

    def __init__(self, stream: ByteSource, sink: Callable[[bytes], None]) -> None:
        self.stream = stream
        self.sink = sink

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        if chunk:
            self.sink(chunk)
        return chunk


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
