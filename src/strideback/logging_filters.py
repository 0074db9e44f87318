"""Logging filters: keep logs to one line and free of request contents (health data never in logs)."""

from __future__ import annotations

import logging


class OneLine(logging.Filter):
    """Drop the traceback of an expected refusal (e.g. a request for a host name we do not serve)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
