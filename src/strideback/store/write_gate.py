"""Small writes go first: an import lets a waiting check-in in between its batches (SQLite only).

SQLite has one writer at a time and no queue: a writer that finds the database locked sleeps and polls
(busy_timeout), so a long import that commits a batch and at once begins the next can keep a check-in
waiting for as long as the import runs. The gate is a lock file next to the database:

- every outermost write transaction (`gated_atomic`, which `records.atomic` is) holds it *shared* while
  it waits for and holds SQLite's write lock;
- an import, between two batches (holding no database lock), takes it *exclusive* for a moment, which
  blocks until every waiting small writer has written (`let_waiting_writers_in`).

So a check-in waits at most for the batch in progress. PostgreSQL queues lock waiters fairly: there the
gate does nothing. An in-memory database (the tests) has no other process to wait for: nothing either.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from django.db import connection, transaction

if sys.platform == "win32":  # not POSIX: no gate, SQLite's busy timeout alone
    fcntl = None
else:
    import fcntl


def _gate_path() -> str | None:
    if connection.vendor != "sqlite" or fcntl is None:
        return None
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return name + ".writers"


@contextlib.contextmanager
def _held(path: str, mode: int) -> Iterator[None]:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:  # a read-only or full folder: write without the gate (SQLite decides)
        yield
        return
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def gated_atomic(using: str | None = None, savepoint: bool = True, durable: bool = False) -> Iterator[None]:
    """`transaction.atomic`, holding the gate shared around an outermost transaction on SQLite."""
    path = None if connection.in_atomic_block else _gate_path()
    if path is None:
        with transaction.atomic(using=using, savepoint=savepoint, durable=durable):
            yield
        return
    with _held(path, fcntl.LOCK_SH), transaction.atomic(using=using, savepoint=savepoint, durable=durable):
        yield


def let_waiting_writers_in() -> None:
    """Between an import's batches: block until every small write waiting for the database is done."""
    path = _gate_path()
    if path is None or connection.in_atomic_block:
        return
    with _held(path, fcntl.LOCK_EX):
        pass
