"""Issue 11, session response: complete evidence, pain after, check-ins entered after a session,
and the weekly rule's sustained rise (Silbernagel 2007; Farrar 2001)."""

from __future__ import annotations

import datetime as dt

from strideback.domain.response import (
    AMBER,
    GREEN,
    INCOMPLETE,
    RED,
    classify_session,
    classify_sessions,
    weekly_trend,
)
from strideback.domain.types import Activity, CheckIn, Sport

TZ = dt.timezone(dt.timedelta(hours=1))
D = dt.date(2026, 3, 10)
NEXT = D + dt.timedelta(days=1)


def run(day: dt.date = D, during: int | None = 1, after: int | None = 1, hour: int = 17) -> Activity:
    start = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TZ)
    return Activity(Sport.RUN, start, 1800, pain_during=during, pain_after=after)


def morning(day: dt.date, leg: int = 2, at: dt.datetime | None = None) -> CheckIn:
    return CheckIn(date=day, back_pain=2, leg_pain=leg, recorded_at=at)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=TZ)


def test_complete_evidence_all_within_limits_is_green() -> None:
    response = classify_session(run(), morning(D), morning(NEXT))
    assert response.light == GREEN and response.complete


def test_a_session_without_pain_scores_or_check_ins_is_incomplete_never_green() -> None:
    [response] = classify_sessions([run(during=None, after=None)], [], today=D + dt.timedelta(days=5))
    assert response.light == INCOMPLETE
    assert not response.complete


def test_missing_pain_after_is_incomplete() -> None:
    response = classify_session(run(after=None), morning(D), morning(NEXT))
    assert response.light == INCOMPLETE and not response.complete
    assert any("pain-after" in c or "pain after" in c.lower() for c in response.causes)


def test_missing_morning_before_is_incomplete() -> None:
    response = classify_session(run(), None, morning(NEXT))
    assert response.light == INCOMPLETE


def test_pain_after_above_five_is_red() -> None:
    response = classify_session(run(after=9), morning(D), morning(NEXT))
    assert response.light == RED
    assert any("after" in c for c in response.causes)
    assert classify_session(run(after=5), morning(D), morning(NEXT)).light == GREEN


def test_a_check_in_typed_after_the_run_is_not_its_morning_before() -> None:
    checkins = [
        morning(D - dt.timedelta(days=1), leg=2),
        morning(D, leg=6, at=at(D, 20)),  # typed in the evening, after the 17:00 run
        morning(NEXT, leg=6),
    ]
    [response] = classify_sessions([run()], checkins, today=NEXT)
    assert response.light == RED  # 2 → 6 the next morning, against the real morning before


def test_a_check_in_typed_before_the_run_is_its_morning_before() -> None:
    checkins = [morning(D, leg=6, at=at(D, 7)), morning(NEXT, leg=6)]
    [response] = classify_sessions([run()], checkins, today=NEXT)
    assert response.light == GREEN


def test_next_morning_check_in_must_be_recorded_after_the_session() -> None:
    early = morning(NEXT, leg=2, at=at(D, 9))  # impossible order: recorded before the run
    [response] = classify_sessions([run()], [morning(D), early], today=NEXT + dt.timedelta(days=2))
    assert response.light == INCOMPLETE


def _climb(weeks: list[list[int]], end: dt.date) -> list[CheckIn]:
    legs = [leg for week in weeks for leg in week]
    first = end - dt.timedelta(days=len(legs) - 1)
    return [CheckIn(first + dt.timedelta(days=i), 2, leg) for i, leg in enumerate(legs)]


def test_weekly_rule_sees_a_slow_sustained_climb() -> None:
    # leg pain 1 → 7 over seven weeks, daily scores rising a little each day
    end = D
    first = end - dt.timedelta(days=48)
    checkins = [CheckIn(first + dt.timedelta(days=i), 2, round(1 + 6 * i / 48)) for i in range(49)]
    trend = weekly_trend(checkins, end)
    assert trend.light == RED


def test_weekly_rule_holds_on_a_one_point_rise_over_two_weeks() -> None:
    # under half a point a week, never a rise week to week, but a whole point over two weeks
    checkins = _climb([[3] * 7, [3, 3, 3, 4, 4, 4, 4], [4] * 7], D)
    trend = weekly_trend(checkins, D)
    assert trend.light == AMBER


def test_weekly_rule_steady_pain_stays_green() -> None:
    assert weekly_trend(_climb([[3] * 7] * 4, D), D).light == GREEN
