"""Zip and gzip archives read in memory or streamed — never extracted to disk — with limits.

Refused per entry: names that would escape a folder if extracted (`../`, absolute paths,
drive letters: "zip slip"). Refused per archive: too many entries or too much uncompressed
data. Refused per entry: an entry larger than the per-entry limit or compressed suspiciously
well (a "zip bomb").
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

from strideback.importers.errors import UnreadableFile


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int = 500_000
    max_total_bytes: int = 64 * 1024**3  # Apple Health exports reach several GB
    max_entry_bytes: int = 16 * 1024**3
    max_in_memory_bytes: int = 1024**3  # one FIT/GPX/TCX/CSV file read whole
    max_ratio: float = 200.0  # real exports compress 5–30×; bombs compress 1000× and more
    ratio_floor_bytes: int = 1024**2  # small entries may compress well without harm
    max_depth: int = 2  # a zip inside a zip (Garmin exports) but no deeper


LIMITS = ArchiveLimits()


def unsafe_name(name: str) -> str | None:
    """Why an entry name is refused, or None when it is safe."""
    if "\x00" in name:
        return "its name contains a NUL byte"
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return "its name is an absolute path"
    if ".." in normal.split("/"):
        return "its name climbs out of the archive with '..' (a 'zip slip' attack)"
    return None


def open_zip(source: str | IO[bytes], label: str, limits: ArchiveLimits = LIMITS) -> zipfile.ZipFile:
    """Open a zip and check the archive-wide limits."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise UnreadableFile(
            label, f"not a readable zip archive ({error}); download or export it again"
        ) from None
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise UnreadableFile(
            label,
            f"the archive has {len(entries)} entries, more than the {limits.max_entries} "
            "allowed; unpack it and import the folder",
        )
    total = sum(info.file_size for info in entries)
    if total > limits.max_total_bytes:
        raise UnreadableFile(
            label,
            f"the archive would unpack to {total / 1024**3:.1f} GB, more than the "
            f"{limits.max_total_bytes / 1024**3:.0f} GB allowed (possible zip bomb)",
        )
    return archive


def entry_problem(info: zipfile.ZipInfo, limits: ArchiveLimits = LIMITS) -> str | None:
    """Why one entry is refused (unsafe name, too big, suspicious ratio), or None."""
    reason = unsafe_name(info.filename)
    if reason:
        return f"refused: {reason}"
    if info.file_size > limits.max_entry_bytes:
        return f"refused: it would unpack to {info.file_size / 1024**3:.1f} GB (possible zip bomb)"
    if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        ratio = info.file_size / max(info.compress_size, 1)
        return f"refused: it is compressed {ratio:.0f}:1, far beyond real files (possible zip bomb)"
    return None


def read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: ArchiveLimits = LIMITS
) -> bytes:
    """The bytes of one entry, read in memory (bounded)."""
    if info.file_size > limits.max_in_memory_bytes:
        raise UnreadableFile(label, f"the file is {info.file_size / 1024**2:.0f} MB, too large to read")
    try:
        with archive.open(info) as entry:
            data = entry.read(limits.max_in_memory_bytes + 1)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as error:
        raise UnreadableFile(label, f"the archive entry is damaged ({error})") from None
    if len(data) > limits.max_in_memory_bytes:
        raise UnreadableFile(label, "the file is too large to read")
    return data


def open_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> IO[bytes]:
    """A stream over one entry (for Apple Health exports, read without holding them in memory)."""
    try:
        return archive.open(info)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as error:
        raise UnreadableFile(label, f"the archive entry is damaged ({error})") from None


def gunzip(data: bytes, label: str, limits: ArchiveLimits = LIMITS) -> bytes:
    """Decompress a .gz held in memory, refusing bombs (size and ratio)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limits.max_in_memory_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise UnreadableFile(
            label, f"the .gz file is damaged ({error}); download or export it again"
        ) from None
    if len(out) > limits.max_in_memory_bytes:
        raise UnreadableFile(label, "the .gz file unpacks to more than 1 GB (possible gzip bomb)")
    if len(out) > limits.ratio_floor_bytes and len(out) > limits.max_ratio * max(len(data), 1):
        raise UnreadableFile(
            label,
            f"the .gz file is compressed {len(out) / len(data):.0f}:1, far beyond real "
            "files (possible gzip bomb)",
        )
    return out
