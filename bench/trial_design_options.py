"""Which design and which adjustment give the personal trial the most power? (issue 13, second round)

The same simulated people as `trial_simulation.py --fast` (drift, Monday habit, noise SD 1, rounding, full
adherence, the simplified safety rule), under two designs, each analysed by t-intervals only (no
randomisation test, to isolate the estimator):

- design 3: blocks of 3 days, one run (the design in use; 1:2);
- design 5: blocks of 5 days, two runs never adjacent (6 pairs per block; after a run on a block's last
  day the next block's first day is not a run); 2:3.

Estimators: `blocked` (mean of the blocks' run − low differences, t over blocks; design 3 only),
`means` (difference of means, t on n − 2 df), `trend` (ANCOVA: allocation + linear trend; the primary),
`trend+monday`, `trend+weekdays` (six weekday terms), `trend+morning` (the allocation day's own morning
check-in). Prints power for +1 ("worse"), coverage and mean estimate at 6 weeks, with and without the
safety rule.

    PYTHONPATH=src python bench/trial_design_options.py [--people 600] [--days 42]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import time

import numpy as np
from scipy import stats

BASE, PHI, DRIFT_SD, MONDAY, NOISE_SD = 3.5, 0.9, 0.2, 0.4, 1.0
START = dt.date(2026, 1, 5)  # a Monday
PAIRS_5 = [(0, 2), (0, 3), (0, 4), (1, 3), (1, 4), (2, 4)]


def design_3(rng: np.random.Generator, blocks: int) -> list[int]:
    arms: list[int] = []
    previous = None
    for _ in range(blocks):
        options = [1, 2] if previous == 2 else [0, 1, 2]
        previous = options[rng.integers(len(options))]
        arms += [int(i == previous) for i in range(3)]
    return arms


def design_5(rng: np.random.Generator, blocks: int) -> list[int]:
    arms: list[int] = []
    last = None
    for _ in range(blocks):
        options = [p for p in PAIRS_5 if not (last == 4 and p[0] == 0)]
        pair = options[rng.integers(len(options))]
        last = pair[1]
        arms += [int(i in pair) for i in range(5)]
    return arms


def person(rng: np.random.Generator, effect: float, arms: list[int], safety: bool) -> np.ndarray:
    """Mornings (len(arms) + 1) of a fully adherent person; runs cancelled by the simplified safety rule."""
    level, ran_yesterday, red_until = 0.0, False, -1
    noise_next = rng.normal(0, NOISE_SD)
    mornings: list[int] = []
    ran: list[bool] = []
    for offset in range(len(arms) + 1):
        day = START + dt.timedelta(days=offset)
        level = PHI * level + rng.normal(0, DRIFT_SD)
        raw = BASE + level + (MONDAY if day.weekday() == 0 else 0) + effect * ran_yesterday + noise_next
        mornings.append(max(0, min(10, round(raw))))
        if offset >= 1 and ran[offset - 1] and mornings[offset] - mornings[offset - 1] >= 2:
            red_until = offset + 1
        if offset == len(arms):
            break
        noise_next = rng.normal(0, NOISE_SD)
        safe = not safety or (mornings[offset] <= 5 and offset > red_until)
        ran_yesterday = bool(arms[offset]) and safe
        ran.append(ran_yesterday)
    return np.array(mornings, float)


def ols_interval(y: np.ndarray, columns: list[np.ndarray], z: np.ndarray) -> tuple[float, float, float]:
    design = np.column_stack([*columns, z])
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    df = len(y) - design.shape[1]
    residual = y - design @ beta
    se = math.sqrt(residual @ residual / df * np.linalg.inv(design.T @ design)[-1, -1])
    half = stats.t.ppf(0.975, df) * se
    return beta[-1], beta[-1] - half, beta[-1] + half


def estimates(y: np.ndarray, morning: np.ndarray, z: np.ndarray, block: int) -> dict[str, tuple[float, ...]]:
    n = len(y)
    one, trend = np.ones(n), np.arange(n) - (n - 1) / 2
    weekday = [(START.weekday() + i + 1) % 7 for i in range(n)]  # the outcome morning's weekday
    monday = np.array([w == 0 for w in weekday], float)
    weekdays = [np.array([w == k for w in weekday], float) for k in range(1, 7)]
    out = {
        "means": ols_interval(y, [one], z),
        "trend": ols_interval(y, [one, trend], z),
        "trend+monday": ols_interval(y, [one, trend, monday], z),
        "trend+weekdays": ols_interval(y, [one, trend, *weekdays], z),
        "trend+morning": ols_interval(y, [one, trend, morning - morning.mean()], z),
    }
    if block == 3:
        blocks = n // 3
        grid, arms = y[: blocks * 3].reshape(blocks, 3), z[: blocks * 3].reshape(blocks, 3)
        diffs = (grid * arms).sum(1) - (grid * (1 - arms)).sum(1) / 2
        half = stats.t.ppf(0.975, blocks - 1) * diffs.std(ddof=1) / math.sqrt(blocks)
        out["blocked"] = (diffs.mean(), diffs.mean() - half, diffs.mean() + half)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--days", type=int, default=42)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    began = time.process_time()
    for safety in (True, False):
        for block, draw in ((3, design_3), (5, design_5)):
            for effect in (0.0, 1.0):
                rng = np.random.default_rng(args.seed)
                rows: dict[str, list[tuple[float, ...]]] = {}
                for _ in range(args.people):
                    arms = draw(rng, math.ceil((args.days + 1) / block))
                    mornings = person(rng, effect, arms, safety)
                    y, morning = mornings[1 : args.days + 1], mornings[: args.days]
                    z = np.array(arms[: args.days], float)
                    for name, value in estimates(y, morning, z, block).items():
                        rows.setdefault(name, []).append(value)
                for name, values in rows.items():
                    table = np.array(values)
                    worse, better = np.mean(table[:, 1] > 0), np.mean(table[:, 2] < 0)
                    covered = np.mean((table[:, 1] <= effect) & (effect <= table[:, 2]))
                    print(
                        f"safety {'on ' if safety else 'off'} design {block} effect {effect:+.0f} {name:15s} "
                        f"worse {worse:.3f} better {better:.3f} coverage {covered:.3f} "
                        f"mean {table[:, 0].mean():+.3f} sd {table[:, 0].std():.3f}",
                        flush=True,
                    )
    print(f"cpu {time.process_time() - began:.0f} s")


if __name__ == "__main__":
    main()
