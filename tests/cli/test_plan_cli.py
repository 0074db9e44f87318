"""`strideback plan show|set-stage|caps` through the real CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from strideback.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_plan_show_json(person):
    result = run("plan", "show", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["stage"] == 1
    assert len(data["stages"]) == 10
    assert data["session"]["description"] == "6 × 1 min run / 2 min walk, easy, flat ground"
    assert data["caps"] == {"max_stage": None, "pain_during_limit": 3, "avoid_sports": []}
    assert [e["kind"] for e in data["history"]] == ["start"]


def test_set_stage_is_kept_and_recorded(person):
    result = run("plan", "set-stage", "4", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(run("plan", "show", "--json").stdout)
    assert data["stage"] == 4
    assert data["history"][-1]["kind"] == "set"
    assert json.loads(run("today", "--json").stdout)["plan_stage"] == 4


def test_set_stage_out_of_range_is_a_usage_error(person):
    result = run("plan", "set-stage", "11")
    assert result.exit_code == 2
    assert "stage" in result.stderr


def test_caps_set_show_and_respected(person):
    result = run(
        "plan",
        "caps",
        "--max-stage",
        "3",
        "--pain-limit",
        "2",
        "--avoid",
        "swim",
        "--avoid",
        "cycle",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["caps"] == {
        "max_stage": 3,
        "pain_during_limit": 2,
        "avoid_sports": ["swim", "cycle"],
    }
    run("plan", "set-stage", "8")
    assert json.loads(run("plan", "show", "--json").stdout)["stage"] == 3
    shown = run("plan", "caps")
    assert shown.exit_code == 0 and "Highest stage: 3" in shown.stdout and "swim, cycle" in shown.stdout


def test_caps_refuse_bad_values(person):
    assert run("plan", "caps", "--avoid", "skating").exit_code == 2
    assert run("plan", "caps", "--max-stage", "12").exit_code == 2
    assert run("plan", "caps", "--pain-limit", "11").exit_code == 2


def test_plan_show_rich(person):
    result = run("plan", "show")
    assert result.exit_code == 0
    assert "Stage 1 of 10" in result.stdout and "30 min continuous run" in result.stdout
