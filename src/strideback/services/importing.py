"""Import files into a person's record: read, de-duplicate, save — one transaction per file.

Same fingerprint as a stored record → a duplicate (nothing added). The same session from
another source (domain.dedup) → stored once: the richer record is kept and both sources are
remembered. A file that fails leaves nothing behind; the others still import.

Each file the person gave — a file named on its own, each file found in a named folder, or a .zip
as a whole (not its members) — is kept as an original (`records.add_original`) in the transaction
of the first record it produced, once per checksum; a file above the store's keep limit is recorded
(name, size, checksum) without its bytes, and hashed in chunks rather than read whole.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from strideback.domain import bounds, dedup
from strideback.domain.types import Activity, InvalidValue
from strideback.importers import SourceResult, read_sources
from strideback.importers.sources import ProgressCallback
from strideback.store import records

SEARCH_WINDOW = dedup.START_WINDOW + dt.timedelta(minutes=1)


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    merged: int = 0
    checkins: int = 0
    treatments: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    files: int = 0
    bytes_read: int = 0
    originals: int = 0  # original files newly kept (or recorded as too large to keep)

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_json(self) -> dict[str, Any]:
        """The contract's shape (DESIGN.md → `strideback import --json`) plus `skipped` and `merged`."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "activities": [
                {
                    "id": a.id,
                    "sport": a.sport.value,
                    "start": a.start.isoformat(),
                    "duration_s": round(a.duration_s, 1),
                    "distance_m": None if a.distance_m is None else round(a.distance_m, 1),
                    "source": a.source,
                }
                for a in self.activities
            ],
            "merged": self.merged,
            "checkins": self.checkins,
            "treatments": self.treatments,
            "skipped": self.skipped,
        }


def import_paths(
    person_id: int,
    paths: Iterable[str | os.PathLike[str]],
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    names: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import every file under `paths` for the person; returns what happened to each.

    `names` maps a path given here to the name the person knows it by (an upload's own name
    rather than its temporary file's); the kept originals are recorded under it.
    """
    paths = list(paths)
    report = ImportReport()
    originals = Originals(person_id, paths, names or {})
    known = KnownSessions(person_id)
    for result in read_sources(paths, progress=progress, workers=workers):
        report.files += 1
        report.bytes_read += result.size_bytes
        if result.error is not None:
            report.failed.append({"path": result.path, "error": result.error})
            continue
        if result.skipped is not None:
            report.skipped.append({"path": result.path, "reason": result.skipped})
            continue
        for where, problem in result.content.problems:
            report.failed.append({"path": where, "error": problem})
        save_result(person_id, result, report, originals, known)
    return report


class KnownSessions:
    """What the person already has, read once per import, so most files need no look-up query.

    A negative filter only: a fingerprint or a start time not found here is certainly not in the store
    (everything committed before or during this import is here); a hit is confirmed in the store.
    Sessions saved in a transaction join only once it commits, so a rolled-back file leaves no trace.
    """

    def __init__(self, person_id: int) -> None:
        self.fingerprints = records.known_fingerprints(person_id)
        self.starts = [s.timestamp() for s in records.session_starts(person_id)]
        self._pending: list[Activity] = []

    def may_have_fingerprint(self, fingerprint: str) -> bool:
        return bool(fingerprint) and (
            fingerprint in self.fingerprints or any(a.fingerprint == fingerprint for a in self._pending)
        )

    def may_have_session_near(self, start: dt.datetime) -> bool:
        low, high = (start - SEARCH_WINDOW).timestamp(), (start + SEARCH_WINDOW).timestamp()
        index = bisect.bisect_left(self.starts, low)
        if index < len(self.starts) and self.starts[index] <= high:
            return True
        return any(low <= a.start.timestamp() <= high for a in self._pending)

    def saving(self, activity: Activity) -> None:
        self._pending.append(activity)

    def committed(self) -> None:
        for activity in self._pending:
            self.fingerprints.add(activity.fingerprint)
            bisect.insort(self.starts, activity.start.timestamp())
        self._pending.clear()

    def rolled_back(self) -> None:
        self._pending.clear()


def save_result(
    person_id: int,
    result: SourceResult,
    report: ImportReport,
    originals: Originals | None = None,
    known: KnownSessions | None = None,
) -> None:
    """Save one file's content in one transaction; on any error nothing of it stays.

    With `originals`, the file the result came from is kept in the same transaction.
    """
    partial = ImportReport()
    keeping = originals.pending(result) if originals is not None else None
    try:
        with records.atomic():
            if keeping is not None:
                partial.originals += keeping.save()
            now = dt.datetime.now(dt.UTC)
            for activity in result.activities:
                bounds.check_moment("start", activity.start, now)  # the device's clock: not in the future
                _save_activity(person_id, activity, result.path, partial, known)
            for checkin in result.checkins:
                if records.get_checkin(person_id, checkin.date) is not None:
                    partial.duplicates += 1  # the check-in already recorded that day is kept
                else:
                    records.save_checkin(person_id, checkin, entered=False)  # entry time unknown
                    partial.checkins += 1
            for day, pain in result.content.pain_after.items():
                _record_pain_after(person_id, day, pain)
            if result.content.treatments:
                from strideback.services.treatments import import_treatments

                added, repeated = import_treatments(person_id, list(result.content.treatments))
                partial.treatments += added
                partial.duplicates += repeated
    except (InvalidValue, records.CheckInExists) as error:
        if known is not None:
            known.rolled_back()
        report.failed.append({"path": result.path, "error": str(error)})
        return
    except BaseException:
        if known is not None:
            known.rolled_back()
        raise
    if known is not None:
        known.committed()
    report.imported += partial.imported
    report.duplicates += partial.duplicates
    report.merged += partial.merged
    report.checkins += partial.checkins
    report.treatments += partial.treatments
    report.activities.extend(partial.activities)
    report.originals += partial.originals
    if keeping is not None:
        keeping.done()


# ---------------------------------------------------------------- the original files


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
            if item is None:
                self.handled.add(path)  # gone or unreadable since it was imported: nothing to keep
            else:
                prepared.append(item)
        return _Keeping(self, prepared) if prepared else None

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


# ---------------------------------------------------------------- saving records


def _save_activity(
    person_id: int, activity: Activity, path: str, report: ImportReport, known: KnownSessions | None = None
) -> None:
    name = os.path.basename(path)
    if (
        known is None or known.may_have_fingerprint(activity.fingerprint)
    ) and records.find_activity_by_fingerprint(person_id, activity.fingerprint) is not None:
        report.duplicates += 1
        return
    nearby = (
        records.activities_between(person_id, activity.start - SEARCH_WINDOW, activity.start + SEARCH_WINDOW)
        if known is None or known.may_have_session_near(activity.start)
        else []
    )
    same = dedup.find_same_session(activity, nearby)
    if same is None or same.id is None:
        if known is not None:
            known.saving(activity)
        activity_id = records.add_activity(person_id, activity, source_name=name)
        report.imported += 1
        report.activities.append(dataclasses.replace(activity, id=activity_id))
        return
    # issue 11: both source records are kept, linked; the session shows the richest view of them
    records.keep_source_record(same.id)
    merged = dedup.merged_view(same, activity)
    if merged != same:
        records.replace_activity(same.id, merged)
    if known is not None:
        known.saving(activity)  # its fingerprint is now one of the person's sources
    records.add_activity_source(
        same.id, activity.source, activity.fingerprint, name, records.source_record(activity)
    )
    report.duplicates += 1
    report.merged += 1


def _record_pain_after(person_id: int, day: dt.date, pain: int) -> None:
    """Leg pain after activity, from a check-in CSV: goes to that day's last session without one."""
    sessions = [a for a in records.list_activities(person_id, since=day, until=day) if a.pain_after is None]
    if not sessions:
        return
    last = max(sessions, key=lambda a: a.start)
    if last.id is not None:
        records.update_activity_pain(last.id, last.pain_during, pain)
