"""The import report: typed values inside, the contract's JSON at the edge, printable names, a clean stop."""

from __future__ import annotations

import errno

from django.db import OperationalError

from strideback.importers.names import shown
from strideback.services import importing
from strideback.services.import_report import FileFailure, FileSkipped, ImportReport, storage_problem

from ..importers.helpers import gpx_track, run_points


def test_the_report_is_typed_and_becomes_the_contracts_json_only_at_the_edge(person, tmp_path):
    (tmp_path / "w.gpx").write_bytes(gpx_track(run_points()))
    (tmp_path / "bad.gpx").write_bytes(b"<gpx><trk>")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an activity")
    report = importing.import_paths(person, [tmp_path], workers=1)
    assert isinstance(report, ImportReport)
    assert all(isinstance(f, FileFailure) for f in report.failed)
    assert all(isinstance(s, FileSkipped) and s.reason for s in report.skipped)
    data = report.to_json()
    assert list(data)[:4] == ["imported", "duplicates", "failed", "activities"]
    assert set(data["failed"][0]) == {"path", "error"} and set(data["skipped"][0]) == {"path", "reason"}
    assert "stopped" not in data


def test_names_are_printable_whatever_bytes_they_hold():
    assert shown("bad\udcff.gpx") == "bad\ufffd.gpx"
    assert shown(b"bad\xff.gpx") == "bad\ufffd.gpx"
    assert shown("evil\x1b[2J\x07.fit") == "evil\\x1b[2J\\x07.fit"
    assert shown("rtl\u202etxt.exe") == "rtl\\u202etxt.exe"
    assert shown("lone\ud800") == "lone?"


def test_a_full_disk_is_told_in_the_persons_words_and_other_errors_are_not():
    assert "disk is full" in storage_problem(OperationalError("database or disk is full"))
    assert storage_problem(OSError(errno.ENOSPC, "No space left on device"))
    assert storage_problem(OperationalError("no such table: x")) is None
    assert storage_problem(ValueError("disk is full")) is None


def test_a_full_disk_stops_the_import_with_what_was_committed(person, tmp_path, monkeypatch):
    for minute in (0, 40):
        (tmp_path / f"run{minute}.gpx").write_bytes(gpx_track(run_points(minute, minutes=20)))
    monkeypatch.setattr(importing, "BATCH_FILES", 1)
    real = importing.save_result
    calls = {"n": 0}

    def disk_fills(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OperationalError("database or disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "save_result", disk_fills)
    report = importing.import_paths(person, [tmp_path], workers=1)
    assert report.stopped and "free some space" in report.stopped
    assert report.imported == 1 and not report.ok
    assert report.to_json()["stopped"] == report.stopped
