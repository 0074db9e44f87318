"""One session: open it (with its sources and its response), edit it, delete it.

The response, the plan and the analysis derive from the history, so an edit or a delete is all it takes:
the next read judges the session again. The plan's stored judgments from that day on are forgotten
here so that it is re-judged too (while the plan keeps a history of judged days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from strideback.domain.response import SessionResponse
from strideback.domain.types import Activity, InvalidValue, Sport, check_range
from strideback.services.activities import activity_json, local_timezone
from strideback.store import records

ACTIVITY_FIELDS = {f.name for f in fields(Activity)}


@dataclass(frozen=True)
class SourceRecord:
    """One file or app a session came from (a merge keeps several)."""

    source: str
    name: str


@dataclass(frozen=True)
class ActivityDetail:
    activity: Activity
    sources: tuple[SourceRecord, ...]
    response: SessionResponse | None

    @property
    def pace_min_per_km(self) -> float | None:
        a = self.activity
        if not a.distance_m or a.distance_m < 10:
            return None
        return (a.moving_s or a.duration_s) / 60 / (a.distance_m / 1000)

    @property
    def merged(self) -> bool:
        return len(self.sources) > 1


@dataclass(frozen=True)
class ActivityChanges:
    """What an edit changes; None leaves a value as it is."""

    sport: str | None = None
    start: dt.datetime | None = None
    minutes: float | None = None
    km: float | None = None
    rpe: float | None = None
    pain_before: int | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    note: str | None = None


def activity_detail(person_id: int, activity_id: int, today: dt.date) -> ActivityDetail | None:
    """The session with its sources and how it went (as of `today`); None when it is not the person's."""
    from strideback.services.daily import session_responses

    activity = records.get_activity(person_id, activity_id)
    if activity is None:
        return None
    sources = tuple(
        SourceRecord(str(s["source"]), str(s.get("source_name") or ""))
        for s in records.activity_sources(activity_id)
    )
    checkins = records.list_checkins(
        person_id, since=activity.day - dt.timedelta(days=7), until=activity.day + dt.timedelta(days=1)
    )
    responses = session_responses(person_id, [activity], checkins, today)
    return ActivityDetail(
        activity, sources or (SourceRecord(activity.source, ""),), responses[0] if responses else None
    )


def edit_activity(person_id: int, activity_id: int, changes: ActivityChanges) -> Activity | None:
    """Change the session's values; the domain type checks each one (InvalidValue names the field, and
    nothing is written then). None when the session is not the person's."""
    with records.atomic():
        activity = records.get_activity(person_id, activity_id)
        if activity is None:
            return None
        updated = _changed(activity, changes)
        records.replace_activity(activity_id, updated)
        _rejudge(person_id, min(activity.day, updated.day))
    return records.get_activity(person_id, activity_id)


def delete_activity(person_id: int, activity_id: int) -> bool:
    """Delete one of the person's sessions (and its sources); False when it is not theirs."""
    with records.atomic():
        activity = records.get_activity(person_id, activity_id)
        if activity is None:
            return False
        records.delete_activity(person_id, activity_id)
        _rejudge(person_id, activity.day)
    return True


def _changed(activity: Activity, changes: ActivityChanges) -> Activity:
    values: dict[str, Any] = {}
    if changes.sport is not None:
        values["sport"] = Sport.parse(changes.sport)
    if changes.start is not None:
        start = changes.start
        values["start"] = start if start.tzinfo is not None else start.replace(tzinfo=local_timezone())
    if changes.minutes is not None:
        if not 0 < changes.minutes <= 48 * 60:
            raise InvalidValue(
                "minutes", changes.minutes, "a number of minutes above 0 and at most 2880 (48 hours)"
            )
        values["duration_s"] = changes.minutes * 60
        if activity.moving_s is not None and activity.moving_s > values["duration_s"]:
            values["moving_s"] = values["duration_s"]
    if changes.km is not None:
        check_range("km", changes.km, 0, 1000)
        values["distance_m"] = changes.km * 1000
    for name in ("rpe", "pain_during", "pain_after"):
        value = getattr(changes, name)
        if value is not None:
            check_range(name, value, 0, 10)
            values[name] = value
    if changes.pain_before is not None:
        if "pain_before" not in ACTIVITY_FIELDS:
            raise InvalidValue(
                "pain_before", changes.pain_before, "nothing yet: this version does not record it"
            )
        check_range("pain_before", changes.pain_before, 0, 10)
        values["pain_before"] = changes.pain_before
    if changes.note is not None:
        values["note"] = changes.note
    try:
        return replace(activity, **values)
    except InvalidValue as error:
        if error.field == "distance_m":  # say it in the person's unit
            raise InvalidValue("km", changes.km, error.allowed) from None
        if error.field == "duration_s":
            raise InvalidValue("minutes", changes.minutes, error.allowed) from None
        raise


def _rejudge(person_id: int, day: dt.date) -> None:
    """Forget the plan's judgments from `day` on, so the next read judges those sessions again."""
    from strideback.domain.plan import SESSION_KINDS

    records.forget_plan_judgments(person_id, since=day, kinds=SESSION_KINDS)


def detail_json(detail: ActivityDetail) -> dict[str, Any]:
    """`strideback activity show --json`: the activity's contract fields and the rest of the session."""
    a = detail.activity
    data = activity_json(a)
    data.update(
        {
            "moving_s": a.moving_s,
            "max_hr": a.max_hr,
            "avg_cadence": a.avg_cadence,
            "device": a.device,
            "pain_before": getattr(a, "pain_before", None),
            "pace_min_per_km": round(detail.pace_min_per_km, 2) if detail.pace_min_per_km else None,
            "laps": [
                {
                    "start": lap.start.isoformat(),
                    "duration_s": lap.duration_s,
                    "distance_m": lap.distance_m,
                    "avg_hr": lap.avg_hr,
                }
                for lap in a.laps
            ],
            "sources": [{"source": s.source, "name": s.name} for s in detail.sources],
            "merged": detail.merged,
            "response": detail.response.to_json() if detail.response is not None else None,
        }
    )
    return data
