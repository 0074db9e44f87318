"""Failures in the person's words: when the database cannot be reached or written, the command prints one
line saying what to do and exits 1, never a traceback (which could show health values)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }
    return subprocess.run(
        [sys.executable, "-m", "strideback", *args, "--home", str(home)],
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=120,
    )


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_postgresql_unreachable_is_one_line_and_exit_1(tmp_path):
    result = _run(
        tmp_path,
        "checkin",
        "--back",
        "2",
        "--leg",
        "3",
        STRIDEBACK_DATABASE_URL="postgresql://strideback@127.0.0.1:1/strideback",
    )
    line = _one_line(result)
    assert "cannot reach" in line and "127.0.0.1:1" in line and "try again" in line


def test_sqlite_database_that_cannot_be_opened_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "strideback.sqlite3").mkdir()  # something that is not a database stands in its place
    line = _one_line(_run(tmp_path, "today"))
    assert "cannot reach" in line and "strideback.sqlite3" in line


def test_a_read_only_database_is_one_line_and_exit_1(person, monkeypatch, capsys):
    from django.db import OperationalError

    from strideback import cli

    def read_only(*args, **kwargs):
        raise OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("strideback.services.checkins.record_check_in", read_only)
    # Django is set up already; setting it up again would bind the log handlers to this test's capture
    monkeypatch.setattr("django.setup", lambda *args, **kwargs: None)
    monkeypatch.setattr(sys, "argv", ["strideback", "checkin", "--back", "2", "--leg", "3", "--note", "n0te"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "read-only" in err and "Traceback" not in err and "n0te" not in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1
