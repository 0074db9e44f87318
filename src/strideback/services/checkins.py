"""Use cases for the daily check-in: record it (with its red-flag line), list them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from strideback.domain.checkin_fields import FIELDS
from strideback.domain.types import CheckIn
from strideback.store import records
from strideback.store.records import CheckInExists

__all__ = ["CheckInExists", "CheckInResult", "checkin_json", "list_checkins", "record_check_in"]


@dataclass(frozen=True)
class CheckInResult:
    checkin: CheckIn
    replaced: bool
    screening: Any | None  # strideback.domain.redflags.Screening when red-flag answers were given


def record_check_in(
    person_id: int,
    checkin: CheckIn,
    red_flags: dict[str, bool] | None = None,
    replace: bool = False,
) -> CheckInResult:
    """Store the check-in and, when answers are given, the red-flag screening with it: one transaction.

    Raises records.CheckInExists when the date has a check-in and replace is False; nothing is written then.
    """
    from strideback.domain.redflags import checkin_signs

    with records.atomic():
        replaced = records.get_checkin(person_id, checkin.date) is not None
        previous = records.list_checkins(person_id, until=checkin.date - dt.timedelta(days=1))
        checkin_id = records.save_checkin(person_id, checkin, replace=replace)
        # New weakness is itself the urgent sign (issue 11); an edit only ever adds a sign, never removes one.
        answers = {**(red_flags or {}), **checkin_signs(checkin, previous[-1] if previous else None)}
        screening = None
        if answers:
            from strideback.services.screening import record_screening

            screening = record_screening(person_id, answers, checkin.date, checkin_id=checkin_id)
    stored = records.get_checkin(person_id, checkin.date)
    assert stored is not None
    return CheckInResult(checkin=stored, replaced=replaced, screening=screening)


def needs_red_flag_questions(person_id: int, checkin: CheckIn) -> bool:
    """New weakness since the last check-in: ask the emergency questions even if not volunteered."""
    from strideback.domain.redflags import checkin_calls_for_screen

    previous = records.list_checkins(person_id, until=checkin.date - dt.timedelta(days=1))
    return checkin_calls_for_screen(checkin, previous[-1] if previous else None)


def list_checkins(
    person_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> list[CheckIn]:
    return records.list_checkins(person_id, since=since, until=until)


def checkin_json(checkin: CheckIn) -> dict[str, Any]:
    """The contract's check-in fields (DESIGN.md → `strideback checkins --json`), one per field of the
    table `domain.checkin_fields`."""
    return {
        "date": checkin.date.isoformat(),
        **{spec.name: spec.to_json(getattr(checkin, spec.name)) for spec in FIELDS},
    }
