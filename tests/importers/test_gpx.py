"""GPX files: totals match the track (gpxpy as the independent reference) within 1%."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import math

import gpxpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.domain.types import Sport
from strideback.importers.dispatch import read_bytes
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.gpx import read_gpx, read_gpx_with_expat
from strideback.importers.gpx_fast import read_plain_gpx
from strideback.importers.text_columns import decimals, utc_micros
from strideback.importers.xml_stream import check_xml

from .helpers import DATA, gpx_track, run_points

GPX_FILES = sorted((DATA / "gpx").glob("*.gpx")) if (DATA / "gpx").is_dir() else []


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _reference(path):
    """Elapsed time over all timed points, and the length of the tracks that have times."""
    gpx = gpxpy.parse(path.read_bytes().decode("utf-8-sig"))
    times, length = [], 0.0
    for track in gpx.tracks:
        track_times = [_aware(p.time) for seg in track.segments for p in seg.points if p.time]
        if track_times:
            times += track_times
            length += track.length_2d()
    return length, times


@pytest.mark.skipif(not GPX_FILES, reason="shared GPX samples absent")
@pytest.mark.parametrize("path", GPX_FILES, ids=lambda p: p.name)
def test_gpx_totals_match_the_track(path):
    length, times = _reference(path)
    elapsed = (max(times) - min(times)).total_seconds() if times else 0
    if elapsed < 1:
        with pytest.raises(SkippedFile, match="without times"):
            read_gpx(path.read_bytes(), path.name)
        return
    activities = read_gpx(path.read_bytes(), path.name).activities
    assert sum(a.duration_s for a in activities) == pytest.approx(elapsed, rel=0.01)
    distance = sum(a.distance_m or 0 for a in activities)
    assert distance == pytest.approx(length, rel=0.01)


def test_tracks_minutes_apart_are_one_outing_and_days_apart_are_two():
    first = run_points(0, 20)
    second = [(lat + 0.1, lon, t.replace("07:", "08:")) for lat, lon, t in run_points(0, 20)]
    body = "".join(
        "<trk><trkseg>"
        + "".join(f'<trkpt lat="{a}" lon="{b}"><time>{t}</time></trkpt>' for a, b, t in pts)
        + "</trkseg></trk>"
        for pts in (first, second)
    )
    one = f'<gpx xmlns="http://www.topografix.com/GPX/1/1">{body}</gpx>'.encode()
    assert len(read_gpx(one, "a.gpx").activities) == 1
    far = one.replace(b"2024-05-01T08", b"2024-05-03T08")
    assert len(read_gpx(far, "b.gpx").activities) == 2


def test_points_without_position_or_time_are_tolerated():
    data = (
        b'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        b'<trkpt lat="46.0" lon="14.0"><time>2024-05-01T07:00:00Z</time></trkpt>'
        b"<trkpt><time>2024-05-01T07:05:00Z</time></trkpt>"
        b'<trkpt lat="46.01" lon="14.0"></trkpt>'
        b'<trkpt lat="46.02" lon="14.0"><time>2024-05-01T07:10:00Z</time></trkpt>'
        b"</trkseg></trk></gpx>"
    )
    (run,) = read_gpx(data, "gaps.gpx").activities
    assert run.sport is Sport.RUN
    assert run.duration_s == 600
    assert run.distance_m == pytest.approx(2224, rel=0.01)


def test_sport_is_guessed_from_speed_when_the_file_does_not_say():
    (activity,) = read_gpx(gpx_track(run_points(), sport=None), "x.gpx").activities
    assert activity.sport is Sport.RUN
    assert "guessed" in activity.note


def test_gzipped_gpx_reads_the_same():
    data = gpx_track(run_points())
    (plain,) = read_bytes(data, "r.gpx")
    (packed,) = read_bytes(gzip.compress(data), "r.gpx.gz")
    assert plain.activities[0].duration_s == packed.activities[0].duration_s
    assert plain.activities[0].fingerprint == packed.activities[0].fingerprint


def test_impossible_speed_is_a_per_file_error():
    points = [(46.0, 14.0, "2024-05-01T07:00:00Z"), (46.5, 14.0, "2024-05-01T07:02:00Z")]  # 55 km in 2 min
    with pytest.raises(UnreadableFile, match="km/h"):
        read_gpx(gpx_track(points), "fast.gpx")


def test_malformed_xml_is_a_clear_error():
    with pytest.raises(UnreadableFile, match="malformed XML"):
        read_gpx(gpx_track(run_points())[:-20], "cut.gpx")


def test_entity_bomb_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<gpx><trk><name>&c;</name></trk></gpx>"
    )
    with pytest.raises(UnreadableFile, match="entit"):
        read_gpx(bomb, "bomb.gpx")


def test_external_entity_is_refused():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b"<gpx><trk><name>&secret;</name></trk></gpx>"
    )
    with pytest.raises(UnreadableFile):
        read_gpx(data, "xxe.gpx")


# ---------------------------------------------------------------- the fast path for plain tracks
# read_plain_gpx must give exactly what the expat reader gives, or None (then expat reads the file).


def _same_as_expat(data: bytes) -> bool:
    """True when the fast path read the file, after checking it matches the expat reader."""
    check_xml(data, "x.gpx")
    plain = read_plain_gpx(data)
    groups, elements, _creator = read_gpx_with_expat(data, "x.gpx")
    if plain is None:
        return False
    fast_groups, fast_elements = plain
    assert fast_elements == elements
    assert [(g.kind, g.sport_name) for g in fast_groups] == [(g.kind, g.sport_name) for g in groups]
    for fast, slow in zip((g.totals for g in fast_groups), (g.totals for g in groups), strict=True):
        assert (fast.points, fast.first_time, fast.last_time) == (
            slow.points,
            slow.first_time,
            slow.last_time,
        )
        assert (fast.heart_rate_count, fast.cadence_count, fast.heart_rate_max) == (
            slow.heart_rate_count,
            slow.cadence_count,
            slow.heart_rate_max,
        )
        for name in ("distance_m", "moving_s", "climb_m", "heart_rate_sum", "cadence_sum"):
            assert getattr(fast, name) == pytest.approx(getattr(slow, name), rel=1e-9, abs=1e-9), name
    return True


def _point(lat, lon, time=None, ele=None, hr=None, cad=None, *, lon_first=False, time_first=False, extra=""):
    position = f'lon="{lon}" lat="{lat}"' if lon_first else f'lat="{lat}" lon="{lon}"'
    parts = [f"<ele>{ele}</ele>" if ele is not None else "", f"<time>{time}</time>" if time else ""]
    if time_first:
        parts.reverse()
    leaves = "".join(
        f"<gpxtpx:{name}>{value}</gpxtpx:{name}>"
        for name, value in (("hr", hr), ("cad", cad))
        if value is not None
    )
    extensions = (
        f"<extensions><gpxtpx:TrackPointExtension>{leaves}</gpxtpx:TrackPointExtension></extensions>"
        if leaves
        else ""
    )
    return f"<trkpt {position}>{''.join(parts)}{extra}{extensions}</trkpt>"


def _gpx(body: str, head: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return (
        f'{head}<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" '
        f'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">{body}</gpx>'
    ).encode()


def _run(count=40, **shape) -> str:
    return "".join(
        _point(
            46.0 + i * 0.00012345,
            14.0 + i * 0.00001,
            f"2024-05-01T07:{i // 60:02d}:{i % 60:02d}Z",
            300 + (i * 7) % 13,
            120 + i % 30,
            80 + i % 5,
            **shape,
        )
        for i in range(count)
    )


PLAIN_SHAPES = {
    "garmin extensions": f"<trk><name>x</name><type>running</type><trkseg>{_run()}</trkseg></trk>",
    "lon before lat, time before ele": f"<trk><trkseg>{_run(lon_first=True, time_first=True)}</trkseg></trk>",
    "other children": f"<trk><trkseg>{_run(extra='<sat>7</sat><hdop>1.2</hdop>')}</trkseg></trk>",
    "segments and tracks": f"<trk><trkseg>{_run(20)}</trkseg><trkseg>{_run(30)}</trkseg></trk>"
    f"<trk><type>walking</type><trkseg>{_run(10)}</trkseg></trk>",
    "route": "<rte>" + _run(15).replace("trkpt", "rtept") + "</rte>",
    "prefixed elements": "<gpx:trk xmlns:gpx='x'><gpx:trkseg>"
    + _run(12).replace("<trkpt", "<gpx:trkpt").replace("</trkpt", "</gpx:trkpt")
    + "</gpx:trkseg></gpx:trk>",
    "waypoints and metadata": '<metadata><time>2024-05-01T06:00:00Z</time></metadata><wpt lat="1" lon="2">'
    f"<ele>5</ele><time>2024-05-01T06:00:00Z</time></wpt><trk><trkseg>{_run()}</trkseg></trk>",
    "fractional seconds": "<trk><trkseg>"
    + "".join(_point(46 + i / 1000, 14, f"2024-05-01T07:00:{i:02d}.{i * 37:03d}Z") for i in range(30))
    + "</trkseg></trk>",
}


@pytest.mark.parametrize("body", PLAIN_SHAPES.values(), ids=PLAIN_SHAPES.keys())
def test_plain_tracks_are_read_by_the_fast_path_exactly_as_by_expat(body):
    assert _same_as_expat(_gpx(body))


UNUSUAL = {
    "a comment": f"<trk><!-- paused --><trkseg>{_run()}</trkseg></trk>",
    "a character reference in a position": "<trk><trkseg>"
    + _run().replace('lat="46.0"', 'lat="4&#54;.0"')
    + "</trkseg></trk>",
    "a point without time": f"<trk><trkseg>{_run()}{_point(46.0049, 14.0004)}</trkseg></trk>",
    "a time with an offset": f"<trk><trkseg>{_run().replace('Z<', '+02:00<')}</trkseg></trk>",
    "two heart rates in a point": "<trk><trkseg>"
    + _run(3).replace("</gpxtpx:cad>", "</gpxtpx:cad><gpxtpx:hr>99</gpxtpx:hr>")
    + "</trkseg></trk>",
    "a track inside a track": f"<trk><trkseg>{_run()}</trkseg><trk></trk></trk>",
    "a processing instruction": f"<trk><?pause here?><trkseg>{_run()}</trkseg></trk>",
    "a position out of range": f"<trk><trkseg>{_run()}{_point(95, 14, '2024-05-01T08:00:00Z')}</trkseg></trk>",
    "a non-ASCII sport": f"<trk><type>Laufen über Stock</type><trkseg>{_run()}</trkseg></trk>",
}


@pytest.mark.parametrize("body", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_tracks_are_left_to_expat(body):
    data = _gpx(body)
    assert not _same_as_expat(data)
    with contextlib.suppress(SkippedFile):  # the outer of two nested tracks is not kept
        read_gpx(data, "unusual.gpx")  # and expat reads it


def test_utf16_files_are_left_to_expat():
    data = _gpx(f"<trk><trkseg>{_run()}</trkseg></trk>", head='<?xml version="1.0" encoding="UTF-16"?>')
    data = data.decode().encode("utf-16")
    assert read_plain_gpx(data) is None
    (run,) = read_gpx(data, "utf16.gpx").activities
    assert run.duration_s == 39


@pytest.mark.skipif(not GPX_FILES, reason="shared GPX samples absent")
@pytest.mark.parametrize("path", GPX_FILES, ids=lambda p: p.name)
def test_sample_files_read_by_the_fast_path_match_expat(path):
    data = path.read_bytes()
    try:
        check_xml(data, path.name)
    except UnreadableFile:
        return
    _same_as_expat(data)


_numbers = st.floats(-200, 200, allow_nan=False).map(lambda x: f"{x:.{abs(int(x * 7)) % 9}f}")
_texts = st.one_of(_numbers, st.sampled_from(["", " 4 ", "nan", "inf", "1e3", "+1", "-0", "5.", ".5", "x"]))
_times = st.one_of(
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 1, 1)).map(lambda d: d.isoformat() + "Z"),
    st.sampled_from(["", "2024-02-30T00:00:00Z", "2024-05-01T07:00:00+02:00", "2024-05-01 07:00:00Z"]),
)
_points = st.builds(
    _point,
    lat=st.one_of(_numbers, _texts),
    lon=_numbers,
    time=st.one_of(st.none(), _times),
    ele=st.one_of(st.none(), _texts),
    hr=st.one_of(st.none(), _texts),
    cad=st.one_of(st.none(), _numbers),
    lon_first=st.booleans(),
    time_first=st.booleans(),
    extra=st.sampled_from(["", "<sat>5</sat>", "<name>a &amp; b</name>"]),
)


_clean_points = st.builds(
    _point,
    lat=st.floats(45, 46).map(lambda x: f"{x:.6f}"),
    lon=st.floats(14, 14.01).map(lambda x: f"{x:.7f}"),
    time=st.datetimes(dt.datetime(2024, 5, 1, 7), dt.datetime(2024, 5, 1, 9)).map(
        lambda d: d.isoformat(timespec="milliseconds") + "Z"
    ),
    ele=st.one_of(st.none(), st.floats(0, 30).map(lambda x: f"{x:.1f}")),
    hr=st.one_of(st.none(), st.integers(0, 200)),
    cad=st.one_of(st.none(), st.integers(0, 100)),
    lon_first=st.booleans(),
    time_first=st.booleans(),
)


def _tracks(points):
    segments = st.lists(st.lists(points, max_size=6), min_size=1, max_size=3)
    return st.lists(st.tuples(segments, st.sampled_from(["", "run", " "])), min_size=1, max_size=3)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_tracks(_clean_points), _tracks(_points)))
def test_fast_path_agrees_with_expat_on_any_track(tracks):
    body = "".join(
        "<trk>"
        + (f"<type>{sport}</type>" if sport else "")
        + "".join(f"<trkseg>{''.join(segment)}</trkseg>" for segment in segments)
        + "</trk>"
        for segments, sport in tracks
    )
    _same_as_expat(_gpx(body))


@given(st.lists(st.one_of(_numbers, _texts).map(str.encode), min_size=1, max_size=8))
def test_decimals_read_as_float_does(texts):
    values = decimals(tuple(texts))
    if values is not None:
        for text, value in zip(texts, values.tolist(), strict=True):
            assert value == float(text) and math.copysign(1, value) == math.copysign(1, float(text))


@given(st.lists(_times.map(str.encode), min_size=1, max_size=6))
def test_utc_micros_read_as_fromisoformat_does(texts):
    micros = utc_micros(tuple(texts))
    if micros is not None:
        for text, value in zip(texts, micros.tolist(), strict=True):
            moment = dt.datetime.fromisoformat(text.decode())
            assert moment.tzinfo == dt.UTC
            assert dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=value) == moment
