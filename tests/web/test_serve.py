"""`strideback serve`: loopback only, the demo on first run, the real server answering, quiet logs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strideback.commands.serve_cmd import is_loopback, url_for


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.org", "::", "10.0.0.1"])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def test_url_for_ipv6():
    assert url_for("::1", 8000) == "http://[::1]:8000/"
    assert url_for("127.0.0.1", 9) == "http://127.0.0.1:9/"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "not a loopback address"),
        (["--server", "--workers", "1"], "expects HTTPS in front"),
        (["--server", "--workers", "3", "--insecure-http"], "one worker"),
    ],
)
def test_refuses_non_loopback_and_unsafe_server_mode(args, message, tmp_path, monkeypatch):
    monkeypatch.delenv("STRIDEBACK_DATABASE_URL", raising=False)
    monkeypatch.delenv("STRIDEBACK_PUBLIC_URL", raising=False)
    from strideback.cli import app

    result = CliRunner().invoke(app, ["serve", "--home", str(tmp_path), *args])
    assert result.exit_code == 2
    assert message in result.output.replace("\n", " ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(home: Path | None, *extra: str, **env: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    at_home = ["--home", str(home)] if home is not None else []
    server = subprocess.Popen(
        [sys.executable, "-m", "strideback", "serve", *at_home, "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},  # the test settings
            "PYTHONUNBUFFERED": "1",
            "COLUMNS": "200",
            **env,
        },
    )
    return server, f"http://127.0.0.1:{port}/"


def get(url: str) -> tuple[int, str]:
    for _ in range(600):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read().decode()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


def stop(server: subprocess.Popen) -> tuple[str, str]:
    server.terminate()
    return server.communicate(timeout=30)


@pytest.mark.slow
def test_serve_demo_shows_the_demo_from_its_own_folder_and_serves_every_page(tmp_path):
    # Was "the first run creates the demo in the home": issue 15 moves the demo into its own folder.
    mine, demo = tmp_path / "mine", tmp_path / "demo"
    server, url = start(None, "--demo", STRIDEBACK_HOME=str(mine), STRIDEBACK_DEMO_HOME=str(demo))
    try:
        status, html = get(url)
        assert status == 200 and "Alex (demo)" not in html  # names are not shown; the light is
        assert 'data-light="' in html
        for path in ("trends", "activities", "plan", "questionnaires", "red-flags", "api/today"):
            assert get(url + path)[0] == 200
    finally:
        out, err = stop(server)
    assert "demo person" in out
    assert url in out
    assert "GET" not in out + err and "leg_pain" not in out + err  # no request lines, no health values
    assert (demo / "strideback.sqlite3").exists()
    assert not (mine / "strideback.sqlite3").exists()  # the person's own folder is never touched


@pytest.mark.slow
def test_first_run_leaves_the_persons_home_empty(tmp_path):
    server, url = start(tmp_path)
    try:
        status, html = get(url + "activities")
        assert status == 200 and "No sessions between" in html
    finally:
        out, _ = stop(server)
    assert "serve --demo" in out  # says how to see the demo instead


@pytest.mark.slow
def test_no_demo_leaves_the_home_empty(tmp_path):
    server, url = start(tmp_path, "--no-demo")
    try:
        status, html = get(url + "activities")
        assert status == 200 and "No sessions between" in html
    finally:
        out, _ = stop(server)
    assert "demo" not in out
