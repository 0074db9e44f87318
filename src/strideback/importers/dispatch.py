"""Read one file's bytes (or stream) with the reader its content calls for."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import BinaryIO

from strideback.importers import detect
from strideback.importers.apple_health import read_apple_health
from strideback.importers.archives import LIMITS, entry_problem, gunzip, open_entry, open_zip, read_entry
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.fit import read_fit
from strideback.importers.garmin_export import read_garmin_summaries
from strideback.importers.gpx import read_gpx
from strideback.importers.results import FileContent, SourceResult
from strideback.importers.spreadsheet_csv import read_activities_csv, read_checkins_csv, read_treatments_csv
from strideback.importers.strava_export import content_of_rows, parse_activities_csv
from strideback.importers.tcx import read_tcx

CSV_HEADERS = (
    "a CSV whose header strideback does not recognise; activities need the columns date,sport,minutes "
    "and check-ins date,back_pain,leg_pain"
)
# Extensions that claim to be something we read: unreadable content there is an error, while
# other files met while walking a folder or an archive (photos, notes) are skipped.
CLAIMED_EXTENSIONS = (".fit", ".gpx", ".tcx", ".csv", ".xml", ".gz", ".zip", ".json")
SUPPORTED = (
    "not a file type strideback reads; it reads FIT, GPX and TCX files (also .gz), Strava, Garmin and "
    "Apple Health export archives, and CSV files of activities or check-ins"
)


def _source(kind: str, source: str | None) -> str:
    return source or {"fit": "fit", "gpx": "gpx", "tcx": "tcx"}.get(kind, kind)


def _read(kind: str, data: bytes, label: str, source: str | None) -> FileContent:
    readers: dict[str, Callable[[], FileContent]] = {
        detect.FIT: lambda: read_fit(data, label, _source("fit", source)),
        detect.GPX: lambda: read_gpx(data, label, _source("gpx", source)),
        detect.TCX: lambda: read_tcx(data, label, _source("tcx", source)),
        detect.APPLE_HEALTH: lambda: read_apple_health(io.BytesIO(data), label),
        detect.ACTIVITIES_CSV: lambda: read_activities_csv(data, label),
        detect.CHECKINS_CSV: lambda: read_checkins_csv(data, label),
        detect.TREATMENTS_CSV: lambda: read_treatments_csv(data, label),
        detect.STRAVA_CSV: lambda: content_of_rows(parse_activities_csv(data, label)[0], label),
    }
    return readers[kind]()


def read_bytes(
    data: bytes, label: str, source: str | None = None, walked: bool = False, depth: int = 0
) -> list[SourceResult]:
    """Results for one file held in memory (a zip gives one result per entry)."""
    size = len(data)
    try:
        if not data:
            raise UnreadableFile(label, "the file is empty (0 bytes); copy or export it again")
        kind = detect.sniff(data[: detect.HEAD_BYTES])
        if kind == detect.GZIP:
            data = gunzip(data, label)
            kind = detect.sniff(data[: detect.HEAD_BYTES])
            if kind in (detect.GZIP, detect.ZIP):
                raise UnreadableFile(
                    label, "a compressed file inside a .gz is not supported; unpack it first"
                )
            if not data:
                raise UnreadableFile(label, "the .gz file holds an empty file")
        if kind == detect.ZIP:
            if depth >= LIMITS.max_depth:
                raise UnreadableFile(
                    label, "archives nested this deep are refused; unpack the outer ones first"
                )
            return read_zip(open_zip(io.BytesIO(data), label), label, depth + 1, source)
        if kind is None and label.endswith(".json") and b"summarizedActivities" in data[:4096]:
            kind = "garmin_json"
        if kind == "garmin_json":
            return [_ok(label, kind, size, read_garmin_summaries(data, label))]
        if kind is None:
            suffix = PurePosixPath(label.lower()).suffix
            if walked and suffix not in CLAIMED_EXTENSIONS:
                return [SourceResult(label, "unknown", size, skipped="not an activity or check-in file")]
            if suffix == ".csv":
                raise UnreadableFile(label, CSV_HEADERS)
            raise UnreadableFile(label, SUPPORTED)
        return [_ok(label, kind, size, _read(kind, data, label, source))]
    except UnreadableFile as error:
        return [SourceResult(label, "unknown", size, error=error.reason)]
    except SkippedFile as skip:
        return [SourceResult(label, "unknown", size, skipped=skip.reason)]
    except Exception as error:  # a reader bug must not stop the other files
        return [
            SourceResult(
                label,
                "unknown",
                size,
                error=f"unexpected problem reading the file ({type(error).__name__}); please report it",
            )
        ]


def read_stream(stream: BinaryIO, label: str, size: int) -> list[SourceResult]:
    """An Apple Health export.xml read as a stream (never whole in memory)."""
    try:
        return [_ok(label, detect.APPLE_HEALTH, size, read_apple_health(stream, label))]
    except UnreadableFile as error:
        return [SourceResult(label, detect.APPLE_HEALTH, size, error=error.reason)]
    except SkippedFile as skip:
        return [SourceResult(label, detect.APPLE_HEALTH, size, skipped=skip.reason)]


def _ok(label: str, kind: str, size: int, content: FileContent) -> SourceResult:
    return SourceResult(label, kind, size, content=content)


def skip_entry(name: str) -> bool:
    """Entries never worth reading: folders, macOS resource forks, hidden files, Apple extras."""
    path = PurePosixPath(name)
    return (
        name.endswith("/")
        or path.parts[:1] == ("__MACOSX",)
        or path.name.startswith(".")
        or path.name == "export_cda.xml"
        or "workout-routes" in path.parts  # Apple routes belong to workouts read from export.xml
    )


def read_zip(
    archive: zipfile.ZipFile, label: str, depth: int, source: str | None, names: tuple[str, ...] | None = None
) -> list[SourceResult]:
    """Results for the entries of an (in-memory or on-disk) zip, one per entry."""
    results: list[SourceResult] = []
    infos = archive.infolist() if names is None else [archive.getinfo(n) for n in names]
    for info in infos:
        if skip_entry(info.filename):
            continue
        results.extend(read_member(archive, info, label, depth, source))
    return results


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, depth: int, source: str | None
) -> list[SourceResult]:
    entry_label = f"{label}/{info.filename}"
    problem = entry_problem(info)
    if problem:
        return [SourceResult(entry_label, "unknown", info.file_size, error=problem)]
    try:
        if info.file_size > LIMITS.max_in_memory_bytes or info.filename.endswith("export.xml"):
            with open_entry(archive, info, entry_label) as stream:
                head = stream.read(detect.HEAD_BYTES)
            if detect.sniff(head) == detect.APPLE_HEALTH:
                with open_entry(archive, info, entry_label) as stream:
                    return read_stream(stream, entry_label, info.file_size)
        data = read_entry(archive, info, entry_label)
    except UnreadableFile as error:
        return [SourceResult(entry_label, "unknown", info.file_size, error=error.reason)]
    return read_bytes(data, entry_label, source, walked=True, depth=depth)
