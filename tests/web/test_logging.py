"""What the server writes to its log: a refused host is one line, and no health values appear."""

import contextlib
import io
import logging

import pytest


@contextlib.contextmanager
def server_log():
    """Everything the configured log handlers would write, captured."""
    stream = io.StringIO()
    names = ("", "django", "django.request", "django.security", "django.server", "waitress", "strideback")
    handlers = {
        h for name in names for h in logging.getLogger(name).handlers if isinstance(h, logging.StreamHandler)
    }
    previous = {h: h.setStream(stream) for h in handlers}
    probe = logging.StreamHandler(stream)
    logging.getLogger().addHandler(probe)
    try:
        yield stream
    finally:
        logging.getLogger().removeHandler(probe)
        for handler, old in previous.items():
            handler.setStream(old)


@pytest.mark.django_db
def test_a_refused_host_is_logged_in_one_line_without_a_traceback(client):
    handlers = logging.getLogger("django.security").handlers
    assert handlers and all(
        any(type(f).__name__ == "OneLine" for f in handler.filters) for handler in handlers
    )
    stream = io.StringIO()
    previous = {handler: handler.setStream(stream) for handler in handlers}
    try:
        response = client.get("/", HTTP_HOST="evil.example")
    finally:
        for handler, old in previous.items():
            handler.setStream(old)
    assert response.status_code == 400
    logged = stream.getvalue()
    assert logged.count("\n") == len(handlers) and "evil.example" in logged
    assert "Traceback" not in logged


def test_checkin_values_never_reach_the_log(client, person, capfd):
    client.get("/")  # a CSRF cookie for the form
    token = client.cookies["csrftoken"].value
    client.post(
        "/",
        {
            "csrfmiddlewaretoken": token,
            "back_pain": "7",
            "leg_pain": "9",
            "reach": "foot",
            "note": "secret-note-text",
        },
    )
    err = capfd.readouterr().err
    assert "secret-note-text" not in err
