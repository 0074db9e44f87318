"""CSV files people keep in spreadsheets: activities and morning check-ins, told apart by header.

Activities: `date,sport,minutes[,km,rpe,pain_before,pain_during,pain_after,note]`.
Treatments: `date,treatment[,dose,note]` (an item of `domain.treatments` or the person's own).
Check-ins: `date,back_pain,leg_pain[,…]` with any field of the check-in table (`domain.checkin_fields`:
reach, side, numbness, tingling, weakness, quality, stiffness_min, sleep, note) and `pain_after`
(booleans yes/no/true/false/1/0; several qualities separated by `;`). Column order is free; names are
matched without case.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from typing import Any

from strideback.domain.checkin_fields import FIELDS as CHECKIN_FIELDS
from strideback.domain.types import Activity, CheckIn, InvalidValue, Sport, check_not_future
from strideback.importers.errors import UnreadableFile
from strideback.importers.head import Head
from strideback.importers.results import FileContent

ACTIVITY_COLUMNS = ("date", "sport", "minutes")
CHECKIN_COLUMNS = ("date", "back_pain", "leg_pain")
TREATMENT_COLUMNS = ("date", "treatment")
MAX_ROWS = 200_000
# A cell a spreadsheet would run as a formula starts with one of these (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"'+[=+\-@\t\r]", re.DOTALL)


def guard_cell(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs: a formula-like start gets a leading apostrophe.

    Text that already starts with apostrophes before such a character gets one more, so that
    `unguard_cell` gives back exactly what was written.
    """
    if text.startswith(FORMULA_STARTS) or _GUARDED.match(text):
        return "'" + text
    return text


def unguard_cell(text: str) -> str:
    """The text `guard_cell` was given (a plain apostrophe elsewhere in a note is kept)."""
    return text[1:] if _GUARDED.match(text) else text


def is_activities_csv(head: Head) -> bool:
    return set(ACTIVITY_COLUMNS) <= head.csv_header


def is_checkins_csv(head: Head) -> bool:
    return set(CHECKIN_COLUMNS) <= head.csv_header


def is_treatments_csv(head: Head) -> bool:
    return set(TREATMENT_COLUMNS) <= head.csv_header


def csv_kind(text: str) -> str | None:
    """The kind of CSV (a registry kind such as `activities_csv`) its header line tells, or None."""
    from strideback.importers.detect import sniff  # the registry imports this module
    from strideback.importers.registry import READERS

    kind = sniff(text.encode("utf-8"))
    return kind if kind in READERS and ".csv" in READERS[kind].suffixes else None


def decode_text(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(path, "the CSV is not UTF-8 text; save it again as 'CSV UTF-8'") from None


def _rows(text: str, path: str):
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None:
        raise UnreadableFile(path, "the CSV is empty")
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    try:
        for number, row in enumerate(reader, start=2):
            if number > MAX_ROWS:
                raise UnreadableFile(path, f"more than {MAX_ROWS} rows; split the file")
            if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
                continue
            yield (
                number,
                {k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and isinstance(v, str)},
            )
    except csv.Error as error:
        raise UnreadableFile(path, f"malformed CSV ({error})") from None


def _day_and_start(text: str, field_name: str = "date") -> tuple[dt.date, dt.datetime]:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidValue(field_name, text, "a date like 2026-03-14 (optionally with a time)") from None
    if len(text) <= 10:  # a day only: noon UTC keeps the calendar day in any time zone
        moment = moment.replace(hour=12)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    # typed in a spreadsheet: the same bounds as the CLI and the forms (domain/bounds.py)
    check_not_future(field_name, moment.date(), dt.date.today())
    return moment.date(), moment


def _number(text: str, field_name: str) -> float | None:
    if text == "":
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise InvalidValue(field_name, text, "a number") from None


def _whole(text: str, field_name: str) -> int | None:
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        raise InvalidValue(field_name, text, "a whole number") from None


def read_activities_csv(data: bytes, path: str, source: str = "csv") -> FileContent:
    text = decode_text(data, path)
    activities = []
    for line, row in _rows(text, path):
        try:
            day, start = _day_and_start(row.get("date", ""))
            minutes = _number(row.get("minutes", ""), "minutes")
            if minutes is None:
                raise InvalidValue("minutes", "", "the session's length in minutes")
            km = _number(row.get("km", ""), "km")
            sport = Sport.parse(row.get("sport", ""))
            identity = f"{day.isoformat()}|{start.time()}|{sport.value}|{minutes}|{km}"
            activities.append(
                Activity(
                    sport=sport,
                    start=start,
                    duration_s=minutes * 60,
                    distance_m=None if km is None else km * 1000,
                    rpe=_number(row.get("rpe", ""), "rpe"),
                    pain_before=_whole(row.get("pain_before", ""), "pain_before"),
                    pain_during=_whole(row.get("pain_during", ""), "pain_during"),
                    pain_after=_whole(row.get("pain_after", ""), "pain_after"),
                    note=unguard_cell(row.get("note", "")),
                    source=source,
                    fingerprint="csv:" + hashlib.sha256(identity.encode()).hexdigest()[:32],
                )
            )
        except InvalidValue as error:
            raise UnreadableFile(path, f"line {line}: {error}; fix that row and import again") from None
    return FileContent(activities=tuple(activities), records=len(activities))


def read_checkins_csv(data: bytes, path: str) -> FileContent:
    text = decode_text(data, path)
    checkins: dict[dt.date, CheckIn] = {}
    lines: dict[dt.date, int] = {}
    pain_after: dict[dt.date, int] = {}
    for line, row in _rows(text, path):
        try:
            day, _start = _day_and_start(row.get("date", ""))
            if day in checkins:
                raise InvalidValue(
                    "date", day.isoformat(), f"one check-in per day (also on line {lines[day]})"
                )
            # one value per field of the table, each of its field's type; CheckIn checks them all
            values: dict[str, Any] = {
                spec.name: (
                    unguard_cell(row.get(spec.name, ""))
                    if spec.name == "note"
                    else spec.parse_text(row.get(spec.name, ""))
                )
                for spec in CHECKIN_FIELDS
            }
            checkins[day] = CheckIn(date=day, **values)
            lines[day] = line
            after = _whole(row.get("pain_after", ""), "pain_after")
            if after is not None:
                if not 0 <= after <= 10:
                    raise InvalidValue("pain_after", after, "a whole number from 0 to 10")
                pain_after[day] = after
        except InvalidValue as error:
            raise UnreadableFile(path, f"line {line}: {error}; fix that row and import again") from None
    return FileContent(checkins=tuple(checkins.values()), pain_after=pain_after, records=len(checkins))


def read_treatments_csv(data: bytes, path: str) -> FileContent:
    """Treatments and medication: `date,treatment[,dose,note]`, one row per thing taken or done."""
    from strideback.domain.treatments import Treatment

    text = decode_text(data, path)
    treatments = []
    for line, row in _rows(text, path):
        try:
            day, _start = _day_and_start(row.get("date", ""))
            treatments.append(
                Treatment(
                    date=day,
                    name=row.get("treatment", ""),
                    dose=row.get("dose", ""),
                    note=row.get("note", ""),
                )
            )
        except InvalidValue as error:
            raise UnreadableFile(path, f"line {line}: {error}; fix that row and import again") from None
    return FileContent(treatments=tuple(treatments), records=len(treatments))
