"""Strava and Garmin account exports built in the test from the real header and real files."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pytest

from strideback.domain.types import Sport
from strideback.importers.sources import read_sources

from .helpers import DATA, make_zip

HEADER = DATA / "strava" / "activities_csv_header.txt"
RUN_FIT = DATA / "fit" / "fitparse__garmin-fenix-5-run.fit"
RIDE_FIT = DATA / "fit" / "fitparse__garmin-edge-500-activity.fit"
GPX = DATA / "gpx" / "gpxpy__korita-zbevnica.gpx"
TCX = DATA / "tcx" / "tcxparser__test.tcx"

pytestmark = pytest.mark.skipif(not HEADER.is_file(), reason="shared samples absent")


def _strava_csv(rows: list[dict[str, str]]) -> bytes:
    header = next(csv.reader([HEADER.read_text().strip()]))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for values in rows:
        row, seen = [], {}
        for name in header:
            occurrence = seen.get(name, 0)
            seen[name] = occurrence + 1
            row.append(
                values.get(f"{name}#{occurrence}", values.get(name, ""))
                if occurrence == 0
                else values.get(f"{name}#{occurrence}", "")
            )
        writer.writerow(row)
    return out.getvalue().encode()


ROWS = [
    {
        "Activity ID": "101",
        "Activity Date": "Jun 11, 2017, 2:34:09 PM",
        "Activity Type": "Run",
        "Filename": "activities/101.fit.gz",
        "Perceived Exertion": "6",
        "Elapsed Time": "57",
    },
    {
        "Activity ID": "102",
        "Activity Date": "Oct 3, 2010, 9:36:30 AM",
        "Activity Type": "Hike",
        "Filename": "activities/102.gpx",
    },
    {
        "Activity ID": "103",
        "Activity Date": "Dec 26, 2012, 9:29:53 PM",
        "Activity Type": "Run",
        "Filename": "activities/103.tcx.gz",
    },
    {
        "Activity ID": "104",
        "Activity Date": "Oct 7, 2020, 2:43:11 PM",
        "Activity Type": "Weight Training",
        "Elapsed Time": "2700",
        "Elapsed Time#1": "2700.0",
        "Perceived Exertion": "5",
        "Activity Private Note": "back felt fine",
    },
    {
        "Activity ID": "105",
        "Activity Date": "Oct 8, 2020, 7:00:00 AM",
        "Activity Type": "Run",
        "Elapsed Time": "1800",
        "Distance": "5.2",
        "Distance#1": "5200.0",
        "Moving Time": "1750",
    },
]


def _strava_files() -> dict[str, bytes]:
    return {
        "activities.csv": _strava_csv(ROWS),
        "activities/101.fit.gz": gzip.compress(RUN_FIT.read_bytes()),
        "activities/102.gpx": GPX.read_bytes(),
        "activities/103.tcx.gz": gzip.compress(TCX.read_bytes()),
        "media/photo.jpg": b"\xff\xd8\xff\xe0 not an activity",
        "profile.csv": b"Athlete ID,Email\n1,x@example.org\n",
    }


def _check_strava(results):
    assert not [r for r in results if r.error], [r.error for r in results if r.error]
    activities = {a.fingerprint: a for r in results for a in r.activities}
    assert set(activities) == {f"strava:{n}" for n in range(101, 106)}
    run = activities["strava:101"]
    assert run.source == "strava" and run.rpe == 6 and run.sport is Sport.RUN
    assert run.duration_s == pytest.approx(56.887, rel=0.01)  # from the FIT session
    assert activities["strava:102"].sport is Sport.WALK
    assert activities["strava:103"].distance_m == pytest.approx(4686.31, rel=0.01)
    manual = activities["strava:104"]
    assert manual.sport is Sport.STRENGTH and manual.rpe == 5 and manual.note == "back felt fine"
    assert manual.start.isoformat() == "2020-10-07T14:43:11+00:00"
    assert activities["strava:105"].distance_m == 5200.0  # the second Distance column is metres


def test_strava_export_zip(tmp_path):
    archive = tmp_path / "export_123.zip"
    archive.write_bytes(make_zip(_strava_files()))
    _check_strava(list(read_sources([archive], workers=1)))


def test_strava_export_folder(tmp_path):
    for name, data in _strava_files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    _check_strava(list(read_sources([tmp_path], workers=1)))


def test_strava_file_that_is_damaged_falls_back_to_its_row_and_says_so(tmp_path):
    files = _strava_files()
    files["activities/101.fit.gz"] = gzip.compress(b"\x0e\x10" + b"garbage" * 10)
    archive = tmp_path / "export.zip"
    archive.write_bytes(make_zip(files))
    results = list(read_sources([archive], workers=1))
    row = next(r for r in results if any(a.fingerprint == "strava:101" for a in r.activities))
    assert row.content.problems and "101.fit.gz" in row.content.problems[0][0]


def _garmin_summary() -> bytes:
    return json.dumps(
        [
            {
                "summarizedActivitiesExport": [
                    {
                        "activityId": 9001,
                        "activityType": "running",
                        "beginTimestamp": 1497191649000,
                        "startTimeLocal": 1497166449000,
                        "duration": 56887.0,
                        "elapsedDuration": 56887.0,
                        "distance": 15756.0,
                        "avgHr": 90.0,
                        "maxHr": 120.0,
                        "elevationGain": 300.0,
                    },
                    {
                        "activityId": 9002,
                        "activityType": {"typeKey": "lap_swimming"},
                        "beginTimestamp": 1500000000000,
                        "duration": 1800000.0,
                        "distance": 150000.0,
                    },
                    {
                        "activityId": 9003,
                        "activityType": "running",
                        "beginTimestamp": 1500100000000,
                        "duration": 60000.0,
                        "distance": 5000000.0,
                    },
                ]
            }
        ]
    ).encode()


def test_garmin_export_with_nested_zips(tmp_path):
    uploaded = make_zip(
        {"user_9001.fit": RUN_FIT.read_bytes(), "user_555.fit": RIDE_FIT.read_bytes(), "notes.txt": b"hello"}
    )
    archive = tmp_path / "garmin.zip"
    archive.write_bytes(
        make_zip(
            {
                "DI_CONNECT/DI-Connect-Fitness/me@example.org_0_summarizedActivities.json": _garmin_summary(),
                "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": uploaded,
                "DI_CONNECT/DI-Connect-Wellness/sleep.json": b"{}",
            }
        )
    )
    results = list(read_sources([archive], workers=1))
    by_path = {r.path.rsplit("/", 1)[-1]: r for r in results}
    assert "sleep.json" not in by_path  # wellness data is not read
    assert by_path["user_9001.fit"].activities[0].sport is Sport.RUN
    assert by_path["user_555.fit"].activities[0].sport is Sport.CYCLE
    assert by_path["notes.txt"].skipped
    summary = by_path["me@example.org_0_summarizedActivities.json"]
    fingerprints = [a.fingerprint for a in summary.activities]
    assert fingerprints == ["garmin:9001", "garmin:9002"]
    run = summary.activities[0]
    assert run.duration_s == pytest.approx(56.887) and run.distance_m == pytest.approx(157.56)
    assert run.start.utcoffset().total_seconds() == -7 * 3600
    assert summary.activities[1].sport is Sport.SWIM
    (problem,) = summary.content.problems  # 50 km in one minute
    assert "9003" in problem[0] and "km/h" in problem[1]
