"""The clinician PDF for the demo person: cold (nothing cached), unchanged (served from the cache) and
after one new check-in (the analysis and the changed charts redrawn), each as a whole `strideback report`
process, as a person waits for it.

    python bench/report_speed.py [--days 180] [--repeat 3]

Targets (issue "Fast where a person waits"): < 3 s cold, < 1 s when nothing changed. Wall times: run it on
an idle machine; the start-up floor (`python -c "import django; django.setup()"`) is printed beside them,
with each case's ratio to it and its CPU time (the process and its children: the analysis child and the
chart worker), which stays comparable on a busy machine. Results: bench/results/report_speed.txt.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(*args: str, home: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one whole `strideback` process."""
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "strideback", *args, "--home", str(home)], check=True, capture_output=True
    )
    return time.perf_counter() - started, _children_cpu() - cpu


def floor(home: Path) -> tuple[float, float]:
    env = {**os.environ, "STRIDEBACK_HOME": str(home), "DJANGO_SETTINGS_MODULE": "strideback.django_settings"}
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", "import django; django.setup()"], check=True, env=env)
    return time.perf_counter() - started, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case; the fastest wall is kept")
    args = parser.parse_args()
    print(
        f"clinician PDF, demo person ({args.days} days), whole process; load average {os.getloadavg()[0]:.1f}"
    )
    rows: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="sb-bench-report-") as tmp:
        home = Path(tmp)
        run("demo", "--days", str(args.days), "--seed", "7", home=home)
        out = str(home / "report.pdf")
        for _ in range(args.repeat):
            shutil.rmtree(home / "cache", ignore_errors=True)
            rows.setdefault("floor", []).append(floor(home))
            rows.setdefault("cold", []).append(run("report", "--out", out, home=home))
            rows.setdefault("unchanged", []).append(run("report", "--out", out, home=home))
            run("checkin", "--back", "2", "--leg", "3", "--replace", home=home)
            rows.setdefault("changed", []).append(run("report", "--out", out, home=home))
    best = {name: min(runs) for name, runs in rows.items()}
    base = best["floor"][0]
    labels = {
        "floor": "start-up floor (django.setup)",
        "cold": "cold, nothing cached",
        "unchanged": "unchanged since the last one",
        "changed": "after one new check-in",
    }
    targets = {"cold": "< 3 s", "unchanged": "< 1 s"}
    print(f"  {'case':<31}{'wall s':>8}{'cpu s':>8}{'× floor':>9}   target")
    for name, label in labels.items():
        wall, cpu = best[name]
        print(f"  {label:<31}{wall:>8.2f}{cpu:>8.2f}{wall / base:>9.1f}   {targets.get(name, '')}")
    print(
        "  (cpu: user + system of the process and its children; the analysis runs in a child while charts draw)"
    )


if __name__ == "__main__":
    main()
