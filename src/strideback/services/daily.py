"""The daily loop: judge sessions, derive the walk-run plan, and say what today should be.

Today's advice reads a window of recent data (check-ins and sessions of the last 60 days, load from
the last 90). The plan is derived on every read from its inputs (start, stages set by hand, caps)
and every session since it started, judged as the evidence stands now (issue 11: never frozen, so
a score entered later re-judges its session); only the inputs are stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from strideback.domain import plan as walk_run
from strideback.domain.advice import Advice, advise
from strideback.domain.dates import format_day
from strideback.domain.load import summarize_load
from strideback.domain.plan_derive import PlanInput, derive, weekly_on
from strideback.domain.plan_overview import PlanOverview
from strideback.domain.response import SessionResponse, classify_sessions
from strideback.domain.types import (
    Activity,
    CheckIn,
    InvalidValue,
    PlanCaps,
    PlanState,
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


def _inputs(person_id: int, day: dt.date, create: bool) -> tuple[list[PlanInput], PlanCaps]:
    """The plan's inputs and the caps in effect before any caps input. A person without a plan gets
    one starting four weeks back (saved when `create`, so it starts on the same day next time)."""
    stored = records.get_plan_state(person_id)
    row_caps = stored.caps if stored is not None else PlanCaps()
    inputs = records.plan_inputs(person_id)
    if not any(i.kind == walk_run.START for i in inputs):
        start = PlanInput(
            day - dt.timedelta(days=PLAN_LOOKBACK_DAYS + 1), walk_run.START, walk_run.FIRST_STAGE
        )
        if create:
            with records.atomic():
                records.add_plan_input(person_id, start, walk_run.FIRST_STAGE, "Plan started at stage 1.")
                if stored is None:
                    records.save_plan_caps(person_id, row_caps, walk_run.FIRST_STAGE)
        inputs.insert(0, start)
    # caps changes stored by an earlier version without their values: the stored caps stand for them
    inputs = [
        i if i.kind != walk_run.CAPS or i.caps is not None else PlanInput(i.date, i.kind, caps=row_caps)
        for i in inputs
    ]
    has_caps = any(i.kind == walk_run.CAPS for i in inputs)
    return inputs, PlanCaps() if has_caps else row_caps


def _caps_now(inputs: list[PlanInput], base: PlanCaps, day: dt.date) -> PlanCaps:
    caps = base
    for given in sorted((i for i in inputs if i.date <= day), key=lambda i: i.date):
        if given.kind == walk_run.CAPS and given.caps is not None:
            caps = given.caps
    return caps


def derived_plan(
    person_id: int, day: dt.date, create: bool = True
) -> tuple[PlanState, list[SessionResponse], list[CheckIn]]:
    """The plan on `day`, derived from its inputs and every session since it started (judged with the
    clinician's pain limit now in effect), with those judgements and the check-ins read."""
    inputs, base_caps = _inputs(person_id, day, create)
    first = min(i.date for i in inputs if i.kind == walk_run.START)
    # the morning before a session can be 2 days back; the weekly rule reads four weeks of mornings
    checkins = records.list_checkins(person_id, since=first - dt.timedelta(days=28), until=day)
    # only runs move the plan (back-to-back run days included)
    activities = records.list_activities(
        person_id, since=first - dt.timedelta(days=2), until=day, sport=Sport.RUN
    )
    caps = _caps_now(inputs, base_caps, day)
    responses = classify_sessions(activities, checkins, day, caps.pain_during_limit)
    return derive(inputs, responses, checkins, day, base_caps), responses, checkins


def today(person_id: int, day: dt.date) -> Advice:
    """What should the person do on `day`? The plan is derived from the whole history as of `day`."""
    checkins, activities = _window(person_id, day)
    state, _, _ = derived_plan(person_id, day)
    first = day - dt.timedelta(days=WINDOW_DAYS)
    # every sport of the window, judged as the plan judges runs (the clinician's limit now in effect)
    responses = classify_sessions(
        [a for a in activities if a.day >= first], checkins, day, state.caps.pain_during_limit
    )
    by_day = {c.date: c for c in checkins}
    from strideback.services.screening import last_full_screen, status

    last_full = last_full_screen(person_id)  # read once: the reminder and the first-run gate both need it

    advice = advise(
        day,
        by_day.get(day),
        [c for c in checkins if c.date < day],
        [a for a in activities if a.day >= day - dt.timedelta(days=WINDOW_DAYS)],
        responses,
        state,
        summarize_load(activities, day, history_days=LOAD_DAYS),
        None,
        reminders=[*_reminders(person_id, day, last_full), *_evidence_reminders(day, responses)],
        flags=status(person_id, day),
        screened=last_full is not None and last_full <= day,  # issue 11: no first run before a full screen
    )
    from strideback.services.trial import apply_trial  # the personal trial's draw for the day (issue 13)

    return apply_trial(person_id, day, advice)


def _evidence_reminders(day: dt.date, responses: list[SessionResponse]) -> list[str]:
    """Runs of the last two days without their pain scores: the plan moves only on complete evidence."""
    reminders = []
    for r in responses:
        if r.is_run and 0 <= (day - r.day).days <= 2 and r.activity_id is not None:
            missing = [n.removeprefix("pain_") for n in r.missing if n.startswith("pain_")]
            if missing:
                options = " ".join(f"--{name} N" for name in missing)
                reminders.append(
                    f"The run on {format_day(r.day)} has no leg pain {' or '.join(missing)} score; the plan "
                    f"moves only on complete evidence: `strideback pain {r.activity_id} {options}`."
                )
    return reminders


def _reminders(person_id: int, day: dt.date, last_full_screen: dt.date | None) -> list[str]:
    from strideback.domain.redflags import screening_due
    from strideback.services.questionnaires import odi_due, startback_due

    reminders = []
    if startback_due(person_id):  # STarT Back is offered at first use (Hill 2008: stratifies care early)
        reminders.append(
            "A short questionnaire (STarT Back, 9 questions) helps your clinician choose the right care: "
            "`strideback questionnaire startback`."
        )
    if screening_due(last_full_screen, day):  # what services.screening.full_screen_due asks
        reminders.append("The weekly red-flag questions are due: answer them with `strideback redflags`.")
    if odi_due(person_id, day):
        reminders.append("The Oswestry questionnaire is due: `strideback questionnaire odi`.")
    return reminders


def plan_overview(person_id: int, day: dt.date) -> PlanOverview:
    """The plan as it stands on `day` (derived from the whole history): stage, caps, stages, history,
    and the weekly rule's hold when it holds."""
    state, _, checkins = derived_plan(person_id, day)
    return PlanOverview(state, weekly_on({c.date: c for c in checkins}, day))


def set_stage(person_id: int, day: dt.date, number: int) -> PlanState:
    """Set the stage by hand (within the cap): an input of the plan, recorded in its history.
    Raises InvalidValue for a stage outside the plan."""
    walk_run.stage(number)  # refuses a stage outside the plan
    with records.atomic():
        before, _, _ = derived_plan(person_id, day)
        records.add_plan_input(person_id, PlanInput(day, walk_run.SET, stage=number), before.stage)
        state, _, _ = derived_plan(person_id, day)
        records.save_plan_caps(person_id, state.caps, state.stage)
    return state


def set_caps(
    person_id: int,
    day: dt.date,
    max_stage: int | None = None,
    pain_during_limit: int | None = None,
    avoid_sports: list[str] | None = None,
) -> PlanState:
    """Change the limits given; the others stay. `max_stage` 0 removes the cap; `avoid_sports`
    ["none"] clears the list; the pain limit is 0–5 (it can only tighten the green band). Raises
    InvalidValue for a value out of range or an unknown sport; nothing is written then."""
    with records.atomic():
        state, _, _ = derived_plan(person_id, day)
        caps = state.caps
        if max_stage is not None:
            if not 0 <= max_stage <= walk_run.LAST_STAGE:
                raise InvalidValue(
                    "max stage", max_stage, f"a stage from 1 to {walk_run.LAST_STAGE}, or 0 for no cap"
                )
            caps = PlanCaps(max_stage or None, caps.pain_during_limit, caps.avoid_sports)
        if pain_during_limit is not None:
            walk_run.check_pain_limit(pain_during_limit)
            caps = PlanCaps(caps.max_stage, pain_during_limit, caps.avoid_sports)
        if avoid_sports is not None:
            names = [n for n in avoid_sports if n.strip().lower() != "none"]
            sports = tuple(dict.fromkeys(Sport.parse(n, "avoid") for n in names))
            caps = PlanCaps(caps.max_stage, caps.pain_during_limit, sports)
        records.add_plan_input(person_id, PlanInput(day, walk_run.CAPS, caps=caps), state.stage)
        updated, _, _ = derived_plan(person_id, day)
        records.save_plan_caps(person_id, caps, updated.stage)
    return updated
