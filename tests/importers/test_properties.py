"""Random bytes and mutated real files to every reader: nothing but the typed errors."""

from __future__ import annotations

import contextlib
import gzip
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.importers.apple_health import read_apple_health
from strideback.importers.dispatch import read_bytes
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.fit import read_fit
from strideback.importers.garmin_export import read_garmin_summaries
from strideback.importers.gpx import read_gpx
from strideback.importers.strava_export import parse_activities_csv
from strideback.importers.tcx import read_tcx

from .helpers import DATA

READERS = {
    "fit": read_fit,
    "gpx": read_gpx,
    "tcx": read_tcx,
    "apple": lambda data, path: read_apple_health(io.BytesIO(data), path),
    "garmin": read_garmin_summaries,
    "strava": parse_activities_csv,
}
SAMPLES = [
    DATA / "fit" / "fitparse__garmin-fenix-5-run.fit",
    DATA / "fit" / "fitparse__compressed-speed-distance.fit",
    DATA / "fit" / "fitparse__sample_mulitple_header.fit",
    DATA / "gpx" / "gpxpy__track_with_speed.gpx",
    DATA / "tcx" / "tcxparser__no_hr.tcx",
    DATA / "apple-health" / "healthkit2sqlite__export.xml",
]
SAMPLES = [p for p in SAMPLES if p.is_file()]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _only_typed_errors(reader, data: bytes) -> None:
    with contextlib.suppress(UnreadableFile, SkippedFile):
        reader(data, "x")


@FAST
@given(st.sampled_from(sorted(READERS)), st.binary(max_size=2000))
def test_random_bytes(reader_name, data):
    _only_typed_errors(READERS[reader_name], data)


@FAST
@given(st.binary(max_size=500))
def test_random_bytes_behind_a_fit_header(tail):
    header = bytes([14, 0x20, 0x08, 0x08]) + len(tail).to_bytes(4, "little") + b".FIT\0\0"
    _only_typed_errors(read_fit, header + tail)


@pytest.mark.skipif(not SAMPLES, reason="shared samples absent")
@FAST
@given(st.data())
def test_mutated_real_files(data):
    path = data.draw(st.sampled_from(SAMPLES))
    original = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        where = data.draw(st.integers(0, len(original) - 1))
        original[where] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(original)))
    mutated = bytes(original[:cut])
    reader = READERS[{"fit": "fit", "gpx": "gpx", "tcx": "tcx", "xml": "apple"}[path.suffix[1:]]]
    _only_typed_errors(reader, mutated)
    for result in read_bytes(mutated, path.name):  # the dispatcher never raises
        assert result.error or result.skipped or result.activities
        assert "unexpected problem" not in (result.error or "")  # its last resort for a reader's bug


def _an_export_archive() -> bytes:
    """The real files zipped as an export would hold them, Apple Health's under its usual folder."""
    held = io.BytesIO()
    with zipfile.ZipFile(held, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in SAMPLES:
            inside = "apple_health_export/export.xml" if path.suffix == ".xml" else f"activities/{path.name}"
            archive.writestr(inside, path.read_bytes())
    return held.getvalue()


@pytest.mark.skipif(not SAMPLES, reason="shared samples absent")
@FAST
@given(st.data())
def test_mutated_archives(data):
    """A damaged or cut-short .zip or .gz of real files: each file in it is read, skipped or refused with
    its reason, never by the dispatcher's last resort for a reader's bug ("unexpected problem")."""
    kind = data.draw(st.sampled_from(["zip", "gz"]))
    held = bytearray(_an_export_archive() if kind == "zip" else gzip.compress(SAMPLES[0].read_bytes()))
    # positions drawn evenly over the whole archive (hypothesis's own integers favour the first bytes)
    chance = data.draw(st.randoms(use_true_random=False))
    for _ in range(data.draw(st.integers(0, 8))):
        held[chance.randrange(len(held))] = chance.randrange(256)
    cut = len(held) if chance.random() < 0.5 else chance.randrange(1, len(held))  # whole, or cut short
    for result in read_bytes(bytes(held[:cut]), f"export.{kind}"):
        assert result.error or result.skipped or result.activities
        assert "unexpected problem" not in (result.error or "")
