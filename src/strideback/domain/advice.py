"""What should I do today? A light, its reasons and one concrete suggestion.

Combines, in this order of authority: the red-flag signs that stand (stop overrides everything:
BASS 2018, GIRFT CES pathway, NICE NG59, Finucane JOSPT 2020; "see a clinician soon" signs make the day
at least amber), the last sessions' responses and the mornings (pain-monitoring model, Silbernagel
2007: resting leg pain > 5 red, 4–5 amber, weakness red, a red morning holds until a later one is not),
the weekly leg-pain rule, recent run spikes (Frandsen 2025) and the walk-run plan. Never suggests running
on a red or stop day, nor without this morning's check-in.

Pure: every input is plain data; the service gathers it from the store.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from strideback.domain import plan as walk_run
from strideback.domain.dates import format_day
from strideback.domain.load import LoadSummary
from strideback.domain.mornings import judge_mornings, own_findings, unsettled_red
from strideback.domain.redflags import RedFlagStatus
from strideback.domain.response import (
    AMBER,
    GREEN,
    LIGHTS,
    RED,
    STOP,
    SessionResponse,
    green_limit,
    worst,
)
from strideback.domain.suggestion import Option, Suggestion
from strideback.domain.trial.today import TrialDayStatus
from strideback.domain.types import Activity, CheckIn, PlanState, RedFlagScreening, Sport
from strideback.domain.weekly import WeeklyTrend, weekly_trend

# Red-flag levels that stop all activity (DESIGN, red flags: emergency and urgent).
STOP_LEVELS = {
    "emergency": "Go to an emergency department now. Do not run or exercise.",
    "urgent": "Contact a clinician today (same day). Do not run until you have been seen.",
}
# A red session keeps today red for this many days after it (a full day to settle after a red morning).
RED_SESSION_DAYS = 2
# Frandsen 2025 spike: counts as a warning for this many days after the run.
SPIKE_WARNING_DAYS = 3
# Low-impact alternatives (DESIGN: swim, cycle, brisk walk, mobility), in default order.
ALTERNATIVES = (Sport.WALK, Sport.CYCLE, Sport.SWIM, Sport.MOBILITY)
# Amber: a shorter session, about two thirds of the stage's repeats.
AMBER_FRACTION = 2 / 3


@dataclass(frozen=True)
class Advice:
    day: dt.date
    light: str
    reasons: tuple[str, ...]
    suggestion: Suggestion
    plan_stage: int | None
    reminders: tuple[str, ...] = ()
    load: LoadSummary | None = None
    weekly: WeeklyTrend | None = None
    sessions: tuple[SessionResponse, ...] = ()  # the sessions that still count for today
    trial: TrialDayStatus | None = None  # the personal trial's day, while one runs (issue 13)

    def to_json(self) -> dict[str, object]:
        """The `today --json` contract (DESIGN.md): the one place Advice becomes JSON."""
        return {
            "date": self.day.isoformat(),
            "light": self.light,
            "reasons": list(self.reasons),
            "suggestion": self.suggestion.to_json(),
            "plan_stage": self.plan_stage,
            "reminders": list(self.reminders),
            "load": self.load.to_json() if self.load is not None else None,
            "weekly": self.weekly.to_json() if self.weekly is not None else None,
            "sessions": [r.to_json() for r in self.sessions],
            **({"trial": self.trial.to_json()} if self.trial is not None else {}),
        }


def blocks_activity(screening: RedFlagScreening | None) -> bool:
    return screening is not None and screening.level in STOP_LEVELS


CHECKIN_FIRST = "Do this morning's check-in first (`strideback checkin`): today's advice follows from it."
# Issue 11: a new person first does the check-in and the full red-flag screening; until then, no run.
SCREEN_FIRST = (
    "Before your first run, answer every red-flag question once (the Red flags page, or "
    "`strideback redflags`): running starts only after a full screening."
)
ASSESSMENT_NEEDED = (
    "Running stays stopped until a clinician has assessed these signs. Once you have been seen, record it "
    "with `strideback redflags --assessed` (or the button on the Red flags page), then answer the red-flag "
    "questions again."
)
ASSESSED_WAITING = (
    "A clinician's assessment is recorded; the stop lifts when a later red-flag screening says these "
    "signs have gone (`strideback redflags`)."
)


def advise(
    day: dt.date,
    checkin_today: CheckIn | None,
    recent_checkins: Sequence[CheckIn],
    recent_activities: Sequence[Activity],
    responses: Sequence[SessionResponse],
    plan_state: PlanState | None,
    load: LoadSummary | None,
    stop_screening: RedFlagScreening | None,
    reminders: Sequence[str] = (),
    stop_message: str | None = None,
    flags: RedFlagStatus | None = None,
    screened: bool = True,
) -> Advice:
    """Today's light, reasons and suggestion from plain inputs (see module docstring).

    `flags`: the red-flag signs standing on `day` (domain.redflags.standing_signs). Without it,
    `stop_screening` is the urgent or emergency screening that still stands, if any, and `stop_message`
    its message in plain words.
    """
    state = plan_state or PlanState()
    plan_stage = walk_run.current_stage(plan_state).number if plan_state is not None else None
    recent = tuple(r for r in responses if (day - r.day).days <= RED_SESSION_DAYS)
    all_reminders = list(reminders)
    if checkin_today is None:
        all_reminders.insert(0, "No morning check-in yet today: add one with `strideback checkin`.")
    if flags is not None and flags.stop:
        stop_screening = RedFlagScreening(
            date=max(s.since for s in flags.stop),
            level=flags.stop[0].level,
            reasons=tuple(s.key for s in flags.stop),
        )
        stop_message = flags.stop_message()
    if blocks_activity(stop_screening):
        assert stop_screening is not None
        stop_reasons = _stop_reasons(stop_screening, stop_message)
        if flags is not None:
            stop_reasons += (ASSESSMENT_NEEDED if flags.unassessed_stop else ASSESSED_WAITING,)
            if flags.contact:
                stop_reasons += (flags.contact_message(),)
        return Advice(
            day=day,
            light=STOP,
            reasons=stop_reasons,
            suggestion=_stop_suggestion(stop_screening),
            plan_stage=plan_stage,
            reminders=tuple(all_reminders),
            load=load,
            sessions=recent,
        )
    checkins = sorted(
        {c.date: c for c in (*recent_checkins, *([checkin_today] if checkin_today else []))}.values(),
        key=lambda c: c.date,
    )
    findings = _session_findings(day, responses)
    findings += _morning_findings(day, checkin_today, checkins, responses)
    if flags is not None and flags.contact:
        findings.append((AMBER, flags.contact_message()))
    trend = weekly_trend([c for c in checkins if c.date <= day], day)
    if trend.light != GREEN:  # amber holds the plan, red steps it back (domain.weekly; issue 11)
        findings.append((trend.light, trend.advice))
    if load is not None:
        for spike in load.recent_spikes(SPIKE_WARNING_DAYS):
            findings.append((AMBER, spike.message + " Keep the next runs no longer than usual."))
    light = worst(*(found_light for found_light, _ in findings))
    if light == RED:
        findings.append((RED, "Running is paused while today's light is red: low-impact activity only."))
    reasons = _order(findings)
    if not reasons:
        reasons = ["Nothing holds you back today: recent sessions settled and your leg pain is steady."]
    suggestion = _suggestion(
        day, light, state, recent_activities, checkin_today is not None, responses, screened
    )
    return Advice(
        day=day,
        light=light,
        reasons=tuple(reasons),
        suggestion=suggestion,
        plan_stage=plan_stage,
        reminders=tuple(all_reminders),
        load=load,
        weekly=trend,
        sessions=recent,
    )


def _stop_reasons(screening: RedFlagScreening, message: str | None) -> tuple[str, ...]:
    lead = f"Warning signs you reported (latest on {format_day(screening.date)}) need care: {STOP_LEVELS[screening.level]}"
    return (lead, message) if message else (lead,)


def _stop_suggestion(screening: RedFlagScreening) -> Suggestion:
    return Suggestion(
        sport="rest",
        description="Seek care: " + STOP_LEVELS[screening.level],
        minutes=0,
        alternatives=None,
        seek_care=screening.level,
    )


SESSION_NOUN = {
    Sport.RUN: "run",
    Sport.WALK: "walk",
    Sport.CYCLE: "ride",
    Sport.SWIM: "swim",
    Sport.STRENGTH: "strength session",
    Sport.MOBILITY: "mobility session",
    Sport.OTHER: "session",
}


def _session_findings(day: dt.date, responses: Sequence[SessionResponse]) -> list[tuple[str, str]]:
    """Yesterday's and today's sessions count as they were judged; a red one counts for two days.
    Sessions of one day judged the same way for the same cause are named together."""
    groups: dict[tuple[int, str, str], list[str]] = {}
    findings: list[tuple[str, str]] = []
    for response in responses:
        age = (day - response.day).days
        if age < 0 or age > RED_SESSION_DAYS:
            continue
        noun = SESSION_NOUN[response.sport]
        if response.light == RED or (response.light == AMBER and age <= 1):
            cause = response.causes[0] if response.causes else ""
            nouns = groups.setdefault((age, response.light, cause), [])
            if noun not in nouns:
                nouns.append(noun)
        elif response.centralized and age <= 1:
            findings.append(
                (
                    GREEN,
                    f"After {_when(age, response.day, noun).lower()} the pain moved toward the spine: a good sign.",
                )
            )
        if response.awaiting_next_morning and age == 1:
            findings.append(
                (
                    GREEN,
                    f"{_when(age, response.day, noun)} is judged provisionally until this morning's check-in.",
                )
            )
    for (age, light, cause), nouns in groups.items():
        verb = "was" if len(nouns) == 1 else "were"
        subject = _when(age, day - dt.timedelta(days=age), " and ".join(nouns))
        findings.insert(0, (light, f"{subject} {verb} {light}: {cause}"))
    return findings


def _when(age: int, session_day: dt.date, noun: str) -> str:
    if age == 0:
        return f"Today's {noun}"
    if age == 1:
        return f"Yesterday's {noun}"
    return f"The {noun} on {format_day(session_day)}"


def _morning_findings(
    day: dt.date,
    checkin_today: CheckIn | None,
    checkins: Sequence[CheckIn],
    responses: Sequence[SessionResponse],
) -> list[tuple[str, str]]:
    """This morning on its own and against the right earlier morning; a red morning holds (domain.mornings)."""
    judged = judge_mornings([c for c in checkins if c.date <= day])
    held = unsettled_red(judged, day)
    if checkin_today is None:
        findings = [(AMBER, "Without this morning's check-in, today's advice is cautious: no run yet.")]
        if held is not None:
            findings.append(
                (
                    RED,
                    f"The last morning check-in ({format_day(held.checkin.date)}) was red and no later "
                    "morning has been better: no running until a check-in shows it has settled.",
                )
            )
        return findings
    today_morning = judged[-1]
    compared = [f for f in today_morning.findings if f not in own_findings(checkin_today)]
    judged_yesterday = any((day - r.day).days == 1 and not r.awaiting_next_morning for r in responses)
    if judged_yesterday and held is None:
        return own_findings(checkin_today)  # yesterday's session response already compared this morning
    return [*own_findings(checkin_today), *compared]


def _order(findings: list[tuple[str, str]]) -> list[str]:
    """Worst first; each reason once."""
    ordered = sorted(findings, key=lambda f: -LIGHTS.index(f[0]))
    seen: list[str] = []
    for _, text in ordered:
        if text not in seen:
            seen.append(text)
    return seen


def _suggestion(
    day: dt.date,
    light: str,
    state: PlanState,
    recent_activities: Sequence[Activity],
    checked_in: bool = True,
    responses: Sequence[SessionResponse] = (),
    screened: bool = True,
) -> Suggestion:
    caps = state.caps
    ran_today = any(a.sport.is_running and a.day == day for a in recent_activities)
    ran_yesterday = any(a.sport.is_running and a.day == day - dt.timedelta(days=1) for a in recent_activities)
    options = _alternatives(light, state, recent_activities, day, responses)
    if not checked_in and light not in (RED, STOP):
        return Suggestion(sport="checkin", description=CHECKIN_FIRST, minutes=0, alternatives=tuple(options))
    if light in (RED, STOP):
        why = "Running is paused today." + ("" if checked_in else " " + CHECKIN_FIRST)
    elif not screened:
        why = SCREEN_FIRST
    elif not walk_run.running_allowed(caps):
        why = "Running is on your avoid list."
    elif ran_today:
        why = "You have already run today."
    elif ran_yesterday:
        why = "A rest or low-impact day between runs: you ran yesterday."
    else:
        return _run_suggestion(light, state, options)
    if not options:
        return Suggestion(sport="rest", description=f"{why} Rest today.", minutes=0)
    first, *others = options
    return Suggestion(
        sport=first.sport,
        description=f"{first.description}. {why}",
        minutes=first.minutes,
        effort=first.effort,
        alternatives=tuple(others),
    )


def _run_suggestion(light: str, state: PlanState, options: list[Option]) -> Suggestion:
    stage = walk_run.current_stage(state)
    limit = green_limit(state.caps.pain_during_limit)
    if light == AMBER:
        run_min, walk_min, repeats = _shorter(stage)
        session = walk_run.Stage(stage.number, run_min, walk_min, repeats, stage.effort)
        description = f"{session.description} (a shorter stage {stage.number} session)"
    else:
        session = stage
        description = session.description
    return Suggestion(
        sport=Sport.RUN.value,
        description=description,
        minutes=session.minutes,
        run_minutes=session.run_min,
        walk_minutes=session.walk_min,
        repeats=session.repeats,
        effort=session.effort,
        stage=stage.number,
        pain_during_limit=limit,
        note=f"Walk home if leg pain goes above {limit}/10 or spreads further down the leg.",
        alternatives=tuple(options) if light == AMBER else (),
    )


def _shorter(stage: walk_run.Stage) -> tuple[float, float, int]:
    if stage.continuous:
        return round(stage.run_min * AMBER_FRACTION), 0.0, 1
    return stage.run_min, stage.walk_min, max(1, round(stage.repeats * AMBER_FRACTION))


def _alternatives(
    light: str,
    state: PlanState,
    recent_activities: Sequence[Activity],
    day: dt.date | None = None,
    responses: Sequence[SessionResponse] = (),
) -> list[Option]:
    """Low-impact options not on the avoid list, the person's usual ones first; a sport whose session
    went red in the last days comes last, never first (DESIGN, walk-run plan; issue 11)."""
    usual = Counter(a.sport for a in recent_activities if a.sport in ALTERNATIVES)
    just_red = {
        r.sport
        for r in responses
        if r.light == RED and day is not None and 0 <= (day - r.day).days <= RED_SESSION_DAYS
    }
    allowed = [s for s in ALTERNATIVES if s not in state.caps.avoid_sports]
    allowed.sort(key=lambda s: (s in just_red, -usual[s], ALTERNATIVES.index(s)))
    gentle = light in (RED, STOP)
    limit = green_limit(state.caps.pain_during_limit)
    texts = {
        Sport.WALK: ("easy walk on flat ground" if gentle else "brisk walk", 20 if gentle else 30),
        Sport.CYCLE: ("easy cycling, light resistance", 20 if gentle else 30),
        Sport.SWIM: ("easy swimming, any comfortable stroke", 20 if gentle else 30),
        Sport.MOBILITY: ("gentle mobility routine", 15),
    }
    return [
        Option(sport.value, f"{texts[sport][0]}, keeping leg pain at or below {limit}/10", texts[sport][1])
        for sport in allowed
    ]
