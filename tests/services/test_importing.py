"""import_paths: per-file transactions, exact and cross-source duplicates, check-ins."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from strideback.importers.results import FileContent, SourceResult
from strideback.services.importing import ImportReport, import_paths, save_result
from strideback.store import records

from ..importers.helpers import DATA, gpx_track, make_zip, run_points

FIT_DIR = DATA / "fit"
needs_data = pytest.mark.skipif(not FIT_DIR.is_dir(), reason="shared samples absent")


@needs_data
def test_reimport_reports_everything_as_duplicate(person, tmp_path):
    first = import_paths(person, [DATA], workers=1)
    assert first.imported > 30
    assert len(first.failed) == 11  # the damaged FIT files and the reference CSVs of expected values
    second = import_paths(person, [DATA], workers=1)
    assert second.imported == 0
    assert second.duplicates == first.imported + first.duplicates
    assert len(records.list_activities(person)) == first.imported


@needs_data
def test_the_same_run_from_the_watch_and_from_strava_is_stored_once(person, tmp_path):
    fit = FIT_DIR / "fitparse__garmin-fenix-5-run.fit"
    (watch,) = import_paths(person, [fit], workers=1).activities
    strava_like = tmp_path / "strava.gpx.gz"
    start = watch.start.astimezone(dt.UTC)
    points = [
        (46.0 + i * 0.0002, 14.0, (start + dt.timedelta(seconds=10 * i)).strftime("%Y-%m-%dT%H:%M:%SZ"))
        for i in range(6)
    ]
    strava_like.write_bytes(gzip.compress(gpx_track(points)))
    report = import_paths(person, [strava_like], workers=1)
    assert (report.imported, report.duplicates, report.merged) == (0, 1, 1)
    (stored,) = records.list_activities(person)
    assert stored.source == "fit" and stored.laps  # the richer record is kept
    assert {s["source"] for s in records.activity_sources(stored.id)} == {"fit", "gpx"}


def test_a_file_that_fails_half_way_leaves_nothing(person, monkeypatch):
    start = dt.datetime(2024, 5, 1, 7, tzinfo=dt.UTC)
    from strideback.domain.types import Activity, CheckIn, Sport

    activities = (
        Activity(Sport.RUN, start, 1800, source="csv", fingerprint="csv:a"),
        Activity(Sport.WALK, start + dt.timedelta(days=1), 1800, source="csv", fingerprint="csv:b"),
    )
    calls = {"n": 0}
    real_add = records.add_activity

    def failing_add(person_id, activity, source_name=None):
        calls["n"] += 1
        if calls["n"] == 2:
            raise records.CheckInExists(dt.date(2024, 5, 2))  # any store error on the second row
        return real_add(person_id, activity, source_name)

    monkeypatch.setattr(records, "add_activity", failing_add)
    report = ImportReport()
    result = SourceResult(
        "two.csv",
        "activities_csv",
        content=FileContent(activities=activities, checkins=(CheckIn(start.date(), 1, 2),)),
    )
    save_result(person, result, report)
    assert report.failed and report.failed[0].path == "two.csv"
    assert records.list_activities(person) == []
    assert records.list_checkins(person) == []


def test_checkins_and_pain_after_from_csv(person, tmp_path):
    (tmp_path / "log.csv").write_text("date,sport,minutes\n2024-05-01,run,30\n")
    (tmp_path / "checkins.csv").write_text(
        "date,back_pain,leg_pain,pain_after\n2024-05-01,2,3,4\n2024-05-02,1,1,\n"
    )
    report = import_paths(person, [tmp_path / "log.csv", tmp_path / "checkins.csv"], workers=1)
    assert report.imported == 1 and report.checkins == 2 and not report.failed
    (run,) = records.list_activities(person)
    assert run.pain_after == 4
    again = import_paths(person, [tmp_path / "checkins.csv"], workers=1)
    assert again.checkins == 0 and again.duplicates == 2  # the existing check-ins are kept


def test_report_json_has_the_contract_keys(person, tmp_path):
    (tmp_path / "w.gpx").write_bytes(gpx_track(run_points()))
    (tmp_path / "bad.gpx").write_bytes(b"<gpx><trk>")
    report = import_paths(person, [tmp_path], workers=1)
    data = report.to_json()
    assert {"imported", "duplicates", "failed", "activities", "skipped"} <= set(data)
    (activity,) = data["activities"]
    assert set(activity) == {"id", "sport", "start", "duration_s", "distance_m", "source"}
    assert activity["id"] is not None and activity["source"] == "gpx"
    assert data["failed"][0]["path"].endswith("bad.gpx") and "malformed" in data["failed"][0]["error"]


# ---------------------------------------------------------------- the original files


def kept(person: int) -> dict[str, bytes | None]:
    """Name -> kept bytes (None when recorded but not kept), of every original the person has."""
    return {o.name: records.original_content(person, o.sha256) for o in records.list_originals(person)}


def test_an_imported_file_is_kept_as_it_was(person, tmp_path):
    path = tmp_path / "morning.gpx"
    path.write_bytes(gpx_track(run_points()))
    report = import_paths(person, [path], workers=1)
    assert report.imported == 1 and report.originals == 1
    assert kept(person) == {"morning.gpx": path.read_bytes()}
    (original,) = records.list_originals(person)
    assert (original.kind, original.size, original.kept) == ("gpx", path.stat().st_size, True)


def test_the_same_file_imported_twice_is_kept_once(person, tmp_path):
    data = gpx_track(run_points())
    (tmp_path / "a.gpx").write_bytes(data)
    (tmp_path / "copy.gpx").write_bytes(data)
    import_paths(person, [tmp_path / "a.gpx"], workers=1)
    again = import_paths(person, [tmp_path / "a.gpx", tmp_path / "copy.gpx"], workers=1)
    assert again.duplicates == 2 and again.originals == 0
    assert kept(person) == {"a.gpx": data}


def test_a_file_that_fails_is_not_kept(person, tmp_path):
    (tmp_path / "good.gpx").write_bytes(gpx_track(run_points()))
    (tmp_path / "bad.gpx").write_bytes(b"<gpx><trk>")
    (tmp_path / "notes.txt").write_bytes(b"not an activity")
    report = import_paths(person, [tmp_path], workers=1)
    assert report.failed and report.imported == 1
    folder = tmp_path.name
    assert set(kept(person)) == {f"{folder}/good.gpx"}  # named from the folder the person gave


def test_a_zip_is_kept_whole_not_its_members(person, tmp_path):
    zipped = make_zip(
        {
            "runs/first.gpx": gpx_track(run_points(0, 20)),
            "runs/second.gpx": gpx_track(run_points(0, 20)).replace(b"2024-05-01", b"2024-05-02"),
        }
    )
    (tmp_path / "export.zip").write_bytes(zipped)
    report = import_paths(person, [tmp_path / "export.zip"], workers=1)
    assert report.imported == 2 and report.originals == 1
    assert kept(person) == {"export.zip": zipped}
    assert records.list_originals(person)[0].kind == "zip"


def test_a_file_above_the_limit_is_recorded_not_kept(person, tmp_path, monkeypatch):
    import hashlib

    from strideback.services import import_originals

    data = gpx_track(run_points())
    path = tmp_path / "huge.gpx"
    path.write_bytes(data)
    monkeypatch.setattr(records, "KEEP_LIMIT_BYTES", len(data) - 1)
    monkeypatch.setattr(import_originals, "CHUNK_BYTES", 97)  # hashed in small reads
    report = import_paths(person, [path], workers=1, names={str(path): "My huge run.gpx"})
    assert report.imported == 1 and report.originals == 1
    (original,) = records.list_originals(person)
    assert (original.name, original.kept, original.size) == ("My huge run.gpx", False, len(data))
    assert original.sha256 == hashlib.sha256(data).hexdigest()
    assert "not kept" in original.reason
    assert records.original_content(person, original.sha256) is None


def test_an_original_is_kept_only_when_its_records_are(person, tmp_path, monkeypatch):
    from strideback.domain.types import Activity, Sport
    from strideback.services.importing import Originals

    path = tmp_path / "two.csv"
    path.write_bytes(b"date,sport,minutes\n2024-05-01,run,30\n2024-05-02,walk,30\n")
    start = dt.datetime(2024, 5, 1, 7, tzinfo=dt.UTC)
    activities = (
        Activity(Sport.RUN, start, 1800, source="csv", fingerprint="csv:a"),
        Activity(Sport.WALK, start + dt.timedelta(days=1), 1800, source="csv", fingerprint="csv:b"),
    )
    result = SourceResult(str(path), "activities_csv", content=FileContent(activities=activities))
    originals = Originals(person, [path], {})
    real_add = records.add_activity

    def failing_add(person_id, activity, source_name=None):
        if activity.fingerprint == "csv:b":
            raise records.CheckInExists(activity.day)  # any store error on the second row
        return real_add(person_id, activity, source_name)

    monkeypatch.setattr(records, "add_activity", failing_add)
    report = ImportReport()
    save_result(person, result, report, originals)
    assert report.failed and records.list_originals(person) == [] and records.list_activities(person) == []
    monkeypatch.setattr(records, "add_activity", real_add)
    save_result(person, result, report, originals)  # the same file, now saved: kept with its records
    assert kept(person) == {"two.csv": path.read_bytes()}


@pytest.mark.skipif(not (DATA / "strava").is_dir(), reason="shared samples absent")
def test_a_strava_export_folder_keeps_its_files_and_summary(person, tmp_path):
    from ..importers.test_exports import _strava_files

    folder = tmp_path / "strava"
    for name, data in _strava_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    report = import_paths(person, [folder], workers=1)
    assert report.imported == 5
    assert set(kept(person)) == {
        "strava/activities.csv",
        "strava/activities/101.fit.gz",
        "strava/activities/102.gpx",
        "strava/activities/103.tcx.gz",
    }  # the photo and the profile gave no records
    assert kept(person)["strava/activities/102.gpx"] == (folder / "activities/102.gpx").read_bytes()


def test_known_sessions_only_remember_what_was_committed(person):
    from strideback.domain.types import Activity, Sport
    from strideback.services.importing import KnownSessions

    start = dt.datetime(2026, 4, 1, 7, 0, tzinfo=dt.UTC)
    run = Activity(sport=Sport.RUN, start=start, duration_s=1800, source="fit", fingerprint="fit:1")
    records.add_activity(person, run)
    known = KnownSessions(person)
    assert known.may_have_fingerprint("fit:1") and not known.may_have_fingerprint("fit:2")
    assert known.may_have_session_near(start + dt.timedelta(minutes=3))
    assert not known.may_have_session_near(start + dt.timedelta(hours=5))

    later = Activity(
        sport=Sport.RUN, start=start + dt.timedelta(days=1), duration_s=1800, fingerprint="fit:2"
    )
    known.saving(later)
    assert known.may_have_fingerprint("fit:2")  # seen within the file being saved
    known.rolled_back()
    assert not known.may_have_fingerprint("fit:2")  # that file's transaction was undone
    assert not known.may_have_session_near(later.start)
    known.saving(later)
    known.committed()
    assert known.may_have_fingerprint("fit:2") and known.may_have_session_near(later.start)


def test_a_rerun_does_not_read_again_the_files_it_already_imported(person, tmp_path, monkeypatch):
    from strideback.importers import dispatch

    for minute in (0, 40):
        (tmp_path / f"run{minute}.gpx").write_bytes(gpx_track(run_points(minute, minutes=20)))
    (tmp_path / "checkins.csv").write_text("date,back_pain,leg_pain\n2024-05-01,2,3\n2024-05-02,1,1\n")
    first = import_paths(person, [tmp_path], workers=1)
    assert (first.imported, first.checkins) == (2, 2)
    (tmp_path / "run50.gpx").write_bytes(gpx_track(run_points(50, minutes=5)))  # new since the first run
    read = []
    real = dispatch.read_bytes
    monkeypatch.setattr(
        dispatch, "read_bytes", lambda data, label, *a, **k: read.append(label) or real(data, label, *a, **k)
    )
    from strideback.importers import sources

    monkeypatch.setattr(sources, "read_bytes", dispatch.read_bytes)
    again = import_paths(person, [tmp_path], workers=1)
    assert [p.rsplit("/", 1)[-1] for p in read] == ["run50.gpx"]  # only the new file was read
    assert (again.imported, again.duplicates, again.already_imported) == (1, 4, 3)
    assert len(records.list_activities(person)) == 3
