"""Reading and writing records as domain types. Services call these; nothing else touches the tables.

Every write also bumps the person's `data_version` in the same transaction, so a result computed from
the person's records can be cached under (person, data_version): any change makes a new key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q

from strideback.domain import types as d
from strideback.store import models as m

atomic = transaction.atomic


class CheckInExists(Exception):
    """A check-in for that date exists already; pass replace=True to overwrite it."""

    def __init__(self, day: dt.date) -> None:
        self.date = day
        super().__init__(f"a check-in for {day.isoformat()} exists already")


# ---------------------------------------------------------------- people


def data_version(person_id: int) -> int:
    """A number that changes with every write to the person's records (0 for a new person).

    Read on every page view, so it is one plain statement rather than an ORM query (~10× less work).
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT data_version FROM {m.Person._meta.db_table} WHERE id = %s", [person_id])
        row = cursor.fetchone()
    return row[0] if row else 0


def _changed(person_id: int) -> None:
    """Bump the data version; call inside the writing transaction so a rollback undoes it too."""
    m.Person.objects.filter(pk=person_id).update(data_version=F("data_version") + 1)


def _changed_activity(activity_id: int) -> None:
    person_id = m.Activity.objects.filter(pk=activity_id).values_list("person_id", flat=True).first()
    if person_id is not None:
        _changed(person_id)


def get_or_create_local_person() -> int:
    """The person of a local install: the first one, created on first use (read on every page view)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {m.Person._meta.db_table} ORDER BY id LIMIT 1")
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    return m.Person.objects.create().pk


def get_person(person_id: int) -> d.Person:
    row = m.Person.objects.get(pk=person_id)
    return d.Person(name=row.name, units=row.units, date_of_birth=row.date_of_birth, id=row.pk)


def update_person(person_id: int, person: d.Person, is_demo: bool | None = None) -> None:
    fields = {"name": person.name, "units": person.units, "date_of_birth": person.date_of_birth}
    if is_demo is not None:
        fields["is_demo"] = is_demo
    m.Person.objects.filter(pk=person_id).update(**fields, data_version=F("data_version") + 1)


def person_is_demo(person_id: int) -> bool:
    return m.Person.objects.filter(pk=person_id, is_demo=True).exists()


def person_has_data(person_id: int) -> bool:
    return (
        m.Activity.objects.filter(person_id=person_id).exists()
        or m.CheckIn.objects.filter(person_id=person_id).exists()
    )


def clear_person_records(person_id: int) -> None:
    """Delete every record of a person but the person (demo regeneration, restore into a fresh home)."""
    with atomic():
        for model in (
            m.Activity,
            m.CheckIn,
            m.QuestionnaireResponse,
            m.RedFlagScreening,
            m.PlanEvent,
            m.PlanState,
        ):
            model.objects.filter(person_id=person_id).delete()
        _changed(person_id)


# ---------------------------------------------------------------- activities


def _activity_fields(activity: d.Activity) -> dict[str, object]:
    offset = activity.start.utcoffset() or dt.timedelta(0)
    return {
        "sport": activity.sport.value,
        "start": activity.start,
        "utc_offset_min": int(offset.total_seconds() // 60),
        "duration_s": activity.duration_s,
        "moving_s": activity.moving_s,
        "distance_m": activity.distance_m,
        "elevation_gain_m": activity.elevation_gain_m,
        "avg_hr": activity.avg_hr,
        "max_hr": activity.max_hr,
        "avg_cadence": activity.avg_cadence,
        "rpe": activity.rpe,
        "pain_during": activity.pain_during,
        "pain_after": activity.pain_after,
        "source": activity.source,
        "fingerprint": activity.fingerprint,
        "device": activity.device or "",
        "note": activity.note,
        "laps": [
            {
                "start": lap.start.isoformat(),
                "duration_s": lap.duration_s,
                "distance_m": lap.distance_m,
                "avg_hr": lap.avg_hr,
            }
            for lap in activity.laps
        ],
    }


def _to_activity(row: m.Activity) -> d.Activity:
    tz = dt.timezone(dt.timedelta(minutes=row.utc_offset_min))
    return d.Activity(
        sport=d.Sport(row.sport),
        start=row.start.astimezone(tz),
        duration_s=row.duration_s,
        distance_m=row.distance_m,
        moving_s=row.moving_s,
        elevation_gain_m=row.elevation_gain_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        avg_cadence=row.avg_cadence,
        rpe=row.rpe,
        pain_during=row.pain_during,
        pain_after=row.pain_after,
        source=row.source,
        fingerprint=row.fingerprint,
        device=row.device or None,
        note=row.note,
        laps=tuple(
            d.Lap(
                start=dt.datetime.fromisoformat(lap["start"]),
                duration_s=lap["duration_s"],
                distance_m=lap.get("distance_m"),
                avg_hr=lap.get("avg_hr"),
            )
            for lap in row.laps or []
        ),
        id=row.pk,
    )


def _insert_activity(person_id: int, activity: d.Activity, source_name: str | None) -> int:
    row = m.Activity.objects.create(person_id=person_id, **_activity_fields(activity))
    if activity.fingerprint:
        m.ActivitySource.objects.create(
            activity=row,
            person_id=person_id,
            source=activity.source,
            fingerprint=activity.fingerprint,
            source_name=source_name or "",
        )
    return row.pk


def add_activity(person_id: int, activity: d.Activity, source_name: str | None = None) -> int:
    """Insert an activity and remember its source; one transaction."""
    with atomic():
        activity_id = _insert_activity(person_id, activity, source_name)
        _changed(person_id)
    return activity_id


def add_activities(person_id: int, activities: Iterable[d.Activity]) -> list[int]:
    """Insert many activities in one transaction (demo data, restores)."""
    with atomic():
        ids = [_insert_activity(person_id, activity, None) for activity in activities]
        _changed(person_id)
    return ids


def find_activity_by_fingerprint(person_id: int, fingerprint: str) -> int | None:
    if not fingerprint:
        return None
    return (
        m.ActivitySource.objects.filter(person_id=person_id, fingerprint=fingerprint)
        .values_list("activity_id", flat=True)
        .first()
    )


def activities_between(person_id: int, start: dt.datetime, end: dt.datetime) -> list[d.Activity]:
    rows = m.Activity.objects.filter(person_id=person_id, start__gte=start, start__lte=end)
    return [_to_activity(row) for row in rows]


def replace_activity(activity_id: int, activity: d.Activity) -> None:
    with atomic():
        m.Activity.objects.filter(pk=activity_id).update(**_activity_fields(activity))
        _changed_activity(activity_id)


def add_activity_source(activity_id: int, source: str, fingerprint: str, source_name: str | None) -> None:
    person_id = m.Activity.objects.values_list("person_id", flat=True).get(pk=activity_id)
    with atomic():
        _, created = m.ActivitySource.objects.get_or_create(
            person_id=person_id,
            fingerprint=fingerprint,
            defaults={"activity_id": activity_id, "source": source, "source_name": source_name or ""},
        )
        if created:
            _changed(person_id)


def activity_sources(activity_id: int) -> list[dict[str, str]]:
    return list(
        m.ActivitySource.objects.filter(activity_id=activity_id)
        .order_by("id")
        .values("source", "fingerprint", "source_name")
    )


def get_activity(person_id: int, activity_id: int) -> d.Activity | None:
    row = m.Activity.objects.filter(person_id=person_id, pk=activity_id).first()
    return _to_activity(row) if row else None


def list_activities(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[d.Activity]:
    rows = m.Activity.objects.filter(person_id=person_id)
    # A one-day margin on each side, then the exact local-day filter below: start is stored in UTC.
    if since is not None:
        rows = rows.filter(start__gte=_utc_midnight(since - dt.timedelta(days=1)))
    if until is not None:
        rows = rows.filter(start__lt=_utc_midnight(until + dt.timedelta(days=2)))
    activities = [_to_activity(row) for row in rows]
    return [a for a in activities if (since is None or a.day >= since) and (until is None or a.day <= until)]


def _utc_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)


def update_activity_pain(activity_id: int, pain_during: int | None, pain_after: int | None) -> None:
    d.check_range("pain_during", pain_during, 0, 10)
    d.check_range("pain_after", pain_after, 0, 10)
    with atomic():
        m.Activity.objects.filter(pk=activity_id).update(pain_during=pain_during, pain_after=pain_after)
        _changed_activity(activity_id)


def update_person_activity_pain(
    person_id: int, activity_id: int, pain_during: int | None, pain_after: int | None
) -> bool:
    """Set a session's pain scores, only if the session is the person's; False when it is not."""
    d.check_range("pain_during", pain_during, 0, 10)
    d.check_range("pain_after", pain_after, 0, 10)
    with atomic():
        updated = m.Activity.objects.filter(person_id=person_id, pk=activity_id).update(
            pain_during=pain_during, pain_after=pain_after
        )
        if updated:
            _changed(person_id)
    return updated > 0


def delete_activity(person_id: int, activity_id: int) -> bool:
    with atomic():
        deleted, _ = m.Activity.objects.filter(person_id=person_id, pk=activity_id).delete()
        if deleted:
            _changed(person_id)
    return deleted > 0


# ---------------------------------------------------------------- check-ins


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
    return _to_checkin(row) if row else None


def list_checkins(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[d.CheckIn]:
    rows = m.CheckIn.objects.filter(person_id=person_id)
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return [_to_checkin(row) for row in rows]


# ---------------------------------------------------------------- questionnaires and red flags


def save_questionnaire(person_id: int, response: d.QuestionnaireResponse) -> int:
    with atomic():
        row = m.QuestionnaireResponse.objects.create(
            person_id=person_id,
            instrument=response.instrument,
            date=response.date,
            answers=list(response.answers),
            score=response.score,
            valid=response.valid,
            band=response.band,
        )
        _changed(person_id)
    return row.pk


def list_questionnaires(person_id: int, instrument: str | None = None) -> list[d.QuestionnaireResponse]:
    rows = m.QuestionnaireResponse.objects.filter(person_id=person_id)
    if instrument is not None:
        rows = rows.filter(instrument=instrument)
    return [
        d.QuestionnaireResponse(
            instrument=row.instrument,
            date=row.date,
            answers=tuple(row.answers),
            score=row.score,
            valid=row.valid,
            band=row.band,
            id=row.pk,
        )
        for row in rows
    ]


def save_screening(person_id: int, screening: d.RedFlagScreening, checkin_id: int | None = None) -> int:
    with atomic():
        row = m.RedFlagScreening.objects.create(
            person_id=person_id,
            date=screening.date,
            answers=dict(screening.answers),
            level=screening.level,
            reasons=list(screening.reasons),
            checkin_id=checkin_id,
        )
        _changed(person_id)
    return row.pk


def list_screenings(
    person_id: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
    starting_at: tuple[dt.date, int] | None = None,
) -> list[d.RedFlagScreening]:
    """Oldest first (by date, then id); `starting_at` (date, id): that screening and the ones after it."""
    rows = m.RedFlagScreening.objects.filter(person_id=person_id)
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    if starting_at is not None:
        first_day, first_id = starting_at
        rows = rows.filter(Q(date__gt=first_day) | Q(date=first_day, id__gte=first_id))
    return [
        d.RedFlagScreening(
            date=row.date, answers=dict(row.answers), level=row.level, reasons=tuple(row.reasons), id=row.pk
        )
        for row in rows
    ]


def last_screening_answering_no(
    person_id: int, keys: Iterable[str], until: dt.date
) -> tuple[dt.date, int] | None:
    """(date, id) of the newest screening on or before `until` that answered "no" to every key given."""
    no_to_all = {f"answers__{key}": False for key in keys}
    return (
        m.RedFlagScreening.objects.filter(person_id=person_id, date__lte=until, **no_to_all)
        .order_by("-date", "-id")
        .values_list("date", "id")
        .first()
    )


def last_screening_asking(person_id: int, keys: Iterable[str]) -> dt.date | None:
    """The date of the newest screening whose answers include every key given."""
    return (
        m.RedFlagScreening.objects.filter(person_id=person_id, answers__has_keys=list(keys))
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )


# ---------------------------------------------------------------- plan


def get_plan_state(person_id: int) -> d.PlanState | None:
    row = m.PlanState.objects.filter(person_id=person_id).first()
    if row is None:
        return None
    caps = d.PlanCaps(
        max_stage=row.max_stage,
        pain_during_limit=row.pain_during_limit,
        avoid_sports=tuple(d.Sport(s) for s in row.avoid_sports),
    )
    history = tuple(
        d.PlanEvent(
            date=e.date, stage_before=e.stage_before, stage_after=e.stage_after, kind=e.kind, reason=e.reason
        )
        for e in m.PlanEvent.objects.filter(person_id=person_id)
    )
    return d.PlanState(stage=row.stage, caps=caps, history=history)


def save_plan_state(person_id: int, state: d.PlanState) -> None:
    """Store stage and caps; append the history events not stored yet (history only grows)."""
    with atomic():
        m.PlanState.objects.update_or_create(
            person_id=person_id,
            defaults={
                "stage": state.stage,
                "max_stage": state.caps.max_stage,
                "pain_during_limit": state.caps.pain_during_limit,
                "avoid_sports": [s.value for s in state.caps.avoid_sports],
            },
        )
        stored = m.PlanEvent.objects.filter(person_id=person_id).count()
        m.PlanEvent.objects.bulk_create(
            m.PlanEvent(
                person_id=person_id,
                date=e.date,
                stage_before=e.stage_before,
                stage_after=e.stage_after,
                kind=e.kind,
                reason=e.reason,
            )
            for e in state.history[stored:]
        )
        _changed(person_id)
