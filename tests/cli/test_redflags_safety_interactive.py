"""Issue 11, item 1: the interactive check-in's red-flag line asks about each sign, and its answers never
lift a standing emergency (nor store "no" for a sign it did not ask about)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pexpect

from strideback.domain.redflag_words import SHORT_LABELS
from strideback.domain.redflags import SHORT_CHECKIN_KEYS


def _env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }
    env["COLUMNS"] = "200"
    env["TERM"] = "dumb"
    return env


def _run(home, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "strideback", *args, "--home", str(home)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )


def test_the_short_line_asks_each_sign_and_its_noes_do_not_lift_an_emergency(tmp_path) -> None:
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert _run(tmp_path, "redflags", "--date", yesterday, "--answers", "bladder=yes").returncode == 0
    child = pexpect.spawn(
        sys.executable,
        ["-m", "strideback", "checkin", "--home", str(tmp_path)],
        env=_env(),
        encoding="utf-8",
        timeout=60,
    )
    for prompt, answer in [
        ("Back pain now", "2"),
        ("Leg pain now", "2"),
        ("How far down the leg", "none"),
        ("Which leg", ""),  # issue 15's side and pain quality: skipped
        ("Numbness", "n"),
        ("Tingling", "n"),
        ("Weakness", "n"),
        ("pain like", ""),
        ("stiffness", "0"),
        ("sleep", "6"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    # The red-flag line: one question per sign, never "anything new?".
    for key in SHORT_CHECKIN_KEYS:
        child.expect_exact(SHORT_LABELS[key])
        child.sendline("n")
    child.expect("Saved the check-in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    advice = json.loads(_run(tmp_path, "today", "--json").stdout)
    assert advice["light"] == "stop"
    assert "anything new" not in child.before.lower()
