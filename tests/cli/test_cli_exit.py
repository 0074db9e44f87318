"""How a command leaves: it skips the interpreter's final garbage collection (issue 17: ~0.3 s of a
report's wall time went there) but still closes its database, so SQLite folds its write-ahead log back
into the file and removes it, and what the command wrote is there for the next one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_a_write_leaves_the_database_closed_and_its_log_folded_in(cli, tmp_path: Path) -> None:
    wrote = cli(tmp_path, "checkin", "--date", "yesterday", "--back", "2", "--leg", "3", "--reach", "knee")
    assert wrote.returncode == 0, wrote.stderr
    assert sorted(p.name for p in tmp_path.glob("strideback.sqlite3*")) == [
        "strideback.sqlite3",
        "strideback.sqlite3.writers",
    ]
    listed = json.loads(cli(tmp_path, "checkins", "--json").stdout)
    assert [(c["leg_pain"], c["reach"]) for c in listed["checkins"]] == [(3, "knee")]


def test_the_interpreter_is_left_without_its_final_collections() -> None:
    """The exit hook freezes the heap after closing the database (gc.freeze: nothing left to collect)."""
    probe = (
        "import gc, sys\n"
        "from strideback import cli\n"
        "cli._leave_quickly()\n"
        "print(gc.get_freeze_count() > 0, 'django.db' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["True", "False"]
