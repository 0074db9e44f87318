"""Issue 11 item 9: on a red day the first alternative offered is never the sport whose session
just went red; the weekly rule's words match what the plan does."""

from __future__ import annotations

import datetime as dt

from strideback.domain import plan
from strideback.domain.advice import advise
from strideback.domain.response import classify_sessions
from strideback.domain.types import Activity, CheckIn, Sport

TZ = dt.timezone(dt.timedelta(hours=1))
TODAY = dt.date(2026, 5, 20)


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def session(n: int, sport: Sport, during: int = 1, after: int = 1) -> Activity:
    start = dt.datetime.combine(ago(n), dt.time(17), tzinfo=TZ)
    return Activity(sport, start, 1800, pain_during=during, pain_after=after)


def test_plan_red_day_never_offers_first_the_sport_that_just_went_red() -> None:
    # walking is the person's usual alternative, and yesterday's walk went red
    activities = [session(n, Sport.WALK) for n in (9, 7, 5, 3)] + [session(1, Sport.WALK, during=8)]
    checkins = [CheckIn(ago(n), 2, 2) for n in range(14, -1, -1)]
    responses = classify_sessions(activities, checkins, TODAY)
    state = plan.new_plan(ago(30))
    advice = advise(TODAY, checkins[-1], checkins[:-1], activities, responses, state, None, None)
    assert advice.light == "red"
    assert advice.suggestion.sport != "walk"
    assert "walk" in [o.sport for o in advice.suggestion.alternatives]  # still offered, last


def test_plan_weekly_red_says_step_back_not_hold() -> None:
    first = 48
    checkins = [CheckIn(ago(n), 2, round(1 + 6 * (first - n) / first)) for n in range(first, -1, -1)]
    advice = advise(TODAY, checkins[-1], checkins[:-1], [], [], plan.new_plan(ago(60)), None, None)
    assert advice.light == "red"
    assert advice.suggestion.sport != "run"
    assert not any("hold the plan" in r for r in advice.reasons)
    assert any("steps back" in r for r in advice.reasons)
