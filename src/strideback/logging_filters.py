"""Logging filters: keep logs to one line and free of request contents (health data never in logs)."""

from __future__ import annotations

import logging


class OneLine(logging.Filter):
    """Drop the traceback of an expected refusal (e.g. a request for a host name we do not serve)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class NoHealthValues(logging.Filter):
    """A refused value (InvalidValue) is logged by its field and what is allowed, never the value itself,
    and without the traceback (whose frames could show it): `pain_after: a value is not allowed ...`."""

    def filter(self, record: logging.LogRecord) -> bool:
        from strideback.domain.bounds import InvalidValue

        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, InvalidValue):
            record.msg = f"{record.getMessage()} (InvalidValue: {error.safe_message})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
