"""CLI start-up: whole-process wall time of each read-only command on a 10-year home, against the floor.

The floor is `python -c "import django; django.setup()"` with the project's settings and the same home:
what any command pays before it does its own work. Bytecode is written (as an installed package has it). Target (issue 17): every read-only command ≤ 1.5× the
floor on an idle machine. Each figure is the minimum of --runs runs (the least disturbed by other work on
a shared machine); the median is printed beside it.

Usage: python bench/startup.py [--home DIR] [--days 3650] [--runs 7]
(without --home, a demo person with --days days is created in a temporary folder first).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS: dict[str, list[str]] = {
    "today": ["today", "--json"],
    "activities": ["activities", "--json"],
    "checkins": ["checkins", "--json"],
    "plan show": ["plan", "show", "--json"],
    "score": ["score", "startback", "--answers", "1,0,1,0,1,0,1,0,3", "--json"],
}
FLOOR = ["-c", "import django; django.setup()"]
TARGET_RATIO = 1.5


def wall(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *argv], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    wall(argv, env)  # warm the file cache and the bytecode
    times = [wall(argv, env) for _ in range(runs)]
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="an existing home (default: a fresh demo person)")
    parser.add_argument("--days", type=int, default=3650, help="days of demo diary when no --home")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "strideback.django_settings"
    with tempfile.TemporaryDirectory() as scratch:
        # An installed package has its bytecode compiled; without it every run would compile our modules
        # again (this machine's shells set PYTHONDONTWRITEBYTECODE). The warm-up run writes it, outside
        # the source tree.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        home = args.home or Path(scratch) / "home"
        if args.home is None:
            print(f"creating a demo person with {args.days} days…", file=sys.stderr)
            subprocess.run(
                [sys.executable, "-m", "strideback", "demo", "--days", str(args.days), "--home", str(home)],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        env["STRIDEBACK_HOME"] = str(home)
        floor, floor_median = measure(FLOOR, env, args.runs)
        print(f"{'command':<12} {'min s':>7} {'median s':>9} {'ratio':>6}  (target ≤ {TARGET_RATIO}×)")
        print(f"{'floor':<12} {floor:7.3f} {floor_median:9.3f} {1.0:6.2f}")
        worst = 0.0
        for name, argv in COMMANDS.items():
            best, median = measure(["-m", "strideback", *argv, "--home", str(home)], env, args.runs)
            ratio = best / floor
            worst = max(worst, ratio)
            mark = "" if ratio <= TARGET_RATIO else "  over target"
            print(f"{name:<12} {best:7.3f} {median:9.3f} {ratio:6.2f}{mark}")
        print(f"worst ratio {worst:.2f}")


if __name__ == "__main__":
    main()
