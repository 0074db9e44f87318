"""Zip and gzip archives read in memory or streamed — never extracted to disk — with limits.

Refused per entry: names that would escape a folder if extracted (`../`, absolute paths,
drive letters: "zip slip"). Refused per archive: too many entries or too much uncompressed
data. Refused per entry: an entry larger than the per-entry limit or compressed suspiciously
well (a "zip bomb").

Headers can lie, so every read is streamed and counted: the limits apply to the bytes the
decompressor actually produces, checked chunk by chunk, and the ratio is taken against the most
compressed bytes the entry can really occupy (up to the archive's central directory). Whatever
an archive claims, no more than `max_in_memory_bytes` (+ one chunk) is ever held for one file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, BinaryIO

from strideback.importers.errors import UnreadableFile

# What the zip library raises for a damaged archive, whichever part is damaged: the directory or an entry's
# header (BadZipFile; NotImplementedError for a version or method from nowhere; ValueError for an offset
# before the first byte or a name that is not the UTF-8 it claims), its data (zlib.error, EOFError, a
# wrong CRC-32 as BadZipFile), or an entry locked with a password (RuntimeError).
ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    ValueError,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


def _entry_damaged(label: str, error: BaseException) -> UnreadableFile:
    """The refusal for an entry the zip library could not open or read (one of ZIP_DAMAGE)."""
    return UnreadableFile(label, f"the archive entry is damaged ({error})")


@dataclass(frozen=True)
class ArchiveLimits:
    max_entries: int = 500_000
    max_total_bytes: int = 64 * 1024**3  # Apple Health exports reach several GB
    max_entry_bytes: int = 16 * 1024**3
    # One FIT/GPX/TCX/CSV file read whole; real ones are far smaller (a day-long 1 s GPX is ~15 MB).
    # Bounded so that reading any file, lying or not, stays well under 200 MB of memory.
    max_in_memory_bytes: int = 64 * 1024**2
    max_ratio: float = 200.0  # real exports compress 5–30×; bombs compress 1000× and more
    ratio_floor_bytes: int = 1024**2  # small entries may compress well without harm
    max_depth: int = 2  # a zip inside a zip (Garmin exports) but no deeper


LIMITS = ArchiveLimits()
READ_CHUNK = 1024**2


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
    except ZIP_DAMAGE as error:
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


def compressed_bound(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The most compressed bytes an entry can really occupy: its header's word, but never past the
    central directory (where every entry's data ends), so a lying header cannot excuse a bomb."""
    room = getattr(archive, "start_dir", None)
    real = info.compress_size if room is None else min(info.compress_size, room - info.header_offset)
    return max(real, 1)


def _bomb_check(produced: int, compressed: int, label: str, what: str, limits: ArchiveLimits) -> None:
    if produced > limits.ratio_floor_bytes and produced > limits.max_ratio * compressed:
        raise UnreadableFile(
            label,
            f"{what} is compressed more than {limits.max_ratio:.0f}:1, far beyond real files "
            "(possible zip bomb); it was refused",
        )


def _read_capped(
    read: Callable[[int], bytes], label: str, compressed: int, what: str, limits: ArchiveLimits
) -> bytes:
    """Read a stream to its end in chunks, refusing it as soon as it passes the size or ratio limits."""
    chunks: list[bytes] = []
    produced = 0
    while chunk := read(READ_CHUNK):
        produced += len(chunk)
        if produced > limits.max_in_memory_bytes:
            raise UnreadableFile(label, too_large(limits))
        _bomb_check(produced, compressed, label, what, limits)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limits: ArchiveLimits = LIMITS) -> str:
    return (
        f"the file is too large to read (more than {limits.max_in_memory_bytes // 1024**2} MB once "
        "unpacked); activity files are far smaller, so it is probably not one (or it is damaged)"
    )


def read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: ArchiveLimits = LIMITS
) -> bytes:
    """The bytes of one entry, read in memory: streamed and counted, refused once past the limits."""
    if info.file_size > limits.max_in_memory_bytes:
        raise UnreadableFile(label, too_large(limits))
    try:
        with archive.open(info) as entry:
            return _read_capped(entry.read, label, compressed_bound(archive, info), "the entry", limits)
    except ZIP_DAMAGE as error:
        raise _entry_damaged(label, error) from None


class CappedStream(io.RawIOBase):
    """A read-only stream over an archive entry that counts what it produces and stops a bomb."""

    def __init__(self, raw: IO[bytes], label: str, compressed: int, limits: ArchiveLimits = LIMITS) -> None:
        super().__init__()
        self._raw, self._label, self._compressed, self._limits = raw, label, compressed, limits
        self.produced = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            chunk = self._raw.read(READ_CHUNK if size is None or size < 0 else size)
        except ZIP_DAMAGE as error:
            raise _entry_damaged(self._label, error) from None
        self.produced += len(chunk)
        if self.produced > self._limits.max_entry_bytes:
            raise UnreadableFile(
                self._label, "the entry unpacks to more than the per-file limit (possible zip bomb)"
            )
        _bomb_check(self.produced, self._compressed, self._label, "the entry", self._limits)
        return chunk

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> CappedStream:
    """A counted stream over one entry (for Apple Health exports, read without holding them in memory)."""
    try:
        return CappedStream(archive.open(info), label, compressed_bound(archive, info))
    except ZIP_DAMAGE as error:
        raise _entry_damaged(label, error) from None


def gunzip(data: bytes, label: str, limits: ArchiveLimits = LIMITS) -> bytes:
    """Decompress a .gz held in memory, refusing bombs (size and ratio) as it inflates."""
    return gunzip_stream(io.BytesIO(data), label, limits)


def gunzip_stream(source: BinaryIO, label: str, limits: ArchiveLimits = LIMITS) -> bytes:
    """Inflate a .gz stream with a running cap: never more than the limit (+ one chunk) is produced.

    The ratio is checked against the compressed bytes consumed so far, so a bomb is stopped within
    its first few megabytes, whatever the gzip trailer says.
    """
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    chunks: list[bytes] = []
    produced = consumed = 0
    pending = b""
    try:
        while True:
            if not pending:
                pending = source.read(READ_CHUNK // 4)
                consumed += len(pending)
                if not pending:
                    break
            out = inflater.decompress(pending, READ_CHUNK)
            pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > limits.max_in_memory_bytes:
                raise UnreadableFile(
                    label,
                    f"the .gz file unpacks to more than {limits.max_in_memory_bytes // 1024**2} MB "
                    "(possible gzip bomb)",
                )
            _bomb_check(produced, consumed - len(pending), label, "the .gz file", limits)
            chunks.append(out)
            if inflater.eof:
                break  # a second gzip member, if any, is ignored like gzip readers of one file do
    except zlib.error as error:
        raise UnreadableFile(
            label, f"the .gz file is damaged ({error}); download or export it again"
        ) from None
    if not inflater.eof:
        raise UnreadableFile(label, "the .gz file is cut short; download or export it again")
    return b"".join(chunks)
