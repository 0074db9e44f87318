"""Issue 11 item 10: de-duplication never destroys what was stored.

One device cannot record two sessions at once: the Fenix 5's walk and run, 78 s apart, are two
sessions. A real cross-source merge (the same run from the watch and from Strava) keeps both
source records, linked, and shows the richest."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from strideback.domain import dedup
from strideback.domain.types import Activity, Sport
from strideback.services.importing import import_paths
from strideback.store import records


def _fit(shared_data: Path, name: str) -> str:
    return str(shared_data / "fit" / f"fitparse__garmin-fenix-5-{name}.fit")


def _alone(shared_data: Path, name: str) -> Activity:
    from strideback.importers import read_sources

    [result] = list(read_sources([_fit(shared_data, name)]))
    [activity] = result.content.activities
    return activity


def test_dedup_same_watch_walk_then_run_both_survive_intact(person: int, shared_data: Path) -> None:
    walk, run = _alone(shared_data, "walk"), _alone(shared_data, "run")
    first = import_paths(person, [_fit(shared_data, "walk")])
    second = import_paths(person, [_fit(shared_data, "run")])
    assert (first.imported, second.imported, second.merged) == (1, 1, 0)
    stored = sorted(records.list_activities(person), key=lambda a: a.start)
    assert [a.sport for a in stored] == [Sport.WALK, Sport.RUN]
    for got, original in zip(stored, (walk, run), strict=True):
        assert got.start == original.start
        assert got.duration_s == original.duration_s
        assert got.distance_m == original.distance_m
        assert got.fingerprint == original.fingerprint


def test_dedup_same_watch_run_then_walk_both_survive(person: int, shared_data: Path) -> None:
    import_paths(person, [_fit(shared_data, "run")])
    import_paths(person, [_fit(shared_data, "walk")])
    stored = sorted(records.list_activities(person), key=lambda a: a.start)
    assert [(a.sport, a.distance_m) for a in stored] == [
        (Sport.WALK, _alone(shared_data, "walk").distance_m),
        (Sport.RUN, _alone(shared_data, "run").distance_m),
    ]


def test_dedup_one_device_never_matches_itself() -> None:
    start = dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
    a = Activity(Sport.WALK, start, 60, source="fit", device="garmin fenix5", fingerprint="fit:a")
    b = Activity(Sport.RUN, start + dt.timedelta(seconds=78), 60, source="fit", device="garmin fenix5")
    assert not dedup.is_same_session(a, b)
    other_source = dataclasses.replace(b, source="strava", device=None)
    assert dedup.is_same_session(a, other_source)


def _strava_gpx(path: Path, run: Activity) -> Path:
    """The same run as Strava's GPX export: the watch's start and duration, a track, no device."""
    points = []
    for i in range(0, int(run.duration_s) + 1, 5):
        t = (run.start + dt.timedelta(seconds=i)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(f'<trkpt lat="{46.0 + i * 1e-5:.6f}" lon="14.5"><time>{t}</time></trkpt>')
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="StravaGPX" xmlns="http://www.topografix.com/GPX/1/1">'
        "<trk><type>running</type><trkseg>" + "".join(points) + "</trkseg></trk></gpx>"
    )
    return path


def test_dedup_cross_source_merge_keeps_both_source_records(
    person: int, shared_data: Path, tmp_path: Path
) -> None:
    run = _alone(shared_data, "run")
    gpx = _strava_gpx(tmp_path / "strava_run.gpx", run)
    import_paths(person, [str(gpx)])
    [before] = records.list_activities(person)
    records.update_activity_pain(before.id, 2, 1)  # typed by hand on the first copy
    report = import_paths(person, [_fit(shared_data, "run")])
    assert report.merged == 1
    [session] = records.list_activities(person)
    assert session.id == before.id
    assert (session.pain_during, session.pain_after) == (2, 1)  # what the person entered stays
    assert session.device == run.device  # the richest record is shown
    sources = records.activity_sources(session.id)
    assert {s["fingerprint"] for s in sources} == {before.fingerprint, run.fingerprint}
    kept = {s["fingerprint"]: s["record"] for s in sources}
    assert kept[run.fingerprint]["distance_m"] == run.distance_m
    assert kept[before.fingerprint]["distance_m"] == before.distance_m
    assert kept[before.fingerprint]["source"] == before.source
