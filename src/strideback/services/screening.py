"""Use cases for red-flag screening: record answers and assessments, the signs that stand, reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from strideback.domain import redflags
from strideback.domain.redflags import Assessment, RedFlagStatus, Screening
from strideback.domain.types import InvalidValue, RedFlagScreening
from strideback.store import records


def record_screening(
    person_id: int,
    answers: Mapping[str, bool],
    day: dt.date,
    checkin_id: int | None = None,
    full_screen: bool = False,
) -> Screening:
    """Screen the answers and store them with their level (raises InvalidValue for an unknown key or
    for no answer at all).

    Only the questions answered are stored: a question not asked is never recorded as "no" (issue 11).
    `full_screen` is kept for callers that asked every question; it changes nothing that is stored.
    """
    if not answers:
        raise InvalidValue("red-flag answers", "", "at least one question answered yes or no")
    result = redflags.screen(answers)
    records.save_screening(
        person_id,
        RedFlagScreening(date=day, answers=dict(answers), level=result.level, reasons=result.reasons),
        checkin_id=checkin_id,
    )
    return result


def record_assessment(person_id: int, day: dt.date, note: str = "") -> RedFlagStatus:
    """Record that a clinician has assessed the signs standing on `day`; returns what stands after it."""
    records.save_assessment(person_id, Assessment(date=day, note=note.strip()))
    return status(person_id, day)


def status(person_id: int, day: dt.date) -> RedFlagStatus:
    """The red-flag signs that stand on `day` (domain.redflags.standing_signs over the whole history)."""
    screenings = records.list_screenings(person_id, until=day, recorded_from_first_sign=True)
    if not screenings:
        return RedFlagStatus()
    return redflags.standing_signs(screenings, records.list_assessments(person_id, until=day), day)


def active_stop(person_id: int, day: dt.date) -> RedFlagScreening | None:
    """The urgent or emergency signs that stand on `day` as one screening (date of the newest, level and
    keys highest first), or None."""
    return stop_of(status(person_id, day))


def stop_of(current: RedFlagStatus) -> RedFlagScreening | None:
    stop = current.stop
    if not stop:
        return None
    return RedFlagScreening(
        date=max(s.since for s in stop),
        answers={s.key: True for s in stop},
        level=stop[0].level,
        reasons=tuple(s.key for s in stop),
    )


def last_full_screen(person_id: int) -> dt.date | None:
    """The date of the latest screening that asked every red-flag question."""
    return records.last_screening_asking(person_id, redflags.KEYS)


def full_screen_due(person_id: int, today: dt.date) -> bool:
    """The full red-flag screen is due at first use and then weekly."""
    return redflags.screening_due(last_full_screen(person_id), today)


def list_screenings(person_id: int) -> list[RedFlagScreening]:
    """Every screening of the person, oldest first (the history pages)."""
    return records.list_screenings(person_id)


def list_assessments(person_id: int) -> list[Assessment]:
    return records.list_assessments(person_id)
