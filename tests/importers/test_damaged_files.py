"""A damaged file is the file's fault, not strideback's: the result says what is wrong with the file, never
the dispatcher's last resort for a reader's bug ("unexpected problem ... please report it"). Found by the
mutation fuzzers over real files and their archives, run with 20,000-30,000 examples (session 5): a damaged
deflate stream or a wrong checksum in an entry that is streamed (an Apple Health export.xml), a zip version
from nowhere, an entry said to start before the first byte, and an XML declaration naming an encoding that
does not exist, which the content sniffer met before any reader did."""

from __future__ import annotations

import io
import zipfile

import pytest

from archive_zip import DAMAGES, before_the_start, damaged, future_version
from strideback.importers.dispatch import read_bytes
from strideback.importers.sources import read_sources

from .helpers import DATA, gpx_track, run_points

APPLE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">' + b" " * 4000 + b"</HealthData>\n"
)
ENTRIES = {
    "apple_health_export/export.xml": APPLE,  # sniffed and read as a stream
    "activities/run.gpx": None,  # read in memory
}


def _zipped(name: str) -> bytes:
    held = io.BytesIO()
    with zipfile.ZipFile(held, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, ENTRIES[name] or gpx_track(run_points()))
    return held.getvalue()


@pytest.mark.parametrize("name", sorted(ENTRIES))
@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
def test_a_damaged_archive_says_it_is_damaged(name, damage):
    (result,) = read_bytes(damaged(_zipped(name), damage, name), "export.zip")
    assert result.error, result
    assert "damaged" in result.error or "not a readable zip archive" in result.error, result.error
    assert "unexpected" not in result.error


@pytest.mark.parametrize(
    ("encoding", "says"),
    [
        ("ATF-8", "encoding"),  # a damaged UTF-8: the reader names the encoding
        ("base64", "encoding"),  # a codec that is not a text encoding
        ("\x00TF-8", ""),  # a NUL is not XML at all: any clear refusal will do
    ],
)
@pytest.mark.parametrize(
    ("root", "label"),
    [(b"<TrainingCenterDatabase/>", "run.tcx"), (b"<gpx/>", "run.gpx"), (b"<HealthData/>", "export.xml")],
)
def test_a_file_declaring_an_encoding_that_cannot_be_read_says_what_is_wrong(encoding, says, root, label):
    data = b'<?xml version="1.0" encoding="' + encoding.encode("latin-1") + b'"?>' + root
    (result,) = read_bytes(data, label)
    assert result.error and says in result.error, result.error
    assert "unexpected" not in result.error


STRAVA_HEADER = DATA / "strava" / "activities_csv_header.txt"


@pytest.mark.skipif(not STRAVA_HEADER.is_file(), reason="shared samples absent")
@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
def test_a_strava_export_with_a_damaged_activities_csv_keeps_its_other_files(tmp_path, damage):
    """The index of a Strava export is read before anything else: its damage was an error escaping the
    import (zlib.error, BadZipFile). Now the damaged index says so, and what the archive still holds is
    read; a damage of the whole archive is one clear refusal."""
    header = STRAVA_HEADER.read_bytes().splitlines()[0]
    held = io.BytesIO()
    with zipfile.ZipFile(held, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export/activities.csv", header + b"\n" * 200)
        archive.writestr("export/activities/run.gpx", gpx_track(run_points()))
    path = tmp_path / "strava.zip"
    path.write_bytes(damaged(held.getvalue(), damage, "export/activities.csv"))
    results = list(read_sources([path], workers=1))
    errors = [r.error for r in results if r.error]
    assert errors and all("damaged" in e or "not a readable zip" in e for e in errors), errors
    if damage not in (future_version, before_the_start):  # only the index is damaged
        assert [r.path for r in results if r.activities] == [f"{path}/export/activities/run.gpx"]
