"""Apple Health exports: workouts from attributes and from WorkoutStatistics, streamed flat."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from strideback.domain.types import Sport
from strideback.importers.apple_health import read_apple_health
from strideback.importers.dispatch import read_bytes
from strideback.importers.errors import SkippedFile, UnreadableFile

from .helpers import DATA, make_zip

APPLE = DATA / "apple-health"

NEW_STYLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2024-06-01 10:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" unit="count/min" value="60"
   startDate="2024-05-01 07:00:00 +0100" endDate="2024-05-01 07:00:00 +0100"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5" durationUnit="min"
   sourceName="Watch" startDate="2024-05-01 07:00:00 +0100" endDate="2024-05-01 07:33:00 +0100">
  <MetadataEntry key="HKElevationAscended" value="4520 cm"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="5.1" unit="km"
    startDate="2024-05-01 07:00:00 +0100" endDate="2024-05-01 07:33:00 +0100"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="148" minimum="90" maximum="171"
    unit="count/min" startDate="2024-05-01 07:00:00 +0100" endDate="2024-05-01 07:33:00 +0100"/>
 </Workout>
 <Workout workoutActivityType="HKWorkoutActivityTypeYoga" duration="20" durationUnit="min"
   startDate="2024-05-02 19:00:00 +0100" endDate="2024-05-02 19:20:00 +0100"/>
</HealthData>
"""


@pytest.mark.skipif(not APPLE.is_dir(), reason="shared Apple Health samples absent")
@pytest.mark.parametrize("name", ["healthkit2sqlite__export.xml", "healthkit2sqlite__zip_export.xml"])
def test_real_export_workout_matches_its_attributes(name):
    with (APPLE / name).open("rb") as stream:
        (run,) = read_apple_health(stream, name).activities
    assert run.sport is Sport.RUN
    assert run.duration_s == pytest.approx(311, rel=0.01)  # 07:25:41 → 07:30:52
    assert run.moving_s == pytest.approx(5.19412346680959 * 60, rel=0.01)
    assert run.distance_m == pytest.approx(0.4971749504535062 * 1609.344, rel=0.01)
    assert run.start.utcoffset().total_seconds() == -7 * 3600


def test_newer_workout_statistics_children_are_read():
    running, yoga = read_apple_health(io.BytesIO(NEW_STYLE), "export.xml").activities
    assert running.distance_m == pytest.approx(5100)
    assert running.avg_hr == 148 and running.max_hr == 171
    assert running.elevation_gain_m == pytest.approx(45.2)
    assert running.duration_s == 33 * 60 and running.moving_s == 31.5 * 60
    assert yoga.sport is Sport.MOBILITY


def test_export_zip_is_streamed_and_routes_are_not_imported_twice():
    archive = make_zip(
        {
            "apple_health_export/export.xml": NEW_STYLE,
            "apple_health_export/export_cda.xml": b"<ClinicalDocument/>",
            "apple_health_export/workout-routes/route_1.gpx": b"<gpx/>",
        }
    )
    results = read_bytes(archive, "export.zip")
    assert [r.path for r in results] == ["export.zip/apple_health_export/export.xml"]
    assert len(results[0].activities) == 2


def test_export_without_workouts_is_skipped():
    data = NEW_STYLE.split(b" <Workout")[0] + b"</HealthData>"
    with pytest.raises(SkippedFile, match="no workouts"):
        read_apple_health(io.BytesIO(data), "export.xml")


def test_other_root_is_refused():
    with pytest.raises(UnreadableFile, match="HealthData"):
        read_apple_health(io.BytesIO(b"<Other/>"), "export.xml")


class _GeneratedExport(io.RawIOBase):
    """A large export.xml produced on the fly, so the test itself holds no big buffer."""

    def __init__(self, records: int) -> None:
        self.parts = self._parts(records)
        self.pending = b""

    @staticmethod
    def _parts(records: int):
        yield b'<?xml version="1.0"?>\n<HealthData locale="en">\n'
        row = (
            b'<Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" value="12" '
            b'startDate="2024-01-01 08:00:00 +0000" endDate="2024-01-01 08:01:00 +0000">'
            b'<MetadataEntry key="k" value="v"/></Record>\n'
        )
        workout = (
            b'<Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" '
            b'startDate="2024-01-0%d 09:00:00 +0000" endDate="2024-01-0%d 09:30:00 +0000"/>\n'
        )
        for i in range(records):
            yield row
            if i % 50_000 == 0:
                day = 1 + (i // 50_000) % 9
                yield workout % (day, day)
        yield b"</HealthData>\n"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while len(self.pending) < len(buffer):
            chunk = next(self.parts, None)
            if chunk is None:
                break
            self.pending += chunk
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def test_memory_stays_flat_on_a_large_export():
    """~40 MB of records: the peak Python allocation stays a small fraction of the file."""
    stream = io.BufferedReader(_GeneratedExport(200_000), buffer_size=1 << 16)
    tracemalloc.start()
    try:
        content = read_apple_health(stream, "big.xml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(content.activities) == 4
    assert peak < 8 * 1024**2


class _Trickle(io.RawIOBase):
    """A stream that hands out at most `step` bytes a read, so workouts straddle every chunk boundary."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data = data
        self.step = step
        self.offset = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.data[self.offset : self.offset + min(self.step, size if size > 0 else self.step)]
        self.offset += len(chunk)
        return chunk


@pytest.mark.parametrize("step", [1, 7, 64, 1000])
def test_workouts_cut_across_reads_are_read_whole(step):
    whole = read_apple_health(io.BytesIO(NEW_STYLE), "export.xml").activities
    trickled = read_apple_health(_Trickle(NEW_STYLE, step), "export.xml").activities
    assert trickled == whole


def test_a_quoted_angle_bracket_and_a_self_closing_workout_are_read():
    data = (
        b'<?xml version="1.0"?><HealthData><Record type="x" value="a>b"/>'
        b'<Workout workoutActivityType="HKWorkoutActivityTypeWalking" sourceName="a > b" '
        b'startDate="2020-01-01 07:00:00 +0000" endDate="2020-01-01 07:30:00 +0000" duration="30" '
        b'durationUnit="min"/><WorkoutLike/></HealthData>'
    )
    (walk,) = read_apple_health(io.BytesIO(data), "export.xml").activities
    assert walk.duration_s == 1800
    assert walk.device == "a > b"
