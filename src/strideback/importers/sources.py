"""Walk paths (files, folders, archives) into units of work and read them, on every core.

`read_sources(paths, progress)` yields one `SourceResult` per file or archive entry. Folders
are walked; Strava, Garmin and Apple Health exports (zip or folder) are recognised by their
layout; everything else is recognised by content.
"""

from __future__ import annotations

import functools
import io
import os
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from strideback.importers import detect
from strideback.importers.archives import (
    LIMITS,
    entry_problem,
    open_zip,
    read_entry,
    too_large,
    unsafe_name,
)
from strideback.importers.dispatch import (
    claimed_suffixes,
    read_bytes,
    read_member,
    read_stream,
    skip_entry,
    streams,
)
from strideback.importers.errors import UnreadableFile
from strideback.importers.known import drop_known
from strideback.importers.results import FileContent, SourceResult
from strideback.importers.strava_export import StravaRow, activity_from_row, combine, parse_activities_csv
from strideback.importers.workers import die_with_parent, pool_context

FILES_PER_UNIT = 24
ROWS_PER_UNIT = 24
PARALLEL_MIN_BYTES = 4 * 1024**2
PARALLEL_MIN_UNITS = 3


@dataclass(frozen=True)
class Progress:
    files_done: int
    bytes_done: int
    bytes_total: int
    units_done: int
    units_total: int


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class Unit:
    """A piece of work a process can do alone.

    kind `files`: `members` are paths on disk. `zip`: `members` are entries of the zip at `path`,
    reached through the nested entries `inner`. `strava`: `rows` of an export at `path` (zip or folder),
    whose files sit under `prefix`.
    """

    kind: str
    path: str
    members: tuple[str, ...] = ()
    inner: tuple[str, ...] = ()
    rows: tuple[StravaRow, ...] = ()
    prefix: str = ""
    size: int = 0
    label: str = ""
    walked: bool = False


# ---------------------------------------------------------------- planning (main process)


def plan(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Unit], list[SourceResult]]:
    units: list[Unit] = []
    results: list[SourceResult] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                units.extend(_plan_folder(path))
            elif path.is_file():
                units.extend(_plan_file(path, walked=False))
            else:
                results.append(SourceResult(str(path), "unknown", error="no such file or folder"))
        except UnreadableFile as error:
            results.append(SourceResult(error.path, "unknown", error=error.reason))
        except OSError as error:
            results.append(SourceResult(str(path), "unknown", error=f"cannot be read ({error.strerror})"))
    return units, results


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(detect.HEAD_BYTES)


def _plan_file(path: Path, walked: bool) -> list[Unit]:
    if detect.sniff(_head(path)) == detect.ZIP:
        return _plan_zip(path)
    return [Unit("files", str(path.parent), (str(path),), size=path.stat().st_size, walked=walked)]


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):  # symlinked folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__MACOSX")
        here = Path(root)
        if "export.xml" in files and "workout-routes" in dirs:
            dirs.remove("workout-routes")  # routes of the workouts read from export.xml
        for name in sorted(files):
            if not name.startswith(".") and name != "export_cda.xml":
                yield here / name


def _plan_folder(folder: Path) -> list[Unit]:
    csv_path = folder / "activities.csv"
    if csv_path.is_file() and detect.sniff(_head(csv_path)) == detect.STRAVA_CSV:
        return _strava_units(str(folder), csv_path.read_bytes(), str(csv_path), "", folder_size(folder))
    if (folder / "DI_CONNECT").is_dir():
        folder = folder / "DI_CONNECT"
    units: list[Unit] = []
    loose: list[Path] = []
    for path in _walk(folder):
        if path.is_symlink():
            continue
        if detect.sniff(_head(path)) == detect.ZIP:
            units.extend(_plan_zip(path))
        else:
            loose.append(path)
    for start in range(0, len(loose), FILES_PER_UNIT):
        chunk = loose[start : start + FILES_PER_UNIT]
        size = sum(p.stat().st_size for p in chunk)
        units.append(Unit("files", str(folder), tuple(str(p) for p in chunk), size=size, walked=True))
    return units


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in _walk(folder) if p.is_file())


def _plan_zip(path: Path) -> list[Unit]:
    label = str(path)
    with open_zip(str(path), label) as archive:
        infos = [i for i in archive.infolist() if not skip_entry(i.filename)]
        found = _find_strava_csv(archive, infos, label)
        if found is not None:
            strava_csv, data = found
            prefix = strava_csv.filename[: -len("activities.csv")]
            return _strava_units(label, data, f"{label}/{strava_csv.filename}", prefix, path.stat().st_size)
        if any("DI_CONNECT/" in i.filename for i in infos):
            infos = [i for i in infos if _garmin_wanted(i.filename)]
        return _zip_units(archive, infos, label, str(path), ())


def _find_strava_csv(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str
) -> tuple[zipfile.ZipInfo, bytes] | None:
    """A Strava export's index and its bytes; a damaged one is passed over (its own entry says so)."""
    for info in infos:
        name = PurePosixPath(info.filename)
        if name.name == "activities.csv" and len(name.parts) <= 2 and not entry_problem(info):
            try:
                data = read_entry(archive, info, f"{label}/{info.filename}")
            except UnreadableFile:
                continue
            if detect.sniff(data[: detect.HEAD_BYTES]) == detect.STRAVA_CSV:
                return info, data
    return None


def _garmin_wanted(name: str) -> bool:
    """In a Garmin account export only activity files and activity summaries matter."""
    return "DI-Connect-Uploaded-Files" in name or name.endswith("summarizedActivities.json")


def _zip_units(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], label: str, path: str, inner: tuple[str, ...]
) -> list[Unit]:
    units: list[Unit] = []
    plain: list[zipfile.ZipInfo] = []
    for info in infos:
        nested = info.filename.lower().endswith(".zip") and len(inner) == 0 and not entry_problem(info)
        if nested:
            try:
                data = read_entry(archive, info, f"{label}/{info.filename}")
                with open_zip(io.BytesIO(data), f"{label}/{info.filename}") as nested_zip:
                    nested_infos = [i for i in nested_zip.infolist() if not skip_entry(i.filename)]
                    units.extend(
                        _zip_units(
                            nested_zip, nested_infos, f"{label}/{info.filename}", path, (info.filename,)
                        )
                    )
                continue
            except UnreadableFile:
                pass  # read (and reported) as a plain entry
        plain.append(info)
    for start in range(0, len(plain), FILES_PER_UNIT):
        chunk = plain[start : start + FILES_PER_UNIT]
        units.append(
            Unit(
                "zip",
                path,
                tuple(i.filename for i in chunk),
                inner=inner,
                size=sum(i.compress_size for i in chunk),
                label=label,
                walked=True,
            )
        )
    return units


def _strava_units(path: str, csv_data: bytes, csv_label: str, prefix: str, size: int) -> list[Unit]:
    rows, problems = parse_activities_csv(csv_data, csv_label)
    units = (
        [Unit("problems", path, tuple(f"{w}\x00{r}" for w, r in problems), label=csv_label)]
        if problems
        else []
    )
    per_row = size // max(len(rows), 1)
    for start in range(0, len(rows), ROWS_PER_UNIT):
        chunk = tuple(rows[start : start + ROWS_PER_UNIT])
        units.append(Unit("strava", path, rows=chunk, prefix=prefix, size=per_row * len(chunk), label=path))
    return units


# ---------------------------------------------------------------- reading (any process)


@functools.lru_cache(maxsize=4)
def _container(path: str, inner: tuple[str, ...]) -> zipfile.ZipFile:
    archive = open_zip(path, path)
    label = path
    for name in inner:
        label = f"{label}/{name}"
        archive = open_zip(io.BytesIO(read_entry(archive, archive.getinfo(name), label)), label)
    return archive


def read_unit(unit: Unit) -> list[SourceResult]:
    if unit.kind == "files":
        return [r for member in unit.members for r in _read_disk_file(Path(member), unit.walked)]
    if unit.kind == "problems":
        return [SourceResult(p.split("\x00")[0], "strava", error=p.split("\x00")[1]) for p in unit.members]
    try:
        if unit.kind == "zip":
            archive = _container(unit.path, unit.inner)
            return [
                r
                for name in unit.members
                for r in read_member(archive, archive.getinfo(name), unit.label, 1 + len(unit.inner), None)
            ]
        if unit.kind == "strava":
            return [_read_strava_row(unit, row) for row in unit.rows]
    except UnreadableFile as error:
        return [SourceResult(error.path, "unknown", error=error.reason)]
    raise ValueError(f"unknown unit kind {unit.kind}")


def _read_disk_file(path: Path, walked: bool) -> list[SourceResult]:
    """One file on disk, sniffed from its first bytes before anything else is read.

    Only files small enough to hold are read whole (a .gz is then inflated with a running cap); an
    Apple Health export is streamed; anything else too large is refused (or skipped, when met
    while walking a folder and not named like a file strideback reads) without being read.
    """
    label = str(path)
    try:
        size = path.stat().st_size
        if not size:
            return read_bytes(b"", label, walked=walked)
        kind = detect.sniff(_head(path), label)
        if kind is not None and streams(kind):
            with path.open("rb") as stream:
                return read_stream(kind, stream, label, size)
        if size > LIMITS.max_in_memory_bytes:
            if kind is None and walked and PurePosixPath(label.lower()).suffix not in claimed_suffixes():
                return [SourceResult(label, "unknown", size, skipped="not an activity or check-in file")]
            return [SourceResult(label, kind or "unknown", size, error=too_large())]
        return read_bytes(path.read_bytes(), label, walked=walked)
    except UnreadableFile as error:
        return [SourceResult(label, "unknown", size, error=error.reason)]
    except OSError as error:
        return [SourceResult(label, "unknown", error=f"cannot be read ({error.strerror})")]


def _read_strava_row(unit: Unit, row: StravaRow) -> SourceResult:
    where = f"{unit.path}/{unit.prefix}activities.csv line {row.line}"
    if row.filename:
        label = f"{unit.path}/{unit.prefix}{row.filename}"
        recorded = _strava_file(unit, row, label)
        if isinstance(recorded, SourceResult):
            if recorded.activities:
                return replace(
                    recorded,
                    kind="strava",
                    content=replace(recorded.content, activities=(combine(row, recorded.activities[0]),)),
                )
            reason = recorded.error or recorded.skipped or "no activity in the file"
            fallback = _row_only(row, where)
            if fallback.error:
                return replace(fallback, path=label, error=f"{reason}; and the CSV row: {fallback.error}")
            problem = (label, f"{reason}; imported from the Strava summary row instead")
            return replace(fallback, content=replace(fallback.content, problems=(problem,)))
    return _row_only(row, where)


def _row_only(row: StravaRow, where: str) -> SourceResult:
    try:
        return SourceResult(
            where, "strava", content=FileContent(activities=(activity_from_row(row),), records=1)
        )
    except ValueError as error:
        return SourceResult(where, "strava", error=f"impossible value: {error}")


def _strava_file(unit: Unit, row: StravaRow, label: str) -> SourceResult | None:
    problem = unsafe_name(row.filename)
    if problem:
        return SourceResult(label, "strava", error=f"refused: {problem}")
    try:
        if Path(unit.path).is_dir():
            file_path = Path(unit.path) / unit.prefix / row.filename
            if not file_path.is_file():
                return None
            results = read_bytes(file_path.read_bytes(), label, source="strava")
        else:
            archive = _container(unit.path, ())
            try:
                info = archive.getinfo(unit.prefix + row.filename)
            except KeyError:
                return None
            results = read_member(archive, info, unit.path, 1, "strava")
    except (UnreadableFile, OSError) as error:
        return SourceResult(label, "strava", error=getattr(error, "reason", str(error)))
    return results[0] if results else None


# ---------------------------------------------------------------- running


def read_sources(
    paths: Iterable[str | os.PathLike[str]],
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    known: Callable[[str], int | None] | None = None,
) -> Generator[SourceResult, None, None]:
    """Read every file under `paths`; one result per file or archive entry, in a stable order.

    Big batches are spread over all cores (a process pool); `workers=1` keeps it in-process. With
    `known`, a loose file for which it gives a record count is not read (see `known.drop_known`).
    """
    units, early = plan(paths)
    if known is not None:
        units, done = drop_known(units, known)
        early.extend(done)
    yield from early
    total = sum(u.size for u in units)
    if workers is None:
        big = total >= PARALLEL_MIN_BYTES and len(units) >= PARALLEL_MIN_UNITS
        workers = min(os.cpu_count() or 1, len(units)) if big else 1
    done_files = done_bytes = 0
    unpacked: dict[str, int] = {}  # bytes actually produced per archive, whatever its headers say

    def report(index: int, unit: Unit, results: list[SourceResult]) -> list[SourceResult]:
        nonlocal done_files, done_bytes
        if unit.kind == "zip":
            unpacked[unit.path] = unpacked.get(unit.path, 0) + sum(
                r.size_bytes for r in results if not r.error
            )
            if unpacked[unit.path] > LIMITS.max_total_bytes:
                reason = "refused: the archive unpacks to more than its limit (possible zip bomb)"
                results = [replace(r, content=FileContent(), error=reason) for r in results]
        done_files += len(results)
        done_bytes += unit.size
        if progress is not None:
            progress(Progress(done_files, done_bytes, total, index + 1, len(units)))
        return results

    if workers <= 1:
        for index, unit in enumerate(units):
            yield from report(index, unit, read_unit(unit))
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=pool_context(), initializer=die_with_parent, initargs=(os.getpid(),)
    )
    try:
        for index, (unit, results) in enumerate(zip(units, pool.map(read_unit, units), strict=True)):
            yield from report(index, unit, results)
    finally:  # also when the caller stops early (a full disk): the rest is not read
        pool.shutdown(wait=True, cancel_futures=True)
