"""Who the data belongs to. Local mode has one person, created on first use."""

from __future__ import annotations

from strideback.store import records


def local_person_id() -> int:
    return records.get_or_create_local_person()
