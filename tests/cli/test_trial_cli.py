"""`strideback trial start|status|stop|analyze` and `today --json`'s trial key: the contract's shapes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from strideback.cli import app

runner = CliRunner()
CONTRACT_ANALYZE = {
    "state", "n_days", "allocated", "adherence", "estimate", "ci_low", "ci_high", "p_randomization",
    "verdict", "bottom_line",
}  # fmt: skip


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def screen() -> None:
    """A full red-flag screening: every question answered (issue 11 stores only the questions asked)."""
    from strideback.domain.redflags import KEYS

    assert run("redflags", "--answers", ",".join(f"{key}=no" for key in KEYS), "--json").exit_code == 0


def test_start_needs_the_red_flag_questions_first(person):
    result = run("trial", "start", "--json")
    assert result.exit_code == 1
    assert "red-flag" in result.stderr and result.stdout == ""


def test_bad_weeks_is_a_usage_error(person):
    screen()
    result = run("trial", "start", "--weeks", "1")
    assert result.exit_code == 2 and "weeks" in result.stderr
    assert json.loads(run("trial", "status", "--json").stdout)["state"] == "none"


def test_contract_shapes(person):
    screen()
    started = run("trial", "start", "--weeks", "6", "--seed", "4", "--json")
    assert started.exit_code == 0, started.output
    status = json.loads(started.stdout)
    assert status["state"] == "running" and status["day"] == 1 and status["days_total"] == 42
    assert status["explanation"] and "fair draw" in status["explanation"][0]

    today = json.loads(run("today", "--json").stdout)
    assert {"day", "days_total", "allocation", "deviation"} <= set(today["trial"])
    assert today["trial"]["allocation"] is None  # no check-in yet: the draw is not shown
    assert run("checkin", "--back", "2", "--leg", "3", "--json").exit_code == 0
    today = json.loads(run("today", "--json").stdout)
    assert today["trial"]["allocation"] in ("run", "low_impact")
    assert isinstance(today["trial"]["deviation"], bool)

    analysis = run("trial", "analyze", "--json")
    assert analysis.exit_code == 0
    data = json.loads(analysis.stdout)
    assert set(data) >= CONTRACT_ANALYZE
    assert set(data["allocated"]) == {"run", "low_impact"}
    assert data["verdict"] == "insufficient_data" and data["state"] == "running"

    assert run("trial", "analyze").exit_code == 0
    assert "Too early to say" in run("trial", "analyze").stdout
    assert run("trial", "status").exit_code == 0

    stopped = run("trial", "stop", "--json")
    assert stopped.exit_code == 0 and json.loads(stopped.stdout)["state"] == "stopped"
    assert "trial" not in json.loads(run("today", "--json").stdout)
    assert run("trial", "stop").exit_code == 1


def test_no_trial_key_without_a_trial(person):
    assert "trial" not in json.loads(run("today", "--json").stdout)
    data = json.loads(run("trial", "analyze", "--json").stdout)
    assert data["state"] == "none" and data["verdict"] == "insufficient_data"
