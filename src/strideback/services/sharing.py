"""Share records in standard forms: a FHIR R4 bundle for a clinic's systems, CSV files for a spreadsheet."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from strideback.domain.types import Activity, CheckIn
from strideback.importers.spreadsheet_csv import guard_cell
from strideback.store import records

# The headers the spreadsheet CSV importer reads (DESIGN.md; importers/spreadsheet_csv.py).
ACTIVITY_HEADER = ("date", "sport", "minutes", "km", "rpe", "pain_during", "pain_after", "note")
CHECKIN_HEADER = (
    "date",
    "back_pain",
    "leg_pain",
    "reach",
    "numbness",
    "tingling",
    "weakness",
    "stiffness_min",
    "sleep",
    "note",
)


def _write_atomically(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed into place); private to the user (0600)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- FHIR


def person_key(person_id: int) -> str:
    """A stable key that names no one: a hash of when the person was created (a restore keeps it)."""
    from strideback.store.archive import person_created_at

    created = person_created_at(person_id).astimezone(dt.UTC).isoformat()
    return hashlib.sha256(f"strideback-person|{created}".encode()).hexdigest()[:32]


def fhir_bundle(person_id: int, include_name: bool = False) -> dict[str, Any]:
    """Every check-in, session, questionnaire and red-flag screening as a validated FHIR R4 Bundle.

    Pseudonymous unless `include_name`: the Patient carries no name, birth date or identifier.
    """
    from strideback.report.fhir import FhirRecords, build_bundle

    return build_bundle(
        FhirRecords(
            person_key=person_key(person_id),
            name=records.get_person(person_id).name if include_name else None,
            checkins=records.list_checkins(person_id),
            activities=records.list_activities(person_id),
            questionnaires=records.list_questionnaires(person_id),
            screenings=records.list_screenings(person_id),
        )
    )


def export_fhir(person_id: int, path: Path, include_name: bool = False) -> dict[str, int]:
    """Write the bundle to `path`; returns how many resources of each type it holds."""
    bundle = fhir_bundle(person_id, include_name=include_name)
    _write_atomically(path, json.dumps(bundle, ensure_ascii=False, indent=1) + "\n")
    counts: dict[str, int] = {}
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


# ---------------------------------------------------------------- CSV


def _number(value: float | None, places: int) -> str:
    if value is None:
        return ""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _activity_row(activity: Activity) -> list[str]:
    return [
        activity.start.isoformat(),  # the importer reads a date with a time and offset
        activity.sport.value,
        _number(activity.duration_s / 60, 6),
        _number(activity.distance_m / 1000 if activity.distance_m is not None else None, 6),
        _number(activity.rpe, 6),
        "" if activity.pain_during is None else str(activity.pain_during),
        "" if activity.pain_after is None else str(activity.pain_after),
        guard_cell(activity.note),
    ]


def _checkin_row(checkin: CheckIn) -> list[str]:
    return [
        checkin.date.isoformat(),
        str(checkin.back_pain),
        str(checkin.leg_pain),
        checkin.reach.value,
        "yes" if checkin.numbness else "no",
        "yes" if checkin.tingling else "no",
        "yes" if checkin.weakness else "no",
        "" if checkin.stiffness_min is None else str(checkin.stiffness_min),
        "" if checkin.sleep is None else str(checkin.sleep),
        guard_cell(checkin.note),
    ]


def _csv_cell(text: str) -> str:
    """RFC 4180 quoting. The csv module leaves a lone carriage return unquoted when lines end in
    "\n", which breaks the file for every reader; this quotes it."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_text(header: tuple[str, ...], rows: list[list[str]]) -> str:
    return "".join(",".join(_csv_cell(cell) for cell in row) + "\n" for row in [list(header), *rows])


def activities_csv(activities: list[Activity]) -> str:
    """Activities in the spreadsheet importer's header (the start keeps its time and UTC offset)."""
    return _csv_text(ACTIVITY_HEADER, [_activity_row(a) for a in activities])


def checkins_csv(checkins: list[CheckIn]) -> str:
    return _csv_text(CHECKIN_HEADER, [_checkin_row(c) for c in checkins])


def export_csv(person_id: int, folder: Path) -> dict[str, int]:
    """Write activities.csv and checkins.csv into `folder` in the importer's own headers."""
    folder = Path(folder)
    activities = records.list_activities(person_id)
    checkins = records.list_checkins(person_id)
    _write_atomically(folder / "activities.csv", activities_csv(activities))
    _write_atomically(folder / "checkins.csv", checkins_csv(checkins))
    return {"activities": len(activities), "checkins": len(checkins)}
