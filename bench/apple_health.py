"""Apple Health import speed: strideback's reader vs a plain ElementTree iterparse pass, on the same
zipped export (heart-rate records and workouts, as a real export has), and the reader's peak memory.

    python bench/apple_health.py [--records 300000] [--workouts 1000]

Prints CPU seconds (process time, so other work on the machine disturbs it little) and the ratio (target: ratio <= 1.0, peak memory < 200 MB whatever the size).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

RECORD = (
    '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" sourceVersion="9.1" unit="count/min" '
    'creationDate="2022-01-01 08:{m:02d}:00 +0000" startDate="2022-01-01 08:{m:02d}:00 +0000" '
    'endDate="2022-01-01 08:{m:02d}:00 +0000" value="{v}">\n'
    '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n</Record>\n'
)
WORKOUT = (
    '<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" '
    'sourceName="Watch" creationDate="2022-{mo:02d}-{d:02d} 07:31:00 +0000" '
    'startDate="2022-{mo:02d}-{d:02d} 07:00:00 +0000" endDate="2022-{mo:02d}-{d:02d} 07:30:00 +0000">\n'
    '  <MetadataEntry key="HKElevationAscended" value="1234 cm"/>\n'
    '  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="2022-01-01 07:00:00 +0000" duration="5"/>\n'
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="5.1" unit="km"/>\n'
    '  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="151" maximum="172" '
    'unit="count/min"/>\n</Workout>\n'
)


def make_export(path: Path, records: int, workouts: int) -> None:
    every = max(1, records // max(workouts, 1))
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("apple_health_export/export.xml", "w") as out,
    ):
        out.write(
            b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData ANY>\n]>\n'
        )
        out.write(b'<HealthData locale="en_GB">\n')
        written = 0
        for i in range(records):
            out.write(RECORD.format(m=i % 60, v=60 + i % 90).encode())
            if i % every == every - 1 and written < workouts:
                out.write(WORKOUT.format(mo=1 + written % 12, d=1 + written % 28).encode())
                written += 1
        out.write(b"</HealthData>\n")


def time_iterparse(path: Path) -> float:
    started = time.process_time()
    with zipfile.ZipFile(path) as archive, archive.open("apple_health_export/export.xml") as stream:
        for _event, element in ET.iterparse(stream):
            element.clear()
    return time.process_time() - started


def time_strideback(path: Path) -> tuple[float, int]:
    from strideback.importers.apple_health import read_apple_health

    started = time.process_time()
    with zipfile.ZipFile(path) as archive, archive.open("apple_health_export/export.xml") as stream:
        count = len(read_apple_health(stream, "export.xml").activities)
    return time.process_time() - started, count


def peak_mb(path: Path) -> float:
    code = (
        "import zipfile\n"
        "from strideback.importers.apple_health import read_apple_health\n"
        f"with zipfile.ZipFile({str(path)!r}) as a, a.open('apple_health_export/export.xml') as s:\n"
        "    read_apple_health(s, 'export.xml')\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "print(int(hwm[0].split()[1]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--workouts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-apple-") as tmp:
        path = Path(tmp) / "export.zip"
        make_export(path, args.records, args.workouts)
        reference = min(time_iterparse(path) for _ in range(args.repeat))
        runs = [time_strideback(path) for _ in range(args.repeat)]
        ours = min(seconds for seconds, _ in runs)
        workouts = runs[0][1]
        print(
            f"Apple Health export.zip ({path.stat().st_size / 1024**2:.1f} MB zipped): "
            f"{args.records} records, {workouts} workouts read"
        )
        print(f"  ET.iterparse pass : {reference:7.3f} s")
        print(f"  strideback reader : {ours:7.3f} s   ratio {ours / reference:.2f}  (target <= 1.0)")
        print(f"  peak memory of a process reading it: {peak_mb(path):.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    main()
