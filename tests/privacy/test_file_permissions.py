"""The health database is private to its owner: the home is 0700, every file in it 0600, and another
local account cannot read it. Existing homes are fixed on open, with one notice."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("runuser") is None, reason="reading as another user needs root"
)


def _strideback(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "strideback", *args, "--home", str(home)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=180,
        cwd="/",
        preexec_fn=_usual_umask,
    )


def _env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")
    }
    if env.get("PYTHONPATH"):  # made absolute: the command runs from /
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in env["PYTHONPATH"].split(os.pathsep)
        )
    return env


def _usual_umask() -> None:
    """A person's shell has umask 022 (this test process has strideback's own 077 already)."""
    os.umask(0o022)


@pytest.fixture
def public_parent():
    """A folder every account can enter (pytest's own temporary folders are private to root)."""
    parent = Path(tempfile.mkdtemp(prefix="strideback-perm-", dir="/tmp"))
    parent.chmod(0o755)
    yield parent
    shutil.rmtree(parent, ignore_errors=True)


def _as_nobody(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "nobody", "--", *command],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=60,
        cwd="/",
    )


def _files(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file()]


def test_a_new_home_and_its_database_are_private(public_parent):
    home = public_parent / "home"
    result = _strideback(home, "checkin", "--back", "2", "--leg", "3", "--note", "private words")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    names = {p.name for p in _files(home)}
    assert {"strideback.sqlite3", "secret_key"} <= names
    for path in _files(home):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    for path in [home / "strideback.sqlite3", *home.glob("*-wal")]:
        read = _as_nobody("cat", str(path))
        assert read.returncode != 0 and "private words" not in read.stdout
    listing = _as_nobody("ls", str(home))
    assert listing.returncode != 0


def test_wal_and_shm_files_are_private_while_the_database_is_open(public_parent):
    home = public_parent / "home"
    home.mkdir(mode=0o700)
    code = (
        "import os, sqlite3, stat, sys;"
        "from strideback.config import private_home;"
        f"private_home(__import__('pathlib').Path({str(home)!r}));"
        f"c = sqlite3.connect({str(home / 'strideback.sqlite3')!r});"
        "c.execute('PRAGMA journal_mode=WAL'); c.execute('create table t(x)'); c.execute('insert into t values (1)');"
        "c.commit();"
        f"print(sorted((p, oct(stat.S_IMODE(os.stat(os.path.join({str(home)!r}, p)).st_mode))) for p in os.listdir({str(home)!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        preexec_fn=_usual_umask,
    )
    assert out.returncode == 0, out.stderr
    assert "-wal" in out.stdout and "-shm" in out.stdout
    assert "0o644" not in out.stdout and "0o600" in out.stdout


def test_an_existing_open_home_is_made_private_once_and_says_so(public_parent):
    home = public_parent / "home"
    assert _strideback(home, "checkin", "--back", "2", "--leg", "3").returncode == 0
    home.chmod(0o755)
    for path in _files(home):
        path.chmod(0o644)
    (home / "cache").mkdir(exist_ok=True)
    (home / "cache").chmod(0o755)
    assert _as_nobody("cat", str(home / "strideback.sqlite3")).returncode == 0  # readable before

    first = _strideback(home, "today")
    assert first.returncode == 0, first.stderr
    assert "private" in first.stderr and str(home) in first.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "cache").stat().st_mode) == 0o700
    for path in _files(home):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert _as_nobody("cat", str(home / "strideback.sqlite3")).returncode != 0

    second = _strideback(home, "today")
    assert "private" not in second.stderr  # said once


def test_files_strideback_writes_elsewhere_are_private(public_parent):
    home = public_parent / "home"
    assert _strideback(home, "checkin", "--back", "2", "--leg", "3").returncode == 0
    out = public_parent / "out"
    result = _strideback(home, "export", "--csv", str(out), "--archive", str(public_parent / "a.zip"))
    assert result.returncode == 0, result.stderr
    for path in [*out.glob("*.csv"), public_parent / "a.zip"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
