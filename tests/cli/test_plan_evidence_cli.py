"""Issue 11 through the real command, as a clinician tried it: the plan moves only on complete,
green evidence, is re-judged when a score is entered later, and follows the weekly rule."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

TODAY = dt.date.today()


def ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n")
    return path


def ok(result) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_plan_nine_imported_runs_without_pain_or_check_ins_do_not_advance(cli, tmp_path: Path) -> None:
    runs = write_csv(
        tmp_path / "runs.csv", "date,sport,minutes,km", [f"{ago(n)},run,20,3" for n in range(18, 1, -2)]
    )
    imported = ok(cli(tmp_path, "import", str(runs), "--json"))
    assert imported["imported"] == 9
    plan = ok(cli(tmp_path, "plan", "show", "--json"))
    assert plan["stage"] == 1
    assert "advance" not in [e["kind"] for e in plan["history"]]
    today = ok(cli(tmp_path, "today", "--json"))
    assert all(s["light"] != "green" for s in today["sessions"])
    assert all(not s["complete"] for s in today["sessions"])
    assert any("strideback pain" in r for r in today["reminders"])  # how to complete the evidence


def _green_history(cli, tmp_path: Path) -> list[int]:
    """Daily morning check-ins (leg 2) and four complete green runs, a rest day between each."""
    run_days = (9, 7, 5, 3)
    runs = write_csv(
        tmp_path / "runs.csv",
        "date,sport,minutes,km,pain_during,pain_after",
        [f"{ago(n)},run,20,3,1,1" for n in run_days],
    )
    mornings = write_csv(
        tmp_path / "checkins.csv", "date,back_pain,leg_pain", [f"{ago(n)},2,2" for n in range(12, -1, -1)]
    )
    ok(cli(tmp_path, "import", str(runs), "--json"))
    ok(cli(tmp_path, "import", str(mornings), "--json"))
    activities = ok(cli(tmp_path, "activities", "--json"))["activities"]
    return [a["id"] for a in sorted(activities, key=lambda a: a["start"])]


def test_plan_pain_entered_later_moves_the_plan_back(cli, tmp_path: Path) -> None:
    ids = _green_history(cli, tmp_path)
    assert ok(cli(tmp_path, "plan", "show", "--json"))["stage"] == 3
    ok(cli(tmp_path, "pain", str(ids[-1]), "--during", "8", "--json"))
    plan = ok(cli(tmp_path, "plan", "show", "--json"))
    assert plan["stage"] == 1  # 3 was reached on that run: re-judged red, one stage back from 2
    assert plan["history"][-1]["kind"] == "step_back"


def test_plan_back_to_back_run_days_do_not_both_count(cli, tmp_path: Path) -> None:
    runs = write_csv(
        tmp_path / "runs.csv",
        "date,sport,minutes,km,pain_during,pain_after",
        [f"{ago(n)},run,20,3,1,1" for n in (6, 5)],
    )
    mornings = write_csv(
        tmp_path / "checkins.csv", "date,back_pain,leg_pain", [f"{ago(n)},2,2" for n in range(9, -1, -1)]
    )
    ok(cli(tmp_path, "import", str(runs), "--json"))
    ok(cli(tmp_path, "import", str(mornings), "--json"))
    assert ok(cli(tmp_path, "plan", "show", "--json"))["stage"] == 1


def test_plan_pain_after_nine_is_red(cli, tmp_path: Path) -> None:
    mornings = write_csv(
        tmp_path / "checkins.csv", "date,back_pain,leg_pain", [f"{ago(n)},2,2" for n in range(5, -1, -1)]
    )
    ok(cli(tmp_path, "import", str(mornings), "--json"))
    ok(
        cli(
            tmp_path,
            "log",
            "run",
            "--minutes",
            "20",
            "--date",
            ago(1),
            "--pain-during",
            "1",
            "--pain-after",
            "9",
            "--json",
        )
    )
    today = ok(cli(tmp_path, "today", "--json"))
    [session] = [s for s in today["sessions"] if s["date"] == ago(1)]
    assert session["light"] == "red"
    assert today["light"] == "red" and today["suggestion"]["sport"] != "run"


def test_plan_check_in_typed_after_the_run_is_not_the_morning_before(cli, tmp_path: Path) -> None:
    ok(cli(tmp_path, "checkin", "--date", ago(2), "--back", "2", "--leg", "2", "--json"))
    ok(
        cli(
            tmp_path,
            "log",
            "run",
            "--minutes",
            "20",
            "--date",
            ago(1),
            "--pain-during",
            "1",
            "--pain-after",
            "1",
            "--json",
        )
    )
    # typed now, after yesterday's run, for yesterday's date:
    ok(cli(tmp_path, "checkin", "--date", ago(1), "--back", "2", "--leg", "6", "--json"))
    ok(cli(tmp_path, "checkin", "--back", "2", "--leg", "6", "--json"))
    today = ok(cli(tmp_path, "today", "--json"))
    [session] = [s for s in today["sessions"] if s["date"] == ago(1)]
    assert session["light"] == "red"  # leg pain 2 before the run, 6 the next morning


def test_plan_pain_limit_above_five_is_refused_not_shown_as_applied(cli, tmp_path: Path) -> None:
    result = cli(tmp_path, "plan", "caps", "--pain-limit", "8", "--json")
    assert result.returncode == 2
    assert "pain" in result.stderr and "5" in result.stderr
    applied = ok(cli(tmp_path, "plan", "caps", "--pain-limit", "4", "--json"))
    assert applied["caps"]["pain_during_limit"] == 4


def test_plan_weekly_rule_leg_pain_climbing_over_seven_weeks(cli, tmp_path: Path) -> None:
    first = 48
    ok(cli(tmp_path, "today", "--date", ago(first), "--json"))  # the plan starts before the climb
    days = range(first, -1, -1)
    legs = {n: round(1 + 6 * (first - n) / first) for n in days}
    runs = write_csv(
        tmp_path / "runs.csv",
        "date,sport,minutes,km,pain_during,pain_after",
        [f"{ago(n)},run,20,3,1,{legs[n]}" for n in days if n % 2 == 1],
    )
    mornings = write_csv(
        tmp_path / "checkins.csv", "date,back_pain,leg_pain", [f"{ago(n)},2,{legs[n]}" for n in days]
    )
    ok(cli(tmp_path, "import", str(runs), "--json"))
    ok(cli(tmp_path, "import", str(mornings), "--json"))
    today = ok(cli(tmp_path, "today", "--json"))
    assert today["light"] == "red"
    assert today["suggestion"]["sport"] != "run"
    plan = ok(cli(tmp_path, "plan", "show", "--json"))
    late = [e for e in plan["history"] if e["date"] >= ago(27)]
    assert "advance" not in [e["kind"] for e in late]
    assert plan["stage"] <= 2
