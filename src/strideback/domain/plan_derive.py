"""The walk-run plan derived from the whole history (issue 11: the plan is derived, never frozen).

Inputs are what people decided (`PlanInput`: where the plan started, a stage set by hand, a
clinician's caps), in the order they were entered; the evidence is every session as it is judged
now and the morning check-ins. Same inputs and evidence, same plan: whatever order the sessions,
scores and check-ins were entered in.

Rules (DESIGN, walk-run plan; Trials 2023 doi:10.1186/s13063-023-07502-x; Silbernagel 2007):
- red (a red session, or the weekly rule red): one stage back; amber: repeat the stage;
- a run day with missing evidence (`incomplete`): no step forward, and the count of greens restarts;
- green the day after another run day: no rest or low-impact day between them, so it does not count;
- green while the weekly rule holds (amber): hold, the count restarts;
- otherwise green: the second green in a row at a stage advances, never beyond the cap in effect.
A day's inputs apply before that day's sessions; sessions on the plan's first day do not count.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from strideback.domain import plan as p
from strideback.domain.response import AMBER, GREEN, INCOMPLETE, RED, SessionResponse, worst
from strideback.domain.types import CheckIn, PlanCaps, PlanEvent, PlanState
from strideback.domain.weekly import WeeklyTrend, weekly_trend

# The weekly rule reads four weeks of mornings (this week and three back).
WEEKLY_WINDOW_DAYS = 28
_WINDOW_BACK = tuple(dt.timedelta(days=n) for n in range(WEEKLY_WINDOW_DAYS - 1, -1, -1))  # oldest first


@dataclass(frozen=True)
class PlanInput:
    """A decision about the plan: `start` (stage), `set` (a stage set by hand) or `caps`."""

    date: dt.date
    kind: str
    stage: int | None = None
    caps: PlanCaps | None = None


def weekly_on(checkins_by_day: dict[dt.date, CheckIn], day: dt.date) -> WeeklyTrend:
    """The weekly rule as of `day`, from the mornings of the four weeks ending that day."""
    window = [checkins_by_day[d] for d in (day - back for back in _WINDOW_BACK) if d in checkins_by_day]
    return weekly_trend(window, day)


def _weekly_in(days: Sequence[dt.date], mornings: Sequence[CheckIn], day: dt.date) -> WeeklyTrend:
    """`weekly_on` over the check-ins sorted by day (`days` their dates): the window by bisection, not
    a look-up per day of it (issue 17: asked on every run day of a decade). Same window, same order."""
    low = bisect_left(days, day - _WINDOW_BACK[0])
    return weekly_trend(mornings[low : bisect_right(days, day, low)], day)


def judgement_day(session_day: dt.date, today: dt.date) -> dt.date:
    """A run is judged on its next morning (or today, if that has not come yet)."""
    return min(session_day + dt.timedelta(days=1), today)


def derive(
    inputs: Sequence[PlanInput],
    responses: Iterable[SessionResponse],
    checkins: Iterable[CheckIn],
    today: dt.date,
    caps: PlanCaps | None = None,
) -> PlanState:
    """The plan as it stands on `today`, recomputed from its inputs and every session judged now.

    `caps` are the caps in effect before any `caps` input (the default caps when None). Inputs of
    the same day keep the order they are given in (the order they were entered).
    """
    starts = sorted((i for i in inputs if i.kind == p.START), key=lambda i: i.date)
    if not starts:
        raise ValueError("a plan needs a start")
    start = starts[0]  # a day before the plan started: the plan as it started
    ordered = sorted((i for i in inputs if i.date <= today and i is not start), key=lambda i: i.date)
    state = p.new_plan(start.date, caps or PlanCaps(), start.stage or p.FIRST_STAGE)
    runs: dict[dt.date, list[SessionResponse]] = {}
    for response in responses:
        if response.is_run and response.day <= today:
            runs.setdefault(response.day, []).append(response)
    by_day = {c.date: c for c in checkins if c.date <= today}
    morning_days = sorted(by_day)
    mornings = [by_day[d] for d in morning_days]
    all_run_days = sorted(runs)
    inputs_on: dict[dt.date, list[PlanInput]] = {}
    for given in ordered:  # each day's inputs in the order given
        inputs_on.setdefault(given.date, []).append(given)
    days = sorted(set(inputs_on) | {d for d in runs if d > start.date})
    for day in days:
        for given in inputs_on.get(day, ()):
            state = _apply_input(state, given)
        if day in runs and day > start.date and p.running_allowed(state.caps):
            # the run day before this one (linear in the history: a 10-year plan, issue 17)
            before = bisect_left(all_run_days, day)
            previous = all_run_days[before - 1] if before else None
            trend = _weekly_in(morning_days, mornings, judgement_day(day, today))
            state = judge_run_day(state, day, runs[day], trend, previous)
    return state


def _apply_input(state: PlanState, given: PlanInput) -> PlanState:
    if given.kind == p.SET and given.stage is not None:
        return p.set_stage(state, given.date, given.stage)
    if given.kind == p.CAPS and given.caps is not None:
        return p.set_caps(state, given.date, given.caps)
    return state


def judge_run_day(
    state: PlanState,
    day: dt.date,
    responses: Sequence[SessionResponse],
    trend: WeeklyTrend,
    previous_run_day: dt.date | None,
) -> PlanState:
    """One running day (its worst session) moves the plan, under the rules in the module docstring."""
    light = worst(*(r.light for r in responses))
    if light == RED or trend.light == RED:
        why = _why(responses, RED) if light == RED else trend.advice
        return p.apply_session(state, day, RED, why)
    if light == AMBER:
        return p.apply_session(state, day, AMBER, _why(responses, AMBER))
    stage = min(state.stage, p.highest_stage(state.caps))
    if trend.light == AMBER:
        return _event(
            state,
            day,
            stage,
            p.WEEKLY_HOLD,
            f"Green session, but the weekly rule holds the plan at stage {stage}. {trend.reason}",
        )
    if light == INCOMPLETE:
        return p.apply_session(state, day, INCOMPLETE, _why(responses, INCOMPLETE))
    if previous_run_day is not None and (day - previous_run_day).days <= 1:
        return _event(
            state,
            day,
            stage,
            p.NO_REST_DAY,
            "Green session, but you ran the day before: a rest or low-impact day between runs is needed "
            "for it to count.",
        )
    assert light == GREEN
    return p.apply_session(state, day, GREEN)


def _event(state: PlanState, day: dt.date, stage: int, kind: str, reason: str) -> PlanState:
    event = PlanEvent(day, state.stage, stage, kind, reason)
    return replace(state, stage=stage, history=(*state.history, event))


def _why(responses: Sequence[SessionResponse], light: str) -> str:
    for response in responses:
        if response.light == light and response.causes:
            return response.causes[0]
    return ""
