"""Budgets of issue #12, measured (no timed tests): a 1-year `analyze` under 5 s cold, Insights under 200 ms warm.

    python bench/evidence_budget.py [--days 365]

Cold: a fresh process imports the engine and analyses a simulated year from a fresh home (CLI subprocess).
Warm: the Insights page of that home, served by the Django test client after the background result exists.
The machine is shared (2 cores, 8 developers), so wall times are noisy: each line also prints the CPU time
(the cold process's own CPU from the kernel's accounting of children; per request, this process's CPU) and
the load average at the time.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="strideback-budget-"))
    os.environ["STRIDEBACK_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.django_settings")
    from strideback.store.setup import open_store

    open_store(home)
    from strideback.domain.simulate import DiaryParameters, simulate_diary
    from strideback.services.people import local_person_id
    from strideback.store import records

    person = local_person_id()
    diary = simulate_diary(DiaryParameters(days=args.days, run_effect_leg=0.5), seed=1)
    records.add_activities(person, diary.activities)
    records.add_checkins(person, diary.checkins)

    env = {**os.environ}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "strideback", "analyze", "--json", "--home", str(home)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    cold = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cold_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    assert done.returncode == 0, done.stderr[-2000:]
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(
        f"analyze, {args.days} days, cold process (imports included): {cold:.2f} s wall, {cold_cpu:.2f} s CPU"
        "  (budget 5 s)"
    )

    from strideback.services.analysis import refresh_now

    started, cpu = time.perf_counter(), time.process_time()
    refresh_now(person)
    print(
        f"the background task itself (warm imports): {time.perf_counter() - started:.2f} s wall, "
        f"{time.process_time() - cpu:.2f} s CPU"
    )

    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/insights")  # warm: templates, chart specs
    times, cpus = [], []
    for _ in range(args.repeat):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get("/insights")
        times.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200 and b"Updating" not in response.content
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"Insights warm: median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms wall; "
        f"median {statistics.median(cpus):.0f} ms CPU  (budget 200 ms)"
    )


if __name__ == "__main__":
    main()
