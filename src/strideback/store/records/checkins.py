"""Daily check-ins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError
from django.utils import timezone

from strideback.domain import types as d
from strideback.domain.checkin_fields import FIELDS, Field, Kind
from strideback.store import models as m
from strideback.store.records.flagged import readable, readable_one
from strideback.store.records.people import _changed, atomic


class CheckInExists(Exception):
    """A check-in for that date exists already; pass replace=True to overwrite it."""

    def __init__(self, day: dt.date) -> None:
        self.date = day
        super().__init__(f"a check-in for {day.isoformat()} exists already")


def _checkin_fields(checkin: d.CheckIn) -> dict[str, object]:
    """The columns of a check-in, one per field of the table (`domain.checkin_fields`)."""
    return {spec.name: _to_column(spec, getattr(checkin, spec.name)) for spec in FIELDS}


def _to_column(spec: Field, value: object) -> object:
    if spec.kind is Kind.CHOICES and isinstance(value, tuple | list):
        return list(value)
    if spec.kind is Kind.CHOICE:
        return None if value is None else str(getattr(value, "value", value))
    return value


def _to_checkin(row: m.CheckIn) -> d.CheckIn:
    values = {spec.name: getattr(row, spec.name) for spec in FIELDS}
    return d.CheckIn(
        date=row.date, id=row.pk, recorded_at=row.recorded_at, **values
    )  # the domain type brings each to its form


def save_checkin(person_id: int, checkin: d.CheckIn, replace: bool = False, entered: bool = True) -> int:
    """Store a check-in entered now (or at `checkin.recorded_at`); an edit records when it was made,
    since the values it stores were entered then (issue 11: "before" a session is well defined).
    `entered=False` (an imported diary): the entry time is the check-in's own, or unknown."""
    recorded_at = checkin.recorded_at or (timezone.now() if entered else None)
    with atomic():
        existing = (
            m.CheckIn.objects.select_for_update().filter(person_id=person_id, date=checkin.date).first()
        )
        if existing is not None:
            if not replace:
                raise CheckInExists(checkin.date)
            for name, value in _checkin_fields(checkin).items():
                setattr(existing, name, value)
            existing.recorded_at = recorded_at
            existing.save()
            _changed(person_id)
            return existing.pk
        try:
            with atomic():
                row = m.CheckIn.objects.create(
                    person_id=person_id,
                    date=checkin.date,
                    recorded_at=recorded_at,
                    **_checkin_fields(checkin),
                )
        except IntegrityError:  # a concurrent writer got there first
            raise CheckInExists(checkin.date) from None
        _changed(person_id)
        return row.pk


def add_checkins(person_id: int, checkins: Iterable[d.CheckIn]) -> int:
    """Store many check-ins (an imported diary, demo data): their entry time is theirs, or unknown."""
    rows = [
        m.CheckIn(person_id=person_id, date=c.date, recorded_at=c.recorded_at, **_checkin_fields(c))
        for c in checkins
    ]
    with atomic():
        m.CheckIn.objects.bulk_create(rows)
        _changed(person_id)
    return len(rows)


def get_checkin(person_id: int, day: dt.date) -> d.CheckIn | None:
    row = m.CheckIn.objects.filter(person_id=person_id, date=day).first()
    return readable_one(row, _to_checkin, "checkins")


def list_checkins(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[d.CheckIn]:
    rows = m.CheckIn.objects.filter(person_id=person_id)
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    # Plain rows, not model instances (issue 17: faster): pk, date, recorded_at, then the fields.
    return readable(rows.values_list(*_ROW_COLUMNS, named=True), _row_to_checkin, "checkins")


_FIELD_NAMES = tuple(spec.name for spec in FIELDS)
_ROW_COLUMNS = ("pk", "date", "recorded_at", *_FIELD_NAMES)


def _row_to_checkin(row: Any) -> d.CheckIn:
    """`_to_checkin` for a row of `_ROW_COLUMNS` (the fields paired by position, not looked up by name)."""
    return d.CheckIn(
        date=row[1],
        id=row[0],
        recorded_at=row[2],
        **dict(zip(_FIELD_NAMES, row[3:], strict=True)),
    )


def delete_checkin(person_id: int, day: dt.date) -> bool:
    """Delete the person's check-in for `day` (a screening recorded with it stays, unlinked)."""
    with atomic():
        deleted, _ = m.CheckIn.objects.filter(person_id=person_id, date=day).delete()
        if deleted:
            _changed(person_id)
    return deleted > 0
