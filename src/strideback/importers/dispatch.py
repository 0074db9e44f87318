"""Read one file's bytes (or stream) with the reader its content calls for."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from strideback.importers import detect, registry
from strideback.importers.archives import LIMITS, entry_problem, gunzip, open_entry, open_zip, read_entry
from strideback.importers.errors import SkippedFile, UnreadableFile
from strideback.importers.results import FileContent, SourceResult
from strideback.importers.xml_stream import ByteSource


def claimed_suffixes() -> frozenset[str]:
    """Names that claim to be something we read: unreadable content there is an error, while other files
    met while walking a folder or an archive (photos, notes) are skipped."""
    return registry.claimed_suffixes() | frozenset(detect.CONTAINER_SUFFIXES)


def supported() -> str:
    return (
        f"not a file type strideback reads; it reads {', '.join(registry.titles())} "
        f"(each also inside {' and '.join(detect.CONTAINER_SUFFIXES)} files)"
    )


def read_bytes(
    data: bytes, label: str, source: str | None = None, walked: bool = False, depth: int = 0
) -> list[SourceResult]:
    """Results for one file held in memory (a zip gives one result per entry)."""
    size = len(data)
    try:
        if not data:
            raise UnreadableFile(label, "the file is empty (0 bytes); copy or export it again")
        kind = detect.sniff(data[: detect.HEAD_BYTES], label)
        if kind == detect.GZIP:
            data = gunzip(data, label)
            kind = detect.sniff(data[: detect.HEAD_BYTES], label)
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
        if kind is None:
            suffix = PurePosixPath(label.lower()).suffix
            if walked and suffix not in claimed_suffixes():
                return [SourceResult(label, "unknown", size, skipped="not an activity or check-in file")]
            raise UnreadableFile(label, registry.unrecognised(suffix) or supported())
        return [_ok(label, kind, size, registry.READERS[kind].read(data, label, source))]
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


def read_stream(kind: str, stream: ByteSource, label: str, size: int) -> list[SourceResult]:
    """A file of a kind whose reader streams (an Apple Health export.xml), never whole in memory."""
    read = registry.READERS[kind].stream
    try:
        if read is None:
            raise UnreadableFile(label, "this kind of file is read whole; it is too large to read")
        return [_ok(label, kind, size, read(stream, label))]
    except UnreadableFile as error:
        return [SourceResult(label, kind, size, error=error.reason)]
    except SkippedFile as skip:
        return [SourceResult(label, kind, size, skipped=skip.reason)]


def streams(kind: str) -> bool:
    """True when files of `kind` are read as a stream."""
    reader = registry.READERS.get(kind)
    return reader is not None and reader.stream is not None


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
        if info.file_size > LIMITS.max_in_memory_bytes or _may_stream(info.filename):
            with open_entry(archive, info, entry_label) as stream:
                kind = detect.sniff(stream.read(detect.HEAD_BYTES), entry_label)
            if kind is not None and streams(kind):
                with open_entry(archive, info, entry_label) as stream:
                    return read_stream(kind, stream, entry_label, info.file_size)
        data = read_entry(archive, info, entry_label)
    except UnreadableFile as error:
        return [SourceResult(entry_label, "unknown", info.file_size, error=error.reason)]
    return read_bytes(data, entry_label, source, walked=True, depth=depth)


def _may_stream(name: str) -> bool:
    """An entry named like a kind that streams (`.xml`: Apple Health) is sniffed before it is read."""
    suffix = PurePosixPath(name.lower()).suffix
    return any(r.stream is not None and suffix in r.suffixes for r in registry.READERS.values())
