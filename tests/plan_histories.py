"""Random histories for the plan's property tests (issue 11), and the invariants every derived plan
keeps. Shared by the pure-domain test (thousands of examples) and the service-level test (a few)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from hypothesis import strategies as st

from strideback.domain import plan
from strideback.domain.plan_derive import PlanInput, judgement_day, weekly_on
from strideback.domain.response import GREEN, SessionResponse
from strideback.domain.types import Activity, CheckIn, PlanCaps, PlanState, Sport

TZ = dt.timezone(dt.timedelta(hours=2))
FIRST_DAY = dt.date(2026, 1, 5)


@dataclass(frozen=True)
class History:
    today: dt.date
    checkins: tuple[CheckIn, ...]
    activities: tuple[Activity, ...]
    inputs: tuple[PlanInput, ...]  # in the order they were entered (start first)
    edits: tuple[tuple[int, int | None, int | None], ...]  # (activity index, during, after) entered later

    def edited_activities(self) -> list[Activity]:
        """The sessions with the later pain entries applied (what the store holds in the end)."""
        result = list(self.activities)
        for index, during, after in self.edits:
            a = result[index]
            result[index] = Activity(
                a.sport, a.start, a.duration_s, pain_during=during, pain_after=after, source=a.source
            )
        return result


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def _pain(rnd: random.Random) -> int | None:
    roll = rnd.random()
    return None if roll < 0.2 else rnd.randint(0, 3) if roll < 0.7 else rnd.randint(0, 10)


@st.composite
def histories(draw: st.DrawFn, max_days: int = 45) -> History:
    """The shape comes from hypothesis (length, pain level and drift, how often things are missing);
    the day-by-day details from a seeded generator, so each example costs a few draws only."""
    days = draw(st.integers(3, max_days))
    rnd = random.Random(draw(st.integers(0, 2**32)))
    today = FIRST_DAY + dt.timedelta(days=days)
    base_leg = draw(st.integers(0, 6))
    drift = draw(st.sampled_from([0.0, 0.0, 0.1, 0.2, -0.1]))
    run_chance = draw(st.sampled_from([0.3, 0.5, 0.8]))
    checkin_chance = draw(st.sampled_from([0.6, 0.9, 1.0]))
    checkins, activities = [], []
    for n in range(days + 1):
        day = FIRST_DAY + dt.timedelta(days=n)
        if rnd.random() < checkin_chance:
            leg = min(10, max(0, round(base_leg + drift * n + rnd.randint(-1, 1))))
            recorded = rnd.choice(
                [_at(day, 5), _at(day, 5), None, _at(day, 22), _at(day + dt.timedelta(days=7), 9)]
            )
            checkins.append(CheckIn(day, 2, leg, recorded_at=recorded))
        if rnd.random() < run_chance:
            sport = rnd.choice([Sport.RUN, Sport.RUN, Sport.RUN, Sport.WALK])
            activities.append(
                Activity(
                    sport, _at(day, rnd.randint(6, 20)), 1500, pain_during=_pain(rnd), pain_after=_pain(rnd)
                )
            )
    edits = tuple(
        (rnd.randrange(len(activities)), _pain(rnd), _pain(rnd))
        for _ in range(rnd.randint(0, 3) if activities else 0)
    )
    inputs = [PlanInput(FIRST_DAY - dt.timedelta(days=1), plan.START, stage=rnd.randint(1, 4))]
    for _ in range(draw(st.integers(0, 3))):
        day = FIRST_DAY + dt.timedelta(days=rnd.randint(0, days))
        if rnd.random() < 0.5:
            inputs.append(PlanInput(day, plan.SET, stage=rnd.randint(1, 10)))
        else:
            caps = PlanCaps(
                max_stage=rnd.choice([None, rnd.randint(1, 10)]),
                pain_during_limit=rnd.randint(0, 5),
                avoid_sports=(Sport.RUN,) if rnd.random() < 0.1 else (),
            )
            inputs.append(PlanInput(day, plan.CAPS, caps=caps))
    inputs.sort(key=lambda i: i.date)  # entered in date order (a clinician acts on the day)
    return History(today, tuple(checkins), tuple(activities), tuple(inputs), edits)


def caps_on(inputs: tuple[PlanInput, ...] | list[PlanInput], day: dt.date) -> PlanCaps:
    caps = PlanCaps()
    for given in sorted(inputs, key=lambda i: i.date):
        if given.kind == plan.CAPS and given.caps is not None and given.date <= day:
            caps = given.caps
    return caps


def check_invariants(
    history: History, state: PlanState, responses: list[SessionResponse], checkins: list[CheckIn]
) -> None:
    """The plan never advances on incomplete or non-green evidence, never beyond the cap in effect,
    never while the weekly rule holds, never on back-to-back run days."""
    runs: dict[dt.date, list[SessionResponse]] = {}
    for r in responses:
        if r.is_run and r.day <= history.today:
            runs.setdefault(r.day, []).append(r)
    by_day = {c.date: c for c in checkins if c.date <= history.today}
    run_days = sorted(runs)
    history_events = list(state.history)
    for index, event in enumerate(history_events):
        caps = caps_on(history.inputs, event.date)
        if event.kind != plan.SET:  # a same-day caps input entered after a stage set clamps it next
            assert event.stage_after <= plan.highest_stage(caps), event
        if event.kind != plan.ADVANCE:
            if event.kind in plan.SESSION_KINDS:
                assert event.stage_after <= event.stage_before, event
            continue
        day = event.date
        assert event.stage_after == event.stage_before + 1
        assert all(r.light == GREEN and r.complete for r in runs[day]), event
        assert weekly_on(by_day, judgement_day(day, history.today)).light == GREEN, event
        previous = [d for d in run_days if d < day][-1]
        assert (day - previous).days >= 2, event  # a rest or low-impact day between the two runs
        assert all(r.light == GREEN and r.complete for r in runs[previous]), event
        assert weekly_on(by_day, judgement_day(previous, history.today)).light == GREEN, event
        before = history_events[index - 1]
        assert (before.date, before.kind) == (previous, plan.HOLD), event
    assert state.stage <= plan.highest_stage(caps_on(history.inputs, history.today))
