"""A check-in from every face lands while a long import runs in another process; a database that stays
locked gets a clear answer (CLI one line, API 503 + Retry-After, the form kept), never a 500.

Real processes on a real SQLite file: `strideback serve`, `strideback import`, `strideback checkin`.
The faces run with a short busy timeout (STRIDEBACK_BUSY_TIMEOUT=5 s, the default is 20 s): a check-in
that had to wait for the whole import, or for more than a moment, fails instead of landing. No timing is
asserted: only that each write lands (and that the import was still running when they had).
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from ..cli.test_import_faults import ENV, _gpx
from .test_serve import free_port

CHECKIN = [sys.executable, "-m", "strideback", "checkin"]
FACE_ENV = {**ENV, "STRIDEBACK_BUSY_TIMEOUT": "5", "PYTHONUNBUFFERED": "1"}


class Browser:
    """A cookie-keeping client that speaks to the dashboard as a browser would (CSRF token included)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        for _ in range(600):
            try:
                with self.opener.open(self.url + path, timeout=60) as response:
                    html = response.read().decode()
                    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
                    self.token = found.group(1) if found else getattr(self, "token", "")
                    return response.status, html
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()
            except urllib.error.URLError:
                time.sleep(0.1)  # not listening yet
        raise AssertionError("the server did not answer")

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.token}).encode()
        request = urllib.request.Request(self.url + path, data=body, method="POST")
        request.add_header("Referer", self.url + path)
        return self._send(request)

    def post_json(self, path: str, data: dict) -> tuple[int, str, dict]:
        request = urllib.request.Request(self.url + path, data=json.dumps(data).encode(), method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("X-CSRFToken", self.csrf())
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> tuple[int, str, dict]:
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)


@pytest.fixture
def served(tmp_path):
    home = tmp_path / "home"
    first = subprocess.run(
        [*CHECKIN, "--date", "2020-01-01", "--back", "1", "--leg", "1", "--home", str(home)],
        capture_output=True,
        env=FACE_ENV,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "strideback", "serve", "--home", str(home), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=FACE_ENV,
    )
    browser = Browser(f"http://127.0.0.1:{port}/")
    browser.get("")
    yield home, browser
    server.terminate()
    server.communicate(timeout=30)


def _cli_checkin(home: Path, day: str, timeout: str = "5") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            *CHECKIN,
            "--date",
            day,
            "--back",
            "2",
            "--leg",
            "3",
            "--note",
            "typed",
            "--json",
            "--home",
            str(home),
        ],
        capture_output=True,
        env={**FACE_ENV, "STRIDEBACK_BUSY_TIMEOUT": timeout},
        timeout=300,
    )


def _query(home: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(home / "strideback.sqlite3", timeout=30)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _checkin_days(home: Path) -> set[str]:
    return {row[0] for row in _query(home, "SELECT date FROM store_checkin")}


def _activities(home: Path) -> int:
    return _query(home, "SELECT count(*) FROM store_activity")[0][0]


@pytest.mark.slow
def test_a_check_in_from_every_face_lands_while_a_long_import_runs(served, tmp_path):
    home, browser = served
    folder = tmp_path / "export"
    folder.mkdir()
    files = 1500
    for day in range(files):
        # days before 2023-01-01 too, so that every run lies in the past (imports refuse future starts)
        (folder / f"run{day:04d}.gpx").write_bytes(_gpx(day - files, points=300))
    importer = subprocess.Popen(
        [sys.executable, "-m", "strideback", "import", str(folder), "--json", "--home", str(home)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    try:
        while _activities(home) == 0 and importer.poll() is None:
            time.sleep(0.05)  # until the import is writing
        cli = _cli_checkin(home, "2021-03-01")
        assert cli.returncode == 0, cli.stderr.decode(errors="replace")
        form = browser.post_form(
            "", {"date": "2021-03-02", "leg_pain": "3", "back_pain": "2", "reach": "none"}
        )
        assert form[0] == 200 and "Saved the check-in" in form[1], form[:2]
        api = browser.post_json("api/checkins", {"date": "2021-03-03", "back_pain": 2, "leg_pain": 3})
        assert api[0] == 201, api[:2]
        still_running = importer.poll() is None
        out, err = importer.communicate(timeout=900)
    finally:
        if importer.poll() is None:
            importer.kill()
    assert importer.returncode == 0, err.decode(errors="replace")
    assert json.loads(out)["imported"] == files
    assert {"2021-03-01", "2021-03-02", "2021-03-03"} <= _checkin_days(home)  # no write lost
    assert still_running, "the import ended before the check-ins: make it longer to test anything"


@pytest.mark.slow
def test_a_database_that_stays_locked_gets_a_clear_answer_on_every_face(served):
    home, browser = served
    blocker = sqlite3.connect(home / "strideback.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer that never lets go
    try:
        cli = _cli_checkin(home, "2021-04-01", timeout="1")
        error = cli.stderr.decode(errors="replace")
        assert cli.returncode == 1 and "Traceback" not in error, error
        assert len(error.strip().splitlines()) == 1 and "busy" in error and "again" in error, error
        status, body, headers = browser.post_json(
            "api/checkins", {"date": "2021-04-02", "back_pain": 2, "leg_pain": 3}
        )
        assert status == 503 and headers.get("Retry-After"), (status, body)
        assert "busy" in json.loads(body)["detail"]
        status, html, headers = browser.post_form(
            "",
            {"date": "2021-04-03", "leg_pain": "3", "back_pain": "2", "reach": "none", "note": "kept words"},
        )
        assert status == 503 and headers.get("Retry-After"), (status, html[:500])
        assert "Not saved yet" in html and 'value="kept words"' in html and "<nav" in html
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert "2021-04-01" not in _checkin_days(home)
