"""How fast strideback imports, side by side with the plain reference parsers.

    python bench/import_speed.py [--quick]

1. The real FIT files of ../shared/data/fit: strideback's reading vs a plain fitdecode full decode.
2. A synthetic 10-year archive (~3,000 FIT activities, written by the small FIT encoder below;
   --quick: 300): reading, and the whole import into a fresh database, vs fitdecode.
3. GPX: strideback vs gpxpy on generated tracks.
4. Re-running an interrupted import (half done): fresh vs re-run vs all-duplicates (`--rerun`: only this).
5. Apple Health: strideback vs a plain ElementTree iterparse pass, and strideback's peak memory
   (a separate process) on a large generated export.xml.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import fitdecode
import gpxpy

from strideback.importers.apple_health import read_apple_health
from strideback.importers.gpx import read_gpx
from strideback.importers.sources import read_sources

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
FIT_EPOCH_UNIX = 631065600

# ---------------------------------------------------------------- a small FIT encoder


_CRC_HEX = "0000 CC01 D801 1400 F001 3C00 2800 E401 A001 6C00 7800 B401 5000 9C01 8801 4400"
_CRC_TABLE = tuple(int(x, 16) for x in _CRC_HEX.split(" "))  # FIT SDK CRC-16


def _crc(data: bytes, crc: int = 0) -> int:
    table = _CRC_TABLE
    for byte in data:
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]
    return crc


# (field number, struct code, base type) per message we write
FILE_ID = [(0, "B", 0x00), (1, "H", 0x84), (2, "H", 0x84), (3, "I", 0x8C), (4, "I", 0x86)]
RECORD = [
    (253, "I", 0x86),
    (0, "i", 0x85),
    (1, "i", 0x85),
    (2, "H", 0x84),
    (3, "B", 0x02),
    (4, "B", 0x02),
    (5, "I", 0x86),
    (6, "H", 0x84),
]
LAP = [
    (253, "I", 0x86),
    (2, "I", 0x86),
    (7, "I", 0x86),
    (8, "I", 0x86),
    (9, "I", 0x86),
    (15, "B", 0x02),
    (16, "B", 0x02),
]
SESSION = [
    (253, "I", 0x86),
    (2, "I", 0x86),
    (5, "B", 0x00),
    (6, "B", 0x00),
    (7, "I", 0x86),
    (8, "I", 0x86),
    (9, "I", 0x86),
    (16, "B", 0x02),
    (17, "B", 0x02),
    (22, "H", 0x84),
]
ACTIVITY = [(253, "I", 0x86), (0, "I", 0x86), (1, "H", 0x84), (5, "I", 0x86)]


def _definition(local: int, global_num: int, fields) -> bytes:
    out = bytes([0x40 | local, 0, 0]) + struct.pack("<HB", global_num, len(fields))
    for number, code, base in fields:
        out += bytes([number, struct.calcsize(code), base])
    return out


def _data(local: int, fields, values) -> bytes:
    return bytes([local]) + struct.pack("<" + "".join(c for _, c, _ in fields), *values)


def fit_activity(
    rng: random.Random, start_unix: int, sport: int, minutes: int, serial: int
) -> tuple[bytes, int]:
    """One activity as FIT bytes (a record every 5 s, like 'smart recording'); returns bytes, records."""
    t0 = start_unix - FIT_EPOCH_UNIX
    speed = {1: 2.9, 11: 1.4, 2: 7.0, 5: 0.9}[sport]
    body = bytearray()
    body += _definition(0, 0, FILE_ID) + _data(0, FILE_ID, (4, 1, 2697, serial, t0))
    body += _definition(1, 20, RECORD)
    distance, records, heart = 0.0, 0, []
    lat, lon = 46.05 + rng.random() * 0.1, 14.5 + rng.random() * 0.1
    for second in range(0, minutes * 60, 5):
        step = speed * 5 * (0.8 + 0.4 * rng.random())
        distance += step
        lat += step / 111_320
        hr = int(110 + 50 * rng.random())
        heart.append(hr)
        body += _data(
            1,
            RECORD,
            (
                t0 + second,
                int(lat * 2**31 / 180),
                int(lon * 2**31 / 180),
                ((300 + 500) * 5),
                hr,
                85,
                int(distance * 100),
                int(step / 5 * 1000),
            ),
        )
        records += 1
    elapsed = minutes * 60
    end = t0 + elapsed
    avg_hr, max_hr = sum(heart) // len(heart), max(heart)
    body += _definition(2, 19, LAP) + _data(
        2, LAP, (end, t0, elapsed * 1000, elapsed * 1000, int(distance * 100), avg_hr, max_hr)
    )
    body += _definition(3, 18, SESSION) + _data(
        3,
        SESSION,
        (end, t0, sport, 0, elapsed * 1000, elapsed * 1000, int(distance * 100), avg_hr, max_hr, 40),
    )
    body += _definition(4, 34, ACTIVITY) + _data(4, ACTIVITY, (end, elapsed * 1000, 1, end + 3600))
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", _crc(header))
    data = header + bytes(body)
    return data + struct.pack("<H", _crc(data)), records + 5


def make_archive(folder: Path, count: int, seed: int = 3) -> int:
    rng = random.Random(seed)
    start = 1_420_070_400  # 2015-01-01
    step = 10 * 365 * 86400 // count
    records = 0
    for i in range(count):
        sport = rng.choices([1, 11, 2, 5], weights=[60, 20, 15, 5])[0]
        minutes = rng.randint(20, 80)
        data, n = fit_activity(
            rng, start + i * step + rng.randint(0, 3600), sport, minutes, 3_900_000_000 + i
        )
        (folder / f"{i:05d}.fit").write_bytes(data)
        records += n
    return records


# ---------------------------------------------------------------- measuring


def fitdecode_full(paths: list[Path]) -> tuple[float, int]:
    started, records = time.perf_counter(), 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in paths:
            try:
                with fitdecode.FitReader(str(path)) as reader:
                    for frame in reader:
                        if isinstance(frame, fitdecode.FitDataMessage):
                            records += 1
            except fitdecode.FitError:
                pass
    return time.perf_counter() - started, records


def strideback_read(paths: list[Path], workers: int | None = None) -> tuple[float, int, int]:
    started = time.perf_counter()
    activities = records = 0
    for result in read_sources(paths, workers=workers):
        activities += len(result.activities)
        records += result.content.records
    return time.perf_counter() - started, activities, records


def whole_import(folder: Path, home: Path | None = None) -> tuple[float, int]:
    """Read + de-duplicate + save into a fresh database, or into `home` (a subprocess: Django starts clean)."""
    home = home or Path(tempfile.mkdtemp(prefix="sb-bench-home-"))
    code = (
        "import sys, time, json\n"
        "from strideback.store.setup import open_store\n"
        f"open_store(__import__('pathlib').Path({str(home)!r}))\n"
        "from strideback.services.people import local_person_id\n"
        "from strideback.services.importing import import_paths\n"
        "person = local_person_id()\n"
        "t = time.perf_counter()\n"
        f"report = import_paths(person, [{str(folder)!r}])\n"
        "print(json.dumps([time.perf_counter() - t, report.imported]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, imported = __import__("json").loads(out.stdout.strip().splitlines()[-1])
    return seconds, imported


def line(label: str, ours: float, reference: float, ref_name: str, files: int, records: int) -> None:
    print(
        f"  {label:<34} strideback {ours:8.3f} s | {ref_name} {reference:8.3f} s | ratio {ours / reference:6.3f} | "
        f"{files / ours:8.0f} files/s | {records / ours:10.0f} records/s"
    )


def bench_real_fit() -> None:
    paths = sorted((DATA / "fit").glob("*"))
    if not paths:
        print("  (../shared/data/fit absent)")
        return
    reference, records = fitdecode_full(paths)
    ours_1, activities, _ = strideback_read(paths, workers=1)
    print(f"Real FIT files: {len(paths)} files, {records} FIT messages, {activities} activities")
    line("read, one process", ours_1, reference, "fitdecode", len(paths), records)


def bench_archive(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="sb-bench-fit-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        written = make_archive(folder, count)
        paths = sorted(folder.glob("*.fit"))
        size = sum(p.stat().st_size for p in paths) / 1024**2
        print(
            f"\nSynthetic 10-year archive: {count} FIT activities, {written} messages, {size:.0f} MB "
            f"(written by the bench's own FIT encoder in {time.perf_counter() - started:.1f} s)"
        )
        reference, records = fitdecode_full(paths)
        ours_1, activities, _ = strideback_read(paths, workers=1)
        ours_n, _, _ = strideback_read([folder])
        imported_s, imported = whole_import(folder)
        line("read, one process", ours_1, reference, "fitdecode", len(paths), records)
        line(f"read, all {os.cpu_count()} cores", ours_n, reference, "fitdecode", len(paths), records)
        line("whole import into a fresh database", imported_s, reference, "fitdecode", len(paths), records)
        print(f"  activities read: {activities}; imported: {imported}")


def bench_rerun(count: int) -> None:
    """Re-running an interrupted import (half of it done before): most files are duplicates."""
    with tempfile.TemporaryDirectory(prefix="sb-bench-rerun-") as tmp:
        folder, half, home = Path(tmp) / "all", Path(tmp) / "half", Path(tmp) / "home"
        folder.mkdir()
        half.mkdir()
        make_archive(folder, count)
        for path in sorted(folder.glob("*.fit"))[: count // 2]:
            os.link(path, half / path.name)
        fresh_s, _ = whole_import(folder)
        whole_import(half, home)  # the interrupted first run
        rerun_s, imported = whole_import(folder, home)
        again_s, _ = whole_import(folder, home)
        print(
            f"\nRe-running an interrupted import of {count} FIT files ({count // 2} already imported):\n"
            f"  fresh import {fresh_s:6.2f} s | re-run {rerun_s:6.2f} s (imported {imported}) | "
            f"all duplicates {again_s:6.2f} s | re-run / fresh {rerun_s / fresh_s:4.2f}"
        )


def _gpx_file(rng: random.Random, minutes: int, day: int) -> bytes:
    lat, lon = 46.0, 14.0
    out = io.StringIO()
    out.write(
        '<?xml version="1.0"?><gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1">'
        "<trk><type>running</type><trkseg>"
    )
    for second in range(minutes * 60):
        lat += 2.8 / 111_320 * (0.8 + 0.4 * rng.random())
        out.write(
            f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{300 + rng.random():.1f}</ele>'
            f"<time>2020-01-{day:02d}T{7 + second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z</time>"
            "</trkpt>"
        )
    out.write("</trkseg></trk></gpx>")
    return out.getvalue().encode()


def bench_gpx(count: int) -> None:
    rng = random.Random(5)
    files = [_gpx_file(rng, rng.randint(20, 60), 1 + i % 28) for i in range(count)]
    points = sum(f.count(b"<trkpt") for f in files)
    started = time.perf_counter()
    for data in files:
        gpxpy.parse(data.decode()).length_2d()
    reference = time.perf_counter() - started
    started = time.perf_counter()
    for i, data in enumerate(files):
        read_gpx(data, f"{i}.gpx")
    ours = time.perf_counter() - started
    print(f"\nGPX: {count} generated tracks, {points} points ({sum(map(len, files)) / 1024**2:.0f} MB)")
    line("read", ours, reference, "gpxpy    ", count, points)


def _apple_export(path: Path, megabytes: int) -> int:
    row = (
        b'<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" '
        b'creationDate="2020-01-01 08:00:00 +0000" startDate="2020-01-01 08:00:00 +0000" '
        b'endDate="2020-01-01 08:00:00 +0000" value="72"><MetadataEntry key="HKMetadataKeyHeartRateMotionContext" '
        b'value="0"/></Record>\n'
    )
    workout = (
        '<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min" '
        'totalDistance="5" totalDistanceUnit="km" sourceName="Watch" startDate="2020-01-{d:02d} 07:00:00 +0000" '
        'endDate="2020-01-{d:02d} 07:30:00 +0000"><WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" '
        'average="150" maximum="170" unit="count/min"/></Workout>\n'
    )
    elements = 0
    with path.open("wb") as out:
        out.write(
            b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData ANY>\n]>\n'
            b'<HealthData locale="en_US">\n'
        )
        block = row * 1000
        for i in range(megabytes * 1024**2 // len(block)):
            out.write(block)
            out.write(workout.format(d=1 + i % 28).encode())
            elements += 2002
        out.write(b"</HealthData>\n")
    return elements


def bench_apple(megabytes: int) -> None:
    with tempfile.TemporaryDirectory(prefix="sb-bench-apple-") as tmp:
        path = Path(tmp) / "export.xml"
        elements = _apple_export(path, megabytes)
        started = time.perf_counter()
        for _event, element in ET.iterparse(str(path)):
            element.clear()
        reference = time.perf_counter() - started
        started = time.perf_counter()
        with path.open("rb") as stream:
            workouts = len(read_apple_health(stream, "export.xml").activities)
        ours = time.perf_counter() - started
        code = (
            "import resource, sys\n"
            "from strideback.importers.apple_health import read_apple_health\n"
            f"read_apple_health(open({str(path)!r}, 'rb'), 'export.xml')\n"
            # VmHWM: this process's own peak (ru_maxrss can carry the parent's peak across exec)
            "status = open('/proc/self/status').read() if sys.platform == 'linux' else ''\n"
            "hwm = [int(l.split()[1]) for l in status.splitlines() if l.startswith('VmHWM')]\n"
            "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        )
        peak_kb = int(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
        size = path.stat().st_size / 1024**2
        print(
            f"\nApple Health: generated export.xml of {size:.0f} MB, {elements} elements, {workouts} workouts"
        )
        line("read (streamed)", ours, reference, "ET.iterparse", 1, elements)
        print(
            f"  peak memory of a process reading it: {peak_kb / 1024:.0f} MB (whole process, Python included)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller synthetic data, for a quick look")
    parser.add_argument("--rerun", action="store_true", help="only the re-run of an interrupted import")
    args = parser.parse_args()
    quick = args.quick
    print(f"strideback import benchmark ({'quick' if quick else 'full'}), {os.cpu_count()} cores\n")
    if args.rerun:
        return bench_rerun(300 if quick else 3000)
    bench_real_fit()
    bench_archive(300 if quick else 3000)
    bench_rerun(300 if quick else 3000)
    bench_gpx(20 if quick else 100)
    bench_apple(60 if quick else 600)


if __name__ == "__main__":
    main()
