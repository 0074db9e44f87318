"""Daily check-ins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError

from strideback.domain import types as d
from strideback.store import models as m
from strideback.store.records.flagged import readable, readable_one
from strideback.store.records.people import _changed, atomic


class CheckInExists(Exception):
    """A check-in for that date exists already; pass replace=True to overwrite it."""

    def __init__(self, day: dt.date) -> None:
        self.date = day
        super().__init__(f"a check-in for {day.isoformat()} exists already")


def _checkin_fields(checkin: d.CheckIn) -> dict[str, object]:
    return {
        "back_pain": checkin.back_pain,
        "leg_pain": checkin.leg_pain,
        "reach": checkin.reach.value,
        "numbness": checkin.numbness,
        "tingling": checkin.tingling,
        "weakness": checkin.weakness,
        "stiffness_min": checkin.stiffness_min,
        "sleep": checkin.sleep,
        "note": checkin.note,
    }


def _to_checkin(row: m.CheckIn) -> d.CheckIn:
    return d.CheckIn(
        date=row.date,
        back_pain=row.back_pain,
        leg_pain=row.leg_pain,
        reach=d.Reach(row.reach),
        numbness=row.numbness,
        tingling=row.tingling,
        weakness=row.weakness,
        stiffness_min=row.stiffness_min,
        sleep=row.sleep,
        note=row.note,
        id=row.pk,
    )


def save_checkin(person_id: int, checkin: d.CheckIn, replace: bool = False) -> int:
    with atomic():
        existing = (
            m.CheckIn.objects.select_for_update().filter(person_id=person_id, date=checkin.date).first()
        )
        if existing is not None:
            if not replace:
                raise CheckInExists(checkin.date)
            for name, value in _checkin_fields(checkin).items():
                setattr(existing, name, value)
            existing.save()
            _changed(person_id)
            return existing.pk
        try:
            with atomic():
                row = m.CheckIn.objects.create(
                    person_id=person_id, date=checkin.date, **_checkin_fields(checkin)
                )
        except IntegrityError:  # a concurrent writer got there first
            raise CheckInExists(checkin.date) from None
        _changed(person_id)
        return row.pk


def add_checkins(person_id: int, checkins: Iterable[d.CheckIn]) -> int:
    rows = [m.CheckIn(person_id=person_id, date=c.date, **_checkin_fields(c)) for c in checkins]
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
    return readable(rows, _to_checkin, "checkins")
