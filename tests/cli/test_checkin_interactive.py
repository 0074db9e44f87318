"""The check-in on a real terminal: prompts for missing values and the short red-flag line."""

import json
import os
import subprocess
import sys

import pexpect
import pytest


def _env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }
    env["COLUMNS"] = "200"
    env["TERM"] = "dumb"
    return env


def _spawn(home, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "strideback", "checkin", "--home", str(home), *args],
        env=_env(),
        encoding="utf-8",
        timeout=60,
    )


def _checkins(home) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "strideback", "checkins", "--json", "--home", str(home)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    return json.loads(out.stdout)["checkins"]


def _answer_symptoms(child: pexpect.spawn, weakness: str = "n") -> None:
    child.expect("Back pain now")
    child.sendline("3")
    child.expect("Leg pain now")
    child.sendline("12")  # out of range: asked again
    child.expect("from 0 to 10")
    child.sendline("5")
    child.expect("How far down the leg")
    child.sendline("knee")
    child.expect("Which leg")  # issue 15: the side, asked when there is leg pain
    child.sendline("left")
    child.expect("Numbness")
    child.sendline("y")
    child.expect("Tingling")
    child.sendline("n")
    child.expect("Weakness")
    child.sendline(weakness)
    child.expect("pain like")  # issue 15: the pain's quality, optional
    child.sendline("burning, electric")
    child.expect("stiffness")
    child.sendline("15")
    child.expect("sleep")
    child.sendline("6")


def _answer_red_flag_line(child: pexpect.spawn, yes: tuple[str, ...] = ()) -> None:
    """Issue 11 changed the line: each sign is asked by name (it used to be one "anything new of ..?")."""
    from strideback.domain.redflag_words import SHORT_LABELS
    from strideback.domain.redflags import SHORT_CHECKIN_KEYS

    for key in SHORT_CHECKIN_KEYS:
        child.expect_exact(SHORT_LABELS[key])
        child.sendline("y" if key in yes else "n")


def test_interactive_checkin_asks_everything_and_the_red_flag_line(tmp_path):
    child = _spawn(tmp_path)
    _answer_symptoms(child)
    _answer_red_flag_line(child)
    child.expect("Saved the check-in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [stored] = _checkins(tmp_path)
    assert (stored["back_pain"], stored["leg_pain"], stored["reach"], stored["numbness"]) == (
        3,
        5,
        "knee",
        True,
    )
    assert (stored["stiffness_min"], stored["sleep"]) == (15, 6)
    assert (stored["side"], stored["quality"]) == ("left", ["burning", "electric"])


def test_enter_through_the_optional_prompts_stores_nothing_for_them(tmp_path):
    child = _spawn(tmp_path)
    child.expect("Back pain now")
    child.sendline("2")
    child.expect("Leg pain now")
    child.sendline("4")
    for prompt in ("How far down the leg", "Which leg", "Numbness", "Tingling", "Weakness", "pain like"):
        child.expect(prompt)
        child.sendline("")
    child.expect("stiffness")
    child.sendline("")
    child.expect("sleep")
    child.sendline("")
    _answer_red_flag_line(child)
    child.expect("Saved the check-in")
    child.expect(pexpect.EOF)
    [stored] = _checkins(tmp_path)
    # Was stiffness 0 and sleep 5 (issue 15): a skipped optional field is left empty.
    assert (stored["stiffness_min"], stored["sleep"], stored["side"], stored["quality"]) == (
        None,
        None,
        None,
        [],
    )


def test_a_red_flag_answer_shows_the_emergency_message(tmp_path):
    child = _spawn(tmp_path)
    _answer_symptoms(child)
    _answer_red_flag_line(child, yes=("bladder",))
    child.expect("(?i)emergency")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(_checkins(tmp_path)) == 1


def test_flags_given_on_a_terminal_ask_nothing(tmp_path):
    child = _spawn(tmp_path, "--back", "4", "--leg", "6")
    child.expect("Saved the check-in")
    child.expect(pexpect.EOF)
    assert _checkins(tmp_path)[0]["leg_pain"] == 6


@pytest.mark.parametrize("replace", ["y", "n"])
def test_second_checkin_on_a_terminal_asks_before_replacing(tmp_path, replace):
    subprocess.run(
        [sys.executable, "-m", "strideback", "checkin", "--back", "1", "--leg", "1", "--home", str(tmp_path)],
        env=_env(),
        check=True,
        capture_output=True,
        timeout=60,
    )
    child = _spawn(tmp_path)
    _answer_symptoms(child)
    _answer_red_flag_line(child)
    child.expect("Replace it")
    child.sendline(replace)
    child.expect(pexpect.EOF)
    child.close()
    [stored] = _checkins(tmp_path)
    assert stored["leg_pain"] == (5 if replace == "y" else 1)
