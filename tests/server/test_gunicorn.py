"""`strideback serve --server` for real: gunicorn worker processes, sign-in through the login form, a
person's pages, a clinician's list, and the security headers and cookies behind a TLS proxy.

With STRIDEBACK_DATABASE_URL (PostgreSQL, as in CI's second run) it runs two workers; on SQLite, one.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

PASSWORD = "a long enough passphrase 42"
pytestmark = pytest.mark.slow


def _env(home: Path, public: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return {**env, "STRIDEBACK_HOME": str(home), "STRIDEBACK_PUBLIC_URL": public, "PYTHONUNBUFFERED": "1"}


def _cli(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "strideback", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    def __init__(self, base: str, headers: dict[str, str] | None = None) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.headers = headers or {}

    def open(self, path: str, data: dict[str, str] | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        return self.opener.open(request, timeout=60)

    def sign_in(self, email: str) -> None:
        page = self.open("/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.open("/accounts/login/", {"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD})


@pytest.fixture
def database_url():
    """A fresh PostgreSQL database of its own when the run has one (CI's second run), else SQLite."""
    url = os.environ.get("STRIDEBACK_DATABASE_URL")
    if not url:
        yield None
        return
    import uuid

    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"strideback_server_{uuid.uuid4().hex[:8]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server(tmp_path, database_url):
    workers = "2" if database_url else "1"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = _env(tmp_path, base)
    env.pop("STRIDEBACK_DATABASE_URL", None)
    if database_url:
        env["STRIDEBACK_DATABASE_URL"] = database_url
    for email, role in (("ann@example.org", "person"), ("dr@example.org", "clinician")):
        _cli(env, "user", "add", email, "--role", role)
        _cli(env, "user", "set-password", email, "--password-stdin", stdin=PASSWORD + "\n")
    code = re.search(
        r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", _cli(env, "share", "invite", "ann@example.org")
    ).group(0)
    _cli(env, "share", "accept", code, "--clinician", "dr@example.org")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "strideback",
            "serve",
            "--server",
            "--insecure-http",
            "--workers",
            workers,
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.2)
    try:
        yield base, process, int(workers)
    finally:
        process.terminate()
        out, err = process.communicate(timeout=60)
        assert "leg_pain" not in out + err and "GET /" not in out + err  # no request lines, no health values


def _workers(process: subprocess.Popen, expected: int) -> list[str]:
    """The server's worker processes. gunicorn listens before it has forked them all, so they are counted
    until the expected number is there (or a minute has passed: then the count is what it is)."""
    deadline = time.monotonic() + 60
    while True:
        children = subprocess.run(
            ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
        ).stdout.split()
        if len(children) >= expected or time.monotonic() > deadline:
            return children
        time.sleep(0.1)


def test_people_and_clinicians_sign_in_to_their_own_pages(server):
    base, process, workers = server
    assert len(_workers(process, workers)) == workers
    anonymous = Browser(base)
    assert "/accounts/login/" in anonymous.open("/").geturl()
    ann = Browser(base)
    ann.sign_in("ann@example.org")
    today = ann.open("/")
    assert today.status == 200 and today.geturl().rstrip("/") == base
    assert ann.open("/sharing").status == 200
    doctor = Browser(base)
    doctor.sign_in("dr@example.org")
    clinic = doctor.open("/").read().decode()
    assert "ann@example.org" in clinic


def test_behind_a_tls_proxy_cookies_are_secure_and_hsts_is_sent(tmp_path):
    env = _env(tmp_path, "https://strideback.example.org")
    env.pop("STRIDEBACK_DATABASE_URL", None)  # settings only: the home's SQLite is enough
    env["STRIDEBACK_SERVER"] = "1"
    code = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client(HTTP_X_FORWARDED_PROTO='https').get('/accounts/login/', HTTP_HOST='strideback.example.org')\n"
        "print(r.status_code, r.headers.get('Strict-Transport-Security'), r.cookies['csrftoken']['secure'])\n"
        "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE, settings.CSRF_TRUSTED_ORIGINS)\n"
    )
    env["DJANGO_SETTINGS_MODULE"] = "strideback.django_settings"
    _cli(env, "user", "list")  # migrates the home
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.startswith("200 max-age=31536000") and first.endswith("True")
    assert second == "True ['https://strideback.example.org']"
