"""Use cases for activities: log one by hand, list them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from strideback.domain.types import Activity, InvalidValue, Sport, check_range
from strideback.store import records


def local_timezone() -> dt.tzinfo:
    tz = dt.datetime.now().astimezone().tzinfo
    return tz if tz is not None else dt.UTC


def log_activity(
    person_id: int,
    sport: str,
    day: dt.date,
    minutes: float,
    km: float | None = None,
    rpe: float | None = None,
    pain_during: int | None = None,
    pain_after: int | None = None,
    note: str = "",
    start_time: dt.time | None = None,
    pain_before: int | None = None,
) -> Activity:
    """Record a session entered by hand. Raises InvalidValue naming the field; writes nothing then."""
    parsed_sport = Sport.parse(sport)
    if isinstance(minutes, int | float) and 0 < minutes <= 48 * 60:
        pass
    else:
        raise InvalidValue("minutes", minutes, "a number of minutes above 0 and at most 2880 (48 hours)")
    check_range("km", km, 0, 1000)
    check_range("rpe", rpe, 0, 10)
    check_range("pain_during", pain_during, 0, 10)
    check_range("pain_after", pain_after, 0, 10)
    check_range("pain_before", pain_before, 0, 10)
    start = dt.datetime.combine(day, start_time or dt.time(12, 0), tzinfo=local_timezone())
    try:
        activity = _manual_activity(parsed_sport, start, minutes, km, rpe, pain_during, pain_after, note)
        activity = dataclasses.replace(activity, pain_before=pain_before)
    except InvalidValue as error:
        if error.field == "distance_m":  # say it in the user's unit
            raise InvalidValue("km", km, error.allowed) from None
        raise
    activity_id = records.add_activity(person_id, activity)
    return records.get_activity(person_id, activity_id) or activity


def _manual_activity(
    sport: Sport,
    start: dt.datetime,
    minutes: float,
    km: float | None,
    rpe: float | None,
    pain_during: int | None,
    pain_after: int | None,
    note: str,
) -> Activity:
    return Activity(
        sport=sport,
        start=start,
        duration_s=minutes * 60,
        distance_m=km * 1000 if km is not None else None,
        rpe=rpe,
        pain_during=pain_during,
        pain_after=pain_after,
        source="manual",
        note=note,
    )


def list_activities(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[Activity]:
    return records.list_activities(person_id, since=since, until=until)


def record_session_pain(
    person_id: int, activity_id: int, during: int | None, after: int | None
) -> Activity | None:
    """Set leg pain during and after one of the person's sessions (0–10); None keeps the stored score.

    Returns the updated session, or None when it is not the person's (nothing is changed then).
    Raises InvalidValue naming the field for a score off the scale; nothing is written then.
    """
    check_range("pain_during", during, 0, 10)
    check_range("pain_after", after, 0, 10)
    with records.atomic():
        activity = records.get_activity(person_id, activity_id)
        if activity is None:
            return None
        during = during if during is not None else activity.pain_during
        after = after if after is not None else activity.pain_after
        if not records.update_person_activity_pain(person_id, activity_id, during, after):
            return None
    return records.get_activity(person_id, activity_id)


def activity_json(activity: Activity) -> dict[str, Any]:
    """The contract's activity fields (DESIGN.md → `strideback activities --json`)."""
    return {
        "id": activity.id,
        "sport": activity.sport.value,
        "start": activity.start.isoformat(),
        "duration_s": round(activity.duration_s, 1),
        "distance_m": round(activity.distance_m, 1) if activity.distance_m is not None else None,
        "source": activity.source,
        "rpe": activity.rpe,
        "pain_before": activity.pain_before,
        "pain_during": activity.pain_during,
        "pain_after": activity.pain_after,
        "elevation_gain_m": activity.elevation_gain_m,
        "avg_hr": activity.avg_hr,
        "note": activity.note,
    }


def latest_activity(person_id: int, today: dt.date, days: int = 14) -> Activity | None:
    """The most recent session in the last `days` days (what "how did it feel?" is about)."""
    recent = records.list_activities(person_id, since=today - dt.timedelta(days=days), until=today)
    return recent[-1] if recent else None
