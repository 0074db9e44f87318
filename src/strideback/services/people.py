"""Who the data belongs to. Local mode has one person, created on first use."""

from __future__ import annotations

from strideback.store import records


def local_person_id() -> int:
    return records.get_or_create_local_person()


def data_version(person_id: int) -> int:
    """Changes with every write to the person's records: put it in the key of anything cached."""
    return records.data_version(person_id)


def person_has_data(person_id: int) -> bool:
    """Whether the person has any session or check-in yet (an empty home gets the demo person)."""
    return records.person_has_data(person_id)
