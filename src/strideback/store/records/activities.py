"""Activities and the sources they arrived from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from strideback.domain import types as d
from strideback.store import models as m
from strideback.store.records.flagged import readable, readable_one
from strideback.store.records.people import _changed, _changed_activity, atomic


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
        "pain_before": activity.pain_before,
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


def source_record(activity: d.Activity) -> dict[str, object]:
    """The activity as plain JSON, as one source gave it (kept with the source, never overwritten)."""
    fields = _activity_fields(activity)
    fields["start"] = activity.start.isoformat()
    return fields


_ZONES: dict[int, dt.timezone] = {}  # one fixed-offset zone per offset, made once (issue 17)
_SPORTS: dict[str, d.Sport] = {s.value: s for s in d.Sport}  # a dict look-up, not Enum.__call__


def _sport(value: str) -> d.Sport:
    found = _SPORTS.get(value)
    return found if found is not None else d.Sport(value)  # an unknown sport: ValueError, as before


def _to_activity(row: m.Activity) -> d.Activity:
    tz = _ZONES.get(row.utc_offset_min)
    if tz is None:
        tz = _ZONES.setdefault(row.utc_offset_min, dt.timezone(dt.timedelta(minutes=row.utc_offset_min)))
    return d.Activity(
        sport=_sport(row.sport),
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
        pain_before=row.pain_before,
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
            record=source_record(activity),
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
    return readable(rows, _to_activity, "activities")


def replace_activity(activity_id: int, activity: d.Activity) -> None:
    with atomic():
        m.Activity.objects.filter(pk=activity_id).update(**_activity_fields(activity))
        _changed_activity(activity_id)


def add_activity_source(
    activity_id: int,
    source: str,
    fingerprint: str,
    source_name: str | None,
    record: dict[str, object] | None = None,
) -> None:
    person_id = m.Activity.objects.values_list("person_id", flat=True).get(pk=activity_id)
    with atomic():
        _, created = m.ActivitySource.objects.get_or_create(
            person_id=person_id,
            fingerprint=fingerprint,
            defaults={
                "activity_id": activity_id,
                "source": source,
                "source_name": source_name or "",
                "record": record,
            },
        )
        if created:
            _changed(person_id)


def keep_source_record(activity_id: int) -> None:
    """Before a merge changes what a session shows: keep the stored session as its own source's
    record, for a source stored before records were kept (nothing stored is lost)."""
    row = m.Activity.objects.filter(pk=activity_id).first()
    if row is None or not row.fingerprint:
        return
    activity = _to_activity(row)
    with atomic():
        m.ActivitySource.objects.filter(
            activity_id=activity_id, fingerprint=row.fingerprint, record__isnull=True
        ).update(record=source_record(activity))


def activity_sources(activity_id: int) -> list[dict[str, object]]:
    """Every source of a session, oldest first, each with the record it gave (None if not kept)."""
    rows = (
        m.ActivitySource.objects.filter(activity_id=activity_id)
        .order_by("id")
        .values("source", "fingerprint", "source_name", "record")
    )
    return [dict(row) for row in rows]


def activity_from_record(record: dict[str, object]) -> d.Activity:
    """A session as one source gave it (the JSON kept by `source_record`), without an id."""
    r: dict[str, Any] = dict(record)
    laps = tuple(
        d.Lap(
            start=dt.datetime.fromisoformat(lap["start"]),
            duration_s=lap["duration_s"],
            distance_m=lap.get("distance_m"),
            avg_hr=lap.get("avg_hr"),
        )
        for lap in r.get("laps") or []
    )
    return d.Activity(
        sport=d.Sport(r["sport"]),
        start=dt.datetime.fromisoformat(r["start"]),
        duration_s=r["duration_s"],
        **{name: r.get(name) for name in _RECORD_NUMBERS},
        source=r.get("source") or "manual",
        fingerprint=r.get("fingerprint") or "",
        device=r.get("device") or None,
        note=r.get("note") or "",
        laps=laps,
    )


_RECORD_NUMBERS = (
    "distance_m",
    "moving_s",
    "elevation_gain_m",
    "avg_hr",
    "max_hr",
    "avg_cadence",
    "rpe",
    "pain_during",
    "pain_after",
    "pain_before",
)


def split_off_source(person_id: int, activity_id: int, fingerprint: str) -> int:
    """Make one kept source of a merged session a session of its own again (issue 15: split a wrong
    merge): a new session from the record that source gave, and the source moves to it. Its id."""
    with atomic():
        source = m.ActivitySource.objects.get(
            person_id=person_id, activity_id=activity_id, fingerprint=fingerprint
        )
        if source.record is None:
            raise ValueError("this source's own record was not kept")
        activity = activity_from_record(source.record)
        row = m.Activity.objects.create(person_id=person_id, **_activity_fields(activity))
        source.activity = row
        source.save(update_fields=["activity"])
        _changed(person_id)
    return row.pk


def get_activity(person_id: int, activity_id: int) -> d.Activity | None:
    row = m.Activity.objects.filter(person_id=person_id, pk=activity_id).first()
    return readable_one(row, _to_activity, "activities")


def list_activities(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None, sport: d.Sport | None = None
) -> list[d.Activity]:
    rows = m.Activity.objects.filter(person_id=person_id)
    if sport is not None:
        rows = rows.filter(sport=sport.value)
    # A one-day margin on each side, then the exact local-day filter below: start is stored in UTC.
    if since is not None:
        rows = rows.filter(start__gte=_utc_midnight(since - dt.timedelta(days=1)))
    if until is not None:
        rows = rows.filter(start__lt=_utc_midnight(until + dt.timedelta(days=2)))
    # Plain rows, not model instances: a 10-year diary is read in a third of the time (issue 17).
    activities = readable(rows.values_list(*_ROW_FIELDS, named=True), _to_activity, "activities")
    return [a for a in activities if (since is None or a.day >= since) and (until is None or a.day <= until)]


# What `_to_activity` reads: list_activities gives it rows with these attributes.
_ROW_FIELDS = (
    "pk", "sport", "start", "utc_offset_min", "duration_s", *_RECORD_NUMBERS,
    "source", "fingerprint", "device", "note", "laps",
)  # fmt: skip


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


def known_fingerprints(person_id: int) -> set[str]:
    """Every source fingerprint the person has (one query: an import checks thousands of files against it)."""
    return set(m.ActivitySource.objects.filter(person_id=person_id).values_list("fingerprint", flat=True))


def session_starts(person_id: int) -> list[dt.datetime]:
    """The start time of every session of the person, oldest first."""
    return list(
        m.Activity.objects.filter(person_id=person_id).order_by("start").values_list("start", flat=True)
    )
