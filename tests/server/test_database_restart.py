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


def test_passwords_are_argon2id_with_owasps_parameters_and_old_hashes_still_verify(db):
    """A sign-in cost ~0.25 s of CPU with Django's default Argon2 parameters (the load bench's sign-in
    storm); OWASP's minimum is about 8 times cheaper. A hash made with the old parameters still
    verifies, and is re-hashed with the new ones."""
    from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password

    encoded = make_password("a long enough passphrase 42")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    old = Argon2PasswordHasher().encode("a long enough passphrase 42", "somesaltsomesalt")
    assert "m=102400,t=2,p=8" in old
    updated: list[str] = []
    assert check_password("a long enough passphrase 42", old, setter=updated.append)
    assert updated == ["a long enough passphrase 42"]  # Django re-hashes it at this sign-in
