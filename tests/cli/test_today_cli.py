"""`strideback today` through the real CLI."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from strideback.cli import app

runner = CliRunner()
TODAY = dt.date.today()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def test_today_json_contract(person):
    from strideback.domain.redflags import KEYS

    # issue 11: no first run before a full red-flag screening
    assert run("redflags", "--answers", ",".join(f"{key}=no" for key in KEYS)).exit_code == 0
    for n in range(10, -1, -1):
        assert run("checkin", "--date", day(n), "--back", "2", "--leg", "2").exit_code == 0
    assert run("log", "run", "--date", day(3), "--minutes", "20", "--pain-during", "1").exit_code == 0
    result = run("today", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["date"] == TODAY.isoformat()
    assert data["light"] == "green"
    assert data["plan_stage"] == 1
    assert data["suggestion"]["sport"] == "run"
    assert data["suggestion"]["description"] == "6 × 1 min run / 2 min walk, easy, flat ground"
    assert isinstance(data["reasons"], list) and data["reasons"]


def test_today_after_a_red_morning_is_red_with_low_impact_only(person):
    for n in range(10, 0, -1):
        run("checkin", "--date", day(n), "--back", "2", "--leg", "2")
    run("checkin", "--back", "2", "--leg", "2", "--reach", "calf")
    run("log", "run", "--date", day(1), "--minutes", "20", "--pain-during", "2")
    data = json.loads(run("today", "--json").stdout)
    assert data["light"] == "red"
    assert data["suggestion"]["sport"] in {"walk", "cycle", "swim", "mobility"}
    assert any("peripheralization" in r for r in data["reasons"])


def test_today_red_flag_stops(person):
    run("checkin", "--back", "2", "--leg", "2", "--red-flag", "bladder")
    data = json.loads(run("today", "--json").stdout)
    assert data["light"] == "stop"
    assert "emergency department" in " ".join(data["reasons"])


def test_today_for_a_given_date_and_rich_output(person):
    run("checkin", "--date", day(2), "--back", "2", "--leg", "2")
    result = run("today", "--date", day(2))
    assert result.exit_code == 0
    assert "GREEN" in result.stdout and "Today:" in result.stdout


def test_today_missing_check_in_reminds(person):
    result = run("today")
    assert result.exit_code == 0
    assert "AMBER" in result.stdout and "Reminder" in result.stdout and "check-in" in result.stdout


def test_today_bad_date_is_a_usage_error(person):
    result = run("today", "--date", "someday")
    assert result.exit_code == 2
    assert "date" in result.stderr
    future = run("today", "--date", (TODAY + dt.timedelta(days=3)).isoformat())
    assert future.exit_code == 2


def test_today_on_the_demo_person_in_a_home(tmp_path, cli):
    home = tmp_path / "home"
    assert cli(home, "demo", "--days", "90").returncode == 0
    result = cli(home, "today", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"date", "light", "reasons", "suggestion", "plan_stage"}
    assert data["light"] in ("green", "amber", "red", "stop")
    assert isinstance(data["plan_stage"], int)
    assert data["reasons"] and all(isinstance(r, str) and r for r in data["reasons"])
    if data["light"] in ("red", "stop"):
        assert data["suggestion"]["sport"] != "run"
    again = json.loads(cli(home, "today", "--json").stdout)
    assert again == data  # a second look changes nothing
