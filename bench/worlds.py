"""Simulated worlds where people behave like people (issue #12), for the evidence-engine bench.

Independent of `strideback.domain.simulate`: each world is a small generative story of how running and
morning leg pain drive each other. Latent morning pain on day t:

    pain_t = baseline + recovery(t) + weekday_t + flare_t + Σ_lag effect_lag(t) · minutes_(t−lag) / 30 + u_t

with u an AR(1) wobble (SD 1, autocorrelation 0.5). The check-in records it rounded and clipped to 0–10.
How the person decides to run, which mornings go unrecorded, and the shape of the effect change per world.
`simulate_world(world, days, effect, seed)` returns (activities, check-ins) and the true effects per lag;
pass `trace=[]` to also receive each day's hidden truth (`DayTruth`: latent pain, flare, weekday term, run
minutes), for oracles (bench/effects_oracle.py). Tracing draws no random numbers: the diary is the same.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from strideback.domain.types import Activity, CheckIn, Reach, Sport

START = dt.date(2025, 1, 6)  # a Monday
AR = 0.5
NOISE_SD = 1.0


@dataclass(frozen=True)
class DayTruth:
    """One simulated day's hidden truth: the latent (unrounded, unclipped) morning pain and its parts."""

    latent: float
    flare: float  # the flare's level shift this morning (0 or 2.5)
    weekday: float  # the workday-sitting term this morning (0 or 1)
    run_minutes: float  # minutes run this day (unrounded), 0 on a rest day


@dataclass(frozen=True)
class World:
    name: str
    words: str
    lag_shares: tuple[float, float] = (1.0, 0.0)  # share of the effect arriving after 1 and 2 nights
    weekly: bool = False  # weekend runs; workday sitting raises weekday-morning pain
    choice: str = "random"  # random | morning | before | afternoon
    missing: float = 0.1
    mnar: bool = False  # bad mornings go unrecorded more often
    flares: bool = False
    baseline: float = 4.5
    threshold: bool = False  # only minutes beyond 30 hurt (twice as much per minute)
    fading: bool = False  # the effect fades from 1.6× to 0.4× as the person heals
    recorded: bool = True  # are the drivers of the choice recorded?
    linear_truth: bool = True  # is the effect a constant per 30 min on the 0–10 scale?


WORLDS = (
    World("random", "runs on random days (the old bench)"),
    World("weekly", "weekend runs; workday sitting raises weekday pain", weekly=True),
    World("lag2", "running acts two mornings later, not one", lag_shares=(0.0, 1.0)),
    World("morning", "runs chosen by the recorded morning pain", choice="morning"),
    World("before", "run length chosen by the pain before the session (recorded)", choice="before"),
    World("mar30", "30% of mornings missing at random", missing=0.3),
    World("mnar30", "30% missing, bad mornings more often (not at random)", missing=0.3, mnar=True),
    World("flares", "flares unrelated to running (no running during them)", flares=True),
    World("floor", "pain near zero (floor effect)", baseline=0.8, linear_truth=False),
    World("threshold", "only minutes beyond 30 hurt (dose threshold)", threshold=True, linear_truth=False),
    World("fading", "the effect fades as the person heals", fading=True, linear_truth=False),
    World(
        "afternoon",
        "runs chosen by an unrecorded afternoon feeling",
        choice="afternoon",
        recorded=False,
    ),
)


def find_world(name: str) -> World:
    return next(w for w in WORLDS if w.name == name)


def _run_probability(world: World, day: dt.date, rng_value: float) -> float:
    if world.weekly:
        return 0.75 if day.weekday() >= 5 else 0.12
    return 3.0 / 7.0


def simulate_world(
    world: World, days: int, effect: float, seed: int, trace: list[DayTruth] | None = None
) -> tuple[list[Activity], list[CheckIn], tuple[float, float]]:
    """One person's diary in `world`; `effect` is the total harm (points per 30 min) over lags 1–2.

    `trace`, if given, receives one `DayTruth` per day (it changes nothing else).
    """
    rng = random.Random(seed)
    innovation_sd = NOISE_SD * math.sqrt(1 - AR**2)
    u = rng.gauss(0, NOISE_SD)
    minutes = [0.0] * (days + 2)
    activities: list[Activity] = []
    checkins: list[CheckIn] = []
    flare_left = 0
    afternoon = 0.0  # the part of tomorrow's wobble the person already feels this afternoon
    for t in range(days):
        day = START + dt.timedelta(days=t)
        if t > 0:
            # tomorrow's innovation: half of it was felt yesterday afternoon
            u = AR * u + math.sqrt(0.5) * afternoon + math.sqrt(0.5) * rng.gauss(0, innovation_sd)
        if world.flares and flare_left == 0 and rng.random() < 1 / 30:
            flare_left = rng.randint(3, 7)
        flare = 2.5 if flare_left > 0 else 0.0
        flare_left = max(0, flare_left - 1)
        scale = 1.0
        if world.fading:
            scale = 1.6 - 1.2 * t / max(1, days - 1)
        harm = 0.0
        for lag, share in ((1, world.lag_shares[0]), (2, world.lag_shares[1])):
            m = minutes[t - lag] if t - lag >= 0 else 0.0
            dose = 2.0 * max(0.0, m - 30.0) / 30.0 if world.threshold else m / 30.0
            harm += effect * share * scale * dose
        # a workday of sitting yesterday (Monday to Friday) raises this morning's pain
        weekday = 1.0 if world.weekly and (day - dt.timedelta(days=1)).weekday() < 5 else 0.0
        latent = world.baseline - 1.0 * t / max(1, days - 1) + weekday + flare + harm + u
        score = min(10, max(0, round(latent)))
        p_missing = world.missing
        if world.mnar:
            p_missing = min(0.95, 2 * world.missing / (1 + math.exp(-1.5 * (latent - world.baseline))))
        if rng.random() >= p_missing:
            reach = list(Reach)[min(5, max(0, round(latent / 2 + rng.gauss(0, 0.4))))]
            checkins.append(
                CheckIn(day, min(10, max(0, round(3 + 0.3 * u + rng.gauss(0, 0.8)))), score, reach)
            )
        afternoon = rng.gauss(0, innovation_sd)
        p = _run_probability(world, day, 0.0)
        if world.choice == "morning":
            p *= 2.0 / (1 + math.exp(1.2 * (latent - world.baseline)))
        elif world.choice == "afternoon":
            p *= 2.0 / (1 + math.exp(2.5 * afternoon / innovation_sd))
        if flare > 0:
            p *= 0.2
        if rng.random() < min(0.95, p):
            typical = 30.0 * rng.uniform(0.6, 1.4)
            before = min(10, max(0, round(latent + 1.5 * afternoon)))
            if world.choice == "before":  # a sore start means a short run
                typical *= 1.5 if before <= round(world.baseline) - 1 else 0.6
            minutes[t] = typical
            start = dt.datetime.combine(day, dt.time(17, 30), tzinfo=dt.UTC)
            activities.append(
                Activity(
                    Sport.RUN, start, round(typical * 60), round(typical / 6.2 * 1000, 1), rpe=5.0,
                    source="simulated", fingerprint=f"w:{seed}:{t}", pain_before=before,
                )
            )  # fmt: skip
        elif rng.random() < 0.2:
            start = dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
            m = rng.uniform(20, 45)
            sport = rng.choice((Sport.SWIM, Sport.CYCLE, Sport.WALK))
            activities.append(
                Activity(sport, start, round(m * 60), None, rpe=3.0, source="simulated", fingerprint=f"o:{seed}:{t}")
            )  # fmt: skip
        if trace is not None:
            trace.append(DayTruth(latent, flare, weekday, minutes[t]))
    truth = (effect * world.lag_shares[0], effect * world.lag_shares[1])
    return activities, checkins, truth
