"""The foundation commands through the real CLI: log, checkin, activities, checkins, demo."""

import datetime as dt
import itertools
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from strideback.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_log_round_trips_every_field(person):
    result = run(
        "log",
        "run",
        "--date",
        "yesterday",
        "--minutes",
        "32.5",
        "--km",
        "5.2",
        "--rpe",
        "6",
        "--pain-during",
        "3",
        "--pain-after",
        "4",
        "--note",
        "hilly",
        "--json",
    )
    assert result.exit_code == 0, result.output
    logged = json.loads(result.stdout)["activity"]
    listed = json.loads(run("activities", "--json").stdout)["activities"]
    assert listed == [logged]
    assert logged["sport"] == "run" and logged["duration_s"] == 1950.0 and logged["distance_m"] == 5200.0
    assert (logged["rpe"], logged["pain_during"], logged["pain_after"], logged["note"]) == (
        6.0,
        3,
        4,
        "hilly",
    )
    assert logged["start"][:10] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    for key in ("id", "start", "source", "elevation_gain_m", "avg_hr"):
        assert key in logged


def test_checkin_round_trips_every_field(person):
    result = run(
        "checkin",
        "--date",
        "2026-01-05",
        "--back",
        "2",
        "--leg",
        "6",
        "--reach",
        "calf",
        "--numbness",
        "--tingling",
        "--weakness",
        "--stiffness-min",
        "25",
        "--sleep",
        "4",
        "--note",
        "rough night",
        "--side",
        "both",
        "--quality",
        "aching,pins_and_needles",
        "--json",
    )
    assert result.exit_code == 0, result.output
    [stored] = json.loads(run("checkins", "--json").stdout)["checkins"]
    assert stored == {
        "date": "2026-01-05",
        "back_pain": 2,
        "leg_pain": 6,
        "reach": "calf",
        "numbness": True,
        "tingling": True,
        "weakness": True,
        "stiffness_min": 25,
        "sleep": 4,
        "note": "rough night",
        "side": "both",  # DESIGN: rows gain "side" and "quality" (issue 15)
        "quality": ["aching", "pins_and_needles"],
    }


def test_second_checkin_for_a_day_needs_replace(person):
    assert run("checkin", "--date", "2026-01-05", "--back", "2", "--leg", "6").exit_code == 0
    refused = run("checkin", "--date", "2026-01-05", "--back", "1", "--leg", "1")
    assert refused.exit_code == 2 and "--replace" in refused.stderr
    assert json.loads(run("checkins", "--json").stdout)["checkins"][0]["leg_pain"] == 6
    assert run("checkin", "--date", "2026-01-05", "--back", "1", "--leg", "1", "--replace").exit_code == 0
    assert json.loads(run("checkins", "--json").stdout)["checkins"][0]["leg_pain"] == 1


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["checkin", "--back", "2", "--leg", "11"], "leg_pain"),
        (["checkin", "--back", "-1", "--leg", "1"], "back_pain"),
        (["checkin", "--back", "2", "--leg", "1", "--reach", "ankle"], "reach"),
        (["checkin", "--back", "2", "--leg", "1", "--sleep", "12"], "sleep"),
        (["checkin", "--back", "2", "--leg", "1", "--date", "2999-01-01"], "date"),
        (["checkin", "--back", "2", "--leg", "1", "--date", "03/04/2026"], "date"),
        (["log", "run", "--minutes", "-5"], "minutes"),
        (["log", "flying", "--minutes", "30"], "sport"),
        (["log", "run", "--minutes", "30", "--km", "100"], "km"),
        (["log", "run", "--minutes", "30", "--rpe", "14"], "rpe"),
        (["log", "run", "--minutes", "30", "--pain-during", "11"], "pain_during"),
        (["log", "run", "--minutes", "30", "--date", "tomorrow"], "date"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(person, args, named):
    result = run(*args)
    assert result.exit_code == 2
    assert named in result.stderr
    assert json.loads(run("activities", "--json").stdout)["activities"] == []
    assert json.loads(run("checkins", "--json").stdout)["checkins"] == []


def test_checkin_without_values_off_a_terminal_is_a_usage_error(person):
    result = run("checkin", "--back", "3")
    assert result.exit_code == 2 and "--leg" in result.stderr


def test_since_filters(person):
    run("log", "walk", "--date", "2026-01-01", "--minutes", "30")
    run("log", "swim", "--date", "2026-02-01", "--minutes", "30")
    listed = json.loads(run("activities", "--since", "2026-01-15", "--json").stdout)["activities"]
    assert [a["sport"] for a in listed] == ["swim"]


def test_demo_creates_a_realistic_person(person):
    result = run("demo", "--days", "120", "--seed", "3", "--json")
    assert result.exit_code == 0, result.output
    activities = json.loads(run("activities", "--json").stdout)["activities"]
    checkins = json.loads(run("checkins", "--json").stdout)["checkins"]
    sports = {a["sport"] for a in activities}
    assert {"run", "swim", "cycle", "walk"} <= sports
    assert 0.7 * 120 < len(checkins) < 120 + 1  # most mornings, not all
    days = [dt.date.fromisoformat(a["start"][:10]) for a in activities if a["sport"] == "run"]
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))  # never runs two days running
    first_month = [c["leg_pain"] for c in checkins[:30]]
    last_month = [c["leg_pain"] for c in checkins[-30:]]
    assert sum(last_month) / 30 < sum(first_month) / 30 - 1.5  # leg pain falls over the months


def test_demo_is_deterministic_with_a_seed(person):
    def without_ids() -> list[dict]:
        return [{**a, "id": None} for a in json.loads(run("activities", "--json").stdout)["activities"]]

    run("demo", "--days", "60", "--seed", "11")
    first = without_ids()
    run("demo", "--days", "60", "--seed", "11")  # regenerating replaces the earlier demo
    assert without_ids() == first
    run("demo", "--days", "60", "--seed", "12")
    assert without_ids() != first


def test_demo_refuses_a_home_with_real_data(person):
    run("log", "run", "--minutes", "20")
    result = run("demo")
    assert result.exit_code == 2 and "your own records" in result.stderr
    assert len(json.loads(run("activities", "--json").stdout)["activities"]) == 1


def test_subprocess_demo_then_lists_with_home(tmp_path, cli):
    home = tmp_path / "home"
    assert cli(home, "demo", "--days", "90").returncode == 0
    activities = json.loads(cli(home, "activities", "--json").stdout)["activities"]
    checkins = json.loads(cli(home, "checkins", "--json").stdout)["checkins"]
    assert len({a["sport"] for a in activities}) >= 4 and len(checkins) > 60
    assert (home / "strideback.sqlite3").exists()
    assert oct((home / "secret_key").stat().st_mode & 0o777) == "0o600"
    journal = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1])"
            ".execute('pragma journal_mode').fetchone()[0])",
            str(home / "strideback.sqlite3"),
        ],
        capture_output=True,
        text=True,
    )
    assert journal.stdout.strip() == "wal"
