"""Issue 14, load bench findings: while PostgreSQL restarts, a request whose first database read happens
in middleware (the session, the account) failed with a bare 500; it gets the same 503 in the person's
words (with Retry-After) as a failure inside a view. And a kept connection is health-checked before
reuse, so after the restart each thread reconnects instead of failing once more."""

from __future__ import annotations

from django.db import OperationalError
from django.test import Client

from .conftest import signed_in


def _database_gone(*args: object, **kwargs: object) -> None:
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def test_a_database_failure_in_middleware_is_a_503_in_words(world, monkeypatch):
    client = signed_in(Client(raise_request_exception=False), world.ann)
    monkeypatch.setattr("strideback.web.server_access.account_of", _database_gone)
    for path in ("/", "/api/today"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response["Retry-After"] == "30"
        assert "cannot reach" in response.content.decode()
        assert response["Content-Security-Policy"]


def test_postgresql_connections_are_checked_before_reuse(monkeypatch, tmp_path):
    from strideback.config import database_settings

    monkeypatch.setenv("STRIDEBACK_DATABASE_URL", "postgresql://u@127.0.0.1:5432/strideback")
    settings = database_settings(tmp_path)
    assert settings["CONN_MAX_AGE"] == 60 and settings["CONN_HEALTH_CHECKS"] is True


def test_gunicorn_runs_threads_beside_each_worker(monkeypatch):
    """One request at a time per worker made every check-in wait behind the sign-ins ahead of it."""
    from strideback.commands import _server_mode

    seen: list[list[str]] = []
    monkeypatch.setattr(_server_mode.os, "execve", lambda exe, argv, env: seen.append(argv))
    _server_mode.run("127.0.0.1:8000", 2, insecure_http=True)
    argv = seen[0]
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert int(argv[argv.index("--threads") + 1]) >= 2
