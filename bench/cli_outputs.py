"""The read-only commands' output on one home, saved and compared byte for byte (issue 17: a faster
command must print exactly what it printed before).

    python bench/cli_outputs.py save DIR --home HOME       # with the code before a change
    python bench/cli_outputs.py compare DIR --home HOME    # with the code after it

Each command runs in its own process (`python -m strideback …`, with the PYTHONPATH given), stdout and
stderr together, at a fixed terminal width. `today` depends on the date: save and compare the same day.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("today", "--json"),
    ("today", "--json", "--date", "2022-05-01"),
    ("activities", "--json"),
    ("activities", "--json", "--since", "2024-03-01"),
    ("checkins", "--json"),
    ("checkins", "--json", "--since", "2024-03-01"),
    ("plan", "show", "--json"),
    ("score", "startback", "--answers", "1,0,1,0,1,0,1,0,3", "--json"),
    ("today",),
    ("activities",),
    ("checkins",),
    ("plan", "show"),
)


def output(argv: tuple[str, ...], home: Path) -> bytes:
    env = {**os.environ, "COLUMNS": "200", "STRIDEBACK_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "strideback", *argv, "--home", str(home)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        check=False,
    )
    return f"exit {done.returncode}\n".encode() + done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("folder", type=Path, help="where the outputs are saved")
    parser.add_argument("--home", type=Path, required=True)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    differ = 0
    for argv in COMMANDS:
        saved = args.folder / ("_".join(argv).replace(",", "_") + ".out")
        got = output(argv, args.home)
        if args.action == "save":
            saved.write_bytes(got)
            print(f"saved  {' '.join(argv)} ({len(got)} bytes)")
        elif saved.read_bytes() == got:
            print(f"same   {' '.join(argv)} ({len(got)} bytes)")
        else:
            differ += 1
            print(f"DIFFER {' '.join(argv)}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
