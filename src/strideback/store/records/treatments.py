"""Treatments and medication, one row per thing taken or done on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from strideback.domain import treatments as t
from strideback.store import models as m
from strideback.store.records.people import _changed, atomic


def _to_treatment(row: m.Treatment) -> t.Treatment:
    return t.Treatment(date=row.date, name=row.name, dose=row.dose, note=row.note, id=row.pk)


def add_treatments(person_id: int, treatments: Iterable[t.Treatment]) -> list[int]:
    with atomic():
        rows = [
            m.Treatment.objects.create(
                person_id=person_id, date=x.date, name=x.name, dose=x.dose, note=x.note
            )
            for x in treatments
        ]
        if rows:
            _changed(person_id)
    return [row.pk for row in rows]


def list_treatments(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[t.Treatment]:
    rows = m.Treatment.objects.filter(person_id=person_id)
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return [_to_treatment(row) for row in rows]


def has_treatment(person_id: int, treatment: t.Treatment) -> bool:
    """The same item on the same day with the same dose is stored already (re-importing adds nothing)."""
    return m.Treatment.objects.filter(
        person_id=person_id, date=treatment.date, name=treatment.name, dose=treatment.dose
    ).exists()


def delete_treatment(person_id: int, treatment_id: int) -> bool:
    with atomic():
        deleted, _ = m.Treatment.objects.filter(person_id=person_id, pk=treatment_id).delete()
        if deleted:
            _changed(person_id)
    return deleted > 0
