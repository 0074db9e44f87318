"""`strideback analyze` through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from strideback.cli import app
from strideback.domain.simulate import DiaryParameters, simulate_diary
from strideback.store import records

runner = CliRunner()


def fill(person: int, days: int = 60) -> None:
    diary = simulate_diary(DiaryParameters(days=days, run_effect_leg=1.5, odi_every_days=None), 2)
    for activity in diary.activities:
        records.add_activity(person, activity)
    for checkin in diary.checkins:
        records.save_checkin(person, checkin)


def test_analyze_json_contract(person):
    fill(person)
    result = runner.invoke(app, ["analyze", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n_days"] == 60
    assert isinstance(data["trend"], dict) and isinstance(data["notes"], list)
    main = next(
        e
        for e in data["effects"]
        if e["exposure"] == "run_minutes" and e["outcome"] == "leg_pain_next_morning"
    )
    assert main["lag_days"] == 1
    assert main["verdict"] == "worse"
    assert main["ci_low"] <= main["estimate"] <= main["ci_high"]
    assert {e["verdict"] for e in data["effects"]} <= {"worse", "better", "unclear", "insufficient_data"}


def test_analyze_report_reads_plainly(person):
    fill(person)
    result = runner.invoke(app, ["analyze"], catch_exceptions=False)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Is running helping or hurting me?" in text
    assert "On mornings after running, your leg pain was on average" in text
    assert "95% interval" in text


def test_analyze_with_nothing_recorded(person):
    result = runner.invoke(app, ["analyze"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Nothing recorded yet" in result.stdout


def test_bad_since_is_a_usage_error(person):
    result = runner.invoke(app, ["analyze", "--since", "last tuesday"])
    assert result.exit_code == 2


def test_analyze_json_in_a_fresh_home(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "STRIDEBACK_DATABASE_URL"}
    command = [sys.executable, "-m", "strideback", "analyze", "--json", "--home", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["n_days"] == 0
    assert {e["verdict"] for e in data["effects"]} == {"insufficient_data"}
