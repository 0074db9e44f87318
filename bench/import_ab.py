"""CPU time of the import readers, this checkout against an earlier revision, on the same generated inputs.

    python bench/import_ab.py [--base REV] [--rounds 3]

The machine is shared, so wall time says little: each side runs in its own process, the rounds alternate
between the two, and the figure is the least CPU time (`time.process_time`) a side took, with the ratio
new / base per step (below 1: faster now). The base's `src/` is taken with `git archive`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def measure(work: Path) -> dict[str, float]:
    """One side's CPU seconds per step (run in a process whose PYTHONPATH holds that side's src)."""
    import import_speed as bench
    from strideback.importers.apple_health import read_apple_health
    from strideback.importers.dispatch import read_bytes
    from strideback.importers.gpx import read_gpx
    from strideback.importers.sources import read_sources

    rng = random.Random(5)
    tracks = [bench._gpx_file(rng, 40, day + 1) for day in range(10)]
    real = [bench.DATA / name for name in ("fit", "gpx", "tcx", "strava") if (bench.DATA / name).is_dir()]
    steps = {
        "gpx read": lambda: [read_gpx(data, f"t{i}.gpx") for i, data in enumerate(tracks)],
        "gpx detect and read": lambda: [read_bytes(data, f"t{i}.gpx") for i, data in enumerate(tracks)],
        "300 FIT files, folder walk": lambda: list(read_sources([work / "archive"], workers=1)),
        "real files, folder walk": lambda: list(read_sources(real, workers=1)),
    }
    seconds: dict[str, float] = {}
    for name, step in steps.items():
        start = time.process_time()
        step()
        seconds[name] = time.process_time() - start
    with (work / "export.xml").open("rb") as stream:
        start = time.process_time()
        read_apple_health(stream, "export.xml")
        seconds["Apple Health 20 MB"] = time.process_time() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="the revision to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one side, in its own process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    import import_speed as bench

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "archive").mkdir()
        bench.make_archive(work / "archive", 300)
        bench._apple_export(work / "export.xml", 20)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.base, "src"], capture_output=True, check=True
        )
        base = work / "base"
        base.mkdir()
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(base, filter="data")
        sides = {"base": base / "src", "now": ROOT / "src"}
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.rounds):
            for side, src in sides.items():
                env = {**os.environ, "PYTHONPATH": str(src)}
                done = subprocess.run(
                    [sys.executable, __file__, "--measure", str(work)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                for step, seconds in json.loads(done.stdout).items():
                    mine = best.setdefault(side, {})
                    mine[step] = min(seconds, mine.get(step, seconds))
    print(f"Import readers, least CPU seconds of {args.rounds} rounds: {args.base} vs this checkout")
    for step, before in best["base"].items():
        after = best["now"][step]
        print(f"  {step:28} base {before:7.3f} s | now {after:7.3f} s | now / base {after / before:5.2f}")


if __name__ == "__main__":
    main()
