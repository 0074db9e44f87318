"""The demo person lives in its own folder: `strideback demo` and `serve --demo` never touch the person's data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _run(env_home: Path, demo_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }
    env.update(STRIDEBACK_HOME=str(env_home), STRIDEBACK_DEMO_HOME=str(demo_home))
    return subprocess.run(
        [sys.executable, "-m", "strideback", *args], capture_output=True, text=True, env=env, timeout=180
    )


def test_demo_without_home_writes_the_demo_home_not_the_persons(tmp_path):
    mine, demo = tmp_path / "mine", tmp_path / "demo"
    assert _run(mine, demo, "log", "run", "--minutes", "20").returncode == 0  # the person's own session
    result = _run(mine, demo, "demo", "--days", "30", "--json")
    assert result.returncode == 0, result.stderr
    assert Path(json.loads(result.stdout)["home"]) == demo.resolve()
    own = json.loads(_run(mine, demo, "activities", "--json").stdout)["activities"]
    assert [a["sport"] for a in own] == ["run"]  # untouched
    shown = json.loads(_run(mine, demo, "activities", "--json", "--home", str(demo)).stdout)["activities"]
    assert len(shown) > 10


def test_demo_with_home_writes_there(tmp_path):
    mine, demo, chosen = tmp_path / "mine", tmp_path / "demo", tmp_path / "chosen"
    assert _run(mine, demo, "demo", "--days", "20", "--home", str(chosen)).returncode == 0
    assert (chosen / "strideback.sqlite3").exists()
    assert not (demo / "strideback.sqlite3").exists() and not (mine / "strideback.sqlite3").exists()
