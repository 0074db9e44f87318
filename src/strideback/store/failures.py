"""Database failures in the person's words: what went wrong and what to do, in one line.

The CLI prints the line and exits 1; the pages answer 503 with it; the API answers JSON 503. Never a
traceback: a traceback may show SQL parameters, and those are health values.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass


@dataclass(frozen=True)
class StoreFailure:
    kind: str  # unreachable | read_only | busy | disk_full
    message: str
    retry_after_s: int | None = None


def _where() -> str:
    try:
        from django.conf import settings

        database = settings.DATABASES["default"]
    except Exception:  # settings not configured: say nothing about where
        return "its database"
    if "postgresql" in str(database.get("ENGINE", "")):
        host = database.get("HOST") or "localhost"
        port = database.get("PORT") or "5432"
        return f"its PostgreSQL database at {host}:{port}"
    return f"its database {database.get('NAME')}"


def describe(error: BaseException) -> StoreFailure | None:
    """A StoreFailure when `error` means the database cannot be reached or written; None otherwise."""
    from django.db import utils

    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return StoreFailure("disk_full", "The disk is full: free some space, then try again.")
    if not isinstance(error, utils.OperationalError | utils.InterfaceError):
        return None
    text = str(error).lower()
    where = _where()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return StoreFailure(
            "read_only",
            f"strideback cannot write to {where}: it is read-only. Make the folder and file writable "
            "for your account (or choose another with --home), then try again.",
        )
    if "locked" in text or "busy" in text:
        return StoreFailure(
            "busy",
            f"{where[0].upper()}{where[1:]} is busy (an import or another strideback is writing). "
            "Nothing was lost; try again in a minute.",
            retry_after_s=30,
        )
    if "full" in text:
        return StoreFailure("disk_full", "The disk is full: free some space, then try again.")
    return StoreFailure(
        "unreachable",
        f"strideback cannot reach {where}. Check that it is running and that the folder exists and is "
        "readable (or set --home / STRIDEBACK_DATABASE_URL), then try again.",
        retry_after_s=30,
    )
