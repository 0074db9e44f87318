"""What an import did, as typed values; JSON only at the edges (`to_json`, for the CLI and the API).

Every path and message is made printable when it enters the report (`names.shown`): a file name that is
not UTF-8 shows U+FFFD, and control characters (ANSI escape sequences) are escaped, so no face can
print them raw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strideback.domain.types import Activity
from strideback.importers.names import shown


@dataclass(frozen=True)
class FileFailure:
    """A file (or archive entry, or row) that could not be imported, and why."""

    path: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


@dataclass(frozen=True)
class FileSkipped:
    """A readable file that holds nothing to import (a settings file, a photo), and why it was skipped."""

    path: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    merged: int = 0
    checkins: int = 0
    treatments: int = 0
    failed: list[FileFailure] = field(default_factory=list)
    skipped: list[FileSkipped] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    merged_ids: list[int] = field(default_factory=list)  # sessions a record was merged into (issue 15)
    files: int = 0
    bytes_read: int = 0
    originals: int = 0  # original files newly kept (or recorded as too large to keep)
    already_imported: int = 0  # files whose checksum matched a file imported before: not read again
    stopped: str | None = None  # why the import stopped early (a full disk), in the person's words

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None

    def fail(self, path: str, error: str) -> None:
        self.failed.append(FileFailure(shown(path), shown(error)))

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append(FileSkipped(shown(path), shown(reason)))

    def add(self, other: ImportReport) -> None:
        """Count in what a committed batch (or file) did."""
        self.imported += other.imported
        self.duplicates += other.duplicates
        self.merged += other.merged
        self.checkins += other.checkins
        self.treatments += other.treatments
        self.failed.extend(other.failed)
        self.skipped.extend(other.skipped)
        self.activities.extend(other.activities)
        self.merged_ids.extend(other.merged_ids)
        self.originals += other.originals

    def to_json(self) -> dict[str, Any]:
        """The contract's shape (DESIGN.md → `strideback import --json`) plus `skipped`, `merged`,
        `checkins`, and `stopped` when the import stopped early."""
        data: dict[str, Any] = {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": [f.to_json() for f in self.failed],
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
            "skipped": [s.to_json() for s in self.skipped],
            "merged_ids": self.merged_ids,
        }
        if self.stopped is not None:
            data["stopped"] = self.stopped
        return data


def storage_problem(error: BaseException) -> str | None:
    """The person's words for a write that failed because the disk is full, or None for other errors."""
    import errno

    from django.db import OperationalError

    text = str(error).lower()
    full = isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
    full = full or (
        isinstance(error, OperationalError)
        and any(
            sign in text
            for sign in ("disk is full", "disk i/o error", "no space left", "could not extend file", "quota")
        )
    )
    if not full:
        return None
    return (
        "the import stopped because the disk is full (or over its size limit); free some space, then run "
        "the same import again: what was imported is kept and is skipped next time"
    )
