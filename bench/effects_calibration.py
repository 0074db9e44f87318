"""Calibration benchmark for the N-of-1 evidence engine (issue #6).

Simulates people with known truths, runs the engine on each diary and prints:
- coverage of the 95% intervals (how often the interval contains the true effect),
- the false-verdict rate on people with no effect ("worse"/"better" when the truth is zero),
- power for a 1-point effect (per 30 min of running, on next-morning leg pain) at 60, 90 and 180 days.

"Typical noise" here: day-to-day SD of morning leg pain 1 point, AR(1) autocorrelation 0.5, three runs a
week of ~30 min (±40%), a check-in missing on 10% of mornings, and a slow recovery of 1 point over the diary.

    python bench/effects_calibration.py [--people 600] [--seed 2026] [--workers 2]

Reproducible: person i of a run with seed S is simulated from seed S·100003 + i, whatever the worker count.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from multiprocessing import Pool

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one BLAS thread per worker process

from strideback.domain.effects.frame import build_daily_frame
from strideback.domain.effects.long_term import pain_trend, weeks_after_more_running
from strideback.domain.effects.short_term import EXPOSURES, OUTCOMES, estimate_effect
from strideback.domain.simulate import DiaryParameters, simulate_diary

POWER_DAYS = (60, 90, 180)
TYPICAL = DiaryParameters(
    noise_sd=1.0, autocorrelation=0.5, runs_per_week=3.0, run_minutes=30.0, missing_share=0.1,
    leg_pain_trend=-1.0, leg_pain_baseline=5.0,
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One exposure–outcome result for one simulated person, with the truth it should find."""

    group: str  # "mixed" or f"power_{days}_{noise}"
    person: int
    exposure: str
    outcome: str
    truth: float | None  # None: the truth on this scale is not known exactly (reach, spike, load)
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    verdict: str
    floor_days: float  # share of mornings at 0/10 (rounding at the scale's ends bends the truth)


def mixed_person(rng: random.Random) -> DiaryParameters:
    """A person drawn from a wide, realistic spread of diaries; half have no running effect."""
    kind = rng.random()
    leg_effect = 0.0 if kind < 0.5 else rng.uniform(0.3, 1.5) * (1 if kind < 0.75 else -1)
    back_effect = 0.0 if rng.random() < 0.6 else rng.uniform(-1.0, 1.0)
    restart = rng.random() < 0.3
    return DiaryParameters(
        days=rng.choice((45, 60, 90, 120, 180)),
        leg_pain_baseline=rng.uniform(4.0, 6.5),
        back_pain_baseline=rng.uniform(2.5, 5.5),
        leg_pain_trend=rng.uniform(-3.0, 1.0),
        back_pain_trend=rng.uniform(-1.5, 1.0),
        recovery_shape=rng.choice(("linear", "settling")),
        noise_sd=rng.uniform(0.6, 2.0),
        autocorrelation=rng.uniform(0.1, 0.85),
        run_effect_leg=leg_effect,
        run_effect_back=back_effect,
        low_impact_effect_leg=rng.choice((0.0, 0.0, -0.5, 0.5)),
        runs_per_week=rng.uniform(1.5, 4.5),
        run_minutes=rng.uniform(20.0, 50.0),
        rest_day_between_runs=rng.random() < 0.7,
        running_starts_day=rng.randint(14, 28) if restart else 0,
        running_progression=rng.random() < 0.35,
        skip_run_when_leg_pain_at_least=rng.choice((None, None, 6, 7)),
        low_impact_per_week=rng.uniform(0.5, 3.0),
        missing_share=rng.uniform(0.0, 0.3),
        missing_blocks=rng.choice((0, 0, 1, 2)),
        rpe_recorded_share=rng.uniform(0.0, 1.0),
        odi_every_days=None,
    )


def _truth(params: DiaryParameters, exposure: str, outcome: str) -> float | None:
    if outcome == "leg_pain_next_morning":
        if exposure == "run_minutes":
            return params.run_effect_leg
        if exposure in ("swim_minutes", "cycle_minutes", "walk_minutes"):
            return params.low_impact_effect_leg
        if exposure == "run_spike":
            return 0.0  # no extra effect of a spike beyond its minutes in the simulation
    if outcome == "back_pain_next_morning":
        if exposure == "run_minutes":
            return params.run_effect_back
        if exposure in ("swim_minutes", "cycle_minutes", "walk_minutes", "run_spike"):
            return 0.0
    return None  # run_load's truth depends on RPE; reach is a rounded function of leg pain


def _floor_share(checkins) -> float:
    if not checkins:
        return 0.0
    return sum(1 for c in checkins if c.leg_pain in (0, 10)) / len(checkins)


def run_mixed(task: tuple[int, int]) -> list[Finding]:
    seed, person = task
    rng = random.Random(seed * 100003 + person)
    params = mixed_person(rng)
    diary = simulate_diary(params, seed * 100003 + person)
    frame = build_daily_frame(diary.activities, diary.checkins)
    floor = _floor_share(diary.checkins)
    findings = []
    for outcome in OUTCOMES:
        for exposure in EXPOSURES:
            truth = _truth(params, exposure.name, outcome.name)
            if truth is None:  # nothing to check against: skip the fit to save time
                continue
            e = estimate_effect(frame, exposure, outcome)
            findings.append(Finding("mixed", person, e.exposure, e.outcome, truth, e.estimate, e.ci_low,
                                    e.ci_high, e.verdict, floor))  # fmt: skip
    # Weeks with more running → next week: zero truth when no exercise has any effect.
    weekly = weeks_after_more_running(frame)
    no_effect = params.run_effect_leg == 0 and params.low_impact_effect_leg == 0
    findings.append(Finding("weekly", person, weekly.exposure, weekly.outcome, 0.0 if no_effect else None,
                            weekly.estimate, weekly.ci_low, weekly.ci_high, weekly.verdict, floor))  # fmt: skip
    # The leg-pain trend per 4 weeks: known for a straight-line trend (ignoring the effect of exercise).
    trend = pain_trend(frame, "leg_pain")
    known = (
        params.recovery_shape == "linear" and params.run_effect_leg == 0 and params.low_impact_effect_leg == 0
    )
    slope = params.leg_pain_trend / max(1, params.days - 1) * 28.0
    findings.append(Finding("trend", person, "time", "leg_pain", slope if known else None, trend.estimate,
                            trend.ci_low, trend.ci_high, trend.verdict, floor))  # fmt: skip
    return findings


def run_power(task: tuple[int, int, int, float, float]) -> list[Finding]:
    seed, person, days, noise, effect = task
    params = replace(TYPICAL, days=days, noise_sd=noise, run_effect_leg=effect)
    diary = simulate_diary(params, seed * 100003 + 50000 + person)
    frame = build_daily_frame(diary.activities, diary.checkins)
    e = estimate_effect(frame, EXPOSURES[0], OUTCOMES[0])
    return [
        Finding(f"power_{days}_{noise}", person, e.exposure, e.outcome, effect, e.estimate, e.ci_low,
                e.ci_high, e.verdict, _floor_share(diary.checkins))
    ]  # fmt: skip


def _rate(hits: int, n: int) -> str:
    if n == 0:
        return "   –  (n=0)"
    p = hits / n
    half = 1.96 * math.sqrt(max(p * (1 - p), 1e-12) / n)  # Wald interval, for reading the table
    return f"{100 * p:5.1f}% (±{100 * half:.1f}, n={n})"


def _covered(f: Finding) -> bool:
    assert f.truth is not None and f.ci_low is not None and f.ci_high is not None
    return f.ci_low <= f.truth <= f.ci_high


def report(findings: list[Finding], power: list[Finding], people: int, seconds: float) -> None:
    mixed = [f for f in findings if f.group == "mixed"]
    estimated = [f for f in mixed if f.truth is not None and f.estimate is not None]
    primary = [f for f in estimated if f.exposure == "run_minutes" and f.outcome == "leg_pain_next_morning"]
    print(
        f"\nEvidence-engine calibration: {people} mixed people + {len(power)} power diaries, {seconds:.0f} s\n"
    )
    print("Coverage of 95% intervals (share containing the true effect)")
    print(f"  running minutes → next-morning leg pain     {_rate(sum(map(_covered, primary)), len(primary))}")
    print(
        f"  every pair with a known truth               {_rate(sum(map(_covered, estimated)), len(estimated))}"
    )
    low_floor = [f for f in estimated if f.floor_days < 0.1]
    print(
        f"  … mornings rarely at 0 or 10 (<10%)          {_rate(sum(map(_covered, low_floor)), len(low_floor))}"
    )
    by_pair: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in estimated:
        by_pair[(f.exposure, f.outcome)].append(f)
    for (exposure, outcome), pair in sorted(by_pair.items()):
        print(f"    {exposure:>14} → {outcome:<24} {_rate(sum(map(_covered, pair)), len(pair))}")

    print("\nFalse verdicts on people with no effect (truth 0: 'worse' or 'better' given)")
    null_primary = [f for f in primary if f.truth == 0.0]
    null_all = [f for f in estimated if f.truth == 0.0]
    clear = lambda fs: sum(f.verdict in ("worse", "better") for f in fs)  # noqa: E731
    print(f"  running minutes → next-morning leg pain     {_rate(clear(null_primary), len(null_primary))}")
    print(f"  every pair whose truth is zero              {_rate(clear(null_all), len(null_all))}")
    null_people = defaultdict(list)
    for f in null_all:
        null_people[f.person].append(f)
    any_false = sum(1 for fs in null_people.values() if clear(fs) > 0)
    print(
        f"  people with ≥1 false verdict among their zero-truth pairs "
        f"{_rate(any_false, len(null_people))}  (many comparisons per person)"
    )
    insufficient = sum(1 for f in mixed if f.verdict == "insufficient_data")
    print(f"  (insufficient_data: {insufficient} of {len(mixed)} person-pairs)")
    weekly = [f for f in findings if f.group == "weekly" and f.truth == 0.0 and f.estimate is not None]
    print(f"  weeks with more running → next week's leg pain {_rate(clear(weekly), len(weekly))}")

    trend = [f for f in findings if f.group == "trend" and f.truth is not None and f.estimate is not None]
    print("\nLeg-pain trend per 4 weeks (straight-line recoveries, no exercise effect)")
    print(f"  coverage                                    {_rate(sum(map(_covered, trend)), len(trend))}")

    print("\nPower: share of diaries given the right verdict for a 1-point effect per 30 min of running")
    print("  (typical diary: 3 runs/week, 10% mornings missing, AR 0.5; harmful and helpful people alike)")
    print("  noise SD  " + "".join(f"{d:>24} days" for d in POWER_DAYS))
    groups = defaultdict(list)
    for f in power:
        groups[f.group].append(f)
    for noise in sorted({float(g.split("_")[2]) for g in groups}):
        cells = []
        for days in POWER_DAYS:
            fs = groups[f"power_{days}_{noise}"]
            right = sum(1 for f in fs if f.verdict == ("worse" if (f.truth or 0) > 0 else "better"))
            cells.append(f"{_rate(right, len(fs)):>29}")
        print(f"  {noise:7.1f} " + "".join(cells))
    cov = [f for f in power if f.estimate is not None]
    print(f"  coverage in these diaries: {_rate(sum(map(_covered, cov)), len(cov))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--people", type=int, default=600, help="mixed simulated people (≥500 for the targets)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--power-people", type=int, default=100, help="diaries per power cell")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.monotonic()
    mixed_tasks = [(args.seed, i) for i in range(args.people)]
    power_tasks = [
        (args.seed, i, days, noise, 1.0 if i % 2 == 0 else -1.0)
        for days in POWER_DAYS
        for noise in (1.0, 1.5, 2.0)
        for i in range(args.power_people)
    ]
    with Pool(args.workers) as pool:
        mixed = [f for fs in pool.imap(run_mixed, mixed_tasks, chunksize=4) for f in fs]
        power = [f for fs in pool.imap(run_power, power_tasks, chunksize=8) for f in fs]
    report(mixed, power, args.people, time.monotonic() - started)  # mixed holds weekly and trend findings too


if __name__ == "__main__":
    main()
