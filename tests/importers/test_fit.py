"""FIT files: every activity file fitdecode reads imports, with the session totals; the rest say why."""

from __future__ import annotations

import warnings

import fitdecode
import pytest

from strideback.domain.types import Sport
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.fit import read_fit
from strideback.importers.fit_full import full_decode
from strideback.importers.fit_scan import FastPathRejected, scan

from .helpers import DATA

FIT_DIR = DATA / "fit"
FIT_FILES = sorted(FIT_DIR.glob("*")) if FIT_DIR.is_dir() else []
NOT_ACTIVITIES = {"settings", "workout", "weight", "monitoring_b"}
DAMAGED = {
    "fitparse__activity-settings-corruptheader.fit": "header",
    "fitparse__activity-settings-nodata.fit": "ends early",
    "fitparse__activity-unexpected-eof.fit": "ends early",
    "fitparse__nick.fit": "ends early",
    "fitparse__strava-android-app-201.10-b1218918.fit": "ends early",  # and an undefined local message
}

pytestmark = pytest.mark.skipif(not FIT_FILES, reason="shared FIT samples absent")


def _reference_sessions(path):
    """Sessions and file type as fitdecode decodes them, or None when fitdecode fails."""
    sessions, file_type = [], None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fitdecode.FitReader(str(path)) as reader:
                for frame in reader:
                    if isinstance(frame, fitdecode.FitDataMessage):
                        if frame.name == "file_id" and file_type is None:
                            file_type = frame.get_value("type", fallback=None)
                        if frame.name == "session":
                            sessions.append(frame)
    except fitdecode.FitError:
        return None, None
    return sessions, file_type


@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.name)
def test_every_fit_file_imports_or_says_why(path):
    sessions, file_type = _reference_sessions(path)
    data = path.read_bytes()
    if sessions is None:
        with pytest.raises(UnreadableFile) as caught:
            read_fit(data, path.name)
        assert caught.value.path == path.name
        assert DAMAGED[path.name] in caught.value.reason
        return
    real = [s for s in sessions if s.get_value("sport", fallback=None) != "transition"]
    if not real:
        if path.name == "fitparse__DeveloperData.fit":  # 3 records without any timestamp
            with pytest.raises(SkippedFile, match="no session"):
                read_fit(data, path.name)
            return
        assert file_type in NOT_ACTIVITIES
        with pytest.raises(SkippedFile, match=r"not an activity|not a recorded activity"):
            read_fit(data, path.name)
        return
    activities = read_fit(data, path.name).activities
    # chained copies of the same session count once
    unique = {(s.get_value("start_time"), s.get_value("total_elapsed_time")) for s in real}
    assert len(activities) == len(unique)
    for activity, session in zip(activities, real, strict=False):
        elapsed = session.get_value("total_elapsed_time")
        assert activity.duration_s == pytest.approx(elapsed, rel=0.01)
        distance = session.get_value("total_distance", fallback=None)
        if distance is not None:
            assert activity.distance_m == pytest.approx(distance, rel=0.01)
        assert activity.source == "fit"
        assert activity.fingerprint.startswith("fit:")
        assert activity.start.utcoffset() is not None


@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.name)
def test_fast_pass_agrees_with_fitdecode(path):
    """Where the fast pass accepts a file, its summary equals the reference decode's."""
    data = path.read_bytes()
    try:
        fast = scan(data)
    except FastPathRejected:
        with pytest.raises(fitdecode.FitError):
            full_decode(data)
        return
    full = full_decode(data)
    assert fast.messages == full.messages
    assert [p.sessions for p in fast.parts] == [p.sessions for p in full.parts]
    assert [p.laps for p in fast.parts] == [p.laps for p in full.parts]
    assert [p.file_id for p in fast.parts] == [p.file_id for p in full.parts]
    if not fast.compressed_timestamps:
        assert [p.records for p in fast.parts] == [p.records for p in full.parts]


def test_multisport_file_gives_one_activity_per_sport_session():
    activities = read_fit(
        (FIT_DIR / "fitparse__sample_mulitple_header.fit").read_bytes(), "tri.fit"
    ).activities
    assert [a.sport for a in activities] == [Sport.SWIM, Sport.CYCLE, Sport.RUN]  # transitions left out
    assert len({a.fingerprint for a in activities}) == 3


def test_local_time_zone_comes_from_the_activity_message():
    (run,) = read_fit((FIT_DIR / "fitparse__garmin-fenix-5-run.fit").read_bytes(), "run.fit").activities
    assert run.start.utcoffset().total_seconds() == -7 * 3600
    assert run.device == "garmin fenix5"
    assert run.avg_cadence is not None and run.avg_cadence > 100  # steps/min, not strides


def test_watch_without_a_set_clock_is_dated_from_its_local_time():
    (run,) = read_fit(
        (FIT_DIR / "fitparse__compressed-speed-distance.fit").read_bytes(), "fr70.fit"
    ).activities
    assert run.start.year == 2012
    assert len(run.laps) == 11


def test_undefined_local_message_is_a_clear_error():
    data = bytearray((FIT_DIR / "fitparse__Activity.fit").read_bytes())
    # turn the first data record's header into one that points at a never-defined local type
    header_size = data[0]
    definition_len = 6 + 3 * data[header_size + 5]
    data[header_size + definition_len] = 0x0B
    with pytest.raises(UnreadableFile, match="not defined"):
        read_fit(bytes(data), "undefined.fit")


def test_empty_file_is_a_clear_error():
    with pytest.raises(UnreadableFile, match="empty"):
        read_fit(b"", "empty.fit")


def test_sensor_zero_heart_rate_means_no_sensor():
    (ride,) = read_fit(
        (FIT_DIR / "fitparse__null_compressed_speed_dist.fit").read_bytes(), "x.fit"
    ).activities
    assert ride.avg_hr is None
