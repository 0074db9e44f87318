"""GPX files: totals match the track (gpxpy as the independent reference) within 1%."""

from __future__ import annotations

import datetime as dt
import gzip

import gpxpy
import pytest

from strideback.domain.types import Sport
from strideback.importers.dispatch import read_bytes
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.gpx import read_gpx

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
