"""Personal trials and their drawn days. The key stays in here and in the services; no face reads it."""

from __future__ import annotations

import datetime as dt

from strideback.domain.trial.design import StoredDay, StoredTrial, TrialDesign
from strideback.store import models as m
from strideback.store.records.people import _changed, atomic


def _trial(row: m.Trial) -> StoredTrial:
    return StoredTrial(
        id=row.pk,
        design=TrialDesign(start=row.start, weeks=row.weeks),
        key=row.key,
        state=row.state,
        stopped_on=row.stopped_on,
        seeded=row.seeded,
    )


def create_trial(person_id: int, design: TrialDesign, key: str, seeded: bool) -> StoredTrial:
    with atomic():
        row = m.Trial.objects.create(
            person_id=person_id, start=design.start, weeks=design.weeks, key=key, seeded=seeded
        )
        _changed(person_id)
    return _trial(row)


def latest_trial(person_id: int) -> StoredTrial | None:
    """The person's most recent trial (running, stopped or over), or None."""
    row = m.Trial.objects.filter(person_id=person_id).order_by("-created_at", "-id").first()
    return None if row is None else _trial(row)


def list_trials(person_id: int) -> list[StoredTrial]:
    return [_trial(row) for row in m.Trial.objects.filter(person_id=person_id)]


def stop_trial(person_id: int, trial_id: int, day: dt.date) -> None:
    with atomic():
        m.Trial.objects.filter(person_id=person_id, pk=trial_id, state="running").update(
            state="stopped", stopped_on=day
        )
        _changed(person_id)


def _day(r: m.TrialDay) -> StoredDay:
    return StoredDay(
        date=r.date, allocation=r.allocation, revealed=r.revealed, deviation=r.deviation, ran=r.ran
    )


def list_trial_days(person_id: int, trial_id: int) -> list[StoredDay]:
    return [_day(r) for r in m.TrialDay.objects.filter(person_id=person_id, trial_id=trial_id)]


def get_trial_day(person_id: int, trial_id: int, day: dt.date) -> StoredDay | None:
    row = m.TrialDay.objects.filter(person_id=person_id, trial_id=trial_id, date=day).first()
    return None if row is None else _day(row)


def save_trial_day(person_id: int, trial_id: int, day: StoredDay) -> None:
    """Insert or update the day; a day once revealed stays revealed. Bumps the data version on change."""
    with atomic():
        row = m.TrialDay.objects.filter(trial_id=trial_id, date=day.date).first()
        if row is None:
            m.TrialDay.objects.create(
                trial_id=trial_id,
                person_id=person_id,
                date=day.date,
                allocation=day.allocation,
                revealed=day.revealed,
                deviation=day.deviation,
                ran=day.ran,
            )
            _changed(person_id)
            return
        revealed = row.revealed or day.revealed
        if (row.allocation, row.revealed, row.deviation, row.ran) == (
            day.allocation,
            revealed,
            day.deviation,
            day.ran,
        ):
            return
        row.allocation, row.revealed, row.deviation, row.ran = (
            day.allocation,
            revealed,
            day.deviation,
            day.ran,
        )
        row.save()
        _changed(person_id)
