"""Share records in standard forms: the records a FHIR R4 bundle carries (report/fhir.py lays them out),
CSV files for a spreadsheet."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from strideback.domain.checkin_fields import FIELDS as CHECKIN_FIELDS
from strideback.domain.treatments import Treatment
from strideback.domain.types import Activity, CheckIn, QuestionnaireResponse, RedFlagScreening
from strideback.importers.spreadsheet_csv import guard_cell
from strideback.store import records

# The headers the spreadsheet CSV importer reads (DESIGN.md; importers/spreadsheet_csv.py).
ACTIVITY_HEADER = ("date", "sport", "minutes", "km", "rpe", "pain_during", "pain_after", "note")
CHECKIN_HEADER = ("date", *(spec.name for spec in CHECKIN_FIELDS))  # from the check-in field table


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


@dataclass(frozen=True)
class FhirRecords:
    """What the FHIR face lays out; `person_key` is a stable, non-identifying key of the person."""

    person_key: str
    name: str | None = None
    checkins: Sequence[CheckIn] = ()
    activities: Sequence[Activity] = ()
    questionnaires: Sequence[QuestionnaireResponse] = ()
    screenings: Sequence[RedFlagScreening] = ()
    treatments: Sequence[Treatment] = ()


def fhir_records(person_id: int, include_name: bool = False) -> FhirRecords:
    """Everything the FHIR bundle carries (report/fhir.py renders it); the name only if asked."""
    return FhirRecords(
        person_key=person_key(person_id),
        name=records.get_person(person_id).name if include_name else None,
        checkins=records.list_checkins(person_id),
        activities=records.list_activities(person_id),
        questionnaires=records.list_questionnaires(person_id),
        screenings=records.list_screenings(person_id),
        treatments=records.list_treatments(person_id),
    )


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
        *(guard_cell(spec.to_text(getattr(checkin, spec.name))) for spec in CHECKIN_FIELDS),
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
