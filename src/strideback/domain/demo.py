"""A realistic demo person: a runner with sciatica returning to running. Pure and seeded.

The story, and the truths the evidence engine should find (see `DEMO_TRUTH`):
- An episode of sciatica two weeks before the diary starts: leg pain around 6/10 reaching the calf,
  falling over the months toward ~1.5 as the nerve settles (an exponential recovery).
- Weeks 1–3: walking, swimming and mobility only. From week 4 a walk-run return, three runs a week on
  non-consecutive days, growing from 20 minutes of intervals to 40 minutes continuous.
- Each run raises next-morning leg pain a little (+0.5 per 30 minutes of running, settling the day after);
  two or three times the person overdoes it (a long run far beyond the recent longest) and flares: leg pain
  up ~2.5 points the next morning, reaching further down the leg, easing over four to five days.
- Swims, rides and walks fill the other days and do nothing to next-morning pain.
- Check-ins on most mornings (fewer at weekends once running has started), an ODI every four weeks, a weekly red-flag screen (clear).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from strideback.domain.redflag_words import KEYS
from strideback.domain.treatments import Treatment
from strideback.domain.types import Activity, CheckIn, Reach, RedFlagScreening, Sport

# Next-morning leg pain rise per 30 minutes of running, and the flare after a spike (the demo's ground truth).
DEMO_TRUTH = {"run_minutes_per_30min_leg_pain_next_morning": 0.5, "flare_leg_pain": 2.5}

_PACE_MIN_PER_KM = {Sport.RUN: 6.4, Sport.WALK: 11.0, Sport.CYCLE: 2.6}
_RPE = {
    Sport.RUN: 5.0,
    Sport.WALK: 2.5,
    Sport.CYCLE: 4.0,
    Sport.SWIM: 4.0,
    Sport.MOBILITY: 2.0,
    Sport.STRENGTH: 4.0,
}


@dataclass(frozen=True)
class DemoDiary:
    activities: list[Activity]
    checkins: list[CheckIn]
    odi_answers: list[tuple[dt.date, tuple[int, ...]]]
    screenings: list[RedFlagScreening]


def generate(days: int, seed: int, end: dt.date, tz: dt.tzinfo) -> DemoDiary:
    """The demo diary for `days` days ending on `end` (its last morning's check-in included)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    rng = random.Random(seed)
    start = end - dt.timedelta(days=days - 1)
    activities: list[Activity] = []
    checkins: list[CheckIn] = []
    odi: list[tuple[dt.date, tuple[int, ...]]] = []
    screenings: list[RedFlagScreening] = []

    noise = 0.0  # AR(1) day-to-day wobble of leg pain
    run_effect = 0.0  # what yesterday's run adds to this morning
    flare = 0.0  # a flare after a spike, easing day by day
    run_minutes_target = 20.0
    longest_recent: list[tuple[dt.date, float]] = []  # (day, km) of runs in the last 30 days
    last_run: dt.date | None = None
    spikes_left = max(1, days // 70)
    spike_days = sorted(rng.sample(range(40, max(41, days - 5)), k=min(spikes_left, max(1, days - 45))))

    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        weeks = offset / 7
        recovery = math.exp(-offset / 65)
        leg_base = 1.4 + 4.8 * recovery
        back_base = 1.0 + 2.2 * math.exp(-offset / 90)
        noise = 0.5 * noise + rng.gauss(0, 0.7)
        leg_level = leg_base + noise + run_effect + flare
        back_level = back_base + 0.5 * noise + 0.4 * flare + rng.gauss(0, 0.5)

        # ---- the morning check-in (most mornings; weekends are easier to forget)
        skip = 0.25 if day.weekday() >= 5 and weeks >= 3 else 0.07
        if rng.random() > skip or offset in (0, days - 1):
            nerve_level = leg_base + run_effect + flare  # what the nerve is doing, without the daily wobble
            checkins.append(_checkin(rng, day, leg_level, back_level, nerve_level, flare))

        # ---- today's sessions
        run_effect = 0.0
        flare *= 0.62
        is_run_day = (
            weeks >= 3
            and day.weekday() in (1, 3, 6)
            and (last_run is None or (day - last_run).days >= 2)
            and leg_level < 5.5
        )
        if is_run_day:
            longest = max((km for d, km in longest_recent if (day - d).days <= 30), default=0.0)
            spike = bool(spike_days) and offset >= spike_days[0]
            minutes = run_minutes_target * (1.7 if spike else 1.0) * rng.uniform(0.9, 1.1)
            if spike:
                spike_days.pop(0)
                flare += DEMO_TRUTH["flare_leg_pain"] / 0.62
            km = minutes / _PACE_MIN_PER_KM[Sport.RUN] * (0.85 if weeks < 8 else 1.0)
            during = _clip_int(leg_level - 2 + rng.gauss(0, 0.8) + (2 if spike else 0))
            after = _clip_int(during + rng.choice((0, 0, 1)) + (1 if spike else 0))
            activities.append(
                _session(rng, Sport.RUN, day, tz, minutes, km, during, after,
                         "long one, felt strong" if spike else _run_note(weeks, longest, km))
            )  # fmt: skip
            run_effect = DEMO_TRUTH["run_minutes_per_30min_leg_pain_next_morning"] * minutes / 30
            longest_recent = [(d, k) for d, k in longest_recent if (day - d).days <= 30] + [(day, km)]
            last_run = day
            run_minutes_target = min(40.0, run_minutes_target + 0.5)
        else:
            _low_impact_day(rng, activities, day, tz, leg_level)

        if day.weekday() == 0 or offset == 0:
            screenings.append(RedFlagScreening(date=day, answers=dict.fromkeys(KEYS, False), level="none"))
        if offset % 28 == 0:
            odi.append((day, _odi_answers(rng, leg_base, back_base)))
    return DemoDiary(activities=activities, checkins=checkins, odi_answers=odi, screenings=screenings)


def _clip_int(value: float, low: int = 0, high: int = 10) -> int:
    return int(min(high, max(low, round(value))))


def _reach_for(nerve_level: float) -> Reach:
    """Pain reaches further down the leg as the nerve is more irritated (thresholds on the smooth level)."""
    thresholds = (0.5, 1.6, 3.6, 4.8, 6.2)  # buttock, thigh, knee, calf, foot
    return list(Reach)[sum(nerve_level >= t for t in thresholds)]


def _checkin(
    rng: random.Random, day: dt.date, leg_level: float, back_level: float, nerve_level: float, flare: float
) -> CheckIn:
    leg = _clip_int(leg_level)
    back = _clip_int(back_level)
    note = ""
    if flare > 1.5:
        note = rng.choice(
            ("flared up after the long run", "leg angry this morning", "bad night, shooting pain")
        )
    elif rng.random() < 0.05:
        note = rng.choice(("long drive yesterday", "sat at the desk all day", "felt good", "work stress"))
    return CheckIn(
        date=day,
        back_pain=back,
        leg_pain=leg,
        reach=_reach_for(nerve_level),
        numbness=nerve_level >= 4.6,
        tingling=nerve_level >= 3.4,
        weakness=False,
        stiffness_min=5 * int(max(0, round((5 + 7 * back_level + rng.gauss(0, 2)) / 5))),
        sleep=_clip_int(8.5 - 0.5 * leg + rng.gauss(0, 1)),
        note=note,
    )


def _session(
    rng: random.Random,
    sport: Sport,
    day: dt.date,
    tz: dt.tzinfo,
    minutes: float,
    km: float | None,
    during: int | None = None,
    after: int | None = None,
    note: str = "",
) -> Activity:
    start = dt.datetime.combine(day, dt.time(7 if day.weekday() < 5 else 9, rng.randrange(0, 50)), tzinfo=tz)
    rpe = _RPE[sport] + rng.choice((-1.0, 0.0, 0.0, 1.0))
    return Activity(
        sport=sport,
        start=start,
        duration_s=round(minutes * 60),
        distance_m=round(km * 1000, 1) if km else None,
        moving_s=round(minutes * 60 * rng.uniform(0.93, 0.99)),
        avg_hr=round(rng.uniform(135, 155) if sport is Sport.RUN else rng.uniform(95, 130)),
        rpe=rpe,
        pain_during=during,
        pain_after=after,
        source="demo",
        fingerprint=f"demo:{start.isoformat()}:{sport.value}",
        note=note,
    )


def _run_note(weeks: float, longest: float, km: float) -> str:
    if weeks < 8:
        return "walk-run intervals, flat route"
    return "easy continuous run" if km <= longest else "easy run, a little further"


def _low_impact_day(
    rng: random.Random, activities: list[Activity], day: dt.date, tz: dt.tzinfo, leg: float
) -> None:
    weekday = day.weekday()
    if weekday in (0, 4):
        minutes = rng.uniform(30, 45)
        activities.append(_session(rng, Sport.SWIM, day, tz, minutes, minutes * 0.035, note="easy lengths"))
    elif weekday == 5 and rng.random() < 0.8:
        minutes = rng.uniform(45, 80)
        activities.append(
            _session(rng, Sport.CYCLE, day, tz, minutes, minutes / _PACE_MIN_PER_KM[Sport.CYCLE])
        )
    elif rng.random() < 0.7:
        minutes = rng.uniform(25, 50)
        activities.append(_session(rng, Sport.WALK, day, tz, minutes, minutes / _PACE_MIN_PER_KM[Sport.WALK]))
    if rng.random() < (0.5 if leg > 4 else 0.25):
        activities.append(
            _session(rng, Sport.MOBILITY, day, tz, rng.uniform(10, 20), None, note="nerve glides")
        )


def _odi_answers(rng: random.Random, leg_base: float, back_base: float) -> tuple[int, ...]:
    """Ten ODI sections (0–5) that add up to roughly what this pain level means for daily life."""
    target_percent = min(80.0, 4.5 * leg_base + 3.0 * back_base + rng.gauss(0, 3))
    total = max(0, round(target_percent / 2))  # percent = 100 × sum / 50
    answers = [0] * 10
    order = [0, 4, 5, 2, 6, 9, 3, 8, 1, 7]  # pain, sitting, standing and lifting carry most of it
    index = 0
    while total > 0:
        section = order[index % 10]
        if answers[section] < 5:
            answers[section] += 1
            total -= 1
        index += 1
    return tuple(answers)


def with_diary_details(checkins: list[CheckIn], seed: int) -> list[CheckIn]:
    """The demo's check-ins with the side of the leg pain and its quality (own random stream, so the
    rest of the demo diary is the same as before these fields existed)."""
    from dataclasses import replace

    rng = random.Random(seed * 7919 + 1)
    detailed = []
    for checkin in checkins:
        if checkin.leg_pain == 0:
            detailed.append(checkin)
            continue
        quality = ["aching"] + (["burning"] if checkin.leg_pain >= 5 and rng.random() < 0.6 else [])
        if checkin.tingling and rng.random() < 0.7:
            quality.append("pins_and_needles")
        if checkin.leg_pain >= 6 and rng.random() < 0.5:
            quality.append("electric")
        side = "both" if rng.random() < 0.03 else "left"
        detailed.append(replace(checkin, side=side, quality=tuple(quality)))
    return detailed


def demo_treatments(checkins: list[CheckIn], seed: int) -> list[Treatment]:
    """What the demo person took or did: anti-inflammatories on bad mornings early on, nerve glides on
    most days, heat now and then, physiotherapy (manual therapy) every other week."""
    rng = random.Random(seed * 104729 + 3)
    treatments: list[Treatment] = []
    first = checkins[0].date if checkins else None
    for checkin in checkins:
        if checkin.leg_pain >= 5 and rng.random() < 0.7:
            treatments.append(Treatment(checkin.date, "anti_inflammatory", dose="400 mg"))
        if rng.random() < 0.6:
            treatments.append(Treatment(checkin.date, "nerve_glides", dose="2 × 10"))
        if checkin.back_pain >= 4 and rng.random() < 0.3:
            treatments.append(Treatment(checkin.date, "heat_or_ice"))
        if first is not None and (checkin.date - first).days % 14 == 3:
            treatments.append(Treatment(checkin.date, "manual_therapy", note="physiotherapy appointment"))
    return treatments
