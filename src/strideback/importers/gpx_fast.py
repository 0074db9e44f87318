"""A fast path for GPX files: the C ElementTree builds the tree, C-level iteration gathers the points.

Only for files that `check_xml` has accepted (well-formed, no entity declaration or external
reference), so the C parser reads them safely, and only up to MAX_TREE_BYTES (a bigger file streams
through the expat reader of gpx.py, so memory stays bounded). The attributes and values of the track
points are gathered with `findall`, `find`, `iter` and `get` mapped over whole lists, then converted
and totalled as columns with numpy.

The tree is read only when its shape is one whose meaning is plain, so that it means exactly what the
expat reader in gpx.py makes of the file: one <gpx>; tracks and routes are children of <gpx>; points
are children of their track's segments (or of their route); each time and elevation inside a track or
route is a child of a point, each heart rate and cadence lies inside a point, at most one of each per
point; sport names are children of their track or route; all of those values are leaves, in one
namespace each. Any other shape gives None and the expat reader takes over.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import attrgetter, is_not
from typing import TypeGuard, cast
from xml.etree.ElementTree import Element, ParseError, fromstring

import numpy as np

from strideback.importers.text_columns import decimals, utc_micros
from strideback.importers.track import TrackTotals, totals_of_timed_positions
from strideback.importers.xml_stream import local_name, parse_float, parse_time

# The tree takes ~10× the file in memory (~330 MB at this bound); a day-long 1 Hz track with heart
# rate is ~25 MB, so only unusual files stream through expat instead.
MAX_TREE_BYTES = 32 * 1024 * 1024
_GROUPS = ("trk", "rte")
_POINT_OF = {"trk": "trkpt", "rte": "rtept"}
_NAMES = {"gpx", "trk", "rte", "trkseg", "trkpt", "rtept", "time", "ele", "hr", "cad", "type"}
_TAG = attrgetter("tag")
_TEXT = attrgetter("text")


@dataclass
class TrackGroup:
    """One <trk> or <rte> of a GPX file: its totals and its sport as the file names it."""

    kind: str
    totals: TrackTotals = field(default_factory=TrackTotals)
    sport_name: str | None = None


@dataclass
class _Points:
    """The points of one track or route, in file order, with the number of each one's segment."""

    group: Element
    points: list[Element]
    segment: np.ndarray


def coordinate(text: str | None, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180); None when absent, unreadable or out of range."""
    value = parse_float(text) if isinstance(text, str) else None
    return value if value is not None and -limit <= value <= limit else None


def read_gpx_tree(data: bytes) -> tuple[list[TrackGroup], int, str | None] | None:
    """Tracks and routes, element count and creator of a GPX file that `check_xml` accepted,
    read from its ElementTree; None when the file is too big or not plainly shaped (use expat)."""
    if len(data) > MAX_TREE_BYTES:
        return None
    collecting = gc.isenabled()
    gc.disable()  # a tree has no reference cycles; collecting while it is built takes ~30% of the time
    try:
        return _read_tree(data)
    finally:
        if collecting:
            gc.enable()


def _read_tree(data: bytes) -> tuple[list[TrackGroup], int, str | None] | None:
    try:
        root = fromstring(data)
    except ParseError:
        return None  # e.g. an undeclared namespace prefix, which expat without namespaces accepts
    if local_name(root.tag) != "gpx":
        return None
    counts = Counter(map(_TAG, root.iter()))
    if sum(n for tag, n in counts.items() if local_name(tag) == "gpx") != 1:
        return None  # a second <gpx>: its creator would count
    groups = [child for child in root if local_name(child.tag) in _GROUPS]
    if sum(n for tag, n in counts.items() if local_name(tag) in _GROUPS) != len(groups):
        return None  # a track or route somewhere other than in <gpx> itself
    inside = _counts_inside_groups(root, groups, counts)
    tags = _tag_of_each_name(inside)
    if tags is None:
        return None
    read = _points_of_groups(groups, tags, inside)
    if read is None:
        return None
    values = _values(read, tags, inside)
    if values is None:
        return None
    result = []
    for points, columns in zip(read, values, strict=True):
        group = TrackGroup(local_name(points.group.tag))
        group.sport_name = _sport_name(points.group, tags["type"])
        group.totals = _totals(columns, points.segment)
        result.append(group)
    return result, sum(counts.values()), root.get("creator")


def _counts_inside_groups(root: Element, groups: list[Element], counts: Counter[str]) -> Counter[str]:
    """How often each tag occurs inside the tracks and routes (the groups themselves included)."""
    outside = Counter({root.tag: 1})
    grouped = set(map(id, groups))
    for child in root:
        if id(child) not in grouped:
            outside.update(map(_TAG, child.iter()))
    return counts - outside


def _tag_of_each_name(inside: Counter[str]) -> dict[str, str | None] | None:
    """The full tag (`{namespace}name`) of each name the reader uses; None if one has two namespaces."""
    tags: dict[str, str | None] = dict.fromkeys(_NAMES)
    for tag in inside:
        name = local_name(tag)
        if name in tags:
            if tags[name] is not None:
                return None
            tags[name] = tag
    return tags


def _points_of_groups(
    groups: list[Element], tags: dict[str, str | None], inside: Counter[str]
) -> list[_Points] | None:
    """Each group's points; None unless every point and segment inside the groups was found."""
    result = []
    found = Counter[str]()
    for group in groups:
        point_tag = tags[_POINT_OF[local_name(group.tag)]]
        segment_tag = tags["trkseg"] if local_name(group.tag) == "trk" else None
        segments = group.findall(segment_tag) if segment_tag is not None else []
        if segment_tag is not None:
            found[segment_tag] += len(segments)
        if point_tag is None:
            result.append(_Points(group, [], np.zeros(0, dtype=np.int64)))
            continue
        if segments:
            per_segment = list(map(Element.findall, segments, repeat(point_tag)))
            points = list(chain.from_iterable(per_segment))
            segment = np.repeat(np.arange(len(segments)), list(map(len, per_segment)))
        else:
            points = group.findall(point_tag)
            segment = np.zeros(len(points), dtype=np.int64)
        found[point_tag] += len(points)
        result.append(_Points(group, points, segment))
    for name in ("trkpt", "rtept", "trkseg"):
        tag = tags[name]
        if tag is not None and found[tag] != inside[tag]:
            return None  # a point or segment somewhere else: nested, or outside a segment
    return result


def _values(
    read: list[_Points], tags: dict[str, str | None], inside: Counter[str]
) -> list[dict[str, list[str | None]]] | None:
    """Per group, the texts of lat, lon, time, ele, hr and cad of each point (None where absent)."""
    result = []
    found: Counter[str] = Counter()
    leaves: list[Element] = []
    for group in read:
        columns: dict[str, list[str | None]] = {
            "lat": list(map(Element.get, group.points, repeat("lat"))),
            "lon": list(map(Element.get, group.points, repeat("lon"))),
        }
        for name in ("time", "ele", "hr", "cad"):
            tag = tags[name]
            if tag is None:
                columns[name] = [None] * len(group.points)
                continue
            if name in ("time", "ele"):  # a child of the point
                elements = list(map(Element.find, group.points, repeat(tag)))
            else:  # anywhere inside it (in <extensions>)
                elements = list(map(next, map(Element.iter, group.points, repeat(tag)), repeat(None)))
            # the elements found: compress keeps exactly those that are not None
            present = cast("list[Element]", list(compress(elements, map(is_not, elements, repeat(None)))))
            found[tag] += len(present)
            leaves += present
            columns[name] = (
                list(map(_TEXT, elements)) if len(present) == len(elements) else _texts_or_none(elements)
            )
        if tags["type"] is not None:
            types = group.group.findall(tags["type"])
            found[tags["type"]] += len(types)
            leaves += types
        result.append(columns)
    for name in ("time", "ele", "hr", "cad", "type"):
        tag = tags[name]
        if tag is not None and found[tag] != inside[tag]:
            return None  # a second one in a point, or one outside the points (or, for type, deeper)
    if any(map(len, leaves)):
        return None  # a value with elements inside it
    return result


def _texts_or_none(elements: list[Element | None]) -> list[str | None]:
    return [None if element is None else element.text for element in elements]


def _sport_name(group: Element, type_tag: str | None) -> str | None:
    """The <type> texts, joined and trimmed one by one as the expat reader does."""
    sport_name = None
    if type_tag is not None:
        for text in map(_TEXT, group.findall(type_tag)):
            if text:
                sport_name = ((sport_name or "") + text).strip() or None
    return sport_name


def _totals(columns: dict[str, list[str | None]], segment: np.ndarray) -> TrackTotals:
    """Totals as whole columns when every point has a position and a UTC time, else point by point."""
    lat, lon = _coordinates(columns["lat"], 90), _coordinates(columns["lon"], 180)
    times = columns["time"]
    micros = utc_micros(times) if _all_present(times) else None
    if lat is not None and lon is not None and micros is not None:
        elevation, heart_rate, cadence = (_optional_numbers(columns[name]) for name in ("ele", "hr", "cad"))
        return totals_of_timed_positions(lat, lon, micros, elevation, heart_rate, cadence, segment)
    totals = TrackTotals()
    previous = None
    for index, number in enumerate(segment.tolist()):
        if number != previous:
            totals.new_segment()
            previous = number
        totals.add(
            coordinate(columns["lat"][index], 90),
            coordinate(columns["lon"][index], 180),
            parse_time(columns["time"][index]),
            parse_float(columns["ele"][index]),
            parse_float(columns["hr"][index]),
            parse_float(columns["cad"][index]),
        )
    return totals


def _numbers(texts: Sequence[str]) -> np.ndarray:
    """Every value as `parse_float` reads it, NaN where it gives None."""
    values = decimals(texts)
    if values is None:
        values = np.array([np.nan if (v := parse_float(text)) is None else v for text in texts], dtype=float)
    return values


def _coordinates(texts: list[str | None], limit: float) -> np.ndarray | None:
    """Positions as `coordinate` reads them; None if one is absent, unreadable or out of range."""
    if not _all_present(texts):
        return None
    values = _numbers(texts)
    if np.isnan(values).any() or (np.abs(values) > limit).any():
        return None
    return values


def _optional_numbers(texts: list[str | None]) -> np.ndarray:
    """Numbers as `parse_float` reads them, NaN where absent or unreadable."""
    if _all_present(texts):
        return _numbers(texts)
    values = np.full(len(texts), np.nan)
    if texts.count(None) == len(texts):
        return values
    present = [index for index, text in enumerate(texts) if text is not None]
    if present:
        values[present] = _numbers([text for text in texts if text is not None])
    return values


def _all_present(texts: list[str | None]) -> TypeGuard[list[str]]:
    """True when no text is missing (a list test at C speed)."""
    return None not in texts
