"""Stored rows that fail the domain's checks are left out of every computation and flagged, never a 500.

Every door validates (domain/bounds.py), but a database written by an older version, or edited by
hand, may hold a row the domain refuses. Reading it must not break a page for good: the row is
skipped, remembered here as (table, id, field) — never its value, which may be a health value — and
the pages show a notice naming it (web/middleware.flagged_records).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from strideback.domain.types import InvalidValue

R = TypeVar("R")
T = TypeVar("T")
log = logging.getLogger("strideback.records")
_flagged: dict[tuple[str, int], str] = {}
_lock = threading.Lock()


def readable(rows: Iterable[R], convert: Callable[[R], T], table: str) -> list[T]:
    """`convert(row)` for each row that passes the domain's checks; the others are flagged."""
    out: list[T] = []
    for row in rows:
        value = readable_one(row, convert, table)
        if value is not None:
            out.append(value)
    return out


def readable_one(row: R | None, convert: Callable[[R], T], table: str) -> T | None:
    if row is None:
        return None
    try:
        return convert(row)
    except InvalidValue as error:
        _flag(table, getattr(row, "pk", 0), error.field)
    except (ValueError, TypeError, OverflowError, KeyError) as error:
        _flag(table, getattr(row, "pk", 0), type(error).__name__)
    return None


def _flag(table: str, row_id: int, field: str) -> None:
    with _lock:
        new = (table, row_id) not in _flagged
        _flagged[(table, row_id)] = field
    if new:  # once per row and process; the field's name only
        log.warning("stored %s row %s fails the checks on %s; left out of every page", table, row_id, field)


def flagged_rows() -> list[tuple[str, int, str]]:
    """(table, id, field) of every stored row found failing the checks in this process."""
    with _lock:
        return sorted((table, row_id, field) for (table, row_id), field in _flagged.items())


def forget_flagged() -> None:
    with _lock:
        _flagged.clear()
