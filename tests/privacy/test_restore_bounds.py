"""Restore checks every row with the same rules as a live write, refuses the archive whole naming the
first bad row (and never its value), lists at most a few names, and bounds the memory it parses."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from strideback.domain.types import Activity, CheckIn, Reach, Sport
from strideback.services import archive as service
from strideback.store import archive as tables_io
from strideback.store import records


def _wipe() -> None:

    for model in reversed(list(tables_io.TABLES.values())):
        model.objects.all().delete()


@pytest.fixture
def exported(person: int, tmp_path: Path) -> dict[str, bytes]:
    start = dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC)
    records.add_activity(person, Activity(Sport.RUN, start, 1800.0, 5000.0, fingerprint="a", pain_after=2))
    records.save_checkin(person, CheckIn(dt.date(2025, 3, 2), 3, 5, Reach.KNEE, sleep=6, stiffness_min=10))
    path = tmp_path / "good.zip"
    service.export_archive(person, path)
    _wipe()
    records.get_or_create_local_person()
    with zipfile.ZipFile(path) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def _archive(tmp_path: Path, files: dict[str, bytes], table: str, rows: list[dict[str, Any]]) -> Path:
    """A well-formed archive whose table holds `rows`, with the checksums recomputed."""
    data = json.dumps(rows).encode()
    manifest = json.loads(files["manifest.json"])
    manifest["files"][f"tables/{table}.json"] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    path = tmp_path / f"bad-{table}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in {
            **files,
            f"tables/{table}.json": data,
            "manifest.json": json.dumps(manifest).encode(),
        }.items():
            zipped.writestr(name, content)
    return path


def _first(files: dict[str, bytes], table: str) -> dict[str, Any]:
    return json.loads(files[f"tables/{table}.json"])[0]


CASES = {
    "duration −5": ("activities", {"duration_s": -5.0}, "duration_s"),
    "distance 1e300": ("activities", {"distance_m": 1e300}, "distance_m"),
    "pain_after 11": ("activities", {"pain_after": 11}, "pain_after"),
    "sleep −1": ("checkins", {"sleep": -1}, "sleep"),
    "stiffness −100": ("checkins", {"stiffness_min": -100}, "stiffness_min"),
    "a 5 MB note": ("checkins", {"note": "n" * 5_000_000}, "note"),
    "200,000 laps": (
        "activities",
        {"laps": [{"start": "2025-03-01T08:00:00+00:00", "duration_s": 1.0}] * 200_000},
        "laps",
    ),
    "year 2999": ("checkins", {"date": "2999-01-01"}, "date"),
    "year 1": ("checkins", {"date": "0001-01-01"}, "date"),
    "a start in 2999": ("activities", {"start": "2999-01-01T08:00:00+00:00"}, "start"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_restore_refuses_a_row_a_live_write_would_refuse(exported, tmp_path, case):
    table, change, field = CASES[case]
    row = {**_first(exported, table), **change}
    path = _archive(tmp_path, exported, table, [row])
    with pytest.raises(service.ArchiveRefused) as error:
        service.read_archive(path)
    message = str(error.value)
    assert f"{table} row 1" in message and field in message, message
    for value in ("-5", "1e+300", "11", "-100", "nnnnn", "200000", "2999", "0001"):
        if value in json.dumps(change):
            assert value not in message, message  # the refusal names the field, never the health value
    assert len(message) < 400
    assert not tables_io.home_has_records()


def test_a_refusal_lists_a_few_names_then_counts_the_rest(exported, tmp_path):
    manifest = json.loads(exported["manifest.json"])
    for i in range(50_000):
        manifest["files"][f"bogus/{i:07d}"] = {"sha256": "0" * 64}
    path = tmp_path / "bogus.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in {**exported, "manifest.json": json.dumps(manifest).encode()}.items():
            zipped.writestr(name, content)
    with pytest.raises(service.ArchiveRefused) as error:
        service.read_archive(path)
    message = str(error.value)
    assert "bogus/0000000, bogus/0000001, bogus/0000002 and 49997 more" in message
    assert len(message) < 400


def test_a_300_mb_manifest_is_refused_without_reading_it_whole(exported, tmp_path):
    """The manifest is padded with whitespace to 300 MB (it compresses to a few hundred kB)."""
    path = tmp_path / "huge-manifest.zip"
    manifest = exported["manifest.json"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in exported.items():
            if name != "manifest.json":
                zipped.writestr(name, content)
        with zipped.open("manifest.json", "w", force_zip64=True) as member:
            member.write(manifest[:-1])
            pad = b" " * (1 << 20)
            for _ in range(300):
                member.write(pad)
            member.write(manifest[-1:])
    tracemalloc.start()
    try:
        with pytest.raises(service.ArchiveRefused, match=r"manifest\.json"):
            service.read_archive(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 << 20, f"peak {peak >> 20} MB"


def test_the_good_archive_still_restores(exported, tmp_path):
    path = tmp_path / "again.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        for name, content in exported.items():
            zipped.writestr(name, content)
    counts = service.restore_archive(records.get_or_create_local_person(), service.read_archive(path))
    assert counts["activities"] == 1 and counts["checkins"] == 1
