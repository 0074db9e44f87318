"""Issue 15: `strideback profile` (name, km or miles); the units in every human table (JSON stays metric),
and one date format, never ISO, in the CLI's human output."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from strideback.cli import app

runner = CliRunner()
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_profile_shows_and_changes_name_and_units(person):
    assert json.loads(run("profile", "--json").stdout) == {"profile": {"name": "Me", "units": "km"}}
    changed = run("profile", "--name", "Ana Novak", "--units", "miles", "--json")
    assert json.loads(changed.stdout) == {"profile": {"name": "Ana Novak", "units": "miles"}}
    bad = run("profile", "--units", "furlongs")
    assert bad.exit_code == 2 and "units" in bad.stderr and "km or miles" in bad.stderr
    empty = run("profile", "--name", "  ")
    assert empty.exit_code == 2 and "name" in empty.stderr
    assert "Units: miles" in run("profile").stdout


def _session() -> int:
    result = run("log", "run", "--date", "yesterday", "--minutes", "30", "--km", "5", "--json")
    return json.loads(result.stdout)["activity"]["id"]


def test_miles_in_every_human_table_and_metres_in_json(person):
    session = _session()
    run("profile", "--units", "miles")
    table = run("activities").stdout
    assert "mi" in table and "3.11" in table and "5.00" not in table
    shown = run("activity", "show", str(session)).stdout
    assert "3.11 mi" in shown and "9:39 /mi" in shown
    logged = run("log", "walk", "--date", "today", "--minutes", "20", "--km", "1.609344").stdout
    assert "1.00 mi" in logged
    data = json.loads(run("activity", "show", str(session), "--json").stdout)["activity"]
    assert data["distance_m"] == 5000 and data["pace_min_per_km"] == 6.0  # the contract stays metric
    assert json.loads(run("activities", "--json").stdout)["activities"][0]["distance_m"] == 5000


def test_no_iso_dates_in_the_human_output(person):
    session = _session()
    outputs = [
        run("checkin", "--date", "yesterday", "--back", "2", "--leg", "3").stdout,
        run("checkin", "--back", "2", "--leg", "4", "--reach", "thigh").stdout,
        run("log", "walk", "--date", "today", "--minutes", "20").stdout,
        run("pain", "--during", "2", "--after", "3").stdout,
        run("activities").stdout,
        run("checkins").stdout,
        run("activity", "show", str(session)).stdout,
        run("activity", "edit", str(session), "--rpe", "4").stdout,
        run("today").stdout,
        run("plan", "show").stdout,
        run("treatment", "log", "heat").stdout,
        run("treatment", "list").stdout,
    ]
    for output in outputs:
        assert output.strip()
        assert not ISO_DATE.search(output), output
