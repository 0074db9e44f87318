"""Issue 17: `derive` walks a 10-year plan in linear time (the run day before each one by bisection, each
day's inputs looked up, not searched). The plan it gives must be the one the earlier, quadratic walk gave:
that walk is kept here as the reference and compared on random histories, plus one long history."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence

from hypothesis import given, settings

from plan_histories import History, caps_on, histories
from strideback.domain import plan as p
from strideback.domain.plan_derive import PlanInput, derive, judge_run_day, judgement_day, weekly_on
from strideback.domain.response import SessionResponse, classify_sessions
from strideback.domain.types import Activity, CheckIn, PlanCaps, PlanState, Sport

EXAMPLES = int(os.environ.get("STRIDEBACK_PROPERTY_EXAMPLES", "300"))


def reference_derive(
    inputs: Sequence[PlanInput],
    responses: Iterable[SessionResponse],
    checkins: Iterable[CheckIn],
    today: dt.date,
    caps: PlanCaps | None = None,
) -> PlanState:
    """The walk as it was before issue 17 (every earlier run day listed for each run day)."""
    starts = sorted((i for i in inputs if i.kind == p.START), key=lambda i: i.date)
    start = starts[0]
    ordered = sorted((i for i in inputs if i.date <= today and i is not start), key=lambda i: i.date)
    state = p.new_plan(start.date, caps or PlanCaps(), start.stage or p.FIRST_STAGE)
    runs: dict[dt.date, list[SessionResponse]] = {}
    for response in responses:
        if response.is_run and response.day <= today:
            runs.setdefault(response.day, []).append(response)
    by_day = {c.date: c for c in checkins if c.date <= today}
    all_run_days = sorted(runs)
    days = sorted({i.date for i in ordered} | {d for d in runs if d > start.date})
    for day in days:
        for given_input in (i for i in ordered if i.date == day):
            if given_input.kind == p.SET and given_input.stage is not None:
                state = p.set_stage(state, given_input.date, given_input.stage)
            elif given_input.kind == p.CAPS and given_input.caps is not None:
                state = p.set_caps(state, given_input.date, given_input.caps)
        if day in runs and day > start.date and p.running_allowed(state.caps):
            earlier = [d for d in all_run_days if d < day]
            previous = earlier[-1] if earlier else None
            trend = weekly_on(by_day, judgement_day(day, today))
            state = judge_run_day(state, day, runs[day], trend, previous)
    return state


def _both(history: History) -> tuple[PlanState, PlanState]:
    activities = history.edited_activities()
    checkins = list(history.checkins)
    caps = caps_on(history.inputs, history.today)
    responses = classify_sessions(activities, checkins, history.today, caps.pain_during_limit)
    inputs = list(history.inputs)
    return (
        derive(inputs, responses, checkins, history.today),
        reference_derive(inputs, responses, checkins, history.today),
    )


@settings(max_examples=EXAMPLES, deadline=None)
@given(histories())
def test_plan_linear_walk_gives_the_plan_the_quadratic_walk_gave(history: History) -> None:
    linear, reference = _both(history)
    assert linear == reference


def test_plan_linear_walk_matches_over_ten_years() -> None:
    """A decade of runs every other day or two, with mornings, stages set by hand and caps."""
    first = dt.date(2016, 1, 4)
    today = first + dt.timedelta(days=3650)
    tz = dt.UTC
    activities, checkins = [], []
    for n in range(3650):
        day = first + dt.timedelta(days=n)
        checkins.append(CheckIn(date=day, back_pain=(n * 7) % 6, leg_pain=(n * 5) % 7))
        if n % 3 != 1:
            pain = None if n % 41 == 0 else (n * 3) % 6
            start = dt.datetime.combine(day, dt.time(18), tzinfo=tz)
            activities.append(
                Activity(sport=Sport.RUN, start=start, duration_s=1800, pain_during=pain, pain_after=pain)
            )
    inputs = [
        PlanInput(first, p.START, p.FIRST_STAGE),
        PlanInput(first + dt.timedelta(days=900), p.SET, stage=5),
        PlanInput(first + dt.timedelta(days=900), p.CAPS, caps=PlanCaps(max_stage=6)),
        PlanInput(first + dt.timedelta(days=2000), p.CAPS, caps=PlanCaps(pain_during_limit=2)),
        PlanInput(first + dt.timedelta(days=3000), p.SET, stage=2),
    ]
    responses = classify_sessions(activities, checkins, today, 2)
    linear = derive(inputs, responses, checkins, today)
    assert linear == reference_derive(inputs, responses, checkins, today)
    assert len(linear.history) > 1000
