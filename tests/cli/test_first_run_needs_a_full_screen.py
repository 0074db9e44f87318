"""Issue 11: a new person first does the check-in and the full red-flag screening; until then, no run."""

from __future__ import annotations

import json

from strideback.domain.redflags import KEYS


def test_a_new_person_gets_no_run_before_a_full_red_flag_screening(cli, tmp_path):
    home = tmp_path / "home"
    assert cli(home, "checkin", "--back", "1", "--leg", "1", "--json").returncode == 0
    before = json.loads(cli(home, "today", "--json").stdout)
    assert before["suggestion"]["sport"] != "run"
    assert "red-flag question" in before["suggestion"]["description"]
    partial = cli(home, "redflags", "--answers", "bladder=no", "--json")
    assert partial.returncode == 0
    assert json.loads(cli(home, "today", "--json").stdout)["suggestion"]["sport"] != "run"
    every = ",".join(f"{key}=no" for key in KEYS)
    assert cli(home, "redflags", "--answers", every, "--json").returncode == 0
    after = json.loads(cli(home, "today", "--json").stdout)
    assert after["suggestion"]["sport"] == "run"
