"""Every table of one person as plain JSON rows, and back: what an export archive holds.

The store is the only place that knows tables, so the archive's rows are built here from the models'
own fields. A row keeps its original `id`; references between rows (an activity's sources, a
screening's check-in) use those ids, and loading maps them to the new ids of the rows it creates.
Timestamps set by the database (`created_at`, `updated_at`, `imported_at`) are kept as they were.
The bytes of imported files are not rows: the archive carries them as files of their own, so the
`imported_files` rows leave `content` out and loading takes it from a function the caller gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

from strideback.store import models as m
from strideback.store.archive_rules import check_domain_rules, check_trial_days
from strideback.store.records import KEEP_LIMIT_BYTES, atomic

# Bump when a table or field changes, and teach `load_person` to read the older versions.
# 1: the records only. 2: adds `imported_files` (the original files, their bytes beside the tables).
# 3: adds `checkins.recorded_at`, `activity_sources.record`, `plan_events.caps` (issue 11),
#    `activities.pain_before` (issue 12).
#    check-ins gain `side` and `quality`, and the `treatments` table (issue 15).
# 4: adds the personal trial, `trials` (with its sealed key: the archive is the person's own full
#    backup, so a restored trial goes on drawing the same days) and `trial_days` (issue 13).
# 5: adds `plan_limit_settings`: who set the plan limits as a clinician (by email) and when, linked to
#    the plan input it made (issue 14). The clinician's account is not the person's: a restore has none.
SCHEMA_VERSION = 5

# Table name in the archive -> model. Order matters: a table only refers to tables before it.
TABLES: dict[str, type[models.Model]] = {
    "person": m.Person,
    "activities": m.Activity,
    "activity_sources": m.ActivitySource,
    "checkins": m.CheckIn,
    "questionnaires": m.QuestionnaireResponse,
    "screenings": m.RedFlagScreening,
    "plan_state": m.PlanState,
    "plan_events": m.PlanEvent,
    "imported_files": m.ImportedFile,
    "treatments": m.Treatment,
    "trials": m.Trial,
    "trial_days": m.TrialDay,
    "plan_limit_settings": m.PlanLimitSetting,
}
# Tables added after schema 1 -> the first schema version that has them (older archives: no rows).
TABLE_SINCE: dict[str, int] = {
    "imported_files": 2,
    "treatments": 3,
    "trials": 4,
    "trial_days": 4,
    "plan_limit_settings": 5,
}
# Nullable columns added after schema 1 -> the first schema version that has them (older: null).
COLUMN_SINCE: dict[tuple[str, str], int] = {
    ("checkins", "recorded_at"): 3,
    ("activity_sources", "record"): 3,
    ("plan_events", "caps"): 3,
    ("activities", "pain_before"): 3,
}
SHA256 = re.compile(r"[0-9a-f]{64}")
# Row references inside the archive: (table, field) -> the table it points to.
REFERENCES: dict[tuple[str, str], str] = {
    ("activity_sources", "activity_id"): "activities",
    ("screenings", "checkin_id"): "checkins",
    ("trial_days", "trial_id"): "trials",
    ("plan_limit_settings", "plan_event_id"): "plan_events",
}
_WHOLE_NUMBER_FIELDS = (
    "AutoField",
    "BigAutoField",
    "SmallIntegerField",
    "IntegerField",
    "BigIntegerField",
    "ForeignKey",
)


class BadRows(ValueError):
    """The rows do not fit the tables: the message names the table, the row and the field."""


def _fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a row carries: every concrete column but the owning person, the cache version, where
    the person is in the first-start sequence (a restored diary counts as set up), bytes (an imported
    file's content travels as a file of its own) and links to accounts (a clinician's account is not
    the person's; the row keeps the email beside it)."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.attname not in ("person_id", "data_version", "onboarding")
        and not isinstance(f, models.BinaryField)
        and not (f.is_relation and f.related_model is m.Account)
    ]


def _is_auto_timestamp(field: models.Field) -> bool:
    """A time the database sets on save (`created_at`, `updated_at`, `imported_at`, a setting's `at`)."""
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _binary_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, models.BinaryField)]


def tables_in(version: int) -> list[str]:
    """The tables an archive of that schema version holds, in loading order."""
    return [name for name in TABLES if TABLE_SINCE.get(name, 1) <= version]


def table_columns() -> dict[str, list[str]]:
    """Column names per table (for the manifest, and for a test that notices a schema change)."""
    return {name: [f.attname for f in _fields(model)] for name, model in TABLES.items()}


# ---------------------------------------------------------------- dumping


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def dump_person(person_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row that belongs to the person, table by table, as JSON-ready dicts (oldest first)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, model in TABLES.items():
        rows = (
            model._default_manager.filter(pk=person_id)
            if model is m.Person
            else model._default_manager.filter(person_id=person_id)
        )
        fields = _fields(model)
        rows = rows.defer(*_binary_fields(model)).order_by("pk")
        tables[name] = [{f.attname: _to_json(getattr(row, f.attname)) for f in fields} for row in rows]
    return tables


def person_has_records(person_id: int) -> bool:
    """Whether any table holds a row of the person (the person row itself aside)."""
    return any(
        model._default_manager.filter(person_id=person_id).exists()
        for model in TABLES.values()
        if model is not m.Person
    )


def home_has_records() -> bool:
    """Whether any person in this database has any record."""
    return any(model._default_manager.exists() for model in TABLES.values() if model is not m.Person)


# ---------------------------------------------------------------- checking


def _check_value(table: str, index: int, field: models.Field, value: Any) -> Any:
    """The value as the model wants it, or BadRows naming where it was wrong."""
    where = f"{table} row {index + 1}, field {field.attname}"
    if value is None:
        if not field.null:
            raise BadRows(f"{where}: missing a value")
        return None
    internal = field.get_internal_type()
    if internal in _WHOLE_NUMBER_FIELDS:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif internal == "FloatField":
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value == value
    elif internal == "BooleanField":
        ok = isinstance(value, bool)
    elif internal in ("CharField", "TextField", "DateField", "DateTimeField"):
        ok = isinstance(value, str)
    elif internal == "JSONField":
        ok = True
    else:  # a field type this version does not know how to read
        raise BadRows(f"{where}: cannot read a {internal}")
    if not ok:
        raise BadRows(f"{where}: {type(value).__name__} is not a valid value")
    try:
        converted = field.to_python(value)
        if internal == "DateTimeField" and (converted is None or converted.tzinfo is None):
            raise ValidationError("a time with a timezone")
        if internal == "DateField" and converted is None:
            raise ValidationError("a date")
        if field.choices and converted not in {choice for choice, _ in field.flatchoices}:
            raise ValidationError(f"not one of {', '.join(str(c) for c, _ in field.flatchoices)}")
        field.run_validators(converted)
    except ValidationError as error:
        raise BadRows(f"{where}: {'; '.join(error.messages)}") from None
    return converted


def _with_later_columns(
    row: dict[str, Any], fields: list[models.Field], table: str, version: int
) -> dict[str, Any]:
    """A row of an older archive with the columns added since: at their defaults, or null for a nullable
    column listed in COLUMN_SINCE as newer than the archive; any other missing column is still refused."""
    filled = dict(row)
    for field in fields:
        if field.attname in filled:
            continue
        if field.has_default():
            default = field.get_default()
            filled[field.attname] = list(default) if isinstance(default, list | tuple) else default
        elif COLUMN_SINCE.get((table, field.attname), 0) > version:
            filled[field.attname] = None
    return filled


def check_tables(tables: Mapping[str, Any], version: int = SCHEMA_VERSION) -> dict[str, list[dict[str, Any]]]:
    """Check every table, row and value without touching the database; return the rows as Python values.

    `tables` holds the tables of that schema version; tables added later come back empty.
    Refuses (BadRows) unknown or missing tables and columns, values of the wrong type or off a field's
    choices, duplicate ids, references to rows that are not in the archive, and more than one person.
    """
    expected = tables_in(version)
    today = dt.date.today()
    if not isinstance(tables, Mapping) or set(tables) != set(expected):
        found = sorted(tables) if isinstance(tables, Mapping) else []
        raise BadRows(f"expected the tables {', '.join(expected)}; found {', '.join(found) or 'none'}")
    checked: dict[str, list[dict[str, Any]]] = {}
    for name, model in TABLES.items():
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise BadRows(f"{name}: expected a list of rows")
        fields = _fields(model)
        columns = {f.attname for f in fields}
        ids: set[int] = set()
        checked[name] = []
        for index, row in enumerate(rows):
            if version < SCHEMA_VERSION and isinstance(row, dict):
                row = _with_later_columns(row, fields, name, version)
            if not isinstance(row, dict) or set(row) != columns:
                extra = sorted(set(row) - columns) if isinstance(row, dict) else []
                missing = sorted(columns - set(row)) if isinstance(row, dict) else sorted(columns)
                raise BadRows(
                    f"{name} row {index + 1}: unexpected columns {extra or '-'}, missing columns {missing or '-'}"
                )
            values = {f.attname: _check_value(name, index, f, row[f.attname]) for f in fields}
            check_domain_rules(name, index, values, today, BadRows)
            if values["id"] in ids:
                raise BadRows(f"{name} row {index + 1}: id {values['id']} appears twice")
            ids.add(values["id"])
            checked[name].append(values)
    if len(checked["person"]) != 1:
        raise BadRows(f"person: expected exactly one person, found {len(checked['person'])}")
    if len(checked["plan_state"]) > 1:
        raise BadRows("plan_state: expected at most one row")
    for (table, column), target in REFERENCES.items():
        known = {row["id"] for row in checked[target]}
        for index, row in enumerate(checked[table]):
            if row[column] is not None and row[column] not in known:
                raise BadRows(f"{table} row {index + 1}: {column} {row[column]} is not in {target}")
    _check_imported_files(checked["imported_files"])
    check_trial_days(checked["trials"], checked["trial_days"], BadRows)
    return checked


def _check_imported_files(rows: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for index, row in enumerate(rows):
        where = f"imported_files row {index + 1}"
        if not SHA256.fullmatch(row["sha256"]):
            raise BadRows(f"{where}: sha256 is not 64 lowercase hexadecimal digits")
        if row["sha256"] in seen:
            raise BadRows(f"{where}: the file {row['sha256']} appears twice")
        seen.add(row["sha256"])
        if row["size"] < 0 or (row["kept"] and row["size"] > KEEP_LIMIT_BYTES):
            raise BadRows(f"{where}: size {row['size']} is not possible for a kept file")
        if not row["kept"] and not row["reason"]:
            raise BadRows(f"{where}: a file that was not kept must say why")


def kept_files(tables: Mapping[str, list[dict[str, Any]]]) -> dict[str, int]:
    """SHA-256 -> size of every imported file whose bytes the archive must carry."""
    return {row["sha256"]: row["size"] for row in tables.get("imported_files", []) if row["kept"]}


# ---------------------------------------------------------------- loading


ReadContent = Callable[[str], bytes]


def _no_content(sha256: str) -> bytes:
    raise BadRows(f"the content of the imported file {sha256} is missing")


def load_person(
    person_id: int, tables: Mapping[str, list[dict[str, Any]]], content: ReadContent = _no_content
) -> dict[str, int]:
    """Write checked rows (from `check_tables`) into a person that has no records; one transaction.

    `content(sha256)` gives the bytes of each kept imported file (it may raise BadRows). The person's
    own fields are overwritten with the archive's. Returns the row count per table.
    Raises BadRows when the database refuses a row (a constraint) or a file's bytes do not match
    its checksum and size; nothing is written then.
    """
    counts: dict[str, int] = {}
    try:
        with atomic():
            if person_has_records(person_id):
                raise BadRows("the person already has records; restore only into an empty home")
            new_ids: dict[str, dict[int, int]] = {}
            for name, model in TABLES.items():
                rows = tables[name]
                if model is m.Person:
                    _load_person_row(person_id, rows[0])
                    counts[name] = 1
                    continue
                if model is m.ImportedFile:
                    _load_imported_files(person_id, rows, content)
                    counts[name] = len(rows)
                    continue
                new_ids[name] = _load_rows(person_id, name, model, rows, new_ids)
                counts[name] = len(rows)
    except IntegrityError as error:
        raise BadRows(f"the database refused a row: {error}") from None
    return counts


def _load_person_row(person_id: int, row: Mapping[str, Any]) -> None:
    values = {k: v for k, v in row.items() if k != "id"}
    values["onboarding"] = "done"  # a restored diary was set up where it was made
    m.Person.objects.filter(pk=person_id).update(**values, data_version=models.F("data_version") + 1)


def _load_rows(
    person_id: int,
    name: str,
    model: type[models.Model],
    rows: list[dict[str, Any]],
    new_ids: Mapping[str, Mapping[int, int]],
) -> dict[int, int]:
    objects = []
    for row in rows:
        values = {k: v for k, v in row.items() if k != "id"}
        for (table, column), target in REFERENCES.items():
            if table == name and values[column] is not None:
                values[column] = new_ids[target][values[column]]
        objects.append(model(person_id=person_id, **values))
    created = model._default_manager.bulk_create(objects, batch_size=500)
    # bulk_create lets auto_now/auto_now_add overwrite the timestamps; put the archived ones back.
    stamps = [f.attname for f in _fields(model) if _is_auto_timestamp(f)]
    if stamps and created:
        for obj, row in zip(created, rows, strict=True):
            for stamp in stamps:
                setattr(obj, stamp, row[stamp])
        model._default_manager.bulk_update(created, stamps, batch_size=500)
    return {row["id"]: obj.pk for row, obj in zip(rows, created, strict=True)}


def _load_imported_files(person_id: int, rows: list[dict[str, Any]], content: ReadContent) -> None:
    """One row at a time, so that only one file's bytes are in memory."""
    for row in rows:
        data = content(row["sha256"]) if row["kept"] else b""
        if row["kept"] and (len(data) != row["size"] or hashlib.sha256(data).hexdigest() != row["sha256"]):
            raise BadRows(f"the imported file {row['name']!r} does not match its checksum")
        values = {k: v for k, v in row.items() if k != "id"}
        created = m.ImportedFile.objects.create(person_id=person_id, content=data, **values)
        # auto_now_add overwrote the timestamp; put the archived one back
        m.ImportedFile.objects.filter(pk=created.pk).update(imported_at=row["imported_at"])


def person_created_at(person_id: int) -> dt.datetime:
    """When the person was created: kept by a restore, so it keys exported ids that survive one."""
    return m.Person.objects.values_list("created_at", flat=True).get(pk=person_id)
