"""Archives and folders: zip slip, zip bomb, nesting, empty and unknown files, parallel reading."""

from __future__ import annotations

import io
import zipfile

import pytest

from strideback.importers.dispatch import read_bytes
from strideback.importers.sources import plan, read_sources

from .helpers import DATA, gpx_track, make_zip, run_points

RUN_FIT = DATA / "fit" / "fitparse__garmin-fenix-5-run.fit"
needs_data = pytest.mark.skipif(not RUN_FIT.is_file(), reason="shared samples absent")


def _by_name(results):
    return {r.path.rsplit("/", 1)[-1]: r for r in results}


def test_zip_slip_entries_are_refused_and_the_others_import():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("good.gpx", gpx_track(run_points()))
        archive.writestr("../../evil.gpx", gpx_track(run_points(1)))
        archive.writestr("/etc/evil2.gpx", gpx_track(run_points(2)))
    results = read_bytes(buffer.getvalue(), "upload.zip")
    assert len(results) == 3
    good = [r for r in results if r.activities]
    assert [r.path for r in good] == ["upload.zip/good.gpx"]
    refused = [r for r in results if r.error]
    assert len(refused) == 2
    assert any("zip slip" in r.error for r in refused)
    assert any("absolute" in r.error for r in refused)


def test_zip_bomb_entry_is_refused():
    archive = make_zip({"bomb.gpx": b"\0" * (20 * 1024**2), "ok.gpx": gpx_track(run_points())})
    results = _by_name(read_bytes(archive, "bomb.zip"))
    assert "zip bomb" in results["bomb.gpx"].error
    assert results["ok.gpx"].activities


def test_gzip_bomb_is_refused():
    import gzip

    (result,) = read_bytes(gzip.compress(b"<gpx>" + b" " * (20 * 1024**2)), "bomb.gpx.gz")
    assert "bomb" in result.error


def test_zips_nested_too_deep_are_refused():
    inner = make_zip({"deep.zip": make_zip({"a.gpx": gpx_track(run_points())})})
    (result,) = read_bytes(make_zip({"middle.zip": inner}), "outer.zip")
    assert "nested" in result.error


def test_zero_byte_and_unknown_files_say_why(tmp_path):
    (tmp_path / "empty.fit").write_bytes(b"")
    (tmp_path / "mystery.fit").write_bytes(b"hello, this is not a FIT file at all")
    (tmp_path / "good.gpx").write_bytes(gpx_track(run_points()))
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / ".hidden.gpx").write_bytes(b"ignored")
    results = _by_name(read_sources([tmp_path], workers=1))
    assert set(results) == {"empty.fit", "mystery.fit", "good.gpx", "photo.jpg"}
    assert "empty (0 bytes)" in results["empty.fit"].error
    assert "not a file type strideback reads" in results["mystery.fit"].error
    assert results["photo.jpg"].skipped and not results["photo.jpg"].error
    assert results["good.gpx"].activities


def test_an_unknown_file_named_explicitly_is_an_error(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    (result,) = read_sources([path], workers=1)
    assert result.error


def test_missing_path_is_reported():
    (result,) = read_sources(["/no/such/place.fit"], workers=1)
    assert result.error == "no such file or folder"


def test_kind_comes_from_content_not_extension(tmp_path):
    path = tmp_path / "track.fit"  # a GPX wearing the wrong extension
    path.write_bytes(gpx_track(run_points()))
    (result,) = read_sources([path], workers=1)
    assert result.kind == "gpx" and result.activities


@needs_data
def test_parallel_reading_gives_the_same_results_in_the_same_order(tmp_path):
    for i in range(30):
        (tmp_path / f"run{i:02d}.fit").write_bytes(RUN_FIT.read_bytes())
        (tmp_path / f"walk{i:02d}.gpx").write_bytes(gpx_track(run_points(i % 30)))
    seen = []
    alone = list(read_sources([tmp_path], workers=1))
    together = list(read_sources([tmp_path], workers=2, progress=seen.append))
    assert [(r.path, r.activities) for r in alone] == [(r.path, r.activities) for r in together]
    assert seen[-1].files_done == 60
    assert seen[-1].bytes_done == seen[-1].bytes_total


@needs_data
def test_folder_is_planned_in_chunks(tmp_path):
    for i in range(50):
        (tmp_path / f"r{i}.fit").write_bytes(RUN_FIT.read_bytes())
    units, early = plan([tmp_path])
    assert not early
    assert sum(len(u.members) for u in units) == 50
    assert len(units) > 1
