"""Session response (Silbernagel 2007 adapted for nerve pain), weekly rule, meaningful change (Farrar 2001)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strideback.domain.response import (
    AMBER,
    GREEN,
    INCOMPLETE,
    RED,
    classify_pain_during,
    classify_session,
    classify_sessions,
    is_meaningful_change,
    weekly_trend,
    worst,
)
from strideback.domain.types import Activity, CheckIn, Reach, Sport

TZ = dt.timezone(dt.timedelta(hours=1))
D = dt.date(2026, 3, 10)


def run(
    day: dt.date = D, pain_during: int | None = 2, sport: Sport = Sport.RUN, pain_after: int | None = 1, **kw
) -> Activity:
    # issue 11: complete evidence includes pain after, so the default session records it
    start = dt.datetime.combine(day, dt.time(17, 0), tzinfo=TZ)
    return Activity(
        sport=sport, start=start, duration_s=1800, pain_during=pain_during, pain_after=pain_after, **kw
    )


def morning(day: dt.date, leg: int = 3, **kw) -> CheckIn:
    return CheckIn(date=day, back_pain=2, leg_pain=leg, **kw)


NEXT = D + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("pain", "light"),
    [(0, GREEN), (3, GREEN), (4, AMBER), (5, AMBER), (6, RED), (10, RED)],
)
def test_pain_during_bands(pain: int, light: str) -> None:
    assert classify_pain_during(pain)[0] == light


def test_clinician_limit_tightens_the_green_band() -> None:
    assert classify_pain_during(2, pain_during_limit=2)[0] == GREEN
    assert classify_pain_during(3, pain_during_limit=2)[0] == AMBER
    assert "limit of 2/10" in classify_pain_during(3, pain_during_limit=2)[1]


def test_clinician_limit_never_makes_more_than_five_green() -> None:
    assert classify_pain_during(5, pain_during_limit=8)[0] == GREEN
    assert classify_pain_during(6, pain_during_limit=8)[0] == RED


@given(st.integers(0, 10), st.integers(0, 10))
def test_pain_during_light_is_monotonic(pain: int, limit: int) -> None:
    light = classify_pain_during(pain, limit)[0]
    higher = classify_pain_during(min(pain + 1, 10), limit)[0]
    assert worst(light, higher) == higher
    assert (light == RED) == (pain > 5)


def test_all_rules_hold_is_green() -> None:
    response = classify_session(run(), morning(D), morning(NEXT))
    assert response.light == GREEN
    assert not response.provisional
    assert response.causes == ()


@pytest.mark.parametrize(("rise", "light"), [(-2, GREEN), (0, GREEN), (1, AMBER), (2, RED), (4, RED)])
def test_next_morning_leg_pain(rise: int, light: str) -> None:
    response = classify_session(run(), morning(D, leg=4), morning(NEXT, leg=4 + rise))
    assert response.light == light
    if light != GREEN:
        assert any("higher than the morning before" in c for c in response.causes)


def test_peripheralization_is_red() -> None:
    response = classify_session(
        run(pain_during=1), morning(D, reach=Reach.THIGH), morning(NEXT, reach=Reach.CALF)
    )
    assert response.light == RED
    assert "peripheralization" in response.causes[0]


def test_centralization_is_noted_as_good() -> None:
    response = classify_session(run(), morning(D, reach=Reach.CALF), morning(NEXT, reach=Reach.BUTTOCK))
    assert response.light == GREEN
    assert response.centralized
    assert any("centralization" in r for r in response.reasons)


@pytest.mark.parametrize("sign", ["numbness", "weakness"])
def test_new_numbness_or_weakness_is_red(sign: str) -> None:
    response = classify_session(run(), morning(D), morning(NEXT, **{sign: True}))
    assert response.light == RED
    assert response.causes == (f"New {sign} appeared.",)


def test_numbness_already_there_is_not_new() -> None:
    response = classify_session(run(), morning(D, numbness=True), morning(NEXT, numbness=True))
    assert response.light == GREEN


def test_stiffness_up_is_amber() -> None:
    response = classify_session(run(), morning(D, stiffness_min=10), morning(NEXT, stiffness_min=25))
    assert response.light == AMBER
    assert "stiffness" in response.causes[0]


def test_worst_sign_wins() -> None:
    response = classify_session(
        run(pain_during=4), morning(D, stiffness_min=5), morning(NEXT, leg=6, stiffness_min=5)
    )
    assert response.light == RED  # pain during amber, but next morning +3 is red


def test_missing_next_morning_is_provisional_and_says_so() -> None:
    response = classify_session(run(pain_during=4), morning(D), None)
    assert response.light == AMBER  # judged on what is known
    assert response.provisional
    assert not response.awaiting_next_morning
    assert any("No check-in the next morning" in r for r in response.reasons)


def test_missing_pain_during_is_provisional() -> None:
    response = classify_session(run(pain_during=None), morning(D), morning(NEXT))
    assert response.provisional
    assert response.light == INCOMPLETE  # issue 11: missing evidence is never green


def test_classify_sessions_waits_for_the_next_morning() -> None:
    [waiting] = classify_sessions([run()], [morning(D)], today=NEXT)
    assert waiting.awaiting_next_morning
    [late] = classify_sessions([run()], [morning(D)], today=NEXT + dt.timedelta(days=1))
    assert not late.awaiting_next_morning and late.provisional


def test_classify_sessions_uses_a_recent_morning_when_the_session_day_has_none() -> None:
    checkins = [morning(D - dt.timedelta(days=2), leg=2), morning(NEXT, leg=4)]
    [response] = classify_sessions([run()], checkins, today=NEXT)
    assert response.light == RED
    [too_old] = classify_sessions(
        [run()], [morning(D - dt.timedelta(days=3)), morning(NEXT, leg=9)], today=NEXT
    )
    assert too_old.provisional
    assert too_old.light == INCOMPLETE  # issue 11: missing evidence is never green


def test_classify_sessions_uses_the_clinician_limit_and_skips_future() -> None:
    sessions = [run(pain_during=3), run(day=NEXT + dt.timedelta(days=1))]
    responses = classify_sessions(sessions, [morning(D), morning(NEXT)], today=NEXT, pain_during_limit=2)
    assert [r.light for r in responses] == [AMBER]


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [(5, 7, True), (5, 6, False), (3, 4, True), (1, 1.3, False), (10, 7, True), (0, 1, False), (0, 2, True)],
)
def test_meaningful_change_farrar(before: float, after: float, meaningful: bool) -> None:
    assert is_meaningful_change(before, after) is meaningful


@given(st.floats(0, 10), st.floats(0, 10))
def test_meaningful_change_is_symmetric_in_points(a: float, b: float) -> None:
    if abs(a - b) >= 2:
        assert is_meaningful_change(a, b)
    if abs(a - b) < 1:
        assert not is_meaningful_change(a, b)


def _weeks(last: list[int], this: list[int]) -> list[CheckIn]:
    start = D - dt.timedelta(days=13)
    return [morning(start + dt.timedelta(days=i), leg=v) for i, v in enumerate([*last, *this])]


def test_weekly_rule() -> None:
    assert weekly_trend(_weeks([3] * 7, [3] * 7), D).light == GREEN
    assert weekly_trend(_weeks([3] * 7, [3, 3, 4, 4, 4, 4, 4]), D).light == GREEN  # +0.7: noise
    assert weekly_trend(_weeks([5] * 7, [6] * 7), D).light == AMBER  # +1 point, 20%
    assert weekly_trend(_weeks([3] * 7, [4] * 7), D).light == RED  # +1 point is 33% (Farrar)
    assert weekly_trend(_weeks([3] * 7, [5] * 7), D).light == RED
    better = weekly_trend(_weeks([6] * 7, [3] * 7), D)
    assert better.light == GREEN and "clearly lower" in better.reason
    assert weekly_trend(_weeks([3] * 7, [5] * 7), D).change == pytest.approx(2.0)


def test_weekly_rule_needs_enough_mornings() -> None:
    trend = weekly_trend(_weeks([3] * 7, [9] * 7)[-9:], D)
    assert trend.light == GREEN and "Not enough" in trend.reason


@given(st.lists(st.integers(0, 10), min_size=7, max_size=7), st.integers(0, 10))
def test_weekly_rule_never_flags_a_week_that_did_not_rise(last: list[int], shift: int) -> None:
    this = [max(0, v - shift) for v in last]
    assert weekly_trend(_weeks(last, this), D).light == GREEN


def test_stiffness_rise_below_five_minutes_is_reading_noise() -> None:
    small = classify_session(run(), morning(D, stiffness_min=10), morning(NEXT, stiffness_min=14))
    assert small.light == "green"
    at_threshold = classify_session(run(), morning(D, stiffness_min=10), morning(NEXT, stiffness_min=15))
    assert at_threshold.light == "amber"
