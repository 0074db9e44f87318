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
from strideback.importers import gpx_fast
from strideback.importers.dispatch import read_bytes
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.gpx import read_gpx, read_gpx_with_expat
from strideback.importers.gpx_fast import read_gpx_tree
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


# ---------------------------------------------------------------- the ElementTree fast path
# read_gpx_tree must give exactly what the expat reader gives, or None (then expat reads the file).


def _assert_same_groups(fast_groups, groups):
    assert [(g.kind, g.sport_name) for g in fast_groups] == [(g.kind, g.sport_name) for g in groups]
    for fast, slow in zip((g.totals for g in fast_groups), (g.totals for g in groups), strict=True):
        assert (fast.points, fast.first_time, fast.last_time) == (
            slow.points,
            slow.first_time,
            slow.last_time,
        )
        for moment in ("first_time", "last_time"):  # the same offset too, not only the same instant
            assert str(getattr(fast, moment)) == str(getattr(slow, moment))
        assert (fast.heart_rate_count, fast.cadence_count, fast.heart_rate_max) == (
            slow.heart_rate_count,
            slow.cadence_count,
            slow.heart_rate_max,
        )
        for name in ("distance_m", "moving_s", "climb_m", "heart_rate_sum", "cadence_sum"):
            assert getattr(fast, name) == pytest.approx(getattr(slow, name), rel=1e-9, abs=1e-9), name


def _same_as_expat(data: bytes) -> bool:
    """True when the tree path read the file, after checking it matches the expat reader; the expat
    reader itself must not depend on where the file is cut into chunks."""
    check_xml(data, "x.gpx")
    tree = read_gpx_tree(data)
    groups, elements, creator = read_gpx_with_expat(data, "x.gpx")
    chunked_groups, chunked_elements, chunked_creator = read_gpx_with_expat(data, "x.gpx", chunk_size=5)
    assert (chunked_elements, chunked_creator) == (elements, creator)
    _assert_same_groups(chunked_groups, groups)
    if tree is None:
        return False
    fast_groups, fast_elements, fast_creator = tree
    assert (fast_elements, fast_creator) == (elements, creator)
    _assert_same_groups(fast_groups, groups)
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
def test_plain_tracks_are_read_from_the_tree_exactly_as_by_expat(body):
    assert _same_as_expat(_gpx(body))


READ_FROM_THE_TREE_TOO = {
    "a comment": f"<trk><!-- paused --><trkseg>{_run()}</trkseg></trk>",
    "a comment inside a value": "<trk><trkseg>"
    + _run().replace("<ele>300</ele>", "<ele>3<!-- x -->00</ele>")
    + "</trkseg></trk>",
    "CDATA in a value": f"<trk><type><![CDATA[run]]>ning</type><trkseg>{_run()}</trkseg></trk>",
    "a character reference in a position": "<trk><trkseg>"
    + _run().replace('lat="46.0"', 'lat="4&#54;.0"')
    + "</trkseg></trk>",
    "a point without time": f"<trk><trkseg>{_run()}{_point(46.0049, 14.0004)}</trkseg></trk>",
    "a point without position": "<trk><trkseg>"
    + _run(5)
    + "<trkpt><time>2024-05-01T07:00:09Z</time></trkpt>"
    + "</trkseg></trk>",
    "a time with an offset": f"<trk><trkseg>{_run().replace('Z<', '+02:00<')}</trkseg></trk>",
    "a naive time": f"<trk><trkseg>{_run().replace('Z<', '<')}</trkseg></trk>",
    "a processing instruction": f"<trk><?pause here?><trkseg>{_run()}</trkseg></trk>",
    "a position out of range": f"<trk><trkseg>{_run()}{_point(95, 14, '2024-05-01T08:00:00Z')}</trkseg></trk>",
    "unreadable numbers": f"<trk><trkseg>{_run(5)}{_point('x', '1_4', 'soon', ' 5 ', 'nan', '٣')}</trkseg></trk>",
    "a non-ASCII sport": f"<trk><type>Laufen über Stock</type><trkseg>{_run()}</trkseg></trk>",
    "two sport names": f"<trk><type> trail </type><type>running </type><trkseg>{_run()}</trkseg></trk>",
    "empty values": f"<trk><type/><trkseg>{_run(3)}{_point(46, 14, '', '', '', '')}</trkseg></trk>",
    "heart rate in another extension": "<trk><trkseg>"
    + _run().replace("gpxtpx:", "ns3:").replace("<extensions>", "<extensions xmlns:ns3='urn:x'>")
    + "</trkseg></trk>",
    "empty track and segment": f"<trk/><trk><trkseg/><trkseg>{_run()}</trkseg></trk>",
    "points straight in the track": f"<trk>{_run()}</trk>",
    "a point outside any track": f"{_point(46, 14, '2024-05-01T07:00:00Z')}<trk><trkseg>{_run()}</trkseg></trk>",
}


@pytest.mark.parametrize("body", READ_FROM_THE_TREE_TOO.values(), ids=READ_FROM_THE_TREE_TOO.keys())
def test_unusual_but_plainly_shaped_tracks_are_read_from_the_tree_exactly_as_by_expat(body):
    assert _same_as_expat(_gpx(body))


BARE_POINT = '<trkpt lat="46.0001" lon="14"/>'
UNUSUAL = {
    "two heart rates in a point": "<trk><trkseg>"
    + _run(3).replace("</gpxtpx:cad>", "</gpxtpx:cad><gpxtpx:hr>99</gpxtpx:hr>")
    + "</trkseg></trk>",
    "two times in a point": f"<trk><trkseg>{_run(3, extra='<time>2024-05-01T09:00:00Z</time>')}</trkseg></trk>",
    "a time inside extensions": "<trk><trkseg>"
    + _run(3, extra="<extensions><time>2024-05-01T09:00:00Z</time></extensions>")
    + "</trkseg></trk>",
    "a time with an element inside": "<trk><trkseg>"
    + _run(3).replace("Z</time>", "<b/>Z</time>")
    + "</trkseg></trk>",
    "a sport name inside a point": f"<trk><trkseg>{_run(3, extra='<type>walk</type>')}</trkseg></trk>",
    "a sport name in the segment": f"<trk><trkseg><type>cycling</type>{_run(3)}</trkseg></trk>",
    "a track inside a track": f"<trk><trkseg>{_run()}</trkseg><trk></trk></trk>",
    "a track inside extensions": f"<extensions><trk><trkseg>{_run()}</trkseg></trk></extensions>",
    "a point inside a point": "<trk><trkseg>"
    + _run(3, extra=_point(46.5, 14, "2024-05-01T09:00:00Z"))
    + "</trkseg></trk>",
    "points both in and outside segments": f"<trk>{_run(3)}<trkseg>{_run(3)}</trkseg></trk>",
    "a bare point outside the segments": f"<trk>{BARE_POINT}<trkseg>{_run(3)}</trkseg></trk>",
    "a bare point inside a point": f"<trk><trkseg>{_run(3, extra=BARE_POINT)}</trkseg></trk>",
    "a segment inside a route": "<rte>"
    + (_run(3) + "<trkseg/>" + _run(6)[-3:]).replace("trkpt", "rtept")
    + "</rte>",
    "a route point in a track": "<trk><trkseg>" + _run(3).replace("trkpt", "rtept") + "</trkseg></trk>",
    "a second gpx element": f"<trk><trkseg>{_run()}</trkseg></trk><extensions><gpx creator='b'/></extensions>",
    "times in two namespaces": "<trk><trkseg>"
    + _run(3).replace("<time>", "<t:time xmlns:t='urn:t'>").replace("</time>", "</t:time>")
    + _point(46.0004, 14.00003, "2024-05-01T07:00:05Z")
    + "</trkseg></trk>",
}


@pytest.mark.parametrize("body", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_tracks_are_left_to_expat(body):
    data = _gpx(body)
    assert not _same_as_expat(data)
    with contextlib.suppress(SkippedFile):  # the outer of two nested tracks is not kept
        read_gpx(data, "unusual.gpx")  # and expat reads it


def test_an_undeclared_prefix_is_left_to_expat():
    data = _gpx(f"<trk><trkseg>{_run()}</trkseg><x:note>hi</x:note></trk>")
    assert not _same_as_expat(data)
    (run,) = read_gpx(data, "prefix.gpx").activities
    assert run.duration_s == 39


def test_files_above_the_size_bound_stream_through_expat(monkeypatch):
    data = _gpx(f"<trk><trkseg>{_run()}</trkseg></trk>")
    assert _same_as_expat(data)
    monkeypatch.setattr(gpx_fast, "MAX_TREE_BYTES", len(data) - 1)
    assert not _same_as_expat(data)
    (run,) = read_gpx(data, "big.gpx").activities
    assert run.duration_s == 39


ENCODINGS = {
    "UTF-16": lambda body: (
        _gpx(body, head='<?xml version="1.0" encoding="UTF-16"?>').decode().encode("utf-16")
    ),
    "UTF-8 with a BOM": lambda body: b"\xef\xbb\xbf" + _gpx(body),
    "ISO-8859-1": lambda body: (
        _gpx(body, head='<?xml version="1.0" encoding="ISO-8859-1"?>').decode().encode("latin-1")
    ),
    "windows-1252": lambda body: (
        _gpx(body, head='<?xml version="1.0" encoding="windows-1252"?>').decode().encode("cp1252")
    ),
    "GPX 1.0": lambda body: _gpx(body).replace(b"GPX/1/1", b"GPX/1/0"),
    "no namespace": lambda body: _gpx(body).replace(b' xmlns="http://www.topografix.com/GPX/1/1"', b""),
    "a DTD with a default attribute": lambda body: _gpx(
        body, head='<!DOCTYPE gpx [<!ATTLIST trkpt lon CDATA "14.0">]>'
    ).replace(b' lon="14.0"', b""),
}


@pytest.mark.parametrize("encode", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_encodings_and_namespaces_read_from_the_tree_exactly_as_by_expat(encode):
    data = encode(f"<trk><type>Laufen über Stock</type><trkseg>{_run()}</trkseg></trk>")
    assert _same_as_expat(data)
    (run,) = read_gpx(data, "encoded.gpx").activities
    assert run.duration_s == 39


def test_a_value_cut_where_the_file_is_fed_in_chunks_reads_whole():
    data = _gpx(f"<trk><type>running</type><trkseg>{_run(3)}</trkseg></trk>")
    cut = data.index(b"<gpxtpx:hr>") + len(b"<gpxtpx:hr>") + 1  # inside the first heart rate, "120"
    groups, _elements, _creator = read_gpx_with_expat(data, "cut.gpx", chunk_size=cut)
    assert groups[0].totals.heart_rate_max == 122
    assert groups[0].totals.heart_rate_sum == 120 + 121 + 122


@pytest.mark.skipif(not GPX_FILES, reason="shared GPX samples absent")
@pytest.mark.parametrize("path", GPX_FILES, ids=lambda p: p.name)
def test_sample_files_read_from_the_tree_match_expat(path):
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
    extra=st.sampled_from(
        [
            "",
            "<sat>5</sat>",
            "<name>a &amp; b</name>",
            "<!-- c -->",
            "<type>x</type>",
            "<extensions><time>2024-05-01T07:00:00Z</time></extensions>",
            "<ele>7</ele>",
        ]
    ),
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
