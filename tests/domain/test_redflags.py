"""Red-flag screening: every sign alone gives its level; combinations take the highest (BASS 2018, NICE CKS)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain import redflags
from strideback.domain.redflags import (
    KEYS,
    LEVELS,
    QUESTIONS,
    SHORT_CHECKIN_KEYS,
    blocks_activity,
    checkin_calls_for_screen,
    parse_answers,
    screen,
    screening_due,
)
from strideback.domain.types import CheckIn, InvalidValue

EXPECTED_LEVEL = {
    "bladder": "emergency",
    "bowel": "emergency",
    "saddle_numbness": "emergency",
    "sexual_dysfunction": "emergency",
    "both_legs": "emergency",
    "weakness_both_legs": "emergency",
    "weakness_one_leg": "urgent",
    "foot_drop": "urgent",
    "cancer_history": "contact_clinician",
    "weight_loss": "contact_clinician",
    "fever": "contact_clinician",
    "trauma": "contact_clinician",
    "night_pain": "contact_clinician",
    "no_improvement": "contact_clinician",
}

answer_sets = st.dictionaries(st.sampled_from(KEYS), st.booleans())


def test_keys_levels_and_questions_match_the_contract() -> None:
    assert set(KEYS) == set(EXPECTED_LEVEL) and len(KEYS) == 14
    assert LEVELS == ("none", "contact_clinician", "urgent", "emergency")
    assert set(QUESTIONS) == set(KEYS) and all(q.endswith("?") for q in QUESTIONS.values())
    assert set(SHORT_CHECKIN_KEYS) == {
        "bladder",
        "bowel",
        "saddle_numbness",
        "sexual_dysfunction",
        "both_legs",
        "weakness_both_legs",
        "weakness_one_leg",
    }


@pytest.mark.parametrize(("key", "level"), sorted(EXPECTED_LEVEL.items()))
def test_each_sign_alone_gives_its_level(key: str, level: str) -> None:
    result = screen({key: True})
    assert result.level == level
    assert result.reasons == (key,)
    assert redflags._SIGNS[key] in result.message
    assert "does not replace a clinician" in result.message
    assert result.action


@pytest.mark.parametrize("key", KEYS)
def test_each_sign_answered_no_gives_none(key: str) -> None:
    result = screen({key: False})
    assert (result.level, result.reasons) == ("none", ())


def test_nothing_reported_is_none_with_a_calm_reminder() -> None:
    result = screen({})
    assert result.level == "none" and result.reasons == ()
    assert "seek help straight away" in result.message and "does not replace a clinician" in result.message


def test_messages_say_what_to_do() -> None:
    assert screen({"bladder": True}).message.startswith("Go to an emergency department now")
    assert screen({"foot_drop": True}).message.startswith("Contact a clinician today")
    assert "next few days" in screen({"fever": True}).message


def test_combination_lists_reasons_highest_first_and_mentions_the_lower_ones() -> None:
    result = screen({"fever": True, "foot_drop": True, "bowel": True, "night_pain": True, "trauma": False})
    assert result.level == "emergency"
    assert result.reasons == ("bowel", "foot_drop", "fever", "night_pain")
    assert "You also reported" in result.message and "fever" in result.message


@given(answer_sets)
def test_level_is_the_highest_of_any_yes(answers: dict[str, bool]) -> None:
    result = screen(answers)
    yes = [key for key, value in answers.items() if value]
    expected = max((LEVELS.index(EXPECTED_LEVEL[key]) for key in yes), default=0)
    assert result.level == LEVELS[expected]
    assert set(result.reasons) == set(yes)
    ranks = [LEVELS.index(EXPECTED_LEVEL[key]) for key in result.reasons]
    assert ranks == sorted(ranks, reverse=True)


@given(answer_sets, st.sampled_from([k for k, v in EXPECTED_LEVEL.items() if v == "emergency"]))
def test_any_emergency_answer_gives_emergency(answers: dict[str, bool], key: str) -> None:
    result = screen({**answers, key: True})
    assert result.level == "emergency"
    assert blocks_activity(result.level)


def test_blocks_activity_only_for_urgent_and_emergency() -> None:
    assert [blocks_activity(level) for level in LEVELS] == [False, False, True, True]


def test_parse_answers() -> None:
    assert parse_answers("bladder=yes, fever=NO,foot_drop=y") == {
        "bladder": True,
        "fever": False,
        "foot_drop": True,
    }
    for empty in ("", " ", ",", " , "):  # issue 11: an empty screening is a usage error, never "all no"
        with pytest.raises(InvalidValue, match="at least one"):
            parse_answers(empty)


def test_parse_refuses_unknown_keys_naming_the_allowed_ones() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_answers("bladdr=yes")
    assert "bladdr" in str(caught.value) and "saddle_numbness" in str(caught.value)


@pytest.mark.parametrize("text", ["bladder=maybe", "bladder", "bladder=", "fever=2"])
def test_parse_refuses_unknown_values(text: str) -> None:
    with pytest.raises(InvalidValue, match="yes or no"):
        parse_answers(text)


def test_screen_refuses_unknown_keys() -> None:
    with pytest.raises(InvalidValue, match="one of bladder"):
        screen({"headache": True})


@given(st.dictionaries(st.sampled_from(KEYS), st.booleans(), min_size=1))
def test_parse_round_trips(answers: dict[str, bool]) -> None:
    text = ",".join(f"{key}={'yes' if value else 'no'}" for key, value in answers.items())
    assert parse_answers(text) == answers


@given(st.text(max_size=40))
def test_parse_either_succeeds_or_raises_invalid_value(text: str) -> None:
    try:
        answers = parse_answers(text)
    except InvalidValue:
        return
    assert set(answers) <= set(KEYS)


def test_full_screen_due_at_first_use_and_weekly() -> None:
    today = dt.date(2026, 3, 14)
    assert screening_due(None, today)
    assert not screening_due(today, today)
    assert not screening_due(today - dt.timedelta(days=6), today)
    assert screening_due(today - dt.timedelta(days=7), today)


def test_new_weakness_on_a_checkin_calls_for_the_short_screen() -> None:
    day = dt.date(2026, 3, 14)
    weak = CheckIn(day, 3, 4, weakness=True)
    not_weak = CheckIn(day - dt.timedelta(days=1), 3, 4)
    assert checkin_calls_for_screen(weak, not_weak)
    assert checkin_calls_for_screen(weak, None)
    assert not checkin_calls_for_screen(weak, CheckIn(day - dt.timedelta(days=1), 3, 4, weakness=True))
    assert not checkin_calls_for_screen(not_weak, None)


def test_a_standing_sign_is_cleared_only_after_assessment_by_the_same_question_answered_no():
    """Issue 11 changed this rule: a plain "no" no longer lifts a stop; an assessment must come first."""
    from strideback.domain.redflags import Assessment, standing_signs
    from strideback.domain.types import RedFlagScreening

    day = dt.date(2026, 5, 1)

    def at(n: int) -> dt.datetime:
        return dt.datetime(2026, 5, 1, 8) + dt.timedelta(hours=n)

    def stop(*events):
        screenings = [e for e in events if isinstance(e, RedFlagScreening)]
        assessments = [e for e in events if isinstance(e, Assessment)]
        return standing_signs(screenings, assessments, day + dt.timedelta(days=5)).stop

    drop = RedFlagScreening(date=day, answers={"foot_drop": True}, recorded_at=at(0))
    short_line = RedFlagScreening(
        date=day + dt.timedelta(days=1), answers={"bladder": False}, recorded_at=at(1)
    )
    plain_no = RedFlagScreening(
        date=day + dt.timedelta(days=2), answers={"foot_drop": False}, recorded_at=at(2)
    )
    seen = Assessment(date=day + dt.timedelta(days=2), recorded_at=at(3))
    cleared = RedFlagScreening(
        date=day + dt.timedelta(days=3), answers={"foot_drop": False}, recorded_at=at(4)
    )
    assert [s.key for s in stop(drop)] == ["foot_drop"]
    assert [s.key for s in stop(drop, short_line)] == ["foot_drop"]  # not asked, not cleared
    assert [s.key for s in stop(drop, short_line, plain_no)] == ["foot_drop"]  # not assessed
    assert stop(drop, short_line, plain_no, seen)[0].assessed_on == seen.date
    assert stop(drop, short_line, plain_no, seen, cleared) == ()
    both = RedFlagScreening(date=day, answers={"bladder": True, "foot_drop": True}, recorded_at=at(0))
    partly = stop(
        both,
        seen,
        RedFlagScreening(date=day + dt.timedelta(days=3), answers={"bladder": False}, recorded_at=at(5)),
    )
    assert [(s.key, s.level) for s in partly] == [("foot_drop", "urgent")]
    assert stop() == ()
