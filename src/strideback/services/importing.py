"""Import files into a person's record: read, de-duplicate, save — one transaction per file.

Same fingerprint as a stored record → a duplicate (nothing added). The same session from
another source (domain.dedup) → stored once: the richer record is kept and both sources are
remembered. A file that fails leaves nothing behind; the others still import.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from strideback.domain import dedup
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
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    files: int = 0
    bytes_read: int = 0

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
            "skipped": self.skipped,
        }


def import_paths(
    person_id: int,
    paths: Iterable[str | os.PathLike[str]],
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import every file under `paths` for the person; returns what happened to each."""
    report = ImportReport()
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
        save_result(person_id, result, report)
    return report


def save_result(person_id: int, result: SourceResult, report: ImportReport) -> None:
    """Save one file's content in one transaction; on any error nothing of it stays."""
    partial = ImportReport()
    try:
        with records.atomic():
            for activity in result.activities:
                _save_activity(person_id, activity, result.path, partial)
            for checkin in result.checkins:
                if records.get_checkin(person_id, checkin.date) is not None:
                    partial.duplicates += 1  # the check-in already recorded that day is kept
                else:
                    records.save_checkin(person_id, checkin)
                    partial.checkins += 1
            for day, pain in result.content.pain_after.items():
                _record_pain_after(person_id, day, pain)
    except (InvalidValue, records.CheckInExists) as error:
        report.failed.append({"path": result.path, "error": str(error)})
        return
    report.imported += partial.imported
    report.duplicates += partial.duplicates
    report.merged += partial.merged
    report.checkins += partial.checkins
    report.activities.extend(partial.activities)


def _save_activity(person_id: int, activity: Activity, path: str, report: ImportReport) -> None:
    name = os.path.basename(path)
    if records.find_activity_by_fingerprint(person_id, activity.fingerprint) is not None:
        report.duplicates += 1
        return
    nearby = records.activities_between(
        person_id, activity.start - SEARCH_WINDOW, activity.start + SEARCH_WINDOW
    )
    same = dedup.find_same_session(activity, nearby)
    if same is None or same.id is None:
        activity_id = records.add_activity(person_id, activity, source_name=name)
        report.imported += 1
        report.activities.append(dataclasses.replace(activity, id=activity_id))
        return
    kept = dedup.richer(activity, same)
    other = same if kept is activity else activity
    try:
        merged = dedup.merge(kept, other)
    except InvalidValue:
        merged = kept
    if merged != same:
        records.replace_activity(same.id, dataclasses.replace(merged, id=same.id))
    records.add_activity_source(same.id, activity.source, activity.fingerprint, name)
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
