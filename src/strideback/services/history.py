"""The check-in history: each day's light for a calendar, and the days with their notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from strideback.domain.history import morning_light
from strideback.domain.types import CheckIn
from strideback.store import records


@dataclass(frozen=True)
class HistoryDay:
    date: dt.date
    checkin: CheckIn | None
    light: str | None  # the morning's light from the check-in alone (None without a check-in)


def month(person_id: int, first: dt.date) -> list[HistoryDay]:
    """Every day of the month that starts on `first` (a 1st), with its check-in and light."""
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    by_day = {c.date: c for c in records.list_checkins(person_id, since=first, until=last)}
    levels: dict[dt.date, str] = {}
    for screening in records.list_screenings(person_id, since=first, until=last):
        levels[screening.date] = screening.level  # the latest recorded that day counts
    days = []
    for n in range((last - first).days + 1):
        day = first + dt.timedelta(days=n)
        checkin = by_day.get(day)
        light = morning_light(checkin, levels.get(day)) if checkin else None
        days.append(HistoryDay(day, checkin, light))
    return days


def delete_checkin(person_id: int, day: dt.date) -> bool:
    return records.delete_checkin(person_id, day)
