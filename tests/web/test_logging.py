"""What the server writes to its log: a refused host is one line, and no health values appear."""

import contextlib
import io
import logging


@contextlib.contextmanager
def server_log():
    """Everything the configured log handlers would write, captured."""
    stream = io.StringIO()
    names = ("", "django", "django.request", "django.security", "django.server", "waitress", "strideback")
    handlers = {
        h for name in names for h in logging.getLogger(name).handlers if isinstance(h, logging.StreamHandler)
    }
    # Swap the stream directly: setStream flushes the old one, and a handler left behind by an in-process
    # command run may hold a stream that is closed by now.
    previous = {h: h.stream for h in handlers}
    for h in handlers:
        h.stream = stream
    probe = logging.StreamHandler(stream)
    logging.getLogger().addHandler(probe)
    try:
        yield stream
    finally:
        logging.getLogger().removeHandler(probe)
        for handler, old in previous.items():
            handler.stream = old


def test_a_refused_host_is_logged_in_one_line_without_a_traceback():
    """The settings route django.security through the one-line filter, and the filter drops tracebacks."""
    from django.conf import settings

    from strideback.logging_filters import OneLine

    config = settings.LOGGING
    [handler_name] = config["loggers"]["django.security"]["handlers"]
    assert config["loggers"]["django.security"]["propagate"] is False
    [filter_name] = config["handlers"][handler_name]["filters"]
    assert config["filters"][filter_name]["()"] == "strideback.logging_filters.OneLine"

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(OneLine())
    logger = logging.Logger("probe")
    logger.addHandler(handler)
    try:
        raise ValueError("Invalid HTTP_HOST header: 'evil.example'")
    except ValueError as error:
        logger.error(str(error), exc_info=error)
    assert stream.getvalue() == "Invalid HTTP_HOST header: 'evil.example'\n"


def test_checkin_values_never_reach_the_log(client, person):
    with server_log() as log:
        client.get("/")
        client.post("/", {"back_pain": "7", "leg_pain": "12", "reach": "foot", "note": "secret-note-text"})
        client.post(
            "/api/checkins",
            {"date": "2026-01-01", "back_pain": 99, "note": "secret-note-text"},
            content_type="application/json",
        )
    assert "secret-note-text" not in log.getvalue()
