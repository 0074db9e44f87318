"""Use cases for red-flag screening: record a screening, find the one that still says stop, reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

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


# The signs that make `today` say stop (urgent and emergency): only these can stand.
BLOCKING_KEYS = tuple(key for key in redflags.KEYS if redflags.blocks_activity(redflags.LEVEL_OF[key]))


def active_stop(person_id: int, day: dt.date) -> RedFlagScreening | None:
    """The urgent or emergency screening that still stands on `day`, or None.

    A sign that made a screening urgent or emergency stands until a later screening asks that same
    question and is answered "no"; a later screening that did not ask it does not clear it. When several
    stand, the result carries the newest such screening's date and id, with the level and reasons of
    the signs still standing (highest first).

    Reads only the screenings from the newest one that answered "no" to every such sign (a weekly full
    screen), since nothing before it can still stand.
    """
    return redflags.standing_stop(_screenings_that_may_stand(person_id, day))


def _screenings_that_may_stand(person_id: int, day: dt.date) -> list[RedFlagScreening]:
    """Screenings on or before `day`, oldest first, from the last one that cleared every blocking sign."""
    cleared = records.last_screening_answering_no(person_id, BLOCKING_KEYS, until=day)
    if cleared is not None:
        screenings = records.list_screenings(person_id, until=day, starting_at=cleared)
        # The database compared JSON values; make sure the first one is a plain "no" to every sign.
        if screenings and all(screenings[0].answers.get(k) is False for k in BLOCKING_KEYS):
            return screenings
    return records.list_screenings(person_id, until=day)


def last_full_screen(person_id: int) -> dt.date | None:
    """The date of the latest screening that asked every red-flag question."""
    return records.last_screening_asking(person_id, redflags.KEYS)


def full_screen_due(person_id: int, today: dt.date) -> bool:
    """The full red-flag screen is due at first use and then weekly."""
    return redflags.screening_due(last_full_screen(person_id), today)


def list_screenings(person_id: int) -> list[RedFlagScreening]:
    """Every screening of the person, oldest first (the history pages)."""
    return records.list_screenings(person_id)
