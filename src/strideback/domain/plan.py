"""The walk-run plan: stages as data and a state machine over session responses.

Stages are shaped after published return-to-run programmes (e.g. Trials 2023,
doi:10.1186/s13063-023-07502-x): short run/walk intervals growing to 30 minutes of continuous
running. Rules (DESIGN, "Walk-run plan"): each stage at least twice; advance after two green
sessions in a row; repeat on amber; step back one stage on red; a rest or low-impact day between
runs; running paused while today's light is red. A clinician may cap the stage, set the
pain-during limit and name sports to avoid.

The state is `domain.types.PlanState`: the stage, the caps and a history of events. Each judged
running day adds one event, so the count of green sessions in a row is read from the history.

The plan is derived, never frozen (issue 11, DESIGN): `derive` recomputes the stage from the whole
history on every read, from the inputs people decide (where the plan started, a stage set by hand,
a clinician's caps) and the sessions as they are judged now. A score entered later re-judges its
session and the plan follows. It advances only on two complete green sessions with a rest or
low-impact day between them, holds whenever the weekly rule holds, and never passes the cap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from operator import attrgetter

from strideback.domain.response import (
    AMBER,
    GREEN,
    INCOMPLETE,
    RED,
    TOO_MUCH_PAIN_DURING,
    SessionResponse,
    worst,
)
from strideback.domain.types import InvalidValue, PlanCaps, PlanEvent, PlanState, Sport

# Event kinds. `hold` is a green session that needs one more green in a row before advancing
# (or a green at the highest stage allowed). Session kinds are those a judged run adds.
START, ADVANCE, HOLD, REPEAT, STEP_BACK, PAUSE, SET = (
    "start",
    "advance",
    "hold",
    "repeat",
    "step_back",
    "pause",
    "set",
)
# Derived kinds that neither count toward advancing nor move the stage (issue 11): a session with
# missing evidence, a green run the day after another run, a green run while the weekly rule holds.
INCOMPLETE_SESSION, NO_REST_DAY, WEEKLY_HOLD = "incomplete", "no_rest_day", "weekly_hold"
# A clinician's new caps: a stored input, shown in the history as a `set` event.
CAPS = "caps"
SESSION_KINDS = frozenset(
    {ADVANCE, HOLD, REPEAT, STEP_BACK, PAUSE, INCOMPLETE_SESSION, NO_REST_DAY, WEEKLY_HOLD}
)
# The history's event kinds in the person's words (every face shows these).
EVENT_WORDS = {
    START: "Started",
    ADVANCE: "Moved up",
    HOLD: "Green, holding",
    REPEAT: "Repeat",
    STEP_BACK: "Stepped back",
    PAUSE: "Paused",
    SET: "Set by hand",
    INCOMPLETE_SESSION: "Not judged fully",
    NO_REST_DAY: "No rest day before",
    WEEKLY_HOLD: "Held: weekly rule",
}
# The rules in plain words (plan page, `plan show`).
RULES_TEXT = (
    "Move up after two complete green sessions with a rest or low-impact day between them; repeat a "
    "stage after an amber one; step back one stage after a red one; hold while the week's leg pain is "
    "rising; no running while today's light is red. A session counts only with pain during, pain after "
    "and the next morning's check-in recorded."
)
# DESIGN / Trials 2023: advance after two green sessions in a row at a stage.
GREENS_TO_ADVANCE = 2


@dataclass(frozen=True)
class Stage:
    number: int
    run_min: float
    walk_min: float
    repeats: int
    effort: str

    @property
    def minutes(self) -> float:
        return self.repeats * (self.run_min + self.walk_min)

    @property
    def run_minutes(self) -> float:
        return self.repeats * self.run_min

    @property
    def continuous(self) -> bool:
        return self.walk_min == 0 and self.repeats == 1

    @property
    def description(self) -> str:
        if self.continuous:
            return f"{_fmt(self.run_min)} min continuous run, {self.effort}"
        return (
            f"{self.repeats} × {_fmt(self.run_min)} min run / {_fmt(self.walk_min)} min walk, {self.effort}"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "stage": self.number,
            "run_minutes": self.run_min,
            "walk_minutes": self.walk_min,
            "repeats": self.repeats,
            "minutes": self.minutes,
            "effort": self.effort,
            "description": self.description,
        }


def _fmt(minutes: float) -> str:
    return str(int(minutes)) if float(minutes).is_integer() else f"{minutes:g}"


_EASY_FLAT = "easy, flat ground"
_EASY_TALK = "easy, able to talk in full sentences"
# Trials 2023 (doi:10.1186/s13063-023-07502-x) shape: short run bouts with walking recoveries,
# growing run time before bout length, to 30 minutes continuous at an easy effort.
STAGES: tuple[Stage, ...] = (
    Stage(1, 1, 2, 6, _EASY_FLAT),
    Stage(2, 1, 2, 8, _EASY_FLAT),
    Stage(3, 2, 2, 6, _EASY_FLAT),
    Stage(4, 3, 2, 5, _EASY_FLAT),
    Stage(5, 4, 2, 5, _EASY_FLAT),
    Stage(6, 6, 2, 4, _EASY_TALK),
    Stage(7, 8, 2, 3, _EASY_TALK),
    Stage(8, 12, 2, 2, _EASY_TALK),
    Stage(9, 15, 1, 2, _EASY_TALK),
    Stage(10, 30, 0, 1, _EASY_TALK),
)
FIRST_STAGE = 1
LAST_STAGE = len(STAGES)


def stage(number: int) -> Stage:
    if not FIRST_STAGE <= number <= LAST_STAGE:
        raise InvalidValue("stage", number, f"a whole number from {FIRST_STAGE} to {LAST_STAGE}")
    return STAGES[number - 1]


def highest_stage(caps: PlanCaps) -> int:
    """The highest stage allowed: the clinician's cap, never beyond the last stage."""
    return LAST_STAGE if caps.max_stage is None else min(caps.max_stage, LAST_STAGE)


def check_pain_limit(limit: int) -> None:
    """A clinician's pain-during limit can only tighten the green band: 0 to 5. Above 5/10 is always
    too much (Silbernagel 2007), so a limit of 8 could not be honoured and is refused, not shown."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= TOO_MUCH_PAIN_DURING:
        raise InvalidValue(
            "pain limit",
            limit,
            f"a whole number from 0 to {TOO_MUCH_PAIN_DURING}: leg pain above {TOO_MUCH_PAIN_DURING}/10 "
            "is always too much (Silbernagel 2007), so a limit can only tighten the green band",
        )


def running_allowed(caps: PlanCaps) -> bool:
    return Sport.RUN not in caps.avoid_sports


def current_stage(state: PlanState) -> Stage:
    """The stage to run now, within the clinician's cap."""
    return stage(max(FIRST_STAGE, min(state.stage, highest_stage(state.caps))))


def new_plan(start_day: dt.date, caps: PlanCaps | None = None, stage_number: int = FIRST_STAGE) -> PlanState:
    """A plan starting at `stage_number`; sessions after `start_day` count."""
    caps = caps or PlanCaps()
    number = min(max(stage_number, FIRST_STAGE), highest_stage(caps))
    event = PlanEvent(start_day, number, number, START, f"Plan started at stage {number}.")
    return PlanState(stage=number, caps=caps, history=(event,))


def greens_in_a_row(state: PlanState) -> int:
    """Green sessions in a row at the current stage, read from the history.

    The history is read in date order (stable, so same-day events keep their order), as the
    store gives it back, so a reloaded plan counts the same as the one saved.
    """
    history = state.history
    dates = list(map(_event_date, history))
    if dates != sorted(dates):  # out of date order: read it in date order, as before
        history = tuple(sorted(history, key=_event_date))
    # in date order already (as `derive` and `apply_session` build it): no sort per green (issue 17)
    count = 0
    for event in reversed(history):
        if event.kind != HOLD:
            break
        count += 1
    return count


_event_date = attrgetter("date")


def last_judged_day(state: PlanState) -> dt.date | None:
    """The latest day the plan has taken into account (a session, or the plan's start)."""
    days = [e.date for e in state.history if e.kind in SESSION_KINDS or e.kind == START]
    return max(days) if days else None


def apply_session(state: PlanState, day: dt.date, light: str, why: str = "") -> PlanState:
    """One judged running day moves the plan: advance after two greens in a row, repeat on
    amber, step back one stage on red (DESIGN, walk-run plan; Trials 2023)."""
    if light not in (GREEN, INCOMPLETE, AMBER, RED):
        raise InvalidValue("light", light, "green, incomplete, amber or red")
    before = state.stage
    top = highest_stage(state.caps)
    detail = f" {why}" if why else ""
    if light == INCOMPLETE:  # issue 11: missing evidence is never a step forward, and breaks the count
        after = min(before, top)
        kind = INCOMPLETE_SESSION
        reason = f"Session not judged fully, so it does not count toward moving on.{detail}"
    elif light == RED:
        after = max(FIRST_STAGE, min(before, top) - 1)
        if after == before:
            kind = PAUSE
            reason = f"Red session at stage {before}: stay at the first stage and rest from running.{detail}"
        else:
            kind = STEP_BACK
            reason = f"Red session: back from stage {before} to stage {after}.{detail}"
    elif light == AMBER:
        after = min(before, top)
        kind = REPEAT
        reason = f"Amber session: repeat stage {after}.{detail}"
    elif before < top and greens_in_a_row(state) + 1 >= GREENS_TO_ADVANCE:  # (count only below the top)
        after = before + 1
        kind = ADVANCE
        reason = f"Two green sessions in a row: on to stage {after}.{detail}"
    else:
        after = min(before, top)
        kind = HOLD
        if before >= top:
            reason = f"Green session at stage {after}, the highest stage allowed.{detail}"
        else:
            reason = f"Green session at stage {after}: one more green session to move on.{detail}"
    event = PlanEvent(day, before, after, kind, reason)
    return replace(state, stage=after, history=(*state.history, event))


def apply_responses(state: PlanState, responses: Iterable[SessionResponse]) -> PlanState:
    """Fold new running sessions into the plan, one event per running day (its worst light).

    Idempotent: only days after the last judged day count, and sessions still waiting for their
    next-morning check-in are left for later. Does nothing while running is avoided.
    """
    if not running_allowed(state.caps):
        return state
    since = last_judged_day(state)
    by_day: dict[dt.date, list[SessionResponse]] = {}
    for response in responses:
        if not response.is_run or (since is not None and response.day <= since):
            continue
        by_day.setdefault(response.day, []).append(response)
    for day in sorted(by_day):
        day_responses = by_day[day]
        if any(r.awaiting_next_morning for r in day_responses):
            break  # judge in order: a later day waits for this one
        light = worst(*(r.light for r in day_responses))
        state = apply_session(state, day, light, _why(day_responses, light))
    return state


def _why(responses: list[SessionResponse], light: str) -> str:
    """The first reason that set the day's light, for the history line."""
    for response in responses:
        if response.light == light and response.causes:
            return response.causes[0]
    return ""


def set_stage(state: PlanState, day: dt.date, number: int, reason: str = "") -> PlanState:
    """Set the stage by hand (within the cap); recorded in the history."""
    stage(number)  # refuses a stage outside the plan
    top = highest_stage(state.caps)
    after = min(number, top)
    note = reason or f"Stage set to {after}."
    if after < number:
        note += f" (Capped at stage {top}.)"
    event = PlanEvent(day, state.stage, after, SET, note)
    return replace(state, stage=after, history=(*state.history, event))


def set_caps(state: PlanState, day: dt.date, caps: PlanCaps) -> PlanState:
    """New clinician caps; the stage drops to the new cap if above it. Recorded in the history."""
    top = highest_stage(caps)
    after = min(state.stage, top)
    parts = [
        f"highest stage {caps.max_stage if caps.max_stage is not None else 'none'}",
        f"pain-during limit {caps.pain_during_limit}/10",
        "avoid " + (", ".join(s.value for s in caps.avoid_sports) if caps.avoid_sports else "nothing"),
    ]
    event = PlanEvent(day, state.stage, after, SET, "Limits set: " + "; ".join(parts) + ".")
    return PlanState(stage=after, caps=caps, history=(*state.history, event))
