"""Issue 11: the plan is derived from the whole history, moves only on complete green evidence
with a rest day between runs, holds on the weekly rule and never passes the cap."""

from __future__ import annotations

import datetime as dt

from strideback.domain import plan
from strideback.domain.plan_derive import PlanInput, derive
from strideback.domain.response import classify_sessions
from strideback.domain.types import Activity, CheckIn, PlanCaps, Sport

TZ = dt.timezone(dt.timedelta(hours=1))
D = dt.date(2026, 3, 1)


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def run(n: int, during: int | None = 1, after: int | None = 1) -> Activity:
    start = dt.datetime.combine(day(n), dt.time(17), tzinfo=TZ)
    return Activity(Sport.RUN, start, 1500, pain_during=during, pain_after=after)


def mornings(last: int, leg: int = 2, first: int = -3) -> list[CheckIn]:
    return [CheckIn(day(n), 2, leg) for n in range(first, last + 1)]


def derived(activities, checkins, today: int, inputs=(), caps: PlanCaps | None = None):
    start = [PlanInput(day(-1), plan.START, stage=1)]
    responses = classify_sessions(activities, checkins, day(today))
    return derive([*start, *inputs], responses, checkins, day(today), caps)


def test_plan_complete_green_runs_with_rest_days_advance() -> None:
    state = derived([run(1), run(3), run(5), run(7)], mornings(8), 8)
    assert state.stage == 3
    assert [e.kind for e in state.history] == ["start", "hold", "advance", "hold", "advance"]


def test_plan_runs_without_evidence_never_advance() -> None:
    state = derived([run(n, None, None) for n in range(1, 18, 2)], [], 20)
    assert state.stage == 1
    assert {e.kind for e in state.history[1:]} == {plan.INCOMPLETE_SESSION}


def test_plan_pain_entered_later_re_judges() -> None:
    assert derived([run(1), run(3), run(5), run(7)], mornings(8), 8).stage == 3
    later = derived([run(1), run(3), run(5), run(7, during=8)], mornings(8), 8)
    assert later.stage == 1 and later.history[-1].kind == plan.STEP_BACK


def test_plan_back_to_back_run_days_do_not_both_count() -> None:
    state = derived([run(1), run(2)], mornings(3), 3)
    assert state.stage == 1
    assert state.history[-1].kind == plan.NO_REST_DAY


def test_plan_never_passes_the_cap_and_follows_stage_set_by_hand() -> None:
    inputs = [PlanInput(day(0), plan.CAPS, caps=PlanCaps(max_stage=2)), PlanInput(day(0), plan.SET, stage=5)]
    state = derived([run(n) for n in range(1, 16, 2)], mornings(16), 16, inputs)
    assert state.stage == 2


def test_plan_weekly_climb_holds_and_steps_back() -> None:
    first = -40
    checkins = [CheckIn(day(n), 2, round(1 + 6 * (n - first) / 48)) for n in range(first, 9)]
    state = derived([run(n, 1, 1) for n in range(1, 8, 2)], checkins, 8)
    kinds = [e.kind for e in state.history]
    assert plan.ADVANCE not in kinds
    assert state.stage == 1


def test_plan_asked_for_a_day_before_it_started_is_the_plan_as_it_started() -> None:
    start = [PlanInput(day(10), plan.START, stage=2)]
    state = derive(start, classify_sessions([run(1), run(3)], mornings(4), day(4)), mornings(4), day(4))
    assert state.stage == 2 and [e.kind for e in state.history] == ["start"]
