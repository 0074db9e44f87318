"""A fast path for plain GPX tracks: regular expressions over bytes that expat has already read.

Only for files that expat accepted (well-formed, no DTD or entity: see xml_stream), and only when
every point is in a plain shape, so that reading the bytes directly means exactly what the expat
reader in gpx.py makes of them. Anything else — comments, CDATA, entity references in values,
points without a position or a UTC time, odd nesting, non-ASCII values, encodings that are not
ASCII-compatible — gives None and the expat reader takes over. Each check below names what it guards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from strideback.importers.text_columns import decimals, utc_micros
from strideback.importers.track import TrackTotals, totals_of_timed_positions

_PREFIX = rb"(?:[\w.-]++:)*+"  # expat is run without namespaces: `gpxtpx:hr` is read as `hr`
_FIELDS = rb"(?:time|ele|hr|cad|type|trkpt|rtept|trk|rte|trkseg|gpx)"
# Any tag the reader ignores, with the text after it; never one of the fields above, so each field
# can only be taken by its own group below (at most once per point) and a point ends at its own end.
_OTHER = (
    rb"(?:<" + _PREFIX + rb"(?!" + _FIELDS + rb"[\s/>])[\w.-]+[^>]*+>[^<]*+"
    rb"|</" + _PREFIX + rb"(?!" + _FIELDS + rb"[\s>])[\w.-]+\s*>[^<]*+)*+"
)


def _field(name: bytes) -> bytes:
    return rb"<" + _PREFIX + name + rb"\s*>([^<]*+)</[^>]*+>[^<]*+" + _OTHER


_POINT = (
    rb"<" + _PREFIX + rb"(?:trkpt|rtept)\s+"
    rb'(?:lat\s*=\s*"([^"]*+)"\s+lon\s*=\s*"([^"]*+)"|lon\s*=\s*"([^"]*+)"\s+lat\s*=\s*"([^"]*+)")\s*>'
    rb"[^<]*+" + _OTHER + rb"(?:" + _field(b"ele") + rb"(?:" + _field(b"time") + rb")?"
    rb"|" + _field(b"time") + rb"(?:" + _field(b"ele") + rb")?)?"
    rb"(?:" + _field(b"hr") + rb")?(?:" + _field(b"cad") + rb")?"
    rb"</" + _PREFIX + rb"(?:trkpt|rtept)\s*>"
)
# The commonest shape of all, written out so that the pass is quicker (6 groups: lat lon ele time hr cad):
# <trkpt lat lon><ele/><time/><extensions><x:TrackPointExtension><x:atemp/><x:hr/><x:cad/>...
_COMMON_POINT = (
    rb'<trkpt\s+lat="([^"]*+)"\s+lon="([^"]*+)"\s*>\s*+(?:<ele>([^<]*+)</ele>\s*+)?<time>([^<]*+)</time>'
    rb"\s*+(?:<extensions>\s*+<\w++:TrackPointExtension>\s*+(?:<\w++:atemp>[^<]*+</\w++:atemp>\s*+)?"
    rb"(?:<\w++:hr>([^<]*+)</\w++:hr>\s*+)?(?:<\w++:cad>([^<]*+)</\w++:cad>\s*+)?"
    rb"</\w++:TrackPointExtension>\s*+</extensions>\s*+)?</trkpt>"
)


def _pass(point: bytes) -> re.Pattern[bytes]:
    """One pass over the file, in document order: a plain point (its groups), or a track, route or
    segment tag or a plain sport name (1 group: the text, read by _TAG or _SPORT), or else the name
    of any other point, sport name or <gpx> (1 group)."""
    return re.compile(
        point
        + rb"|(</?" + _PREFIX + rb"(?:trk|rte|trkseg)(?=[\s/>])[^>]*+>|<" + _PREFIX + rb"type\s*>[^<]*+</)"
        + rb"|<" + _PREFIX + rb"(trkpt|rtept|type|gpx)[\s/>]"
    )  # fmt: skip


_TAG = re.compile(rb"<(/?)" + _PREFIX + rb"(trk|rte|trkseg)(?=[\s/>])[^>]*?(/?)>")
_SPORT = re.compile(rb"<" + _PREFIX + rb"type\s*>([^<]*+)</")
_PASSES = ((_pass(_COMMON_POINT), 6), (_pass(_POINT), 10))
_OPENING = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml\s[^>]*>")  # the XML declaration
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml\s[^>]*?encoding\s*=\s*[\"']([\w.:-]*)[\"']")
_ASCII_COMPATIBLE = re.compile(rb"(?i)utf-?8|us-ascii|ascii|iso-?8859-\d+|latin-?\d|(?:windows|cp)-?125\d")


@dataclass
class TrackGroup:
    """One <trk> or <rte> of a GPX file: its totals and its sport as the file names it."""

    kind: str
    totals: TrackTotals = field(default_factory=TrackTotals)
    sport_name: str | None = None


@dataclass
class _Stretch:
    """Rows `start:end` of the pass: points of one segment of one group."""

    start: int
    end: int
    segment: int


@dataclass
class _Group:
    kind: str
    stretches: list[_Stretch] = field(default_factory=list)
    types: list[bytes] = field(default_factory=list)
    segment: int = 0


def read_plain_gpx(data: bytes) -> tuple[list[TrackGroup], int] | None:
    """Groups and element count of a plain GPX file that expat accepted, or None to use expat."""
    instructions = _plain_document(data)
    if instructions is None:
        return None
    for one_pass, point_groups in _PASSES:
        rows = one_pass.findall(data)
        columns = list(zip(*rows, strict=True))
        points, (marks, other) = columns[:point_groups], columns[point_groups:]
        if other.count(b"gpx") != 1:
            return None  # a second <gpx>: its creator would count
        if other.count(b"") == len(rows) - 1:
            break
    else:
        return None  # a point or sport name not in the plain shape
    if point_groups == 10:  # lat and lon, ele and time, may come in either order
        lat1, lon1, lon2, lat2, ele1, time1, time2, ele2, heart_rate, cadence = points
        points = [_either(lat1, lat2), _either(lon1, lon2), _either(ele1, ele2), _either(time1, time2)]
        points += [heart_rate, cadence]
    groups = _groups(marks)
    if groups is None:
        return None
    result = []
    for group in groups:
        read = _group(group, points)
        if read is None:
            return None
        result.append(read)
    return result, _element_count(data, instructions)


def _element_count(data: bytes, instructions: int) -> int:
    """Elements, as expat counts start tags: no `<` in comments, CDATA or instructions here."""
    return data.count(b"<") - data.count(b"</") - instructions


def _plain_document(data: bytes) -> int | None:
    """None unless every `<` in the file starts a tag; else the number of `<?` (0 or 1)."""
    if b"<!" in data or b"\x00" in data:
        return None  # comments, CDATA, a DTD; UTF-16 or UTF-32 text
    opening = _OPENING.match(data)
    declared = opening is not None
    if data.count(b"?") == (opening.group().count(b"?") if declared else 0):  # quicker than "<?"
        instructions = int(declared)
    else:
        instructions = data.count(b"<?")
    if instructions > int(declared):
        return None  # processing instructions may hold `<`
    encoding = _DECLARATION.match(data)
    if encoding and not _ASCII_COMPATIBLE.fullmatch(encoding.group(1)):
        return None
    return instructions


def _groups(marks: tuple[bytes, ...]) -> list[_Group] | None:
    """Tracks and routes in file order, with the rows of their points by segment."""
    groups: list[_Group] = []
    current: _Group | None = None
    previous = 0
    for row in [*np.flatnonzero(np.fromiter(map(bool, marks), bool, len(marks))).tolist(), len(marks)]:
        if current is not None and row > previous:
            current.stretches.append(_Stretch(previous, row, current.segment))
        previous = row + 1
        if row == len(marks):
            break
        sport = _SPORT.fullmatch(marks[row])
        if sport:
            if current is not None:
                current.types.append(sport.group(1))
            continue
        closing, name, self_closing = _TAG.fullmatch(marks[row]).groups()  # type: ignore[union-attr]
        if name == b"trkseg":
            if current is not None and not closing:
                current.segment += 1
        elif closing:
            if current is None or current.kind != name.decode():
                return None
            groups.append(current)
            current = None
        elif current is not None:
            return None  # a track inside a track: leave it to expat
        else:
            current = _Group(name.decode())
            if self_closing:
                groups.append(current)
                current = None
    return None if current is not None else groups


def _group(points: _Group, columns: list[tuple[bytes, ...]]) -> TrackGroup | None:
    """Totals of one track or route; `columns`: lat, lon, ele, time, hr, cad of every row."""
    group = TrackGroup(points.kind)
    sport_name = None
    for text in points.types:
        if not _plain_value(text):
            return None
        sport_name = ((sport_name or "") + text.decode("ascii")).strip() or None
    group.sport_name = sport_name
    if not points.stretches:
        return group
    lat, lon, elevation, times, heart_rate, cadence = (
        tuple(value for stretch in points.stretches for value in column[stretch.start : stretch.end])
        if len(points.stretches) > 1
        else column[points.stretches[0].start : points.stretches[0].end]
        for column in columns
    )
    segments = np.repeat(
        [stretch.segment for stretch in points.stretches],
        [stretch.end - stretch.start for stretch in points.stretches],
    )
    if not all(
        _plain_value(b"".join(column)) for column in (lat, lon, times, elevation, heart_rate, cadence)
    ):
        return None
    lat_deg, lon_deg = _coordinates(lat, 90), _coordinates(lon, 180)
    micros = utc_micros(times)
    optional = [_optional_floats(column) for column in (elevation, heart_rate, cadence)]
    if lat_deg is None or lon_deg is None or micros is None or any(c is None for c in optional):
        return None
    group.totals = totals_of_timed_positions(lat_deg, lon_deg, micros, *optional, segments)  # type: ignore[arg-type]
    return group


def _plain_value(text: bytes) -> bool:
    """ASCII without entity references or carriage returns: the bytes are what expat would give."""
    return text.isascii() and b"&" not in text and b"\r" not in text


def _either(first: tuple[bytes, ...], second: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """Join the two capture groups of a value that may come in either of two places."""
    if not any(second):
        return first
    return tuple(a or b for a, b in zip(first, second, strict=True))


def _numbers(column: tuple[bytes, ...]) -> np.ndarray:
    """Every value as `float()` reads it (ValueError if one is not a number)."""
    values = decimals(column)
    return np.array(list(map(float, column)), dtype=float) if values is None else values


def _coordinates(column: tuple[bytes, ...], limit: float) -> np.ndarray | None:
    try:
        values = _numbers(column)
    except ValueError:
        return None
    if not (np.isfinite(values).all() and (np.abs(values) <= limit).all()):
        return None  # a point without a usable position: the expat reader handles those
    return values


def _optional_floats(column: tuple[bytes, ...]) -> np.ndarray | None:
    """Numbers, NaN where absent or not finite (as parse_float gives None); None if one is unreadable."""
    try:
        if all(column):
            values = _numbers(column)
        elif any(column):
            values = np.array([float(text) if text else np.nan for text in column], dtype=float)
        else:
            return np.full(len(column), np.nan)
    except ValueError:
        return None
    values[~np.isfinite(values)] = np.nan
    return values
