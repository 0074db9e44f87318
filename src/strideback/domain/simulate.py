"""Simulated diaries with known truths, for calibrating the evidence engine. Pure and seeded.

A simulated person has a latent morning leg pain (and back pain) made of a baseline, a time trend
(linear or a settling recovery), an AR(1) day-to-day wobble with a chosen spread and autocorrelation, and
the true effect of yesterday's exercise. Check-ins record it rounded to 0–10, with missing mornings; the
activity log records every session. `simulate_diary(params, seed)` returns the activities and check-ins.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from strideback.domain.types import Activity, CheckIn, QuestionnaireResponse, Reach, Sport

_PACE_MIN_PER_KM = {Sport.RUN: 6.2, Sport.WALK: 11.5, Sport.CYCLE: 2.8, Sport.SWIM: 25.0}
_RPE = {Sport.RUN: 5.0, Sport.WALK: 2.5, Sport.CYCLE: 4.0, Sport.SWIM: 4.0}


@dataclass(frozen=True)
class DiaryParameters:
    """What is true about a simulated person. Effects are in points of next-morning pain per 30 minutes."""

    days: int = 90
    start: dt.date = dt.date(2025, 1, 6)
    leg_pain_baseline: float = 4.5
    back_pain_baseline: float = 3.0
    leg_pain_trend: float = 0.0  # total change over the diary, in points (negative: recovering)
    back_pain_trend: float = 0.0
    recovery_shape: str = "linear"  # "linear" or "settling" (exponential approach, most change early)
    noise_sd: float = 1.0  # day-to-day spread of morning pain (SD of the AR(1) wobble)
    autocorrelation: float = 0.5  # AR(1) coefficient of the wobble
    run_effect_leg: float = 0.0  # next-morning leg pain per 30 min of running
    run_effect_back: float = 0.0
    run_effect_leg_lag2: float = 0.0  # leg pain two mornings after, per 30 min of running (issue #12)
    weekday_leg_pain: tuple[float, ...] = ()  # extra morning leg pain by the morning's weekday (Monday first)
    weekend_runs: bool = False  # a weekly routine: most runs on Saturday and Sunday
    low_impact_effect_leg: float = 0.0  # next-morning leg pain per 30 min of swim/cycle/walk
    runs_per_week: float = 3.0
    run_minutes: float = 30.0  # typical run length (varies ±40%)
    rest_day_between_runs: bool = True
    running_starts_day: int = 0  # no running before this day (a restart after a break)
    running_progression: bool = False  # runs grow from a third of `run_minutes` to all of it
    skip_run_when_leg_pain_at_least: int | None = None  # pain-driven running: skip on bad mornings
    low_impact_per_week: float = 2.0  # on non-run days
    missing_share: float = 0.1  # share of mornings without a check-in, at random
    missing_blocks: int = 0  # holidays: stretches of 5–10 days without check-ins
    rpe_recorded_share: float = 0.7  # sessions with an RPE entered (the rest are defaulted)
    odi_every_days: int | None = 28
    tz: dt.tzinfo = field(default=dt.UTC)


@dataclass(frozen=True)
class SimulatedDiary:
    params: DiaryParameters
    seed: int
    activities: list[Activity]
    checkins: list[CheckIn]
    questionnaires: list[QuestionnaireResponse]


def simulate_diary(params: DiaryParameters, seed: int) -> SimulatedDiary:
    """A diary of `params.days` days; the same parameters and seed always give the same diary."""
    if params.days < 1:
        raise ValueError("days must be at least 1")
    if not -1.0 < params.autocorrelation < 1.0:
        raise ValueError("autocorrelation must be between -1 and 1 (exclusive)")
    rng = random.Random(seed)
    missing = _missing_mornings(params, rng)
    innovation_sd = params.noise_sd * math.sqrt(1.0 - params.autocorrelation**2)
    leg_wobble = rng.gauss(0.0, params.noise_sd)
    back_wobble = rng.gauss(0.0, params.noise_sd)
    run_probability = _daily_run_probability(params)
    yesterday_run = yesterday_low_impact = before_yesterday_run = 0.0
    activities: list[Activity] = []
    checkins: list[CheckIn] = []
    questionnaires: list[QuestionnaireResponse] = []
    recent_leg: list[float] = []
    for offset in range(params.days):
        day = params.start + dt.timedelta(days=offset)
        if offset > 0:
            leg_wobble = params.autocorrelation * leg_wobble + rng.gauss(0.0, innovation_sd)
            back_wobble = params.autocorrelation * back_wobble + rng.gauss(0.0, innovation_sd)
        share = _trend_share(params, offset)
        leg = (
            params.leg_pain_baseline
            + params.leg_pain_trend * share
            + leg_wobble
            + params.run_effect_leg * yesterday_run / 30.0
            + params.run_effect_leg_lag2 * before_yesterday_run / 30.0
            + (params.weekday_leg_pain[day.weekday()] if params.weekday_leg_pain else 0.0)
            + params.low_impact_effect_leg * yesterday_low_impact / 30.0
        )
        back = (
            params.back_pain_baseline
            + params.back_pain_trend * share
            + back_wobble
            + params.run_effect_back * yesterday_run / 30.0
        )
        leg_score = _clip(leg, 0, 10)
        recent_leg = [*recent_leg[-6:], leg]
        if offset not in missing:
            reach_level = _clip(leg / 2.0 + rng.gauss(0.0, 0.4), 0, 5)
            checkins.append(CheckIn(day, _clip(back, 0, 10), leg_score, list(Reach)[reach_level]))
        if params.odi_every_days and offset % params.odi_every_days == 0:
            questionnaires.append(_odi(day, sum(recent_leg) / len(recent_leg), back, rng))

        before_yesterday_run, yesterday_run, yesterday_low_impact = yesterday_run, 0.0, 0.0
        runs_allowed = offset >= params.running_starts_day and not (
            params.rest_day_between_runs and _ran_yesterday(activities, day)
        )
        too_sore = (
            params.skip_run_when_leg_pain_at_least is not None
            and leg_score >= params.skip_run_when_leg_pain_at_least
        )
        chance = run_probability
        if params.weekend_runs:
            chance = 0.8 if day.weekday() >= 5 else 0.1
        if runs_allowed and not too_sore and rng.random() < chance:
            minutes = _run_minutes(params, offset, rng)
            activities.append(_session(params, Sport.RUN, day, minutes, rng, len(activities), seed))
            yesterday_run = minutes
        elif rng.random() < min(1.0, params.low_impact_per_week / 7.0 / max(1e-9, 1.0 - run_probability / 2)):
            sport = rng.choice((Sport.SWIM, Sport.CYCLE, Sport.WALK))
            minutes = rng.uniform(20.0, 50.0)
            activities.append(_session(params, sport, day, minutes, rng, len(activities), seed))
            yesterday_low_impact = minutes
    return SimulatedDiary(params, seed, activities, checkins, questionnaires)


def _trend_share(params: DiaryParameters, offset: int) -> float:
    """How much of the total trend has happened by `offset` (0 at the start, 1 at the end)."""
    progress = offset / max(1, params.days - 1)
    if params.recovery_shape == "settling":
        return (1.0 - math.exp(-3.0 * progress)) / (1.0 - math.exp(-3.0))
    return progress


def _daily_run_probability(params: DiaryParameters) -> float:
    rate = min(params.runs_per_week / 7.0, 0.95)
    if params.rest_day_between_runs:
        # With a rest day after each run, the long-run share of run days is p / (1 + p).
        rate = min(rate, 0.49)
        return rate / (1.0 - rate)
    return rate


def _run_minutes(params: DiaryParameters, offset: int, rng: random.Random) -> float:
    typical = params.run_minutes
    if params.running_progression:
        span = max(1, params.days - params.running_starts_day - 1)
        progress = min(1.0, max(0.0, (offset - params.running_starts_day) / span))
        typical *= 1.0 / 3.0 + 2.0 / 3.0 * progress
    return max(5.0, typical * rng.uniform(0.6, 1.4))


def _ran_yesterday(activities: list[Activity], day: dt.date) -> bool:
    yesterday = day - dt.timedelta(days=1)
    return any(a.sport is Sport.RUN and a.day == yesterday for a in activities[-3:])


def _missing_mornings(params: DiaryParameters, rng: random.Random) -> set[int]:
    missing = {offset for offset in range(params.days) if rng.random() < params.missing_share}
    for _ in range(params.missing_blocks):
        length = rng.randint(5, 10)
        first = rng.randrange(0, max(1, params.days - length))
        missing.update(range(first, first + length))
    return missing


def _session(
    params: DiaryParameters, sport: Sport, day: dt.date, minutes: float, rng: random.Random, n: int, seed: int
) -> Activity:
    start = dt.datetime.combine(day, dt.time(17, rng.randrange(0, 60)), tzinfo=params.tz)
    km = minutes / _PACE_MIN_PER_KM[sport] * rng.uniform(0.9, 1.1)
    rpe = None
    if rng.random() < params.rpe_recorded_share:
        rpe = float(min(10, max(0, round(_RPE[sport] + rng.gauss(0, 1)))))
    return Activity(
        sport=sport,
        start=start,
        duration_s=round(minutes * 60),
        distance_m=round(km * 1000, 1),
        rpe=rpe,
        source="simulated",
        fingerprint=f"sim:{seed}:{n}",
    )


def _odi(day: dt.date, leg: float, back: float, rng: random.Random) -> QuestionnaireResponse:
    """Ten ODI sections (0–5) roughly matching the pain level; score % = 100 × sum / 50 (Fairbank 2000)."""
    answers = tuple(_clip(0.35 * leg + 0.25 * back + rng.gauss(0.0, 0.6), 0, 5) for _ in range(10))
    return QuestionnaireResponse("odi", day, answers, score=100.0 * sum(answers) / 50.0)


def _clip(value: float, low: int, high: int) -> int:
    return int(min(high, max(low, round(value))))
