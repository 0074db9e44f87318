"""`strideback redflags` through the real CLI: contract JSON, stored screening, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strideback.cli import app
from strideback.domain.redflags import KEYS
from strideback.store import records

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize(
    ("answers", "level", "reasons"),
    [
        ("bladder=yes", "emergency", ["bladder"]),
        ("foot_drop=yes,fever=yes", "urgent", ["foot_drop", "fever"]),
        ("night_pain=yes,bowel=no", "contact_clinician", ["night_pain"]),
        ("fever=no", "none", []),
        (
            "weight_loss=yes,saddle_numbness=yes,weakness_one_leg=yes",
            "emergency",
            ["saddle_numbness", "weakness_one_leg", "weight_loss"],
        ),
    ],
)
def test_json_contract_and_exit_0_whatever_the_level(
    person: int, answers: str, level: str, reasons: list[str]
) -> None:
    result = run("redflags", "--answers", answers, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"level", "reasons", "message"}
    assert (document["level"], document["reasons"]) == (level, reasons)
    assert "does not replace a clinician" in document["message"]


def test_screening_stores_only_the_questions_answered(person: int) -> None:
    """Issue 11 changed this (it stored every unlisted key as "no"): an unlisted key is not asked."""
    run("redflags", "--answers", "weakness_one_leg=yes", "--date", "2026-01-05", "--json")
    [stored] = records.list_screenings(person)
    assert (stored.level, stored.reasons, str(stored.date)) == ("urgent", ("weakness_one_leg",), "2026-01-05")
    assert stored.answers == {"weakness_one_leg": True}
    assert set(KEYS) > set(stored.answers)


@pytest.mark.parametrize(
    ("answers", "named"), [("bladdr=yes", "saddle_numbness"), ("bladder=maybe", "yes or no")]
)
def test_bad_answers_exit_2_and_store_nothing(person: int, answers: str, named: str) -> None:
    result = run("redflags", "--answers", answers, "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert named in " ".join(result.stderr.split())
    assert records.list_screenings(person) == []


def test_text_output_leads_with_the_action(person: int) -> None:
    result = run("redflags", "--answers", "both_legs=yes")
    assert result.exit_code == 0
    assert "Emergency" in result.stdout and "Go to an emergency department now" in result.stdout


def test_asks_every_question_on_a_terminal(person: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("strideback.commands.redflags_cmd.stdin_is_terminal", lambda: True)
    replies = ["n"] * len(KEYS)
    replies[KEYS.index("night_pain")] = "y"
    result = run("redflags", input="\n".join(replies) + "\n")
    assert result.exit_code == 0, result.output
    [stored] = records.list_screenings(person)
    assert (stored.level, stored.reasons) == ("contact_clinician", ("night_pain",))


def test_without_answers_off_a_terminal_is_a_usage_error(person: int) -> None:
    result = run("redflags", "--json")
    assert result.exit_code == 2 and "--answers" in result.stderr


def test_subprocess_redflags_with_home(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "strideback",
            "redflags",
            "--answers",
            "bowel=yes",
            "--json",
            "--home",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["level"] == "emergency"
