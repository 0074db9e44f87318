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


def _merged(tmp_path) -> int:
    """A run and another app's walk two minutes later, imported one after the other: merged as one."""
    import datetime as dt

    from gpx_files import write_gpx

    start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=2), dt.time(8)).astimezone()
    run_file = write_gpx(tmp_path / "watch_run.gpx", start, 30, "running", "Watch")
    walk_file = write_gpx(
        tmp_path / "phone_walk.gpx", start + dt.timedelta(minutes=2), 32, "walking", "Phone", 7
    )
    assert run("import", str(run_file), "--json").exit_code == 0
    merged = json.loads(run("import", str(walk_file), "--json").stdout)
    assert merged["merged"] == 1
    [session] = json.loads(run("activities", "--json").stdout)["activities"]
    return session["id"]


def test_split_a_wrong_merge(person, tmp_path):
    session_id = _merged(tmp_path)
    shown = json.loads(run("activity", "show", str(session_id), "--json").stdout)["activity"]
    assert shown["merged"] and len(shown["sources"]) == 2
    result = run("activity", "split", str(session_id), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["activity"]["id"] == session_id and not data["activity"]["merged"]
    [other] = data["split_off"]
    assert {data["activity"]["sport"], other["sport"]} == {"run", "walk"}
    listed = json.loads(run("activities", "--json").stdout)["activities"]
    assert sorted(a["id"] for a in listed) == sorted([session_id, other["id"]])
    again = run("activity", "split", str(session_id))
    assert again.exit_code == 2 and "id" in again.stderr and "nothing was changed" in again.stderr
    assert run("activity", "split", "999999").exit_code == 2


def test_split_human_output_names_both_sessions(person, tmp_path):
    session_id = _merged(tmp_path)
    result = run("activity", "split", str(session_id))
    assert result.exit_code == 0, result.output
    assert "into 2 sessions" in result.stdout
    assert "Run on" in result.stdout and "Walk on" in result.stdout
