"""Use cases for red-flag screening: record a screening, find the one that still says stop, reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from strideback.domain import redflags
from strideback.domain.redflags import Screening
from strideback.domain.types import RedFlagScreening
from strideback.store import records


def record_screening(
    person_id: int,
    answers: Mapping[str, bool],
    day: dt.date,
    checkin_id: int | None = None,
    full_screen: bool = False,
) -> Screening:
    """Screen the answers and store them with their level (raises InvalidValue for an unknown key).

    `full_screen`: every question was put to the person, so the ones not listed are stored as "no"
    (the contract's "unlisted keys count as no"). Otherwise only the questions answered are stored,
    so that a short check-in line never looks like a full weekly screen.
    """
    result = redflags.screen(answers)
    stored = {key: bool(answers.get(key, False)) for key in redflags.KEYS} if full_screen else dict(answers)
    records.save_screening(
        person_id,
        RedFlagScreening(date=day, answers=stored, level=result.level, reasons=result.reasons),
        checkin_id=checkin_id,
    )
    return result


def active_stop(person_id: int, day: dt.date) -> RedFlagScreening | None:
    """The urgent or emergency screening that still stands on `day`, or None.

    A sign that made a screening urgent or emergency stands until a later screening asks that same
    question and is answered "no"; a later screening that did not ask it does not clear it. When several
    stand, the result carries the newest such screening's date and id, with the level and reasons of
    the signs still standing (highest first).
    """
    standing: dict[str, RedFlagScreening] = {}
    for screening in records.list_screenings(person_id):
        if screening.date > day:
            continue
        for key in [k for k in standing if screening.answers.get(k) is False]:
            del standing[key]
        for key in screening.reasons:
            if redflags.blocks_activity(redflags.LEVEL_OF.get(key, "none")):
                standing[key] = screening
    if not standing:
        return None
    keys = tuple(
        sorted(standing, key=lambda k: (-redflags.level_rank(redflags.LEVEL_OF[k]), redflags.KEYS.index(k)))
    )
    newest = max(standing.values(), key=lambda s: (s.date, s.id or 0))
    return replace(newest, level=redflags.LEVEL_OF[keys[0]], reasons=keys)


def last_full_screen(person_id: int) -> dt.date | None:
    """The date of the latest screening that asked every red-flag question."""
    dates = [s.date for s in records.list_screenings(person_id) if set(redflags.KEYS) <= set(s.answers)]
    return max(dates, default=None)


def full_screen_due(person_id: int, today: dt.date) -> bool:
    """The full red-flag screen is due at first use and then weekly."""
    return redflags.screening_due(last_full_screen(person_id), today)
