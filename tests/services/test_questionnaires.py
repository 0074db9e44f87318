"""Recording questionnaires: stored, compared with the previous response, reminders due on time."""

from __future__ import annotations

import datetime as dt

import pytest

from strideback.domain.instruments import InvalidAnswer
from strideback.services.questionnaires import (
    latest_scores,
    odi_due,
    record_questionnaire,
    startback_due,
)
from strideback.store import records

DAY = dt.date(2026, 3, 1)


def test_first_response_is_stored_without_change(person: int) -> None:
    result, change = record_questionnaire(person, "odi", [2] * 10, DAY)
    assert (result.score, result.band, change) == (40.0, "moderate", None)
    stored = records.list_questionnaires(person, "odi")
    assert len(stored) == 1
    assert (stored[0].answers, stored[0].score, stored[0].band, stored[0].valid) == (
        (2,) * 10,
        40.0,
        "moderate",
        True,
    )


def test_second_response_is_compared_with_the_previous_one(person: int) -> None:
    record_questionnaire(person, "odi", [2] * 10, DAY)
    result, change = record_questionnaire(person, "odi", [1] * 10, DAY + dt.timedelta(days=28))
    assert result.score == 20.0
    assert change is not None
    assert (change.meaningful, change.direction, change.points, change.percent) == (
        True,
        "better",
        -20.0,
        -50.0,
    )


def test_change_skips_invalid_and_later_responses(person: int) -> None:
    record_questionnaire(person, "rmdq", [1] * 10 + [0] * 14, DAY)
    record_questionnaire(person, "rmdq", [1] * 23 + [None], DAY + dt.timedelta(days=5))  # not scored
    record_questionnaire(person, "rmdq", [1] * 20 + [0] * 4, DAY + dt.timedelta(days=30))  # later
    _, change = record_questionnaire(person, "rmdq", [1] * 8 + [0] * 16, DAY + dt.timedelta(days=10))
    assert change is not None and change.points == -2.0 and not change.meaningful


def test_other_instruments_are_not_compared(person: int) -> None:
    record_questionnaire(person, "sbi", [3, 3, 3, 3], DAY)
    _, change = record_questionnaire(person, "sfi", [1, 1, 1, 1], DAY + dt.timedelta(days=7))
    assert change is None


def test_invalid_odi_is_stored_as_not_scored_with_no_change(person: int) -> None:
    record_questionnaire(person, "odi", [2] * 10, DAY)
    result, change = record_questionnaire(person, "odi", [2] * 7 + [None] * 3, DAY + dt.timedelta(days=28))
    assert not result.valid and change is None
    stored = records.list_questionnaires(person, "odi")[-1]
    assert (stored.valid, stored.score, stored.answers[-1]) == (False, None, None)


def test_bad_answers_store_nothing(person: int) -> None:
    with pytest.raises(InvalidAnswer):
        record_questionnaire(person, "odi", [6] * 10, DAY)
    with pytest.raises(InvalidAnswer):
        record_questionnaire(person, "sf36", [1], DAY)
    assert records.list_questionnaires(person) == []


def test_odi_due_every_four_weeks(person: int) -> None:
    assert odi_due(person, DAY)
    record_questionnaire(person, "odi", [1] * 10, DAY)
    assert not odi_due(person, DAY)
    assert not odi_due(person, DAY + dt.timedelta(days=27))
    assert odi_due(person, DAY + dt.timedelta(days=28))


def test_invalid_odi_does_not_reset_the_reminder(person: int) -> None:
    record_questionnaire(person, "odi", [None] * 10, DAY)
    assert odi_due(person, DAY)


def test_startback_due_until_answered(person: int) -> None:
    assert startback_due(person)
    record_questionnaire(person, "startback", [1, 0, 0, 0, 0, 0, 0, 0, None], DAY)
    assert startback_due(person)
    record_questionnaire(person, "startback", [1, 0, 0, 0, 0, 0, 0, 0, 2], DAY)
    assert not startback_due(person)


def test_latest_scores(person: int) -> None:
    record_questionnaire(person, "odi", [2] * 10, DAY)
    record_questionnaire(person, "odi", [1] * 10, DAY + dt.timedelta(days=28))
    record_questionnaire(person, "sbi", [1, 2, 3, 4], DAY)
    latest = latest_scores(person)
    assert latest["odi"][0] == DAY + dt.timedelta(days=28) and latest["odi"][1].score == 20.0
    assert latest["sbi"][1].score == 10
