"""Scenarios: a person's days written as data, lived one morning at a time through the whole loop
(classify sessions → move the plan → today's advice), with no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.domain import plan
from strideback.domain.advice import Advice, advise
from strideback.domain.load import summarize_load
from strideback.domain.response import AMBER, GREEN, RED, STOP, classify_sessions
from strideback.domain.types import Activity, CheckIn, PlanCaps, PlanState, Reach, RedFlagScreening, Sport

TZ = dt.timezone(dt.timedelta(hours=1))
START = dt.date(2026, 4, 1)
LOW_IMPACT = {"walk", "cycle", "swim", "mobility", "rest"}


@dataclass(frozen=True)
class Day:
    """One day of a person's life: the morning check-in, then what they did."""

    leg: int | None = 2  # None: no check-in that morning
    reach: Reach = Reach.BUTTOCK
    numbness: bool = False
    run_pain: int | None = None  # ran that day with this leg pain during
    red_flag: str | None = None  # level of a red-flag screening that morning


@dataclass
class Lived:
    advice: list[Advice]
    state: PlanState
    run_days: list[dt.date]


def live(days: list[Day], state: PlanState | None = None, follow_advice_pain: int | None = None) -> Lived:
    """Live the days in order. With `follow_advice_pain`, the person runs exactly when today's advice
    says run (with that pain during), and otherwise as written."""
    state = state or plan.new_plan(START - dt.timedelta(days=1))
    checkins: list[CheckIn] = []
    activities: list[Activity] = []
    advice_seen: list[Advice] = []
    stop: RedFlagScreening | None = None
    for i, spec in enumerate(days):
        today = START + dt.timedelta(days=i)
        checkin = None
        if spec.leg is not None:
            checkin = CheckIn(today, 2, spec.leg, reach=spec.reach, numbness=spec.numbness)
            checkins.append(checkin)
        if spec.red_flag is not None:
            stop = RedFlagScreening(date=today, level=spec.red_flag, reasons=("a red-flag answer",))
        responses = classify_sessions(activities, checkins, today, state.caps.pain_during_limit)
        state = plan.apply_responses(state, responses)
        advice = advise(
            today,
            checkin,
            [c for c in checkins if c.date < today],
            activities,
            responses,
            state,
            summarize_load(activities, today),
            stop,
        )
        advice_seen.append(advice)
        pain = spec.run_pain
        if follow_advice_pain is not None:
            pain = follow_advice_pain if advice.suggestion.sport == "run" else None
        if pain is not None:
            start = dt.datetime.combine(today, dt.time(18, 0), tzinfo=TZ)
            activities.append(
                Activity(
                    Sport.RUN, start, duration_s=1500, distance_m=3000, pain_during=pain, pain_after=pain
                )
            )  # issue 11: complete evidence includes pain after
    run_days = sorted({a.day for a in activities})
    return Lived(advice_seen, state, run_days)


def test_a_green_fortnight_advances_the_plan() -> None:
    days = [Day(run_pain=2 if i % 2 == 0 else None) for i in range(9)]
    lived = live(days)
    # runs on days 0, 2, 4, 6 all settle: two greens per stage → stage 3
    assert lived.state.stage == 3
    kinds = [e.kind for e in lived.state.history]
    assert kinds == [plan.START, plan.HOLD, plan.ADVANCE, plan.HOLD, plan.ADVANCE]
    assert lived.advice[-1].light == GREEN
    assert lived.advice[-1].plan_stage == 3


def test_a_red_next_morning_steps_back_and_today_is_low_impact_only() -> None:
    days = [Day(leg=2), Day(leg=2, run_pain=2), Day(leg=5)]
    lived = live(days, state=plan.new_plan(START - dt.timedelta(days=1), stage_number=4))
    assert lived.state.stage == 3
    assert lived.state.history[-1].kind == plan.STEP_BACK
    last = lived.advice[-1]
    assert last.light == RED
    assert last.suggestion.sport in LOW_IMPACT
    assert all(alt.sport in LOW_IMPACT for alt in last.suggestion.alternatives)


def test_peripheralization_makes_the_session_red() -> None:
    days = [Day(reach=Reach.THIGH, run_pain=1), Day(reach=Reach.CALF)]
    lived = live(days, state=plan.new_plan(START - dt.timedelta(days=1), stage_number=2))
    assert lived.advice[-1].light == RED
    assert any("peripheralization" in r for r in lived.advice[-1].reasons)
    assert lived.state.stage == 1


def test_centralization_is_good_news() -> None:
    days = [Day(reach=Reach.CALF, run_pain=1), Day(reach=Reach.THIGH)]
    lived = live(days)
    assert lived.advice[-1].light == GREEN
    assert any("toward the spine" in r for r in lived.advice[-1].reasons)


def test_a_red_flag_yields_stop_whatever_else() -> None:
    days = [Day(run_pain=1), Day(), Day(red_flag="urgent"), Day(), Day(leg=0)]
    lived = live(days)
    assert [a.light for a in lived.advice[2:]] == [STOP, STOP, STOP]
    assert all(a.suggestion.sport == "rest" for a in lived.advice[2:])


def test_a_clinicians_cap_is_never_exceeded() -> None:
    state = plan.new_plan(START - dt.timedelta(days=1), PlanCaps(max_stage=3))
    lived = live([Day() for _ in range(40)], state=state, follow_advice_pain=1)
    assert lived.state.stage == 3
    assert all((a.suggestion.stage or 0) <= 3 for a in lived.advice)
    assert all(e.stage_after <= 3 for e in lived.state.history)


def test_following_the_advice_never_runs_on_consecutive_days() -> None:
    lived = live([Day() for _ in range(40)], follow_advice_pain=2)
    assert len(lived.run_days) >= 15
    gaps = [(b - a).days for a, b in zip(lived.run_days, lived.run_days[1:], strict=False)]
    assert min(gaps) >= 2
    assert lived.state.stage == plan.LAST_STAGE  # 20 green runs climb the whole plan


def test_amber_sessions_repeat_the_stage() -> None:
    days = [Day(run_pain=4 if i % 2 == 0 else None) for i in range(10)]
    lived = live(days, state=plan.new_plan(START - dt.timedelta(days=1), stage_number=2))
    assert lived.state.stage == 2
    assert {e.kind for e in lived.state.history[1:]} == {plan.REPEAT}


def test_a_forgotten_check_in_is_reminded_and_cautious() -> None:
    lived = live([Day(), Day(leg=None)])
    assert lived.advice[-1].light == AMBER
    assert any("check-in" in r for r in lived.advice[-1].reminders)


mornings = st.builds(
    Day,
    leg=st.one_of(st.none(), st.integers(0, 8)),
    reach=st.sampled_from(list(Reach)),
    numbness=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(mornings, min_size=3, max_size=25), st.integers(0, 7))
def test_any_life_following_the_advice_keeps_the_rules(days: list[Day], pain: int) -> None:
    lived = live(days, follow_advice_pain=pain)
    for advice in lived.advice:
        if advice.light in (RED, STOP):
            assert advice.suggestion.sport != "run"
    gaps = [(b - a).days for a, b in zip(lived.run_days, lived.run_days[1:], strict=False)]
    assert all(g >= 2 for g in gaps)
    for event in lived.state.history:
        if event.kind in (plan.REPEAT, plan.STEP_BACK, plan.PAUSE):
            assert event.stage_after <= event.stage_before
