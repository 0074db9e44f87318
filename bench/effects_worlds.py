"""Calibration of the evidence engine's primary question in the worlds of issue #12 (see bench/worlds.py).

For each world: coverage of the 95% interval (people whose truth is a constant per 30 min), the share of
false "worse"/"better" verdicts on people with no effect, and power (a "worse" verdict for a true harm of
+1 point per 30 min) at 60, 90 and 180 days. Every rate is printed with its Wilson 95% interval, so that a
real bias can be told from Monte-Carlo noise (60 people give ±6–12 points; 300 give ±2–3 near 5%).

    python bench/effects_worlds.py [--null-people 300] [--people 100] [--workers 2] [--worlds a,b]
                                   [--fast] [--engine after|before] [--out FILE]

`--null-people` sets the people per null cell (false verdicts; coverage at 90 days uses null and +1 people),
`--people` the people per power cell; `--fast` runs only the 90-day cells. `before` is the lag-1 engine of
issue #6 (its target: the lag-1 effect); `after` is the primary question of issue #12 (cumulative lags 1–2).
Person i of a cell is simulated from a fixed seed, whatever the workers, so runs with more people extend
runs with fewer. One BLAS thread per worker process (numpy's threads only fight on small matrices).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import zlib
from multiprocessing import Pool

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.dirname(__file__))

from worlds import WORLDS, find_world, simulate_world

CELLS = (("null", 90, 0.0), ("null", 180, 0.0), ("power", 60, 1.0), ("power", 90, 1.0), ("power", 180, 1.0))
FAST_CELLS = (("null", 90, 0.0), ("power", 90, 1.0))
CLEAR = ("worse", "better")


def _engine_before(activities, checkins):  # the issue-6 engine: lag 1, no weekday terms
    from strideback.domain.effects.frame import build_daily_frame
    from strideback.domain.effects.short_term import EXPOSURES, OUTCOMES, estimate_effect

    e = estimate_effect(build_daily_frame(activities, checkins), EXPOSURES[0], OUTCOMES[0])
    return e.estimate, e.ci_low, e.ci_high, e.verdict


def _engine_after(activities, checkins):
    from strideback.domain.effects.primary import primary_effect

    p = primary_effect(activities, checkins)
    return p.estimate, p.ci_low, p.ci_high, p.verdict


def run_one(task: tuple[str, str, str, int, float, int]) -> tuple[str, str, int, float | None, tuple, float]:
    engine, world_name, kind, days, effect, person = task
    world = find_world(world_name)
    seed = zlib.crc32(f"{world_name}:{kind}:{days}:{person}".encode())
    activities, checkins, truth = simulate_world(world, days, effect, seed)
    started = time.process_time()
    result = (_engine_before if engine == "before" else _engine_after)(activities, checkins)
    cpu = time.process_time() - started
    target = truth[0] if engine == "before" else truth[0] + truth[1]
    known = target if (world.linear_truth or effect == 0.0) else None
    return world_name, kind, days, known, result, cpu


def wilson(hits: int, n: int) -> tuple[float, float]:
    """Wilson score 95% interval for a binomial proportion (Wilson, JASA 1927)."""
    if n == 0:
        return 0.0, 1.0
    z = 1.959964
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _rate(hits: int, n: int) -> str:
    if n == 0:
        return f"{'–':>17}"
    low, high = wilson(hits, n)
    return f"{100 * hits / n:3.0f}% [{100 * low:2.0f}–{100 * high:3.0f}] n{n:<3}"


def report(rows: list[tuple], engine: str, seconds: float, cpu: float) -> str:
    heads = ("coverage@90", "false@90", "false@180", "power@60", "power@90", "power@180")
    lines = [
        f"Evidence engine '{engine}': {seconds:.0f} s wall, {cpu:.0f} s CPU in the fits",
        "rate [Wilson 95% interval] n people",
        f"{'world':<10} " + " ".join(f"{h:<20}" for h in heads) + " drivers recorded",
    ]
    for world in WORLDS:
        mine = [r for r in rows if r[0] == world.name]
        if not mine:
            continue
        cov = [r for r in mine if r[3] is not None and r[4][0] is not None and r[2] == 90]
        covered = sum(1 for r in cov if r[4][1] <= r[3] <= r[4][2])

        def rate(kind: str, days: int, verdict: tuple[str, ...], mine: list[tuple] = mine) -> str:
            cell = [r for r in mine if r[1] == kind and r[2] == days]
            return _rate(sum(1 for r in cell if r[4][3] in verdict), len(cell))

        cells = (
            _rate(covered, len(cov)),
            rate("null", 90, CLEAR),
            rate("null", 180, CLEAR),
            rate("power", 60, ("worse",)),
            rate("power", 90, ("worse",)),
            rate("power", 180, ("worse",)),
        )
        lines.append(
            f"{world.name:<10} "
            + " ".join(f"{c:<20}" for c in cells)
            + f" {'yes' if world.recorded else 'NO'}"
        )
    lines.append("coverage: at 90 days, null and +1 people whose truth is a constant per 30 min;")
    lines.append("power: 'worse' for +1 point per 30 min; false: 'worse'/'better' when the truth is zero.")
    insufficient = sum(1 for r in rows if r[4][3] == "insufficient_data")
    lines.append(f"insufficient_data: {insufficient} of {len(rows)} diaries")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--null-people", type=int, default=300, help="people per null cell")
    parser.add_argument("--people", type=int, default=100, help="people per power cell")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=("before", "after"), default="after")
    parser.add_argument("--worlds", default="", help="comma-separated world names (default: all)")
    parser.add_argument("--fast", action="store_true", help="only the 90-day cells")
    parser.add_argument("--out", default="", help="also write the table to this file")
    args = parser.parse_args()
    names = [w.name for w in WORLDS] if not args.worlds else args.worlds.split(",")
    for name in names:
        find_world(name)  # an unknown name fails here, before any work
    tasks = [
        (args.engine, name, kind, days, effect, i)
        for name in names
        for kind, days, effect in (FAST_CELLS if args.fast else CELLS)
        for i in range(args.null_people if kind == "null" else args.people)
    ]
    started = time.monotonic()
    with Pool(args.workers) as pool:
        rows = list(pool.imap_unordered(run_one, tasks, chunksize=8))
    text = report(rows, args.engine, time.monotonic() - started, sum(r[5] for r in rows))
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
