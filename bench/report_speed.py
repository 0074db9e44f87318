"""The clinician PDF for the demo person: cold (nothing cached), unchanged (served from the cache) and
after one new check-in (the analysis and the changed charts redrawn), each as a whole `strideback report`
process, as a person waits for it.

    python bench/report_speed.py [--days 180]

Targets (issue "Fast where a person waits"): < 3 s cold, < 1 s when nothing changed. Wall times: run it on
an idle machine; the start-up floor (`python -c "import django; django.setup()"`) is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(*args: str, home: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "strideback", *args, "--home", str(home)], check=True, capture_output=True
    )
    return time.perf_counter() - started


def floor(home: Path) -> float:
    env = {**os.environ, "STRIDEBACK_HOME": str(home), "DJANGO_SETTINGS_MODULE": "strideback.django_settings"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import django; django.setup()"], check=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=180)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sb-bench-report-") as tmp:
        home = Path(tmp)
        run("demo", "--days", str(args.days), "--seed", "7", home=home)
        out = str(home / "report.pdf")
        shutil.rmtree(home / "cache", ignore_errors=True)
        cold = run("report", "--out", out, home=home)
        unchanged = run("report", "--out", out, home=home)
        run("checkin", "--back", "2", "--leg", "3", "--replace", home=home)
        changed = run("report", "--out", out, home=home)
        print(f"clinician PDF, demo person ({args.days} days), whole process wall seconds")
        print(f"  start-up floor (django.setup) : {floor(home):6.2f}")
        print(f"  cold, nothing cached          : {cold:6.2f}   (target < 3 s)")
        print(f"  unchanged since the last one  : {unchanged:6.2f}   (target < 1 s)")
        print(f"  after one new check-in        : {changed:6.2f}")


if __name__ == "__main__":
    main()
