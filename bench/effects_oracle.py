"""Oracle bench for the primary question of issue #12: which power targets can any estimator reach?

For each world of bench/worlds.py it simulates the same diaries as bench/effects_worlds.py (same generator,
same seeds for the same cell, +1 point per 30 min cumulative over lags 1–2, null people) and estimates the
primary effect (run minutes / 30 on days t−1 and t−2, summed) by GLS with the covariance that generated the
data, known rather than estimated. By Gauss–Markov that is the best linear unbiased estimator of the
linear-Gaussian part; with Gaussian errors it is the best unbiased one.

Oracles (each with its own columns):
- `a`:  knows the covariance of what the diary holds (AR(1) wobble φ = 0.5, SD 1, plus the rounding of
  the score, variance 1/12, plus, in "flares", the flare process's own covariance from its Markov chain) and
  uses the recorded mornings only. Fits an intercept, the linear trend and, where the world has a weekly
  routine, six weekday terms: the best a diary model can do if it has the right covariance.
- `a+`: as `a`, but the trend, the weekday terms and the expected flare level are known (offsets; only an
  intercept is fitted): nothing of the mean is learnt but the effect itself.
- `a*`: `a` given the true shape of what it fits: weekly, one "workday yesterday" term instead of six
  weekday terms; threshold, the true dose 2·max(0, m − 30)/30 (a different question); flares, the flare
  days (a perfect flare detector working on the recorded scores).
- `b`:  also knows what no diary records: the latent (unrounded, unclipped) pain on every morning, recorded
  or not, and the flare days. Pure AR(1) errors. An upper bound no diary model can reach.

Verdicts: the oracle's standard error is known, so its interval is estimate ± 1.96·SE; "worse"/"better" when
the interval lies on one side of zero, as the engine's rule. Every rate carries its Wilson 95% interval.

    python bench/effects_oracle.py [--people 300] [--days 90,120,150,180] [--workers 2] [--worlds a,b]
                                   [--engine] [--out FILE]

`--engine` also runs the engine (the path bench/effects_worlds.py uses) on the same 90-day diaries.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import zlib
from functools import cache
from multiprocessing import Pool

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(__file__))

import numpy as np

from effects_worlds import _engine_after, _rate  # the engine's path and the Wilson-interval printing
from worlds import AR, NOISE_SD, START, WORLDS, DayTruth, World, find_world, simulate_world

Z = 1.959964
ROUNDING_VARIANCE = 1.0 / 12.0  # a score rounded to a whole point: uniform error on ±0.5
FLARE_START, FLARE_LENGTHS, FLARE_LEVEL = 1.0 / 30.0, (3, 4, 5, 6, 7), 2.5  # as in worlds.simulate_world
ORACLES = ("a", "a+", "b")
SHAPE = "a*"  # weekly, threshold, flares only: `a` given the true shape (see oracle_estimates)
NOT_BOUNDS = {  # worlds where a linear oracle with these regressors is not an upper bound
    "before": "run length chosen by a feeling that enters the next morning (oracles omit pain-before)",
    "afternoon": "runs chosen by an unrecorded feeling (biased for every diary model)",
    "floor": "a, a+: clipped scores, linear model misspecified (a censored model lies between a and b)",
}


def ar1_covariance(n: int, phi: float = AR, variance: float = NOISE_SD**2) -> np.ndarray:
    """Covariance of n consecutive days of a stationary AR(1): variance · φ^|i−j|."""
    steps = np.arange(n)
    return variance * phi ** np.abs(steps[:, None] - steps[None, :])


def gls(y: np.ndarray, x: np.ndarray, covariance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GLS with a known error covariance: coefficients and their exact covariance (X'Σ⁻¹X)⁻¹."""
    chol = np.linalg.cholesky(covariance)
    wx = np.linalg.solve(chol, x)
    wy = np.linalg.solve(chol, y)
    inverse = np.linalg.inv(wx.T @ wx)
    return inverse @ (wx.T @ wy), inverse


def sum_with_se(beta: np.ndarray, cov: np.ndarray, columns: tuple[int, ...]) -> tuple[float, float]:
    """Estimate and standard error of the sum of the given coefficients."""
    c = np.zeros(len(beta))
    c[list(columns)] = 1.0
    return float(c @ beta), math.sqrt(float(c @ cov @ c))


def verdict(estimate: float, se: float) -> str:
    if estimate - Z * se > 0:
        return "worse"
    if estimate + Z * se < 0:
        return "better"
    return "unclear"


@cache
def _flare_chain() -> tuple[np.ndarray, np.ndarray]:
    """Transition matrix of the flare days left (0 = none, 1..7, today included) and the flare indicator."""
    top = max(FLARE_LENGTHS)
    p = np.zeros((top + 1, top + 1))
    for r in range(top + 1):
        if r >= 2:
            p[r, r - 1] = 1.0
        else:  # no flare tomorrow unless a new one starts (worlds.py: drawn when flare_left == 0)
            p[r, 0] = 1.0 - FLARE_START
            for length in FLARE_LENGTHS:
                p[r, length] += FLARE_START / len(FLARE_LENGTHS)
    return p, (np.arange(top + 1) >= 1).astype(float)


@cache
def flare_moments(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact mean and covariance of the flare level on days 0..n−1 (the chain starts with no flare)."""
    p, f = _flare_chain()
    state = np.zeros(len(f))
    state[0] = 1.0  # before day 0 no flare is left; day 0 draws a start like any other day
    dists = [state @ p]
    for _ in range(n - 1):
        dists.append(dists[-1] @ p)
    dist = np.array(dists)
    mean = dist @ f
    ahead = [f]
    for _ in range(n - 1):
        ahead.append(p @ ahead[-1])
    ahead_m = np.array(ahead)  # ahead[k][i] = P(flare k days later | state i)
    cov = np.empty((n, n))
    for s in range(n):
        joint = (dist[s] * f) @ ahead_m[: n - s].T  # E[f_s f_t] for t = s..n−1
        cov[s, s:] = joint - mean[s] * mean[s:]
        cov[s:, s] = cov[s, s:]
    return FLARE_LEVEL * mean, FLARE_LEVEL**2 * cov


def oracle_estimates(world: World, days: int, trace: list[DayTruth], recorded: np.ndarray, y: np.ndarray):
    """(estimate, SE) of the cumulative lag 1–2 effect for each oracle, for one diary."""
    n = days
    t = np.arange(n)
    trend = t / max(1, n - 1)
    minutes = np.array([d.run_minutes for d in trace]) / 30.0
    lag1 = np.concatenate(([0.0], minutes[:-1]))
    lag2 = np.concatenate(([0.0, 0.0], minutes[:-2]))
    ones = np.ones(n)
    flare_mean, flare_cov = flare_moments(n) if world.flares else (np.zeros(n), None)
    weekday = np.array([d.weekday for d in trace])
    known_mean = -1.0 * trend + weekday + flare_mean  # the world's mean, its baseline aside
    cov_a = ar1_covariance(n) + ROUNDING_VARIANCE * np.eye(n)
    if flare_cov is not None:
        cov_a = cov_a + flare_cov
    columns = [lag1, lag2, ones, trend]
    if world.weekly:
        columns += [(t % 7 == k).astype(float) for k in range(1, 7)]  # START is a Monday: day t's weekday
    rec = np.flatnonzero(recorded)
    sub = np.ix_(rec, rec)
    out = {}
    beta, cov = gls(y[rec], np.column_stack(columns)[rec], cov_a[sub])
    out["a"] = sum_with_se(beta, cov, (0, 1))
    beta, cov = gls(y[rec] - known_mean[rec], np.column_stack((lag1, lag2, ones))[rec], cov_a[sub])
    out["a+"] = sum_with_se(beta, cov, (0, 1))
    if world.weekly:  # the true shape of the routine: one "workday yesterday" term (mornings Tue–Sat)
        workday = np.isin(t % 7, (1, 2, 3, 4, 5)).astype(float)
        x = np.column_stack((lag1, lag2, ones, trend, workday))
        out["a*"] = sum_with_se(*gls(y[rec], x[rec], cov_a[sub]), (0, 1))
    if world.threshold:  # the true dose: only minutes beyond 30 count, twice (a different question)
        dose = 2.0 * np.maximum(0.0, minutes - 1.0)
        x = np.column_stack((np.concatenate(([0.0], dose[:-1])), np.concatenate(([0.0, 0.0], dose[:-2]))))
        out["a*"] = sum_with_se(*gls(y[rec], np.column_stack((x, ones, trend))[rec], cov_a[sub]), (0, 1))
    if world.flares:  # a perfect flare detector on the diary: the flare days known, the scores as recorded
        flare = np.array([d.flare for d in trace])
        x = np.column_stack((lag1, lag2, ones, trend))
        cov = ar1_covariance(n) + ROUNDING_VARIANCE * np.eye(n)
        out["a*"] = sum_with_se(*gls(y[rec] - flare[rec], x[rec], cov[sub]), (0, 1))
    latent = np.array([d.latent - d.flare for d in trace]) - (-1.0 * trend + weekday)
    beta, cov = gls(latent, np.column_stack((lag1, lag2, ones)), ar1_covariance(n))
    out["b"] = sum_with_se(beta, cov, (0, 1))
    return out


def run_one(task: tuple[str, str, int, float, int, bool]) -> tuple:
    world_name, kind, days, effect, person, engine = task
    world = find_world(world_name)
    seed = zlib.crc32(f"{world_name}:{kind}:{days}:{person}".encode())  # as bench/effects_worlds.py
    trace: list[DayTruth] = []
    activities, checkins, _ = simulate_world(world, days, effect, seed, trace=trace)
    y = np.full(days, np.nan)
    recorded = np.zeros(days, dtype=bool)
    for c in checkins:
        i = (c.date - START).days
        y[i] = float(c.leg_pain)
        recorded[i] = True
    result = {
        name: (est, se, verdict(est, se))
        for name, (est, se) in oracle_estimates(world, days, trace, recorded, y).items()
    }
    cpu = 0.0
    if engine:
        started = time.process_time()
        est, low, high, v = _engine_after(activities, checkins)
        cpu = time.process_time() - started
        result["engine"] = (est, None if low is None else (high - low) / (2 * Z), v)
    return world_name, kind, days, result, cpu


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def days_for_power(cells: dict[int, list[dict]], name: str) -> str:
    """The first evaluated window with power ≥ 80% (">" the longest if none), and a projection (~N)."""
    reached = [
        d for d in sorted(cells) if sum(1 for r in cells[d] if r[name][2] == "worse") >= 0.8 * len(cells[d])
    ]
    days = min(cells) if reached else max(cells)
    est = _mean([r[name][0] for r in cells[days]])
    se = _mean([r[name][1] for r in cells[days]])
    first = f"{reached[0]}" if reached else f">{days}"
    return first if est <= 0 else f"{first} (~{days * (se * (Z + 0.841621) / est) ** 2:.0f})"


def true_sd_power(cell: list[tuple]) -> str:
    """Power if the interval used the estimator's real spread in this cell (its SD over the people)."""
    ests = [c[0] for c in cell if c[0] is not None]
    sd = _sd(ests)
    return _rate(sum(1 for e in ests if e - Z * sd > 0), len(ests))


def _cell(rows: list[tuple], kind: str, days: int, name: str) -> list[tuple]:
    return [r[3][name] for r in rows if r[1] == kind and r[2] == days and name in r[3]]


def _sd(values: list[float]) -> float:
    m = _mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / max(1, len(values) - 1))


def report(rows: list[tuple], day_list: list[int], engine: bool, seconds: float, cpu: float) -> str:
    names = [*ORACLES, "engine"] if engine else list(ORACLES)
    lines = [
        f"Oracle bench of the primary question (cumulative lags 1–2): {seconds:.0f} s wall"
        + (f", {cpu:.0f} s CPU in the engine's fits" if engine else ""),
        "a: covariance known, recorded mornings, intercept+trend(+weekdays) fitted; a+: the mean known too;",
        "b: also the latent pain on every morning and the flare days (no diary can); a*: a with the true",
        "shape (weekly: one workday term; threshold: the true dose, a different question; flares: the flare",
        "days, i.e. a perfect flare detector on the recorded scores).",
        "rate [Wilson 95% interval] n people",
        "",
        "At 90 days (power: 'worse' for +1 point per 30 min; SE: mean standard error of the sum of lags)",
        f"{'world':<10} "
        + " ".join(f"{'SE ' + n:>8} {'power ' + n:<18}" for n in names)
        + f" {'a at true sd':<18} days for 80% (a / a+ / b)",
    ]
    for world in WORLDS:
        mine = [r for r in rows if r[0] == world.name]
        if not mine:
            continue
        cells = []
        for n in names:
            at90 = _cell(mine, "power", 90, n)
            se = _mean([c[1] for c in at90 if c[1] is not None])
            cells.append(f"{se:8.3f} {_rate(sum(1 for c in at90 if c[2] == 'worse'), len(at90)):<18}")
        power = {d: [r[3] for r in mine if r[1] == "power" and r[2] == d] for d in day_list}
        cells.append(f"{true_sd_power(_cell(mine, 'power', 90, 'a')):<18}")
        need = " / ".join(days_for_power(power, n) for n in ORACLES)
        flag = f"  ({NOT_BOUNDS[world.name]})" if world.name in NOT_BOUNDS else ""
        lines.append(f"{world.name:<10} " + " ".join(cells) + f"  {need}{flag}")
    lines += ["", "Power by days, false verdicts on null people, mean estimate and spread against the SE"]
    heads = [f"power@{d}" for d in day_list] + [
        "false@90",
        "mean est@90 +1 / 0",
        "sd/SE@90",
        "@90 at true sd",
    ]
    lines.append(f"{'world':<10} {'oracle':<7}" + " ".join(f"{h:<18}" for h in heads))
    for world in WORLDS:
        mine = [r for r in rows if r[0] == world.name]
        for n in [*names[:3], SHAPE, *names[3:]]:
            if not _cell(mine, "power", 90, n):
                continue
            cells = []
            for d in day_list:
                cell = _cell(mine, "power", d, n)
                cells.append(_rate(sum(1 for c in cell if c[2] == "worse"), len(cell)))
            null = _cell(mine, "null", 90, n)
            cells.append(_rate(sum(1 for c in null if c[2] in ("worse", "better")), len(null)))
            p90 = [c for c in _cell(mine, "power", 90, n) if c[0] is not None]
            n90 = [c for c in null if c[0] is not None]
            cells.append(f"{_mean([c[0] for c in p90]):+.2f} / {_mean([c[0] for c in n90]):+.2f}")
            ratio = _sd([c[0] for c in n90]) / _mean([c[1] for c in n90]) if n90 else float("nan")
            cells.append(f"{ratio:.2f}")
            cells.append(true_sd_power(p90))
            lines.append(f"{world.name:<10} {n:<7}" + " ".join(f"{c:<18}" for c in cells))
    lines.append(
        "false: 'worse'/'better' at 90 days when the truth is zero; sd/SE: spread of the null people's"
    )
    lines.append(
        "estimates over their mean SE (1 = the SE is right). ~N: days at which the mean SE, shrinking as"
    )
    lines.append(
        "1/sqrt(days), would give 80% power at the mean estimate (normal approximation; from the 90-day"
    )
    lines.append(
        "cell, or the longest if 80% is not reached). At true sd: 'worse' when estimate > 1.96 × the SD of"
    )
    lines.append("the estimates over the cell's people (what an interval of the right width would give).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300, help="people per cell")
    parser.add_argument("--days", default="90,120,150,180", help="diary lengths for the power cells")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worlds", default="", help="comma-separated world names (default: all)")
    parser.add_argument("--engine", action="store_true", help="also run the engine on the 90-day diaries")
    parser.add_argument("--out", default="", help="also write the table to this file")
    args = parser.parse_args()
    names = [w.name for w in WORLDS] if not args.worlds else args.worlds.split(",")
    for name in names:
        find_world(name)  # an unknown name fails here, before any work
    day_list = sorted(int(d) for d in args.days.split(","))
    if 90 not in day_list:
        parser.error("--days must include 90")
    cells = [("null", 90, 0.0)] + [("power", d, 1.0) for d in day_list]
    tasks = [
        (name, kind, days, effect, i, args.engine and days == 90)
        for name in names
        for kind, days, effect in cells
        for i in range(args.people)
    ]
    started = time.monotonic()
    with Pool(args.workers) as pool:
        rows = list(pool.imap_unordered(run_one, tasks, chunksize=16))
    text = report(rows, day_list, args.engine, time.monotonic() - started, sum(r[4] for r in rows))
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
