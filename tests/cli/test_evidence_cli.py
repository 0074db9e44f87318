"""`analyze` gains the primary question and the bottom line; `log --pain-before` (issue #12)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from strideback.cli import app
from strideback.domain.simulate import DiaryParameters, simulate_diary
from strideback.store import records

runner = CliRunner()


def fill(person: int, days: int = 70) -> None:
    diary = simulate_diary(DiaryParameters(days=days, run_effect_leg=1.5, odi_every_days=None), 2)
    for activity in diary.activities:
        records.add_activity(person, activity)
    for checkin in diary.checkins:
        records.save_checkin(person, checkin)


def test_analyze_json_adds_primary_and_bottom_line_keeping_the_lag_1_entry(person):
    fill(person)
    result = runner.invoke(app, ["analyze", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    primary = data["primary"]
    assert {"exposure", "outcome", "lags", "estimate", "ci_low", "ci_high", "verdict"} <= primary.keys()
    assert (primary["exposure"], primary["outcome"], primary["lags"]) == (
        "run_minutes",
        "leg_pain_next_morning",
        [1, 2],
    )
    assert primary["verdict"] == "worse" and primary["ci_low"] <= primary["estimate"] <= primary["ci_high"]
    assert isinstance(data["bottom_line"], str) and data["bottom_line"].startswith("Over the last")
    lag1 = [
        e
        for e in data["effects"]
        if (e["exposure"], e["outcome"], e["lag_days"]) == ("run_minutes", "leg_pain_next_morning", 1)
    ]
    assert len(lag1) == 1 and lag1[0]["verdict"] in ("worse", "better", "unclear", "insufficient_data")
    text = runner.invoke(app, ["analyze"], catch_exceptions=False).stdout
    assert " ".join(data["bottom_line"].split()[:6]) in " ".join(text.split())


def test_analyze_all_and_since_cannot_be_combined(person):
    result = runner.invoke(app, ["analyze", "--all", "--since", "2026-01-01"])
    assert result.exit_code == 2
    assert runner.invoke(app, ["analyze", "--all", "--json"]).exit_code == 0


def test_log_pain_before_round_trips_and_is_checked(person):
    result = runner.invoke(app, ["log", "run", "--minutes", "30", "--pain-before", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["activity"]["pain_before"] == 3
    bad = runner.invoke(app, ["log", "run", "--minutes", "30", "--pain-before", "11"])
    assert bad.exit_code == 2 and "pain_before" in bad.output
    assert len(records.list_activities(person)) == 1


def test_worker_without_the_database_queue_says_how_to_get_one(person):
    result = runner.invoke(app, ["worker"])
    assert result.exit_code == 2
    assert "STRIDEBACK_DATABASE_URL" in result.output
