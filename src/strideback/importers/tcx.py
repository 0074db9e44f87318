"""TCX files → activities (one per <Activity>), streamed. GPS-less treadmill files included."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from xml.etree.ElementTree import Element

from strideback.domain.bounds import NAME_MAX_CHARS, clip_text
from strideback.domain.types import Activity, InvalidValue, Lap, Sport
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.head import Head
from strideback.importers.results import FileContent
from strideback.importers.sports import sport_from_name
from strideback.importers.track import TrackTotals
from strideback.importers.xml_stream import child_text, events, local_name, parse_float, parse_time


class _ActivityState:
    def __init__(self, sport: str | None) -> None:
        self.sport = sport
        self.id_time: dt.datetime | None = None
        self.laps: list[Lap] = []
        self.lap_timer_s = 0.0
        self.lap_distance_m = 0.0
        self.lap_has_distance = False
        self.lap_end: dt.datetime | None = None
        self.max_point_distance: float | None = None
        self.totals = TrackTotals()
        self.device: str | None = None


def is_tcx(head: Head) -> bool:
    return head.xml_root == "TrainingCenterDatabase"


def read_tcx(data: bytes, path: str, source: str = "tcx") -> FileContent:
    """Activities of a TCX file. Raises UnreadableFile or SkippedFile."""
    states: list[_ActivityState] = []
    current: _ActivityState | None = None
    elements = 0
    for event, element in events(io.BytesIO(data), path):
        name = local_name(element.tag)
        if event == "start":
            if name == "Activity":
                current = _ActivityState(element.get("Sport"))
            elif name == "Track" and current is not None:
                current.totals.new_segment()
            continue
        elements += 1
        if current is None:
            continue
        if name == "Trackpoint":
            _add_point(current, element)
            element.clear()
        elif name == "Id":
            current.id_time = parse_time(element.text)
        elif name == "Lap":
            _add_lap(current, element)
            element.clear()
        elif name == "Creator":
            current.device = child_text(element, "Name")
        elif name == "Activity":
            states.append(current)
            current = None
            element.clear()
    digest = hashlib.sha256(data).hexdigest()[:32]
    activities = [
        activity
        for index, state in enumerate(states)
        if (activity := _activity(state, f"tcx:{digest}:{index}", source, path)) is not None
    ]
    if not activities:
        raise SkippedFile(path, "a TCX file with no timed activity (a course or an empty export)")
    return FileContent(activities=tuple(activities), records=elements)


def _add_point(state: _ActivityState, point: Element) -> None:
    time = lat = lon = altitude = heart_rate = cadence = distance = None
    for child in point.iter():
        tag = local_name(child.tag)
        if tag == "Time":
            time = parse_time(child.text)
        elif tag == "LatitudeDegrees":
            lat = parse_float(child.text)
        elif tag == "LongitudeDegrees":
            lon = parse_float(child.text)
        elif tag == "AltitudeMeters":
            altitude = parse_float(child.text)
        elif tag == "DistanceMeters":
            distance = parse_float(child.text)
        elif tag == "Value":
            heart_rate = parse_float(child.text)
        elif tag in ("Cadence", "RunCadence"):
            cadence = parse_float(child.text)
    if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
        lat = lon = None
    state.totals.add(lat, lon, time, altitude, heart_rate, cadence)
    if distance is not None and (state.max_point_distance is None or distance > state.max_point_distance):
        state.max_point_distance = distance


def _add_lap(state: _ActivityState, lap: Element) -> None:
    start = parse_time(lap.get("StartTime"))
    seconds = parse_float(child_text(lap, "TotalTimeSeconds"))
    distance = parse_float(child_text(lap, "DistanceMeters"))
    heart_rate = None
    for child in lap:
        if local_name(child.tag) == "AverageHeartRateBpm":
            heart_rate = parse_float(child_text(child, "Value"))
    if seconds is not None and seconds >= 0:
        state.lap_timer_s += seconds
        if start is not None:
            end = start + dt.timedelta(seconds=seconds)
            state.lap_end = end if state.lap_end is None else max(state.lap_end, end)
    if distance is not None and distance >= 0:
        state.lap_distance_m += distance
        state.lap_has_distance = True
    if start is not None and seconds is not None and seconds >= 0:
        state.laps.append(
            Lap(start=start, duration_s=seconds, distance_m=distance, avg_hr=heart_rate or None)
        )


def _activity(state: _ActivityState, fingerprint: str, source: str, path: str) -> Activity | None:
    totals = state.totals
    starts = [t for t in (state.id_time, totals.first_time, state.laps[0].start if state.laps else None) if t]
    if not starts:
        return None
    start = min(starts)
    ends = [t for t in (totals.last_time, state.lap_end) if t]
    elapsed = max((end - start).total_seconds() for end in ends) if ends else state.lap_timer_s
    if not elapsed or elapsed < 1:
        return None
    distance: float | None
    if state.lap_has_distance:
        distance = state.lap_distance_m
    elif state.max_point_distance is not None:
        distance = state.max_point_distance
    else:
        distance = totals.distance_m or None
    sport = sport_from_name(state.sport)
    cadence = totals.avg_cadence
    if cadence is not None and sport is Sport.RUN:
        cadence *= 2  # TCX, like FIT, counts running cadence per foot
    try:
        return Activity(
            sport=sport,
            start=start,
            duration_s=elapsed,
            distance_m=distance,
            moving_s=state.lap_timer_s or totals.moving_s or None,
            elevation_gain_m=totals.climb_m or None,
            avg_hr=totals.avg_hr,
            max_hr=totals.max_hr,
            avg_cadence=cadence,
            source=source,
            fingerprint=fingerprint,
            device=clip_text(state.device, NAME_MAX_CHARS) or None,
            laps=tuple(state.laps),
        )
    except InvalidValue as error:
        raise UnreadableFile(path, f"impossible value in the TCX activity: {error}") from None
