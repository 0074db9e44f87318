"""The files a person gave, kept as originals with the records read from them (see `importing`).

A result names its file as `path/to/file` or `path/to/archive.zip/member`; the file the person gave is the
nearest part of that label that is a file on disk. Files already kept (by checksum, read once per import)
are not written again.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from strideback.importers import SourceResult
from strideback.importers.names import shown
from strideback.store import records

CHUNK_BYTES = 1 << 20
_ROW_SUFFIX = re.compile(r" line \d+$")  # a Strava CSV row's label: "<export>/activities.csv line 12"


@dataclass(frozen=True)
class _Prepared:
    path: str
    original: records.OriginalFile
    content: bytes


class Originals:
    """For one import: which file the person gave each result came from, and which are kept already.

    A result names its file as `path/to/file` or `path/to/archive.zip/member`; the file the person
    gave is the nearest part of that label that is a file on disk.
    """

    def __init__(self, person_id: int, paths: list[str | os.PathLike[str]], names: Mapping[str, str]):
        self.person_id = person_id
        self.folders = [os.path.normpath(p) for p in paths if os.path.isdir(p)]
        self.names = {os.path.normpath(path): name for path, name in names.items()}
        self.handled: set[str] = set()  # origins kept, already known, or unreadable
        self._files: dict[str, str | None] = {}
        self.known = records.original_checksums(person_id)  # kept before this import: not written again
        self.counts = records.file_record_counts(person_id)  # records each known file gave
        self._sha: dict[str, str] = {}

    def pending(self, result: SourceResult) -> _Keeping | None:
        """The originals to keep with this result's records (read and hashed now), or None."""
        content = result.content
        if (
            result.error
            or result.skipped
            or not (content.activities or content.checkins or content.pain_after or content.treatments)
        ):
            return None
        todo = [path for path in self._origins(result) if path not in self.handled]
        prepared = []
        for path in todo:
            item = self._prepare(path)
            if item is not None:
                self._sha[path] = item.original.sha256
            if item is None or item.original.sha256 in self.known:
                self.handled.add(path)  # kept already, or gone or unreadable since: nothing to keep
            else:
                prepared.append(item)
        return _Keeping(self, prepared) if prepared else None

    def already_imported(self, path: str) -> int | None:
        """For a loose file: how many records it gave when it was imported before (by checksum), or None."""
        if not self.counts:
            return None
        try:
            sha = self._sha.get(path) or _hash_file(path)[0]
        except OSError:
            return None
        return self.counts.get(sha)

    def remember(self, result: SourceResult) -> None:
        """Inside the result's transaction: note how many records its file gave, when the file is its own
        origin (a loose file, not an archive's member or a Strava export's row)."""
        if result.kind == "strava" or self._file_of(result.path) != result.path:
            return
        try:
            sha = self._sha.get(result.path) or _hash_file(result.path)[0]
        except OSError:
            return
        self._sha[result.path] = sha
        count = len(result.content.activities) + len(result.content.checkins)
        if self.counts.get(sha) != count:
            records.remember_file_records(self.person_id, sha, count)
            self.counts[sha] = count

    def _origins(self, result: SourceResult) -> list[str]:
        label = _ROW_SUFFIX.sub("", result.path)
        origin = self._file_of(label)
        if origin is None:
            return []
        found = [origin]
        if result.kind == "strava" and origin == label:  # a file of a Strava export folder
            for folder in (os.path.dirname(origin), os.path.dirname(os.path.dirname(origin))):
                summary = os.path.join(folder, "activities.csv")
                if os.path.isfile(summary) and summary != origin:
                    found.append(summary)
                    break
        return found

    def _file_of(self, label: str) -> str | None:
        """The nearest file on disk along the label (the label itself, or the archive it is inside)."""
        visited = []
        candidate = label
        while candidate not in self._files:
            visited.append(candidate)
            if os.path.isfile(candidate):
                self._files[candidate] = candidate
                break
            parent = os.path.dirname(candidate)
            if not parent or parent == candidate or os.path.isdir(candidate):
                self._files[candidate] = None
                break
            candidate = parent
        answer = self._files[candidate]
        for step in visited:
            self._files[step] = answer
        return answer

    def _name(self, path: str) -> str:
        return shown(self._given_name(path))

    def _given_name(self, path: str) -> str:
        normal = os.path.normpath(path)
        if normal in self.names:
            return self.names[normal]
        for folder in self.folders:
            if normal.startswith(folder.rstrip(os.sep) + os.sep):
                inside = PurePath(os.path.relpath(normal, folder)).as_posix()
                return f"{PurePath(os.path.abspath(folder)).name}/{inside}"
        return os.path.basename(normal)

    def _prepare(self, path: str) -> _Prepared | None:
        name = self._name(path)
        try:
            size = os.path.getsize(path)
            if size <= records.KEEP_LIMIT_BYTES:
                with open(path, "rb") as handle:
                    content = handle.read(records.KEEP_LIMIT_BYTES + 1)
                if len(content) <= records.KEEP_LIMIT_BYTES:
                    original = records.OriginalFile(
                        hashlib.sha256(content).hexdigest(), name, len(content), _kind(name)
                    )
                    return _Prepared(path, original, content)
            digest, size = _hash_file(path)
        except OSError:
            return None
        limit_mb = records.KEEP_LIMIT_BYTES // 1024**2
        reason = (
            f"larger than {limit_mb} MB, so not kept; the records read from it are; keep the file yourself"
        )
        return _Prepared(path, records.OriginalFile(digest, name, size, _kind(name), False, reason), b"")


@dataclass
class _Keeping:
    """Originals to add inside a result's transaction, marked handled once it commits."""

    originals: Originals
    items: list[_Prepared]

    def save(self) -> int:
        return sum(
            records.add_original(self.originals.person_id, item.original, item.content) for item in self.items
        )

    def done(self) -> None:
        self.originals.handled.update(item.path for item in self.items)
        self.originals.known.update(item.original.sha256 for item in self.items)


def _hash_file(path: str) -> tuple[str, int]:
    """SHA-256 and size of a file of any size, in flat memory."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _kind(name: str) -> str:
    """The kind of file by its name: fit, gpx, zip, xml, csv, fit.gz, ... ('file' without a suffix)."""
    suffixes = [s.lower().lstrip(".") for s in PurePath(name).suffixes if 1 < len(s) <= 8]
    if len(suffixes) >= 2 and suffixes[-1] == "gz":
        return ".".join(suffixes[-2:])[:16]
    return (suffixes[-1] if suffixes else "file")[:16]
