"""Use cases for treatments and medication: log one, list them, a daily series for the evidence engine."""

from __future__ import annotations

import datetime as dt
from typing import Any

from strideback.domain import treatments as t
from strideback.domain.types import check_not_future
from strideback.store import records


def log_treatment(
    person_id: int, name: str, day: dt.date, dose: str = "", note: str = "", today: dt.date | None = None
) -> t.Treatment:
    """Record one thing taken or done. Raises InvalidValue naming the field; nothing is written then."""
    check_not_future("date", day, today or dt.date.today())
    treatment = t.Treatment(date=day, name=name, dose=dose.strip(), note=note)
    [treatment_id] = records.add_treatments(person_id, [treatment])
    return t.Treatment(treatment.date, treatment.name, treatment.dose, treatment.note, id=treatment_id)


def import_treatments(person_id: int, treatments: list[t.Treatment]) -> tuple[int, int]:
    """Store imported rows, skipping those stored already: (added, duplicates)."""
    new = [x for x in treatments if not records.has_treatment(person_id, x)]
    records.add_treatments(person_id, new)
    return len(new), len(treatments) - len(new)


def list_treatments(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[t.Treatment]:
    return records.list_treatments(person_id, since=since, until=until)


def delete_treatment(person_id: int, treatment_id: int) -> bool:
    return records.delete_treatment(person_id, treatment_id)


def treatment_exposures(person_id: int, first: dt.date, last: dt.date) -> dict[str, dict[dt.date, int]]:
    """Exploratory exposures for the evidence engine: per treatment, how often it was used each day."""
    return t.daily_series(records.list_treatments(person_id, since=first, until=last), first, last)


def treatment_json(treatment: t.Treatment) -> dict[str, Any]:
    item = treatment.item
    return {
        "id": treatment.id,
        "date": treatment.date.isoformat(),
        "name": treatment.name,
        "label": item.label,
        "kind": item.kind.value,
        "dose": treatment.dose,
        "note": treatment.note,
    }
