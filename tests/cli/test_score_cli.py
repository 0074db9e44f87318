"""`strideback score` and `strideback questionnaire` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strideback.cli import app
from strideback.store import records

runner = CliRunner()
CONTRACT_KEYS = {"instrument", "score", "max", "band", "interpretation", "answered", "valid"}


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize(
    ("instrument", "answers", "score", "band"),
    [
        ("odi", "1,2,3,0,1,2,3,0,1,2", 30.0, "moderate"),
        ("odi", "2,2,2,2,2,2,2,-,2,3", 42.2, "severe"),
        ("rmdq", ",".join(["1"] * 7 + ["0"] * 17), 7.0, None),
        ("sbi", "6,3,0,2", 11.0, None),
        ("sfi", "1,1,1,1", 4.0, None),
        ("startback", "1,0,0,0,1,1,1,0,0", 4.0, "medium"),
        ("startback", "0,0,0,0,1,1,1,0,3", 4.0, "high"),
    ],
)
def test_score_json_has_the_contract_shape(
    instrument: str, answers: str, score: float, band: str | None
) -> None:
    result = run("score", instrument, "--answers", answers, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == CONTRACT_KEYS
    assert (document["instrument"], document["score"], document["band"], document["valid"]) == (
        instrument,
        score,
        band,
        True,
    )


def test_odi_with_three_missing_sections_is_valid_false_exit_0() -> None:
    result = run("score", "odi", "--answers", "1,2,3,4,5,0,1,-,-,-", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["valid"], document["score"], document["band"], document["answered"]) == (
        False,
        None,
        None,
        7,
    )
    assert "3 of 10" in document["interpretation"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["score", "odi", "--answers", "1,2,3,6,0,0,0,0,0,0"], "odi item 4"),
        (["score", "rmdq", "--answers", "1,0,1"], "24"),
        (["score", "startback", "--answers", "0,0,0,0,0,0,0,0,5"], "0, 1, 2, 3, 4"),
        (["score", "sf36", "--answers", "1"], "odi, rmdq, sbi, sfi, startback"),
        (["score", "sbi", "--answers", "a,b,c,d"], "sbi item 1"),
    ],
)
def test_bad_input_exits_2_naming_the_problem(args: list[str], named: str) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert named in " ".join(result.stderr.split())


def test_score_prints_a_readable_result() -> None:
    result = run("score", "startback", "--answers", "0,0,0,0,1,1,1,1,0")
    assert result.exit_code == 0
    assert "high" in result.stdout and "psychosocial 4 of 5" in result.stdout


def test_questionnaire_with_answers_stores_and_reports_the_change(person: int) -> None:
    first = run("questionnaire", "odi", "--date", "2026-01-05", "--answers", "2,2,2,2,2,2,2,2,2,2", "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["change"] is None
    second = run("questionnaire", "odi", "--date", "2026-02-02", "--answers", "1,1,1,1,1,1,1,1,1,1", "--json")
    document = json.loads(second.stdout)
    assert document["date"] == "2026-02-02"
    assert set(document["response"]) == CONTRACT_KEYS and document["response"]["score"] == 20.0
    assert document["change"]["meaningful"] is True and document["change"]["direction"] == "better"
    assert [r.score for r in records.list_questionnaires(person, "odi")] == [40.0, 20.0]


def test_questionnaire_text_output_shows_the_change(person: int) -> None:
    run("questionnaire", "rmdq", "--answers", ",".join(["1"] * 12 + ["0"] * 12), "--date", "2026-01-05")
    result = run(
        "questionnaire", "rmdq", "--answers", ",".join(["1"] * 11 + ["0"] * 13), "--date", "2026-01-06"
    )
    assert result.exit_code == 0
    assert "-1 points" in result.stdout and "ordinary variation" in result.stdout


def test_questionnaire_asks_each_item_on_a_terminal(person: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("strideback.commands.score_cmd.stdin_is_terminal", lambda: True)
    result = run("questionnaire", "sbi", "--date", "2026-01-05", input="6\n7\n3\n-\n2\n")
    assert result.exit_code == 0, result.output
    assert "Pain in your leg" in result.stdout and "extremely bothersome" in result.stdout
    # 7 is off the scale and is asked again; "-" leaves item 3 unanswered, so SBI is not scored
    [stored] = records.list_questionnaires(person, "sbi")
    assert stored.answers == (6, 3, None, 2) and not stored.valid


def test_questionnaire_without_answers_off_a_terminal_is_a_usage_error(person: int) -> None:
    result = run("questionnaire", "startback")
    assert result.exit_code == 2 and "--answers" in result.stderr
    assert records.list_questionnaires(person) == []


def test_questionnaire_refuses_a_future_date(person: int) -> None:
    result = run("questionnaire", "sfi", "--answers", "1,1,1,1", "--date", "2999-01-01")
    assert result.exit_code == 2 and "date" in result.stderr


def test_subprocess_score_and_questionnaire(tmp_path: Path, cli) -> None:
    scored = cli(tmp_path, "score", "startback", "--answers", "1,1,1,1,0,0,0,0,4", "--json")
    assert scored.returncode == 0 and json.loads(scored.stdout)["band"] == "medium"
    bad = cli(tmp_path, "score", "odi", "--answers", "1,2", "--json")
    assert bad.returncode == 2 and bad.stdout == "" and "10" in bad.stderr
    stored = cli(tmp_path, "questionnaire", "sbi", "--answers", "1,2,3,4", "--json")
    assert stored.returncode == 0 and json.loads(stored.stdout)["response"]["score"] == 10
