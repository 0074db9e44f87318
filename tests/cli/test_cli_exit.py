"""How a command leaves: it skips the interpreter's final garbage collection (issue 17: ~0.3 s of a
report's wall time went there) but still closes its database, so SQLite folds its write-ahead log back
into the file and removes it, and what the command wrote is there for the next one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ENV = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")}


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "strideback", *args, "--home", str(home)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=True,
    )


def test_a_write_leaves_the_database_closed_and_its_log_folded_in(tmp_path: Path) -> None:
    _run(tmp_path, "checkin", "--date", "yesterday", "--back", "2", "--leg", "3", "--reach", "knee")
    assert sorted(p.name for p in tmp_path.glob("strideback.sqlite3*")) == [
        "strideback.sqlite3",
        "strideback.sqlite3.writers",
    ]
    listed = json.loads(_run(tmp_path, "checkins", "--json").stdout)
    assert [(c["leg_pain"], c["reach"]) for c in listed["checkins"]] == [(3, "knee")]


def test_the_interpreter_is_left_without_its_final_collections() -> None:
    """The exit hook freezes the heap after closing the database (gc.freeze: nothing left to collect)."""
    probe = (
        "import atexit, gc, sys\n"
        "from strideback import cli\n"
        "cli._leave_quickly()\n"
        "print(gc.get_freeze_count() > 0, 'django.db' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=ENV, check=True)
    assert done.stdout.split() == ["True", "False"]
