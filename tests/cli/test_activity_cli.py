"""`strideback activity show|edit|delete ID`: open, correct and delete one session from the CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from strideback.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _logged(*extra: str) -> int:
    result = run("log", "walk", "--date", "yesterday", "--minutes", "223", "--km", "41", "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["activity"]["id"]


def test_a_ride_stored_as_a_walk_is_corrected(person):
    activity_id = _logged()
    shown = json.loads(run("activity", "show", str(activity_id), "--json").stdout)["activity"]
    assert shown["sport"] == "walk" and shown["sources"] == [{"source": "manual", "name": ""}]
    result = run(
        "activity", "edit", str(activity_id), "--sport", "cycle", "--rpe", "5", "--pain-during", "2", "--json"
    )
    assert result.exit_code == 0, result.output
    edited = json.loads(result.stdout)["activity"]
    assert (edited["sport"], edited["rpe"], edited["pain_during"], edited["id"]) == (
        "cycle",
        5.0,
        2,
        activity_id,
    )
    assert json.loads(run("activities", "--json").stdout)["activities"][0]["sport"] == "cycle"


def test_edit_refuses_bad_values_and_changes_nothing(person):
    activity_id = _logged()
    for args, field in (
        (["--pain-after", "12"], "pain_after"),
        (["--start", "soon"], "start"),
        ([], "nothing"),
    ):
        result = run("activity", "edit", str(activity_id), *args)
        assert result.exit_code == 2 and field in result.stderr
    assert (
        json.loads(run("activity", "show", str(activity_id), "--json").stdout)["activity"]["pain_after"]
        is None
    )


def test_delete_needs_a_yes_off_a_terminal_then_deletes(person):
    activity_id = _logged()
    refused = run("activity", "delete", str(activity_id))
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert run("activity", "delete", str(activity_id), "--yes").exit_code == 0
    assert json.loads(run("activities", "--json").stdout)["activities"] == []
    missing = run("activity", "show", str(activity_id))
    assert missing.exit_code == 2 and "no session" in missing.stderr


def test_log_takes_a_start_time(person):
    result = run("log", "run", "--date", "2026-01-05", "--time", "07:45", "--minutes", "20", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["activity"]["start"][11:16] == "07:45"
    bad = run("log", "run", "--date", "2026-01-05", "--time", "7h45", "--minutes", "20")
    assert bad.exit_code == 2 and "time" in bad.stderr and "07:30" in bad.stderr
