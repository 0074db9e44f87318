"""Issue 11, red flags and today's light, reproduced through the real command in a subprocess.

Each test is one reported history (the issue's numbering in the name): the stop that must hold, the
back-dated emergency, weakness, resting pain, the red morning that holds, and no run without a check-in.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

TODAY = dt.date.today()


def day(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def ok(cli, home: Path, *args: str) -> str:
    result = cli(home, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def today(cli, home: Path, n: int = 0) -> dict:
    return json.loads(ok(cli, home, "today", "--date", day(n), "--json"))


def test_item1_unlisted_keys_do_not_lift_a_checkin_emergency(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "checkin", "--date", day(1), "--back", "2", "--leg", "2", "--red-flag", "bladder")
    ok(cli, tmp_path, "checkin", "--date", day(0), "--back", "2", "--leg", "2")
    ok(cli, tmp_path, "redflags", "--date", day(0), "--answers", "fever=yes")
    advice = today(cli, tmp_path)
    assert advice["light"] == "stop"
    assert advice["suggestion"]["sport"] != "run"


def test_item1_empty_answers_are_a_usage_error_and_the_stop_stands(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "redflags", "--date", day(1), "--answers", "foot_drop=yes")
    result = cli(tmp_path, "redflags", "--answers", "")
    assert result.returncode == 2
    assert "--answers" in result.stderr
    ok(cli, tmp_path, "checkin", "--back", "1", "--leg", "1")
    assert today(cli, tmp_path)["light"] == "stop"


def test_item1_a_plain_no_does_not_lift_an_emergency_without_an_assessment(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "redflags", "--date", day(2), "--answers", "bladder=yes")
    ok(cli, tmp_path, "checkin", "--date", day(1), "--back", "1", "--leg", "1")
    ok(cli, tmp_path, "redflags", "--date", day(1), "--answers", "bladder=no")
    ok(cli, tmp_path, "checkin", "--back", "1", "--leg", "1")
    advice = today(cli, tmp_path)
    assert advice["light"] == "stop"
    assert any("assess" in reason for reason in advice["reasons"])
    # The clinician has seen the person: recorded, then a later screening says the sign has gone.
    assessed = json.loads(ok(cli, tmp_path, "redflags", "--assessed", "--note", "GP, no CES", "--json"))
    assert assessed["assessed"] is True
    assert today(cli, tmp_path)["light"] == "stop"  # assessed, but the sign has not been answered "no" since
    ok(cli, tmp_path, "redflags", "--answers", "bladder=no")
    assert today(cli, tmp_path)["light"] != "stop"


def test_item2_a_back_dated_emergency_still_stops_today(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "redflags", "--date", day(1), "--answers", "fever=no")
    out = ok(cli, tmp_path, "redflags", "--date", day(3), "--answers", "bladder=yes,bowel=yes")
    assert "emergency department" in out
    ok(cli, tmp_path, "checkin", "--back", "1", "--leg", "1")
    assert today(cli, tmp_path)["light"] == "stop"


def test_item3_a_first_checkin_with_weakness_is_the_urgent_sign(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "checkin", "--back", "2", "--leg", "3", "--weakness", "--numbness", "--reach", "foot")
    advice = today(cli, tmp_path)
    assert advice["light"] == "stop"
    assert advice["suggestion"]["sport"] != "run"


def test_item3_weakness_that_stays_is_never_a_run_day(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "checkin", "--date", day(2), "--back", "2", "--leg", "2")
    ok(cli, tmp_path, "checkin", "--date", day(1), "--back", "2", "--leg", "2", "--weakness")
    assert today(cli, tmp_path, 1)["light"] == "stop"
    ok(cli, tmp_path, "redflags", "--assessed", "--date", day(1))
    ok(cli, tmp_path, "redflags", "--date", day(1), "--answers", "weakness_one_leg=no,foot_drop=no")
    ok(cli, tmp_path, "checkin", "--back", "2", "--leg", "2", "--weakness")
    advice = today(cli, tmp_path)
    assert advice["light"] == "red"
    assert advice["suggestion"]["sport"] != "run"
    assert any("clinician" in reason for reason in advice["reasons"])


def test_item4_severe_resting_leg_pain_is_red(cli, tmp_path: Path) -> None:
    for n in (2, 1, 0):
        ok(cli, tmp_path, "checkin", "--date", day(n), "--back", "3", "--leg", "9")
    advice = today(cli, tmp_path)
    assert advice["light"] == "red"
    assert advice["suggestion"]["sport"] != "run"


def test_item5_a_red_morning_holds_without_a_better_one(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "checkin", "--date", day(3), "--back", "2", "--leg", "2", "--reach", "knee")
    ok(
        cli,
        tmp_path,
        "checkin",
        "--date",
        day(2),
        "--back",
        "2",
        "--leg",
        "3",
        "--reach",
        "foot",
        "--numbness",
    )
    assert today(cli, tmp_path, 2)["light"] == "red"
    assert today(cli, tmp_path, 1)["light"] == "red"  # no check-in the next day: still red
    ok(
        cli,
        tmp_path,
        "checkin",
        "--date",
        day(1),
        "--back",
        "2",
        "--leg",
        "3",
        "--reach",
        "foot",
        "--numbness",
    )
    assert today(cli, tmp_path, 1)["light"] == "red"  # unchanged: still red
    ok(cli, tmp_path, "checkin", "--date", day(0), "--back", "2", "--leg", "2", "--reach", "knee")
    assert today(cli, tmp_path)["light"] != "red"


def test_item6_no_run_without_this_mornings_checkin(cli, tmp_path: Path) -> None:
    advice = today(cli, tmp_path)  # a brand-new person
    assert advice["suggestion"]["sport"] != "run"
    assert "check-in" in advice["suggestion"]["description"]
    ok(cli, tmp_path, "checkin", "--date", day(10), "--back", "2", "--leg", "2")
    advice = today(cli, tmp_path)
    assert advice["suggestion"]["sport"] != "run"
    assert "check-in" in advice["suggestion"]["description"]


def test_item9_clinician_soon_signs_reach_today(cli, tmp_path: Path) -> None:
    ok(cli, tmp_path, "checkin", "--back", "1", "--leg", "1")
    ok(cli, tmp_path, "redflags", "--answers", "fever=yes")
    advice = today(cli, tmp_path)
    assert advice["light"] == "amber"
    assert any("GP or physiotherapist" in r for r in advice["reasons"])
    ok(cli, tmp_path, "redflags", "--answers", "cancer_history=yes,weight_loss=yes,fever=yes")
    advice = today(cli, tmp_path)
    assert advice["light"] in ("amber", "red")
    assert any("together" in r for r in advice["reasons"])
    assert not any("No warning signs" in r for r in advice["reasons"])
