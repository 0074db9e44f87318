"""Issue 16, typed results: Advice carries typed load, weekly rule, sessions and trial day; its one
`to_json` is the only place they become JSON (the `today --json` contract keeps its shape)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from strideback.domain import plan
from strideback.domain.advice import Advice, advise
from strideback.domain.load import LoadSummary, summarize_load
from strideback.domain.response import STOP, SessionResponse, classify_sessions
from strideback.domain.trial import words
from strideback.domain.trial.design import LOW_IMPACT, RUN
from strideback.domain.trial.today import TrialDayStatus
from strideback.domain.types import Activity, CheckIn, RedFlagScreening, Sport
from strideback.domain.weekly import WeeklyTrend

TZ = dt.timezone(dt.timedelta(hours=2))
TODAY = dt.date(2026, 5, 20)


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


STEADY = [CheckIn(date=ago(n), back_pain=2, leg_pain=2) for n in range(14, -1, -1)]


def session(n: int, sport: Sport = Sport.RUN) -> Activity:
    start = dt.datetime.combine(ago(n), dt.time(18, 0), tzinfo=TZ)
    return Activity(sport=sport, start=start, duration_s=1800, pain_during=1, distance_m=3000.0)


def today(
    checkins: list[CheckIn], activities: list[Activity], stop: RedFlagScreening | None = None
) -> Advice:
    state = plan.new_plan(ago(60), stage_number=3)
    responses = classify_sessions(activities, checkins, TODAY, state.caps.pain_during_limit)
    past = [c for c in checkins if c.date < TODAY]
    mine = next((c for c in checkins if c.date == TODAY), None)
    load = summarize_load(activities, TODAY)
    return advise(TODAY, mine, past, activities, responses, state, load, stop)


def test_advice_parts_are_typed_objects_not_json() -> None:
    advice = today(STEADY, [session(1), session(2, Sport.SWIM)])
    assert isinstance(advice.load, LoadSummary)
    assert isinstance(advice.weekly, WeeklyTrend)
    assert advice.sessions and all(isinstance(r, SessionResponse) for r in advice.sessions)
    assert advice.trial is None


def test_to_json_is_where_the_parts_become_json() -> None:
    advice = today(STEADY, [session(1), session(2, Sport.SWIM)])
    data = advice.to_json()
    assert advice.load is not None and advice.weekly is not None
    assert data["load"] == advice.load.to_json()
    assert data["weekly"] == advice.weekly.to_json()
    assert data["sessions"] == [r.to_json() for r in advice.sessions]
    assert "trial" not in data
    assert json.loads(json.dumps(data)) == data  # plain JSON all the way down


def test_stop_day_keeps_typed_load_and_sessions_without_a_weekly_rule() -> None:
    screening = RedFlagScreening(
        date=TODAY, answers={"bladder": True}, level="emergency", reasons=("bladder",)
    )
    advice = today(STEADY, [session(1)], stop=screening)
    assert advice.light == STOP
    assert isinstance(advice.load, LoadSummary)
    assert advice.weekly is None and advice.to_json()["weekly"] is None
    assert all(isinstance(r, SessionResponse) for r in advice.sessions)


def test_trial_day_is_typed_and_its_json_keeps_the_contract_keys() -> None:
    day = TrialDayStatus(day=4, days_total=42, allocation=RUN, deviation_reason="safety")
    assert day.deviation is True
    assert day.message == words.today_message(4, 42, RUN, "safety")
    assert day.to_json() == {
        "day": 4,
        "days_total": 42,
        "allocation": RUN,
        "deviation": True,
        "deviation_reason": "safety",
        "message": day.message,
    }
    advice = replace(today(STEADY, [session(3)]), trial=day)
    assert advice.to_json()["trial"] == day.to_json()


def test_trial_day_before_the_draw_is_revealed() -> None:
    day = TrialDayStatus(day=1, days_total=30, allocation=None, deviation_reason=None)
    assert day.deviation is False
    assert "check in first" in day.message
    assert TrialDayStatus(2, 30, LOW_IMPACT, None).to_json()["allocation"] == LOW_IMPACT
