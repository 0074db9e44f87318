"""Writes that may arrive twice: a phone that queued a check-in offline sends it again when it cannot
tell whether its first try got through. The client names each write with a key (a UUID it made); the
first answer for that key is stored in the same transaction as the write, and a replay gets that stored
answer back with nothing written a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError

from strideback.domain.bounds import IDEMPOTENCY_KEY_PATTERN
from strideback.domain.types import InvalidValue
from strideback.store import records
from strideback.store.records import phone

KEY_PATTERN = re.compile(IDEMPOTENCY_KEY_PATTERN)


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    replayed: bool


def check_key(key: str) -> str:
    if not KEY_PATTERN.match(key):
        raise InvalidValue("Idempotency-Key", key, "8 to 64 letters, digits, '-' or '_' (e.g. a UUID)")
    return key


def once(person_id: int, route: str, key: str, write: Callable[[], tuple[int, dict[str, Any]]]) -> Answer:
    """`write()` at most once per (person, route, key); its (status, body) is kept and replayed.

    A server error (5xx, or an exception) keeps nothing, so the client's retry does the write then.
    """
    check_key(key)
    try:
        with records.atomic():
            phone.lock_person(person_id)
            stored = phone.stored_answer(person_id, route, key)
            if stored is not None:
                return Answer(stored.status, stored.body, replayed=True)
            status, body = write()
            if status < 500:
                phone.store_answer(person_id, route, key, status, body)
    except IntegrityError:
        # The same key committed by a concurrent request first: everything above was rolled back.
        stored = phone.stored_answer(person_id, route, key)
        if stored is None:
            raise
        return Answer(stored.status, stored.body, replayed=True)
    return Answer(status, body, replayed=False)
