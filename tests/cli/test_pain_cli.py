"""`strideback pain`: closing the loop for sessions that arrived without pain scores."""

import json

from typer.testing import CliRunner

from strideback.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _log(*extra: str) -> dict:
    return json.loads(run("log", "run", "--minutes", "20", "--date", "yesterday", "--json", *extra).stdout)[
        "activity"
    ]


def test_pain_goes_to_the_latest_session_by_default(person):
    _log()
    latest = json.loads(run("log", "swim", "--minutes", "30", "--json").stdout)["activity"]
    result = run("pain", "--during", "2", "--after", "3", "--json")
    assert result.exit_code == 0, result.output
    updated = json.loads(result.stdout)["activity"]
    assert (updated["id"], updated["pain_during"], updated["pain_after"]) == (latest["id"], 2, 3)


def test_pain_by_id_keeps_the_other_score(person):
    first = _log("--pain-during", "1")
    run("log", "walk", "--minutes", "30")
    updated = json.loads(run("pain", str(first["id"]), "--after", "4", "--json").stdout)["activity"]
    assert (updated["pain_during"], updated["pain_after"]) == (1, 4)


def test_bad_pain_input_is_refused_and_nothing_changes(person):
    first = _log()
    assert run("pain", "--during", "11").exit_code == 2
    assert run("pain").exit_code == 2
    missing = run("pain", "99999", "--during", "2")
    assert missing.exit_code == 2 and "99999" in missing.stderr
    [stored] = json.loads(run("activities", "--json").stdout)["activities"]
    assert stored["pain_during"] is None and stored["id"] == first["id"]


def test_pain_with_no_recent_session_says_so(person):
    result = run("pain", "--during", "2")
    assert result.exit_code == 2 and "no session" in result.stderr
