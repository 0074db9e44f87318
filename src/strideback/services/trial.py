"""Use cases of the personal (N-of-1) trial: start, status, stop, today's draw, analyze (issue 13).

Concealment (CENT 2015 item 9): a day's allocation is derived from the sealed key only once that day has
come on the real clock (`clock()`), and shown only after that morning's check-in. Asking for a future
date (`today --date tomorrow`, the API, the page) gets no allocation. Safety rules are the advice's own:
this module never judges a light, it only reads the advice the daily service made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from strideback.domain.trial import words
from strideback.domain.trial.design import (
    BLOCK_DAYS,
    LOW_IMPACT,
    RUN,
    StoredDay,
    StoredTrial,
    TrialDesign,
    allocation,
    allocations_until,
    check_weeks,
    key_from_seed,
    run_places,
)
from strideback.domain.trial.today import TrialDayStatus, TrialToday, apply_allocation
from strideback.domain.types import CheckIn, Reach, Sport
from strideback.store import records

if TYPE_CHECKING:
    from strideback.domain.advice import Advice
    from strideback.domain.trial.answer import TrialAnswer

# The real date: concealment is judged against it, never against a date the caller asks about.
# (The simulation bench replaces it to play whole trials day by day.)
clock: Callable[[], dt.date] = dt.date.today
RUNNING, STOPPED, COMPLETED = "running", "stopped", "completed"
REACH_ORDER = list(Reach)


class TrialRefused(Exception):
    """The trial cannot start (or stop) now; the message says why and what to do."""


@dataclass(frozen=True)
class TrialStatus:
    state: str  # none, running, stopped, completed
    day: int | None
    days_total: int | None
    weeks: int | None
    start: dt.date | None
    end: dt.date | None
    allocation: str | None  # today's, once revealed
    deviation: bool
    message: str
    days: tuple[StoredDay, ...] = field(default=())
    allocated: dict[str, int] = field(default_factory=dict)
    adherence: float | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "state": self.state,
            "day": self.day,
            "days_total": self.days_total,
            "weeks": self.weeks,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "allocation": self.allocation,
            "deviation": self.deviation,
            "message": self.message,
            "allocated": dict(self.allocated),
            "adherence": None if self.adherence is None else round(self.adherence, 3),
            "days": [
                {
                    "date": d.date.isoformat(),
                    "allocation": d.allocation,
                    "shown_on_the_day": d.revealed,
                    "deviation": d.deviation or None,
                    "ran": d.ran,
                }
                for d in self.days
            ],
            "explanation": list(words.EXPLANATION),
        }


def state_of(trial: StoredTrial, day: dt.date) -> str:
    if trial.state == STOPPED:
        return STOPPED
    return COMPLETED if day > trial.design.end else RUNNING


def running_trial(person_id: int, day: dt.date) -> StoredTrial | None:
    """The trial running on `day`, if any."""
    trial = records.latest_trial(person_id)
    if trial is None or trial.state != RUNNING or trial.design.day_number(day) is None:
        return None
    return trial


# ------------------------------------------------------------------ start and stop


def start(person_id: int, day: dt.date, weeks: int = 6, seed: int | None = None) -> TrialStatus:
    """Start a trial on `day`. Raises InvalidValue for weeks out of range, TrialRefused when unsafe or unready."""
    from strideback.services import daily, screening

    check_weeks(weeks)
    latest = records.latest_trial(person_id)
    if latest is not None and state_of(latest, day) == RUNNING:
        raise TrialRefused("A trial is already running: see `strideback trial status`, or stop it first.")
    if screening.active_stop(person_id, day) is not None:
        raise TrialRefused(
            "A red-flag sign still says stop: no trial until a clinician has assessed it "
            '(`strideback redflags --assessed`) and a later screening answers it "no".'
        )
    if screening.full_screen_due(person_id, day):
        raise TrialRefused(
            "The full red-flag questions have not been answered in the last week: answer them first "
            "with `strideback redflags`."
        )
    if not daily.plan_overview(person_id, day).running_allowed:
        raise TrialRefused("The walk-run plan cannot offer runs now (running is on the avoid list).")
    design = TrialDesign(start=day, weeks=weeks)
    records.create_trial(person_id, design, key_from_seed(seed), seeded=seed is not None)
    return status(person_id, day)


def stop(person_id: int, day: dt.date) -> TrialStatus:
    """Stop the running trial (allowed at any time); the days so far are kept and can be analysed."""
    trial = records.latest_trial(person_id)
    if trial is None or state_of(trial, day) != RUNNING:
        raise TrialRefused("No trial is running.")
    settle(person_id, trial)
    records.stop_trial(person_id, trial.id, day)
    return status(person_id, day)


# ------------------------------------------------------------------ the days


def _last_settled_day(trial: StoredTrial) -> dt.date:
    """The last trial day that is over (before today on the clock, before the day it was stopped)."""
    last = min(trial.design.end, clock() - dt.timedelta(days=1))
    if trial.stopped_on is not None:
        last = min(last, trial.stopped_on - dt.timedelta(days=1))
    return last


def settle(person_id: int, trial: StoredTrial) -> list[StoredDay]:
    """Record, for every trial day that is over, its allocation, whether a run was done and any deviation."""
    last = _last_settled_day(trial)
    stored = {d.date: d for d in records.list_trial_days(person_id, trial.id)}
    drawn = allocations_until(trial.design, trial.key, last)
    if not drawn:
        return []
    ran_days = {
        a.day
        for a in records.list_activities(person_id, since=trial.design.start, until=last)
        if a.sport == Sport.RUN
    }
    settled = []
    for date, arm in drawn.items():
        before = stored.get(date)
        ran = date in ran_days
        deviation = (
            before.deviation if before is not None and before.deviation in ("safety", "rest_rule") else ""
        )
        if not deviation and ran != (arm == RUN):
            deviation = "not_followed"
        day = StoredDay(date, arm, before.revealed if before else False, deviation, ran)
        if day != before:
            records.save_trial_day(person_id, trial.id, day)
        settled.append(day)
    return settled


def status(person_id: int, day: dt.date) -> TrialStatus:
    """Where the trial stands on `day`: never shows a day that has not come yet on the clock."""
    trial = records.latest_trial(person_id)
    if trial is None:
        from strideback.domain.trial.answer import no_trial

        return TrialStatus("none", None, None, None, None, None, None, False, no_trial().bottom_line)
    state = state_of(trial, day)
    days = settle(person_id, trial)
    current = records.get_trial_day(person_id, trial.id, day) if state == RUNNING and day == clock() else None
    if current is not None and not current.revealed:
        current = None
    shown_days = [*days, *([current] if current is not None else [])]
    allocated = {RUN: sum(1 for d in shown_days if d.allocation == RUN)}
    allocated[LOW_IMPACT] = len(shown_days) - allocated[RUN]
    followed = [d for d in days if d.ran is not None]
    adherence = sum(1 for d in followed if not d.deviation) / len(followed) if followed else None
    number = trial.design.day_number(day) if state == RUNNING else None
    if state == RUNNING:
        assert number is not None
        message = words.today_message(
            number,
            trial.design.days_total,
            current.allocation if current else None,
            current.deviation or None if current else None,
        )
    else:
        message = f"The trial is {state}: see `strideback trial analyze`."
    return TrialStatus(
        state=state,
        day=number,
        days_total=trial.design.days_total,
        weeks=trial.design.weeks,
        start=trial.design.start,
        end=trial.stopped_on or trial.design.end,
        allocation=current.allocation if current else None,
        deviation=bool(current.deviation) if current else False,
        message=message,
        days=tuple(shown_days),
        allocated=allocated,
        adherence=adherence,
    )


def apply_trial(person_id: int, day: dt.date, advice: Advice) -> Advice:
    """Today's advice under a running trial: the day's draw, once revealed, and the session to do.

    The draw is revealed only on its own day (by the clock) after the morning check-in. Safety and the
    plan's rules stay the advice's: a run draw on a day the advice offers no run is a recorded deviation.
    """
    trial = running_trial(person_id, day)
    if trial is None:
        return advice
    number = trial.design.day_number(day)
    assert number is not None
    now = clock()
    arm: str | None = None
    if day < now:
        arm = allocation(trial.design, trial.key, day)  # a past day: no longer concealed
    elif day == now and records.get_checkin(person_id, day) is not None:
        arm = allocation(trial.design, trial.key, day)
    outcome = _day_outcome(person_id, day, advice, arm)
    if arm is not None and day == now:
        before = records.get_trial_day(person_id, trial.id, day)
        kept = before.ran if before else None
        records.save_trial_day(person_id, trial.id, StoredDay(day, arm, True, outcome.deviation or "", kept))
    section = TrialDayStatus(number, trial.design.days_total, arm, outcome.deviation)
    return replace(advice, suggestion=outcome.suggestion, trial=section)


def _day_outcome(person_id: int, day: dt.date, advice: Advice, arm: str | None) -> TrialToday:
    """Apply the draw to the advice, reading the plan and today's sessions only when they matter."""
    suggestion = advice.suggestion
    offers_run = suggestion.is_run
    if arm is None or (arm == RUN and offers_run) or (arm == LOW_IMPACT and not offers_run):
        return apply_allocation(advice.light, suggestion, arm, None, (), 3)
    if arm == RUN:
        ran_today = any(
            a.sport == Sport.RUN for a in records.list_activities(person_id, since=day, until=day)
        )
        return apply_allocation(advice.light, suggestion, arm, None, (), 3, ran_today=ran_today)
    from strideback.domain import plan as walk_run

    plan = records.get_plan_state(person_id)
    avoid = plan.caps.avoid_sports if plan else ()
    limit = plan.caps.pain_during_limit if plan else 3
    minutes = walk_run.current_stage(plan).minutes if plan else None
    return apply_allocation(advice.light, suggestion, arm, minutes, avoid, limit)


# ------------------------------------------------------------------ the answer


def _outcomes(checkin: CheckIn | None) -> tuple[float | None, float | None, float | None]:
    if checkin is None:
        return None, None, None
    return float(checkin.leg_pain), float(checkin.back_pain), float(REACH_ORDER.index(checkin.reach))


def _run_possible(person_id: int, trial: StoredTrial, dates: list[dt.date]) -> set[dt.date]:
    """The days on which, before the draw was shown, a run could still be offered: that morning's check-in
    exists and is not red by the mornings' own rules (domain.mornings: resting leg pain, a rise, weakness,
    a red morning held), and no red-flag stop stands. Sessions play no part (they depend on the draw)."""
    from strideback.domain.mornings import judge_mornings
    from strideback.domain.response import RED
    from strideback.services import screening

    if not dates:
        return set()
    judged = judge_mornings(records.list_checkins(person_id, until=max(dates)))
    lights = {m.checkin.date: m.light for m in judged}
    return {
        date
        for date in dates
        if date in lights and lights[date] != RED and screening.active_stop(person_id, date) is None
    }


def analyze(person_id: int, day: dt.date) -> TrialAnswer:
    """The latest trial's answer from the days that are over (as allocated and as done)."""
    from strideback.domain.trial.analysis import TrialDay
    from strideback.domain.trial.answer import analyze_trial, no_trial

    trial = records.latest_trial(person_id)
    if trial is None:
        return no_trial()
    settled = settle(person_id, trial)
    checkins = {
        c.date: c
        for c in records.list_checkins(
            person_id, since=trial.design.start, until=trial.design.end + dt.timedelta(days=1)
        )
    }
    open_days = _run_possible(person_id, trial, [d.date for d in settled])
    days = [
        TrialDay(
            d.date,
            d.allocation,
            d.ran,
            d.deviation == "safety",
            *_outcomes(checkins.get(d.date + dt.timedelta(days=1))),
            eligible=d.date in open_days,
        )
        for d in settled
    ]
    blocks = -(-len(days) // BLOCK_DAYS)
    places = run_places(trial.key, blocks)
    return analyze_trial(trial.design, state_of(trial, day), places, days)
