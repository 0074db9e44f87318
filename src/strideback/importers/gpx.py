"""GPX files → activities (one per outing: timed tracks or routes).

Expat first checks the whole file with entities and external references refused, without a
Python call per element; the C ElementTree then reads plainly shaped files up to 32 MB (gpx_fast),
and the expat callbacks below read every other file, point by point with flat memory.
"""

from __future__ import annotations

import hashlib
import io

from strideback.domain.bounds import NAME_MAX_CHARS, clip_text
from strideback.domain.types import Activity, InvalidValue
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.gpx_fast import TrackGroup, coordinate, read_gpx_tree
from strideback.importers.head import Head
from strideback.importers.results import FileContent
from strideback.importers.sports import guess_sport_from_speed, sport_from_name
from strideback.importers.xml_stream import check_xml, expat_parser, feed, parse_float, parse_time

OUTING_GAP_S = 3600  # tracks less than an hour apart are one outing (a paused recording)
_POINTS = {"trkpt", "rtept"}
_GROUPS = {"trk", "rte"}
_TEXT = {"time", "ele", "type", "hr", "cad"}


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _GpxReader:
    """Expat callbacks: keeps only the current point's values, so memory stays flat.

    Text is gathered until the next element starts or ends and then used as one piece, so values
    split where the file was fed in chunks read as if whole."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.groups: list[TrackGroup] = []
        self.current: TrackGroup | None = None
        self.in_point = False
        self.point: dict[str, str | None] = {}
        self.text_of: str | None = None
        self.elements = 0
        self.creator: str | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.pending:
            self._use_text()
        self.elements += 1
        tag = _local(name)
        if tag in _POINTS:
            self.in_point = True
            self.point = {"lat": attrs.get("lat"), "lon": attrs.get("lon")}
        elif tag in _TEXT:
            self.text_of = tag
        elif tag in _GROUPS:
            self.current = TrackGroup(tag)
        elif tag == "trkseg" and self.current is not None:
            self.current.totals.new_segment()
        elif tag == "gpx":
            self.creator = attrs.get("creator")

    def text(self, data: str) -> None:
        if self.text_of is not None:
            self.pending.append(data)

    def _use_text(self) -> None:
        """The text since the last start or end tag, inside the element `text_of` names."""
        data = "".join(self.pending)
        self.pending.clear()
        key = self.text_of
        if key is None:
            return
        if self.in_point:
            if key not in self.point or key in ("time", "ele"):
                self.point[key] = (self.point[key] or "") + data if key in self.point else data
        elif key == "type" and self.current is not None:
            self.current.sport_name = ((self.current.sport_name or "") + data).strip() or None

    def end(self, name: str) -> None:
        if self.pending:
            self._use_text()
        tag = _local(name)
        if tag in _TEXT:
            self.text_of = None
        elif tag in _POINTS:
            self.in_point = False
            if self.current is not None:
                self._add_point(self.current)
        elif tag in _GROUPS and self.current is not None:
            self.groups.append(self.current)
            self.current = None

    def _add_point(self, current: TrackGroup) -> None:
        point = self.point
        current.totals.add(
            coordinate(point.get("lat"), 90),
            coordinate(point.get("lon"), 180),
            parse_time(point.get("time")),
            parse_float(point.get("ele")),
            parse_float(point.get("hr")),
            parse_float(point.get("cad")),
        )


def is_gpx(head: Head) -> bool:
    return head.xml_root == "gpx"


def read_gpx(data: bytes, path: str, source: str = "gpx") -> FileContent:
    """Activities of a GPX file. Raises UnreadableFile or SkippedFile."""
    root_name, _attributes = check_xml(data, path)
    tree = read_gpx_tree(data) if _local(root_name) == "gpx" else None
    groups, elements, creator = tree if tree is not None else read_gpx_with_expat(data, path)
    digest = hashlib.sha256(data).hexdigest()[:32]
    activities = []
    for index, group in enumerate(_outings(groups)):
        activity = _activity(group, f"gpx:{digest}:{index}", source, creator, path)
        if activity is not None:
            activities.append(activity)
    if not activities:
        raise SkippedFile(
            path,
            "a GPX route or track without times: a planned route has nothing to date it, so it "
            "is not a recorded activity",
        )
    return FileContent(activities=tuple(activities), records=elements)


def read_gpx_with_expat(
    data: bytes, path: str, chunk_size: int = 1 << 20
) -> tuple[list[TrackGroup], int, str | None]:
    """Tracks and routes, element count and creator, point by point: any GPX file."""
    reader = _GpxReader()
    parser = expat_parser()
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    feed(parser, io.BytesIO(data), path, chunk_size)
    return reader.groups, reader.elements, reader.creator


def _outings(groups: list[TrackGroup]) -> list[TrackGroup]:
    """Tracks less than an hour apart are pieces of one outing (a paused recording)."""
    timed = [(g.totals.first_time, g) for g in groups if g.totals.first_time is not None]
    timed.sort(key=lambda pair: pair[0])
    outings: list[TrackGroup] = []
    for first_time, group in timed:
        last = outings[-1] if outings else None
        if (
            last is not None
            and last.kind == group.kind
            and last.totals.last_time is not None
            and (first_time - last.totals.last_time).total_seconds() < OUTING_GAP_S
        ):
            last.totals.merge(group.totals)
            last.sport_name = last.sport_name or group.sport_name
        else:
            outings.append(group)
    return outings


def _activity(
    group: TrackGroup, fingerprint: str, source: str, creator: str | None, path: str
) -> Activity | None:
    totals = group.totals
    elapsed = totals.elapsed_s
    if totals.first_time is None or not elapsed or elapsed < 1:
        return None
    distance = totals.distance_m or None
    note = ""
    if group.sport_name:
        sport = sport_from_name(group.sport_name)
    else:
        sport = guess_sport_from_speed(distance, totals.moving_s or elapsed)
        note = "sport guessed from speed (the GPX file does not say)"
    try:
        return Activity(
            sport=sport,
            start=totals.first_time,
            duration_s=elapsed,
            distance_m=distance,
            moving_s=totals.moving_s or None,
            elevation_gain_m=totals.climb_m or None,
            avg_hr=totals.avg_hr,
            max_hr=totals.max_hr,
            avg_cadence=totals.avg_cadence,
            source=source,
            fingerprint=fingerprint,
            device=clip_text(creator, NAME_MAX_CHARS) or None,
            note=clip_text(note),
        )
    except InvalidValue as error:
        raise UnreadableFile(path, f"impossible value in the GPX track: {error}") from None
