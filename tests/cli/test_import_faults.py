"""`strideback import` under hostile names, kill -9 and a full disk: a real process, as the person runs it."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..importers.helpers import gpx_track

ENV = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "STRIDEBACK_DATABASE_URL")}
if ENV.get("PYTHONPATH"):  # absolute, so the subprocesses import the same code from any folder
    ENV["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in ENV["PYTHONPATH"].split(os.pathsep))


def _gpx(day: int, points: int = 30) -> bytes:
    """A distinct run on day `day` (counted from 2023-01-01) with `points` one-second points."""
    start = 1_672_560_000 + day * 86400 + 7 * 3600
    track = [
        (46.0 + i * 0.00003, 14.0, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + i)))
        for i in range(points)
    ]
    return gpx_track(track)


def _command(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "strideback", *args, "--home", str(home)]


def _run(home: Path, *args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(_command(home, *args), capture_output=True, env=ENV, timeout=300, **kwargs)


# ---------------------------------------------------------------- hostile names


def test_a_file_name_that_is_not_utf8_neither_aborts_the_import_nor_hides_the_others(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    for day in range(7):
        (folder / f"run{day}.gpx").write_bytes(_gpx(day))
    bad = os.fsencode(folder) + b"/bad\xff.gpx"
    with open(bad, "wb") as handle:
        handle.write(_gpx(8))
    with open(os.fsencode(folder) + b"/broken\xfe.fit", "wb") as handle:
        handle.write(b"not a fit file at all")
    result = _run(tmp_path / "home", "import", str(folder), "--json")
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    report = json.loads(result.stdout)
    assert report["imported"] == 8
    (failure,) = report["failed"]
    assert failure["path"].endswith("broken\ufffd.fit")
    # named on its own on the command line, too
    again = subprocess.run(
        [sys.executable, "-m", "strideback", "import", bad, "--json", "--home", str(tmp_path / "home")],
        capture_output=True,
        env=ENV,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr.decode(errors="replace")
    assert json.loads(again.stdout)["duplicates"] == 1


def test_control_characters_in_file_names_never_reach_the_terminal(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "run.gpx").write_bytes(_gpx(1))
    hostile = "evil\x1b[2J\x1b]0;owned\x07\r.fit"
    (folder / hostile).write_bytes(b"not a fit file at all")
    for args in (("import", str(folder)), ("import", str(folder), "--json")):
        result = _run(tmp_path / "home", *args)
        assert result.returncode == 1
        for stream in (result.stdout, result.stderr):
            assert b"\x1b" not in stream and b"\x07" not in stream and b"\r" not in stream, stream
        if "--json" in args:
            (failure,) = json.loads(result.stdout)["failed"]
            assert "evil\\x1b[2J\\x1b]0;owned\\x07\\x0d.fit" in failure["path"]
        else:
            assert b"evil\\x1b[2J" in result.stderr


# ---------------------------------------------------------------- the pool dies with its parent


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_the_import_workers_die_with_their_parent(tmp_path, sig):
    folder = tmp_path / "export"
    folder.mkdir()
    for day in range(600):
        (folder / f"run{day:04d}.gpx").write_bytes(_gpx(day, points=400))
    _run(tmp_path / "home", "checkins")  # the database exists before the import starts
    parent = subprocess.Popen(
        _command(tmp_path / "home", "import", str(folder), "--json"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    try:
        workers: set[int] = set()
        for _ in range(1200):  # until the pool is up (the import takes far longer than this)
            workers = _children(parent.pid)
            if workers or parent.poll() is not None:
                break
            time.sleep(0.05)
        assert workers, "the import finished before its pool was seen; make the folder bigger"
        os.kill(parent.pid, sig)
        parent.wait(timeout=60)
        for _ in range(600):  # a generous bound: they must go, not go fast
            if not any(_alive(w) for w in workers):
                break
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers), f"workers {workers} outlived their parent"
    finally:
        for pid in _children(parent.pid) | {parent.pid}:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


# ---------------------------------------------------------------- a full disk


def test_a_full_disk_ends_in_one_line_in_the_persons_words_and_a_report(tmp_path):
    home = tmp_path / "home"
    assert _run(home, "checkins").returncode == 0
    folder = tmp_path / "export"
    folder.mkdir()
    for day in range(300):  # enough (> 4 MB) to be read by the process pool, as a real export is
        (folder / f"run{day:04d}.gpx").write_bytes(_gpx(day, points=400))
    used = sum(p.stat().st_size for p in home.iterdir() if p.is_file())
    limit = used + 256 * 1024  # the disk fills a few dozen files in

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    for args in (("import", str(folder), "--json"), ("import", str(folder))):
        result = _run(home, *args, preexec_fn=small_disk)
        error = result.stderr.decode(errors="replace")
        assert result.returncode == 1, error
        assert "Traceback" not in error and "disk" in error.lower(), error
        lines = [line for line in error.splitlines() if line.strip()]
        assert len(lines) == 1, error
        if "--json" in args:
            report = json.loads(result.stdout)
            assert report["imported"] + report["duplicates"] < 300
            assert "stopped" in report
        else:
            assert b"activities imported" in result.stdout
    # and nothing was lost or half-written: a run without the limit completes the import
    final = _run(home, "import", str(folder), "--json")
    assert final.returncode == 0, final.stderr.decode(errors="replace")
    report = json.loads(final.stdout)
    assert report["imported"] + report["duplicates"] == 300
