"""CLI start-up: whole-process wall time of each read-only command on a 10-year home, against the floor.

The floor is `python -c "import django; django.setup()"` with the project's settings and the same home:
what any command pays before it does its own work. Bytecode is written (as an installed package has it). Target (issue 17): every read-only command ≤ 1.5× the
floor on an idle machine. Each figure is the minimum of --runs runs (the least disturbed by other work on
a shared machine); the median is printed beside it, and the CPU time (user + system), which a busy
machine disturbs less than the wall time.

Usage: python bench/startup.py [--home DIR] [--days 3650] [--runs 7] [--long-plan]
(without --home, a demo person with --days days is created in a temporary folder first).
The demo person's walk-run plan starts four weeks back (on the first read); --long-plan starts it on the
diary's first day instead, as for a person who has followed it for ten years: `today` and `plan show`
then derive the plan from every run of the decade.
"""

from __future__ import annotations

import argparse
import os
import resource
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
# Starts the plan of the home's person on the day of their first record (when they have no plan yet).
LONG_PLAN = """
import django
django.setup()
from strideback.domain import plan
from strideback.domain.plan_derive import PlanInput
from strideback.services.home import open_local_person
from strideback.store import records
person = open_local_person()
if not records.plan_inputs(person):
    first = min(c.date for c in records.list_checkins(person))
    records.add_plan_input(person, PlanInput(first, plan.START, plan.FIRST_STAGE), plan.FIRST_STAGE, "Plan started.")
"""
TARGET_RATIO = 1.5


def wall(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *argv], env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """Minimum and median wall time, and minimum CPU time, over `runs` runs after one warm-up."""
    wall(argv, env)  # warm the file cache and the bytecode
    samples = [wall(argv, env) for _ in range(runs)]
    walls = [w for w, _ in samples]
    return min(walls), statistics.median(walls), min(c for _, c in samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="an existing home (default: a fresh demo person)")
    parser.add_argument("--days", type=int, default=3650, help="days of demo diary when no --home")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--long-plan", action="store_true", help="start the plan on the diary's first day")
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
        if args.long_plan:
            subprocess.run([sys.executable, "-c", LONG_PLAN], env=env, check=True)
        floor, floor_median, floor_cpu = measure(FLOOR, env, args.runs)
        print(
            f"load average {os.getloadavg()[0]:.1f} (wall times need an idle machine; CPU times are steadier)"
        )
        header = f"{'command':<12} {'min s':>7} {'median s':>9} {'ratio':>6} {'cpu s':>7} {'cpu ratio':>9}"
        print(f"{header}  (target ≤ {TARGET_RATIO}× wall)")
        print(f"{'floor':<12} {floor:7.3f} {floor_median:9.3f} {1.0:6.2f} {floor_cpu:7.3f} {1.0:9.2f}")
        worst = 0.0
        for name, argv in COMMANDS.items():
            best, median, cpu = measure(["-m", "strideback", *argv, "--home", str(home)], env, args.runs)
            ratio = best / floor
            worst = max(worst, ratio)
            mark = "" if ratio <= TARGET_RATIO else "  over target"
            print(
                f"{name:<12} {best:7.3f} {median:9.3f} {ratio:6.2f} {cpu:7.3f} {cpu / floor_cpu:9.2f}{mark}"
            )
        print(f"worst wall ratio {worst:.2f}")


if __name__ == "__main__":
    main()
