"""Recording red-flag screenings and deciding whether a stop still stands."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.domain.redflags import KEYS, SHORT_CHECKIN_KEYS
from strideback.domain.types import InvalidValue
from strideback.services.screening import (
    active_stop,
    full_screen_due,
    last_full_screen,
    record_assessment,
    record_screening,
)
from strideback.store import records

DAY = dt.date(2026, 3, 1)
NEXT = DAY + dt.timedelta(days=1)


def short_line(**yes: bool) -> dict[str, bool]:
    return {key: yes.get(key, False) for key in SHORT_CHECKIN_KEYS}


def test_record_stores_answers_level_and_reasons(person: int) -> None:
    result = record_screening(person, {"foot_drop": True, "fever": True}, DAY)
    assert (result.level, result.reasons) == ("urgent", ("foot_drop", "fever"))
    stored = records.list_screenings(person)
    assert len(stored) == 1
    assert (stored[0].date, stored[0].level, stored[0].reasons) == (DAY, "urgent", ("foot_drop", "fever"))
    assert stored[0].answers == {"foot_drop": True, "fever": True}


def test_a_screen_stores_only_the_questions_answered(person: int) -> None:
    """Issue 11 changed this: unlisted keys used to be stored as "no" on a full screen."""
    record_screening(person, {"bladder": False}, DAY, full_screen=True)
    stored = records.list_screenings(person)[0]
    assert stored.answers == {"bladder": False}


def test_unknown_key_stores_nothing(person: int) -> None:
    with pytest.raises(InvalidValue):
        record_screening(person, {"headache": True}, DAY)
    assert records.list_screenings(person) == []


def test_no_stop_without_urgent_or_emergency(person: int) -> None:
    assert active_stop(person, DAY) is None
    record_screening(person, {"night_pain": True}, DAY)
    assert active_stop(person, DAY) is None


@pytest.mark.parametrize(("key", "level"), [("bladder", "emergency"), ("weakness_one_leg", "urgent")])
def test_stop_stands_until_a_later_screening_is_clear(person: int, key: str, level: str) -> None:
    record_screening(person, {key: True}, DAY)
    stop = active_stop(person, DAY)
    assert stop is not None and (stop.level, stop.reasons, stop.date) == (level, (key,), DAY)
    assert active_stop(person, DAY - dt.timedelta(days=1)) is None  # not before it was reported
    assert active_stop(person, NEXT + dt.timedelta(days=30)) is not None  # time alone does not clear it
    record_screening(person, short_line(), NEXT)
    assert active_stop(person, NEXT) is not None  # issue 11: a "no" lifts nothing before an assessment
    record_assessment(person, NEXT)
    record_screening(person, short_line(), NEXT)
    assert active_stop(person, DAY) is not None  # the clear screen came later
    assert active_stop(person, NEXT) is None


def test_a_screen_that_did_not_ask_the_question_does_not_clear_it(person: int) -> None:
    record_screening(person, {"foot_drop": True}, DAY)
    record_screening(person, short_line(), NEXT)  # the short line does not ask about foot drop
    stop = active_stop(person, NEXT)
    assert stop is not None and stop.reasons == ("foot_drop",)
    record_assessment(person, NEXT)  # issue 11: assessed first
    record_screening(person, {"foot_drop": False}, NEXT)
    assert active_stop(person, NEXT) is None


def test_partly_cleared_stop_keeps_only_the_standing_signs(person: int) -> None:
    record_screening(person, {"bladder": True, "foot_drop": True}, DAY)
    record_assessment(person, DAY)  # issue 11: assessed first
    record_screening(person, short_line(), NEXT)
    stop = active_stop(person, NEXT)
    assert stop is not None and (stop.level, stop.reasons) == ("urgent", ("foot_drop",))


def test_most_serious_standing_sign_sets_the_level(person: int) -> None:
    record_screening(person, {"saddle_numbness": True}, DAY)
    record_screening(person, {"weakness_one_leg": True}, NEXT)
    stop = active_stop(person, NEXT)
    assert stop is not None
    assert (stop.level, stop.reasons, stop.date) == (
        "emergency",
        ("saddle_numbness", "weakness_one_leg"),
        NEXT,
    )


def test_checkin_screening_is_linked_to_its_checkin(person: int) -> None:
    from strideback.domain.types import CheckIn
    from strideback.store import models

    checkin_id = records.save_checkin(person, CheckIn(DAY, 2, 3))
    record_screening(person, short_line(both_legs=True), DAY, checkin_id=checkin_id)
    row = models.RedFlagScreening.objects.get()
    assert row.checkin_id == checkin_id and row.level == "emergency"


def test_full_screen_due_at_first_use_then_weekly(person: int) -> None:
    assert full_screen_due(person, DAY)
    record_screening(person, short_line(), DAY)  # a short line is not the full screen
    assert last_full_screen(person) is None and full_screen_due(person, DAY)
    record_screening(person, dict.fromkeys(KEYS, False), DAY)  # issue 11: every key answered
    assert last_full_screen(person) == DAY
    assert not full_screen_due(person, DAY + dt.timedelta(days=6))
    assert full_screen_due(person, DAY + dt.timedelta(days=7))


def _stop_by_reading_everything(person: int, day: dt.date):
    """The domain rule over every screening and assessment ever stored, as one screening."""
    from strideback.domain import redflags
    from strideback.services.screening import stop_of

    return stop_of(
        redflags.standing_signs(records.list_screenings(person), records.list_assessments(person), day)
    )


ASKED = st.dictionaries(
    st.sampled_from(["bladder", "foot_drop", "weakness_one_leg", "fever"]), st.booleans(), min_size=1
)
SCREENINGS = st.lists(st.tuples(st.integers(0, 6), ASKED, st.booleans()), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(screenings=SCREENINGS)
def test_the_service_agrees_with_the_domain_rule_over_everything(person: int, screenings) -> None:
    """Screens, partial ones and assessments in any order and on any days, several on one day."""
    records.clear_person_records(person)
    for offset, answers, assessed in screenings:
        record_screening(person, answers, DAY + dt.timedelta(days=offset))
        if assessed:
            record_assessment(person, DAY + dt.timedelta(days=offset))
    for offset in range(-1, 8):
        day = DAY + dt.timedelta(days=offset)
        assert active_stop(person, day) == _stop_by_reading_everything(person, day)


def test_a_stop_reported_before_the_last_full_screen_is_cleared_by_it(person: int) -> None:
    record_screening(person, {"foot_drop": True}, DAY)
    record_assessment(person, NEXT)  # issue 11: assessed first
    record_screening(person, dict.fromkeys(KEYS, False), NEXT)  # every question asked, all "no"
    record_screening(person, {"bladder": True}, NEXT + dt.timedelta(days=1))
    stop = active_stop(person, NEXT + dt.timedelta(days=2))
    assert stop is not None and stop.reasons == ("bladder",)
    assert active_stop(person, NEXT) is None


def test_last_full_screen_is_the_newest_that_asked_everything(person: int) -> None:
    record_screening(person, dict.fromkeys(KEYS, False), DAY)
    record_screening(person, dict.fromkeys(KEYS, False), NEXT + dt.timedelta(days=3))
    record_screening(person, short_line(), NEXT + dt.timedelta(days=5))
    assert last_full_screen(person) == NEXT + dt.timedelta(days=3)
