"""The daily loop: judge recent sessions, move the walk-run plan, and say what today should be.

Reads only a window of recent data (check-ins and sessions of the last 60 days, load from the last
90), so `strideback today` stays fast however many years are stored. Updating the plan is
idempotent: sessions already judged are never judged again, so replaying the same days gives the
same plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from strideback.domain import plan as walk_run
from strideback.domain.advice import Advice, advise
from strideback.domain.load import summarize_load
from strideback.domain.response import SessionResponse, classify_sessions
from strideback.domain.types import (
    Activity,
    CheckIn,
    InvalidValue,
    PlanCaps,
    PlanState,
    RedFlagScreening,
    Sport,
)
from strideback.store import records

# Sessions and check-ins judged for today (a red session counts for two days, the weekly rule
# needs two weeks; 60 days leaves room for a long gap before the last morning).
WINDOW_DAYS = 60
# Load needs 90 days for the 28-day EWMA to forget its zero start (see domain.load).
LOAD_DAYS = 90
# A new plan takes into account the sessions of the last four weeks.
PLAN_LOOKBACK_DAYS = 28


def _window(person_id: int, day: dt.date) -> tuple[list[CheckIn], list[Activity]]:
    checkins = records.list_checkins(person_id, since=day - dt.timedelta(days=WINDOW_DAYS), until=day)
    activities = records.list_activities(person_id, since=day - dt.timedelta(days=LOAD_DAYS), until=day)
    return checkins, activities


def _judged(
    day: dt.date, checkins: list[CheckIn], activities: list[Activity], caps: PlanCaps
) -> list[SessionResponse]:
    first = day - dt.timedelta(days=WINDOW_DAYS)
    recent = [a for a in activities if a.day >= first]
    return classify_sessions(recent, checkins, day, caps.pain_during_limit)


def session_responses(
    person_id: int, activities: Sequence[Activity], checkins: Sequence[CheckIn], day: dt.date
) -> list[SessionResponse]:
    """How each session given went (with the check-ins around it) as of `day`, under the plan's limit.

    For the lists and charts of past sessions; it reads the plan but never changes it.
    """
    state = records.get_plan_state(person_id)
    if state is None:
        return classify_sessions(activities, checkins, day)
    return classify_sessions(activities, checkins, day, state.caps.pain_during_limit)


def _current_plan(person_id: int, day: dt.date) -> tuple[PlanState, bool]:
    """The stored plan, or a new one (not yet saved: the flag says so)."""
    state = records.get_plan_state(person_id)
    if state is not None:
        return state, False
    return walk_run.new_plan(day - dt.timedelta(days=PLAN_LOOKBACK_DAYS + 1)), True


def _update_plan(person_id: int, day: dt.date, responses: list[SessionResponse]) -> PlanState:
    """Fold newly judged running days into the stored plan, and save it when it changed."""
    with records.atomic():
        state, is_new = _current_plan(person_id, day)
        updated = walk_run.apply_responses(state, responses)
        if is_new or updated != state:
            records.save_plan_state(person_id, updated)
    return updated


def today(person_id: int, day: dt.date) -> Advice:
    """What should the person do on `day`? Updates the plan from sessions judged since last time."""
    checkins, activities = _window(person_id, day)
    state, _ = _current_plan(person_id, day)
    responses = _judged(day, checkins, activities, state.caps)
    state = _update_plan(person_id, day, responses)
    by_day = {c.date: c for c in checkins}
    stop, stop_message = _active_stop(person_id, day)
    advice = advise(
        day,
        by_day.get(day),
        [c for c in checkins if c.date < day],
        [a for a in activities if a.day >= day - dt.timedelta(days=WINDOW_DAYS)],
        responses,
        state,
        summarize_load(activities, day, history_days=LOAD_DAYS),
        stop,
        reminders=_reminders(person_id, day),
        stop_message=stop_message,
    )
    from strideback.services.trial import apply_trial  # the personal trial's draw for the day (issue 13)

    return apply_trial(person_id, day, advice)


def _active_stop(person_id: int, day: dt.date) -> tuple[RedFlagScreening | None, str | None]:
    """The red-flag screening that still says stop, with its message (issue 4's services)."""
    from strideback.domain import redflags
    from strideback.services.screening import active_stop

    stop = active_stop(person_id, day)
    if stop is None:
        return None, None
    keys = {key: True for key in stop.reasons if key in redflags.LEVEL_OF}
    message = redflags.screen(keys).message if keys else None
    return stop, message


def _reminders(person_id: int, day: dt.date) -> list[str]:
    from strideback.services.questionnaires import odi_due, startback_due
    from strideback.services.screening import full_screen_due

    reminders = []
    if startback_due(person_id):  # STarT Back is offered at first use (Hill 2008: stratifies care early)
        reminders.append(
            "A short questionnaire (STarT Back, 9 questions) helps your clinician choose the right care: "
            "`strideback questionnaire startback`."
        )
    if full_screen_due(person_id, day):
        reminders.append("The weekly red-flag questions are due: answer them with `strideback redflags`.")
    if odi_due(person_id, day):
        reminders.append("The Oswestry questionnaire is due: `strideback questionnaire odi`.")
    return reminders


def plan_overview(person_id: int, day: dt.date) -> dict[str, Any]:
    """The plan as it stands on `day` (updated from recent sessions): stage, caps, stages, history."""
    checkins, activities = _window(person_id, day)
    state, _ = _current_plan(person_id, day)
    state = _update_plan(person_id, day, _judged(day, checkins, activities, state.caps))
    return overview_json(state)


def overview_json(state: PlanState) -> dict[str, Any]:
    current = walk_run.current_stage(state)
    caps = state.caps
    return {
        "stage": current.number,
        "session": current.to_json(),
        "greens_in_a_row": walk_run.greens_in_a_row(state),
        "highest_stage": walk_run.highest_stage(caps),
        "caps": {
            "max_stage": caps.max_stage,
            "pain_during_limit": caps.pain_during_limit,
            "avoid_sports": [s.value for s in caps.avoid_sports],
        },
        "running_allowed": walk_run.running_allowed(caps),
        "stages": [s.to_json() for s in walk_run.STAGES],
        "history": [
            {
                "date": e.date.isoformat(),
                "kind": e.kind,
                "stage_before": e.stage_before,
                "stage_after": e.stage_after,
                "reason": e.reason,
            }
            for e in state.history
        ],
    }


def set_stage(person_id: int, day: dt.date, number: int) -> PlanState:
    """Set the stage by hand (within the cap). Raises InvalidValue for a stage outside the plan."""
    with records.atomic():
        state, _ = _current_plan(person_id, day)
        updated = walk_run.set_stage(state, day, number)
        records.save_plan_state(person_id, updated)
    return updated


def set_caps(
    person_id: int,
    day: dt.date,
    max_stage: int | None = None,
    pain_during_limit: int | None = None,
    avoid_sports: list[str] | None = None,
) -> PlanState:
    """Change the limits given; the others stay. `max_stage` 0 removes the cap; `avoid_sports`
    ["none"] clears the list. Raises InvalidValue for a value out of range or an unknown sport."""
    with records.atomic():
        state, _ = _current_plan(person_id, day)
        caps = state.caps
        if max_stage is not None:
            if not 0 <= max_stage <= walk_run.LAST_STAGE:
                raise InvalidValue(
                    "max stage", max_stage, f"a stage from 1 to {walk_run.LAST_STAGE}, or 0 for no cap"
                )
            caps = PlanCaps(max_stage or None, caps.pain_during_limit, caps.avoid_sports)
        if pain_during_limit is not None:
            caps = PlanCaps(caps.max_stage, pain_during_limit, caps.avoid_sports)
        if avoid_sports is not None:
            names = [n for n in avoid_sports if n.strip().lower() != "none"]
            sports = tuple(dict.fromkeys(Sport.parse(n, "avoid") for n in names))
            caps = PlanCaps(caps.max_stage, caps.pain_during_limit, sports)
        updated = walk_run.set_caps(state, day, caps)
        records.save_plan_state(person_id, updated)
    return updated
